"""From pydantic's validation errors to staff messages with file, line and field."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ValidationError

from generator.catalog.model import MAX_DECIMALS
from generator.catalog.yamlsource import Document
from generator.problems import Problem, field_path
from generator.words.staff import YAML_BOUNDS as BOUNDS
from generator.words.staff import YAML_EXPECTED as EXPECTED

_M = typing.TypeVar("_M", bound=BaseModel)




def validate(
    model: type[_M],
    doc: Document | None,
    problems: list[Problem],
    prefix: tuple[str | int, ...] = (),
    data: Any = None,
) -> _M | None:
    if doc is None:
        return None
    value = doc.data if not prefix else data
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(_problem(model, doc, prefix, error, value))
        return None


def _problem(
    model: type[BaseModel], doc: Document, prefix: tuple[str | int, ...], error: Any, data: Any
) -> Problem:
    loc = _real_loc(error["loc"], data)
    path = (*prefix, *loc)
    kind = error["type"]
    line = doc.line(path)
    where = field_path(path)
    # The value as typed when YAML read it as something else (250.000 read as 250.0).
    typed = doc.typed.get(path)
    shown = (typed if len(typed) <= 60 else typed[:57] + "…") if typed else show(error["input"])
    if kind == "missing":
        return Problem("missing-field", doc.file, line, where, {"key": loc[-1]})
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        return Problem(
            "unknown-key", doc.file, line, where, {"key": loc[-1], "allowed": ", ".join(allowed)}
        )
    if kind in ("bad_slug", "bad_time", "bad_moment", "bad_month", "bad_column_id"):
        return Problem(
            kind.replace("_", "-"),
            doc.file,
            line,
            where,
            {
                "value": error["input"]
                if kind in ("bad_slug", "bad_column_id")
                else shown
            },
        )
    if kind in ("literal_error", "enum"):
        allowed = _literal_values(model, loc)
        return Problem(
            "bad-value",
            doc.file,
            line,
            where,
            {"value": shown, "allowed": ", ".join(allowed)},
        )
    if kind == "bad_decimals":
        params = {"value": shown, "high": MAX_DECIMALS}
        return Problem("bad-decimals", doc.file, line, where, params)
    if kind == "too_short":
        return Problem("empty-list", doc.file, line, where)
    if kind in BOUNDS:  # day: 32, a price below zero, a list too long
        limits = {k: show(v) for k, v in error.get("ctx", {}).items()}
        expected = {lang: words.format(**limits) for lang, words in BOUNDS[kind].items()}
        return Problem("out-of-range", doc.file, line, where,
                       {"value": shown, "expected": expected})
    # pydantic's own message is English: the Vietnamese says what is wrong in its words.
    expected = EXPECTED.get(kind) or {"vi": EXPECTED["other"]["vi"], "en": error["msg"]}
    return Problem(
        "wrong-type", doc.file, line, where, {"value": shown, "expected": expected}
    )


def _real_loc(loc: Sequence[str | int], data: Any) -> tuple[str | int, ...]:
    """pydantic's location without the union members it names; a part that is a key of
    the data is the data's, whatever it looks like (a key may be ``int`` or ``a[b``)."""
    out: list[str | int] = []
    value = data
    for part in loc:
        in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        if in_list or (isinstance(value, dict) and part in value):
            value = value[part]
        elif _is_union_tag(part):
            continue
        else:
            value = None
        out.append(part)
    return tuple(out)


def _is_union_tag(part: Any) -> bool:
    # pydantic puts the member of a union it tried ("int", "function-after[...]") in loc.
    return isinstance(part, str) and ("[" in part or part in {"int", "str", "bool", "none"})


def show(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _annotation_at(model: type[BaseModel], loc: Sequence[str | int]) -> Any:
    """Follow a pydantic location through the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else Any
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info is not None else Any
        else:
            return Any
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` to reach the type that matters."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    target = _annotation_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [info.alias or name for name, info in target.model_fields.items()]
    return []


def _literal_values(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    target = _annotation_at(model, loc)
    if typing.get_origin(target) is Literal:
        return [str(v) for v in typing.get_args(target)]
    return []
