"""The week view (/calendar/week/) and each release's "Add to calendar" link.

The releases a week page must list are computed here from the schedule, independently of
the page's own code: the releases whose date falls from the Monday of the build's day (in
the office's zone) to the Sunday a week later.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

import pytest
from lxml import html as lhtml

from generator.check import load_catalog
from generator.clock import resolve
from generator.i18n import format_date
from generator.outputs.pages.week import local_day, weeks
from generator.releases.plan import plan
from tests.conftest import AS_OF, ROOT, build, copy_example
from tests.test_calendar_pages import text

LANGS = {"vi": "", "en": "en/"}
CATALOG = load_catalog(ROOT / "catalog").public()
ZONE = CATALOG.site.zone
# A Sunday evening: this week ends tonight, next week opens with the CPI (7 December).
SUNDAY = "2026-12-06T20:00"


def due(as_of: str) -> tuple[list[str], dt.date]:
    """The releases due this week and next as of ``as_of``, and that Monday."""
    now = resolve(as_of, ZONE).now
    today = now.astimezone(ZONE).date()
    monday = today - dt.timedelta(days=today.weekday())
    end = monday + dt.timedelta(days=14)
    releases = plan(CATALOG, now).releases
    return [r.id for r in releases if r.timing.date and monday <= r.timing.date < end], monday


def listed(site: Path, lang: str) -> tuple[list[str], list[str], lhtml.HtmlElement]:
    """The week page's releases (from their links) and its day headings."""
    page = f"{LANGS[lang]}calendar/week/"
    root = lhtml.fromstring((site / page / "index.html").read_text(encoding="utf-8"))
    article = root.cssselect("article")[0]
    found = []
    for row in article.cssselect("tr.phobien-release"):
        href = row.cssselect("td.phobien-product a")[0].get("href")
        target = posixpath.normpath(posixpath.join(page, href))
        found.append(target.removeprefix(LANGS[lang]).removeprefix("releases/"))
    headings = [text(th) for th in article.cssselect("tr.phobien-day th")]
    return found, headings, article


@pytest.fixture(scope="module")
def sunday_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("week")
    project = copy_example(tmp / "project")
    return build(project, tmp / "site", SUNDAY)


# --- the weeks, without a site -------------------------------------------------------------


def test_the_week_turns_at_midnight_in_the_office_zone() -> None:
    # 16:30 UTC on Sunday is 23:30 in Hà Nội: still this week. An hour later it is Monday.
    sunday = dt.datetime(2026, 11, 29, 16, 30, tzinfo=dt.UTC)
    monday = sunday + dt.timedelta(hours=1)
    assert weeks([], local_day(sunday, ZONE))[0].first == dt.date(2026, 11, 23)
    assert weeks([], local_day(monday, ZONE))[0].first == dt.date(2026, 11, 30)


def test_weeks_hold_every_dated_release_of_their_fourteen_days_in_order() -> None:
    for as_of in (AS_OF, SUNDAY, "2027-01-04T08:00"):
        expected, monday = due(as_of)
        now = resolve(as_of, ZONE).now
        chosen = weeks(plan(CATALOG, now).releases, local_day(now, ZONE))
        assert [w.first for w in chosen] == [monday, monday + dt.timedelta(days=7)]
        assert [r.id for w in chosen for r in w.releases] == expected
        for week in chosen:
            spans = week.spans()
            assert spans[0][0] == week.first and spans[-1][1] == week.last
            assert sum(len(rs) for _, _, rs in spans) == len(week.releases)
            # Quiet days come together; a day with releases stands alone.
            assert all(a == b for a, b, rs in spans if rs)
            assert all(spans[i][2] or spans[i + 1][2] for i in range(len(spans) - 1))


# --- the pages ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("as_of", [AS_OF, SUNDAY])
def test_week_page_lists_exactly_this_week_and_next(
    example_site: Path, sunday_site: Path, lang: str, as_of: str
) -> None:
    site = example_site if as_of == AS_OF else sunday_site
    expected, monday = due(as_of)
    found, headings, article = listed(site, lang)
    assert found == expected
    assert expected or as_of == AS_OF  # not vacuous: the Sunday build has releases
    # Both weeks are there, from their Monday to their Sunday.
    sections = [text(h) for h in article.cssselect("h2")]
    for section, first in zip(sections, (monday, monday + dt.timedelta(days=7)), strict=True):
        last = first + dt.timedelta(days=6)
        assert f"{format_date(first, lang)} – {format_date(last, lang)}" in section
    # Every day of a week with releases has its heading, quiet days together.
    assert all(h.startswith(("Thứ", "Chủ", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
               for h in headings)
    # Each release row: its time and zone, and its "Add to calendar" to its event.ics.
    for row, release in zip(article.cssselect("tr.phobien-release"), found, strict=True):
        assert "UTC+7" in text(row.cssselect("td.phobien-time")[0])
        links = row.cssselect("a.phobien-add-link")
        if "phobien-cancelled" in (row.get("class") or ""):
            assert not links
            continue
        (link,) = links
        assert link.get("download") is not None
        assert link.get("aria-label").startswith(text(link) + ": ")
        target = posixpath.join(f"{LANGS[lang]}calendar/week/", link.get("href"))
        assert posixpath.normpath(target) == f"{LANGS[lang]}releases/{release}/event.ics"
        assert (site / posixpath.normpath(target)).is_file()


@pytest.mark.slow
def test_sunday_evening_still_shows_the_week_ending_tonight(sunday_site: Path) -> None:
    _, headings, article = listed(sunday_site, "vi")
    weeks_ = [text(h) for h in article.cssselect("h2")]
    assert weeks_[0].startswith("Tuần này: 30/11/2026") and "07/12/2026" in weeks_[1]
    assert any(h.startswith("Thứ Hai, 07/12/2026") for h in headings)


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
