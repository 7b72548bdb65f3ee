"""End to end: the real MkDocs build of the example catalog, asserted on its files."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from lxml import html as lhtml

from generator import i18n
from generator.catalog.load import Catalog
from generator.check import load_catalog
from tests.conftest import ROOT, build, readable, site_files

NBSP = "\xa0"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")


def page(site: Path, url: str) -> lhtml.HtmlElement:
    return lhtml.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def text_of(doc: lhtml.HtmlElement) -> str:
    # Collapse layout whitespace only: a no-break space (as in "150.000 ₫") is content.
    return re.sub(r"[ \t\r\n]+", " ", doc.text_content()).strip()


def article(doc: lhtml.HtmlElement) -> lhtml.HtmlElement:
    return doc.cssselect("article")[0]


def test_example_catalog_is_realistic(catalog: Catalog) -> None:
    products = catalog.products
    assert len(products) >= 25
    assert {a.id for a in catalog.audiences} == {"leaders", "business", "public"}
    for audience in catalog.audiences:
        assert any(audience.id in p.audiences for p in products if p.access == "public")
    assert any(p.periodic for p in products) and any(not p.periodic for p in products)
    assert any(p.access == "on-request" for p in products)
    assert any(p.access == "restricted" for p in products)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_product_pages_show_every_decision_34_field(
    example_site: Path, catalog: Catalog, lang: str
) -> None:
    prefix = "" if lang == "vi" else "en/"
    for product in catalog.public().products:
        body = text_of(article(page(example_site, f"{prefix}products/{product.id}")))
        for key in (
            "name",
            "content",
            "source",
            "completeness",
            "form",
            "language",
            "cycle",
            "dissemination",
            "unit",
            "price",
            "access",
            "audiences",
            "topics",
        ):
            assert i18n.t(f"field_{key}", lang) in body, (product.id, key)
        assert " ".join(product.name.get(lang).split()) in body
        assert " ".join(product.source.get(lang).split()) in body
        assert catalog.unit(product.unit).name.get(lang) in body
        assert i18n.format_price(product.price, lang) in body
        for value in product.completeness:
            assert i18n.value_label("completeness", value, lang) in body
        assert i18n.value_label("cycle", product.cycle, lang) in body
        if product.other:
            assert i18n.t("field_other", lang) in body


@pytest.mark.slow
def test_prices_are_formatted_the_vietnamese_way(example_site: Path, catalog: Catalog) -> None:
    priced = next(p for p in catalog.public().products if p.price == 350000)
    assert f"350.000{NBSP}₫" in text_of(page(example_site, f"products/{priced.id}"))
    assert "₫350,000" in text_of(page(example_site, f"en/products/{priced.id}"))


def listed_products(section: lhtml.HtmlElement) -> list[str]:
    return [a.get("href").rstrip("/").split("/")[-1] for a in section.cssselect("td a")]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_audience_pages_group_periodic_and_non_periodic(
    example_site: Path, catalog: Catalog, lang: str
) -> None:
    public = catalog.public()
    prefix = "" if lang == "vi" else "en/"
    for audience in public.audiences:
        doc = article(page(example_site, f"{prefix}audiences/{audience.id}"))
        tables = doc.cssselect(".phobien-list table")
        headings = [h.text_content().strip("¶ ") for h in doc.cssselect("h2")]
        assert headings == [i18n.t("periodic", lang), i18n.t("non_periodic", lang)]
        expected_periodic = {
            p.id for p in public.products if audience.id in p.audiences and p.periodic
        }
        expected_other = {
            p.id for p in public.products if audience.id in p.audiences and not p.periodic
        }
        assert set(listed_products(tables[0])) == expected_periodic
        assert set(listed_products(tables[1])) == expected_other
        # each row carries the cycle
        first = tables[0].cssselect("tbody tr")[0].cssselect("td")
        assert first[1].text_content() in {v[lang] for v in i18n.VALUES["cycle"].values()}


@pytest.mark.slow
def test_topic_pages_and_product_index(example_site: Path, catalog: Catalog) -> None:
    public = catalog.public()
    for topic in public.topics:
        doc = article(page(example_site, f"topics/{topic.id}"))
        assert set(listed_products(doc)) == {p.id for p in public.products if topic.id in p.topics}
    index = article(page(example_site, "products"))
    assert set(listed_products(index)) == {p.id for p in public.products}


@pytest.mark.slow
def test_home_pages(example_site: Path, catalog: Catalog) -> None:
    vi = page(example_site, "")
    en = page(example_site, "en")
    assert vi.get("lang") == "vi" and en.get("lang") == "en"
    assert catalog.site.office.name.vi in text_of(vi.cssselect("header")[0])
    assert catalog.site.office.name.en in text_of(en.cssselect("header")[0])
    assert "Chào mừng" in text_of(vi)  # the hand-written home text from docs/index.md
    for audience in catalog.audiences:
        assert audience.name.vi in text_of(article(vi))


@pytest.mark.slow
def test_on_request_products_say_how_to_obtain_and_offer_no_download(
    example_site: Path, catalog: Catalog
) -> None:
    for product in (p for p in catalog.products if p.access == "on-request"):
        doc = article(page(example_site, f"products/{product.id}"))
        box = doc.cssselect(".phobien-on-request")[0]
        assert product.obtain is not None
        assert " ".join(product.obtain.vi.split())[:60] in text_of(box)
        hrefs = [a.get("href", "") for a in doc.iter("a")]
        assert not [h for h in hrefs if re.search(r"\.(csv|xlsx|json|parquet|zip)$", h)]


def restricted_needles(catalog: Catalog) -> list[str]:
    needles = []
    for p in catalog.products:
        if p.access == "restricted":
            needles += [p.id, p.name.vi or "", p.name.en or ""]
    return [n for n in needles if n]


def all_text(path: Path) -> str:
    """Everything a reader of the file could see (``readable``: the search index of every
    part unpacked, JSON escapes read back), as one NFC text."""
    texts = [data.decode("utf-8", errors="replace") for data in readable(path)]
    return unicodedata.normalize("NFC", "\n".join(texts))


@pytest.mark.slow
def test_restricted_products_appear_nowhere(example_site: Path, catalog: Catalog) -> None:
    needles = restricted_needles(catalog)
    assert needles
    for path in site_files(example_site):
        if path.suffix in {".png", ".ico", ".woff", ".woff2"}:
            continue
        text = all_text(path)
        for needle in needles:
            assert needle not in text, f"{needle!r} leaked into {path}"


@pytest.mark.slow
def test_restricted_product_is_absent_from_the_minimal_site(minimal_site: Path) -> None:
    assert not (minimal_site / "products/mat-lanh-dao").exists()
    for path in site_files(minimal_site):
        text = all_text(path)
        assert "mat-lanh-dao" not in text and "Bản tin mật" not in text, path


EXTERNAL_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "link": "href",
    "embed": "src",
    "object": "data",
}


@pytest.mark.slow
def test_nothing_is_loaded_from_another_host(example_site: Path) -> None:
    for path in site_files(example_site):
        if path.suffix == ".html":
            doc = lhtml.fromstring(path.read_text(encoding="utf-8"))
            for tag, attr in EXTERNAL_ATTRS.items():
                for el in doc.iter(tag):
                    value = el.get(attr)
                    if not value or (
                        tag == "link" and el.get("rel") in {"canonical", "alternate", "sitemap"}
                    ):
                        continue
                    assert urlparse(value).netloc == "", f"{path}: <{tag} {attr}={value}>"
            for el in doc.iter("a"):
                host = urlparse(el.get("href", "")).netloc
                assert host in ("", "thongke.langson.example"), f"{path}: link to {host}"
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
            for url in re.findall(r"url\(\s*['\"]?(https?:)?//", text):
                pytest.fail(f"{path}: loads a remote url(): {url}")


@pytest.mark.slow
def test_navigation_lists_sections_not_products(example_site: Path, catalog: Catalog) -> None:
    doc = page(example_site, "products/cpi")
    nav = doc.cssselect("nav.md-nav--primary")[0]
    hrefs = [a.get("href") for a in nav.iter("a")]
    assert not [
        h
        for h in hrefs
        if "/products/" in urljoin("/products/cpi/", h)
        and not urljoin("/products/cpi/", h).endswith("/products/")
    ]
    labels = text_of(nav)
    assert i18n.t("audiences", "vi") in labels and i18n.t("topics", "vi") in labels
    assert "Consumer price index" not in labels and "Home" not in labels  # one language


def add_products(project: Path, count: int) -> None:
    template = (project / "catalog/products/cpi.yml").read_text(encoding="utf-8")
    for i in range(count):
        pid = f"san-pham-{i:03d}"
        (project / f"catalog/products/{pid}.yml").write_text(
            template.replace("id: cpi", f"id: {pid}").replace("Chỉ số giá", f"Sản phẩm {i:03d}"),
            encoding="utf-8",
        )


@pytest.mark.slow
def test_product_page_size_does_not_grow_with_the_catalog(
    minimal: Path, minimal_site: Path, tmp_path: Path
) -> None:
    add_products(minimal, 60)
    big = build(minimal, tmp_path / "big")
    for url in ("products/nien-giam", "en/products/nien-giam", "audiences/leaders"):
        small_size = (minimal_site / url / "index.html").stat().st_size
        big_size = (big / url / "index.html").stat().st_size
        if url.startswith("audiences"):
            assert big_size > small_size  # a listing does grow: it lists the products
        else:
            assert big_size == small_size, url


@pytest.mark.slow
def test_language_switcher_links_to_the_same_page(example_site: Path) -> None:
    doc = page(example_site, "products/cpi")
    links = {a.get("hreflang"): a.get("href") for a in doc.cssselect("a.md-select__link")}
    assert urljoin("/products/cpi/", links["en"]) == "/en/products/cpi/"
    assert urljoin("/products/cpi/", links["vi"]) == "/products/cpi/"
    doc = page(example_site, "en/audiences/public")
    links = {a.get("hreflang"): a.get("href") for a in doc.cssselect("a.md-select__link")}
    assert urljoin("/en/audiences/public/", links["vi"]) == "/audiences/public/"


@pytest.mark.slow
def test_internal_links_resolve(example_site: Path) -> None:
    for path in site_files(example_site):
        if path.suffix != ".html":
            continue
        doc = lhtml.fromstring(path.read_text(encoding="utf-8"))
        base = "/" + path.relative_to(example_site).as_posix()
        for el in doc.iter("a"):
            href = el.get("href", "")
            parsed = urlparse(href)
            if parsed.scheme or parsed.netloc or href.startswith("#") or not href:
                continue
            target = urlparse(urljoin(base, href)).path
            resolved = example_site / target.lstrip("/")
            if target.endswith("/"):
                resolved = resolved / "index.html"
            assert resolved.exists(), f"{path}: broken link {href}"


@pytest.mark.slow
def test_pages_are_nfc(example_site: Path) -> None:
    for path in site_files(example_site):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert unicodedata.is_normalized("NFC", text), path
