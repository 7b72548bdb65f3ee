"""Read a YAML file into plain data plus the line of every field.

Staff-facing messages must name the line of the faulty field, and PyYAML's ordinary
``safe_load`` forgets positions. We compose the node tree (which keeps them), build the
values ourselves and record ``path -> line`` as we go. Duplicate keys, which PyYAML
silently resolves to the last one, are reported: a statistician who writes ``name:``
twice has made a mistake worth hearing about.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from generator.problems import Problem, field_path

try:  # the C parser is several times faster on large catalogs
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """YAML 1.1 reads ``time: 9:00`` as the base-60 number 540. Staff write times that
    way, so numbers here are YAML 1.2's: no base 60, and ``9:00`` stays text."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [
            (tag, regexp)
            for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
        ]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file: its data, where each field is, and the name staff know it by."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    # Each value YAML read as other than text (a number, true/false, a date), as typed:
    # ``price: 250.000`` is read as 250.0, and a message must quote what staff wrote.
    typed: dict[Path_, str] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def nfc(value: Any) -> Any:
    """Vietnamese typed on macOS or exported from Word often arrives decomposed (NFD);
    everything we store, compare and slug is NFC so both behave alike."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


# No catalog file nests deeper than a few levels. Aliases (``*name``) are rebuilt at each
# use, so that every use has its own lines: a file of nested aliases (a "billion laughs")
# or an alias inside its own anchor must stop at a budget, not exhaust memory or the stack.
MAX_DEPTH = 64


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, detail: str) -> None:
        super().__init__(detail)
        self.node = node
        self.detail = detail


# Characters no feed may carry: XML 1.0 refuses them, RFC 5545 too. YAML writes them only
# as escapes ("\x0c", "\0"), or text pasted from elsewhere carries them unseen.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class _BadScalar(Exception):
    def __init__(self, node: yaml.Node, path: Path_, detail: str) -> None:
        super().__init__(detail)
        self.node = node
        self.path = path
        self.detail = detail


class _Builder:
    def __init__(self, doc: Document, problems: list[Problem], budget: int) -> None:
        self.doc = doc
        self.problems = problems
        self.constructor = yaml.constructor.SafeConstructor()
        self.budget = budget

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if len(path) > MAX_DEPTH:
            raise _TooBig(node, f"nested more than {MAX_DEPTH} levels deep (or an alias "
                          "used inside its own anchor)")
        self.budget -= 1
        if self.budget < 0:
            raise _TooBig(node, "aliases (*name) expand to far more values than the file holds")
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = nfc(self._construct(key_node, path))
                if not isinstance(key, str):
                    key = str(key)
                child = (*path, key)
                if key in out:
                    self.problems.append(
                        Problem(
                            "duplicate-key",
                            self.doc.file,
                            key_node.start_mark.line + 1,
                            field_path(child),
                            {"key": key},
                        )
                    )
                self.doc.lines[child] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, child)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        value = nfc(self._construct(node, path))
        if not isinstance(value, str):
            self.doc.typed[path] = node.value
        if isinstance(value, str):
            bad = _CONTROL.search(value)
            if bad is not None:
                self.problems.append(Problem(
                    "control-character", self.doc.file, node.start_mark.line + 1,
                    field_path(path), {"code": f"U+{ord(bad.group()):04X}"}))
        return value

    def _construct(self, node: yaml.Node, path: Path_) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:
            # PyYAML reads ``2026-02-30`` as a date and fails inside the datetime module.
            raise _BadScalar(node, path, str(exc)) from None


def _last_line(text: str, line: int) -> int:
    """The parser may place a fault at the end of the file, past its last line (a key
    without its colon on the last line): name the last line the staff can see instead."""
    lines = len(text.splitlines()) or 1
    return min(line, lines)


def read_yaml(path: Path, display: str, problems: list[Problem]) -> Document | None:
    """Parse ``path``; on failure record a problem and return ``None``.

    ``display`` is the name used in messages (``catalog/products/cpi.yml``).
    """
    doc = Document(display, None)
    line: int | None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem("invalid-yaml", display, None, "", {"detail": exc.strerror}))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(Problem("invalid-yaml", display, line, "", {"detail": str(exc)}))
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = _last_line(text, mark.line + 1) if mark is not None else None
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        problems.append(Problem("invalid-yaml", display, line, "", {"detail": detail}))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (a NUL, a control)
        # libyaml counts bytes of UTF-8, PyYAML's own reader characters.
        if _Base is yaml.SafeLoader:  # pragma: no cover - libyaml missing
            line = text.count("\n", 0, exc.position) + 1
        else:
            line = raw.count(b"\n", 0, exc.position) + 1
        detail = f"character #x{exc.character:04x}: {exc.reason}" if isinstance(
            exc.character, int) else str(exc.reason)
        problems.append(Problem("invalid-yaml", display, line, "", {"detail": detail}))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem("invalid-yaml", display, None, "", {"detail": str(exc)}))
        return None
    if node is None:  # an empty file: its problems are on its first line
        doc.data = None
        doc.lines[()] = 1
        return doc
    try:
        doc.data = _Builder(doc, problems, budget=10 * len(text) + 10_000).build(node, ())
    except _TooBig as exc:
        line = exc.node.start_mark.line + 1
        problems.append(Problem("invalid-yaml", display, line, "", {"detail": exc.detail}))
        return None
    except _BadScalar as exc:
        line = exc.node.start_mark.line + 1
        value = str(exc.node.value)
        if exc.node.tag == "tag:yaml.org,2002:timestamp":
            params = {"value": value if len(value) <= 60 else value[:57] + "…"}
            problems.append(Problem("bad-date", display, line, field_path(exc.path), params))
        else:
            problems.append(Problem("invalid-yaml", display, line, field_path(exc.path),
                                    {"detail": exc.detail[:200]}))
        return None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = _last_line(text, mark.line + 1) if mark is not None else None
        problems.append(Problem("invalid-yaml", display, line, "", {"detail": str(exc.problem)}))
        return None
    return doc
