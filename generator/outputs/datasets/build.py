"""Datasets: source tables in ``catalog/`` read, typed, embargoed and written for download.

The third stage's data half (catalog → releases → pages, feeds, datasets → publish).
Every dataset belongs to a product; each row carries a reference period, and a row is
written only once a release of that period has come (history older than every scheduled
release counts as published). Sources are read in chunks and every format is written
as the chunks pass, so memory stays flat however long a source is (a declared ``sort``
is the exception: sorting needs the whole table).

Files per dataset: CSV (UTF-8 with a byte-order mark so that Excel reads Vietnamese,
RFC 4180 line ends), XLSX (a data sheet and a metadata sheet), JSON, Parquet and a
Frictionless ``datapackage.json``. The latest files are cached by a hash of everything
they depend on; each release's vintage is frozen the first time it is built and never
rebuilt, so that it stays what was published that day.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import unicodedata
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import numpy.typing as npt
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter
from openpyxl.utils.exceptions import InvalidFileException

from generator import i18n
from generator import workers as workers_mod
from generator.catalog.load import Catalog, Dataset, inside
from generator.catalog.model import MAX_DECIMALS, Column, Source
from generator.outputs import charts
from generator.outputs.datasets.embargo import Embargo, release_problems
from generator.outputs.datasets.revisions import NAME as REVISIONS
from generator.outputs.datasets.revisions import RevisionGlance, ordered, revision_dataset, stamped
from generator.problems import Problem
from generator.releases.plan import Period, Release, Schedule
from generator.text import is_slug

log = logging.getLogger("phobien")

FORMAT_VERSION = "4"  # bump when the writers change, so that caches are rebuilt
# Bump when what pages show of a table changes (the preview, decimals, the chart): a
# vintage's manifest of another version gets them again from the vintage's own CSV.
DISPLAY_VERSION = 2
CHUNK_ROWS = 50_000
XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header row
PREVIEW_ROWS = 10
CHART_POINTS = 60
MAX_CELL_PROBLEMS = 20  # per dataset: enough to see the pattern, not a wall of text
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "datapackage": "application/json",
}
ARROW_TYPES = {
    "string": pa.string(),
    "code": pa.string(),
    "period": pa.string(),
    "completeness": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "date": pa.date32(),
}
TABLE_SCHEMA_TYPES = {
    "string": "string",
    "code": "string",
    "period": "string",
    "completeness": "string",
    "integer": "integer",
    "number": "number",
    "date": "date",
}
# How a completeness cell may be written: the catalog's code or its label in either
# language, in any case ("Sơ bộ", "sơ bộ", "preliminary").
COMPLETENESS_WORDS = {
    word.casefold(): code
    for code, labels in i18n.VALUES["completeness"].items()
    for word in (code, *labels.values())
}
# What a cell of each type may hold, by column type, or by type and the source's
# ``numbers`` (how the table writes numbers: the message shows the form it expects).
EXPECTED: dict[Any, dict[str, str]] = {
    "completeness": {
        "vi": "một mức độ hoàn chỉnh (ước tính, sơ bộ, chính thức, điều chỉnh)",
        "en": "a completeness level (estimate, preliminary, official, revised)"},
    "period": {"vi": "một kỳ báo cáo (2026-11, 2026-q3, 2026-h1, 2026-9m, 2026)",
               "en": "a reference period (2026-11, 2026-q3, 2026-h1, 2026-9m, 2026)"},
    "integer": {"vi": "một số nguyên", "en": "a whole number"},
    "number": {"vi": "một số", "en": "a number"},
    "date": {"vi": "một ngày (YYYY-MM-DD hoặc DD/MM/YYYY)",
             "en": "a date (YYYY-MM-DD or DD/MM/YYYY)"},
    ("integer", "plain"): {"vi": "một số nguyên viết như 1234 (numbers: plain)",
                           "en": "a whole number written as 1234 (numbers: plain)"},
    ("integer", "vietnamese"): {"vi": "một số nguyên viết như 1.234 (numbers: vietnamese)",
                                "en": "a whole number written as 1.234 (numbers: vietnamese)"},
    ("number", "plain"): {"vi": "một số viết như 1234.5 (numbers: plain)",
                          "en": "a number written as 1234.5 (numbers: plain)"},
    ("number", "vietnamese"): {"vi": "một số viết như 1.234,5 (numbers: vietnamese)",
                               "en": "a number written as 1.234,5 (numbers: vietnamese)"},
}


# --- what a build produces ---------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """One file offered to users."""

    format: str  # csv, xlsx, json, parquet, datapackage
    name: str  # file name in the dataset's folder
    size: int
    sha256: str
    media_type: str


@dataclass
class Built:
    """A dataset's files as of the latest release, or as of one release (a vintage)."""

    dataset: Dataset
    key: str  # "" for the latest; the release id without the product for a vintage
    release: Release | None
    directory: Path  # where the files are (cache or vintage store)
    rows: int = 0
    downloads: list[Download] = field(default_factory=list)
    preview: list[list[Any]] = field(default_factory=list)  # typed values, None = missing
    preview_symbols: list[list[str]] = field(default_factory=list)
    decimals: dict[str, int] = field(default_factory=dict)  # number column → shown decimals
    chart_svg: dict[str, str] = field(default_factory=dict)  # language → SVG
    truncated_xlsx: bool = False
    from_cache: bool = False
    # What was known when: the revision table's files, and the rows the page shows of it.
    revisions: list[Download] = field(default_factory=list)
    revision_rows: list[list[Any]] = field(default_factory=list)
    revision_symbols: list[list[str]] = field(default_factory=list)

    @property
    def address(self) -> str:
        """Where the files are served, below the site root."""
        base = f"datasets/{self.dataset.id}/"
        return base + (f"{self.key}/" if self.key else "")


