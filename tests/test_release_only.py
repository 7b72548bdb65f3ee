"""A release rule for one half, quarter or month of the year (``only``): the plan honours
it, and a wrong ``only`` is one clear problem with file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check import load_catalog
from generator.problems import CatalogError
from generator.releases.plan import plan
from tests.conftest import ROOT, copy_example

NOW = dt.datetime(2026, 11, 25, 9, 0)


def _periods(catalog_dir: Path, product: str, year: int) -> list[str]:
    schedule = plan(load_catalog(catalog_dir), NOW)
    return sorted(r.period_id for r in schedule.of_product(product)
                  if r.calendar.year == year)


def test_first_half_report_has_no_second_half_release() -> None:
    """The "6 tháng đầu năm" report (``only: [1]``) is released in July, never in January
    for the year's second half: that is the annual report's."""
    assert _periods(ROOT / "catalog", "bao-cao-kt-xh-6-thang", 2027) == ["2027-h1"]


def test_only_picks_quarters(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p")
    path = project / "catalog/products/bao-cao-kt-xh-quy.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - period: quarter\n",
                                 "  - period: quarter\n    only: [2, 3, 4]\n"), encoding="utf-8")
    # 2026's fourth quarter falls in January 2027; 2027's first quarter is left out.
    assert _periods(project / "catalog", "bao-cao-kt-xh-quy", 2027) == [
        "2026-q4", "2027-q2", "2027-q3"]


@pytest.mark.parametrize(
    ("rule", "code", "field", "vi", "en"),
    [
        ("  - period: half\n    only: [1, 3]\n",
         "only-out-of-range", "releases[0].only[1]",
         "kỳ 3 không có trong năm: quy tắc theo nửa năm (6 tháng) chỉ nhận các số từ 1 đến 2",
         "there is no 3 in a year: a rule by half-year takes the numbers 1 to 2"),
        ("  - period: month\n    only: [0, 12]\n",
         "only-out-of-range", "releases[0].only[0]",
         "kỳ 0 không có trong năm: quy tắc theo tháng chỉ nhận các số từ 1 đến 12",
         "there is no 0 in a year: a rule by month takes the numbers 1 to 12"),
        ("  - period: year\n    only: [1]\n",
         "only-whole-year", "releases[0].only",
         "quy tắc theo năm có một kỳ mỗi năm: bỏ 'only' đi",
         "a rule by year has one period a year: leave out 'only'"),
        ("  - period: nine-months\n    only: [1]\n",
         "only-whole-year", "releases[0].only",
         "quy tắc theo 9 tháng có một kỳ mỗi năm: bỏ 'only' đi",
         "a rule by nine months has one period a year: leave out 'only'"),
    ],
)
def test_bad_only_is_one_clear_problem(tmp_path: Path, rule: str, code: str, field: str,
                                       vi: str, en: str) -> None:
    project = copy_example(tmp_path / "p")
    path = project / "catalog/products/bao-cao-kt-xh-6-thang.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("releases:\n")
    path.write_text(text[:start] + "releases:\n" + rule + "    day: 6\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(project / "catalog", display_root=project)
    [problem] = caught.value.problems
    assert (problem.code, problem.file, problem.field) == (
        code, "catalog/products/bao-cao-kt-xh-6-thang.yml", field)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and "only" in lines[problem.line - 1]
    assert problem.message("vi") == vi
    assert problem.message("en") == en
