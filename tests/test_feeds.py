"""The release calendar feeds: iCalendar (RFC 5545) for calendar apps, Atom for readers.

Most tests read a real build of the minimal fixture with two yearly calendars written
here (2027 approved with adjustments, 2028 a draft), checked with two independent parsers
(``icalendar`` and ``vobject``) and ``feedparser``; variations that only need the feed
writer call it directly, as the plugin does, on the catalog's public view.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import vobject

from generator.check import load_catalog
from generator.clock import resolve
from generator.outputs.feeds import write_feeds
from generator.problems import CatalogError
from generator.releases.plan import plan
from tests.conftest import AS_OF, ROOT, build, copy_example, copy_site

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SITE_URL = "https://stats.test.example/"
HOST = "stats.test.example"
MB = 1024 * 1024

# Built as of here: both adjustments are announced (and within their 30-day markers), the
# releases up to February 2027 are public, the moved and the cancelled one are ahead.
AS_OF_MIN = "2027-03-25T09:00"
APPROVED = dt.datetime(2026, 11, 20, tzinfo=ZONE)  # approval of the 2027 calendar
PREPARED = dt.datetime(2027, 10, 15, tzinfo=ZONE)  # the 2028 draft
MOVED_AT = dt.datetime(2027, 3, 20, 10, 0, tzinfo=ZONE)
CANCELLED_AT = dt.datetime(2027, 3, 22, 15, 0, tzinfo=ZONE)

# --- the fixture's calendars ---------------------------------------------------------------

RULES = {
    "cpi": '  - {period: month, day: 6, time: "09:00"}\n',
    # A date without a time: 28 February 2027 is a Sunday, so 1 March 2027, all day.
    "nien-giam": "  - {period: year, day: 28, months_after: 2}\n",
    # Restricted: its releases must never reach a feed.
    "mat-lanh-dao": '  - {period: month, day: 3, time: "08:00"}\n',
}

# Titles whose 3-byte letters (ệ = E1 BB 87, ử = E1 BB AD) start at each of the three
# alignments after "SUMMARY:", so that cutting at 75 octets would split a letter.
FOLD_TITLES = {
    "ket-qua-so-bo": "Kết quả sơ bộ " + "ệ" * 60,
    "ket-qua-nhanh": "Kết quả nhanh: " + "ử" * 60,
    "ket-qua-mau": "Kết quả mẫu - " + "ệ" * 60,
}
FOLD_DATES = {
    "ket-qua-so-bo": "2027-04-15",
    "ket-qua-nhanh": "2027-05-14",
    "ket-qua-mau": "2027-06-15",
}

MOVE_REASON = {
    "vi": "Trùng ngày họp báo thường kỳ của Ủy ban nhân dân tỉnh; dời để người dùng "
    "tiếp cận đầy đủ thông tin về giá cả thị trường.",
    "en": "The date clashed with the provincial People's Committee's regular press conference.",
}
CANCEL_REASON = {
    "vi": "Không đủ số liệu điều tra giá do ảnh hưởng của lũ lụt.",
    "en": "Not enough price survey data after the floods.",
}
SECRET = {"vi": "Lý do MẬT-KHÔNG-CÔNG-BỐ", "en": "SECRET-REASON-NOT-FOR-THE-PUBLIC"}


def _reason(text: dict[str, str]) -> str:
    return f'    reason: {{vi: "{text["vi"]}", en: "{text["en"]}"}}\n'


MOVE = (
    "  - type: moved\n    release: cpi/2027-03\n    from: 2027-04-06\n    to: 2027-04-08\n"
    "    announced: 2027-03-20 10:00\n" + _reason(MOVE_REASON)
)
CANCEL = (
    "  - type: cancelled\n    release: cpi/2027-04\n    announced: 2027-03-22 15:00\n"
    + _reason(CANCEL_REASON)
)
# An adjustment of the restricted product's release: valid in the full catalog, and its
# reason must not reach the public either.
SECRET_MOVE = (
    "  - type: moved\n    release: mat-lanh-dao/2027-02\n    to: 2027-03-04\n"
    "    announced: 2027-02-20 10:00\n" + _reason(SECRET)
)
MOVE_AGAIN = (
    "  - type: moved\n    release: cpi/2027-03\n    from: 2027-04-08\n    to: 2027-04-09\n"
    "    announced: 2027-03-28 10:00\n"
    '    reason: {vi: "Dời lần hai.", en: "Moved a second time."}\n'
)
CANCEL_MOVED = (
    "  - type: cancelled\n    release: cpi/2027-03\n    announced: 2027-04-01 10:00\n"
    '    reason: {vi: "Hủy sau hai lần dời.", en: "Cancelled after two moves."}\n'
)


def calendar_2027(adjustments: tuple[str, ...]) -> str:
    text = (
        "year: 2027\nstatus: approved\napproval:\n"
        '  approver: {vi: "Cục trưởng", en: "Director"}\n'
        '  date: 2026-11-20\n  decision: "215/QĐ-CTK"\nreleases:\n'
    )
    for period, title in FOLD_TITLES.items():
        text += (
            f"  - product: tong-dieu-tra\n    period: {period}\n    completeness: official\n"
            f'    date: {FOLD_DATES[period]}\n    time: "10:00"\n'
            f'    title: {{vi: "{title}", en: "Census results ({period})"}}\n'
        )
    text += (
        "  - product: tong-dieu-tra\n    period: ket-qua-chinh-thuc\n"
        "    completeness: official\n    month: 2027-09\n"
        '    title: {vi: "Kết quả chính thức Tổng điều tra", en: "Final census results"}\n'
    )
    return text + ("adjustments:\n" + "".join(adjustments) if adjustments else "")


CALENDAR_2028 = "year: 2028\nstatus: draft\nprepared: 2027-10-15\n"


def add_release_rules(project: Path) -> None:
    for product, rule in RULES.items():
        path = project / f"catalog/products/{product}.yml"
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\nreleases:\n{rule}", encoding="utf-8")


def write_calendars(project: Path, *adjustments: str) -> None:
    folder = project / "catalog/calendars"
    folder.mkdir(exist_ok=True)
    (folder / "2027.yml").write_text(calendar_2027(adjustments), encoding="utf-8")
    (folder / "2028.yml").write_text(CALENDAR_2028, encoding="utf-8")


def set_up(project: Path, *adjustments: str) -> Path:
    add_release_rules(project)
    write_calendars(project, *adjustments)
    return project


# --- what the fixture must give --------------------------------------------------------------


def months(first: tuple[int, int], count: int) -> list[str]:
    year, month = first
    out = []
    for _ in range(count):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


CPI = [f"cpi/{m}" for m in months((2026, 12), 24)]  # due in 2027 and 2028
NIEN_GIAM = ["nien-giam/2026", "nien-giam/2027"]
CENSUS = [f"tong-dieu-tra/{p}" for p in [*FOLD_TITLES, "ket-qua-chinh-thuc"]]
EVERY = CPI + NIEN_GIAM + CENSUS
FEEDS = {
    "calendar/all.ics": EVERY,
    "calendar/audiences/leaders.ics": CPI + NIEN_GIAM,
    "calendar/audiences/business.ics": CPI,
    "calendar/audiences/public.ics": EVERY,
    "calendar/products/cpi.ics": CPI,
    "calendar/products/nien-giam.ics": NIEN_GIAM,
    "calendar/products/tong-dieu-tra.ics": CENSUS,
    "calendar/products/vi-du-lieu.ics": [],  # on-request, no releases: an empty calendar
}
LANGS = {"vi": "", "en": "en/"}
ALL_FEEDS = [prefix + path for prefix in LANGS.values() for path in FEEDS]
RESTRICTED_NEEDLES = ["mat-lanh-dao", "Bản tin mật", "Confidential leaders brief", *SECRET.values()]


# --- fixtures and helpers ------------------------------------------------------------------


@pytest.fixture(scope="module")
def cal_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture with release rules and calendars (never edited by a test)."""
    project = copy_site("site_minimal", tmp_path_factory.mktemp("feeds"))
    return set_up(project, MOVE, CANCEL, SECRET_MOVE)


