"""A problem the catalog check finds after an import, said at the workbook's cell.

``phobien import`` checks the catalog it would write as every command does (an unknown
unit, a day 32, a missing Vietnamese name). Those checks name a YAML file, line and
field, which a person working in the workbook never saw: each is taken back to the sheet,
row and column its value came from, by following the problem's field through the data the
workbook was read into (``reading.Contents.origins``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.problems import Problem
from generator.workbook.reading import CellProblem, Contents, Origin

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parts(field: str) -> list[str | int]:
    """``releases[0].day`` → ``['releases', 0, 'day']``, as ``problems.field_path`` wrote it.

    >>> parts("releases[0].day"), parts("office.name"), parts("")
    (['releases', 0, 'day'], ['office', 'name'], [])
    """
    return [int(index) if index else key for key, index in _PART.findall(field)]


def at_cell(problem: Problem, data: Any, contents: Contents) -> CellProblem | None:
    """``problem`` at the cell of the workbook its field was read from, or ``None`` when
    the field is in no entry the workbook holds (a source table's problem)."""
    path = parts(problem.field)
    node, origin, rest = data, contents.origins.get(id(data)), path
    for i, part in enumerate(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if id(node) in contents.origins and isinstance(node, dict):
            origin, rest = contents.origins[id(node)], path[i + 1:]
    if origin is None:
        return None
    keys = tuple(p for p in rest if isinstance(p, str))
    lang = problem.params.get("lang") if problem.code == "missing-translation" else None
    found = _column(origin, (*keys, lang) if isinstance(lang, str) else keys)
    number, column = found if found is not None else (None, None)
    return CellProblem(problem.code, origin.sheet, origin.row, number, column,
                       problem.params)


def _column(origin: Origin, keys: tuple[str, ...]) -> tuple[int, Any] | None:
    """The column of ``keys``, else the first one below it (``name`` → its Vietnamese)."""
    columns: Mapping[tuple[str, ...], tuple[int, Any]] = origin.columns
    if not keys:
        return None
    if keys in columns:
        return columns[keys]
    below = [place for path, place in columns.items() if path[:len(keys)] == keys]
    return min(below, key=lambda place: place[0]) if below else None