@dataclass
class DatasetBuild:
    """Every dataset of the site: the latest files and each release's vintage."""

    latest: dict[str, Built] = field(default_factory=dict)
    vintages: dict[str, list[Built]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # what was built, not taken from cache
    _by_release: dict[str, list[Built]] | None = field(default=None, repr=False)

    def of_release(self, release_id: str) -> list[Built]:
        # Built once per build, after the vintages are complete; every release page asks.
        if self._by_release is None:
            self._by_release = {}
            for built in (b for bs in self.vintages.values() for b in bs):
                if built.release is not None:
                    self._by_release.setdefault(built.release.id, []).append(built)
        return self._by_release.get(release_id, [])

    def files(self) -> Iterator[tuple[str, Path]]:
        """Every output file: (address below the site root, file on disk)."""
        for built in [*self.latest.values(), *(b for bs in self.vintages.values() for b in bs)]:
            for download in [*built.downloads, *built.revisions]:
                yield built.address + download.name, built.directory / download.name


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
            self._fatal("empty-table", detail={"vi": "tệp trống", "en": "the file is empty"})
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
                        "detail": {
                            "vi": f"không có dòng nào dưới dòng tiêu đề (dòng {header_line})",
                            "en": f"there is no row below the header line (line {header_line})",
                        },
                    },
                )
            )
        yield last

    def _ragged(self, line: int, cells: list[str], names: list[str], header_line: int) -> None:
        width = len(names)
        if len(cells) > width:
            extra = len(cells) - width
            field = ""
            detail = {
                "vi": f": thừa {extra} ô; thường do một số có dấu phẩy (như 76,88) không nằm "
                "trong ngoặc kép",
                "en": f": {extra} too many; usually a number with a comma (such as 76,88) "
                "that is not in double quotes",
            }
        else:
            lacking = ", ".join(f"'{n}'" for n in names[len(cells):])
            field = names[len(cells)]
            detail = {"vi": f": thiếu ô của cột {lacking}", "en": f": no cell for {lacking}"}
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


# --- writing -----------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe.

    >>> neutralise("=SUM(A1)"), neutralise("-5 điểm"), neutralise("Hà Nội")
    ("'=SUM(A1)", "'-5 điểm", 'Hà Nội')
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_number(value: float) -> str:
    """The shortest text that reads back as the same number, without an exponent.

    >>> _csv_number(76.88), _csv_number(9061.0), _csv_number(1e-05)
    ('76.88', '9061', '0.00001')
    """
    text = repr(value)
    if "e" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text.removesuffix(".0")


