"""A dataset's latest table as a cube, read back from its finished Parquet file: the shape
PX, JSON-stat and SDMX-CSV share.

A cube has one dimension per classifying column (the period, each code, any other text)
and a last one, the indicator, whose items are the number columns: CPI's four indices are
four items, and each (period, indicator) is one cell. A text column just after a code
column names its codes (``ten`` beside ``ma``) and is not a dimension of its own; the
completeness column says which release a period's figures belong to, one per period.

Only the classifying columns are held as Arrow arrays, and the cells as numpy arrays in
cube order (8 bytes a cell, one byte a symbol): never a pandas frame of the table, so
that a million-row table costs tens of megabytes here, not gigabytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from generator.catalog.load import Dataset
from generator.catalog.model import Column, Text
from generator.releases.plan import Period
from generator.words.site import EXCHANGE

# A cube may hold cells the table has no row for, but not many more than it has rows: a
# table keyed by a free text of a million values is a list, not a cube.
MAX_SPARSENESS = 4
MEASURE = "chi_tieu"  # the indicator dimension's id; never a column's (those are declared)
# How a cell without a row, or without a value and a symbol, is marked (``symbols[0]``).
ABSENT = ""


class NotACube(ValueError):
    """The table cannot be laid out as a cube: ``reason`` names the words that say why."""

    def __init__(self, reason: str, **params: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params

    def words(self) -> dict[str, str]:
        return {lg: EXCHANGE[self.reason][lg].format(**self.params) for lg in ("vi", "en")}


@dataclass
class Dimension:
    id: str
    label: Text
    codes: list[str]
    labels: dict[str, list[str]]  # language → each code's label
    role: str | None = None  # "time" or "metric" (JSON-stat's roles)
    columns: list[Column] = field(default_factory=list)  # the indicator's own columns
    levels: dict[str, str] = field(default_factory=dict)  # period → completeness code
    named: Column | None = None  # the text column that names the codes, if any


@dataclass
class Cube:
    dataset: Dataset
    dimensions: list[Dimension]  # the indicator last
    values: npt.NDArray[np.float64]  # every cell in cube order, NaN when missing
    marks: npt.NDArray[np.int8]  # each cell's index in ``symbols``
    symbols: list[str]  # ABSENT first, then the dataset's symbols in catalog order
    present: npt.NDArray[np.bool_]  # each cell (before the indicator): has the table a row
    decimals: dict[str, int]  # number column → decimals pages show
    carried: int  # the most decimals any value carries

    @property
    def size(self) -> list[int]:
        return [len(d.codes) for d in self.dimensions]

    @property
    def measures(self) -> list[Column]:
        return self.dimensions[-1].columns


def read_cube(dataset: Dataset, directory: Path, decimals: dict[str, int],
              carried: int) -> Cube:
    """The cube of ``directory``'s finished ``<id>.parquet`` (and its symbols' file);
    ``decimals`` as pages show them, ``carried`` the most any value carries."""
    from generator.outputs.datasets.writers import MARKS

    measures = [c for c in dataset.columns if c.type in ("integer", "number")]
    if not measures:
        raise NotACube("no-number")
    level_column = dataset.completeness
    keys, named = _classifying(dataset)
    parquet = pq.ParquetFile(directory / f"{dataset.id}.parquet")
    rows = parquet.metadata.num_rows
    # Row group by row group: reading the columns whole costs several times their size.
    encoders = {c.id: _Encoder(named.get(c.id)) for c in keys}
    if level_column is not None and dataset.period in encoders:
        encoders[dataset.period].named = level_column
    wanted = [c.id for c in [*keys, *named.values()]] + ([level_column.id] if level_column else [])
    for batch in parquet.iter_batches(columns=wanted):
        for encoder_id, encoder in encoders.items():
            encoder.add(batch, encoder_id)
    dimensions: list[Dimension] = []
    positions = np.zeros(rows, dtype=np.int64)
    for column in keys:
        encoder = encoders[column.id]
        codes, indices, first = encoder.codes, encoder.indices(), encoder.first
        if column.type == "period":
            order = sorted(range(len(codes)), key=lambda i: _period_key(codes[i]))
            rank = np.empty(len(codes), dtype=np.int64)
            rank[order] = np.arange(len(codes))
            first = {int(rank[i]): v for i, v in first.items()}
            codes = [codes[i] for i in order]
            indices = rank[indices] if len(codes) else indices
        dimension = _dimension(column, codes, first, named.get(column.id))
        positions *= len(codes)  # in place: a million rows are 8 MB a copy
        positions += indices
        dimensions.append(dimension)
        del indices
    cells = int(np.prod([len(d.codes) for d in dimensions], dtype=np.int64))
    if cells > MAX_SPARSENESS * rows + 1000:
        raise NotACube("sparse", rows=rows, cells=cells)
    present = np.zeros(cells, dtype=bool)
    present[positions] = True
    if int(present.sum()) != rows:  # fewer cells than rows: two rows fell in one
        raise NotACube("duplicate")
    indicator = Dimension(
        MEASURE, Text(**EXCHANGE["indicator"]), [c.id for c in measures],
        {lg: [c.label.get(lg) for c in measures] for lg in ("vi", "en")},
        role="metric", columns=measures,
    )
    dimensions.append(indicator)
    symbols = [ABSENT, *dataset.missing_symbols()]
    values = np.full(cells * len(measures), np.nan)
    marks = np.zeros(cells * len(measures), dtype=np.int8)
    marks_file = pq.ParquetFile(directory / MARKS)
    start = 0
    names = [c.id for c in measures]
    for batch, marked in zip(parquet.iter_batches(columns=names),
                             marks_file.iter_batches(columns=names), strict=True):
        where = positions[start:start + batch.num_rows] * len(measures)
        for m, name in enumerate(names):
            column = batch.column(name)
            values[where + m] = column.to_numpy(zero_copy_only=False).astype("float64")
            text = marked.column(name)
            index = pc.index_in(text, value_set=pa.array(symbols)).fill_null(0)
            marks[where + m] = index.to_numpy(zero_copy_only=False).astype("int8")
        start += batch.num_rows
    return Cube(dataset, dimensions, values, marks, symbols, present,
                {c.id: decimals.get(c.id, 0) for c in measures}, carried)


def _classifying(dataset: Dataset) -> tuple[list[Column], dict[str, Column]]:
    """The dimensions' columns, and for a code column the text column that names its
    codes (the one just after it)."""
    keys: list[Column] = []
    named: dict[str, Column] = {}
    columns = dataset.columns
    for i, column in enumerate(columns):
        if column.type in ("integer", "number", "completeness"):
            continue
        before = columns[i - 1] if i else None
        if column.type == "string" and before is not None and before.type == "code":
            named[before.id] = column
            continue
        keys.append(column)
    return keys, named


class _Encoder:
    """A classifying column's distinct values in order of first appearance and each row's
    index among them, gathered a batch at a time; and, for each value, the first text of
    the column that goes with it (a code's name, a period's completeness)."""

    def __init__(self, named: Column | None) -> None:
        self.named = named
        self.codes: list[str] = []
        self.seen: dict[str, int] = {}
        self.parts: list[npt.NDArray[np.int64]] = []
        self.first: dict[int, str] = {}

    def add(self, batch: pa.RecordBatch, column_id: str) -> None:
        text = pc.fill_null(pc.cast(batch.column(column_id), pa.string()), "..")
        encoded = pc.dictionary_encode(text)
        local = [str(v) for v in encoded.dictionary.to_pylist()]
        for text_value in local:
            if text_value not in self.seen:
                self.seen[text_value] = len(self.codes)
                self.codes.append(text_value)
        to_global = np.array([self.seen[v] for v in local], dtype=np.int64)
        indices = to_global[encoded.indices.to_numpy(zero_copy_only=False)]
        self.parts.append(indices)
        if self.named is None:
            return
        # Only each new value's first row becomes a Python string, not the column's rows.
        values, rows = np.unique(indices, return_index=True)
        fresh = [(int(v), int(r)) for v, r in zip(values.tolist(), rows.tolist(), strict=True)
                 if int(v) not in self.first]
        if fresh:
            names = batch.column(self.named.id).take(pa.array([r for _, r in fresh]))
            for (value, _), name in zip(fresh, names.to_pylist(), strict=True):
                if name is not None and name != "":
                    self.first[value] = str(name)

    def indices(self) -> npt.NDArray[np.int64]:
        return np.concatenate(self.parts) if self.parts else np.zeros(0, dtype=np.int64)


def _period_key(code: str) -> tuple[int, int, str]:
    parsed = Period.parse(code)
    if parsed is None:
        return (1 << 30, 0, code)
    return (parsed.year * 12 + parsed.end_month, -parsed.year, code)


def _dimension(column: Column, codes: list[str], first: dict[int, str],
               label_column: Column | None) -> Dimension:
    """``first``: each code's name (or, for the period, its completeness), by index."""
    if column.type == "period":
        labels = {lg: [_period_label(c, lg) for c in codes] for lg in ("vi", "en")}
        levels = {codes[i]: v for i, v in sorted(first.items())}
        return Dimension(column.id, column.label, codes, labels, role="time", levels=levels)
    if label_column is None:
        return Dimension(column.id, column.label, codes, {lg: list(codes) for lg in ("vi", "en")})
    named = [first.get(i, code) for i, code in enumerate(codes)]
    # The variable is named as its names are ("Đơn vị hành chính"), its codes stay codes.
    return Dimension(column.id, label_column.label, codes,
                     {lg: list(named) for lg in ("vi", "en")}, named=label_column)


