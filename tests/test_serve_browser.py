"""``phobien serve`` in a real browser (Debian's Chromium, through Playwright): a page left
open shows the catalog's problems when a file breaks, and comes back by itself, at the same
address, once it is fixed; a server started with a broken catalog does the same.

Each error page is kept as a screenshot at phone and desktop widths under
test-artifacts/screenshots/ (products-cpi-serve-error-phone.png, ...).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import (  # noqa: F401
    PHONE,
    VIEWPORTS,
    describe_violations,
    fixture_browser,
    run_axe,
    screenshot,
)
from tests.conftest import copy_example
from tests.test_serve import break_cpi, serving, wait_for_answer

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

NAME = "Chỉ số giá tiêu dùng"  # the product page's heading, catalog/products/cpi.yml
# What the staff member reads, as `phobien check` prints it.
PROBLEM = ("catalog/products/cpi.yml:14 periodic: giá trị 'có' không đúng kiểu: cần true "
           "hoặc false [wrong-type]")
WAIT = 180_000  # ms: a build of the example on a busy machine, generously


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "project")


@pytest.fixture
def tab(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A new page at desktop width, with the console's errors it collects."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    try:
        yield page, errors
    finally:
        context.close()


def _shows_the_problem(page: Page, url: str) -> None:
    expect(page.locator("ol.problems li")).to_have_text([PROBLEM], timeout=WAIT)
    expect(page.locator("h1")).to_have_text("Chưa dựng được bản xem trước")
    expect(page.locator(".reload")).to_contain_text("trang này tự tải lại")
    assert page.url == url
    assert page.evaluate("document.documentElement.lang") == "vi"


def _comes_back(page: Page, url: str) -> None:
    expect(page.locator("h1")).to_contain_text(NAME, timeout=WAIT)
    assert page.url == url
    assert page.locator("ol.problems").count() == 0


def _only_the_error_pages_status(errors: list[str]) -> list[str]:
    # Chromium reports the error page's own 503 as a failed load; anything else (a script
    # or style the policy refused, a script error) is a fault.
    return [e for e in errors if "status of 503" not in e]


def test_an_open_page_shows_a_broken_catalog_and_comes_back(
    project: Path, tab: tuple[Page, list[str]]
) -> None:
    page, errors = tab
    with serving(project) as base:
        url = base + "/products/cpi/"
        wait_for_answer(url, 200, NAME)
        page.goto(url)
        expect(page.locator("h1")).to_contain_text(NAME)
        break_cpi(project)
        _shows_the_problem(page, url)
        for width in ("phone", "desktop"):
            page.set_viewport_size(VIEWPORTS[width])
            screenshot(page, f"serve-error-{width}")
        # At phone width the page fits: nothing to scroll sideways.
        page.set_viewport_size(PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        violations = run_axe(page)
        assert not violations, describe_violations(violations)
        break_cpi(project, undo=True)
        _comes_back(page, url)
    assert not _only_the_error_pages_status(errors), errors


def test_a_server_started_broken_shows_the_problem_and_recovers(
    project: Path, tab: tuple[Page, list[str]]
) -> None:
    page, errors = tab
    break_cpi(project)
    with serving(project) as base:
        url = base + "/products/cpi/"
        wait_for_answer(url, 503, "catalog/products/cpi.yml:14 periodic")
        response = page.goto(url)
        assert response is not None and response.status == 503
        _shows_the_problem(page, url)
        break_cpi(project, undo=True)
        _comes_back(page, url)
    assert not _only_the_error_pages_status(errors), errors
