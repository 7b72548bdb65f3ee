"""The Content-Security-Policy in Chromium, against nginx with the shipped configuration
(its header and each page's <meta>): no page of any kind breaks it, what the pages do
still works under it, and it blocks what another host would have the page load."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.browser import (
    VIEWPORTS,
    Recorder,
    Served,
    fixture_browser,  # noqa: F401
    fixture_served,  # noqa: F401
)

# Chromium on the example site under nginx.
pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

# Each violation the page reports, kept where the test can read it.
COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`
    + ` (${e.sourceFile || ""}:${e.lineNumber})`);
});
"""

# One page of every kind, in Vietnamese; the English one is the same under /en/.
KINDS = {
    "home": "/",
    "audience": "/audiences/public/",
    "topic": "/topics/gia-ca/",
    "product": "/products/cpi/",  # with its chart
    "dataset": "/datasets/cpi-thang/",
    "calendar": "/calendar/",
    "month": "/calendar/months/2026-12/",
    "week": "/calendar/week/",
    "changes": "/calendar/changes/",
    "release-before": "/releases/cpi/2026-11/",
    "release-after": "/releases/cpi/2026-10/",
    "subscribe": "/calendar/subscribe/",
    "search": "/search/?q=d%C3%A2n%20s%E1%BB%91",
    "punctuality": "/calendar/punctuality/",
    "not-found": "/khong-co-trang-nay/",
}
SEARCHES = {"vi": "/search/?q=dan%20so", "en": "/en/search/?q=population"}


def address(kind: str, lang: str) -> str:
    if kind == "search":
        return SEARCHES[lang]
    return KINDS[kind] if lang == "vi" else "/en" + KINDS[kind]


@dataclass
class Policed:
    page: Page
    recorder: Recorder
    console: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        reported: list[str] = self.page.evaluate("window.__violations")
        return reported + self.console


@contextmanager
def policed(browser: Browser, served: Served, path: str,
            width: str = "desktop") -> Iterator[Policed]:
    """``path`` opened with every policy violation collected: the page's own
    securitypolicyviolation events, and Chromium's console messages about the policy."""
    context = browser.new_context(viewport=VIEWPORTS[width])
    try:
        page = context.new_page()
        page.add_init_script(COLLECT)
        seen = Policed(page, Recorder(served.origin).attach(page))

        def console(msg: ConsoleMessage) -> None:
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
                seen.console.append(msg.text)

        page.on("console", console)
        response = page.goto(served.url(path))
        assert response is not None
        expected = 404 if "khong-co-trang-nay" in path or "/no-such" in path else 200
        assert response.status == expected, f"{path}: {response.status}"
        page.wait_for_load_state("networkidle")
        yield seen
    finally:
        context.close()


def assert_clean(seen: Policed, missing: bool = False) -> None:
    problems = seen.recorder.problems()
    if missing:  # the 404 answer is a failed request, which Chromium logs as an error
        problems.pop("console errors", None)
        problems.pop("failed requests", None)
    assert not seen.violations(), json.dumps(seen.violations(), indent=1, ensure_ascii=False)
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_no_page_breaks_the_policy(browser: Browser, served: Served, kind: str,
                                   lang: str) -> None:
    path = address(kind, lang)
    with policed(browser, served, path) as seen:
        page = seen.page
        # The header's policy reached the page, and its <meta>: both are in force.
        assert page.locator("meta[http-equiv=Content-Security-Policy]").count() == 1
        # Material's scripts ran: its storage helpers (a file now, no longer inline)...
        assert page.evaluate("typeof __md_get") == "function"
        expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
        if kind == "search":  # ...and Pagefind's WebAssembly engine, in its worker
            expect(page.locator("#phobien-search-results li").first).to_be_visible()
        if kind == "subscribe":  # the copy buttons are shown by their script
            expect(page.locator("button.phobien-copy").first).to_be_visible()
        if kind in ("calendar", "month"):  # so is the keyword filter, which works
            page.fill("#phobien-filter-q", "zzz")
            expect(page.locator("article tr.phobien-release:visible")).to_have_count(0)
        if kind == "product":
            expect(page.locator("article svg.phobien-chart >> visible=true").first).to_be_visible()
        assert_clean(seen, missing=kind == "not-found")


def test_the_header_search_box_finds_under_the_policy(browser: Browser, served: Served) -> None:
    with policed(browser, served, "/products/cpi/") as seen:
        page = seen.page
        page.fill("#phobien-header-q", "dan so")
        page.press("#phobien-header-q", "Enter")
        page.wait_for_url("**/search/?q=dan+so")
        expect(page.locator("#phobien-search-results li").first).to_be_visible()
        assert "/products/dan-so-lao-dong/" in page.eval_on_selector_all(
            "#phobien-search-results a", "els => els.map(a => new URL(a.href).pathname)")
        assert_clean(seen)


def test_the_language_switcher_works_under_the_policy(browser: Browser, served: Served) -> None:
    with policed(browser, served, "/products/cpi/") as seen:
        page = seen.page
        page.locator(".md-select button").hover()
        page.locator(".md-select__link[hreflang=en]").click()
        page.wait_for_url("**/en/products/cpi/")
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "en"
        assert_clean(seen)


def test_the_navigation_drawer_opens_on_a_phone(browser: Browser, served: Served) -> None:
    with policed(browser, served, "/en/", width="phone") as seen:
        page = seen.page
        drawer = page.locator("nav.md-nav--primary")
        expect(drawer).not_to_be_in_viewport()
        page.locator("label.md-header__button[for=__drawer]").click()
        expect(drawer).to_be_in_viewport()
        assert page.locator("#__drawer").is_checked()
        assert_clean(seen)


def test_the_policy_blocks_what_another_host_would_load(browser: Browser,
                                                        served: Served) -> None:
    with policed(browser, served, "/") as seen:
        page = seen.page
        loaded = page.evaluate("""() => new Promise((done) => {
            const script = document.createElement("script");
            script.src = "https://cdn.example.net/track.js";
            script.onload = () => done("loaded");
            script.onerror = () => done("blocked");
            document.head.append(script);
        })""")
        inline = page.evaluate("""() => {
            const script = document.createElement("script");
            script.textContent = "window.__ran = true";
            document.head.append(script);
            return window.__ran === true;
        }""")
        fetched = page.evaluate("""() => fetch("https://cdn.example.net/data.json")
            .then(() => "fetched", () => "blocked")""")
        # Violations are reported after the fact. (Not page.wait_for_function: the policy
        # forbids the eval it runs its predicate with.)
        for _ in range(50):
            if len(seen.violations()) >= 3:
                break
            page.wait_for_timeout(100)
        violations = seen.violations()
    assert (loaded, inline, fetched) == ("blocked", False, "blocked")
    assert any(v.startswith("script-src-elem blocked https://cdn.example.net/track.js")
               for v in violations), violations
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert any(v.startswith("connect-src blocked https://cdn.example.net/data.json")
               for v in violations), violations
    # Chromium refused the request itself (its failure: "csp"): nothing left the machine.
    assert "https://cdn.example.net/track.js: csp" in seen.recorder.failed_requests
