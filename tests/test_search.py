"""Search in a real browser: Vietnamese with or without diacritics, both languages, and
never anything restricted or embargoed."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from generator.search import folded_words, title_pairs
from tests.browser import Recorder, chromium
from tests.servers import nginx


@pytest.fixture(scope="module")
def search_page(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[Page, str, Recorder]]:
    with nginx(example_site, tmp_path_factory.mktemp("nginx-search")) as port, \
            chromium() as browser:
        page = browser.new_page()
        origin = f"127.0.0.1:{port}"
        yield page, f"http://{origin}", Recorder(origin).attach(page)


def search(search_page: tuple[Page, str, Recorder], query: str, lang: str = "vi") -> list[str]:
    page, base, _ = search_page
    prefix = "" if lang == "vi" else "en/"
    page.goto(f"{base}/{prefix}search/?q={quote(query)}")
    page.wait_for_function(
        "document.getElementById('phobien-search-status').textContent.length > 0")
    return page.eval_on_selector_all("#phobien-search-results a",
                                     "els => els.map(e => new URL(e.href).pathname)")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dân số", "dan-so-lao-dong"),
        ("dan so", "dan-so-lao-dong"),
        ("DÂN SỐ", "dan-so-lao-dong"),
        ("chỉ số giá", "/cpi/"),
        ("chi so gia", "/cpi/"),
        ("Đồng Đăng", "xuat-nhap-khau-cua-khau"),
        ("dong dang", "xuat-nhap-khau-cua-khau"),
    ],
)
def test_vietnamese_with_or_without_diacritics(search_page: tuple[Page, str, Recorder],
                                               query: str, expected: str) -> None:
    found = search(search_page, query)
    assert any(expected in path for path in found[:10]), found[:10]


def test_the_same_pages_with_and_without_diacritics(
        search_page: tuple[Page, str, Recorder]) -> None:
    assert set(search(search_page, "dân số")[:10]) == set(search(search_page, "dan so")[:10])


@pytest.mark.parametrize(("query", "expected"), [("population", "dan-so-lao-dong"),
                                                 ("consumer price", "/cpi/"),
                                                 ("GRDP", "grdp")])
def test_english_search_finds_english_pages(search_page: tuple[Page, str, Recorder],
                                            query: str, expected: str) -> None:
    found = search(search_page, query, "en")
    assert any(expected in path for path in found[:10]), found[:10]
    assert all(path.startswith("/en/") for path in found)


def test_search_covers_products_releases_and_datasets(
        search_page: tuple[Page, str, Recorder]) -> None:
    found = search(search_page, "chi so gia tieu dung")
    assert any(p.startswith("/products/cpi/") for p in found)
    assert any(p.startswith("/releases/cpi/") for p in found)
    found = search(search_page, "chi so gia tieu dung hang thang")
    assert any(p.startswith("/datasets/cpi-thang/") for p in found)


def test_nothing_restricted_is_found(search_page: tuple[Page, str, Recorder],
                                     example_site: Path) -> None:
    assert not any("bao-cao-nhanh" in p for p in search(search_page, "báo cáo nhanh lãnh đạo"))
    for path in (example_site / "pagefind").rglob("*.pf_fragment"):
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        assert "Báo cáo nhanh phục vụ lãnh đạo" not in text
        assert "bao-cao-nhanh-lanh-dao" not in text


def test_search_page_makes_no_error_and_no_foreign_request(
        search_page: tuple[Page, str, Recorder]) -> None:
    search(search_page, "dan so")
    recorder = search_page[2]
    assert recorder.console_errors == []
    assert recorder.failed_requests == []
    assert recorder.foreign_requests == []


def test_the_home_page_form_searches(search_page: tuple[Page, str, Recorder]) -> None:
    page, base, _ = search_page
    page.goto(base + "/")
    page.fill("#phobien-q", "dan so")
    page.press("#phobien-q", "Enter")
    page.wait_for_function(
        "document.getElementById('phobien-search-status').textContent.length > 0")
    assert "/search/" in page.url
    assert page.eval_on_selector_all("#phobien-search-results a", "els => els.length") > 0


def test_folding_helpers() -> None:
    assert folded_words("<p>Đồng Đăng và Hà Nội</p>") == "dang dong"
    assert title_pairs("<h1>Dân số và lao động</h1>") == "dan_so so_va va_lao lao_dong"
    assert title_pairs("<td>Hà Nội</td><td>Huế</td>") == "ha_noi"  # never across cells


def test_release_pages_are_indexed_by_title_and_calendar_pages_not_at_all(
        example_site: Path) -> None:
    """What keeps Pagefind's index (and its memory) from growing with every release."""
    import json

    from lxml import html as lhtml

    release = lhtml.fromstring((example_site / "releases/cpi/2026-10/index.html").read_bytes())
    body = release.cssselect("[data-pagefind-body]")[0]
    ignored = body.cssselect("[data-pagefind-ignore]")
    assert body.cssselect("h1") and not any(i.cssselect("h1") for i in ignored)
    assert any(i.cssselect(".phobien-fields") for i in ignored)  # the fields: not indexed
    hidden = body.cssselect("[data-phobien-folded]")[0].text_content()
    assert "chi_so" in hidden and "don_vi" not in hidden  # pairs of the title only

    listed = [p for p in ("calendar", "calendar/months/2026-12", "calendar/punctuality")
              if (example_site / p / "index.html").is_file()]
    assert len(listed) == 3
    for path in listed:
        page = (example_site / path / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in page, path
    # Pagefind counted exactly the pages that carry a body to index.
    entry = json.loads((example_site / "pagefind/pagefind-entry.json").read_text())
    for lang, info in entry["languages"].items():
        pages = [p for p in example_site.rglob("*.html")
                 if (p.relative_to(example_site).parts[0] == "en") == (lang == "en")
                 and "data-pagefind-body" in p.read_text(encoding="utf-8")]
        assert info["page_count"] == len(pages), lang
