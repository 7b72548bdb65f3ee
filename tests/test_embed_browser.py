"""The embeddable charts in Debian's Chromium, behind the shipped nginx configuration:
framed by a page of another origin (a second server on another port) the embed page
shows and the dataset page is refused; with no script at all it shows its chart and its
table; it fits a phone and a desktop, and the frame height the dataset page offers; axe
and the Nu HTML Checker find nothing."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import html as lhtml
from playwright.sync_api import Browser, Page

from tests.browser import (
    DESKTOP,
    PHONE,
    Served,
    describe_violations,
    fixture_browser,  # noqa: F401
    fixture_served,  # noqa: F401
    opened,
    run_axe,
    screenshot,
    vnu_errors,
)
from tests.servers import free_port

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.server]

EMBEDS = ["/datasets/cpi-thang/embed/", "/en/datasets/cpi-thang/embed/",
          "/datasets/grdp-quy/embed/", "/en/datasets/ban-le-thang/embed/"]


@contextmanager
def other_origin(folder: Path) -> Iterator[str]:
    """A second web server, on another port of loopback: another origin than the site's."""
    port = free_port()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def iframe_code(served: Served, path: str) -> lhtml.HtmlElement:
    """The <iframe> code the dataset page offers, aimed at the nginx under test."""
    page = lhtml.fromstring((served.site / path.strip("/") / "index.html").read_bytes())
    code = page.xpath("//input[starts-with(@value, '<iframe')]/@value")[0]
    frame = lhtml.fromstring(code)
    frame.set("src", frame.get("src").replace("https://thongke.langson.example", served.url("")))
    return frame


def newsroom_page(served: Served, folder: Path) -> Path:
    """A newsroom's article framing the embed page (with the code as offered) and, as an
    attacker would, the dataset page."""
    embed = lhtml.tostring(iframe_code(served, "/datasets/cpi-thang/"), encoding="unicode")
    article = folder / "bai-viet.html"
    article.write_text(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo</title></head>'
        f'<body><h1>Bài báo</h1><div id="ok">{embed}</div>'
        f'<iframe id="no" title="x" src="{served.url("/datasets/cpi-thang/")}" width="640" '
        'height="400"></iframe></body></html>', encoding="utf-8")
    return article


def test_another_origin_frames_the_embed_page_and_not_the_dataset_page(
    browser: Browser, served: Served, tmp_path: Path
) -> None:
    newsroom_page(served, tmp_path)
    with other_origin(tmp_path) as origin:
        context = browser.new_context(viewport=DESKTOP)
        try:
            page = context.new_page()
            refused: list[str] = []
            page.on("console", lambda msg: refused.append(msg.text))
            page.goto(f"{origin}/bai-viet.html")
            page.wait_for_load_state("networkidle")
            framed = page.frame_locator("#ok iframe")
            assert framed.locator("h1").inner_text() == "Chỉ số giá tiêu dùng hằng tháng"
            assert framed.locator("svg.phobien-chart-wide").is_visible()
            assert "Nguồn: Cục Thống kê tỉnh Lạng Sơn" in framed.locator("main").inner_text()
            # The dataset page: the browser refuses to show it in the frame.
            frame = page.locator("#no").element_handle().content_frame()
            assert frame is not None
            assert frame.url.startswith("chrome-error://"), frame.url
            assert any("frame-ancestors 'none'" in text for text in refused), refused
            screenshot(page, "framed")
            # The embed page's link opens the dataset page in the top window.
            with page.expect_navigation():
                framed.locator("p.phobien-embed-more a").click()
            assert page.url == served.url("/datasets/cpi-thang/")
        finally:
            context.close()


@pytest.mark.parametrize("path", EMBEDS[:2])
def test_with_no_script_the_chart_and_its_table_show(
    browser: Browser, served: Served, path: str
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        response = page.goto(served.url(path))
        assert response is not None and response.ok
        assert page.locator("svg.phobien-chart-narrow").is_visible()
        rows = page.locator("tbody tr")
        assert not rows.first.is_visible()  # folded under its summary
        page.locator("summary").click()
        assert rows.first.is_visible() and rows.count() > 10
    finally:
        context.close()


def fits(page: Page) -> tuple[int, int, int, int]:
    """The page's scroll width and height against the window's."""
    sizes: list[int] = page.evaluate(
        "[document.documentElement.scrollWidth, innerWidth,"
        " document.documentElement.scrollHeight, innerHeight]")
    return sizes[0], sizes[1], sizes[2], sizes[3]


@pytest.mark.parametrize("path", EMBEDS)
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_embed_page_fits_its_window_and_shows_the_drawing_for_it(
    browser: Browser, served: Served, path: str, width: str
) -> None:
    with opened(browser, served, path, width) as (page, recorder):
        scroll_w, inner_w, _, _ = fits(page)
        assert scroll_w <= inner_w, (scroll_w, inner_w)
        narrow = page.locator("svg.phobien-chart-narrow")
        wide = page.locator("svg.phobien-chart-wide")
        assert narrow.is_visible() == (width == "phone")
        assert wide.is_visible() == (width == "desktop")
        # 13-unit chart text stays at 12 px or more on screen.
        drawing = narrow if width == "phone" else wide
        shown, box = drawing.bounding_box(), drawing.get_attribute("viewBox") or ""
        assert shown is not None and shown["width"] / float(box.split()[2]) * 13 >= 12
        page.locator("summary").click()
        screenshot(page, width)
        recorder.assert_clean()


@pytest.mark.parametrize("dataset", ["/datasets/cpi-thang/", "/en/datasets/grdp-quy/",
                                     "/datasets/ban-le-thang/"])
def test_the_offered_frame_height_holds_the_page_without_scrolling(
    browser: Browser, served: Served, dataset: str
) -> None:
    frame = iframe_code(served, dataset)
    width, height = int(frame.get("width")), int(frame.get("height"))
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(frame.get("src"))
        _, _, scroll_h, inner_h = fits(page)
        assert scroll_h <= inner_h, (scroll_h, inner_h)
        assert inner_h - scroll_h < 80  # and no large empty band under it
    finally:
        context.close()


@pytest.mark.parametrize("path", EMBEDS)
def test_axe_finds_no_violation_on_an_embed_page(
    browser: Browser, served: Served, path: str
) -> None:
    with opened(browser, served, path) as (page, _):
        page.locator("summary").click()  # the table too
        violations = run_axe(page)
    assert not violations, f"axe on {path}:\n{describe_violations(violations)}"


def test_the_nu_html_checker_finds_no_error_in_the_embed_pages(served: Served) -> None:
    files = sorted(served.site.glob("datasets/*/embed/index.html")) + \
        sorted(served.site.glob("en/datasets/*/embed/index.html"))
    assert len(files) == 8
    errors = vnu_errors(files)
    assert not errors, "\n".join(f"{e.get('url')}:{e.get('lastLine')}: {e['message']}"
                                 for e in errors)
