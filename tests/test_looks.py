"""Every kind of page looked at the way a person looks at it: in Debian's Chromium, from
nginx, at a phone's width (390×844) and a desktop's (1366×900), in both languages.

On each: the page never scrolls sideways; no "None", "null", "undefined" or "¶", no raw
identifier (a period code, a slug, a column id) where a label belongs; no text smaller
than 12 px as rendered, chart labels included, and no two chart labels on top of each
other; every time of day says its zone; axe-core finds no WCAG 2.1 AA violation and the
Nu HTML Checker no error. Each is kept as a screenshot (test-artifacts/screenshots/
looks-<kind>-<lang>-<width>.png); `make test` then lays them all out on one contact sheet
(tests/contact_sheet.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from generator.check import load_catalog
from tests.browser import (
    SCREENSHOTS,
    VIEWPORTS,
    Recorder,
    Served,
    describe_violations,
    fixture_browser,  # noqa: F401
    fixture_served,  # noqa: F401
    run_axe,
    vnu_errors,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # the example site; most tests in Chromium too

# Every kind of page a reader meets, at one address each (the example as of AS_OF,
# 2026-11-25 09:00): the Vietnamese address; the English one is the same below /en/.
KINDS: dict[str, str] = {
    "home": "/",
    "audience": "/audiences/public/",
    "topic": "/topics/gia-ca/",
    "product": "/products/cpi/",
    "dataset": "/datasets/cpi-thang/",
    "dataset-quarterly": "/datasets/grdp-quy/",
    "calendar": "/calendar/",
    "week": "/calendar/week/",
    "month": "/calendar/months/2026-12/",
    "changes": "/calendar/changes/",
    "release-before": "/releases/cpi/2026-11/",  # due 7 December 2026
    "release-after": "/releases/cpi/2026-10/",
    "moved": "/releases/bao-cao-kt-xh-quy/2026-q4/",
    "cancelled": "/releases/khao-sat-nhanh-doanh-nghiep/2026/",
    "added": "/releases/chuyen-doi-so/2026-6-thang/",
    "subscribe": "/calendar/subscribe/",
    "search": "/search/?q=d%C3%A2n%20s%E1%BB%91",
    "punctuality": "/calendar/punctuality/",
    "not-found": "/khong-co-trang-nay/",
}
ENGLISH_SEARCH = "/en/search/?q=population"
LANGS = ["vi", "en"]
WIDTHS = ["phone", "desktop"]
LOOKS = (Path(__file__).parent / "looks.js").read_text(encoding="utf-8")


def address(kind: str, lang: str) -> str:
    path = KINDS[kind]
    if lang == "vi":
        return path
    return ENGLISH_SEARCH if kind == "search" else "/en" + path


def identifiers() -> list[str]:
    """The catalog's ids that read as codes (two words or more joined): shown anywhere
    but in an address, they are a label left unformatted."""
    catalog = load_catalog(ROOT / "catalog").public()
    ids = {p.id for p in catalog.products} | {d.id for d in catalog.datasets}
    ids |= {t.id for t in catalog.topics}
    return sorted(i for i in ids if "-" in i)


def screenshot_name(kind: str, lang: str, width: str) -> Path:
    return SCREENSHOTS / f"looks-{kind}-{lang}-{width}.png"


@contextmanager
def looked_at(browser: Browser, served: Served, path: str,
              width: str) -> Iterator[tuple[Page, Recorder]]:
    """``path`` opened as a reader opens it, a missing page included (its answer is 404)."""
    context = browser.new_context(viewport=VIEWPORTS[width])
    try:
        page = context.new_page()
        recorder = Recorder(served.origin).attach(page)
        response = page.goto(served.url(path))
        assert response is not None
        expected = 404 if "khong-co-trang-nay" in path else 200
        assert response.status == expected, f"{path}: {response.status}"
        page.wait_for_load_state("networkidle")
        if "/search/" in path:
            page.wait_for_selector("#phobien-search-results li")
        yield page, recorder
    finally:
        context.close()


IDS = identifiers()


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_page_as_a_person_sees_it(
    browser: Browser, served: Served, kind: str, lang: str, width: str
) -> None:
    path = address(kind, lang)
    with looked_at(browser, served, path, width) as (page, recorder):
        assert page.locator("html").get_attribute("lang") == lang
        faults: dict[str, Any] = page.evaluate(LOOKS, IDS)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot_name(kind, lang, width)), full_page=True)
        violations = run_axe(page)
        expected_requests = [] if kind != "not-found" else [served.url(path)]
        problems = recorder.problems()
        failed = [f for f in problems.pop("failed requests", [])
                  if not any(f.startswith(u) for u in expected_requests)]
        problems.pop("console errors", None) if kind == "not-found" else None
        if failed:
            problems["failed requests"] = failed
    found = {name: items for name, items in faults.items() if items}
    assert found.pop("overflow", 0) <= 0 if width == "phone" else True, (
        f"{path} scrolls sideways by {faults['overflow']}px at {width} width")
    found.pop("overflow", None)
    assert not found, f"{path} at {width}:\n{json.dumps(found, ensure_ascii=False, indent=1)}"
    assert not violations, f"axe on {path} at {width}:\n{describe_violations(violations)}"
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def test_every_page_kind_is_valid_html(example_site: Path) -> None:
    def built(path: str) -> Path:
        bare = path.split("?")[0].lstrip("/")
        if "khong-co-trang-nay" in bare:
            return example_site / bare.replace("khong-co-trang-nay/", "404.html")
        return example_site / bare / "index.html"

    files = [built(address(kind, lang)) for kind in KINDS for lang in LANGS]
    assert all(f.is_file() for f in files), [str(f) for f in files if not f.is_file()]
    errors = vnu_errors(files)
    report = "\n".join(
        f"{e.get('url', '?').removeprefix(f'file:{example_site}/')}:{e.get('lastLine', '?')}: "
        f"{e['message']}" for e in errors)
    assert not errors, f"vnu:\n{report}"