@pytest.fixture(scope="module")
def cal_site(cal_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(cal_project, tmp_path_factory.mktemp("feeds-site") / "site", AS_OF_MIN)


def feeds_at(project: Path, as_of: str) -> dict[str, bytes]:
    """The feed writer alone, fed as the plugin feeds it (public view, planned as of)."""
    catalog = load_catalog(project / "catalog").public()
    clock = resolve(as_of, catalog.site.zone)
    return write_feeds(catalog, plan(catalog, clock.now), clock, SITE_URL)


def feed_files(site: Path) -> dict[str, bytes]:
    paths = [*site.rglob("*.ics"), *site.rglob("feed.xml")]
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(paths)}


def ics_of(site: Path) -> dict[str, bytes]:
    """The feeds (not the one-release ``event.ics`` files)."""
    return {k: v for k, v in feed_files(site).items()
            if k.endswith(".ics") and not k.endswith("/event.ics")}


def event_files(files: dict[str, bytes]) -> dict[tuple[str, str], bytes]:
    """Each release's ``event.ics`` by (language prefix, release identifier)."""
    found = {}
    for path, data in files.items():
        if path.endswith("/event.ics"):
            lang = "en/" if path.startswith("en/") else ""
            release = path.removeprefix(lang).removeprefix("releases/")
            found[(lang, release.removesuffix("/event.ics"))] = data
    return found


def uid(release_id: str) -> str:
    return f"{release_id}@{HOST}"


def release_of(uid_: str) -> str:
    """The release identifier in a UID (``cpi/2027-03@host``)."""
    release, at, host = uid_.rpartition("@")
    assert release and at and host, uid_
    return release


def unfold(data: bytes) -> bytes:
    """RFC 5545 3.1: a CRLF followed by one space or tab is removed."""
    return re.sub(rb"\r\n[ \t]", b"", data)


def logical_lines(data: bytes) -> list[str]:
    text = unfold(data).decode("utf-8")
    assert text.endswith("\r\n")
    return text[:-2].split("\r\n")


def raw_events(data: bytes) -> dict[str, list[str]]:
    """Each VEVENT's unfolded content lines, by release identifier."""
    events: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in logical_lines(data):
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            assert current is not None
            ids = [x[4:] for x in current if x.startswith("UID:")]
            assert len(ids) == 1, current
            assert release_of(ids[0]) not in events, f"UID {ids[0]} twice"
            events[release_of(ids[0])] = current
            current = None
        elif current is not None:
            current.append(line)
    return events


def raw_prop(lines: list[str], name: str) -> str:
    """The one content line of a property (name and parameters included)."""
    found = [x for x in lines if re.match(rf"{name}[;:]", x)]
    assert len(found) == 1, (name, lines)
    return found[0]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def text_prop(lines: list[str], name: str) -> str:
    return unescape(raw_prop(lines, name).split(":", 1)[1])


def ical_events(data: bytes) -> dict[str, icalendar.Event]:
    found = icalendar.Calendar.from_ical(data).walk("VEVENT")
    ids = [release_of(str(e["UID"])) for e in found]
    assert len(ids) == len(set(ids)), "a UID appears twice"
    return dict(zip(ids, found, strict=True))


def vobject_events(data: bytes) -> dict[str, Any]:
    cal = vobject.readOne(data.decode("utf-8"))
    found = cal.contents.get("vevent", [])
    ids = [release_of(e.uid.value) for e in found]
    assert len(ids) == len(set(ids)), "a UID appears twice"
    return dict(zip(ids, found, strict=True))


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def atom(data: bytes) -> Any:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def entry_times(parsed: Any) -> dict[str, dt.datetime]:
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids)), f"duplicate Atom entry ids: {ids}"
    for entry in parsed.entries:
        assert entry.updated_parsed is not None and entry.title and entry.link, entry
    return {e.id: dt.datetime.fromisoformat(e.updated) for e in parsed.entries}


