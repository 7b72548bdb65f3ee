"""What was known when: each period's figures at each of its releases.

``/datasets/<dataset>/revisions.csv`` (and ``.json``, ``.parquet``) holds the dataset's
columns and two more: the release each row's figures belong to and that release's time.
A table with a completeness column gives every release of a period that is out, from
the first estimate to the latest figure, ordered by period and then by release; a table
of one release a period gives each row with the release that first published it, in the
latest file's order. Rows of releases still to come are never here: the table is built
from the same embargo as every other output, and verified the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from generator.catalog.model import Column, Dataset, Text
from generator.outputs.datasets.embargo import Embargo
from generator.outputs.datasets.glance import period_ranks, records
from generator.words.site import REVISION_COLUMNS

NAME = "revisions"
# How many rows of revised periods the dataset page shows; the files have them all.
PREVIEW_ROWS = 8


def revision_dataset(dataset: Dataset) -> Dataset:
    """The dataset's columns and the release of each row's figures, as the files hold them."""
    extra = [
        Column(source="release", id="release", type="code",
               label=Text(**REVISION_COLUMNS["release"])),
        Column(source="release_time", id="release_time", type="string",
               label=Text(**REVISION_COLUMNS["release_time"])),
    ]
    return dataset.model_copy(update={"columns": [*dataset.columns, *extra]})


def stamped(values: pd.DataFrame, symbols: pd.DataFrame, dataset: Dataset,
            embargo: Embargo) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of public figures with the release each belongs to: its identifier and time,
    both empty for figures published before the calendars began."""
    periods = values[dataset.period].astype(object)
    column = dataset.completeness
    levels = values[column.id].astype(object) if column is not None else None
    ids: dict[Any, str] = {}
    times: dict[Any, str] = {}
    keys = list(zip(periods, levels, strict=True)) if levels is not None else list(periods)
    for key in dict.fromkeys(keys):  # a table has few distinct keys and many rows
        if levels is not None:
            release = embargo.figure(str(key[0]), str(key[1])).release
        else:
            release = embargo.first_release(str(key))
        moment = release.moment if release is not None else None
        ids[key] = release.id if release is not None else ""
        times[key] = moment.isoformat() if moment is not None else ""
    values = values.assign(release=[ids[k] for k in keys], release_time=[times[k] for k in keys])
    symbols = symbols.assign(release="", release_time="")
    return values, symbols


def ordered(values: pd.DataFrame, dataset: Dataset, embargo: Embargo) -> list[int]:
    """Positions of the rows in revision order: by period, then from the first release of
    the period to the latest, then in the table's own order."""
    column = dataset.completeness
    assert column is not None
    rank = period_ranks(values[dataset.period].reset_index(drop=True))
    pairs = list(zip(values[dataset.period].astype(str), values[column.id].astype(str),
                     strict=True))
    order = {pair: embargo.figure(*pair).order(pair[1]) for pair in dict.fromkeys(pairs)}
    place = {pair: i for i, pair in enumerate(sorted(order, key=lambda pair: order[pair]))}
    release_rank = np.fromiter((place[p] for p in pairs), dtype="int64", count=len(pairs))
    return list(np.lexsort((np.arange(len(values)), release_rank, rank)).tolist())


@dataclass
class RevisionGlance:
    """What the dataset page shows of the revision table: the rows of the newest periods
    that were released more than once, newest period first, in release order."""

    rows: list[list[Any]] = field(default_factory=list)
    symbols: list[list[str]] = field(default_factory=list)

    @classmethod
    def of(cls, values: pd.DataFrame, symbols: pd.DataFrame, dataset: Dataset) -> RevisionGlance:
        column = dataset.completeness
        if column is None or values.empty:
            return cls()
        levels = values.groupby(dataset.period, sort=False)[column.id].nunique()
        revised = [p for p in levels.index if levels[p] > 1]
        if not revised:
            return cls()
        keep = values[dataset.period].isin(revised).to_numpy(dtype=bool)
        chosen, marks = values[keep], symbols[keep]
        rank = period_ranks(chosen[dataset.period])
        top = np.lexsort((np.arange(len(chosen)), -rank))[:PREVIEW_ROWS]
        return cls(records(chosen.iloc[top]), marks.iloc[top].to_numpy().tolist())

