"""Releases: the calendar planned from the catalog's rules, dates and adjustments.

The second stage of the pipeline. Periodic products carry rules ("day 6 of the month
after the reference month, 09:00"); non-periodic ones are listed by date in a yearly
calendar; adjustments move, cancel or add releases and are applied in the order they
were announced, so that history is never lost. A date that falls on a day off moves to
the next working day: weekends, Vietnam's public holidays (the ``holidays`` package,
Tết included), the days off a calendar declares, minus the working days it declares.

Everything that depends on "now" (published or not) takes the moment from the caller,
who takes it from ``clock``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

from generator import i18n
from generator.catalog.load import (
    Adjustment,
    Calendar,
    Catalog,
    Product,
    ReleaseRule,
    ScheduledRelease,
    Text,
)
from generator.problems import Problem, field_path
from generator.words.site import PERIOD
from generator.words.staff import CONFLICTS as _CONFLICT
from generator.words.staff import DAY_OFF, WRONG_FROM, filled

Status = Literal["provisional", "confirmed", "published", "cancelled"]
Shift = Literal["postponed", "brought-forward"]

# How many months each kind of reference period covers, ending at its last month.
PERIOD_MONTHS = {"month": 1, "quarter": 3, "half": 6, "nine-months": 9, "year": 12}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_EN = [_calendar.month_name[m] for m in range(13)]


# --- reference periods -------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Period:
    """A reference period: ``2026-11``, ``2026-q3``, ``2026-h1``, ``2026-9m`` or ``2026``."""

    year: int
    kind: str
    index: int  # month 1-12, quarter 1-4, half 1-2; 1 for nine-months and year

    @property
    def id(self) -> str:
        return {
            "month": f"{self.year}-{self.index:02d}",
            "quarter": f"{self.year}-q{self.index}",
            "half": f"{self.year}-h{self.index}",
            "nine-months": f"{self.year}-9m",
            "year": f"{self.year}",
        }[self.kind]

    @property
    def end_month(self) -> int:
        return {
            "month": self.index,
            "quarter": 3 * self.index,
            "half": 6 * self.index,
            "nine-months": 9,
            "year": 12,
        }[self.kind]

    def label(self) -> Text:
        """How the period is named in each language.

        >>> Period(2026, "quarter", 3).label().vi, Period(2026, "month", 11).label().en
        ('quý III/2026', 'November 2026')
        """
        y, i = self.year, self.index
        key = f"half-{i}" if self.kind == "half" else self.kind
        values = {"y": y, "m": i, "i": i, "roman": _ROMAN.get(i, ""),
                  "month": _MONTHS_EN[i] if self.kind == "month" else ""}
        return Text(**filled(PERIOD[key], **values))

    def short(self) -> Text:
        """The period as a table's cell or a chart's axis names it: short, in words.

        >>> [Period(2026, k, i).short().vi for k, i in (("month", 10), ("quarter", 3))]
        ['10/2026', 'Q3/2026']
        >>> [Period(2026, k, i).short().en for k, i in (("month", 10), ("quarter", 3))]
        ['Oct 2026', 'Q3 2026']
        """
        y, i = self.year, self.index
        if self.kind == "month":
            return Text(vi=f"{i:02d}/{y}", en=f"{_MONTHS_EN[i][:3]} {y}")
        if self.kind == "quarter":
            return Text(vi=f"Q{i}/{y}", en=f"Q{i} {y}")
        if self.kind == "year":
            return Text(vi=str(y), en=str(y))
        vi, en = self.label().get("vi"), self.label().get("en")
        return Text(vi=vi[:1].upper() + vi[1:], en=en[:1].upper() + en[1:])

    @classmethod
    def parse(cls, text: str) -> Period | None:
        """Read a period identifier; anything else (a one-off's slug) gives None.

        >>> Period.parse("2026-q3"), Period.parse("ket-qua")
        (Period(year=2026, kind='quarter', index=3), None)
        """
        patterns = [
            (r"(\d{4})-(\d{2})", "month"),
            (r"(\d{4})-q([1-4])", "quarter"),
            (r"(\d{4})-h([12])", "half"),
            (r"(\d{4})-(9)m", "nine-months"),
            (r"(\d{4})()", "year"),
        ]
        for pattern, kind in patterns:
            match = re.fullmatch(pattern, text)
            if match:
                index = int(match[2]) if kind in ("month", "quarter", "half") else 1
                if kind == "month" and not 1 <= index <= 12:
                    return None
                return cls(int(match[1]), kind, index)
        return None

    @classmethod
    def all_of(cls, kind: str, year: int) -> list[Period]:
        count = {"month": 12, "quarter": 4, "half": 2, "nine-months": 1, "year": 1}[kind]
        return [cls(year, kind, i) for i in range(1, count + 1)]


# The Vietnamese words a calendar may spell a one-off's period with ("2026-6-thang"), read
# as the period they name, so that no page shows the code.
_PERIOD_WORDS = [
    (r"(\d{4})-6-?thang(?:-dau(?:-nam)?)?", "half", "1"),
    (r"(\d{4})-6-?thang-cuoi(?:-nam)?", "half", "2"),
    (r"(\d{4})-9-?thang", "nine-months", "1"),
    (r"(\d{4})-quy-?([1-4])", "quarter", ""),
    (r"(\d{4})-thang-?(1[0-2]|0?[1-9])", "month", ""),
    (r"(\d{4})-(1[0-2]|[1-9])", "month", ""),
    (r"(\d{4})-nam", "year", "1"),
]


def parse_period_words(text: str) -> Period | None:
    """A period identifier, or a period spelt in the words calendars use.

    >>> parse_period_words("2026-6-thang"), parse_period_words("2026-quy-3")
    (Period(year=2026, kind='half', index=1), Period(year=2026, kind='quarter', index=3))
    """
    period = Period.parse(text)
    if period is not None:
        return period
    for pattern, kind, index in _PERIOD_WORDS:
        match = re.fullmatch(pattern, text.lower())
        if match:
            return Period(int(match[1]), kind, int(index or match[2]))
    return None


def period_short(value: str, lang: str) -> str:
    """A period column's value as readers read it; anything not a period, as it is.

    >>> period_short("2026-q3", "vi"), period_short("2026-10", "en"), period_short("x", "vi")
    ('Q3/2026', 'Oct 2026', 'x')
    """
    period = Period.parse(value)
    return period.short().get(lang) if period is not None else value


@functools.lru_cache(maxsize=4096)  # asked for every release by every page, feed and file
def period_label(period_id: str) -> Text:
    """A period in words; an identifier that names none (a one-off's slug) in words too.

    >>> period_label("2026-6-thang").vi, period_label("2026-6-thang").en
    ('6 tháng đầu năm 2026', 'first half of 2026')
    >>> period_label("ket-qua-so-bo").en
    'ket qua so bo'
    """
    period = parse_period_words(period_id)
    if period is not None:
        return period.label()
    words = " ".join(period_id.replace("_", "-").split("-"))
    return Text(vi=words, en=words)


def due_date(period: Period, rule: ReleaseRule) -> dt.date:
    """Day N of the month ``months_after`` months after the period's last month.

    >>> from generator.catalog.load import ReleaseRule
    >>> due_date(Period(2027, "month", 1), ReleaseRule(period="month", day=6))
    datetime.date(2027, 2, 6)
    """
    months = period.year * 12 + period.end_month - 1 + rule.months_after
    year, month = divmod(months, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(rule.day, last))


# --- working days ------------------------------------------------------------------------


class WorkingDays:
    """Which days the office works, from Vietnam's holidays and the catalog's own lists."""

    def __init__(self, calendars: Iterable[Calendar]) -> None:
        calendars = list(calendars)
        self.days_off = {d for c in calendars for d in c.days_off}
        self.working = {d for c in calendars for d in c.working_days}
        years = [c.year for c in calendars] or [dt.date.today().year]
        self.holidays = holidays.country_holidays("VN", years=range(min(years) - 1, max(years) + 4))

    def is_working(self, day: dt.date) -> bool:
        if day in self.working:
            return True
        return day.weekday() < 5 and day not in self.holidays and day not in self.days_off

    def next_working(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first one after it.

        Tết 2027 runs 4-10 February, so a release due on Saturday 6 February 2027 goes out
        on Thursday 11 February 2027.
        """
        while not self.is_working(day):
            day += dt.timedelta(days=1)
        return day

    def why_off(self, day: dt.date) -> dict[str, str]:
        """Why ``day`` is a day off, in both languages, for staff messages."""
        if day in self.days_off:
            return DAY_OFF["declared"]
        if day in self.holidays:
            vi = holidays.country_holidays("VN", years=day.year, language="vi").get(day)
            return filled(DAY_OFF["holiday"], vi=vi, en=self.holidays.get(day))
        return DAY_OFF["weekend"]


# --- releases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """When a release is scheduled: a date and time, a date alone, or only a month."""

    date: dt.date | None = None
    time: dt.time | None = None
    month: str | None = None  # "2027-05": a provisional window, exact date announced later

    @property
    def kind(self) -> Literal["exact", "date", "month"]:
        if self.date is None:
            return "month"
        return "exact" if self.time is not None else "date"

    def moment(self, zone: dt.tzinfo) -> dt.datetime | None:
        """When the release becomes public. A date without a time: from the start of that
        day. A month alone: not until an exact date is announced."""
        if self.date is None:
            return None
        return dt.datetime.combine(self.date, self.time or dt.time(0, 0), tzinfo=zone)

    def sort_key(self) -> tuple[dt.date, dt.time]:
        if self.date is not None:
            return (self.date, self.time or dt.time(0, 0))
        year, month = (int(x) for x in (self.month or "9999-12").split("-"))
        return (dt.date(year, month, 1), dt.time(0, 0))


@dataclass(frozen=True)
class Change:
    """One adjustment as applied to a release."""

    kind: Literal["moved", "cancelled", "added"]
    release_id: str
    announced: dt.datetime
    reason: Text
    before: Timing | None
    after: Timing | None
    calendar_year: int


@dataclass
class Release:
    """One release of a product for a reference period at a completeness level."""

    id: str
    product: Product
    period_id: str
    completeness: str
    scheduled: Timing  # as approved (or as added)
    timing: Timing  # as it stands after the adjustments
    calendar: Calendar
    due: dt.date | None = None  # the rule's date before a day off moved it
    title: Text | None = None
    changes: list[Change] = field(default_factory=list)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Ho_Chi_Minh"))
    now: dt.datetime | None = None

    @property
    def period(self) -> Text:
        return period_label(self.period_id)

    @property
    def cancelled(self) -> bool:
        return any(c.kind == "cancelled" for c in self.changes)

    @property
    def moment(self) -> dt.datetime | None:
        return self.timing.moment(self.zone)

    @property
    def is_public(self) -> bool:
        """Whether the release's time has come: its data may then appear in the output."""
        moment = self.moment
        return (
            not self.cancelled
            and moment is not None
            and self.now is not None
            and moment <= self.now
        )

    @property
    def status(self) -> Status:
        if self.cancelled:
            return "cancelled"
        if self.is_public:
            return "published"
        if self.timing.kind == "month" or self.calendar.status == "draft":
            return "provisional"
        return "confirmed"

    @property
    def shift(self) -> Shift | None:
        if not any(c.kind == "moved" for c in self.changes):
            return None
        before, after = self.scheduled.sort_key(), self.timing.sort_key()
        if after == before:
            return None
        return "postponed" if after > before else "brought-forward"

    @property
    def sequence(self) -> int:
        """Raised by every adjustment, as iCalendar's SEQUENCE must be."""
        return sum(c.kind != "added" for c in self.changes)

    @property
    def modified(self) -> dt.datetime:
        """The catalog's own change time: the last adjustment, else the calendar's date."""
        if self.changes:
            return max(c.announced for c in self.changes)
        return calendar_date(self.calendar, self.zone)

    @property
    def shifted_by_day_off(self) -> bool:
        return self.due is not None and self.scheduled.date != self.due

    def sort_key(self) -> tuple[dt.date, dt.time, str]:
        return (*self.timing.sort_key(), self.id)

    def label(self, lang: str) -> str:
        """``Chỉ số giá tiêu dùng, tháng 11/2026 (chính thức)``: one name for pages and feeds.
        A release with its own title (a one-off) is named by it."""
        completeness = i18n.value_label("completeness", self.completeness, lang).lower()
        if self.title is not None:
            return f"{self.title.get(lang)} ({completeness})"
        return i18n.t(
            "release_of",
            lang,
            product=self.product.name.get(lang),
            period=self.period.get(lang),
            completeness=completeness,
        )


def calendar_date(calendar: Calendar, zone: ZoneInfo) -> dt.datetime:
    day = calendar.approval.date if calendar.approval else calendar.prepared
    assert day is not None  # validated: every calendar carries one or the other
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)


def aware(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def release_id(product: Product, period_id: str, completeness: str) -> str:
    """``cpi/2026-11``; ``grdp/2026-q3/estimate`` when the product is released at several
    completeness levels, so that each level keeps an identifier of its own for ever."""
    if len(product.completeness) > 1:
        return f"{product.id}/{period_id}/{completeness}"
    return f"{product.id}/{period_id}"


@dataclass
class Schedule:
    """Every release of the catalog's calendars, and the changes made to them."""

    releases: list[Release]
    changes: list[Change]
    problems: list[Problem]
    working_days: WorkingDays

    @cached_property
    def by_id(self) -> dict[str, Release]:
        return {r.id: r for r in self.releases}

    @cached_property
    def _by_product(self) -> dict[str, list[Release]]:
        # Every product page asks: an index keeps that linear in the number of releases.
        index: dict[str, list[Release]] = {}
        for release in self.releases:
            index.setdefault(release.product.id, []).append(release)
        return index

    def of_product(self, product_id: str) -> list[Release]:
        return self._by_product.get(product_id, [])


def plan(catalog: Catalog, now: dt.datetime | None = None) -> Schedule:
    """Plan every release of every calendar in ``catalog`` as of ``now``.

    Planned once per catalog and moment: a publish asks for the same calendar to check
    what changed, to build, to verify and to log the switch, and gets the one plan.
    """
    if now is None:
        return _plan(catalog, now)
    plans: dict[dt.datetime, Schedule] = catalog.__dict__.setdefault("_plans", {})
    if now not in plans:
        plans[now] = _plan(catalog, now)
    return plans[now]


def _plan(catalog: Catalog, now: dt.datetime | None) -> Schedule:
    planner = _Planner(catalog, now)
    releases: list[Release] = []
    changes: list[Change] = []
    for cal in catalog.calendars:
        mine, applied = planner.calendar(cal)
        releases += mine
        changes += applied
    releases.sort(key=Release.sort_key)
    changes.sort(key=lambda c: (c.announced, c.release_id), reverse=True)
    return Schedule(releases, changes, planner.problems, planner.days)


def _rule_dates(product: Product, rule: ReleaseRule, year: int) -> Iterator[tuple[Period, dt.date]]:
    """The reference periods whose rule date falls in ``year``."""
    start = Period.parse(rule.start) if rule.start else None
    for y in range(year - 4, year + 1):
        for period in Period.all_of(rule.period, y):
            if rule.only is not None and period.index not in rule.only:
                continue  # a "6 tháng đầu năm" rule: the first half only
            due = due_date(period, rule)
            if due.year == year and (
                start is None or (period.year, period.end_month) >= (start.year, start.end_month)
            ):
                yield period, due


def _stopped(product: Product, day: dt.date | None) -> bool:
    """Whether ``product`` is discontinued on ``day``: no release of it then or later."""
    stop = product.discontinued
    return stop is not None and day is not None and day >= stop.since


def _month_start(month: str | None) -> dt.date | None:
    return dt.date(int(month[:4]), int(month[5:7]), 1) if month else None


def _scheduled(
    entry: ScheduledRelease,
    products: dict[str, Product],
    cal: Calendar,
    zone: ZoneInfo,
    now: dt.datetime | None,
) -> Release | None:
    product = products.get(entry.product)
    if product is None:  # reported by the catalog's own checks
        return None
    timing = Timing(entry.date, entry.time, entry.month)
    return Release(
        release_id(product, entry.period, entry.completeness),
        product,
        entry.period,
        entry.completeness,
        timing,
        timing,
        cal,
        title=entry.title,
        zone=zone,
        now=now,
    )


class _Planner:
    """One planning run: the catalog, the moment, and the problems found on the way."""

    def __init__(self, catalog: Catalog, now: dt.datetime | None) -> None:
        self.catalog = catalog
        self.zone = catalog.site.zone
        self.now = aware(now, self.zone) if now is not None else None
        self.days = WorkingDays(catalog.calendars)
        self.products = {p.id: p for p in catalog.products}
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}  # release id → the calendar year that has it

    def calendar(self, cal: Calendar) -> tuple[list[Release], list[Change]]:
        self.cal = cal
        self.doc = self.catalog.calendar_docs.get(cal.year)
        self.file = self.doc.file if self.doc else f"catalog/calendars/{cal.year}.yml"
        self.mine: dict[str, Release] = {}
        for product in self.products.values():
            for rule in product.releases:
                for period, due in _rule_dates(product, rule, cal.year):
                    timing = Timing(self.days.next_working(due), rule.time)
                    if _stopped(product, timing.date):
                        continue  # discontinued: nothing planned from that day on
                    completeness = rule.completeness or product.completeness[0]
                    self.add(
                        Release(
                            release_id(product, period.id, completeness),
                            product,
                            period.id,
                            completeness,
                            timing,
                            timing,
                            cal,
                            due=due,
                            zone=self.zone,
                            now=self.now,
                        ),
                        (),
                    )
        for i, entry in enumerate(cal.releases):
            release = _scheduled(entry, self.products, cal, self.zone, self.now)
            stop = release.product.discontinued if release is not None else None
            if release is not None and stop is not None and _stopped(
                    release.product, entry.date or _month_start(entry.month)):
                self.problem("release-after-discontinued", ("releases", i),
                             value=release.product.id, since=stop.since, release=release.id)
                continue
            if release is not None:
                self.add(release, ("releases", i))
        changes = []
        ordered = sorted(enumerate(cal.adjustments), key=lambda x: aware(x[1].announced, self.zone))
        for i, adj in ordered:
            if self.now is not None and aware(adj.announced, self.zone) > self.now:
                continue  # not announced yet: as of now the calendar stands as it was
            change = self.apply(adj, ("adjustments", i))
            if change is not None:
                changes.append(change)
        return list(self.mine.values()), changes

    def problem(self, code: str, path: tuple[str | int, ...], **params: object) -> None:
        line = self.doc.line(path) if self.doc else None
        self.problems.append(Problem(code, self.file, line, field_path(path), params))

    def add(self, release: Release, path: tuple[str | int, ...]) -> bool:
        # One release, one event, one UID: an id may appear in one calendar only.
        if release.id in self.mine or release.id in self.seen:
            self.problem("duplicate-release", path, value=release.id)
            return False
        self.mine[release.id] = release
        self.seen[release.id] = self.cal.year
        return True

    def apply(self, adj: Adjustment, path: tuple[str | int, ...]) -> Change | None:
        """Apply one adjustment to this calendar's releases, or report why it cannot."""
        cal = self.cal
        announced = aware(adj.announced, self.zone)
        if adj.type == "added":
            if adj.add is None:
                self.problem("missing-field", (*path, "add"), key="add")
                return None
            release = _scheduled(adj.add, self.products, cal, self.zone, self.now)
            if release is None:
                return None
            if release.id in self.mine:
                self.problem(
                    "adjustment-conflict",
                    (*path, "add"),
                    value=release.id,
                    detail=_CONFLICT["exists"],
                )
                return None
            change = Change(
                "added", release.id, announced, adj.reason, None, release.timing, cal.year
            )
            release.changes.append(change)
            self.add(release, (*path, "add"))
            return change

        if adj.release is None:
            self.problem("missing-field", (*path, "release"), key="release")
            return None
        release = self.mine.get(adj.release)
        if release is None:
            self.problem("unknown-release", (*path, "release"), value=adj.release, year=cal.year)
            return None
        if release.cancelled:
            self.problem(
                "adjustment-conflict",
                (*path, "release"),
                value=adj.release,
                detail=_CONFLICT["cancelled"],
            )
            return None
        if any(c.announced == announced for c in release.changes):
            self.problem(
                "adjustment-conflict",
                (*path, "announced"),
                value=adj.release,
                detail=_CONFLICT["same-time"],
            )
            return None
        before = release.timing
        if adj.from_ is not None and adj.from_ != before.date:
            self.problem(
                "adjustment-conflict",
                (*path, "from"),
                value=adj.release,
                detail=filled(WRONG_FROM, given_vi=f"{adj.from_:%d/%m/%Y}",
                              given_en=adj.from_.isoformat(), scheduled=_show_timing(before)),
            )
            return None
        if adj.type == "cancelled":
            change = Change("cancelled", release.id, announced, adj.reason, before, None, cal.year)
            release.changes.append(change)
            return change
        if adj.to is None:
            self.problem("missing-field", (*path, "to"), key="to")
            return None
        if not self.days.is_working(adj.to):
            self.problem(
                "move-to-day-off",
                (*path, "to"),
                value=adj.to.isoformat(),
                why=self.days.why_off(adj.to),
            )
            return None
        if adj.to.year != cal.year:
            self.problem(
                "outside-calendar-year", (*path, "to"), value=adj.to.isoformat(), year=cal.year
            )
            return None
        after = Timing(adj.to, adj.time if adj.time is not None else before.time)
        change = Change("moved", release.id, announced, adj.reason, before, after, cal.year)
        release.changes.append(change)
        release.timing = after
        return change




def _show_timing(timing: Timing) -> str:
    if timing.date is None:
        return timing.month or "?"
    return timing.date.isoformat() + (f" {timing.time:%H:%M}" if timing.time else "")