def release_url(release_id: str, lang: str = "vi") -> str:
    return f"{SITE_URL}{LANGS[lang]}releases/{release_id}/"


def fold_cut_splits_a_letter(line: bytes) -> bool:
    """Whether cutting the line every 75 octets (74 after the first, which then gain the
    leading space) would cut through a UTF-8 letter."""
    cuts = range(75, len(line), 74)
    return any(line[c] & 0xC0 == 0x80 for c in cuts)


# --- RFC 5545 lines ------------------------------------------------------------------------


def check_lines(path: str, data: bytes) -> None:
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n"), path
    assert b"\r" not in data.replace(b"\r\n", b""), f"{path}: a bare CR"
    assert b"\n" not in data.replace(b"\r\n", b""), f"{path}: a bare LF"
    for number, line in enumerate(data[:-2].split(b"\r\n"), 1):
        assert line, f"{path}:{number}: an empty line"
        assert len(line) <= 75, f"{path}:{number}: {len(line)} octets"
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AssertionError(f"{path}:{number}: a letter split by folding: {line!r}") from exc


@pytest.mark.slow
@pytest.mark.parametrize("site_name", ["cal_site", "example_site"])
def test_every_physical_line_is_crlf_at_most_75_octets_and_utf8(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    files = ics_of(request.getfixturevalue(site_name))
    assert len(files) >= 16
    for path, data in files.items():
        check_lines(path, data)


@pytest.mark.slow
def test_folding_never_splits_a_vietnamese_letter_and_unfolds_exactly(cal_site: Path) -> None:
    data = (cal_site / "calendar/all.ics").read_bytes()
    check_lines("calendar/all.ics", data)
    events = raw_events(data)
    parsed_ical, parsed_vobject = ical_events(data), vobject_events(data)
    for period, title in FOLD_TITLES.items():
        release = f"tong-dieu-tra/{period}"
        summary = f"{title} (chính thức)"
        line = raw_prop(events[release], "SUMMARY")
        # The premise: an octet-counting folder would have cut a letter in half here.
        assert fold_cut_splits_a_letter(line.encode("utf-8")), period
        assert len(line.encode("utf-8")) > 2 * 75  # folded over three lines at least
        # Unfolding gives back exactly the text, through our reading and both parsers.
        assert text_prop(events[release], "SUMMARY") == summary
        assert str(parsed_ical[release]["SUMMARY"]) == summary
        assert parsed_vobject[release].summary.value == summary
        assert title in text_prop(events[release], "DESCRIPTION")
    # The reason of the move, long and Vietnamese, folds and comes back whole too.
    assert MOVE_REASON["vi"] in str(parsed_ical["cpi/2027-03"]["DESCRIPTION"])
    assert MOVE_REASON["vi"] in parsed_vobject["cpi/2027-03"].description.value


@pytest.mark.slow
def test_unfolded_feed_parses_the_same_as_the_folded_one(cal_site: Path) -> None:
    data = (cal_site / "calendar/all.ics").read_bytes()
    folded, unfolded = ical_events(data), ical_events(unfold(data))
    assert folded.keys() == unfolded.keys()
    for release, event in folded.items():
        for name in ("SUMMARY", "DESCRIPTION", "URL", "DTSTART", "STATUS", "SEQUENCE"):
            assert event.get(name) == unfolded[release].get(name), (release, name)


# --- two parsers, the expected events ------------------------------------------------------


@pytest.mark.slow
def test_feed_files_are_exactly_the_expected_ones(cal_site: Path) -> None:
    assert sorted(ics_of(cal_site)) == sorted(ALL_FEEDS)
    assert (cal_site / "feed.xml").is_file() and (cal_site / "en/feed.xml").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL_FEEDS)
def test_each_feed_parses_with_icalendar_and_vobject(cal_site: Path, path: str) -> None:
    data = (cal_site / path).read_bytes()
    expected = set(FEEDS[path.removeprefix("en/")])
    by_ical, by_vobject = ical_events(data), vobject_events(data)
    assert set(by_ical) == expected
    assert set(by_vobject) == expected
    for release, event in by_ical.items():
        other = by_vobject[release]
        start, other_start = event.decoded("DTSTART"), other.dtstart.value
        assert type(start) is type(other_start), release
        if isinstance(start, dt.datetime):
            assert start.utcoffset() == other_start.utcoffset() == dt.timedelta(hours=7)
        assert start == other_start and event.decoded("DTEND") == other.dtend.value
        assert str(event["SUMMARY"]) == other.summary.value
        assert int(event["SEQUENCE"]) == int(other.sequence.value)
        assert str(event["STATUS"]) == other.status.value