class Writers:
    """Writes every format of one dataset as chunks pass.

    Each format takes a chunk a column at a time. Per-cell work runs in C (numpy, ``map``
    over built-in methods, the csv module's ``writerows``), not in Python code per row:
    at a hundred thousand rows a dataset, Python per cell made dataset writing most of a
    publish. Only XLSX still goes row by row, because xlsxwriter's streaming mode writes
    each row as it is given.
    """

    def __init__(
        self,
        dataset: Dataset,
        directory: Path,
        lang: str,
        created: dt.datetime,
        context: dict[str, str],
        name: str | None = None,
        spreadsheet: bool = True,
    ) -> None:
        """``name`` names the files (the dataset's id by default); without ``spreadsheet``
        only the CSV, JSON and Parquet files are written (the revision table)."""
        self.dataset = dataset
        self.directory = directory
        self.lang = lang
        self.columns = dataset.columns
        self.rows = 0
        self.truncated = False
        self.name = name = name or dataset.id
        directory.mkdir(parents=True, exist_ok=True)
        self.csv_file = (directory / f"{name}.csv").open("w", encoding="utf-8-sig", newline="")
        self.csv = csv.writer(self.csv_file, lineterminator="\r\n")
        self.csv.writerow([c.id for c in self.columns])
        self.json_file = (directory / f"{name}.json").open("w", encoding="utf-8", newline="\n")
        self.json_file.write("[")
        # What json.dumps puts before each value of a row object, so that each row reads
        # exactly as json.dumps(row, ensure_ascii=False) would write it.
        self.json_keys = [
            ("{" if i == 0 else ", ") + encode_basestring(c.id) + ": "
            for i, c in enumerate(self.columns)
        ]
        self.schema = pa.schema([(c.id, ARROW_TYPES[c.type]) for c in self.columns])
        self.parquet = pq.ParquetWriter(directory / f"{name}.parquet", self.schema)
        self.context = context
        self.glance = Glance(dataset)
        self.book: xlsxwriter.Workbook | None = None
        if not spreadsheet:
            return
        self.book = xlsxwriter.Workbook(
            directory / f"{name}.xlsx",
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.book.set_properties(
            {"title": dataset.title.get(lang), "created": created, "comments": "phobien"}
        )
        self.sheet = self.book.add_worksheet("du-lieu" if lang == "vi" else "data")
        bold = self.book.add_format({"bold": True})
        for col, column in enumerate(self.columns):
            self.sheet.write_string(0, col, column.label.get(lang), bold)

    def write(self, chunk: Chunk) -> None:
        if chunk.values.empty:
            return
        cells = [_Cells.of(column, chunk) for column in self.columns]
        self._write_csv(cells)
        self._write_json(cells)
        if self.book is not None:
            self._write_xlsx(cells)
        self._write_parquet(chunk)
        self.glance.add(chunk)
        self.rows += len(chunk.values)

    def _write_csv(self, cells: Sequence[_Cells]) -> None:
        self.csv.writerows(zip(*(_csv_texts(c) for c in cells), strict=True))

    def _write_json(self, cells: Sequence[_Cells]) -> None:
        # Each row as json.dumps writes it, after the ",\n" that ends the row before.
        parts: list[Iterable[str]] = [repeat(",\n")]
        for key, column in zip(self.json_keys, cells, strict=True):
            parts += [repeat(key), _json_texts(column)]
        parts.append(repeat("}"))
        # zip stops at the end of the columns; the repeats are endless.
        lines = map("".join, zip(*parts, strict=False))
        if not self.rows:
            self.json_file.write("\n" + next(lines).removeprefix(",\n"))
        # Line by line: joining a chunk into one text first would hold it twice more.
        self.json_file.writelines(lines)

    def _write_xlsx(self, cells: Sequence[_Cells]) -> None:
        room = XLSX_MAX_ROWS - self.rows
        if len(cells[0].missing) > room:
            self.truncated = True
        if room <= 0:
            return
        # Each cell is already a float, a text or None, so the write method is picked with
        # one test: write_row would try every type it knows, for every cell.
        text, number = self.sheet.write_string, self.sheet.write_number
        columns = [_xlsx_values(c)[:room] for c in cells]
        for row, values in enumerate(zip(*columns, strict=True), start=self.rows + 1):
            for col, value in enumerate(values):
                if value is None:
                    continue
                if value.__class__ is str:
                    text(row, col, value)
                else:
                    number(row, col, value)

    def _write_parquet(self, chunk: Chunk) -> None:
        table = pa.Table.from_pandas(
            _arrow_ready(chunk.values, self.columns), schema=self.schema, preserve_index=False
        )
        self.parquet.write_table(table)

    def close(self) -> list[Download]:
        self.csv_file.close()
        self.json_file.write("\n]\n" if self.rows else "]\n")
        self.json_file.close()
        self.parquet.close()
        if self.book is None:
            return [_download(self.directory, fmt, f"{self.name}.{fmt}")
                    for fmt in ("csv", "json", "parquet")]
        self._metadata_sheet()
        self.book.close()
        names = [(fmt, f"{self.name}.{fmt}") for fmt in ("csv", "xlsx", "json", "parquet")]
        downloads = [_download(self.directory, fmt, name) for fmt, name in names]
        package = datapackage(self.dataset, downloads[0], self.context)
        (self.directory / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        downloads.append(_download(self.directory, "datapackage", "datapackage.json"))
        return downloads

    def _metadata_sheet(self) -> None:
        ds, book = self.dataset, self.book
        assert book is not None
        sheet = book.add_worksheet("thong-tin" if self.lang == "vi" else "metadata")
        bold = book.add_format({"bold": True})
        rows: list[list[str]] = [
            ["Tên / Title", ds.title.get("vi"), ds.title.get("en")],
            ["Mô tả / Description", ds.description.get("vi"), ds.description.get("en")],
            *([["Ghi chú / Notes", ds.notes.get("vi"), ds.notes.get("en")]] if ds.notes else []),
            *[[k, v] for k, v in self.context.items()],
            [],
            ["Cột / Column", "Nhãn / Label (vi)", "Label (en)", "Kiểu / Type", "Đơn vị / Unit"],
            *[
                [
                    c.id,
                    c.label.get("vi"),
                    c.label.get("en"),
                    c.type,
                    c.unit.get(self.lang) if c.unit else "",
                ]
                for c in ds.columns
            ],
            [],
            ["Ký hiệu / Symbol", "Ý nghĩa", "Meaning"],
            *[
                [sym, meaning.get("vi"), meaning.get("en")]
                for sym, meaning in ds.missing_symbols().items()
            ],
        ]
        if self.truncated:
            rows.append(
                [
                    "",
                    f"Chỉ {XLSX_MAX_ROWS} dòng đầu; tải CSV hoặc Parquet để có đủ.",
                    f"First {XLSX_MAX_ROWS} rows only; the CSV and Parquet files have all.",
                ]
            )
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value or "", bold if c == 0 else None)


class Glance:
    """What pages show of a table, gathered as its chunks pass: the rows of the newest
    periods (newest first, in table order within a period), the decimals each number
    column is shown with, and the last rows for the chart (in table order)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.rows = 0
        # (period rank, row number, values, symbols) of the newest rows so far
        self.newest: list[tuple[int, int, list[Any], list[str]]] = []
        self.carried = {c.id: 0 for c in dataset.columns if c.type == "number"}
        self.tail: deque[list[Any]] = deque(maxlen=CHART_POINTS)

    def add(self, chunk: Chunk) -> None:
        values = chunk.values
        count = len(values)
        if not count:
            return
        rank = period_ranks(values[self.dataset.period])
        # Newest period first; within a period, the table's own order.
        top = np.lexsort((np.arange(count), -rank))[:PREVIEW_ROWS]
        records = _records(values.iloc[top])
        symbols = chunk.symbols.iloc[top].to_numpy().tolist()
        self.newest.extend(
            (int(rank[i]), self.rows + int(i), row, marks)
            for i, row, marks in zip(top.tolist(), records, symbols, strict=True)
        )
        self.newest.sort(key=lambda item: (-item[0], item[1]))
        del self.newest[PREVIEW_ROWS:]
        for name, seen in self.carried.items():
            numbers = values[name].to_numpy(dtype="float64", na_value=np.nan)
            self.carried[name] = max(seen, decimals_carried(numbers))
        self.tail.extend(_records(values.iloc[-CHART_POINTS:]))
        self.rows += count

    @property
    def preview(self) -> list[list[Any]]:
        return [row for _, _, row, _ in self.newest]

    @property
    def preview_symbols(self) -> list[list[str]]:
        return [marks for _, _, _, marks in self.newest]

    def decimals(self) -> dict[str, int]:
        """Each number column's decimals: as declared, else the most its values carry."""
        return {
            c.id: c.decimals if c.decimals is not None else self.carried.get(c.id, 0)
            for c in self.dataset.columns
            if c.type in ("integer", "number")
        }


def period_ranks(periods: pd.Series) -> npt.NDArray[np.int64]:
    """A rank for each row's period, higher when the period ends later; -1 for a value
    that is not a period. Periods ending the same month (2026, 2026-q4) rank the same."""
    ranks: dict[Any, int] = {}
    for value in periods.dropna().unique().tolist():
        parsed = Period.parse(str(value))
        ranks[value] = -1 if parsed is None else parsed.year * 12 + parsed.end_month
    out: npt.NDArray[np.int64] = periods.map(ranks).fillna(-1).to_numpy(dtype="int64")
    return out


def decimals_carried(values: npt.NDArray[np.float64]) -> int:
    """The fewest decimals that write every value exactly, at most ``MAX_DECIMALS``.

    >>> decimals_carried(np.array([107.0, 103.9, 105.83, np.nan]))
    2
    """
    finite = values[np.isfinite(values)]
    for places in range(MAX_DECIMALS):
        scaled = finite * 10.0**places
        if np.allclose(scaled, np.rint(scaled), rtol=1e-12, atol=1e-9):
            return places
    return MAX_DECIMALS


@dataclass(frozen=True)
class _Cells:
    """One column of a chunk as numpy arrays, which every format's writer starts from."""

    column: Column
    missing: npt.NDArray[np.bool_]
    marks: npt.NDArray[np.object_]  # each cell's missing-value symbol, "" if none
    # float64 for numbers (NaN where missing), int64 for integers (0 where missing);
    # otherwise text, dates in ISO form, with the cell's symbol where missing.
    values: npt.NDArray[Any]

    @classmethod
    def of(cls, column: Column, chunk: Chunk) -> _Cells:
        series = chunk.values[column.id]
        missing = series.isna().to_numpy(dtype=bool)
        marks = chunk.symbols[column.id].to_numpy(dtype=object)
        values: npt.NDArray[Any]
        if column.type == "number":
            values = series.to_numpy(dtype="float64", na_value=np.nan)
        elif column.type == "integer":
            values = series.to_numpy(dtype="int64", na_value=0)
        else:
            values = series.to_numpy(dtype=object, copy=True)
            if column.type == "date":
                values[~missing] = _objects(map(str, values[~missing]), int((~missing).sum()))
            values[missing] = marks[missing]
        return cls(column, missing, marks, values)


def _objects(items: Iterable[Any], count: int) -> npt.NDArray[np.object_]:
    return np.fromiter(items, dtype=object, count=count)


def _csv_texts(cells: _Cells) -> list[str]:
    """The column's CSV cells, as ``neutralise`` and ``_csv_number`` would write them."""
    values, missing, count = cells.values, cells.missing, len(cells.missing)
    if cells.column.type == "number":
        texts = _objects(
            map(str.removesuffix, map(float.__repr__, values.tolist()), repeat(".0")), count
        )
        # repr writes an exponent below 1e-4 and from 1e16: rare enough to do one by one.
        size = np.abs(values)
        exponent = (size >= 1e16) | ((size < 1e-4) & (size > 0))
        texts[exponent] = _objects(map(_csv_number, values[exponent].tolist()),
                                   int(exponent.sum()))
    elif cells.column.type == "integer":
        texts = _objects(map(int.__repr__, values.tolist()), count)
    elif cells.column.type == "date":
        return list(values.tolist())
    else:
        texts = values.copy()
        formula = np.fromiter(
            map(str.startswith, values.tolist(), repeat(FORMULA_START)), dtype=bool, count=count
        )
        texts[formula] = np.add("'", texts[formula])
    texts[missing] = cells.marks[missing]  # last: a symbol such as "-" is never neutralised
    return list(texts.tolist())


def _json_texts(cells: _Cells) -> list[str]:
    """The column's JSON values, as json.dumps(value, ensure_ascii=False) writes them."""
    values, count = cells.values, len(cells.missing)
    if cells.column.type == "number":
        # json.dumps writes a float as its repr, the shortest text that reads back the same.
        texts = _objects(map(float.__repr__, values.tolist()), count)
    elif cells.column.type == "integer":
        texts = _objects(map(int.__repr__, values.tolist()), count)
    else:
        texts = _objects(map(encode_basestring, values.tolist()), count)
    texts[cells.missing] = "null"
    return list(texts.tolist())


def _xlsx_values(cells: _Cells) -> list[Any]:
    """The column's XLSX cells: a float, a text, or None for an empty cell."""
    if cells.column.type in ("integer", "number"):
        values = cells.values.astype(np.float64).astype(object)
        values[cells.missing] = cells.marks[cells.missing]
    else:
        values = cells.values.copy()
    values[cells.missing & (cells.marks == "")] = None
    return list(values.tolist())


def _records(values: pd.DataFrame) -> list[list[Any]]:
    out = values.astype(object).where(values.notna(), None)
    return [[None if v is pd.NA else v for v in row] for row in out.to_numpy().tolist()]


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return value
    return value


def _arrow_ready(values: pd.DataFrame, columns: Sequence[Column]) -> pd.DataFrame:
    out = {}
    for column in columns:
        series = values[column.id]
        if column.type == "integer":
            out[column.id] = series.astype("Int64")
        elif column.type == "number":
            out[column.id] = series.astype("Float64")
        else:
            out[column.id] = series.astype(object).where(series.notna(), None)
    return pd.DataFrame(out)


def _download(directory: Path, fmt: str, name: str) -> Download:
    digest = hashlib.sha256()
    path = directory / name
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return Download(fmt, name, path.stat().st_size, digest.hexdigest(), MEDIA_TYPES[fmt])


def datapackage(dataset: Dataset, csv_file: Download, context: dict[str, str]) -> dict[str, Any]:
    """A Frictionless Data Package describing the CSV with a Table Schema."""
    symbols = dataset.missing_symbols()
    fields = []
    for column in dataset.columns:
        spec: dict[str, Any] = {
            "name": column.id,
            "title": column.label.get("vi"),
            "type": TABLE_SCHEMA_TYPES[column.type],
            "description": " / ".join(
                x
                for x in (
                    column.label.get("en"),
                    column.unit.get("vi") if column.unit else "",
                    column.note.get("vi") if column.note else "",
                )
                if x
            ),
        }
        if column.type == "date":
            spec["format"] = "%Y-%m-%d"
        fields.append(spec)
    return {
        "profile": "tabular-data-package",
        "name": dataset.id,
        "title": dataset.title.get("vi"),
        "description": dataset.description.get("vi"),
        "resources": [
            {
                "name": dataset.id,
                "path": csv_file.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv_file.size,
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": {
                    "fields": fields,
                    "missingValues": ["", *symbols],
                },
            }
        ],
        "phobien": {
            "title_en": dataset.title.get("en"),
            "description_en": dataset.description.get("en"),
            "missing": {s: {"vi": m.get("vi"), "en": m.get("en")} for s, m in symbols.items()},
            "neutralised": "Text cells starting with = + - @ carry a leading apostrophe.",
            **context,
        },
    }


