"""What pages show of a table, gathered as its chunks pass: the preview rows, each number
column's decimals, the chart's points.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from generator.catalog.load import Dataset
from generator.catalog.model import MAX_DECIMALS
from generator.outputs.datasets.reader import Chunk
from generator.releases.plan import Period

PREVIEW_ROWS = 10
CHART_POINTS = 60


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
        # The chart's rows' missing-value marks: the embed page's table writes them.
        self.tail_symbols: deque[list[str]] = deque(maxlen=CHART_POINTS)

    def add(self, chunk: Chunk) -> None:
        values = chunk.values
        count = len(values)
        if not count:
            return
        rank = period_ranks(values[self.dataset.period])
        # Newest period first; within a period, the table's own order.
        top = np.lexsort((np.arange(count), -rank))[:PREVIEW_ROWS]
        rows = records(values.iloc[top])
        symbols = chunk.symbols.iloc[top].to_numpy().tolist()
        self.newest.extend(
            (int(rank[i]), self.rows + int(i), row, marks)
            for i, row, marks in zip(top.tolist(), rows, symbols, strict=True)
        )
        self.newest.sort(key=lambda item: (-item[0], item[1]))
        del self.newest[PREVIEW_ROWS:]
        for name, seen in self.carried.items():
            numbers = values[name].to_numpy(dtype="float64", na_value=np.nan)
            self.carried[name] = max(seen, decimals_carried(numbers))
        self.tail.extend(records(values.iloc[-CHART_POINTS:]))
        self.tail_symbols.extend(chunk.symbols.iloc[-CHART_POINTS:].to_numpy().tolist())
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


def records(values: pd.DataFrame) -> list[list[Any]]:
    out = values.astype(object).where(values.notna(), None)
    return [[None if v is pd.NA else v for v in row] for row in out.to_numpy().tolist()]


def json_value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return value
    return value
