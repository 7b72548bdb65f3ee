"""Reading a dataset's source table (CSV or XLSX) chunk by chunk, typing its columns, and
collecting every problem with its file, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import openpyxl
import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException

from generator.catalog.load import Dataset, inside
from generator.catalog.model import Column
from generator.problems import Problem
from generator.releases.plan import Period
from generator.text import is_slug
from generator.words.site import VALUES
from generator.words.staff import CELL_EXPECTED as EXPECTED
from generator.words.staff import SOURCE_DETAIL, filled

CHUNK_ROWS = 50_000
MAX_CELL_PROBLEMS = 20  # per dataset: enough to see the pattern, not a wall of text
# How a completeness cell may be written: the catalog's code or its label in either
# language, in any case ("Sơ bộ", "sơ bộ", "preliminary").
COMPLETENESS_WORDS = {
    word.casefold(): code
    for code, labels in VALUES["completeness"].items()
    for word in (code, *labels.values())
}


# --- reading and typing ------------------------------------------------------------------


class SourceError(Exception):
    """A source table that cannot be read on: carries every problem found so far."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.format("en") for p in self.problems))


@dataclass
class Chunk:
    """Rows of a source table: typed values, and the missing-value symbol of each cell."""

    values: pd.DataFrame
    symbols: pd.DataFrame
    lines: pd.Series  # the line of each row in the source file


# The row number of a cell as staff see it (the line of a CSV, the row of a sheet), and
# the cells of that row as text.
Rows = Iterator[tuple[int, list[str]]]


