"""The annex's table: the year's releases as the calendar was approved, by month.

The annex is the document the head of the office signs, so it lists each release at its
approved time (``Release.scheduled``: the rule's date moved off days off, or the date the
calendar lists), not where later adjustments put it, and not the releases an adjustment
added: each adjustment is a notice of its own (``notice.py``). The releases are those of
the public calendar (``Catalog.public``), the same the site lists: the calendar is
published (Decision 34), so a restricted product is never in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import i18n
from generator.catalog.load import Catalog
from generator.releases.plan import Release, Timing, plan
from generator.words.staff import ANNEX, ANNEX_COLUMNS

COLUMNS = ("number", "product", "period", "completeness", "when", "unit", "dissemination",
           "form")


@dataclass(frozen=True)
class Row:
    """One release as the annex shows it, every cell a text (``number`` its STT)."""

    number: int
    release: str  # its identifier, for tests and for the staff's own reference
    product: str
    period: str
    completeness: str
    when: str
    unit: str
    dissemination: str
    form: str

    def cells(self) -> list[str]:
        return [str(self.number), *(getattr(self, c) for c in COLUMNS[1:])]


@dataclass(frozen=True)
class Month:
    """The rows of one month, under its name (``Tháng 1/2027``)."""

    title: str
    rows: list[Row]


def headers(lang: str) -> list[str]:
    return [ANNEX_COLUMNS[c][lang] for c in COLUMNS]


def approved(catalog: Catalog, year: int) -> list[Release]:
    """The releases of ``year``'s calendar as approved, in the order of their time."""
    schedule = plan(catalog.public())
    chosen = [r for r in schedule.releases if r.calendar.year == year
              and not any(c.kind == "added" for c in r.changes)]
    return sorted(chosen, key=lambda r: (*r.scheduled.sort_key(), r.id))


def when(timing: Timing, lang: str) -> str:
    """A release's time as the annex writes it: ``06/01/2027, 09:00``, a date alone
    ``05/03/2027``, or only the month, ``Tháng 4/2027``.

    >>> when(Timing(dt.date(2027, 1, 6), dt.time(9, 0)), "vi")
    '06/01/2027, 09:00'
    >>> when(Timing(month="2027-04"), "vi"), when(Timing(month="2027-04"), "en")
    ('Tháng 4/2027', 'April 2027')
    """
    if timing.date is None:
        year, month = (int(x) for x in (timing.month or "").split("-"))
        return month_title(year, month, lang)
    day = i18n.format_date(timing.date, lang)
    if timing.time is None:
        return day
    return ANNEX["moment"][lang].format(date=day, time=f"{timing.time:%H:%M}")


def month_title(year: int, month: int, lang: str) -> str:
    name = i18n.format_month_name(year, month, lang)
    return ANNEX["month"][lang].format(month=month, year=year, name=name)


def release_name(release: Release, lang: str) -> str:
    """The product's name, or the release's own title (a one-off's)."""
    return (release.title or release.product.name).get(lang)


def row(catalog: Catalog, release: Release, number: int, lang: str,
        timing: Timing | None = None) -> Row:
    """A release as a row; its time ``timing`` if given, else as approved."""
    product = release.product
    period = release.period.get(lang)

    def labels(kind: str, values: list[str]) -> str:
        return "; ".join(i18n.value_label(kind, v, lang) for v in values)

    return Row(
        number=number,
        release=release.id,
        product=release_name(release, lang),
        period=period[:1].upper() + period[1:],
        completeness=i18n.value_label("completeness", release.completeness, lang),
        when=when(timing or release.scheduled, lang),
        unit=catalog.unit(product.unit).name.get(lang),
        dissemination=labels("dissemination", list(product.dissemination)),
        form=labels("form", list(product.form)),
    )


def months(catalog: Catalog, year: int, lang: str) -> list[Month]:
    """The annex's rows, numbered through, grouped by the month of their approved time."""
    groups: list[Month] = []
    last: tuple[int, int] | None = None
    for number, release in enumerate(approved(catalog, year), start=1):
        day = release.scheduled.sort_key()[0]
        if (day.year, day.month) != last:
            last = (day.year, day.month)
            groups.append(Month(month_title(day.year, day.month, lang), []))
        groups[-1].rows.append(row(catalog, release, number, lang))
    return groups


def offset(catalog: Catalog, year: int) -> str:
    """The office's offset from UTC in ``year`` (``UTC+7``), for the table's note."""
    moment = dt.datetime(year, 1, 1, 12, tzinfo=catalog.site.zone)
    return i18n.utc_offset(moment)
