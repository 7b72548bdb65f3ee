"""Golden files for the generated text of the example site, built at the fixed moment
AS_OF (tests/test_reproducible.py proves that build deterministic): a change of a library
or of our own code that changes what visitors or calendar programs receive shows as a
diff here. PHOBIEN_UPDATE_GOLDEN=1 rewrites them, for a change that is meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import assert_golden

pytestmark = pytest.mark.slow  # the whole example site, built once for the session

# Served as they are: the whole file.
FEEDS = ["calendar/all.ics", "calendar/products/cpi.ics", "feed.xml", "en/feed.xml"]
# Pages: the main content (golden/site/<page>/main.html), what the page itself says (the
# frame around it is the theme's, tested in test_site_frame.py and test_looks.py).
PAGES = [
    f"{lang}{path}"
    for lang in ("", "en/")
    for path in ("products/cpi/", "releases/cpi/2026-10/", "datasets/grdp-quy/")
]
ARTICLE_START = '<article class="md-content__inner md-typeset">'
ARTICLE_END = "</article>"


def read(site: Path, path: str) -> str:
    # Bytes, so that CRLF line endings reach the comparison unchanged.
    return (site / path).read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", FEEDS)
def test_feed_is_its_golden_file(example_site: Path, path: str) -> None:
    assert_golden(f"site/{path}", read(example_site, path))


def main_content(html: str) -> str:
    """The page's one ``<article>``, as built.

    >>> main_content('<p>x<article class="md-content__inner md-typeset"><h1>T</h1></article>')
    '<article class="md-content__inner md-typeset"><h1>T</h1></article>\\n'
    """
    assert html.count(ARTICLE_START) == 1 and html.count(ARTICLE_END) == 1
    start = html.index(ARTICLE_START)
    return html[start:html.index(ARTICLE_END, start) + len(ARTICLE_END)] + "\n"


@pytest.mark.parametrize("path", PAGES)
def test_page_content_is_its_golden_file(example_site: Path, path: str) -> None:
    assert_golden(f"site/{path}main.html", main_content(read(example_site, f"{path}index.html")))
