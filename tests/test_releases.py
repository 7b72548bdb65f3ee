"""Release planning: rules, days off (Tết included), timings, adjustments and their checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.catalog.load import Calendar, Catalog
from generator.check import load_catalog
from generator.problems import CatalogError, Problem
from generator.releases.plan import Period, WorkingDays, plan
from tests.conftest import ROOT

ZONE_NOW = dt.datetime(2026, 11, 25, 9, 0)

CPI_RULE = """releases:
  - period: month
    day: 6
    time: "9:00"
"""

CALENDAR_2027 = """year: 2027
status: approved
approval:
  approver: {vi: "Cục trưởng", en: "Director"}
  date: 2026-11-20
  decision: "215/QĐ-CTK"
days_off: [2027-03-08]
working_days: [2027-03-06]
releases:
  - product: tong-dieu-tra
    period: "2026"
    completeness: official
    date: 2027-04-15
    time: "14:00"
  - product: nien-giam
    period: "2026"
    completeness: official
    date: 2027-06-30
  - product: vi-du-lieu
    period: "2026"
    completeness: official
    month: 2027-09
adjustments: []
"""


def add_rule(project: Path, product: str = "cpi", rule: str = CPI_RULE) -> None:
    path = project / f"catalog/products/{product}.yml"
    path.write_text(path.read_text(encoding="utf-8") + rule, encoding="utf-8")


def write_calendar(project: Path, text: str = CALENDAR_2027, year: int = 2027) -> Path:
    folder = project / "catalog/calendars"
    folder.mkdir(exist_ok=True)
    path = folder / f"{year}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def with_adjustments(adjustments: str) -> str:
    return CALENDAR_2027.replace("adjustments: []\n", "adjustments:\n" + adjustments)


def problems_of(project: Path) -> list[Problem]:
    with pytest.raises(CatalogError) as info:
        load_catalog(project / "catalog")
    return info.value.problems


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.fixture
def planned(minimal: Path) -> Catalog:
    add_rule(minimal)
    write_calendar(minimal)
    return load_catalog(minimal / "catalog")


# --- the rules and days off ---------------------------------------------------------------


def test_tet_example_holds_in_the_example_catalog() -> None:
    catalog = load_catalog(ROOT / "catalog")
    release = plan(catalog, ZONE_NOW).by_id["bao-cao-kt-xh-thang/2027-01"]
    assert release.due == dt.date(2027, 2, 6)
    assert release.timing.date == dt.date(2027, 2, 11)
    assert release.timing.date.strftime("%A") == "Thursday"
    assert release.shifted_by_day_off


def test_monthly_rule_with_tet(planned: Catalog) -> None:
    schedule = plan(planned, ZONE_NOW)
    january = schedule.by_id["cpi/2027-01"]
    assert (january.timing.date, january.timing.time) == (dt.date(2027, 2, 11), dt.time(9, 0))
    # a calendar year carries the twelve releases whose rule date falls in it
    assert [r.period_id for r in schedule.of_product("cpi")] == [
        f"{y}-{m:02d}" for y, m in [(2026, 12)] + [(2027, m) for m in range(1, 12)]
    ]


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        (dt.date(2027, 3, 13), dt.date(2027, 3, 15), "a Saturday goes to Monday"),
        (dt.date(2027, 3, 6), dt.date(2027, 3, 6), "a declared working Saturday stays"),
        (dt.date(2027, 3, 8), dt.date(2027, 3, 9), "a declared day off moves on"),
        (dt.date(2027, 9, 2), dt.date(2027, 9, 6), "National Day holidays, then a weekend"),
        (dt.date(2027, 4, 16), dt.date(2027, 4, 19), "Hùng Kings' day, then a weekend"),
        (dt.date(2027, 2, 4), dt.date(2027, 2, 11), "the whole of Tết"),
        (dt.date(2027, 3, 10), dt.date(2027, 3, 10), "a Wednesday stays"),
    ],
)
def test_working_days(planned: Catalog, day: dt.date, expected: dt.date, why: str) -> None:
    assert WorkingDays(planned.calendars).next_working(day) == expected, why


def test_day_n_of_the_month_after_each_kind_of_period() -> None:
    from generator.catalog.load import ReleaseRule
    from generator.releases.plan import due_date

    rule = ReleaseRule(period="month", day=6)
    assert due_date(Period(2026, "month", 12), rule) == dt.date(2027, 1, 6)
    assert due_date(Period(2026, "quarter", 3), rule) == dt.date(2026, 10, 6)
    assert due_date(Period(2026, "half", 1), rule) == dt.date(2026, 7, 6)
    assert due_date(Period(2026, "nine-months", 1), rule) == dt.date(2026, 10, 6)
    assert due_date(Period(2026, "year", 1), rule) == dt.date(2027, 1, 6)
    # official GDP for a year: 6 October of the second year after
    late = ReleaseRule(period="year", day=6, months_after=22)
    assert due_date(Period(2025, "year", 1), late) == dt.date(2027, 10, 6)
    # day 31 in a short month is its last day
    assert due_date(Period(2027, "month", 1), ReleaseRule(period="month", day=31)) == dt.date(
        2027, 2, 28
    )


def test_several_completeness_levels_get_their_own_ids(minimal: Path) -> None:
    path = minimal / "catalog/products/cpi.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "completeness: [official]", "completeness: [estimate, official]"
        ),
        encoding="utf-8",
    )
    add_rule(
        minimal,
        rule="""releases:
  - period: quarter
    day: 6
    time: "09:00"
    completeness: estimate
  - period: quarter
    day: 6
    months_after: 4
    time: "09:00"
    completeness: official
