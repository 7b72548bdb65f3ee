"""The calendar, the product page and the lists around them in Chromium, at a phone's
width (390 x 844) and a desktop's (1366 x 900), in both languages (issue 12).

On a phone the calendar reads as a short list of cards, one a release with its day, time
and zone; a product page leads with its latest and next releases; a moved release says
where from. What every page must be (no sideways scrolling, every time with its zone,
axe-core and the Nu HTML Checker) is tests/test_looks.py's, on these pages too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import (
    VIEWPORTS,
    Served,
    fixture_browser,  # noqa: F401
    fixture_served,  # noqa: F401
    screenshot,
)
from tests.test_calendar_pages import TIME, times_without_zone

# Chromium on the example site under nginx.
pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

SIZES = VIEWPORTS
MOVED = "releases/bao-cao-kt-xh-quy/2026-q4/"  # moved from 6 to 7 January 2027, 14:00
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
