"""Accessibility and HTML validity of the built example site.

axe-core runs in Debian's Chromium on one page of every kind (WCAG 2.1 A and AA rules);
the Nu HTML Checker (vnu) reads the same pages' files; charts and tables carry text
alternatives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser import (
    Served,
    describe_violations,
    fixture_browser,  # noqa: F401
    fixture_served,  # noqa: F401
    opened,
    run_axe,
    vnu_errors,
)

pytestmark = pytest.mark.slow  # the example site; most tests in Chromium too

# One page of every kind the site has, in Vietnamese, and the main kinds in English.
KINDS = [
    "/",
    "/audiences/",
    "/audiences/business/",
    "/products/",
    "/products/cpi/",
    "/topics/",
    "/topics/gia-ca/",
    "/calendar/",
    "/calendar/audiences/business/",
    "/calendar/topics/gia-ca/",
    "/calendar/week/",
    "/calendar/months/2026-12/",
    "/calendar/changes/",
    "/calendar/punctuality/",
    "/calendar/subscribe/",
    "/releases/bao-cao-kt-xh-quy/2026-q4/",  # still to come
    "/releases/cpi/2026-10/",  # published, with its data
    "/releases/cpi/2026-09/",  # published, with a correction notice
    "/datasets/",
    "/datasets/grdp-quy/",
    "/help/",
    "/about/",
    "/404.html",
    "/en/",
    "/en/products/cpi/",
    "/en/calendar/",
    "/en/calendar/week/",
    "/en/releases/cpi/2026-10/",
    "/en/datasets/cpi-thang/",
]


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize("path", KINDS)
def test_axe_finds_no_wcag_21_aa_violation(browser: Browser, served: Served, path: str) -> None:
    with opened(browser, served, path) as (page, _):
        violations = run_axe(page)
    assert not violations, f"axe on {path}:\n{describe_violations(violations)}"


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize("path", ["/calendar/", "/en/calendar/months/2027-01/"])
def test_axe_finds_no_violation_with_the_calendar_filter_in_use(
    browser: Browser, served: Served, path: str
) -> None:
    """The filter's box is labelled and its count a live region; some releases matched,
    then none: axe finds nothing either way."""
    with opened(browser, served, path) as (page, _):
        box = page.locator("#phobien-filter-q")
        expect(box).to_be_visible()
        name = "Lọc" if not path.startswith("/en/") else "Filter"
        expect(box).to_have_accessible_name(re.compile(f"^{name}"))
        for typed in ("chi so", "zzz"):
            box.fill(typed)
            expect(page.locator("#phobien-filter-count[role=status]")).not_to_have_text("")
            violations = run_axe(page)
            assert not violations, f"axe on {path}, {typed!r}:\n{describe_violations(violations)}"


def built_file(path: str) -> str:
    """The file behind an address: '/products/cpi/' -> 'products/cpi/index.html'."""
    return path.lstrip("/") if path.endswith(".html") else f"{path.lstrip('/')}index.html"


def test_nu_html_checker_finds_no_error(example_site: Path) -> None:
    files = [example_site / built_file(path) for path in KINDS]
    assert all(f.is_file() for f in files), [f for f in files if not f.is_file()]
    errors = vnu_errors(files)
    report = "\n".join(
        f"{e.get('url', '?').removeprefix(f'file:{example_site}/')}:{e.get('lastLine', '?')}: "
        f"{e['message']}"
        for e in errors
    )
    assert not errors, f"vnu:\n{report}"


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize(
    "path", ["/products/cpi/", "/datasets/grdp-quy/", "/en/releases/cpi/2026-10/"]
)
def test_charts_have_a_text_alternative(browser: Browser, served: Served, path: str) -> None:
    with opened(browser, served, path) as (page, _):
        # Each chart is drawn for a narrow and a wide space; the page shows one of them.
        charts = page.locator("article svg.phobien-chart:visible")
        assert charts.count() > 0, f"no chart on {path}"
        for chart in charts.all():
            expect(chart).to_have_attribute("role", "img")
            # Its text alternative gives the title and the figures: the lowest, highest and
            # latest of each series.
            title = chart.locator("title").text_content() or ""
            assert title.strip(), f"a chart without a title on {path}"
            expect(chart).to_have_accessible_name(re.compile(re.escape(title) + r".*\d"))
            # The numbers themselves are in a table on the same page.
            figure = chart.locator("xpath=ancestor::figure")
            expect(figure.locator("figcaption")).to_have_text(re.compile(r"\w"))
        expect(page.locator("article table thead th[scope=col]").first).to_be_visible()


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize("path", ["/calendar/", "/products/cpi/", "/datasets/grdp-quy/"])
def test_tables_are_named_and_have_headers(browser: Browser, served: Served, path: str) -> None:
    with opened(browser, served, path) as (page, _):
        tables = page.evaluate(
            """() => [...document.querySelectorAll('article table')].map(t => ({
                caption: (t.caption ? t.caption.textContent : '').trim(),
                columnHeaders: t.querySelectorAll('thead th[scope=col]').length,
                rows: t.querySelectorAll('tbody tr').length,
                rowHeaders: t.querySelectorAll('tbody tr > th[scope=row]:first-child').length,
            }))"""
        )
    assert tables, f"no table on {path}"
    for table in tables:
        # A listing has a caption and column headers; a product sheet is a list of
        # fields, each row headed by its field's name.
        listing = bool(table["caption"]) and table["columnHeaders"] > 0
        sheet = table["rows"] > 0 and table["rowHeaders"] == table["rows"]
        assert listing or sheet, f"{path}: a table without caption or headers: {table}"