@pytest.mark.slow
@pytest.mark.parametrize("site_name", ["cal_site", "example_site"])
def test_one_vevent_per_release_and_never_a_rule(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    for path, data in ics_of(request.getfixturevalue(site_name)).items():
        assert data.count(b"BEGIN:VEVENT") == len(raw_events(data)), path  # UIDs unique
        for line in logical_lines(data):
            assert not re.match(r"(RRULE|RDATE|EXDATE|EXRULE|RECURRENCE-ID)[;:]", line), path


@pytest.mark.slow
def test_example_feeds_parse_with_both_parsers(example_site: Path) -> None:
    files = ics_of(example_site)
    every = ical_events(files["calendar/all.ics"])
    assert len(every) > 50
    for path, data in files.items():
        found = set(ical_events(data))
        assert found == set(vobject_events(data)), path
        assert found <= set(every), path
    # The example's own adjustments (catalog/calendars/2026.yml).
    cancelled = every["khao-sat-nhanh-doanh-nghiep/2026"]
    assert (str(cancelled["STATUS"]), int(cancelled["SEQUENCE"])) == ("CANCELLED", 1)
    moved = every["cpi/2026-09"]
    assert int(moved["SEQUENCE"]) == 1
    assert moved.decoded("DTSTART") == dt.datetime(2026, 10, 8, 9, 0, tzinfo=ZONE)


@pytest.mark.slow
def test_calendar_headers(cal_site: Path) -> None:
    office = {"vi": "Cục Thống kê tỉnh Thử Nghiệm", "en": "Test Province Statistics Office"}
    scope = {
        "vi": {
            "all.ics": "Toàn bộ lịch phổ biến",
            "leaders.ics": "Lãnh đạo các cấp",
            "cpi.ics": "Chỉ số giá tiêu dùng",
        },
        "en": {
            "all.ics": "All releases",
            "leaders.ics": "Leaders",
            "cpi.ics": "Consumer price index",
        },
    }
    for lang, prefix in LANGS.items():
        names = set()
        for path in FEEDS:
            data = (cal_site / prefix / path).read_bytes()
            cal = icalendar.Calendar.from_ical(data)
            lines = logical_lines(data)
            name = str(cal["NAME"])
            names.add(name)
            assert str(cal["X-WR-CALNAME"]) == name
            assert office[lang] in name and office[lang] in str(cal["X-WR-CALDESC"])
            wanted = scope[lang].get(Path(path).name)
            if wanted:
                assert wanted in name and wanted in str(cal["X-WR-CALDESC"]), (lang, path)
            for line in (
                "VERSION:2.0",
                "METHOD:PUBLISH",
                "CALSCALE:GREGORIAN",
                "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
                "X-PUBLISHED-TTL:PT1H",
                f"PRODID:-//phobien//release calendar//{lang.upper()}",
            ):
                assert line in lines, (lang, path, line)
        assert len(names) == len(FEEDS), "every feed has a name of its own"


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", ["calendar/all.ics", "en/calendar/products/cpi.ics", "calendar/products/vi-du-lieu.ics"]
)
def test_vtimezone_defines_every_tzid(cal_site: Path, path: str) -> None:
    data = (cal_site / path).read_bytes()
    lines = logical_lines(data)
    assert lines.count("BEGIN:VTIMEZONE") == 1
    assert "TZID:Asia/Ho_Chi_Minh" in lines
    assert lines.index("BEGIN:VTIMEZONE") < min(
        (i for i, x in enumerate(lines) if x == "BEGIN:VEVENT"), default=len(lines)
    )
    used = {m for line in lines for m in re.findall(r";TZID=([^;:]+)", line)}
    assert used <= {"Asia/Ho_Chi_Minh"}
    if path != "calendar/products/vi-du-lieu.ics":
        assert used == {"Asia/Ho_Chi_Minh"}
    zones = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Ho_Chi_Minh"]


# --- the events ----------------------------------------------------------------------------


@pytest.mark.slow
def test_uids_dtstamp_and_url(cal_site: Path) -> None:
    for lang, prefix in LANGS.items():
        events = raw_events((cal_site / prefix / "calendar/all.ics").read_bytes())
        for release, lines in events.items():
            assert raw_prop(lines, "UID") == f"UID:{uid(release)}"
            assert raw_prop(lines, "URL") == f"URL:{release_url(release, lang)}"
            page = cal_site / prefix / "releases" / release / "index.html"
            assert page.is_file(), f"URL of {release} leads nowhere"
        # The catalog's own change times: the adjustment, else the calendar's date.
        stamps = {
            "cpi/2027-02": APPROVED,
            "cpi/2027-03": MOVED_AT,
            "cpi/2027-04": CANCELLED_AT,
            "nien-giam/2026": APPROVED,
            "cpi/2028-03": PREPARED,
            "nien-giam/2027": PREPARED,
        }
        for release, moment in stamps.items():
            assert raw_prop(events[release], "DTSTAMP") == f"DTSTAMP:{utc_stamp(moment)}"
            assert raw_prop(events[release], "LAST-MODIFIED") == (
                f"LAST-MODIFIED:{utc_stamp(moment)}"
            )


@pytest.mark.slow
def test_status_confirmed_tentative_cancelled(cal_site: Path) -> None:
    events = ical_events((cal_site / "calendar/all.ics").read_bytes())
    tentative = {r for r in EVERY if r.startswith(("cpi/2027-12", "cpi/2028"))}
    tentative |= {"nien-giam/2027", "tong-dieu-tra/ket-qua-chinh-thuc"}
    assert len(tentative) == 14
    for release, event in events.items():
        expected = (
            "CANCELLED"
            if release == "cpi/2027-04"
            else "TENTATIVE"
            if release in tentative
            else "CONFIRMED"
        )
        assert str(event["STATUS"]) == expected, release


@pytest.mark.slow
def test_timed_release_lasts_an_hour_in_the_office_zone(cal_site: Path) -> None:
    lines = raw_events((cal_site / "calendar/all.ics").read_bytes())["cpi/2027-01"]
    # 6 February 2027 falls in Tết: the release moves to Thursday 11 February.
    assert raw_prop(lines, "DTSTART") == "DTSTART;TZID=Asia/Ho_Chi_Minh:20270211T090000"
    assert raw_prop(lines, "DTEND") == "DTEND;TZID=Asia/Ho_Chi_Minh:20270211T100000"


@pytest.mark.slow
def test_date_only_release_is_an_all_day_event_with_exclusive_end(cal_site: Path) -> None:
    data = (cal_site / "calendar/all.ics").read_bytes()
    lines = raw_events(data)["nien-giam/2026"]
    assert raw_prop(lines, "DTSTART") == "DTSTART;VALUE=DATE:20270301"
    assert raw_prop(lines, "DTEND") == "DTEND;VALUE=DATE:20270302"
    event, other = ical_events(data)["nien-giam/2026"], vobject_events(data)["nien-giam/2026"]
    for start, end in (
        (event.decoded("DTSTART"), event.decoded("DTEND")),
        (other.dtstart.value, other.dtend.value),
    ):
        assert not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime)
        assert (start, end) == (dt.date(2027, 3, 1), dt.date(2027, 3, 2))


