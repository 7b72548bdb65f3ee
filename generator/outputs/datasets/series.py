"""The headline figures' series: each headline's value for every period at every release
that is out, gathered as the public rows pass, so that a page can state a figure and its
changes as they were known at any release (``outputs/pages/headlines.py``).

Small whatever the table's size: one value a period and release (the first row that
matches the headline's ``where``), never a row a figure.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from generator.catalog.model import Dataset

# One point of a series: [period, release id, release time (ISO, "" before the
# calendars began), value (None for a missing-value symbol)].
Point = list[Any]


class Series:
    """Gathers, for each of a dataset's headlines, its points from stamped rows."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.points: list[dict[tuple[str, str], Point]] = [{} for _ in dataset.headlines]

    def add(self, values: pd.DataFrame) -> None:
        """Rows of public figures with their ``release`` and ``release_time`` columns."""
        if values.empty:
            return
        for headline, points in zip(self.dataset.headlines, self.points, strict=True):
            rows = values
            for column, wanted in headline.where.items():
                rows = rows[rows[column].astype(str) == wanted]
            # The first row of each period and release: found by pandas, so that a table
            # of a million rows costs no Python a row.
            keys = rows[[self.dataset.period, "release", "release_time", headline.column]]
            keys = keys.drop_duplicates(subset=[self.dataset.period, "release"])
            for period, release, time, value in keys.itertuples(index=False):
                key = (str(period), str(release))
                if period is None or key in points:
                    continue
                points[key] = [str(period), str(release), str(time), _number(value)]

    def result(self) -> list[list[Point]]:
        return [list(points.values()) for points in self.points]


def _number(value: Any) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)
