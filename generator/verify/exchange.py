"""The periods (and each period's release) a served PX or JSON-stat file holds, read from
the file itself as a reader would, not from what the build meant to write: the embargo
check (``figures``) judges them as it judges a CSV's rows.

Each reader gives the same shape as a CSV's columns: the period column's values, and the
completeness column's where the dataset has one, indexed by the file's line (1 first).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from generator.catalog.load import Dataset
from generator.words.site import VALUES

# KEY[lang]("arg","arg")=value; with quoted strings that may hold ; = and ( ).
_KEYWORD = re.compile(r'([A-Z0-9-]+)(?:\[(\w+)\])?(?:\(((?:"[^"]*"|[^)"])*)\))?='
                      r'((?:"[^"]*"|[^;"])*);')
_QUOTED = re.compile(r'"([^"]*)"')


def _levels_by_words() -> dict[str, str]:
    """A completeness code by its words in either language, and by itself."""
    out = {}
    for code, labels in VALUES["completeness"].items():
        out[code] = code
        for label in labels.values():
            out[label] = code
    return out


def px_cells(path: Path, dataset: Dataset) -> dict[str, pd.Series]:
    """The codes of the PX file's period variable (the one named as the dataset's period
    column in any language, or given time values), and each one's release note."""
    text = path.read_text(encoding="utf-8", errors="replace")
    head = text.split("\nDATA=", 1)[0]
    column = next(c for c in dataset.columns if c.id == dataset.period)
    names = {column.label.get(lg) for lg in ("vi", "en")}
    for match in _KEYWORD.finditer(head):
        if match.group(1) == "TIMEVAL" and match.group(3):
            names.update(_QUOTED.findall(match.group(3)))
    periods: list[tuple[int, str]] = []
    labels: dict[str, str] = {}  # a period's label (any language) → its code
    values: dict[str, list[str]] = {}
    notes: list[tuple[int, str, str]] = []  # (line, value label, note)
    for match in _KEYWORD.finditer(head):
        key, args = match.group(1), _QUOTED.findall(match.group(3) or "")
        line = head.count("\n", 0, match.start()) + 1
        if key == "VALUES" and len(args) == 1 and args[0] in names:
            values[args[0]] = _QUOTED.findall(match.group(4))
        elif key == "CODES" and len(args) == 1 and args[0] in names:
            codes = _QUOTED.findall(match.group(4))
            periods.extend((line, c) for c in codes)
            for label, code in zip(values.get(args[0], []), codes, strict=False):
                labels[label] = code
        elif key == "VALUENOTE" and len(args) == 2 and args[0] in names:
            note = _QUOTED.findall(match.group(4))
            notes.append((line, args[1], note[0] if note else ""))
    if dataset.completeness is None:
        return _distinct({dataset.period: pd.Series(
            [c for _, c in periods], index=[line for line, _ in periods], dtype=object)})
    # Every note is judged, in either language: a period noted as a release still to
    # come in English alone is as early as in both.
    words = _levels_by_words()
    rows = [(line, labels.get(value, value), words.get(note, note))
            for line, value, note in notes]
    noted = {code for _, code, _ in rows}
    rows += [(line, code, "") for line, code in periods if code not in noted]
    index = [line for line, _, _ in rows]
    return _distinct({
        dataset.period: pd.Series([c for _, c, _ in rows], index=index, dtype=object),
        dataset.completeness.id: pd.Series([v for _, _, v in rows], index=index, dtype=object),
    })


def jsonstat_cells(path: Path, dataset: Dataset) -> dict[str, pd.Series]:
    """The categories of the JSON-stat file's time dimension (by its role, or by the
    period column's id), and each one's release from the dimension's extension."""
    text = path.read_text(encoding="utf-8", errors="replace")
    data: dict[str, Any] = json.loads(text)
    dimensions = data.get("dimension") or {}
    times = set((data.get("role") or {}).get("time") or []) | {dataset.period}
    codes: list[str] = []
    levels: dict[str, str] = {}
    for name in sorted(times & set(dimensions)):
        category = dimensions[name].get("category") or {}
        index = category.get("index")
        found = (list(index) if isinstance(index, dict | list) else []) \
            or list(category.get("label") or {})
        codes.extend(str(c) for c in found)
        levels.update((dimensions[name].get("extension") or {}).get("completeness") or {})
    lines = [text.count("\n", 0, max(text.find(json.dumps(c, ensure_ascii=False)), 0)) + 1
             for c in codes]
    cells = {dataset.period: pd.Series(codes, index=lines, dtype=object)}
    if dataset.completeness is not None:
        cells[dataset.completeness.id] = pd.Series([str(levels.get(c, "")) for c in codes],
                                                   index=lines, dtype=object)
    return _distinct(cells)


def _distinct(cells: dict[str, pd.Series]) -> dict[str, pd.Series]:
    frame = pd.DataFrame(cells)
    frame = frame[~frame.duplicated()]
    return {name: frame[name] for name in cells}
