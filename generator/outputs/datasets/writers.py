"""Writing a dataset's files (CSV, XLSX, JSON, Parquet) as chunks pass, each cell in C
rather than Python code per row.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from generator.catalog.load import Dataset
from generator.catalog.model import Column
from generator.outputs.datasets.built import Download
from generator.outputs.datasets.glance import Glance
from generator.outputs.datasets.package import datapackage
from generator.outputs.datasets.reader import Chunk
from generator.outputs.datasets.xlsx import BOLD, SheetColumn, Workbook, text_column
from generator.words.site import XLSX_SHEET

XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header row
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
    "datapackage": "application/json",
    # PX has no registered type; PxWeb's own servers name it so.
    "px": "text/x-pcaxis",
    "jsonstat": "application/json",
    "sdmx": "text/csv",
}
# Beside the latest Parquet file, never served: each number cell's missing-value symbol,
# which Parquet (a null) cannot hold and the exchange formats need (``exchange``).
MARKS = "phobien-marks.parquet"
ARROW_TYPES = {
    "string": pa.string(),
    "code": pa.string(),
    "period": pa.string(),
    "completeness": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "date": pa.date32(),
}


# --- what a build produces ---------------------------------------------------------------


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
    publish. XLSX too: its sheet XML is built by Arrow's string kernels (``xlsx``).
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
        self.book: Workbook | None = None
        self.marks: pq.ParquetWriter | None = None
        if not spreadsheet:
            return
        self.measures = [c.id for c in self.columns if c.type in ("integer", "number")]
        self.marks = pq.ParquetWriter(directory / MARKS,
                                      pa.schema([(m, pa.string()) for m in self.measures]))
        words = XLSX_SHEET
        side = "vi" if lang == "vi" else "en"
        self.book = Workbook(directory / f"{name}.xlsx",
                             (words["data"][side], words["metadata"][side]),
                             dataset.title.get(lang), created, "phobien")
        self.book.write([text_column([c.label.get(lang)]) for c in self.columns], 1, BOLD)

    def write(self, chunk: Chunk) -> None:
        if chunk.values.empty:
            return
        cells = [_Cells.of(column, chunk) for column in self.columns]
        self._write_csv(cells)
        self._write_json(cells)
        if self.book is not None:
            self._write_xlsx(cells)
        self._write_parquet(chunk)
        if self.marks is not None:
            self.marks.write_table(pa.table(
                {m: pa.array(chunk.symbols[m].to_numpy(dtype=object), type=pa.string())
                 for m in self.measures},
                schema=self.marks.schema))
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
        assert self.book is not None
        room = XLSX_MAX_ROWS - self.rows
        if len(cells[0].missing) > room:
            self.truncated = True
        if room <= 0:
            return
        self.book.write([_sheet_column(c, room) for c in cells], self.rows + 2)  # after the header

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
        if self.marks is not None:
            self.marks.close()
        if self.book is None:
            return [_download(self.directory, fmt, f"{self.name}.{fmt}")
                    for fmt in ("csv", "json", "parquet")]
        self.book.close(self._metadata_rows())
        names = [(fmt, f"{self.name}.{fmt}") for fmt in ("csv", "xlsx", "json", "parquet")]
        downloads = [_download(self.directory, fmt, name) for fmt, name in names]
        package = datapackage(self.dataset, downloads[0], self.context)
        (self.directory / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        downloads.append(_download(self.directory, "datapackage", "datapackage.json"))
        return downloads

    def _metadata_rows(self) -> list[list[str]]:
        """The second sheet: what the dataset is, its columns and its symbols, in both
        languages side by side; the first column is bold."""
        ds, words = self.dataset, XLSX_SHEET
        rows: list[list[str]] = [
            [words["title"], ds.title.get("vi"), ds.title.get("en")],
            [words["description"], ds.description.get("vi"), ds.description.get("en")],
            *([[words["notes"], ds.notes.get("vi"), ds.notes.get("en")]] if ds.notes else []),
            *[[k, v] for k, v in self.context.items()],
            [],
            list(words["columns"]),
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
            list(words["symbols"]),
            *[
                [sym, meaning.get("vi"), meaning.get("en")]
                for sym, meaning in ds.missing_symbols().items()
            ],
        ]
        if self.truncated:
            rows.append(
                ["", words["truncated"]["vi"].format(rows=XLSX_MAX_ROWS),
                 words["truncated"]["en"].format(rows=XLSX_MAX_ROWS)]
            )
        return [[value or "" for value in row] for row in rows]


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


def _sheet_column(cells: _Cells, room: int) -> SheetColumn:
    """The column's first ``room`` XLSX cells: numbers as numbers, a missing value as its
    symbol's text (or empty), everything else as text, never neutralised: a text cell is
    never run as a formula."""
    missing = cells.missing[:room]
    if cells.column.type in ("integer", "number"):
        return SheetColumn(pa.array(cells.values[:room], mask=missing),
                           pa.array(cells.marks[:room], type=pa.string(), mask=~missing))
    return text_column(cells.values[:room])


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


def close_quietly(writers: Writers) -> None:
    book = writers.book.abandon if writers.book is not None else (lambda: None)
    marks = writers.marks.close if writers.marks is not None else (lambda: None)
    for close in (writers.csv_file.close, writers.json_file.close, writers.parquet.close, book,
                  marks):
        with contextlib.suppress(Exception):  # already failing: report the first error
            close()