# --- the build ---------------------------------------------------------------------------


def build_datasets(
    catalog: Catalog,
    schedule: Schedule,
    work_dir: Path,
    display_root: Path,
    progress: bool = False,
    freeze: bool = True,
    workers: int | None = None,
) -> DatasetBuild:
    """Build every public dataset's latest files and any release vintage not yet frozen.

    ``catalog`` must be the public view. Nothing is written to the site here: files go
    to ``work_dir`` (a cache and the vintage store) and the caller publishes them.

    Datasets missing from the cache are built in ``workers`` processes at once: by
    default one per CPU and at most one per dataset to build, or none (all in this
    process) when the sources to build are too small to repay starting processes.
    Whatever the count, the files are the same and the result comes in catalog order.
    Workers are started as multiprocessing's "spawn" does, which runs the main script
    again in each: a script that builds datasets needs the usual
    ``if __name__ == "__main__":`` guard.
    """
    result = DatasetBuild()
    datasets = list(catalog.datasets)
    bar = _progress(len(datasets), progress)
    releases = [schedule.of_product(d.product) for d in datasets]
    languages = tuple(catalog.site.languages)
    cached: list[Built | None] = []
    jobs: dict[int, _Job] = {}
    for i, (dataset, ofs) in enumerate(zip(datasets, releases, strict=True)):
        embargo = Embargo.of(ofs)
        state = embargo.state(by_release=dataset.completeness is not None)
        directory = work_dir / "cache" / dataset.id / _key(catalog, dataset, state)
        cached.append(_cached(dataset, directory, "", None, languages))
        if cached[-1] is not None:
            bar(dataset.id)
            continue
        jobs[i] = _Job(
            dataset,
            catalog.root,
            display_root,
            directory,
            embargo,
            catalog.site.default_language,
            languages,
        )
    outcomes = dict(zip(jobs, _run_jobs(list(jobs.values()), workers, bar), strict=True))
    for i, (dataset, ofs) in enumerate(zip(datasets, releases, strict=True)):
        built = cached[i]
        if i in outcomes:
            result.problems.extend(outcomes[i].problems)
            built = outcomes[i].built
            if built is not None:
                built.dataset = dataset  # the caller's own object, not a worker's copy
                result.rebuilt.append(dataset.id)
        if built is not None:
            result.latest[dataset.id] = built
            result.vintages[dataset.id] = _vintages(
                dataset, built, ofs, work_dir, result, freeze, languages
            )
    return result


