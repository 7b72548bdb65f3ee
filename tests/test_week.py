"""The week view (/calendar/week/) and each release's "Add to calendar" link.

The releases a week page must list are computed here from the schedule, independently of
the page's own code: released today, the releases whose moment m satisfies
now < m <= now + 7 days (a release with a date and no time: its day one of the seven from
today, not yet passed), then the seven days after.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from pathlib import Path

import pytest
from lxml import html as lhtml

from generator.check import load_catalog
from generator.clock import resolve
from generator.outputs.pages.week import local_day, next_days, released_today
from generator.releases.plan import Change, Release, Timing, plan
from tests.conftest import AS_OF, ROOT, build, copy_example
from tests.test_calendar_pages import text

LANGS = {"vi": "", "en": "en/"}
CATALOG = load_catalog(ROOT / "catalog").public()
ZONE = CATALOG.site.zone
SCHEDULE = plan(CATALOG, resolve(AS_OF, ZONE).now).releases
# A Sunday evening: tomorrow, 7 December, brings the CPI and five more at 09:00.
SUNDAY = "2026-12-06T20:00"
JUST_BEFORE = "2026-12-07T08:59"  # a minute before the CPI of November 2026
AT_NINE = "2026-12-07T09:00"  # the very moment of the CPI: released, no longer due
WEEK_BEFORE = "2026-11-30T09:00"  # the CPI is exactly seven days away: due
MOMENTS = [AS_OF, WEEK_BEFORE, SUNDAY, JUST_BEFORE, AT_NINE]
SECTIONS = {"vi": ("Đã phát hành hôm nay", "Trong 7 ngày tới", "7 ngày tiếp theo"),
            "en": ("Released today", "In the next seven days", "The seven days after")}


def moment_of(release: Release) -> dt.datetime | None:
    timing = release.timing
    if timing.date is None:
        return None
    return dt.datetime.combine(timing.date, timing.time or dt.time(0), tzinfo=ZONE)


def expected(releases: list[Release], now: dt.datetime) -> tuple[list[str], ...]:
    """(released today, due in the next seven days, due in the seven after), by id."""
    today = now.astimezone(ZONE).date()
    out: tuple[list[str], ...] = ([], [], [])
    for r in releases:
        m = moment_of(r)
        if m is None:
            continue
        if m <= now:
            if r.timing.date == today and not r.cancelled:
                out[0].append(r.id)
            continue
        assert r.timing.date is not None
        for number in (1, 2):
            if r.timing.time is None:
                first = today + dt.timedelta(days=7 * (number - 1))
                hit = first <= r.timing.date <= first + dt.timedelta(days=6)
            else:
                hit = (now + dt.timedelta(days=7 * (number - 1)) < m
                       <= now + dt.timedelta(days=7 * number))
            if hit:
                out[number].append(r.id)
    return out


def heading(h: lhtml.HtmlElement) -> str:
    return text(h).removesuffix("¶").strip()  # the theme's permalink


def listed(site: Path, lang: str) -> tuple[dict[str, list[str]], list[str], lhtml.HtmlElement]:
    """The week page's releases (from their links) under each of its sections, and its
    day headings."""
    page = f"{LANGS[lang]}calendar/week/"
    root = lhtml.fromstring((site / page / "index.html").read_text(encoding="utf-8"))
    article = root.cssselect("article")[0]
    found: dict[str, list[str]] = {heading(h): [] for h in article.cssselect("h2")}
    for row in article.cssselect("tr.phobien-release"):
        href = row.cssselect("td.phobien-product a")[0].get("href")
        target = posixpath.normpath(posixpath.join(page, href))
        section = heading(row.xpath("preceding::h2[1]")[0])
        found[section].append(target.removeprefix(LANGS[lang]).removeprefix("releases/"))
    headings = [text(th) for th in article.cssselect("tr.phobien-day th")]
    return found, headings, article


@pytest.fixture(scope="module")
def sites(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example built at each of MOMENTS."""
    tmp = tmp_path_factory.mktemp("week")
    project = copy_example(tmp / "project")
    out = {AS_OF: example_site}
    for number, as_of in enumerate(MOMENTS[1:]):
        out[as_of] = build(project, tmp / f"site-{number}", as_of)
    return out


