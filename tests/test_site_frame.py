"""What surrounds every page: the menu, the language alternates, the page for a missing
address, and the files a publish leaves beside the repository. From the real example
build (and nginx with the shipped configuration for the missing pages)."""

from __future__ import annotations

import gzip
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml

from tests.conftest import ROOT
from tests.servers import nginx

# Pages of every kind; each one's menu is that language's and has no nameless entry.
SAMPLE = ["", "about/", "help/", "policy/", "products/cpi/", "calendar/", "datasets/cpi-thang/",
          "en/", "en/about/", "en/help/", "en/policy/", "en/products/cpi/", "en/calendar/"]


def page(site: Path, url: str) -> lhtml.HtmlElement:
    return lhtml.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def menu(tree: lhtml.HtmlElement) -> list[str]:
    primary = tree.cssselect("nav.md-nav--primary")[0]
    return [" ".join(link.text_content().split())
            for link in primary.cssselect(".md-nav__link")]


@pytest.mark.slow
@pytest.mark.parametrize("url", SAMPLE)
def test_every_menu_entry_has_its_title(example_site: Path, url: str) -> None:
    entries = menu(page(example_site, url))
    assert entries and all(entries), entries
    assert not {"None", "null", "undefined"} & set(entries), entries


@pytest.mark.slow
def test_the_about_section_names_its_pages_and_hides_the_benchmarks(example_site: Path) -> None:
    assert {"Giới thiệu", "Hướng dẫn sử dụng"} <= set(menu(page(example_site, "")))
    assert {"About", "User guide", "Dissemination policy"} <= set(menu(page(example_site, "en/")))
    # The benchmark report describes the build machine, in English only: not for readers.
    assert not (example_site / "benchmarks").exists()
    assert all("Benchmark" not in e for e in menu(page(example_site, "en/")))


@pytest.mark.slow
@pytest.mark.parametrize(("url", "lang", "other"), [
    ("products/cpi/", "vi", "en/products/cpi/"),
    ("en/calendar/", "en", "calendar/"),
    ("datasets/cpi-thang/", "vi", "en/datasets/cpi-thang/"),
])
def test_hreflang_alternates_name_the_same_page_in_each_language(
    example_site: Path, url: str, lang: str, other: str
) -> None:
    # In the sitemap, where search engines read them; no page's head sends them to the
    # home pages any more.
    site = "https://thongke.langson.example/"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for sitemap in ("sitemap.xml", "en/sitemap.xml" if lang == "en" else "sitemap.xml"):
        tree = etree.parse(str(example_site / sitemap))
        entry = tree.xpath(f"//s:url[s:loc='{site + url}']", namespaces=ns)
        assert entry, f"{url} missing from {sitemap}"
        links = {link.get("hreflang"): link.get("href")
                 for link in entry[0].xpath("x:link[@rel='alternate']", namespaces=ns)}
        assert links == {lang: site + url, ("en" if lang == "vi" else "vi"): site + other}
    head = page(example_site, url).cssselect("head link[rel=alternate][hreflang]")
    assert not head, [link.get("href") for link in head]
    with gzip.open(example_site / "sitemap.xml.gz") as packed:
        assert packed.read() == (example_site / "sitemap.xml").read_bytes()


def not_found(site: Path, path: str) -> lhtml.HtmlElement:
    return lhtml.fromstring((site / path).read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize(("path", "lang", "title", "foreign"), [
    ("404.html", "vi", "Không tìm thấy trang", "Statistical products"),
    ("en/404.html", "en", "Page not found", "Sản phẩm thống kê"),
])
def test_the_missing_page_speaks_its_language_with_its_menu(
    example_site: Path, path: str, lang: str, title: str, foreign: str
) -> None:
    tree = not_found(example_site, path)
    assert tree.get("lang") == lang
    assert tree.cssselect("article h1")[0].text_content().strip() == title
    entries = menu(tree)
    assert entries and foreign not in entries and "None" not in entries
    # Every link works from any depth: the page answers for any missing address.
    hrefs = [a.get("href") for a in tree.cssselect("article a")]
    assert hrefs and all(h.startswith("/") for h in hrefs), hrefs


@pytest.mark.server
@pytest.mark.slow
def test_nginx_answers_a_missing_english_page_in_english(example_site: Path,
                                                         tmp_path: Path) -> None:
    with nginx(example_site, tmp_path / "nginx") as port:
        for path, expected in (("/khong-co/", "Không tìm thấy trang"),
                               ("/en/no-such-page/", "Page not found")):
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            assert caught.value.code == 404
            assert expected in caught.value.read().decode("utf-8")


@pytest.mark.slow
def test_the_subscribe_page_lists_every_product_feed_with_a_copy_button(
    example_site: Path
) -> None:
    article = page(example_site, "calendar/subscribe/").cssselect("article")[0]
    heading = [h.text_content().strip("¶ ") for h in article.cssselect("h2")]
    assert "Lịch chung và theo đối tượng sử dụng" in heading
    assert "Lịch của từng sản phẩm" in heading
    hrefs = {a.get("href") for a in article.cssselect("a")}
    assert "../products/cpi.ics" in hrefs
    assert "webcal://thongke.langson.example/calendar/products/grdp.ics" in hrefs
    copies = [b.get("data-copy") for b in article.cssselect("button.phobien-copy")]
    assert "https://thongke.langson.example/calendar/all.ics" in copies
    assert "https://thongke.langson.example/calendar/products/cpi.ics" in copies
    # The column that names each feed is not headed "Product" any more: there is no table.
    assert not article.cssselect("th")


@pytest.mark.slow
def test_a_fresh_site_says_no_time_is_recorded_yet(example_site: Path) -> None:
    # Built without a publish log: nothing has an actual time yet.
    site = example_site
    for url, words in (("calendar/punctuality/", "chưa có đợt nào"),
                       ("en/calendar/punctuality/", "no release has a recorded actual time")):
        tree = page(site, url)
        share = " ".join(tree.cssselect(".phobien-share")[0].text_content().split())
        assert words in share and "0/0" not in share and "(-)" not in share, share
        # No table of "not recorded" rows (25 screens on a phone): one folded line a year.
        assert not tree.cssselect(".phobien-punctuality table")
        (summary,) = tree.cssselect("details.phobien-unrecorded summary")
        listed = tree.cssselect("details.phobien-unrecorded li")
        assert listed and str(len(listed)) in summary.text_content()


def test_the_published_link_is_ignored_by_git() -> None:
    # `public` is a symbolic link to the served version: "public/" in .gitignore missed it.
    for name in ("public", "site", "preview"):
        done = subprocess.run(["git", "check-ignore", "-q", "--no-index", name], cwd=ROOT)
        assert done.returncode == 0, f"git does not ignore {name}"
    assert re.search(r"^/public$", (ROOT / ".gitignore").read_text(), re.M)
