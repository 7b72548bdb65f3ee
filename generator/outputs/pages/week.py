"""The week view: this week's and next week's releases, day by day.

Weeks run Monday to Sunday in the office's zone, counted from the day of the build
moment, so the page is right only on the day it was built: the publish's change
fingerprint holds that day (``publish/run.py``), and a publish on a new day rebuilds it.
A release with only a month (a provisional date) has no day to sit on, so it is not
listed here. The calendar and its month pages list it under its month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.releases.plan import Release

WEEKS = 2  # this week and next


@dataclass(frozen=True)
class Week:
    """One Monday-to-Sunday week: each of its seven days with the releases due that day
    (none, for a quiet day), in calendar order."""

    days: tuple[tuple[dt.date, tuple[Release, ...]], ...]

    @property
    def first(self) -> dt.date:
        return self.days[0][0]

    @property
    def last(self) -> dt.date:
        return self.days[-1][0]

    @property
    def empty(self) -> bool:
        return not any(releases for _, releases in self.days)

    @property
    def releases(self) -> list[Release]:
        return [r for _, releases in self.days for r in releases]

    def spans(self) -> list[tuple[dt.date, dt.date, tuple[Release, ...]]]:
        """The days as a reader scans them: (first, last, releases), each day with
        releases on its own, consecutive quiet days together (a phone shows one line for
        "nothing from Tuesday to Sunday", not six).

        >>> week = weeks([], dt.date(2026, 11, 25))[0]
        >>> [(a.day, b.day, len(rs)) for a, b, rs in week.spans()]
        [(23, 29, 0)]
        """
        out: list[tuple[dt.date, dt.date, tuple[Release, ...]]] = []
        for day, releases in self.days:
            if not releases and out and not out[-1][2]:
                out[-1] = (out[-1][0], day, ())
            else:
                out.append((day, day, releases))
        return out


def local_day(moment: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """The office's day at ``moment``: the day a reader in the office's zone lives.

    >>> from zoneinfo import ZoneInfo
    >>> local_day(dt.datetime(2026, 11, 29, 18, 30, tzinfo=dt.UTC), ZoneInfo("Asia/Ho_Chi_Minh"))
    datetime.date(2026, 11, 30)
    """
    return moment.astimezone(zone).date()


def weeks(releases: Sequence[Release], today: dt.date, count: int = WEEKS) -> list[Week]:
    """The ``count`` weeks from the one holding ``today``: each day with the releases whose
    date falls on it, in the order given (the schedule's).

    >>> [(w.first.isoformat(), w.last.isoformat()) for w in weeks([], dt.date(2026, 11, 25))]
    [('2026-11-23', '2026-11-29'), ('2026-11-30', '2026-12-06')]
    """
    monday = today - dt.timedelta(days=today.weekday())
    by_day: dict[dt.date, list[Release]] = {}
    for release in releases:
        if release.timing.date is not None:
            by_day.setdefault(release.timing.date, []).append(release)
    out = []
    for number in range(count):
        start = monday + dt.timedelta(weeks=number)
        days = [start + dt.timedelta(days=n) for n in range(7)]
        out.append(Week(tuple((day, tuple(by_day.get(day, ()))) for day in days)))
    return out



NEXT_DAYS = 7


def next_days(releases: Sequence[Release], now: dt.datetime, zone: dt.tzinfo,
              days: int = NEXT_DAYS) -> list[Release]:
    """The releases due in the ``days`` days after ``now`` (a moment in (now, now + days]),
    in the order given. Cancelled releases are not due; a month alone has no moment."""
    end = now + dt.timedelta(days=days)
    return [r for r in releases
            if not r.cancelled and r.moment is not None and now < r.moment <= end]
