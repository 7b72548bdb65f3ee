"""Search in a real browser: Vietnamese with or without diacritics, both languages, and
never anything restricted or embargoed."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import pytest
from lxml import html as lhtml
from playwright.sync_api import Page, expect

from generator.outputs.pages.search import folded_words, title_pairs
from generator.outputs.pages.search_index import index_site
from generator.text import fold
from tests.browser import PHONE, Recorder, chromium, vnu_errors
from tests.conftest import search_bundles
from tests.servers import nginx


@pytest.fixture(scope="module")
def search_page(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[Page, str, Recorder]]:
    with nginx(example_site, tmp_path_factory.mktemp("nginx-search")) as port, \
            chromium() as browser:
        page = browser.new_page()
        origin = f"127.0.0.1:{port}"
        yield page, f"http://{origin}", Recorder(origin).attach(page)


def results(search_page: tuple[Page, str, Recorder], query: str,
            lang: str = "vi") -> list[dict[str, str]]:
    """The results listed for ``query``: each one's path, title and excerpt."""
    page, base, _ = search_page
    prefix = "" if lang == "vi" else "en/"
    page.goto(f"{base}/{prefix}search/?q={quote(query)}")
    expect(page.locator("#phobien-search-status")).to_have_text(re.compile(r"\S"),
                                                                timeout=30_000)
    found: list[dict[str, str]] = page.eval_on_selector_all(
        "#phobien-search-results li",
        """els => els.map(e => ({path: new URL(e.querySelector('a').href).pathname,
                                title: e.querySelector('a').textContent,
                                excerpt: e.querySelector('p').textContent}))""")
    return found


def search(search_page: tuple[Page, str, Recorder], query: str, lang: str = "vi") -> list[str]:
    return [r["path"] for r in results(search_page, query, lang)]


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
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


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_the_same_pages_with_and_without_diacritics(
        search_page: tuple[Page, str, Recorder]) -> None:
    assert set(search(search_page, "dân số")[:10]) == set(search(search_page, "dan so")[:10])


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize(("query", "expected"), [("population", "dan-so-lao-dong"),
                                                 ("consumer price", "/cpi/"),
                                                 ("GRDP", "grdp")])
def test_english_search_finds_english_pages(search_page: tuple[Page, str, Recorder],
                                            query: str, expected: str) -> None:
    found = search(search_page, query, "en")
    assert any(expected in path for path in found[:10]), found[:10]
    assert all(path.startswith("/en/") for path in found)


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_search_covers_products_releases_and_datasets(
        search_page: tuple[Page, str, Recorder]) -> None:
    found = search(search_page, "chi so gia tieu dung")
    assert any(p.startswith("/products/cpi/") for p in found)
    assert any(p.startswith("/releases/cpi/") for p in found)
    found = search(search_page, "chi so gia tieu dung hang thang")
    assert any(p.startswith("/datasets/cpi-thang/") for p in found)


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_nothing_restricted_is_found(search_page: tuple[Page, str, Recorder],
                                     example_site: Path) -> None:
    assert not any("bao-cao-nhanh" in p for p in search(search_page, "báo cáo nhanh lãnh đạo"))
    for path in (example_site / "pagefind").rglob("*.pf_fragment"):
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        assert "Báo cáo nhanh phục vụ lãnh đạo" not in text
        assert "bao-cao-nhanh-lanh-dao" not in text


@pytest.fixture(scope="module")
def finely_parted(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[Page, str, Recorder]]:
    """The example site with its index built again in parts of at most 40 pages: dozens
    of parts, each lacking most of the words of the others."""
    site = tmp_path_factory.mktemp("parted") / "site"
    shutil.copytree(example_site, site, copy_function=os.link)
    shutil.rmtree(site / "pagefind")
    assert len(index_site(site, cap=40)) > 20
    with nginx(site, tmp_path_factory.mktemp("nginx-parted")) as port, chromium() as browser:
        page = browser.new_page()
        origin = f"127.0.0.1:{port}"
        yield page, f"http://{origin}", Recorder(origin).attach(page)


def status_line(search_page: tuple[Page, str, Recorder], query: str, lang: str) -> str:
    results(search_page, query, lang)
    return search_page[0].locator("#phobien-search-status").inner_text()


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize(("query", "lang"), [
    ("dân số", "vi"), ("chi so gia", "vi"), ("chỉ số giá tiêu dùng", "vi"), ("dong dang", "vi"),
    ("xuat khau", "vi"), ("tổng sản phẩm", "vi"), ("2026", "vi"), ("population", "en"),
    ("consumer price", "en"), ("report", "en")])