def level_label(level: str, lang: str) -> str:
    """A completeness code's words (``official`` → ``Chính thức``)."""
    from generator import i18n

    try:
        return i18n.value_label("completeness", level, lang)
    except KeyError:
        return level


def _period_label(code: str, lang: str) -> str:
    """``Tháng 11/2026``: a label starts with a capital, as a row heading does."""
    parsed = Period.parse(code)
    label = parsed.label().get(lang) if parsed is not None else code
    return label[:1].upper() + label[1:]


def number_texts(values: npt.NDArray[np.float64]) -> npt.NDArray[np.object_]:
    """Each value as the shortest text that reads back the same, without an exponent
    (PX readers know none); "" where missing.

    >>> number_texts(np.array([76.88, 9061.0, 1e-05, np.nan])).tolist()
    ['76.88', '9061', '0.00001', '']
    """
    from generator.outputs.datasets.writers import _csv_number

    texts = np.fromiter(map(str.removesuffix, map(float.__repr__, values.tolist()),
                            repeat(".0")), dtype=object, count=len(values))
    size = np.abs(values)
    odd = (size >= 1e16) | ((size < 1e-4) & (size > 0))
    texts[odd] = [_csv_number(v) for v in values[odd].tolist()]
    texts[np.isnan(values)] = ""
    return texts
