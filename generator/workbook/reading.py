"""A workbook read back into the catalog's plain data (``phobien import``).

Every cell is read as Excel or LibreOffice give it back (a date typed 2027-03-05 comes
back as a datetime, 09:00 as a time or a fraction of a day, 2026 as a number) and turned
into what the YAML held. Every problem is collected, each naming its sheet, row and column,
so that a person fixing the workbook sees all of them at once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from generator.problems import Problem
from generator.words.staff import (
    SHEET_WORDS,
    WORKBOOK_PLACE,
    WORKBOOK_REPORT,
)
from generator.workbook.export import FIRST_ROW
from generator.workbook.sheets import (
    BY_ID,
    KEY,
    LIST_KINDS,
    OWNER,
    POSITION,
    SHEETS,
    Column,
    Kind,
    Sheet,
)


@dataclass(frozen=True)
class CellProblem:
    """One thing wrong in the workbook: a stable code and its sheet, row and column."""

    code: str
    sheet: str  # the sheet's name as the workbook has it
    row: int | None = None
    column: int | None = None  # 1 for A
    header: Column | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def format(self, book: str, lang: str = "vi") -> str:
        """``catalog.xlsx, trang tính 'Sản phẩm', dòng 5, cột C (Mã): ... [code]``"""
        message = Problem(self.code, "", params=self.params).message(lang)
        where = WORKBOOK_PLACE["sheet"][lang].format(book=book, sheet=self.sheet)
        if self.row is not None:
            where += WORKBOOK_PLACE["row"][lang].format(row=self.row)
        if self.column is not None:
            where += WORKBOOK_PLACE["column"][lang].format(
                column=get_column_letter(self.column))
        if self.header is not None:
            where += f" ({self.header.header(lang)})"
        return f"{where}: {message} [{self.code}]"


class WorkbookError(Exception):
    """The workbook has problems; carries all of them: those of its cells, and those the
    catalog check found in files no cell holds (``others``: a source table's)."""

    def __init__(self, book: str, problems: list[CellProblem],
                 others: list[Problem] | None = None) -> None:
        self.book = book
        self.problems = problems
        self.others = others or []
        super().__init__(self.report("en"))

    def report(self, lang: str = "vi") -> str:
        header = WORKBOOK_REPORT[lang].format(count=len(self.problems) + len(self.others))
        return "\n".join([header, *(f"  {p.format(self.book, lang)}" for p in self.problems),
                          *(f"  {p.format(lang)}" for p in self.others)])


@dataclass
class Entry:
    """One row read: its plain data (nested as in YAML) and where it was."""

    data: dict[str, Any]
    origin: Origin

    @property
    def row(self) -> int:
        return self.origin.row


@dataclass(frozen=True)
class Origin:
    """Where an entry's data was read: its sheet, its row, and the column of each field."""

    sheet: str  # the sheet's name as the workbook has it
    row: int
    columns: Mapping[tuple[str, ...], tuple[int, Column]]  # field path → (1 for A, column)


@dataclass
class Contents:
    """The workbook's entries: site.yml's data, the lists' items, the folders' files."""

    site: dict[str, Any]
    lists: dict[str, list[dict[str, Any]]]  # sheet id → items in order
    folders: dict[str, dict[Any, dict[str, Any]]]  # sheet id → key → entry
    # Each entry's origin by the identity of its data (the dicts above, and those nested
    # in them from other sheets), so that a problem the catalog check finds in a file
    # is said at its cell (``workbook/places.py``).
    origins: dict[int, Origin] = field(default_factory=dict)


def read_workbook(path: Path) -> Contents:
    """Read ``path``; raise ``WorkbookError`` with every problem found."""
    problems: list[CellProblem] = []
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a file that is no workbook at all: any of zip, XML, openpyxl
        problems.append(CellProblem("workbook-unreadable", path.name,
                                    params={"detail": str(exc)[:200]}))
        raise WorkbookError(path.name, problems) from None
    names = {_norm(s.name(lang)): s for s in SHEETS for lang in ("vi", "en")}
    instructions = {_norm(SHEET_WORDS["instructions"][lang]) for lang in ("vi", "en")}
    found: dict[str, tuple[str, list[Entry]]] = {}
    for ws in book.worksheets:
        sheet = names.get(_norm(ws.title))
        if sheet is None:
            if _norm(ws.title) not in instructions:
                problems.append(CellProblem("workbook-unknown-sheet", ws.title, params={
                    "allowed": {"vi": ", ".join(s.name() for s in SHEETS),
                                "en": ", ".join(f"{s.name()} ({s.name('en')})" for s in SHEETS)}}))
            continue
        found[sheet.id] = (ws.title, _rows(ws, sheet, problems))
    book.close()
    for sheet in SHEETS:
        if sheet.id not in found:
            problems.append(CellProblem("workbook-missing-sheet", sheet.name()))
            found[sheet.id] = (sheet.name(), [])
    contents = _assemble(found, problems)
    if problems:
        raise WorkbookError(path.name, problems)
    return contents


def _norm(text: Any) -> str:
    return unicodedata.normalize("NFC", str(text or "")).strip().casefold()


def _rows(ws: Any, sheet: Sheet, problems: list[CellProblem]) -> list[Entry]:
    ws.reset_dimensions()  # some writers record a wrong size: read every row there is
    rows = list(ws.iter_rows(values_only=True))
    head_vi = rows[0] if rows else ()
    head_en = rows[1] if len(rows) > 1 else ()
    by_vi = {_norm(c.header("vi")): c for c in sheet.columns}
    by_en = {_norm(c.header("en")): c for c in sheet.columns}
    mapped: dict[int, Column] = {}
    for j in range(max(len(head_vi), len(head_en))):
        vi = head_vi[j] if j < len(head_vi) else None
        en = head_en[j] if j < len(head_en) else None
        column = by_vi.get(_norm(vi)) or by_en.get(_norm(en))
        if column is not None:
            mapped[j] = column
        elif _norm(vi) or _norm(en):
            problems.append(CellProblem("workbook-unknown-column", ws.title, 1, j + 1,
                                        params={"value": str(vi or en)}))
    for column in sheet.columns:
        if column not in mapped.values():
            problems.append(CellProblem("workbook-missing-column", ws.title, 1, params={
                "value": {lang: column.header(lang) for lang in ("vi", "en")}}))
    where = {column.path: (j + 1, column) for j, column in mapped.items()}
    entries = []
    for i, values in enumerate(rows[FIRST_ROW - 1:], start=FIRST_ROW):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        data: dict[str, Any] = {}
        for j, column in mapped.items():
            raw = values[j] if j < len(values) else None
            try:
                value = convert(column, raw)
            except _Bad as bad:
                problems.append(CellProblem(bad.code, ws.title, i, j + 1, column,
                                            {"value": _shown(raw), **bad.params}))
                continue
            if value is None:
                if column.required:
                    problems.append(CellProblem("workbook-missing-cell", ws.title, i, j + 1,
                                                column))
                continue
            _set(data, column.path, value)
        entries.append(Entry(data, Origin(ws.title, i, where)))
    return entries


def _shown(raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        return raw.isoformat(sep=" ")
    return str(raw)


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


class _Bad(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


TIME = re.compile(r"\d{1,2}:\d{2}")
MONTH = re.compile(r"\d{4}-\d{2}")
INTEGER = re.compile(r"[-+]?\d+")
# A whole number as Vietnamese write it, in groups of three: 250.000, 1 250 000.
GROUPED = re.compile(r"\d{1,3}(?:([. \u00a0])\d{3})(?:\1\d{3})*")
# What a person types for yes and no, besides Excel's own TRUE and FALSE.
YES = {"true", "có", "co", "yes", "x", "1"}
NO = {"false", "không", "khong", "no", "0"}
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # as Vietnamese write dates


def convert(column: Column, raw: Any) -> Any:
    """The YAML value of a cell, ``None`` for an empty one."""
    if raw is None or (isinstance(raw, str) and not raw.strip() and column.kind != "text"):
        return None
    if column.kind in LIST_KINDS:
        items = [raw] if not isinstance(raw, str) else [p for p in raw.split(",") if p.strip()]
        kind: Kind = LIST_KINDS[column.kind]  # type: ignore[assignment]
        item = Column(column.path, kind, column.choices)
        return [convert(item, p) for p in items] or None
    return _SCALAR[column.kind](column, raw)


def _text(column: Column, raw: Any) -> str | None:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    text = unicodedata.normalize("NFC", str(raw))
    return text if text != "" else None


def _code(column: Column, raw: Any) -> str | None:
    value = (_text(column, raw) or "").strip()
    if column.choices and value not in column.choices:
        raise _Bad("workbook-bad-choice", allowed=", ".join(column.choices))
    return value or None


def _int(column: Column, raw: Any) -> int:
    if isinstance(raw, bool):
        raise _Bad("workbook-bad-number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and INTEGER.fullmatch(raw.strip()):
        return int(raw.strip())
    if isinstance(raw, str) and GROUPED.fullmatch(raw.strip()):  # a price typed as text
        return int(re.sub(r"\D", "", raw))
    raise _Bad("workbook-bad-number")


def _bool(column: Column, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _norm(raw)
    if word in YES:
        return True
    if word in NO:
        return False
    raise _Bad("workbook-bad-bool")


def _date(column: Column, raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time():
            raise _Bad("workbook-bad-date")
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 0 < raw < 2958466:
        return _date(column, from_excel(raw))
    if isinstance(raw, str):
        text = raw.strip()
        match = DAY_MONTH_YEAR.fullmatch(text)
        try:
            if match:
                return dt.date(int(match[3]), int(match[2]), int(match[1]))
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise _Bad("workbook-bad-date")


def _time(column: Column, raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        raw = raw.time()
    if isinstance(raw, float) and 0 <= raw < 1:  # a time as Excel keeps it: part of a day
        minutes = round(raw * 24 * 60)
        raw = dt.time(minutes // 60, minutes % 60)
    if isinstance(raw, dt.time):
        return raw.strftime("%H:%M")
    if isinstance(raw, str) and TIME.fullmatch(raw.strip()):
        return raw.strip()
    raise _Bad("workbook-bad-time")


def _moment(column: Column, raw: Any) -> Any:
    """A moment as the catalog writes it, ``2026-11-24 15:00``: Excel makes what a person
    types there a date-time cell."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = from_excel(raw)
    if isinstance(raw, dt.datetime):
        return raw.strftime("%Y-%m-%d %H:%M" + (":%S" if raw.second else ""))
    if isinstance(raw, dt.date):
        return raw
    text = unicodedata.normalize("NFC", str(raw))
    try:
        dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise _Bad("workbook-bad-date") from None
    return text


def _month(column: Column, raw: Any) -> str:
    if isinstance(raw, dt.datetime | dt.date):
        return f"{raw.year:04d}-{raw.month:02d}"
    text = str(raw).strip()
    if MONTH.fullmatch(text):
        return text
    raise _Bad("workbook-bad-date")


def _pairs(column: Column, raw: Any) -> dict[str, str]:
    out = {}
    for part in str(raw).split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise _Bad("workbook-bad-pairs")
        out[key.strip()] = unicodedata.normalize("NFC", value.strip())
    return out


_SCALAR = {"text": _text, "code": _code, "int": _int, "bool": _bool, "date": _date,
           "time": _time, "moment": _moment, "month": _month, "pairs": _pairs}


def _assemble(found: dict[str, tuple[str, list[Entry]]],
              problems: list[CellProblem]) -> Contents:
    """The rows as the catalog's entries: each child row put into its owner's list."""
    contents = Contents({}, {}, {})
    owners: dict[str, dict[Any, dict[str, Any]]] = {}
    for sheet in SHEETS:
        title, entries = found[sheet.id]
        contents.origins.update((id(e.data), e.origin) for e in entries)
        if sheet.where == "site":
            contents.site = entries[0].data if entries else {}
        elif sheet.where in ("list", "folder"):
            keyed: dict[Any, dict[str, Any]] = {}
            rows: dict[Any, int] = {}
            column = next(c for c in sheet.columns if c.key == sheet.key)
            at = 1 + sheet.columns.index(column)
            for entry in entries:
                key = entry.data.get(sheet.key)
                if key in rows:
                    problems.append(CellProblem("workbook-duplicate-id", title, entry.row, at,
                                                column, {"value": key, "other": rows[key]}))
                    continue
                if key is not None:
                    rows[key] = entry.row
                    keyed[key] = entry.data
            owners[sheet.id] = keyed
            if sheet.where == "list":
                contents.lists[sheet.id] = [e.data for e in entries]
            else:
                contents.folders[sheet.id] = keyed
        else:
            _attach(sheet, title, entries, owners[sheet.parent], problems)
    return contents


def _attach(sheet: Sheet, title: str, entries: list[Entry],
            owners: dict[Any, dict[str, Any]], problems: list[CellProblem]) -> None:
    groups: dict[Any, list[Entry]] = {}
    for entry in entries:
        owner = entry.data.pop(OWNER, None)
        if owner is None:
            continue  # reported as a missing cell
        if owner not in owners:
            problems.append(CellProblem(
                "workbook-unknown-owner", title, entry.row, 1, sheet.columns[0],
                {"value": owner, "sheet": BY_ID[sheet.parent].name()}))
            continue
        groups.setdefault(owner, []).append(entry)
    for owner, group in groups.items():
        if sheet.mapping:
            owners[owner][sheet.field] = {e.data.pop(KEY): e.data for e in group}
            continue
        # In the order of the position column; rows without one where they stand.
        ordered = sorted(enumerate(group), key=lambda p: (
            p[1].data.get(POSITION, p[0] + 1), p[0]))
        for _, entry in ordered:
            entry.data.pop(POSITION, None)
        owners[owner][sheet.field] = [e.data for _, e in ordered]