@pytest.mark.slow
def test_month_only_release_is_a_tentative_month(cal_site: Path) -> None:
    lines = raw_events((cal_site / "calendar/all.ics").read_bytes())[
        "tong-dieu-tra/ket-qua-chinh-thuc"
    ]
    assert raw_prop(lines, "DTSTART") == "DTSTART;VALUE=DATE:20270901"
    assert raw_prop(lines, "DTEND") == "DTEND;VALUE=DATE:20271001"
    assert raw_prop(lines, "STATUS") == "STATUS:TENTATIVE"


@pytest.mark.slow
def test_moved_release_keeps_its_uid_and_raises_sequence(minimal: Path, tmp_path: Path) -> None:
    set_up(minimal)
    before = build(minimal, tmp_path / "before", AS_OF_MIN)
    write_calendars(minimal, MOVE)
    after = build(minimal, tmp_path / "after", AS_OF_MIN)

    old = raw_events((before / "calendar/all.ics").read_bytes())
    new = raw_events((after / "calendar/all.ics").read_bytes())
    assert old.keys() == new.keys()
    was, now = old["cpi/2027-03"], new["cpi/2027-03"]
    assert raw_prop(was, "UID") == raw_prop(now, "UID") == f"UID:{uid('cpi/2027-03')}"
    assert (raw_prop(was, "SEQUENCE"), raw_prop(now, "SEQUENCE")) == ("SEQUENCE:0", "SEQUENCE:1")
    assert raw_prop(was, "DTSTART").endswith(":20270406T090000")
    assert raw_prop(now, "DTSTART").endswith(":20270408T090000")
    assert raw_prop(now, "DTSTAMP") == f"DTSTAMP:{utc_stamp(MOVED_AT)}"
    summary, description = text_prop(now, "SUMMARY"), text_prop(now, "DESCRIPTION")
    assert summary == "[ĐÃ DỜI LỊCH] " + text_prop(was, "SUMMARY")
    assert MOVE_REASON["vi"] in description and "06/04/2027" in description
    assert "08/04/2027" in description
    # Nothing else changed: the other events are the same bytes.
    for release in set(old) - {"cpi/2027-03"}:
        assert old[release] == new[release], release

    en = raw_events((after / "en/calendar/all.ics").read_bytes())["cpi/2027-03"]
    assert raw_prop(en, "UID") == f"UID:{uid('cpi/2027-03')}"
    assert text_prop(en, "SUMMARY").startswith("[RESCHEDULED] Consumer price index")
    assert MOVE_REASON["en"] in text_prop(en, "DESCRIPTION")


def test_every_adjustment_raises_sequence(minimal: Path) -> None:
    set_up(minimal)
    steps = [(), (MOVE,), (MOVE, MOVE_AGAIN), (MOVE, MOVE_AGAIN, CANCEL_MOVED)]
    seen = []
    for adjustments in steps:
        write_calendars(minimal, *adjustments)
        data = feeds_at(minimal, "2027-04-02T09:00")["calendar/products/cpi.ics"]
        event = ical_events(data)["cpi/2027-03"]
        seen.append((str(event["UID"]), int(event["SEQUENCE"]), str(event["STATUS"])))
    assert seen == [
        (uid("cpi/2027-03"), 0, "CONFIRMED"),
        (uid("cpi/2027-03"), 1, "CONFIRMED"),
        (uid("cpi/2027-03"), 2, "CONFIRMED"),
        (uid("cpi/2027-03"), 3, "CANCELLED"),
    ]
    description = str(event["DESCRIPTION"])
    for text in ("Dời lần hai.", "Hủy sau hai lần dời.", MOVE_REASON["vi"], "09/04/2027"):
        assert text in description


@pytest.mark.slow
def test_cancelled_release_stays_in_every_feed_that_carried_it(cal_site: Path) -> None:
    for lang, prefix in LANGS.items():
        for path, releases in FEEDS.items():
            events = raw_events((cal_site / prefix / path).read_bytes())
            assert ("cpi/2027-04" in events) == ("cpi/2027-04" in releases), path
        lines = raw_events((cal_site / prefix / "calendar/all.ics").read_bytes())["cpi/2027-04"]
        assert raw_prop(lines, "STATUS") == "STATUS:CANCELLED"
        assert raw_prop(lines, "SEQUENCE") == "SEQUENCE:1"
        assert raw_prop(lines, "DTSTART").endswith(":20270506T090000")
        description = text_prop(lines, "DESCRIPTION")
        assert CANCEL_REASON[lang] in description
        assert ("06/05/2027" if lang == "vi" else "6 May 2027") in description
        marker = {"vi": "[ĐÃ HỦY] ", "en": "[CANCELLED] "}[lang]
        assert text_prop(lines, "SUMMARY").startswith(marker)


def test_change_markers_last_a_limited_time(cal_project: Path) -> None:
    soon = raw_events(feeds_at(cal_project, AS_OF_MIN)["calendar/all.ics"])
    later = raw_events(feeds_at(cal_project, "2027-05-10T09:00")["calendar/all.ics"])
    assert text_prop(soon["cpi/2027-03"], "SUMMARY").startswith("[ĐÃ DỜI LỊCH] ")
    assert text_prop(soon["cpi/2027-04"], "SUMMARY").startswith("[ĐÃ HỦY] ")
    for release, reason in (("cpi/2027-03", MOVE_REASON), ("cpi/2027-04", CANCEL_REASON)):
        assert not text_prop(later[release], "SUMMARY").startswith("[")
        # The marker goes; the change itself stays.
        assert raw_prop(later[release], "SEQUENCE") == "SEQUENCE:1"
        assert reason["vi"] in text_prop(later[release], "DESCRIPTION")
    assert raw_prop(later["cpi/2027-04"], "STATUS") == "STATUS:CANCELLED"


