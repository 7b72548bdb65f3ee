"""The embargo: which figures of a source table are public, and from when.

Every figure belongs to a release. A source table without a completeness column holds
one figure per cell, and it belongs to the first release of its row's reference period:
before that release's time the row is written nowhere. A table with a completeness
column (``type: completeness``: estimate, preliminary, official, revised) holds the
figures of several releases of one period side by side, typed weeks ahead if staff
like; each row belongs to the release of its period and completeness, and the outputs
show, for each period, the rows of the latest release that is out.

A row may also be history: its period, or its completeness for that period, was
published before the first calendar in the catalog began. Everything else (a
completeness with no release, a cancelled release) is a problem for staff to fix, named
with the file, the row and the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator import i18n
from generator.catalog.model import Dataset
from generator.problems import Problem
from generator.releases.plan import Period, Release
from generator.words.staff import NO_LEVEL

# The order in which a period's figures become more complete; a later level supersedes.
RANK = {"estimate": 0, "preliminary": 1, "official": 2, "revised": 3}

Verdict = Literal["out", "history", "withheld", "unknown", "cancelled"]


@dataclass(frozen=True)
class Figure:
    """What the embargo says of one (period, completeness) of a table."""

    verdict: Verdict
    release: Release | None = None  # the release the figures belong to, if any

    @property
    def public(self) -> bool:
        return self.verdict in ("out", "history")

    def order(self, completeness: str) -> tuple[dt.datetime, int]:
        """Sorts a period's public figures from the first published to the latest: history
        comes before any release of the calendars, and within it, the more complete later."""
        moment = self.release.moment if self.release is not None else None
        return (moment or _DAWN, RANK.get(completeness, 0))


_DAWN = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Embargo:
    """When each reference period (and each release of it) of a product became public."""

    firsts: dict[str, Release]  # period id → its first public release
    scheduled: frozenset[str]  # every period with a release in the calendars
    # The first scheduled period of each kind (month, quarter, year...): an unscheduled
    # period older than that was published before the calendars began.
    earliest: dict[str, Period]
    # (period id, completeness) → its release, public or not, cancelled or not.
    releases: dict[tuple[str, str], Release] = field(default_factory=dict)

    @classmethod
    def of(cls, releases: Sequence[Release]) -> Embargo:
        firsts: dict[str, Release] = {}
        for r in sorted(releases, key=lambda r: r.sort_key(), reverse=True):
            if r.is_public and r.moment is not None:
                firsts[r.period_id] = r
        earliest: dict[str, Period] = {}
        for period in (Period.parse(r.period_id) for r in releases):
            if period is None:
                continue
            first = earliest.get(period.kind)
            if first is None or _period_end(period) < _period_end(first):
                earliest[period.kind] = period
        by_pair = {(r.period_id, r.completeness): r for r in releases}
        return cls(firsts, frozenset(r.period_id for r in releases), earliest, by_pair)

    def allows(self, period_id: str) -> bool:
        """Whether rows of ``period_id`` are public, in a table of one release a period."""
        if period_id in self.firsts:
            return True
        if period_id in self.scheduled:
            return False
        return self._history(period_id)

    def figure(self, period_id: str, completeness: str) -> Figure:
        """What the embargo says of the rows of one period at one completeness."""
        release = self.releases.get((period_id, completeness))
        if release is not None:
            if release.cancelled:
                return Figure("cancelled", release)
            return Figure("out" if release.is_public else "withheld", release)
        if period_id in self.scheduled:
            # The calendars list later releases of this period: a less complete figure
            # than any of them came out before the calendars began.
            ranks = [RANK[c] for (p, c) in self.releases if p == period_id]
            return Figure("history" if RANK.get(completeness, 99) < min(ranks) else "unknown")
        return Figure("history" if self._history(period_id) else "unknown")

    def first_release(self, period_id: str) -> Release | None:
        """The release that first published a period, in a table of one release a period."""
        return self.firsts.get(period_id)

    def latest(self, pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
        """For each period, the completeness of the latest public release among ``pairs``
        (the (period, completeness) a table holds): the rows that the outputs show."""
        best: dict[str, tuple[tuple[dt.datetime, int], str]] = {}
        for period_id, completeness in pairs:
            figure = self.figure(period_id, completeness)
            if not figure.public:
                continue
            key = figure.order(completeness)
            if period_id not in best or key > best[period_id][0]:
                best[period_id] = (key, completeness)
        return {p: c for p, (_, c) in best.items()}

    def state(self, by_release: bool) -> list[tuple[str, str]]:
        """What a dataset's files depend on: the first release out of each period, or with
        a completeness column (``by_release``) every release out, and when."""
        return sorted((r.id, moment.isoformat()) for r, moment in self._out(by_release))

    def newest(self, by_release: bool) -> dt.datetime | None:
        """The moment of the newest release the files depend on (see ``state``)."""
        return max((moment for _, moment in self._out(by_release)), default=None)

    def _out(self, by_release: bool) -> Iterator[tuple[Release, dt.datetime]]:
        out = self.releases.values() if by_release else self.firsts.values()
        return ((r, r.moment) for r in out if r.is_public and r.moment is not None)

    def _history(self, period_id: str) -> bool:
        parsed = Period.parse(period_id)
        first = self.earliest.get(parsed.kind) if parsed is not None else None
        # Published before the calendars began: history, public.
        return parsed is not None and first is not None and _period_end(parsed) < _period_end(first)


def _period_end(period: Period) -> tuple[int, int]:
    return (period.year, period.end_month)


def release_problems(
    dataset: Dataset, embargo: Embargo, pairs: dict[tuple[str, str], int], display: str
) -> list[Problem]:
    """A problem for each (period, completeness) of a table that belongs to no release, or
    to a cancelled one: at the first row that holds it, in the completeness column."""
    column = dataset.completeness
    if column is None:
        return []
    problems = []
    for (period_id, completeness), line in sorted(pairs.items(), key=lambda kv: kv[1]):
        figure = embargo.figure(period_id, completeness)
        if figure.verdict not in ("unknown", "cancelled"):
            continue
        release = (figure.release.id if figure.release is not None
                   else release_id_of(dataset.product, period_id, completeness))
        levels = sorted((c for (p, c) in embargo.releases if p == period_id), key=lambda c: RANK[c])
        # Each level in the staff's words ("sơ bộ"), as they may have typed it.
        problems.append(Problem(
            f"figures-{figure.verdict}-release", display, line, column.source,
            {"period": period_id, "completeness": _words([completeness]),
             "product": dataset.product, "release": release, "allowed": _words(levels)},
        ))
    return problems


def _words(levels: Sequence[str]) -> dict[str, str]:
    none = NO_LEVEL
    return {lang: ", ".join(i18n.value_label("completeness", c, lang).lower() for c in levels)
            or none[lang] for lang in ("vi", "en")}


def release_id_of(product_id: str, period_id: str, completeness: str) -> str:
    """The identifier a release of these figures would have (it has none: it is unknown)."""
    return f"{product_id}/{period_id}/{completeness}"
