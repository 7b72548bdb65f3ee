"""The built example site in a real browser: Debian's Chromium, driven by Playwright,
reading the pages from nginx with the shipped configuration.

On every page: no console error, no failed request, no request to any host but the local
server. Each visited page is kept as a screenshot at phone and desktop widths under
test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser import (
    Served,
    fixture_browser,  # noqa: F401
    fixture_served,  # noqa: F401
    opened,
    screenshot,
)

# Chromium on the example site under nginx.
pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

# One page of each kind readers reach, and the language each is in.
PAGES = {
    "/": "vi",
    "/en/": "en",
    "/audiences/business/": "vi",
    "/products/cpi/": "vi",
    "/en/products/cpi/": "en",
    "/calendar/": "vi",
    "/calendar/subscribe/": "vi",
    "/releases/bao-cao-kt-xh-quy/2026-q4/": "vi",  # still to come
    "/releases/cpi/2026-10/": "vi",  # published, with its data
    "/datasets/grdp-quy/": "vi",
    "/datasets/cpi-thang/": "vi",
}
WIDTHS = ["phone", "desktop"]
# The printable width of an A4 page at 96 pixels an inch, with 1 cm margins.
A4: ViewportSize = {"width": 718, "height": 1047}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_cleanly(browser: Browser, served: Served, path: str, width: str) -> None:
    with opened(browser, served, path, width) as (page, recorder):
        assert page.locator("html").get_attribute("lang") == PAGES[path]
        expect(page.locator("article h1")).to_be_visible()
        # Material's script ran (it swaps the no-js class) and the site's own style loaded.
        expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
        assert page.evaluate(
            "[...document.styleSheets].some(s => (s.href || '').endsWith('phobien.css'))"
        )
        # Nothing wider than the screen: a reader on a phone scrolls down, not sideways.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than a {width} screen"
        screenshot(page, width)
        recorder.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
def test_language_selector_leads_to_the_same_page_in_english(
    browser: Browser, served: Served, width: str
) -> None:
    with opened(browser, served, "/products/cpi/", width) as (page, recorder):
        selector = page.locator(".md-header .md-select")
        selector.locator("button").click()
        english = selector.locator("a[hreflang='en']")
        expect(english).to_be_visible()
        english.click()
        page.wait_for_url(served.url("/en/products/cpi/"))
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "en"
        expect(page.locator("article h1")).to_have_text(re.compile("Consumer price index"))
        screenshot(page, width)
        recorder.assert_clean()


def test_subscribe_page_calendar_link_gives_an_icalendar_feed(
    browser: Browser, served: Served
) -> None:
    with opened(browser, served, "/calendar/subscribe/") as (page, recorder):
        link = page.locator("article a[href$='.ics']:not([href^='webcal:'])").first
        href = link.get_attribute("href")
        assert href is not None
        # text/calendar is not shown by the browser: following the link downloads it.
        with (
            page.expect_response(lambda r: r.url.endswith(".ics")) as answer,
            page.expect_download() as download,
        ):
            link.click()
        response = answer.value
        assert response.status == 200
        assert response.headers["content-type"].startswith("text/calendar")
        body = download.value.path().read_bytes()
        assert body == (served.site / "calendar/subscribe" / href).resolve().read_bytes()
        calendar = Calendar.from_ical(body)
        events = calendar.walk("VEVENT")
        assert events, "the feed has no event"
        assert all(event.get("DTSTART") is not None for event in events)
        recorder.assert_clean()


def test_dataset_downloads_as_published(browser: Browser, served: Served) -> None:
    with opened(browser, served, "/datasets/cpi-thang/") as (page, recorder):
        link = page.locator("article a[download][href$='.csv']").first
        expect(link).to_have_text(re.compile("CSV"))
        with page.expect_download() as download:
            link.click()
        got = download.value
        assert got.failure() is None
        assert got.suggested_filename == "cpi-thang.csv"
        published = served.site / "datasets/cpi-thang/cpi-thang.csv"
        assert got.path().read_bytes() == published.read_bytes()
        recorder.assert_clean()


def focused(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            """() => {
                const e = document.activeElement;
                const style = getComputedStyle(e);
                return {
                    tag: e.tagName.toLowerCase(),
                    href: e.getAttribute('href') || '',
                    url: e.href || '',
                    filters: e.closest('.phobien-filters') ? 'yes' : '',
                    outline: style.outlineStyle + ' ' + style.outlineWidth,
                };
            }"""
        )
    )


def test_calendar_is_usable_by_keyboard(browser: Browser, served: Served) -> None:
    with opened(browser, served, "/calendar/") as (page, recorder):
        seen: list[dict[str, str]] = []
        release: dict[str, str] | None = None
        for _ in range(200):
            page.keyboard.press("Tab")
            now = focused(page)
            seen.append(now)
            if "/releases/" in now["url"] and any(s["filters"] for s in seen):
                release = now
                break
        trail = "\n".join(f"{s['tag']} {s['href']}" for s in seen)
        assert any(s["filters"] for s in seen), f"Tab never reached the filters:\n{trail}"
        assert release is not None, f"Tab never reached a release:\n{trail}"
        # Where the focus is can be seen.
        assert not release["outline"].startswith("none"), release
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/releases/"))
        page.wait_for_load_state("networkidle")
        assert page.url == release["url"]
        expect(page.locator("article h1")).to_be_visible()
        screenshot(page, "desktop")
        recorder.assert_clean()


@pytest.mark.parametrize(
    ("path", "table"),
    [("/calendar/", ".phobien-releases table"), ("/products/cpi/", ".phobien-fields table")],
)
def test_print_shows_the_content_alone(
    browser: Browser, served: Served, path: str, table: str
) -> None:
    with opened(browser, served, path) as (page, recorder):
        page.emulate_media(media="print")
        page.set_viewport_size(A4)
        for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary",
                       ".md-footer"):
            display = page.eval_on_selector(chrome, "e => getComputedStyle(e).display")
            assert display == "none", f"{chrome} is printed on {path}"
        expect(page.locator(table).first).to_be_visible()
        expect(page.locator("article h1")).to_be_visible()
        # Every column is on the paper: no table runs past the page's edge.
        widest = page.eval_on_selector_all(
            table, "ts => Math.max(...ts.map(t => t.getBoundingClientRect().right))"
        )
        assert widest <= A4["width"], f"a table on {path} is cut off in print ({widest}px)"
        screenshot(page, "print")
        recorder.assert_clean()


@pytest.mark.parametrize("path", ["/calendar/subscribe/", "/en/calendar/subscribe/"])
def test_copy_buttons_copy_a_feed_address(browser: Browser, served: Served, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(served.url(path))
        button = page.locator("article button.phobien-copy").first
        expect(button).to_be_visible()  # shown once its script runs
        address = button.get_attribute("data-copy")
        assert address and address.endswith("calendar/all.ics")
        button.click()
        assert page.evaluate("navigator.clipboard.readText()") == address
        expect(button).to_have_text("Đã sao chép" if "/en/" not in path else "Copied")
    finally:
        context.close()