@dataclass(frozen=True)
class _Job:
    """What building one dataset's latest files needs: small, to be sent to a worker."""

    dataset: Dataset
    root: Path  # the catalog's folder
    display_root: Path
    directory: Path
    embargo: Embargo
    lang: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class _Outcome:
    built: Built | None  # None when the source has problems
    problems: list[Problem]


# Below this much source to build, starting worker processes costs more than it saves:
# a few tenths of a second, and more the first time, while pandas and pyarrow load.
POOL_MIN_BYTES = 4_000_000


def _run_jobs(
    jobs: Sequence[_Job], workers: int | None, bar: Callable[[str], None]
) -> list[_Outcome]:
    """Each job's outcome, in the order of ``jobs``."""
    count = min(workers if workers is not None else (os.cpu_count() or 1), len(jobs))
    if workers is None and sum(_source_size(j) for j in jobs) < POOL_MIN_BYTES:
        count = 1
    if count <= 1:
        outcomes = []
        for job in jobs:
            outcomes.append(_run(job))
            bar(job.dataset.id)
        return outcomes
    # Not fork: the caller may have threads (mkdocs serve does), and a forked child can
    # inherit a lock one of them held. Not the fork server either: it would stay, with
    # pandas and pyarrow loaded (180 MB at size M), beside the rest of the build; spawned
    # workers end with the pool, for about the same start-up.
    with workers_mod.pool(count) as pool:
        futures = {pool.submit(_run, job): job.dataset.id for job in jobs}
        try:
            for future in as_completed(futures):
                bar(futures[future])
            return [future.result() for future in futures]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _source_size(job: _Job) -> int:
    source = inside(job.root, job.dataset.source.file)
    return source.stat().st_size if source is not None and source.is_file() else 0


