"""Helpers for the browser tests: Debian's Chromium driven by Playwright, and a recorder
that collects what went wrong on a page (console errors, failed requests, other hosts).

No browser is downloaded: Playwright launches the system's /usr/bin/chromium, which
`make system-deps` installs.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

from tests.conftest import ROOT

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
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@contextmanager
def chromium(user_data_dir: Path) -> Iterator[Browser]:
    """Debian's Chromium, headless, with a fresh profile in ``user_data_dir``."""
    user_data_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*CHROMIUM_ARGS, f"--user-data-dir={user_data_dir}"],
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Recorder:
    """Everything a page did that a reader's browser should never see."""

    origin: str  # "127.0.0.1:<port>"
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Recorder:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
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

    def problems(self) -> dict[str, list[str]]:
        found = {
            "console errors": self.console_errors,
            "failed requests": self.failed_requests,
            "requests to other hosts": self.foreign_requests,
        }
        return {name: items for name, items in found.items() if items}

    def assert_clean(self) -> None:
        assert not self.problems(), json.dumps(self.problems(), indent=2, ensure_ascii=False)


def screenshot_name(path: str, suffix: str) -> str:
    """A file name for a screenshot of the page at ``path``: '/en/products/cpi/' ->
    'en-products-cpi-phone.png'."""
    stem = path.strip("/").replace("/", "-") or "home"
    return f"{stem}-{suffix}.png"


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A and AA rules, run in the page; the violations found."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
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
    """The Nu HTML Checker's errors on ``files``, each with its file's name."""
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # vnu writes its JSON report to standard error and exits 1 when it finds errors.
    report = json.loads(done.stderr or done.stdout)
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
