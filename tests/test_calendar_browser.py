"""The calendar, the product page and the lists around them in Chromium, at a phone's
width (390 x 844) and a laptop's (1366 x 900), in both languages (issue 12).

On every page: the page never scrolls sideways, every time of day shown carries its
zone, axe-core finds no WCAG 2.1 A/AA violation and the Nu HTML Checker no error. On a
phone the calendar reads as a list of cards, one a release with its day, time and zone;
a product page leads with its latest and next releases.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from tests.browser import (
    Served,
    describe_violations,
    fixture_browser,  # noqa: F401
    fixture_served,  # noqa: F401
    run_axe,
    screenshot,
    vnu_errors,
)
from tests.test_calendar_pages import TIME, times_without_zone

SIZES: dict[str, ViewportSize] = {
    "phone": {"width": 390, "height": 844},
    "laptop": {"width": 1366, "height": 900},
}
MOVED = "releases/bao-cao-kt-xh-quy/2026-q4/"  # moved from 6 to 7 January 2027, 14:00
PATHS = ["calendar/", "calendar/months/2026-12/", "calendar/changes/", "products/cpi/",
         "audiences/public/", MOVED]
PAGES = [lang + path for lang in ("", "en/") for path in PATHS]
# A release's time on a calendar's row: its time and zone, or why there is none.
NO_TIME = {"Cả ngày", "All day", "Ngày sẽ thông báo sau", "Date to be announced"}


@contextmanager
def visit(browser: Browser, served: Served, path: str, size: str) -> Iterator[Page]:
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        response = page.goto(served.url("/" + path))
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
        yield page
    finally:
        context.close()


def scroll_width(page: Page) -> tuple[int, int]:
    return page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", PAGES)
def test_page_fits_shows_zones_and_passes_axe(
    browser: Browser, served: Served, path: str, size: str
) -> None:
    with visit(browser, served, path, size) as page:
        wide, client = scroll_width(page)
        assert wide <= client, f"/{path} scrolls sideways at {size}: {wide} > {client}"
        body = page.locator("article").inner_text()
        if "audiences/" not in path:  # a list of products: no time of day on it
            assert TIME.search(body), f"/{path} shows no time"
        assert times_without_zone(body) == [], f"/{path}: a time without its zone"
        violations = run_axe(page)
        assert not violations, describe_violations(violations)
        screenshot(page, size)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_calendar_on_a_phone_is_a_short_list_of_cards(
    browser: Browser, served: Served, lang: str
) -> None:
    with visit(browser, served, lang + "calendar/", "phone") as page:
        height = page.evaluate("() => document.documentElement.scrollHeight")
        assert height < 15000, f"/{lang}calendar/ is {height} px tall on a phone"
        rows = page.locator("article tr.phobien-release")
        assert rows.count() > 20
        # A release's card: as tall as a few lines, never wider than the screen, its
        # day's heading, its time and zone (or why none yet) and its product all seen.
        cards = page.evaluate(
            """() => [...document.querySelectorAll('article tr.phobien-release')].map(tr => {
                const box = tr.getBoundingClientRect();
                const day = tr.closest('tbody').querySelector('tr.phobien-day th');
                const shown = e => e && e.getBoundingClientRect().height > 0
                    && getComputedStyle(e).visibility !== 'hidden';
                return {height: box.height, right: box.right, day: shown(day),
                        time: tr.querySelector('.phobien-time').innerText.trim(),
                        timeShown: shown(tr.querySelector('.phobien-time')),
                        productShown: shown(tr.querySelector('.phobien-product a'))};
            })"""
        )
        for card in cards:
            assert card["day"] and card["timeShown"] and card["productShown"], card
            assert card["right"] <= 390 and card["height"] < 200, card
            time = card["time"]
            assert time in NO_TIME or (TIME.match(time) and not times_without_zone(time)), card
        # the columns that are the product's own are not on the rows
        assert page.locator("article .phobien-releases th", has_text="Dạng sản phẩm").count() == 0
        screenshot(page, "phone-cards")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_product_page_leads_with_its_releases(
    browser: Browser, served: Served, lang: str, size: str
) -> None:
    with visit(browser, served, lang + "products/cpi/", size) as page:
        lead = page.locator("article .phobien-next").bounding_box()
        fields = page.locator("article .phobien-fields").bounding_box()
        assert lead is not None and fields is not None
        assert lead["y"] + lead["height"] <= fields["y"]
        assert lead["y"] < SIZES[size]["height"] * 1.5  # on the first screen or nearly
        latest, coming = page.locator("article .phobien-next > li").all_inner_texts()
        assert TIME.search(latest) and TIME.search(coming)
        assert times_without_zone(latest + "\n" + coming) == []


@pytest.mark.parametrize(("lang", "moved"), [("", "Dời từ 06/01/2027 09:00"),
                                             ("en/", "Moved from 6 January 2027, 09:00")])
def test_a_moved_release_says_where_from(
    browser: Browser, served: Served, lang: str, moved: str
) -> None:
    with visit(browser, served, lang + MOVED, "phone") as page:
        assert moved in page.locator("article .phobien-fields").inner_text()
    with visit(browser, served, lang + "calendar/months/2027-01/", "phone") as page:
        assert moved in page.locator("article .phobien-releases").inner_text()


def test_nu_html_checker_finds_no_error(example_site: Path) -> None:
    files = [example_site / path / "index.html" for path in PAGES]
    errors = vnu_errors(files)
    report = "\n".join(f"{e.get('url', '?')}:{e.get('lastLine', '?')}: {e['message']}"
                       for e in errors)
    assert not errors, f"vnu:\n{report}"