def _run(job: _Job) -> _Outcome:
    try:
        return _build(job)
    except SourceError as exc:
        # The problems, not the exception: a worker's exception comes back through
        # pickle, which would rebuild it from its message alone.
        return _Outcome(None, exc.problems)


def _progress(total: int, enabled: bool) -> Any:
    if not enabled or total == 0:
        return lambda name: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="datasets", unit="dataset", leave=False)

    def step(name: str) -> None:
        bar.set_postfix_str(name, refresh=False)
        bar.update(1)
        if bar.n >= total:
            bar.refresh()  # the final count, even when the build was quicker than a redraw
            bar.close()

    return step


def _key(catalog: Catalog, dataset: Dataset, extra: Any) -> str:
    source = inside(catalog.root, dataset.source.file)
    digest = hashlib.sha256()
    digest.update(FORMAT_VERSION.encode())
    digest.update(dataset.model_dump_json().encode())
    digest.update(json.dumps(extra, sort_keys=True, default=str).encode())
    if source is not None and source.is_file():
        with source.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:32]


def _vintages(
    dataset: Dataset,
    latest: Built,
    releases: Sequence[Release],
    work_dir: Path,
    result: DatasetBuild,
    freeze: bool,
    languages: Sequence[str],
) -> list[Built]:
    """Each release's own copy of the files, frozen when the release is the newest.

    The latest files are exactly what the newest public release published, so its vintage
    is a copy of them, taken by the first build after its time and never touched again.
    A release that was never the newest at a build (none ran between two releases) gets
    no vintage: we do not invent the past from today's source. Publishing at every
    release time (``phobien next``) gives every release its vintage.
    """
    public = [r for r in releases if r.is_public and r.moment is not None]
    newest = max((r.moment for r in public if r.moment is not None), default=None)
    out = []
    for release in public:
        key = release.id.removeprefix(dataset.product + "/")
        directory = work_dir / "vintages" / dataset.id / key
        built = _cached(dataset, directory, key, release, languages)
        # A preview (a moment still to come) freezes nothing: the figures may yet change.
        if built is None and release.moment == newest and freeze:
            staging = directory.with_name(directory.name + ".partial")
            if staging.exists():
                shutil.rmtree(staging)
            shutil.copytree(latest.directory, staging)
            staging.rename(directory)
            built = _cached(dataset, directory, key, release, languages)
            result.rebuilt.append(f"{dataset.id}@{key}")
        if built is not None:
            out.append(built)
    return out