""",
    )
    write_calendar(minimal)
    schedule = plan(load_catalog(minimal / "catalog"), ZONE_NOW)
    assert "cpi/2026-q4/estimate" in schedule.by_id
    assert schedule.by_id["cpi/2026-q4/official"].timing.date == dt.date(2027, 4, 6)


def test_timings_and_statuses(planned: Catalog) -> None:
    before = plan(planned, ZONE_NOW)
    census = before.by_id["tong-dieu-tra/2026"]
    assert census.timing.kind == "exact" and census.status == "confirmed"
    yearbook = before.by_id["nien-giam/2026"]
    assert yearbook.timing.kind == "date" and yearbook.timing.time is None
    window = before.by_id["vi-du-lieu/2026"]
    assert window.timing.kind == "month" and window.status == "provisional"
    assert window.moment is None and not window.is_public
    after = plan(planned, dt.datetime(2027, 4, 15, 14, 0))
    assert after.by_id["tong-dieu-tra/2026"].status == "published"
    assert (
        plan(planned, dt.datetime(2027, 4, 15, 13, 59)).by_id["tong-dieu-tra/2026"].status
        == "confirmed"
    )


def test_draft_calendar_is_provisional(minimal: Path) -> None:
    add_rule(minimal)
    write_calendar(minimal, CALENDAR_2027.replace("status: approved", "status: draft"))
    assert (
        plan(load_catalog(minimal / "catalog"), ZONE_NOW).by_id["cpi/2027-03"].status
        == "provisional"
    )


def test_restricted_products_get_no_release(minimal: Path) -> None:
    add_rule(minimal, "mat-lanh-dao")
    write_calendar(minimal)
    catalog = load_catalog(minimal / "catalog")
    assert plan(catalog, ZONE_NOW).of_product("mat-lanh-dao")  # the full catalog plans it
    assert not plan(catalog.public(), ZONE_NOW).of_product("mat-lanh-dao")


# --- adjustments ----------------------------------------------------------------------------

MOVE = """  - type: moved
    release: cpi/2027-03
    from: 2027-04-06
    to: 2027-04-08
    announced: 2027-03-20 10:00
    reason: {vi: "Trùng lịch họp", en: "A clashing meeting"}