def test_feeds_drop_releases_older_than_twelve_months(cal_project: Path) -> None:
    as_of = "2028-02-20T09:00"
    now = dt.datetime(2028, 2, 20, 9, 0, tzinfo=ZONE)
    files = feeds_at(cal_project, as_of)
    for path in ALL_FEEDS:
        for release, event in ical_events(files[path]).items():
            start = event.decoded("DTSTART")
            if not isinstance(start, dt.datetime):
                start = dt.datetime.combine(start, dt.time(0, 0), tzinfo=ZONE)
            assert start >= now - dt.timedelta(days=365), (path, release)
    events = ical_events(files["calendar/all.ics"])
    assert "cpi/2026-12" not in events and "cpi/2027-01" not in events  # over a year ago
    for kept in ("cpi/2027-02", "nien-giam/2026", "cpi/2027-04", "cpi/2028-11"):
        assert kept in events, kept
    updated = entry_times(atom(files["feed.xml"]))
    assert updated and min(updated.values()) >= now - dt.timedelta(days=365)
    assert release_url("cpi/2027-01") not in updated
    assert release_url("cpi/2027-02") in updated


@pytest.mark.slow
def test_english_feeds_carry_english_text_and_the_same_events(cal_site: Path) -> None:
    vi = ical_events((cal_site / "calendar/all.ics").read_bytes())
    en = ical_events((cal_site / "en/calendar/all.ics").read_bytes())
    assert vi.keys() == en.keys()
    assert str(en["cpi/2027-02"]["SUMMARY"]) == "Consumer price index, February 2027 (official)"
    assert str(vi["cpi/2027-02"]["SUMMARY"]) == "Chỉ số giá tiêu dùng, tháng 02/2027 (chính thức)"
    assert str(en["nien-giam/2026"]["SUMMARY"]) == "Statistical yearbook, 2026 (official)"
    for release, event in en.items():
        assert str(event["URL"]) == release_url(release, "en")
        assert vi[release].decoded("DTSTART") == event.decoded("DTSTART")
        assert str(vi[release]["UID"]) == str(event["UID"])
    cal = icalendar.Calendar.from_ical((cal_site / "en/calendar/all.ics").read_bytes())
    assert str(cal["X-WR-CALNAME"]) == (
        "Statistical release calendar - Test Province Statistics Office: All releases"
    )


# --- reproducible ---------------------------------------------------------------------------


@pytest.mark.slow
def test_building_twice_gives_byte_identical_feeds(example_site: Path, tmp_path: Path) -> None:
    # Another process, another hash seed, another local time zone: the same bytes.
    env = {k: v for k, v in os.environ.items() if k not in ("PHOBIEN_AS_OF", "SOURCE_DATE_EPOCH")}
    env.update(PYTHONHASHSEED="4242", TZ="America/Los_Angeles")
    out = tmp_path / "again"
    project = copy_example(tmp_path / "project")  # its own dataset cache
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--as-of",
            AS_OF,
            "--site-dir",
            str(out),
            "-f",
            str(project / "mkdocs.yml"),
        ],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    first, second = feed_files(example_site), feed_files(out)
    assert sorted(first) == sorted(second)
    assert "feed.xml" in first and "en/feed.xml" in first and "calendar/all.ics" in first
    for path, data in first.items():
        assert data == second[path], path


@pytest.mark.slow
def test_minimal_builds_twice_identically(
    cal_project: Path, cal_site: Path, tmp_path: Path
) -> None:
    again = build(cal_project, tmp_path / "site", AS_OF_MIN)
    assert feed_files(cal_site) == feed_files(again)


def test_feeds_do_not_depend_on_the_build_moment_between_changes(cal_project: Path) -> None:
    # Nothing is released, announced, or leaves the window or a marker between these two.
    first = feeds_at(cal_project, "2027-06-10T09:00")
    second = feeds_at(cal_project, "2027-06-11T16:30")
    assert first == second


# --- each release as an event ---------------------------------------------------------------


class Feed:
    """A feed parsed once: its events as ``icalendar`` reads them and as lines."""

    def __init__(self, data: bytes) -> None:
        self.events = ical_events(data)
        self.lines = raw_events(data)


def assert_same_event(release: str, data: bytes, feed: Feed) -> None:
    """``data`` (an event.ics) holds one VEVENT, the feed's own: both parsers read the
    same UID, SEQUENCE, times and status in it, and its lines are the feed's, no more."""
    by_ical, by_vobject = ical_events(data), vobject_events(data)
    assert list(by_ical) == list(by_vobject) == [release]
    mine, theirs = by_ical[release], feed.events[release]
    other = by_vobject[release]
    for name in ("UID", "SEQUENCE", "STATUS"):
        assert str(mine[name]) == str(theirs[name]), (release, name)
    assert other.uid.value == str(theirs["UID"])
    assert int(other.sequence.value) == int(theirs["SEQUENCE"])
    assert other.status.value == str(theirs["STATUS"])
    assert mine.decoded("DTSTART") == other.dtstart.value == theirs.decoded("DTSTART")
    assert mine.decoded("DTEND") == other.dtend.value == theirs.decoded("DTEND")
    # The embargo: nothing in it that the feed does not say.
    assert raw_events(data)[release] == feed.lines[release]


