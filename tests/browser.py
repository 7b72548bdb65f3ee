"""Helpers for the browser tests: Debian's Chromium driven by Playwright, and a recorder
that collects what went wrong on a page (console errors, failed requests, other hosts).

No browser is downloaded: Playwright launches the system's /usr/bin/chromium, which
`make system-deps` installs.
"""

from __future__ import annotations

import atexit
import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
    ViewportSize,
    sync_playwright,
)

from tests.conftest import ROOT
from tests.servers import nginx

CHROMIUM = "/usr/bin/chromium"
# Headless, as root, on a machine whose network reaches only loopback: no sandbox (root),
# and none of Chromium's own background traffic to Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOOLS = ROOT / "tests" / "tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


_driver: Playwright | None = None


def driver() -> Playwright:
    """The test process's one Playwright driver. Its sync API allows one at a time per
    process, and several test modules open browsers: all share it; it stops at exit."""
    global _driver
    if _driver is None:
        _driver = sync_playwright().start()
        atexit.register(_driver.stop)
    return _driver


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless. Playwright gives each launch a new, empty profile
    (its own temporary --user-data-dir), removed when the browser closes."""
    browser = driver().chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class Served:
    """The built example site behind the shipped nginx configuration."""

    site: Path
    port: int

    @property
    def origin(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.origin}{path}"


# The fixtures carry other names than their functions, so that a test module can import
# them (fixture_served, fixture_browser) and still take `served` and `browser` arguments.
@pytest.fixture(scope="session", name="served")
def fixture_served(
    example_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """nginx, started once, serving the example site as readers get it."""
    with nginx(example_site, tmp_path_factory.mktemp("nginx")) as port:
        yield Served(example_site, port)


@pytest.fixture(scope="session", name="browser")
def fixture_browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once per test process."""
    with chromium() as b:
        yield b


@dataclass
class Recorder:
    """Everything a page did that a reader's browser should never see."""

    origin: str  # "127.0.0.1:<port>"
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    downloads: set[str] = field(default_factory=set)

    def attach(self, page: Page) -> Recorder:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("download", lambda download: self.downloads.add(download.url))
        return self

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def _request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.origin or parts.scheme != "http":
            self.foreign_requests.append(request.url)

    def _failed(self, request: Request) -> None:
        self.failed_requests.append(f"{request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def _real_failures(self) -> list[str]:
        # A followed link whose answer the browser saves rather than shows (an .ics
        # file) ends its navigation as 'aborted': the download itself is the answer.
        saved = {f"{url}: net::ERR_ABORTED" for url in self.downloads}
        return [failure for failure in self.failed_requests if failure not in saved]

    def problems(self) -> dict[str, list[str]]:
        found = {
            "console errors": self.console_errors,
            "failed requests": self._real_failures(),
            "requests to other hosts": self.foreign_requests,
        }
        return {name: items for name, items in found.items() if items}

    def assert_clean(self) -> None:
        assert not self.problems(), json.dumps(self.problems(), indent=2, ensure_ascii=False)


@contextmanager
def opened(
    browser: Browser, served: Served, path: str, width: str = "desktop"
) -> Iterator[tuple[Page, Recorder]]:
    """``path`` opened in a new browser context (own cookies, storage and downloads) at
    the named width, once its requests have settled; with a recorder attached before
    the first request."""
    context: BrowserContext = browser.new_context(viewport=VIEWPORTS[width])
    try:
        page = context.new_page()
        recorder = Recorder(served.origin).attach(page)
        response = page.goto(served.url(path))
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        page.wait_for_load_state("networkidle")
        yield page, recorder
    finally:
        context.close()


def screenshot(page: Page, label: str) -> Path:
    """The whole page saved under test-artifacts/screenshots/, named after its address
    and ``label`` (the width, or "print"): /en/products/cpi/ at phone width ->
    en-products-cpi-phone.png."""
    path = urlsplit(page.url).path
    stem = path.strip("/").replace("/", "-").removesuffix(".html") or "home"
    target = SCREENSHOTS / f"{stem}-{label}.png"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    return target


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A and AA rules, run in the page; the violations found."""
    # Evaluated, not added as a <script>: the pages' policy refuses inline script, and
    # what the test runs through the browser's debugging protocol is not the page's own.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:10]:
            lines.append(f"    {node['target']}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


def vnu_errors(files: list[Path]) -> list[dict[str, Any]]:
    """The Nu HTML Checker's errors on ``files`` (its JSON messages; 'url' names the file)."""
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # vnu writes its JSON report to standard error and exits 1 when it finds errors.
    report = json.loads(done.stderr or done.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