class Reader:
    """Reads one dataset's source table chunk by chunk and types its columns.

    The one reader of source tables: the build writes what it reads, ``phobien check``
    (``catalog._read_sources``) only collects its problems, so the two cannot disagree.
    ``quote=False`` keeps cell values out of the messages (a restricted product's table).
    """

    def __init__(
        self, root: Path, dataset: Dataset, display_root: Path, quote: bool = True
    ) -> None:
        self.dataset = dataset
        self.path = inside(root, dataset.source.file)
        self.display = _display(root / dataset.source.file, display_root)
        self.problems: list[Problem] = []
        self.symbols = set(dataset.missing_symbols())
        self.quote = quote
        self.rows = 0  # rows with a figure (or any declared cell) read so far
        # With a completeness column: each (period, completeness) the table holds, and the
        # first line that holds it, for the embargo's verdict on each release's figures.
        self.pairs: dict[tuple[str, str], int] = {}

    def chunks(self) -> Iterator[Chunk]:
        if self.path is None or not self.path.is_file():
            self._fatal("missing-source")
        try:
            xlsx = self.path.suffix.lower() in (".xlsx", ".xlsm")
            yield from self._frames(self._xlsx() if xlsx else self._csv(), xlsx)
        except SourceError:
            raise
        except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError) as exc:
            self._fatal("bad-source", detail=str(exc).splitlines()[0][:200])

    def _fatal(
        self, code: str, line: int | None = None, field: str = "", **params: Any
    ) -> NoReturn:
        """Stop reading: the table cannot be read on. What was found before is kept."""
        params.setdefault("value", self.dataset.source.file)
        raise SourceError([*self.problems, Problem(code, self.display, line, field, params)])

    def _add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_CELL_PROBLEMS:
            self.problems.append(problem)

    def _csv(self) -> Rows:
        assert self.path is not None
        header_row = self.dataset.source.header_row
        number = 0
        with self.path.open(encoding="utf-8-sig", newline="") as f:
            # One record a row, as Excel counts them: a quoted cell may hold a line break.
            for number, cells in enumerate(csv.reader(f), 1):
                if number >= header_row:
                    yield number, cells
        if number < header_row:
            self._beyond_end(number)

    def _xlsx(self) -> Rows:
        assert self.path is not None
        source = self.dataset.source
        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
                EOFError, zlib.error) as exc:
            self._fatal("bad-workbook", detail=str(exc).splitlines()[0][:200] if str(exc) else
                        type(exc).__name__)
        try:
            if source.sheet is None:
                sheet = book.active
            else:
                # Sheet names compare as NFC, as headers do (a workbook saved on macOS).
                names = {unicodedata.normalize("NFC", n): n for n in book.sheetnames}
                if source.sheet not in names:
                    self._fatal("unknown-sheet", field="sheet", value=source.sheet,
                                allowed=", ".join(names))
                sheet = book[names[source.sheet]]
            numbers = source.numbers
            last = 0
            width: int | None = None
            for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
                last = number
                if number < source.header_row:
                    continue
                cells = [_cell_text(v, numbers) for v in row]
                # A sheet has no ragged rows: a row is as wide as the sheet. Cells right of
                # the header line have no column and are not read.
                width = len(cells) if width is None else width
                yield number, (cells + [""] * width)[:width]
            if last < source.header_row:
                self._beyond_end(last)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:  # a member cut short
            self._fatal("bad-workbook", detail=str(exc).splitlines()[0][:200])
        finally:
            book.close()

    def _beyond_end(self, rows: int) -> NoReturn:
        header_row = self.dataset.source.header_row
        if rows == 0:
            self._fatal("empty-table", detail=SOURCE_DETAIL["empty-file"])
        self._fatal("header-row-beyond-end", value=header_row, rows=rows)

    def _frames(self, rows: Rows, xlsx: bool) -> Iterator[Chunk]:
        header = next(rows, None)
        if header is None:  # the reader reported why
            return
        header_line, raw_names = header
        names = _header_names(raw_names)
        self._check_columns(names, header_line)
        width = len(names)
        batch: list[list[str]] = []
        lines: list[int] = []
        # Per row, only what a ragged row needs: at a million rows, Python per cell costs.
        for line, cells in rows:
            if len(cells) != width and not xlsx:
                if not any(c.strip() for c in cells):
                    cells = [""] * width  # an empty line, or a row of empty cells: layout
                elif len(cells) > width and not any(c.strip() for c in cells[width:]):
                    cells = cells[:width]  # empty cells right of the table, as Excel saves
                else:
                    self._ragged(line, cells, names, header_line)
                    continue
            batch.append(cells)
            lines.append(line)
            if len(batch) == CHUNK_ROWS:
                yield self._typed(pd.DataFrame(batch, columns=names), lines)
                batch, lines = [], []
                if len(self.problems) >= MAX_CELL_PROBLEMS:
                    return
        last = self._typed(pd.DataFrame(batch, columns=names), lines)
        if not self.rows and not self.problems:
            self._add(
                Problem(
                    "empty-table",
                    self.display,
                    header_line,
                    params={
                        "value": self.dataset.source.file,
                        "detail": filled(SOURCE_DETAIL["no-rows"], line=header_line),
                    },
                )
            )
        yield last

    def _ragged(self, line: int, cells: list[str], names: list[str], header_line: int) -> None:
        width = len(names)
        if len(cells) > width:
            extra = len(cells) - width
            field = ""
            detail = filled(SOURCE_DETAIL["too-many"], extra=extra)
        else:
            lacking = ", ".join(f"'{n}'" for n in names[len(cells):])
            field = names[len(cells)]
            detail = filled(SOURCE_DETAIL["too-few"], lacking=lacking)
        params = {"cells": len(cells), "width": width, "header_line": header_line,
                  "detail": detail}
        self._add(Problem("ragged-row", self.display, line, field, params))

    def _check_columns(self, present: list[str], header_line: int) -> None:
        found = ", ".join(n for n in present if n.strip()) or "-"
        missing = [
            Problem(
                "unknown-column",
                self.display,
                header_line,
                column.source,
                {"value": column.source, "allowed": found},
            )
            for column in self.dataset.columns
            if column.source not in present
        ]
        if missing:
            raise SourceError([*self.problems, *missing])

    def _typed(self, raw: pd.DataFrame, row_lines: list[int]) -> Chunk:
        lines = pd.Series(row_lines, index=raw.index, dtype="int64")
        # A row with every cell empty is layout, not data.
        declared = [c.source for c in self.dataset.columns]
        keep = (raw[declared].apply(lambda s: s.str.strip()) != "").any(axis=1)
        raw, lines = raw[keep], lines[keep]
        self.rows += len(raw)
        values: dict[str, pd.Series] = {}
        symbols: dict[str, pd.Series] = {}
        for column in self.dataset.columns:
            text = raw[column.source].str.strip().str.normalize("NFC")
            missing = text.isin(self.symbols) | (text == "")
            symbols[column.id] = text.where(missing, "")
            values[column.id] = self._convert(column, text, missing, lines)
        chunk = Chunk(pd.DataFrame(values), pd.DataFrame(symbols), lines)
        self._collect_pairs(chunk)
        return chunk

    def _collect_pairs(self, chunk: Chunk) -> None:
        column = self.dataset.completeness
        if column is None or chunk.values.empty:
            return
        pairs = pd.DataFrame({"p": chunk.values[self.dataset.period],
                              "c": chunk.values[column.id], "line": chunk.lines})
        pairs = pairs.dropna().groupby(["p", "c"], sort=False)["line"].min()
        for (period_id, completeness), line in pairs.items():
            self.pairs.setdefault((str(period_id), str(completeness)), int(line))

    def _convert(
        self, column: Column, text: pd.Series, missing: pd.Series, lines: pd.Series
    ) -> pd.Series:
        if column.type == "period":
            # A period the embargo cannot read would be dropped silently: say so instead.
            # Checked once a distinct value: a table has few periods and many rows.
            readable = [v for v in text.unique() if Period.parse(v) is not None or is_slug(v)]
            ok = missing | text.isin(readable)
            self._report(column, text, ok, lines)
        if column.type == "completeness":
            # Staff write the level as the catalog does, or as the pages name it.
            codes = text.str.casefold().map(COMPLETENESS_WORDS)
            self._report(column, text, missing | codes.notna(), lines)
            return codes.where(~missing & codes.notna(), None).astype(object)
        if column.type in ("string", "code", "period"):
            return text.where(~missing, None).astype(object)
        if column.type == "date":
            parsed = pd.to_datetime(text.where(~missing), format="%Y-%m-%d", errors="coerce")
            alt = pd.to_datetime(text.where(~missing), format="%d/%m/%Y", errors="coerce")
            parsed = parsed.fillna(alt)
            self._report(column, text, missing | parsed.notna(), lines)
            return parsed.dt.date.where(parsed.notna(), None).astype(object)
        cleaned = text.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
        if self.dataset.source.numbers == "vietnamese":
            # 9.061 is nine thousand and sixty-one; 76,88 is seventy-six point eight eight.
            cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        if column.type == "integer":
            ok = cleaned.str.fullmatch(r"[-+]?\d+") | missing
            self._report(column, text, ok, lines)
            return pd.to_numeric(cleaned.where(ok & ~missing), errors="coerce").astype("Int64")
        numbers = pd.to_numeric(cleaned.where(~missing), errors="coerce")
        ok = missing | (numbers.notna() & cleaned.str.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)"))
        self._report(column, text, ok, lines)
        return numbers.where(ok).astype("Float64")

    def _report(self, column: Column, text: pd.Series, ok: pd.Series, lines: pd.Series) -> None:
        expected = EXPECTED.get((column.type, self.dataset.source.numbers)) or EXPECTED[column.type]
        symbols = ", ".join(self.dataset.missing_symbols()) or "-"
        for index in ok.index[~ok.astype(bool)]:
            if len(self.problems) >= MAX_CELL_PROBLEMS:
                return
            self.problems.append(
                Problem(
                    "bad-cell",
                    self.display,
                    int(lines[index]),
                    column.source,
                    {
                        "value": text[index] if self.quote else "…",
                        "column": column.source,
                        "expected": expected,
                        "symbols": symbols,
                    },
                )
            )


def _header_names(cells: Sequence[str]) -> list[str]:
    """Headers as compared with the catalog's ``source``: NFC, as the catalog's own text
    is (a table saved on macOS spells "Kỳ" decomposed, and "no column 'Kỳ'. Its columns:
    Kỳ" helps nobody); a repeated header gets ``.1``, ``.2`` as pandas names them.

    >>> _header_names(["Kỳ", "Giá", "Giá", ""])
    ['Kỳ', 'Giá', 'Giá.1', '']
    """
    names: list[str] = []
    for cell in cells:
        name = base = unicodedata.normalize("NFC", cell)
        count = 0
        while name in names:
            count += 1
            name = f"{base}.{count}"
        names.append(name)
    return names


def _cell_text(value: Any, numbers: str = "plain") -> str:
    """A spreadsheet cell as the text a CSV would hold. A real number cell is written the
    way the source declares numbers, so that ``vietnamese`` reads 205.7 as 205,7 and not
    as two thousand and fifty-seven."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value).replace(".", ",") if numbers == "vietnamese" else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