def test_each_release_is_an_event_of_its_own_as_in_the_feeds(cal_project: Path) -> None:
    files = feeds_at(cal_project, AS_OF_MIN)
    events = event_files(files)
    catalog = load_catalog(cal_project / "catalog").public()
    every = {r.id for r in plan(catalog, resolve(AS_OF_MIN, catalog.site.zone).now).releases}
    assert set(events) == {(lang, r) for lang in LANGS.values() for r in every}
    feeds = {lang: Feed(files[f"{lang}calendar/all.ics"]) for lang in LANGS.values()}
    for (lang, release), data in events.items():
        check_lines(f"{lang}releases/{release}/event.ics", data)
        feed = feeds[lang]
        if release in feed.events:  # older than the feeds' window: not in them
            assert_same_event(release, data, feed)
    cancelled, month = events[("", "cpi/2027-04")], events[("", "tong-dieu-tra/ket-qua-chinh-thuc")]
    assert raw_prop(raw_events(cancelled)["cpi/2027-04"], "STATUS") == "STATUS:CANCELLED"
    month_lines = raw_events(month)["tong-dieu-tra/ket-qua-chinh-thuc"]
    assert raw_prop(month_lines, "DTSTART") == "DTSTART;VALUE=DATE:20270901"
    assert raw_prop(month_lines, "STATUS") == "STATUS:TENTATIVE"
    english = vobject_events(events[("en/", "cpi/2027-01")])["cpi/2027-01"]
    assert "Consumer price index" in english.summary.value or "CPI" in english.summary.value


@pytest.mark.slow
def test_every_example_release_has_its_event_with_the_feeds_uid(example_site: Path) -> None:
    catalog = load_catalog(ROOT / "catalog").public()
    every = {r.id for r in plan(catalog, resolve(AS_OF, catalog.site.zone).now).releases}
    events = event_files(feed_files(example_site))
    assert set(events) == {(lang, r) for lang in LANGS.values() for r in every}
    compared = 0
    feeds = {lang: Feed((example_site / f"{lang}calendar/all.ics").read_bytes())
             for lang in LANGS.values()}
    for (lang, release), data in events.items():
        feed = feeds[lang]
        if release in feed.events:
            assert_same_event(release, data, feed)
            compared += 1
        else:
            assert list(ical_events(data)) == list(vobject_events(data)) == [release]
    assert compared > 100
    cancelled = ical_events(events[("", "khao-sat-nhanh-doanh-nghiep/2026")])
    assert str(cancelled["khao-sat-nhanh-doanh-nghiep/2026"]["STATUS"]) == "CANCELLED"


# --- size -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_example_feeds_stay_far_below_one_megabyte(example_site: Path) -> None:
    files = ics_of(example_site)
    assert len(files["calendar/all.ics"]) < MB / 2
    for path, data in files.items():
        assert len(data) < MB, path


# --- Atom ---------------------------------------------------------------------------------


def expected_entries(lang: str) -> dict[str, dt.datetime]:
    """The Atom entries at AS_OF_MIN: releases public by then, changes announced by then."""
    released = {
        "cpi/2026-12": dt.datetime(2027, 1, 6, 9, 0, tzinfo=ZONE),
        "cpi/2027-01": dt.datetime(2027, 2, 11, 9, 0, tzinfo=ZONE),
        "nien-giam/2026": dt.datetime(2027, 3, 1, 0, 0, tzinfo=ZONE),
        "cpi/2027-02": dt.datetime(2027, 3, 8, 9, 0, tzinfo=ZONE),
    }
    entries = {release_url(r, lang): moment for r, moment in released.items()}
    entries[release_url("cpi/2027-03", lang) + "#change-20270320T100000"] = MOVED_AT
    entries[release_url("cpi/2027-04", lang) + "#change-20270322T150000"] = CANCELLED_AT
    return entries


@pytest.mark.slow
def test_atom_feed_is_valid_with_releases_and_adjustments(cal_site: Path) -> None:
    for lang, prefix in LANGS.items():
        parsed = atom((cal_site / prefix / "feed.xml").read_bytes())
        assert parsed.feed.id == f"{SITE_URL}{prefix}feed.xml"
        assert parsed.feed.get("language") == lang
        assert entry_times(parsed) == expected_entries(lang)
        assert dt.datetime.fromisoformat(parsed.feed.updated) == CANCELLED_AT
        titles = {e.id: e.title for e in parsed.entries}
        if lang == "en":
            assert titles[release_url("cpi/2027-02", "en")] == (
                "Consumer price index, February 2027 (official)"
            )
        change = next(e for e in parsed.entries if e.id.endswith("#change-20270322T150000"))
        assert CANCEL_REASON[lang] in change.summary
        assert change.link == release_url("cpi/2027-04", lang)


def test_atom_entry_ids_and_times_are_stable(cal_project: Path) -> None:
    early = entry_times(atom(feeds_at(cal_project, AS_OF_MIN)["feed.xml"]))
    late = entry_times(atom(feeds_at(cal_project, "2027-04-20T09:00")["feed.xml"]))
    assert early == expected_entries("vi")
    for entry_id, updated in early.items():
        assert late[entry_id] == updated, entry_id
    # New since: the moved release (8 April) and the first census results (15 April).
    assert set(late) - set(early) == {
        release_url("cpi/2027-03"),
        release_url("tong-dieu-tra/ket-qua-so-bo"),
    }


def test_atom_carries_a_release_only_from_its_time(cal_project: Path) -> None:
    before = entry_times(atom(feeds_at(cal_project, "2027-03-08T08:59")["feed.xml"]))
    at = entry_times(atom(feeds_at(cal_project, "2027-03-08T09:00")["feed.xml"]))
    assert release_url("cpi/2027-02") not in before
    assert at[release_url("cpi/2027-02")] == dt.datetime(2027, 3, 8, 9, 0, tzinfo=ZONE)
    # A cancelled release never becomes an entry of its own, even after its time.
    after = entry_times(atom(feeds_at(cal_project, "2027-06-01T09:00")["feed.xml"]))
    assert release_url("cpi/2027-04") not in after
    assert release_url("cpi/2027-04") + "#change-20270322T150000" in after


@pytest.mark.slow
def test_example_atom_feeds(example_site: Path) -> None:
    now = dt.datetime.fromisoformat(AS_OF).replace(tzinfo=ZONE)
    for prefix in LANGS.values():
        updated = entry_times(atom((example_site / prefix / "feed.xml").read_bytes()))
        assert len(updated) > 20
        assert all(now - dt.timedelta(days=365) <= u <= now for u in updated.values())
        assert any("#change-" in entry_id for entry_id in updated)


