"""The week view: what came out today, and what is due in the next seven days and the
seven after, day by day.

The windows roll from the build moment, not from a Monday: "in the next seven days" is
exactly the releases whose moment ``m`` satisfies ``now < m <= now + 7 days``, the next
window the seven days after that. A release with a date and no time becomes public at the
start of its day (``Timing.moment``), so it is counted by its day instead: in the first
window when its day is one of the seven from today and it has not yet passed, in the next
when its day is one of the seven after. Days are the office's, in the site's zone.

The page is therefore right only until the next release's moment or the next midnight:
the publish's change fingerprint holds which releases each window has and the office's
day (``publish/run.py``), so a publish after either rebuilds it. A release with only a
month (a provisional date) has no day to sit on, so it is not listed here; the calendar
and its month pages list it under its month. Cancelled releases stay in their window,
marked so, as the calendar shows them: a journalist planning the week must see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.releases.plan import Release

DAYS = 7  # the length of each window


@dataclass(frozen=True)
class Window:
    """The releases due after ``start`` and up to ``end``, under each day they fall on in
    calendar order. Every day of the window is there (none, for a quiet day) but the day
    it opens in, which is mostly the window before's (or, for the first window, today's,
    under "released today"): that one only when it has a release in the window."""

    start: dt.datetime
    end: dt.datetime
    days: tuple[tuple[dt.date, tuple[Release, ...]], ...]

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

        >>> from zoneinfo import ZoneInfo
        >>> now = dt.datetime(2026, 11, 25, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        >>> window = next_days([], now, now.tzinfo)
        >>> [(a.day, b.day, len(rs)) for a, b, rs in window.spans()]
        [(26, 2, 0)]
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


def released_today(releases: Sequence[Release], now: dt.datetime,
                   zone: dt.tzinfo) -> list[Release]:
    """The releases of the office's day of ``now`` whose moment has come, in the order
    given (the schedule's). A cancelled release was not released."""
    today = local_day(now, zone)
    out = []
    for release in releases:
        moment = release.timing.moment(zone)
        if (moment is not None and release.timing.date == today and moment <= now
                and not release.cancelled):
            out.append(release)
    return out


def in_window(release: Release, now: dt.datetime, zone: dt.tzinfo, days: int = DAYS,
              offset: int = 0) -> bool:
    """Whether ``release`` is due in the window of ``days`` days that opens ``offset``
    days after ``now``: its moment in ``(now + offset, now + offset + days]``; a release
    with a date and no time, its day one of those ``days`` days counted from the
    office's day of ``now`` plus ``offset``, and not yet passed."""
    moment = release.timing.moment(zone)
    if moment is None or moment <= now:
        return False
    local = now.astimezone(zone)
    if release.timing.time is None:
        first = local.date() + dt.timedelta(days=offset)
        assert release.timing.date is not None
        return first <= release.timing.date < first + dt.timedelta(days=days)
    start = local + dt.timedelta(days=offset)
    return start < moment <= start + dt.timedelta(days=days)


def next_days(releases: Sequence[Release], now: dt.datetime, zone: dt.tzinfo,
              days: int = DAYS, offset: int = 0) -> Window:
    """The releases due in the ``days`` days after ``now`` (``offset`` days later: the
    window after), by day, in the order given (the schedule's). See ``in_window``; the
    home page lists the first window too.

    >>> from zoneinfo import ZoneInfo
    >>> now = dt.datetime(2026, 12, 6, 20, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    >>> w = next_days([], now, now.tzinfo, offset=7)
    >>> w.start.isoformat(), w.end.isoformat(), w.days[0][0].isoformat(), len(w.days)
    ('2026-12-13T20:00:00+07:00', '2026-12-20T20:00:00+07:00', '2026-12-14', 7)
    """
    local = now.astimezone(zone)
    start = local + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=days)
    by_day: dict[dt.date, list[Release]] = {}
    for release in releases:
        if in_window(release, now, zone, days, offset):
            assert release.timing.date is not None
            by_day.setdefault(release.timing.date, []).append(release)
    first, last = start.date(), end.date()
    midnight = dt.time(0, 0)
    out = []
    day = first
    while day <= last:
        # The day the window opens in is mostly the window before's (or, today, past):
        # shown for its releases only. The day it closes in is shown whole, quiet or not,
        # unless the window closes at its first instant.
        shown = (first < day < last or (day == first and start.time() == midnight)
                 or (day == last and end.time() != midnight))
        if shown or day in by_day:
            out.append((day, tuple(by_day.get(day, ()))))
        day += dt.timedelta(days=1)
    return Window(start, end, tuple(out))