# --- the windows, without a site ------------------------------------------------------------


def with_timing(release: Release, day: dt.date, time: dt.time | None,
                cancelled: bool = False) -> Release:
    changes = [Change("cancelled", release.id, resolve(AS_OF, ZONE).now, release.product.name,
                      release.timing, None, 2026)] if cancelled else []
    return dataclasses.replace(release, id=f"{release.id}@{day}{time}", timing=Timing(day, time),
                               changes=changes)


def test_the_day_turns_at_midnight_in_the_office_zone() -> None:
    # 16:30 UTC on Sunday is 23:30 in Hà Nội: still Sunday. An hour later it is Monday.
    sunday = dt.datetime(2026, 11, 29, 16, 30, tzinfo=dt.UTC)
    assert local_day(sunday, ZONE) == dt.date(2026, 11, 29)
    assert local_day(sunday + dt.timedelta(hours=1), ZONE) == dt.date(2026, 11, 30)
    window = next_days([], sunday, ZONE)
    assert window.start == sunday and window.end == sunday + dt.timedelta(days=7)
    assert window.days[0][0] == dt.date(2026, 11, 30)


def test_windows_hold_exactly_the_releases_due_in_them() -> None:
    """Every hour (or half past) for five weeks, and a release with a date and no time and a
    cancelled one on every day: the windows are the independent count's, and every
    dated release of the fourteen days is in exactly one of them."""
    cpi = next(r for r in SCHEDULE if r.id == "cpi/2026-11")
    extra = [with_timing(cpi, dt.date(2026, 11, 20) + dt.timedelta(days=n), time, n % 5 == 0)
             for n in range(60) for time in (None, dt.time(10, 30))]
    releases = sorted([*SCHEDULE, *extra], key=Release.sort_key)
    start = dt.datetime(2026, 11, 22, 0, 0, tzinfo=ZONE)
    for step in range(5 * 7 * 24):
        now = start + dt.timedelta(minutes=60 * step + 30 * (step % 3 == 0))
        today, first, second = expected(releases, now)
        assert [r.id for r in released_today(releases, now, ZONE)] == today, now
        windows = [next_days(releases, now, ZONE, offset=o) for o in (0, 7)]
        assert [r.id for r in windows[0].releases] == first, now
        assert [r.id for r in windows[1].releases] == second, now
        assert not set(first) & set(second)
        for window in windows:
            days = [d for d, _ in window.days]
            assert days == sorted(days) and all(r.timing.date == d
                                                for d, rs in window.days for r in rs)
            spans = window.spans()
            assert sum(len(rs) for _, _, rs in spans) == len(window.releases)
            # Quiet days come together; a day with releases stands alone.
            assert all(a == b for a, b, rs in spans if rs)
            assert all(spans[i][2] or spans[i + 1][2] for i in range(len(spans) - 1))
        # The second window's days follow the first's, the day they share at most twice.
        assert windows[0].days[-1][0] <= windows[1].days[0][0]