def test_atom_entries_of_two_adjustments_in_one_minute_keep_distinct_ids(minimal: Path) -> None:
    """Announcement times may carry seconds: each adjustment still needs its own entry id."""
    first = MOVE.replace("announced: 2027-03-20 10:00", "announced: 2027-03-20 10:00:10")
    second = MOVE_AGAIN.replace("announced: 2027-03-28 10:00", "announced: 2027-03-20 10:00:50")
    set_up(minimal, first, second)
    parsed = atom(feeds_at(minimal, AS_OF_MIN)["feed.xml"])
    changes = [e.id for e in parsed.entries if e.link == release_url("cpi/2027-03")]
    assert len(changes) == 2
    assert len(set(changes)) == 2, f"two entries share the id {changes[0]}"


# --- restricted products and identity ---------------------------------------------------------


@pytest.mark.slow
def test_restricted_product_appears_in_no_feed(cal_site: Path) -> None:
    files = feed_files(cal_site)
    assert len(files) == len(ALL_FEEDS) + 2 + len(event_files(files))
    assert len(event_files(files)) >= 2 * len(EVERY)  # each release's event.ics, checked too
    assert not any("mat-lanh-dao" in path for path in files)
    for path, data in files.items():
        text = data.decode("utf-8")
        for needle in RESTRICTED_NEEDLES:
            assert needle not in text, f"{needle!r} leaked into {path}"
    # Not vacuous: the leaders' feed, the restricted product's audience, has events.
    assert len(ical_events(files["calendar/audiences/leaders.ics"])) == 26


@pytest.mark.slow
def test_restricted_products_of_the_example_appear_in_no_feed(example_site: Path) -> None:
    catalog = load_catalog(ROOT / "catalog")
    restricted = [p for p in catalog.products if p.access == "restricted"]
    assert restricted
    needles = [x for p in restricted for x in (f"{p.id}/", p.name.vi, p.name.en) if x]
    for path, data in feed_files(example_site).items():
        text = data.decode("utf-8")
        for needle in needles:
            assert needle not in text, f"{needle!r} leaked into {path}"


def iter_uids(files: dict[str, bytes]) -> Iterator[tuple[str, list[str]]]:
    for path, data in files.items():
        if path.endswith(".ics"):
            lines = logical_lines(data)
            yield path, [x[4:] for x in lines if x.startswith("UID:")]


def test_a_release_listed_in_two_years_never_gives_two_events_with_one_uid(
    minimal: Path,
) -> None:
    """The same release (product and period) in two yearly calendars is one release: the
    check refuses the catalog, or the feeds carry it once."""
    set_up(minimal)
    path = minimal / "catalog/calendars/2028.yml"
    path.write_text(
        CALENDAR_2028 + "releases:\n  - product: tong-dieu-tra\n    period: ket-qua-so-bo\n"
        '    completeness: official\n    date: 2028-04-14\n    time: "10:00"\n',
        encoding="utf-8",
    )
    try:
        files = feeds_at(minimal, AS_OF_MIN)
    except CatalogError:
        return  # refused by `phobien check`: fine
    for feed, uids in iter_uids(files):
        assert len(uids) == len(set(uids)), f"{feed}: the same UID on two events"


# --- the feed cache ----------------------------------------------------------------------


def test_a_product_edit_rebuilds_only_the_feeds_that_carry_it(
    cal_project: Path, tmp_path: Path
) -> None:
    """After one product's name changes, the feeds that do not carry it come from the
    cache, unserialised; the others are rebuilt; and the bytes are what a build without
    a cache writes."""
    from generator.outputs.feeds import FeedCache

    project = tmp_path / "project"
    shutil.copytree(cal_project, project)
    caches: list[FeedCache] = []

    def run() -> tuple[dict[str, bytes], list[str]]:
        catalog = load_catalog(project / "catalog").public()
        clock = resolve(AS_OF_MIN, catalog.site.zone)
        caches.append(FeedCache(tmp_path / "feeds"))  # one a build, as the plugin does
        files = write_feeds(catalog, plan(catalog, clock.now), clock, SITE_URL, caches[-1])
        assert files == write_feeds(catalog, plan(catalog, clock.now), clock, SITE_URL)
        return files, sorted(caches[-1].rebuilt)

    first, rebuilt = run()
    # The feeds, and each release's own calendar (event.ics).
    assert rebuilt == sorted(p for p in first if p.endswith(".ics"))
    events = caches[-1].serialised
    assert events == 2 * len(EVERY)  # each event once per language, however many feeds
    assert run()[1] == [] and caches[-1].serialised == 0  # nothing changed, nothing written

    path = project / "catalog/products/cpi.yml"
    text = path.read_text(encoding="utf-8")
    old = 'name: {vi: "Chỉ số giá tiêu dùng"'
    assert old in text
    path.write_text(text.replace(old, 'name: {vi: "Chỉ số giá tiêu dùng (CPI)"'),
                    encoding="utf-8")
    catalog = load_catalog(project / "catalog").public()
    audiences = catalog.product("cpi").audiences
    second, rebuilt = run()
    carrying = {"calendar/all.ics", "calendar/products/cpi.ics",
                *(f"calendar/audiences/{a}.ics" for a in audiences),
                *(p for p in first if p.startswith("releases/cpi/") and p.endswith("event.ics"))}
    assert rebuilt == sorted({*carrying, *(f"en/{p}" for p in carrying)})
    # The rebuilt feeds took every other product's events from the cache.
    assert caches[-1].serialised == 2 * len(CPI)
    assert b"(CPI)" in second["calendar/products/cpi.ics"]
    assert second["calendar/products/nien-giam.ics"] == first["calendar/products/nien-giam.ics"]
    # Entries of the earlier build that no feed uses any more are gone.
    assert len(list((tmp_path / "feeds").glob("*/*.ics"))) == len(
        [p for p in second if p.endswith(".ics")])