"""
CANCEL = """  - type: cancelled
    release: tong-dieu-tra/2026
    announced: 2027-02-01 08:00
    reason: {vi: "Chưa đủ số liệu", en: "Not enough data"}
"""
ADD = """  - type: added
    announced: 2027-01-15 08:00
    reason: {vi: "Theo yêu cầu", en: "On request"}
    add: {product: tong-dieu-tra, period: "2027", completeness: official, date: 2027-10-05}
"""


AFTER = dt.datetime(2027, 3, 26, 9, 0)  # every adjustment below has been announced


def test_moved_cancelled_added(minimal: Path) -> None:
    add_rule(minimal)
    write_calendar(minimal, with_adjustments(MOVE + CANCEL + ADD))
    schedule = plan(load_catalog(minimal / "catalog"), AFTER)
    moved = schedule.by_id["cpi/2027-03"]
    assert moved.timing.date == dt.date(2027, 4, 8) and moved.timing.time == dt.time(9, 0)
    assert moved.scheduled.date == dt.date(2027, 4, 6)  # history: the approved date is kept
    assert moved.shift == "postponed" and moved.sequence == 1
    cancelled = schedule.by_id["tong-dieu-tra/2026"]
    assert cancelled.status == "cancelled" and cancelled.sequence == 1
    added = schedule.by_id["tong-dieu-tra/2027"]
    assert added.timing.date == dt.date(2027, 10, 5) and added.sequence == 0
    # newest first
    assert [c.kind for c in schedule.changes] == ["moved", "cancelled", "added"]


def test_brought_forward_and_moved_twice(minimal: Path) -> None:
    add_rule(minimal)
    twice = (
        MOVE
        + """  - type: moved
    release: cpi/2027-03
    from: 2027-04-08
    to: 2027-04-02
    announced: 2027-03-25 10:00
    reason: {vi: "Sớm hơn", en: "Earlier"}
