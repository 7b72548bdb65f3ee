"""Headline figures: the number a release states first, and its changes, in numbers and
in words, as they were known at the release.

A dataset declares its headlines (``Headline`` in the catalog: a number column, its name
in a sentence, the comparisons to compute); the dataset build keeps each headline's value
for every period at every release that is out (``datasets/series.py``), so a release page
states its own figures and compares them with the figures out at its time, never with a
later revision, and never with anything still under embargo: the series holds only
released figures, and a release states nothing before its own time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator import i18n
from generator.catalog.model import Dataset, Headline, Text
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.releases.plan import Period, Release
from generator.words.site import UI

PERCENT_DECIMALS = 2  # "tăng 0,26%": a change in percent is written with two decimals


@dataclass(frozen=True)
class Change:
    against: str  # "previous" or "year-ago"
    value: float  # in percent, or in points (``headline.change``)


@dataclass(frozen=True)
class Stated:
    """One headline figure of one period, as known at one moment."""

    headline: Headline
    dataset: Dataset
    period: Period
    value: float
    decimals: int
    unit: Text | None
    changes: tuple[Change, ...]

    def number(self, lang: str) -> str:
        return i18n.format_number(self.value, lang, self.decimals)

    def change_number(self, change: Change, lang: str, signed: bool = False) -> str:
        """``0,26%`` (``−0,26%`` signed), or ``0,3 điểm phần trăm`` for a rate."""
        if self.headline.change == "points":
            text = i18n.format_number(abs(change.value), lang, self.decimals)
            text = i18n.t("headline_points", lang, value=text)
        else:
            text = i18n.format_number(abs(change.value), lang, PERCENT_DECIMALS) + "%"
        if signed and _rounded(change.value, self._change_decimals) != 0:
            text = ("+" if change.value > 0 else "\u2212") + text
        return text

    @property
    def _change_decimals(self) -> int:
        return self.decimals if self.headline.change == "points" else PERCENT_DECIMALS

    def title(self, lang: str) -> str:
        """The figure's name and period: "CPI tháng 10/2026", "CPI, October 2026"."""
        return i18n.t("headline_title", lang, name=self.headline.name.get(lang),
                      period=self.period.label().get(lang))

    def against(self, change: Change, lang: str) -> str:
        """ "so với tháng trước": what ``change`` is measured against, after "tăng x%"."""
        return i18n.t("headline_against", lang,
                      against=against_words(change.against, self.period.kind, lang))

    def sentence(self, lang: str) -> str:
        """The figure in words: "CPI tháng 10/2026 giảm 0,26% so với tháng trước và tăng
        3,44% so với cùng kỳ năm trước." / "The CPI for October 2026 was down 0.26% on the
        previous month and up 3.44% on the same month a year earlier." A level with
        nothing to compare is stated as it is."""
        name = self.headline.name.get(lang)
        period = self.period.label().get(lang)
        if not self.changes:
            unit = self.unit.get(lang) if self.unit is not None else ""
            value = self.number(lang) + (f" {unit}" if unit else "")
            return i18n.t("headline_level", lang, name=name, period=period, value=value)
        parts = [self._change_words(c, lang) for c in self.changes]
        return i18n.t("headline_changes", lang, name=name, period=period,
                      changes=i18n.t("headline_and", lang).join(parts))

    def _change_words(self, change: Change, lang: str) -> str:
        against = against_words(change.against, self.period.kind, lang)
        direction = _rounded(change.value, self._change_decimals)
        if direction == 0:
            return i18n.t("headline_same", lang, against=against)
        key = "headline_up" if direction > 0 else "headline_down"
        return i18n.t(key, lang, value=self.change_number(change, lang), against=against)


def against_words(against: str, kind: str, lang: str) -> str:
    """What a change is measured against: "tháng trước", "the same quarter a year earlier"."""
    for key in (f"against_{against}_{kind}", f"against_{against}"):
        if key in UI:
            return i18n.t(key, lang)
    return i18n.t("against_previous_year", lang)


def _rounded(value: float, decimals: int) -> float:
    return round(value, decimals) or 0.0


def previous(period: Period) -> Period:
    """The period before: the month, quarter or half before, or the year before.

    >>> previous(Period(2026, "month", 1)).id, previous(Period(2026, "quarter", 3)).id
    ('2025-12', '2026-q2')
    """
    if period.kind in ("month", "quarter", "half"):
        count = {"month": 12, "quarter": 4, "half": 2}[period.kind]
        if period.index > 1:
            return Period(period.year, period.kind, period.index - 1)
        return Period(period.year - 1, period.kind, count)
    return year_ago(period)


def year_ago(period: Period) -> Period:
    return Period(period.year - 1, period.kind, period.index)


def known_at(points: Sequence[Sequence[Any]], moment: dt.datetime) -> dict[str, float | None]:
    """Each period's value from the latest of its releases out at ``moment``.

    Points are [period, release, release time, value]; a point without a time was
    published before the calendars began, and was known at any moment.
    """
    best: dict[str, tuple[dt.datetime | None, float | None]] = {}
    for period, _release, time, value in points:
        when = dt.datetime.fromisoformat(str(time)) if time else None
        if when is not None and when > moment:
            continue
        held = best.get(str(period))
        if held is None or (when is not None and (held[0] is None or when >= held[0])):
            best[str(period)] = (when, None if value is None else float(value))
    return {period: value for period, (_when, value) in best.items()}


def stated(built: Built, index: int, period_id: str, moment: dt.datetime) -> Stated | None:
    """Headline ``index`` of ``built``'s dataset for ``period_id`` as known at ``moment``,
    or None when that period has no released figure."""
    period = Period.parse(period_id)
    if period is None or index >= len(built.headline_series):
        return None
    headline = built.dataset.headlines[index]
    values = known_at(built.headline_series[index], moment)
    value = values.get(period.id)
    if value is None:
        return None
    changes: list[Change] = []
    if headline.measure != "level":
        against = headline.measure.removeprefix("change-on-")
        changes.append(Change(against, value))
    for against in headline.compare:
        other = values.get((previous(period) if against == "previous" else year_ago(period)).id)
        if other is None or (headline.change == "percent" and other == 0):
            continue  # nothing to compare with: the sentence says what it can
        change = (value / other - 1) * 100 if headline.change == "percent" else value - other
        changes.append(Change(against, change))
    column = next(c for c in built.dataset.columns if c.id == headline.column)
    decimals = headline.decimals if headline.decimals is not None else built.decimals.get(
        column.id, column.decimals or 0)
    unit = headline.unit if headline.unit is not None else column.unit
    return Stated(headline, built.dataset, period, value, decimals, unit, tuple(changes))


def of_release(release: Release, datasets: DatasetBuild) -> list[Stated]:
    """The headline figures a release page states: none before the release's time; then
    those of the datasets its product names (by default its own), for its period, as known
    at its time."""
    moment = release.moment
    if not release.is_public or moment is None:
        return []
    product = release.product
    named = product.headlines if product.headlines is not None else datasets.of_product(
        product.id)
    out = []
    for dataset_id in named:
        built = datasets.latest.get(dataset_id)  # absent: restricted, or failed to build
        if built is None:
            continue
        for index in range(len(built.dataset.headlines)):
            figure = stated(built, index, release.period_id, moment)
            if figure is not None:
                out.append(figure)
    return out