MANIFEST = "phobien-build.json"


def _cached(
    dataset: Dataset,
    directory: Path,
    key: str,
    release: Release | None,
    languages: Sequence[str],
) -> Built | None:
    manifest = directory / MANIFEST
    if not manifest.is_file():
        return None
    data = json.loads(manifest.read_text(encoding="utf-8"))
    built = Built(
        dataset,
        key,
        release,
        directory,
        rows=data["rows"],
        downloads=[Download(**d) for d in data["downloads"]],
        preview=_revived(data["preview"], dataset.columns),
        preview_symbols=data["preview_symbols"],
        decimals=data.get("decimals", {}),
        chart_svg=data["chart_svg"],
        truncated_xlsx=data["truncated_xlsx"],
        from_cache=True,
        revisions=[Download(**d) for d in data.get("revisions", [])],
        revision_rows=_revived(data.get("revision_rows", []), revision_dataset(dataset).columns),
        revision_symbols=data.get("revision_symbols", []),
    )
    if len(built.preview) != len(data["preview"]):
        # Frozen when the dataset had other columns: its files stay as published, and
        # the page shows none of its rows rather than rows under the wrong headings.
        built.preview_symbols, built.revision_symbols = [], []
    if data.get("display") != DISPLAY_VERSION:
        # A vintage frozen by an older version: its files stay as published, what pages
        # show of them is gathered again from its own CSV.
        _look_again(built, languages)
        manifest.write_text(_manifest(built), encoding="utf-8")
    return built


def _revived(rows: list[list[Any]], columns: Sequence[Column]) -> list[list[Any]]:
    """Rows as a manifest keeps them, typed again; none if any does not fit ``columns``."""
    if any(len(row) != len(columns) for row in rows):
        return []
    return [[_revive(v, c) for v, c in zip(row, columns, strict=True)] for row in rows]


def _look_again(built: Built, languages: Sequence[str]) -> None:
    dataset = built.dataset
    own = dataset.model_copy(
        update={
            "source": Source(file=f"{dataset.id}.csv"),
            "columns": [c.model_copy(update={"source": c.id}) for c in dataset.columns],
        }
    )
    reader = Reader(built.directory, own, built.directory)
    glance = Glance(dataset)
    texts = [c.id for c in dataset.columns if c.type in ("string", "code", "period")]
    try:
        for chunk in reader.chunks():
            for name in texts:  # what neutralise added for spreadsheets goes
                cells = chunk.values[name]
                quoted = cells.str.startswith("'", na=False) & cells.str[1:2].isin(FORMULA_START)
                chunk.values[name] = cells.where(~quoted, cells.str[1:])
            glance.add(chunk)
    except SourceError:
        return  # not a CSV this version can read: what was shown stays
    if not reader.problems:
        _show(built, glance, languages)


def _show(built: Built, glance: Glance, languages: Sequence[str]) -> None:
    built.preview = glance.preview
    built.preview_symbols = glance.preview_symbols
    built.decimals = glance.decimals()
    built.chart_svg = {}
    if built.dataset.chart is not None and glance.tail:
        built.chart_svg = {
            lg: charts.svg(built.dataset, list(glance.tail), lg, built.decimals)
            for lg in languages
        }


def _manifest(built: Built) -> str:
    return json.dumps(
        {
            "display": DISPLAY_VERSION,
            "rows": built.rows,
            "downloads": [d.__dict__ for d in built.downloads],
            "preview": [[_json_value(v) for v in row] for row in built.preview],
            "preview_symbols": built.preview_symbols,
            "decimals": built.decimals,
            "chart_svg": built.chart_svg,
            "truncated_xlsx": built.truncated_xlsx,
            "revisions": [d.__dict__ for d in built.revisions],
            "revision_rows": [[_json_value(v) for v in row] for row in built.revision_rows],
            "revision_symbols": built.revision_symbols,
        },
        ensure_ascii=False,
    )


def _revive(value: Any, column: Column) -> Any:
    if value is not None and column.type == "date":
        return dt.date.fromisoformat(value)
    return value