def test_the_same_pages_are_found_however_the_index_is_parted(
        search_page: tuple[Page, str, Recorder], finely_parted: tuple[Page, str, Recorder],
        query: str, lang: str) -> None:
    """Pagefind reads a word a part lacks as the longest word the part has that begins it
    (a pair as its first syllable): the search page looks for each word only in the parts
    that read it as the whole index would, so the number found is the same."""
    assert status_line(search_page, query, lang) == status_line(finely_parted, query, lang)
    assert finely_parted[2].console_errors == [] and finely_parted[2].failed_requests == []


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_search_page_makes_no_error_and_no_foreign_request(
        search_page: tuple[Page, str, Recorder]) -> None:
    search(search_page, "dan so")
    recorder = search_page[2]
    assert recorder.console_errors == []
    assert recorder.failed_requests == []
    assert recorder.foreign_requests == []


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_the_home_page_form_searches(search_page: tuple[Page, str, Recorder]) -> None:
    page, base, _ = search_page
    page.goto(base + "/")
    page.fill("#phobien-q", "dan so")
    page.press("#phobien-q", "Enter")
    expect(page.locator("#phobien-search-status")).to_have_text(re.compile(r"\S"),
                                                                timeout=30_000)
    assert "/search/" in page.url
    assert page.eval_on_selector_all("#phobien-search-results a", "els => els.length") > 0


def test_folding_helpers() -> None:
    assert folded_words("<p>Đồng Đăng và Hà Nội</p>") == "dang dong"
    assert title_pairs("<h1>Dân số và lao động</h1>") == "dan_so so_va va_lao lao_dong"
    assert title_pairs("<td>Hà Nội</td><td>Huế</td>") == "ha_noi"  # never across cells


@pytest.mark.slow
def test_release_pages_are_indexed_by_title_and_calendar_pages_not_at_all(
        example_site: Path) -> None:
    """What keeps Pagefind's index (and its memory) from growing with every release."""
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
    # Pagefind counted exactly the pages that carry a body to index, over all its parts.
    counts = page_counts(example_site)
    assert sorted(counts) == ["en", "vi"]
    for lang, count in counts.items():
        pages = [p for p in example_site.rglob("*.html")
                 if (p.relative_to(example_site).parts[0] == "en") == (lang == "en")
                 and "data-pagefind-body" in p.read_text(encoding="utf-8")]
        assert count == len(pages), lang


def page_counts(site: Path) -> Counter[str]:
    """The pages Pagefind indexed in each language, summed over the index's parts."""
    counts: Counter[str] = Counter()
    for bundle in search_bundles(site):
        entry = json.loads((bundle / "pagefind-entry.json").read_text())
        for lang, info in entry["languages"].items():
            counts[lang] += info["page_count"]
    return counts


def built(site: Path, path: str) -> Path:
    return site / path.lstrip("/") / "index.html"


def status_of(site: Path, path: str) -> str:
    """What the built page says of itself: a release published or announced, or neither."""
    text = built(site, path).read_text(encoding="utf-8")
    for status in ("published", "announcement", "cancelled"):
        if f"phobien-status-{status}" in text:
            return status
    return ""


def own_text(site: Path, path: str) -> str:
    """The page's indexed text as readers see it, without the words hidden for the index,
    squeezed to letters and digits (Pagefind joins the cells of a table)."""
    tree = lhtml.fromstring(built(site, path).read_bytes())
    body = tree.cssselect("[data-pagefind-body]")[0]
    for hidden in body.cssselect("[data-phobien-folded], [data-pagefind-ignore]"):
        hidden.drop_tree()
    return "".join(re.findall(r"\w", body.text_content()))


