"""Charts and data previews as Chromium shows them, on a phone and on a laptop: chart text
at 12 px or more, no two chart labels on top of each other, the newest period first."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, ViewportSize

from tests.browser import (
    Recorder,
    Served,
    fixture_browser,  # noqa: F401
    fixture_served,  # noqa: F401
)

# Chromium on the example site under nginx.
pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

SIZES: dict[str, ViewportSize] = {
    "390x844": {"width": 390, "height": 844},
    "1366x900": {"width": 1366, "height": 900},
}
PATHS = ["/products/cpi/", "/datasets/cpi-thang/", "/en/datasets/cpi-thang/"]

# Every visible text of every chart: its size as drawn on the screen (the computed size,
# in the drawing's units, times the drawing's scale) and its box.
MEASURE = """() => [...document.querySelectorAll('article svg.phobien-chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => [...svg.querySelectorAll('text')].map(t => {
    const box = t.getBoundingClientRect();
    return {text: t.textContent, box: [box.left, box.top, box.right, box.bottom],
            px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
            height: box.height};
  }))"""


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", PATHS)
def test_chart_text_is_readable_and_never_overlaps(
    browser: Browser, served: Served, path: str, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        recorder = Recorder(served.origin).attach(page)
        response = page.goto(served.url(path))
        assert response is not None and response.ok
        page.wait_for_load_state("networkidle")
        charts: list[list[dict[str, Any]]] = page.evaluate(MEASURE)
        assert len(charts) == 1, f"{path} at {size}: {len(charts)} charts shown"
        [texts] = charts
        assert len(texts) >= 8, texts  # y ticks, x labels and the legend
        for t in texts:
            assert t["px"] >= 12, f"{path} at {size}: {t['text']!r} at {t['px']:.1f} px"
            assert t["height"] >= 12, f"{path} at {size}: {t['text']!r} {t['height']:.1f} px high"
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                assert not overlap(a["box"], b["box"]), f"{path} at {size}: {a} over {b}"
        # The newest period is labelled, inside the page.
        newest = "Oct 2026" if path.startswith("/en/") else "10/2026"  # 2026-10, in words
        assert texts_of(texts, newest), [t["text"] for t in texts]
        right = page.evaluate("document.documentElement.clientWidth")
        assert all(t["box"][2] <= right and t["box"][0] >= 0 for t in texts)
        # The data preview starts with the newest period.
        first = page.locator("article .phobien-preview tbody tr").first.locator("td").first
        assert first.inner_text().strip() == newest
        recorder.assert_clean()
    finally:
        context.close()


def texts_of(texts: list[dict[str, Any]], wanted: str) -> list[dict[str, Any]]:
    return [t for t in texts if t["text"] == wanted]