"""
    )
    write_calendar(minimal, with_adjustments(twice))
    release = plan(load_catalog(minimal / "catalog"), AFTER).by_id["cpi/2027-03"]
    assert release.timing.date == dt.date(2027, 4, 2)
    assert release.shift == "brought-forward" and release.sequence == 2
    assert [c.after.date for c in release.changes if c.after] == [
        dt.date(2027, 4, 8),
        dt.date(2027, 4, 2),
    ]


def test_an_adjustment_counts_from_its_announcement(minimal: Path) -> None:
    add_rule(minimal)
    write_calendar(minimal, with_adjustments(MOVE))
    catalog = load_catalog(minimal / "catalog")
    before = plan(catalog, dt.datetime(2027, 3, 20, 9, 59)).by_id["cpi/2027-03"]
    assert before.timing.date == dt.date(2027, 4, 6) and before.sequence == 0
    after = plan(catalog, dt.datetime(2027, 3, 20, 10, 0)).by_id["cpi/2027-03"]
    assert after.timing.date == dt.date(2027, 4, 8) and after.sequence == 1


def test_one_release_in_one_calendar_only(minimal: Path) -> None:
    write_calendar(minimal)
    # The same one-off releases listed again in 2028 would give two events with one UID.
    again = CALENDAR_2027.replace("year: 2027", "year: 2028").replace("2027-", "2028-")
    path = write_calendar(minimal, again, year=2028)
    found = [p for p in problems_of(minimal) if p.code == "duplicate-release"]
    assert found and found[0].file == "catalog/calendars/2028.yml"
    assert found[0].line == line_of(path, "product: tong-dieu-tra")


def test_move_to_a_day_off_is_refused(minimal: Path) -> None:
    add_rule(minimal)
    path = write_calendar(minimal, with_adjustments(MOVE.replace("2027-04-08", "2027-04-10")))
    [problem] = problems_of(minimal)
    assert problem.code == "move-to-day-off"
    assert (problem.file, problem.line) == (
        "catalog/calendars/2027.yml",
        line_of(path, "to: 2027-04-10"),
    )
    assert problem.field == "adjustments[0].to"
    assert "ngày cuối tuần" in problem.message("vi") and "weekend" in problem.message("en")


def test_conflicting_adjustments(minimal: Path) -> None:
    add_rule(minimal)
    cancel_cpi = CANCEL.replace("tong-dieu-tra/2026", "cpi/2027-03").replace(
        "2027-02-01", "2027-03-01"
    )
    write_calendar(minimal, with_adjustments(cancel_cpi + MOVE))
    [problem] = problems_of(minimal)
    assert problem.code == "adjustment-conflict"
    assert "cancelled by an earlier adjustment" in problem.message("en")
    # a 'from' that is not the current date
    write_calendar(minimal, with_adjustments(MOVE.replace("from: 2027-04-06", "from: 2027-04-07")))
    [problem] = problems_of(minimal)
    assert problem.code == "adjustment-conflict" and problem.field == "adjustments[0].from"


@pytest.mark.parametrize(
    ("calendar", "code", "needle"),
    [
        (
            with_adjustments(MOVE.replace("cpi/2027-03", "cpi/2030-01")),
            "unknown-release",
            "release: cpi/2030-01",
        ),
        (
            CALENDAR_2027.replace("product: tong-dieu-tra", "product: mat-lanh-dao"),
            "restricted-in-calendar",
            "product: mat-lanh-dao",
        ),
        (
            CALENDAR_2027.replace("product: tong-dieu-tra", "product: khong-co"),
            "unknown-reference",
            "product: khong-co",
        ),
        (
            CALENDAR_2027.replace("date: 2027-04-15", "date: 2028-04-15"),
            "outside-calendar-year",
            "date: 2028-04-15",
        ),
        (CALENDAR_2027.replace('time: "14:00"', 'time: "25:00"'), "bad-time", "25:00"),
        (
            CALENDAR_2027.replace("    month: 2027-09", "    month: 2027-09\n    date: 2027-09-09"),
            "timing-required",
            "product: vi-du-lieu",
        ),
        (
            CALENDAR_2027.replace(
                'approval:\n  approver: {vi: "Cục trưởng", en: "Director"}\n'
                '  date: 2026-11-20\n  decision: "215/QĐ-CTK"\n',
                "",
            ),
            "approval-required",
            "status:",
        ),
    ],
)
def test_calendar_problems(minimal: Path, calendar: str, code: str, needle: str) -> None:
    add_rule(minimal)
    path = write_calendar(minimal, calendar)
    found = [p for p in problems_of(minimal) if p.code == code]
    assert found, code
    assert found[0].file == "catalog/calendars/2027.yml"
    assert found[0].line == line_of(path, needle)


def test_calendar_year_must_match_file(minimal: Path) -> None:
    write_calendar(minimal, CALENDAR_2027, year=2028)
    assert any(p.code == "id-file-mismatch" for p in problems_of(minimal))


def test_example_calendars_show_every_case() -> None:
    catalog = load_catalog(ROOT / "catalog")
    assert {c.year for c in catalog.calendars} >= {2026, 2027}
    schedule = plan(catalog.public(), ZONE_NOW)
    kinds = {c.kind for c in schedule.changes}
    assert {"moved", "cancelled"} <= kinds
    assert {r.timing.kind for r in schedule.releases} == {"exact", "date", "month"}


def test_working_days_from_calendars() -> None:
    cal = Calendar(
        year=2027,
        status="draft",
        prepared=dt.date(2026, 10, 1),
        days_off=[dt.date(2027, 1, 4)],
        working_days=[dt.date(2027, 1, 9)],
    )
    days = WorkingDays([cal])
    assert not days.is_working(dt.date(2027, 1, 4)) and days.is_working(dt.date(2027, 1, 9))
    assert days.why_off(dt.date(2027, 2, 8))["vi"].startswith("ngày lễ")