def fragments(site: Path) -> list[dict[str, Any]]:
    out = []
    for path in sorted((site / "pagefind").rglob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        out.append(json.loads(data[data.index(b"{"):]))
    return out


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_titles_have_no_permalink_sign(search_page: tuple[Page, str, Recorder],
                                       example_site: Path) -> None:
    """The h1's permalink ("¶") is the page's, not its title's."""
    titles = [f["meta"]["title"] for f in fragments(example_site)]
    assert titles and not [t for t in titles if "¶" in t]
    for query, lang in (("dan so", "vi"), ("chỉ số giá", "vi"), ("population", "en")):
        shown = [r["title"] for r in results(search_page, query, lang)]
        assert shown and not [t for t in shown if "¶" in t], shown


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize(("query", "lang"), [("dan so", "vi"), ("chi so gia", "vi"),
                                             ("dong dang", "vi"), ("population", "en")])
def test_excerpts_are_the_pages_own_words(search_page: tuple[Page, str, Recorder],
                                          example_site: Path, query: str, lang: str) -> None:
    """Never the folded words and pairs hidden for the index (``dan_so so_va``)."""
    found = results(search_page, query, lang)
    assert found
    for result in found:
        text = own_text(example_site, result["path"])
        words = [w for w in result["excerpt"].split() if re.search(r"\w", w)]
        assert words, result
        strays = [w for w in words if "".join(re.findall(r"\w", w)) not in text]
        assert not strays, (result["path"], strays, result["excerpt"])
        assert not re.search(r"\b(dan_so|chi_so|so_gia)\b", result["excerpt"]), result
        # Table headings run together in the index ("NameCycleFormAccess") are not words.
        glued = [w for w in words
                 if any(a.islower() and b.isupper() for a, b in itertools.pairwise(w))]
        assert not glued, (result["path"], glued)
    written = {"dan so": "dân số", "chi so gia": "chỉ số giá", "dong dang": "đồng đăng",
               "population": "population"}[query]  # as written, with diacritics
    assert any(written in r["excerpt"].lower() for r in found[:5]), found[:5]


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_the_page_named_by_the_query_comes_first(search_page: tuple[Page, str, Recorder],
                                                 example_site: Path) -> None:
    found = results(search_page, "dan so")
    assert found[0]["path"] == "/products/dan-so-lao-dong/", [r["path"] for r in found[:10]]
    # Every page out and named by the query comes before every page that merely mentions it.
    named = [i for i, r in enumerate(found) if "dan so" in fold(r["title"])
             and status_of(example_site, r["path"]) in ("", "published")]
    others = [i for i, r in enumerate(found) if "dan so" not in fold(r["title"])]
    assert named and others and max(named) < min(others), [r["title"] for r in found]


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize(("query", "lang"), [("report", "en"), ("chi so gia", "vi"),
                                             ("dan so", "vi")])
def test_products_named_by_the_query_come_before_their_releases(
        search_page: tuple[Page, str, Recorder], query: str, lang: str) -> None:
    """Products and releases are in parts of their own, which Pagefind scores apart: a
    release's score says nothing against a product's. Both are read, then ordered."""
    found = search(search_page, query, lang)
    prefix = "" if lang == "vi" else "/en"
    kinds = [p.removeprefix(prefix).split("/")[1] for p in found]
    assert "products" in kinds and "releases" in kinds, found
    assert kinds[0] == "products" and kinds.index("products") < kinds.index("releases"), found


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("query", ["chỉ số giá", "chi so gia"])
def test_released_items_come_before_announcements(search_page: tuple[Page, str, Recorder],
                                                  example_site: Path, query: str) -> None:
    found = search(search_page, query)
    statuses = [status_of(example_site, p) for p in found]
    released = [i for i, s in enumerate(statuses) if s == "published"]
    announced = [i for i, s in enumerate(statuses) if s in ("announcement", "cancelled")]
    assert released
    assert not announced or max(released) < min(announced), list(zip(found, statuses, strict=True))
    # The latest CPI out as of 2026-11-25 is October's (November's comes on 7 December).
    assert status_of(example_site, "/releases/cpi/2026-11/") == "announcement"
    assert "/releases/cpi/2026-10/" in found[:5], found[:5]


@pytest.mark.slow
def test_the_index_knows_what_each_page_is(example_site: Path) -> None:
    meta = {f["url"]: f["meta"] for f in fragments(example_site)}
    assert meta["/releases/cpi/2026-10/"] | {"title": ""} == {
        "kind": "release", "status": "published", "period": "2026-10", "title": ""}
    assert meta["/releases/cpi/2026-11/"]["status"] == "announced"
    assert meta["/products/cpi/"]["kind"] == "product"
    assert meta["/en/datasets/cpi-thang/"]["kind"] == "dataset"
    # The hidden words start at an anchor the search page cuts the text at.
    cpi = next(f for f in fragments(example_site) if f["url"] == "/products/cpi/")
    anchor = next(a for a in cpi["anchors"] if a["id"] == "phobien-index")
    words = cpi["content"].split()
    assert not [w for w in words[:anchor["location"]] if re.fullmatch(r"\w+_\w+", w)]
    assert "chi_so" in words[anchor["location"]:]


# One page of every kind, in both languages.
HEADER_PAGES = ["/", "/products/", "/products/cpi/", "/topics/gia-ca/", "/audiences/business/",
                "/releases/cpi/2026-10/", "/releases/bao-cao-kt-xh-quy/2026-q4/",
                "/datasets/grdp-quy/", "/calendar/", "/calendar/punctuality/", "/help/",
                "/search/", "/en/", "/en/products/cpi/", "/en/releases/cpi/2026-10/",
                "/en/datasets/cpi-thang/", "/en/calendar/", "/en/search/"]


@pytest.mark.slow
@pytest.mark.parametrize("path", HEADER_PAGES)
def test_every_page_has_a_header_search_box(example_site: Path, path: str) -> None:
    tree = lhtml.fromstring(built(example_site, path).read_bytes())
    (form,) = tree.cssselect("header form.phobien-header-search")
    assert form.get("method") == "get" and form.get("role") == "search"
    target = urlsplit(urljoin(f"http://x{path}", form.get("action"))).path
    assert target == ("/en/search/" if path.startswith("/en/") else "/search/")
    (field,) = form.cssselect("input[name=q]")
    (label,) = form.cssselect(f"label[for={field.get('id')}]")
    assert label.text_content().strip() == ("Search" if path.startswith("/en/") else "Tìm kiếm")


@pytest.mark.slow
def test_the_404_page_has_a_header_search_box(example_site: Path) -> None:
    tree = lhtml.fromstring((example_site / "404.html").read_bytes())
    (form,) = tree.cssselect("header form.phobien-header-search")
    assert urlsplit(urljoin("http://x/no/such/page/", form.get("action"))).path == "/search/"


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize(("path", "query", "width"), [
    ("/releases/cpi/2026-10/", "dan so", 390), ("/products/cpi/", "chỉ số giá", 1366),
    ("/en/products/cpi/", "population", 390), ("/en/", "consumer price", 1366)])
def test_the_header_search_box_searches_in_the_pages_language(
        search_page: tuple[Page, str, Recorder], path: str, query: str, width: int) -> None:
    page, base, _ = search_page
    english = path.startswith("/en/")
    page.set_viewport_size({"width": width, "height": PHONE["height"]})
    try:
        page.goto(base + path)
        box = page.locator("header #phobien-header-q")
        expect(box).to_be_visible()
        expect(box).to_have_accessible_name("Search" if english else "Tìm kiếm")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # By keyboard: a few tabs reach it, Enter sends it.
        for _ in range(6):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "phobien-header-q":
                break
        assert page.evaluate("document.activeElement.id") == "phobien-header-q"
        page.keyboard.type(query)
        page.keyboard.press("Enter")
        expect(page.locator("#phobien-search-status")).to_have_text(re.compile(r"\S"),
                                                                    timeout=30_000)
        assert urlsplit(page.url).path == ("/en/search/" if english else "/search/")
        assert page.input_value("#phobien-search-q") == query
        found = page.eval_on_selector_all("#phobien-search-results a",
                                          "els => els.map(e => new URL(e.href).pathname)")
        assert found and all(p.startswith("/en/") == english for p in found)
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("path", ["/", "/en/", "/search/", "/en/releases/cpi/2026-10/"])
def test_no_sideways_scroll_on_a_phone(search_page: tuple[Page, str, Recorder],
                                       path: str) -> None:
    """The English office name is long: it wraps in the header rather than being cut."""
    page, base, _ = search_page
    page.set_viewport_size(PHONE)
    try:
        page.goto(base + path + ("?q=dan%20so" if "search" in path else ""))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # The office's name, whole: neither cut at the side nor below, nor off the screen.
        name = page.locator(".md-header__topic .md-ellipsis").first
        whole = name.evaluate("e => e.scrollWidth <= e.clientWidth"
                              " && e.scrollHeight <= e.clientHeight + 1"
                              " && e.getBoundingClientRect().right <= innerWidth")
        assert whole, path
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


@pytest.mark.slow
def test_search_pages_pass_the_nu_checker(example_site: Path) -> None:
    errors = vnu_errors([example_site / "search/index.html",
                         example_site / "en/search/index.html"])
    assert errors == [], errors
