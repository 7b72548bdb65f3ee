"""Plain data written as catalog YAML: a new file in the house style, a changed file with
only its changed values' lines changed.

A changed file is loaded in ruamel.yaml's round-trip mode, which keeps comments, quotes
and layout, and only the values that differ from what the file held are replaced: what
staff wrote by hand (a comment, a flow mapping ``{vi: ..., en: ...}``) stays. A new file
is written as ``catalog/products/cpi.yml`` is: block mappings, ``vi:``/``en:`` on their own
lines, short lists of codes as ``[a, b]``, texts double-quoted, codes bare.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from generator.workbook.sheets import field_order, submodel

# Where a block sequence's dash goes: under a key, two spaces in (``  - period: month``);
# in a file that is a list (units.yml), at the start of the line.
NESTED = (4, 2)
TOP = (2, 0)
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./-]*")


def _yaml(indent: tuple[int, int]) -> YAML:
    out = YAML()
    out.preserve_quotes = True
    out.width = 4096  # never fold a long text over several lines
    out.indent(mapping=2, sequence=indent[0], offset=indent[1])
    return out


def _dump(out: YAML, data: Any) -> str:
    buffer = io.StringIO()
    out.dump(data, buffer)
    return buffer.getvalue()


def render(data: Any, model: type[BaseModel] | None) -> str:
    """A new file's text, in the house style."""
    indent = TOP if isinstance(data, list) else NESTED
    return _dump(_yaml(indent), styled(order(data, model), model))


def update(text: str, old: Any, new: Any, model: type[BaseModel] | None) -> str:
    """``text`` (which held ``old``) changed to hold ``new``, its other lines as they were,
    and its line endings: a file saved on Windows keeps its CRLF."""
    if "\r\n" in text:
        return update(text.replace("\r\n", "\n"), old, new, model).replace("\n", "\r\n")
    out = _yaml(TOP if isinstance(old, list) else NESTED)
    for indent in (NESTED, TOP):  # the file's own indentation, where one reproduces it
        candidate = _yaml(indent)
        if _dump(candidate, candidate.load(text)) == text:
            out = candidate
            break
    return _dump(out, merge(out.load(text), old, new, model))


def same(a: Any, b: Any) -> bool:
    """Equal as YAML values: 1 is not true, 2027-01-06 is not 2027-01-06 00:00; an empty
    value (null, [], {}) is no value."""
    a, b = _bare(a), _bare(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, list | dict) and not value)


def _bare(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if not _empty(v)}
    return value


def order(data: Any, model: type[BaseModel] | None) -> Any:
    """``data`` with each mapping's keys in its model's field order."""
    if isinstance(data, list):
        return [order(item, model) for item in data]
    if not isinstance(data, dict):
        return data
    rank = {key: i for i, key in enumerate(field_order(model))} if model else {}
    keys = sorted(data, key=lambda k: rank.get(k, len(rank)))
    return {k: order(data[k], submodel(model, k)) for k in keys}


def styled(value: Any, model: type[BaseModel] | None, text: bool = False) -> Any:
    """``value`` as ruamel nodes in the house style."""
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[_key(k)] = styled(v, submodel(model, k), text=k in ("vi", "en"))
        return node
    if isinstance(value, list):
        seq = CommentedSeq(styled(v, model) for v in value)
        if all(not isinstance(v, dict | list) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if text or not _bare_code(value):
            return DoubleQuotedScalarString(value)
    return value


def _key(key: Any) -> Any:
    return key if not isinstance(key, str) or _bare_code(key) else DoubleQuotedScalarString(key)


def _bare_code(value: str) -> bool:
    """A code (``tk-kinh-te``, ``sources/cpi.csv``) is written bare when YAML reads it
    back as that same text: ``2026``, ``09:00`` and ``yes`` need quotes."""
    if not CODE.fullmatch(value):
        return False
    try:
        return bool(yaml.safe_load(value) == value)
    except yaml.YAMLError:
        return False


def merge(node: Any, old: Any, new: Any, model: type[BaseModel] | None,
          text: bool = False) -> Any:
    """``node`` (ruamel's, holding ``old``) made to hold ``new``, touching only what
    differs; an empty value the file holds (``releases: []``) stays when the workbook has
    none."""
    if same(old, new):
        return node
    if isinstance(node, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
        for key in list(node):
            if key not in new and not _empty(old.get(key)):
                del node[key]
        rank = {k: i for i, k in enumerate(field_order(model))} if model else {}
        for key, value in new.items():
            if key in node:
                merged = merge(node[key], old.get(key), value, submodel(model, key),
                               key in ("vi", "en"))
                if merged is not node[key]:
                    node[key] = merged
                continue
            later = [i for i, k in enumerate(node) if rank.get(k, len(rank)) >
                     rank.get(key, len(rank))]
            node.insert(later[0] if later else len(node), _key(key),
                        styled(order(value, submodel(model, key)), submodel(model, key),
                               key in ("vi", "en")))
        return node
    if isinstance(node, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
        for i, value in enumerate(new[: len(node)]):
            merged = merge(node[i], old[i] if i < len(old) else None, value, model)
            if merged is not node[i]:
                node[i] = merged
        del node[len(new):]
        for value in new[len(node):]:
            node.append(styled(order(value, model), model))
        return node
    if isinstance(node, DoubleQuotedScalarString) and isinstance(new, str) and "\n" not in new:
        return DoubleQuotedScalarString(new)  # quoted as it was
    if isinstance(new, dt.datetime) and isinstance(node, dt.datetime):
        return new
    return styled(order(new, model), model, text)