# --- the pages ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("as_of", MOMENTS)
def test_week_page_lists_exactly_the_releases_due_after_the_build_moment(
    sites: dict[str, Path], lang: str, as_of: str
) -> None:
    site = sites[as_of]
    now = resolve(as_of, ZONE).now
    today, first, second = expected(plan(CATALOG, now).releases, now)
    found, headings, article = listed(site, lang)
    named_today, named_first, named_second = SECTIONS[lang]
    # "Released today" only when something was.
    assert list(found) == ([named_today] if today else []) + [named_first, named_second]
    assert found.get(named_today, []) == today
    assert found[named_first] == first
    assert found[named_second] == second
    # Every day of a window with releases has its heading, quiet days together.
    assert all(h.startswith(("Thứ", "Chủ", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
               for h in headings)
    # Each release row: its time and zone, and (but on today's) its "Add to calendar".
    for row in article.cssselect("tr.phobien-release"):
        assert "UTC+7" in text(row.cssselect("td.phobien-time")[0])
        section = heading(row.xpath("preceding::h2[1]")[0])
        links = row.cssselect("a.phobien-add-link")
        if section == named_today or "phobien-cancelled" in (row.get("class") or ""):
            assert not links
            continue
        (link,) = links
        assert link.get("download") is not None
        assert link.get("aria-label").startswith(text(link) + ": ")
        href = row.cssselect("td.phobien-product a")[0].get("href")
        release = posixpath.normpath(posixpath.join(f"{LANGS[lang]}calendar/week/", href))
        target = posixpath.normpath(posixpath.join(f"{LANGS[lang]}calendar/week/",
                                                   link.get("href")))
        assert target == f"{release}/event.ics"
        assert (site / target).is_file()


def test_the_moments_tested_are_the_edges() -> None:
    """Not vacuous: the CPI of November 2026 (7 December, 09:00) is due exactly seven
    days before, due a minute before its time, and released at it."""
    cpi = "cpi/2026-11"
    for as_of, where in ((WEEK_BEFORE, 1), (SUNDAY, 1), (JUST_BEFORE, 1), (AT_NINE, 0),
                         (AS_OF, 2)):
        now = resolve(as_of, ZONE).now
        sections = expected(plan(CATALOG, now).releases, now)
        assert [cpi in s for s in sections].index(True) == where, as_of
    now = resolve(WEEK_BEFORE, ZONE).now
    assert "infographic-kt-xh/2026-11/estimate" in expected(SCHEDULE, now)[2]  # 15:00


@pytest.mark.slow
def test_sunday_evening_shows_the_windows_from_tonight(sites: dict[str, Path]) -> None:
    _, headings, article = listed(sites[SUNDAY], "vi")
    bounds = [text(p) for p in article.cssselect("p.phobien-window")]
    assert bounds == ["Từ 06/12/2026 20:00 (UTC+7) đến 13/12/2026 20:00 (UTC+7).",
                      "Từ 13/12/2026 20:00 (UTC+7) đến 20/12/2026 20:00 (UTC+7)."]
    # Tonight, quiet, is not a day of the first window; the Sunday that closes it is, and
    # the rest of that Sunday, quiet too, does not open the second.
    assert headings == ["Thứ Hai, 07/12/2026", "Thứ Ba, 08/12/2026 – Chủ Nhật, 13/12/2026",
                        "Thứ Hai, 14/12/2026 – Thứ Năm, 17/12/2026", "Thứ Sáu, 18/12/2026",
                        "Thứ Bảy, 19/12/2026 – Chủ Nhật, 20/12/2026"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", list(LANGS))
def test_release_pages_offer_their_event_and_the_week_is_linked(
    example_site: Path, lang: str
) -> None:
    prefix = LANGS[lang]
    for page, wanted in (("", "calendar/week/"), ("calendar/", "week/")):
        root = lhtml.fromstring((example_site / prefix / page / "index.html").read_bytes())
        hrefs = {a.get("href") for a in root.cssselect("article a")}
        assert any(h and h.rstrip("/").endswith(wanted.rstrip("/")) for h in hrefs), page
    now = resolve(AS_OF, ZONE).now
    for release in plan(CATALOG, now).releases:
        root = lhtml.fromstring(
            (example_site / prefix / "releases" / release.id / "index.html").read_bytes())
        links = root.cssselect("article a.phobien-add-link")
        if release.cancelled:
            assert not links, release.id
            continue
        (link,) = links
        assert link.get("href") == "event.ics" and link.get("download")
        name = "Thêm vào lịch" if lang == "vi" else "Add to calendar"
        assert text(link) == name
        assert link.get("aria-label") == f"{name}: {release.label(lang)}"
