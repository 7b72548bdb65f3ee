"""A product published in one language needs its texts in that language only; the other
language's pages show its Vietnamese text marked lang="vi", with a notice, and no page,
feed or JSON file holds an empty English text for it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lhtml

from generator.check import load_catalog
from generator.problems import CatalogError
from tests.conftest import build, copy_example, site_files

PRODUCT = "chan-nuoi"  # language: [vi] in the example, with no dataset of its own
NAME = "Kết quả điều tra chăn nuôi"
NOTICE = "This product is published in Vietnamese."


def vietnamese_only(project: Path, language: str = "[vi]") -> Path:
    """The example project with the product's English texts taken out."""
    path = project / f"catalog/products/{PRODUCT}.yml"
    text = re.sub(r"(?m)^  en: .*\n", "", path.read_text(encoding="utf-8"))
    path.write_text(text.replace("language: [vi]", f"language: {language}"), encoding="utf-8")
    assert "en:" not in text
    return project


def test_a_vietnamese_only_product_needs_no_english(tmp_path: Path) -> None:
    project = vietnamese_only(copy_example(tmp_path / "p"))
    catalog = load_catalog(project / "catalog", display_root=project)
    assert catalog.product(PRODUCT).name.en is None


def test_a_product_in_both_languages_still_needs_both(tmp_path: Path) -> None:
    project = vietnamese_only(copy_example(tmp_path / "p"), "[vi, en]")
    with pytest.raises(CatalogError) as caught:
        load_catalog(project / "catalog", display_root=project)
    found = {(p.code, p.field) for p in caught.value.problems}
    assert found == {("missing-translation", f) for f in ("name", "content", "source")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("one-language")
    project = vietnamese_only(copy_example(tmp / "project"))
    return build(project, tmp / "site")


def page(site: Path, url: str) -> lhtml.HtmlElement:
    return lhtml.fromstring((site / url / "index.html").read_bytes())


@pytest.mark.slow
def test_the_english_product_page_shows_the_vietnamese_text_marked(site: Path) -> None:
    doc = page(site, f"en/products/{PRODUCT}")
    [h1] = doc.cssselect("article h1")
    assert h1.get("lang") == "vi" and h1.text_content().startswith(NAME)
    assert [p.text_content() for p in doc.cssselect(".phobien-language-note")] == [NOTICE]
    lead = doc.cssselect(".phobien-lead")[0]
    assert lead.get("lang") == "vi" and "trâu, bò, lợn" in lead.text_content()
    cells = {th.text_content(): th.getnext() for th in doc.cssselect(".phobien-fields th")}
    for field in ("Name", "Main content", "Source"):
        assert cells[field].get("lang") == "vi", field
    # The office's own words around it stay English, unmarked.
    assert cells["Language"].get("lang") is None

    vietnamese = page(site, f"products/{PRODUCT}")
    assert not vietnamese.cssselect(".phobien-language-note")
    assert vietnamese.cssselect("article h1")[0].get("lang") is None


@pytest.mark.slow
def test_listings_calendar_and_release_pages_mark_the_name(site: Path) -> None:
    for url in ("en/products", "en/topics/nong-nghiep", "en/calendar"):
        links = [a for a in page(site, url).cssselect("article a")
                 if a.text_content().strip() == NAME]
        assert links and all(a.get("lang") == "vi" for a in links), url
    release = page(site, f"en/releases/{PRODUCT}/2026-q3")
    assert [p.text_content() for p in release.cssselect(".phobien-language-note")] == [NOTICE]
    [link] = [a for a in release.cssselect(".phobien-fields a")
              if a.text_content() == NAME]
    assert link.get("lang") == "vi"


@pytest.mark.slow
def test_feeds_and_json_hold_no_empty_english(site: Path) -> None:
    products = json.loads((site / "api/v1/products.json").read_text(encoding="utf-8"))
    [entry] = [p for p in products["products"] if p["id"] == PRODUCT]
    for key in ("name", "description", "source"):
        assert entry[key] == {"vi": entry[key]["vi"]}, key
    # The English calendar falls back to the Vietnamese name.
    ics = (site / f"en/calendar/products/{PRODUCT}.ics").read_text(encoding="utf-8")
    assert re.search(r"SUMMARY:Kết quả điều tra chăn nu", ics.replace("\r\n ", ""))
    for path in site_files(site):
        if path.suffix not in (".json", ".jsonld", ".ics", ".xml", ".html"):
            continue
        text = path.read_text(encoding="utf-8")
        if PRODUCT not in text:
            continue
        assert not re.search(r'"en": ?(""|null)', text), path
        assert "None" not in text, path


def test_the_guides_quote_the_notice_the_pages_show() -> None:
    """The staff guide's note on one-language products quotes the notice as the English
    pages say it, and names the fields that may go without English."""
    from generator import i18n
    from generator.catalog.model import Product, Text
    from tests.test_docs import GUIDES

    notice = i18n.t("published_in", "en", languages="Vietnamese")
    assert notice == NOTICE
    texts = [n for n, f in Product.model_fields.items() if f.annotation in (Text, Text | None)]
    for lang, path in GUIDES.items():
        guide = " ".join(path.read_text(encoding="utf-8").split())
        assert f'"{notice.removesuffix(".")}' in guide, lang
        note = guide[guide.index("(`language: [vi]`)"):][:400]
        assert all(f"`{name}`" in note for name in texts), (lang, texts)
