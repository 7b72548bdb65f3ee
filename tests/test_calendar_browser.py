"""The calendar, the product page and the lists around them in Chromium, at a phone's
width (390 x 844) and a desktop's (1366 x 900), in both languages (issue 12).

On a phone the calendar reads as a short list of cards, one a release with its day, time
and zone; a product page leads with its latest and next releases; a moved release says
where from. What every page must be (no sideways scrolling, every time with its zone,
axe-core and the Nu HTML Checker) is tests/test_looks.py's, on these pages too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page, expect

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
        fields = page.locator("article .phobien-fields").first.bounding_box()
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
        assert moved in page.locator("article .phobien-fields").first.inner_text()
    with visit(browser, served, lang + "calendar/months/2027-01/", "phone") as page:
        assert moved in page.locator("article .phobien-releases").inner_text()


# --- the keyword filter (theme/assets/phobien-filter.js) -----------------------------------

VISIBLE_ROWS = """() => [...document.querySelectorAll('article tr.phobien-release')]
    .filter(tr => tr.getClientRects().length > 0)
    .map(tr => tr.querySelector('.phobien-product').innerText.trim())"""
# A day's group left with no release shown is hidden itself, and so is a list left empty.
EMPTY_GROUPS_SHOWN = """() => [...document.querySelectorAll(
    'article tbody, article .phobien-releases')]
    .filter(g => g.getClientRects().length > 0
            && !g.querySelector('tr.phobien-release:not([hidden])')).length"""
# (typed, what each release shown must hold, what the count says) per language; the
# unit, never shown on a row, is matched too.
QUERIES = {
    "": [("chi so gia", "Chỉ số giá", "đợt phù hợp"), ("CHỈ SỐ GIÁ", "Chỉ số giá", "đợt phù hợp")],
    "en/": [("consumer PRICE", "Consumer price", "matching release"),
            ("price index", "price index", "matching release")],
}
def plain(text: str) -> str:
    """``text`` without case or diacritics, as the filter compares."""
    marks = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in marks if not unicodedata.combining(c)).lower()


UNIT = {"": ("van phong cuc", "Văn phòng Cục Thống kê"),
        "en/": ("administrative office", "Administrative Office")}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("where", ["calendar/", "calendar/months/2027-01/"])
def test_the_filter_narrows_the_list_as_one_types(
    browser: Browser, served: Served, lang: str, size: str, where: str
) -> None:
    with visit(browser, served, lang + where, size) as page:
        box = page.locator("#phobien-filter-q")
        expect(box).to_be_visible()
        count = page.locator("#phobien-filter-count")
        expect(count).to_have_attribute("role", "status")
        everything = page.evaluate(VISIBLE_ROWS)
        assert len(everything) > 5
        for typed, held, said in QUERIES[lang]:
            box.fill(typed)
            shown = page.evaluate(VISIBLE_ROWS)
            assert shown and len(shown) < len(everything), typed
            assert all(held.lower() in name.lower() for name in shown), (typed, shown)
            assert shown == [n for n in everything if held.lower() in n.lower()]
            expect(count).to_have_text(re.compile(rf"^{len(shown)} {said}"))
            assert page.evaluate(EMPTY_GROUPS_SHOWN) == 0
        # A unit's name, with or without its marks, finds its products' releases, never
        # shown on a row; every word typed is in what a row shown is filed under.
        typed, unit = UNIT[lang]
        box.fill(typed)
        by_unit = page.evaluate(VISIBLE_ROWS)
        rows = page.locator("article tr.phobien-release[data-filter]")
        filed = [(rows.nth(i).locator(".phobien-product").inner_text().strip(),
                  rows.nth(i).get_attribute("data-filter") or "") for i in range(rows.count())]
        assert by_unit == [name for name, under in filed
                           if all(w in plain(under) for w in typed.split())]
        assert by_unit and all(unit in under for name, under in filed if name in by_unit)
        if size == "phone":
            screenshot(page, f"filter-{lang.strip('/') or 'vi'}")
        # Nothing matches: the lists go, and the count says so.
        box.fill("xyz khong co")
        assert page.evaluate(VISIBLE_ROWS) == []
        assert page.evaluate(EMPTY_GROUPS_SHOWN) == 0
        expect(count).to_contain_text("xyz khong co")
        # Cleared: the whole list again, and the count quiet.
        box.fill("")
        assert page.evaluate(VISIBLE_ROWS) == everything
        expect(count).to_have_text("")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_without_javascript_the_calendar_is_the_whole_list_and_no_box(
    browser: Browser, served: Served, lang: str
) -> None:
    for where in ("calendar/", "calendar/months/2027-01/"):
        context = browser.new_context(viewport=SIZES["phone"], java_script_enabled=False)
        try:
            page = context.new_page()
            response = page.goto(served.url("/" + lang + where))
            assert response is not None and response.ok
            rows = page.locator("article tr.phobien-release")
            assert rows.count() > 5
            assert page.locator("article tr.phobien-release:visible").count() == rows.count()
            expect(page.locator(".phobien-filter")).to_be_hidden()
            expect(page.locator("#phobien-filter-q")).to_be_hidden()
        finally:
            context.close()