def _build(job: _Job) -> _Outcome:
    """Build into a temporary folder and move it into place only when complete."""
    dataset, directory, embargo = job.dataset, job.directory, job.embargo
    staging = directory.with_name(directory.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    levels: dict[str, str] | None = None
    if dataset.completeness is not None:
        # Which release's rows each period shows depends on the releases the whole table
        # holds: a first reading finds them (and every problem) before anything is written.
        first = Reader(job.root, dataset, job.display_root)
        for _ in first.chunks():
            if len(first.problems) >= MAX_CELL_PROBLEMS:
                break
        problems = [*first.problems,
                    *release_problems(dataset, embargo, first.pairs, first.display)]
        if problems:
            return _Outcome(None, problems)
        levels = embargo.latest(first.pairs)
    moment = max((r.moment for r in embargo.firsts.values() if r.moment), default=None)
    if levels is not None:
        moment = max((dt.datetime.fromisoformat(m) for _, m in embargo.state(True)),
                     default=None)
    created = (
        (moment or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    )
    context = {
        "product": dataset.product,
        "release": "latest",
        "as_of": moment.isoformat() if moment else "",
    }
    reader = Reader(job.root, dataset, job.display_root)
    writers = Writers(dataset, staging, job.lang, created, context)
    history = revision_dataset(dataset)
    revisions = Writers(history, staging, job.lang, created, context, name=REVISIONS,
                        spreadsheet=False)
    kept: list[tuple[pd.DataFrame, pd.DataFrame, pd.Series]] = []
    try:
        chunks = _sorted(reader.chunks(), dataset) if dataset.sort else reader.chunks()
        for chunk in chunks:
            latest, public = _public_rows(chunk, dataset, embargo, levels)
            writers.write(Chunk(chunk.values[latest], chunk.symbols[latest], chunk.lines[latest]))
            values, symbols = stamped(chunk.values[public], chunk.symbols[public], dataset,
                                      embargo)
            if levels is None:  # one release a period: the latest file's order, streamed
                revisions.write(Chunk(values, symbols, chunk.lines[public]))
            else:  # a few releases of aggregate figures: ordered in memory
                kept.append((values, symbols, chunk.lines[public]))
            if len(reader.problems) >= MAX_CELL_PROBLEMS:
                break
        glance = RevisionGlance()
        if kept:
            values = pd.concat([k[0] for k in kept])
            symbols = pd.concat([k[1] for k in kept])
            lines = pd.concat([k[2] for k in kept])
            order = ordered(values, dataset, embargo)
            values, symbols, lines = (x.iloc[order] for x in (values, symbols, lines))
            revisions.write(Chunk(values, symbols, lines))
            glance = RevisionGlance.of(values, symbols, history)
        downloads = writers.close()
        revision_files = revisions.close()
    except BaseException:
        _close_quietly(writers)
        _close_quietly(revisions)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if reader.problems:
        shutil.rmtree(staging, ignore_errors=True)
        return _Outcome(None, reader.problems)
    built = Built(
        dataset,
        "",
        None,
        directory,
        rows=writers.rows,
        downloads=downloads,
        truncated_xlsx=writers.truncated,
        revisions=revision_files,
        revision_rows=glance.rows,
        revision_symbols=glance.symbols,
    )
    _show(built, writers.glance, job.languages)
    (staging / MANIFEST).write_text(_manifest(built), encoding="utf-8")
    if directory.exists():
        shutil.rmtree(directory)
    staging.rename(directory)
    return _Outcome(built, [])


def _public_rows(
    chunk: Chunk, dataset: Dataset, embargo: Embargo, levels: dict[str, str] | None
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Which rows the latest files hold, and which the revision table holds.

    A table has few periods (and releases) and many rows: the embargo is asked once a
    distinct value, never once a row.
    """
    periods = chunk.values[dataset.period]
    column = dataset.completeness
    if levels is None or column is None:
        allowed = [p for p in periods.dropna().unique() if p and embargo.allows(str(p))]
        keep = periods.isin(allowed).to_numpy(dtype=bool)
        return keep, keep
    pairs = pd.Series(list(zip(periods, chunk.values[column.id], strict=True)),
                      index=chunk.values.index, dtype=object)
    distinct = list(dict.fromkeys(pairs.tolist()))
    shown = [p for p in distinct if levels.get(str(p[0])) == p[1]]
    public = [p for p in distinct
              if p[0] is not None and p[1] is not None
              and embargo.figure(str(p[0]), str(p[1])).public]
    return pairs.isin(shown).to_numpy(dtype=bool), pairs.isin(public).to_numpy(dtype=bool)


def _close_quietly(writers: Writers) -> None:
    book = writers.book.close if writers.book is not None else (lambda: None)
    for close in (writers.csv_file.close, writers.json_file.close, writers.parquet.close, book):
        with contextlib.suppress(Exception):  # already failing: report the first error
            close()


def _sorted(chunks: Iterator[Chunk], dataset: Dataset) -> Iterator[Chunk]:
    """A declared sort needs the whole table in memory; sources meant to stream should
    come sorted and declare none."""
    parts = list(chunks)
    if not parts:
        return
    values = pd.concat([p.values for p in parts])
    symbols = pd.concat([p.symbols for p in parts])
    lines = pd.concat([p.lines for p in parts])
    order = (
        values.reset_index(drop=True)
        .sort_values(dataset.sort, kind="stable", na_position="last")
        .index
    )
    yield Chunk(values.iloc[order], symbols.iloc[order], lines.iloc[order])


def human_size(size: int, lang: str) -> str:
    """A file size for people: ``1,2 MB`` in Vietnamese, ``1.2 MB`` in English.

    >>> human_size(1234567, "vi"), human_size(1234567, "en"), human_size(900, "en")
    ('1,2 MB', '1.2 MB', '900 B')
    """
    from generator.i18n import format_number

    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{format_number(round(value, 1) if unit != 'B' else size, lang)} {unit}"
        value /= 1024
    return f"{format_number(round(value, 1), lang)} GB"
