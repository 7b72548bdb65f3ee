"""The time a dataset's files cover: their first and last reference periods, as an ISO 8601
interval (schema.org's ``temporalCoverage``).

Read from the Parquet file's own statistics (the minimum and maximum of the period
column, kept in its footer), so that a dataset of millions of rows costs one small read
and never a pass over its data. Period identifiers of one kind sort as text in time order
(``2025-12`` < ``2026-01``, ``2026-q1`` < ``2026-q3``), which makes the text minimum the
first period.
"""

from __future__ import annotations

from pathlib import Path

from generator.outputs.datasets.built import Built
from generator.releases.plan import Period


def interval(first: Period, last: Period) -> str:
    """The months from the start of ``first`` to the end of ``last``.

    >>> interval(Period(2025, "quarter", 1), Period(2026, "quarter", 3))
    '2025-01/2026-09'
    >>> interval(Period(2024, "year", 1), Period(2025, "year", 1))
    '2024/2025'
    """
    if first.kind == last.kind == "year":
        return f"{first.year}/{last.year}"
    start = first.end_month - _MONTHS[first.kind] + 1
    return f"{first.year}-{start:02d}/{last.year}-{last.end_month:02d}"


_MONTHS = {"month": 1, "quarter": 3, "half": 6, "nine-months": 9, "year": 12}


def temporal_coverage(built: Built) -> str | None:
    """The interval of ``built``'s periods, or None when its files say nothing of them
    (no Parquet file, no period statistics, or values that are not periods)."""
    parquet = next((d for d in built.downloads if d.format == "parquet"), None)
    if parquet is None:
        return None
    bounds = _bounds(built.directory / parquet.name, built.dataset.period)
    if bounds is None:
        return None
    first, last = (Period.parse(b) for b in bounds)
    return interval(first, last) if first and last else None


def _bounds(path: Path, column: str) -> tuple[str, str] | None:
    import pyarrow.parquet as pq  # loaded by the dataset build already; here only if asked

    metadata = pq.ParquetFile(path).metadata
    names = metadata.schema.names
    if column not in names:
        return None
    index = names.index(column)
    lows, highs = [], []
    for group in range(metadata.num_row_groups):
        stats = metadata.row_group(group).column(index).statistics
        if stats is None or not stats.has_min_max:
            return None
        lows.append(str(stats.min))
        highs.append(str(stats.max))
    return (min(lows), max(highs)) if lows else None
