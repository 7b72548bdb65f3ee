"""The Pagefind index in parts: no part bigger than the cap, a partition that moves only
what an edit touches, parts reused when their pages did not change, the same bytes as an
index built from nothing, and every part seen by the scans for what must not be served."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from generator.outputs.pages import search_index
from generator.outputs.pages.search_index import Page, index_site, partition
from tests.conftest import search_bundles, served, site_files


def catalog_pages(products: dict[str, int], others: int, langs: tuple[str, ...] = ("vi", "en"),
                  ) -> list[Page]:
    """Pages of a catalog: ``products`` (id → release pages) and ``others`` other pages,
    in each language (the first at the root, the others in their own folder)."""
    pages = []
    for lang in langs:
        prefix = "" if lang == langs[0] else f"{lang}/"
        for product, count in products.items():
            pages += [Page(f"{prefix}releases/{product}/{2000 + i}/index.html", lang, "")
                      for i in range(count)]
        pages += [Page(f"{prefix}products/p{i}/index.html", lang, "") for i in range(others)]
    return pages


def release_product(page: Page) -> str:
    return page.group()[1]


def random_catalog(seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    products = {f"product-{i}": rng.choice([1, 4, 12, 24, 60, 300]) for i in range(200)}
    products["census"] = 1_300  # one product bigger than a part
    return products


@pytest.mark.parametrize("seed", range(5))
def test_no_part_holds_more_pages_than_the_cap(seed: int) -> None:
    cap = 500
    pages = catalog_pages(random_catalog(seed), others=1_200)
    parts = partition(pages, cap)
    sizes = {name: len(members) for name, members in parts.items()}
    assert max(sizes.values()) <= cap, sizes
    # Every page in one part, and only one.
    assert sorted(p.path for members in parts.values() for p in members) == sorted(
        p.path for p in pages)
    for name, members in parts.items():
        lang, kind = name.split("-")[0], name.split("-")[1].rstrip("01")
        assert {p.lang for p in members} == {lang}, name
        assert {p.group()[0] for p in members} == {kind}, name
    # A product's releases stay together, unless the product alone is bigger than a part.
    holders: dict[tuple[str, str], set[str]] = {}
    for name, members in parts.items():
        for page in members:
            if page.group()[0] == "releases":
                holders.setdefault((page.lang, release_product(page)), set()).add(name)
    split = {product for (_, product), names in holders.items() if len(names) > 1}
    assert split == {"census"}


def test_the_cap_is_a_few_thousand_pages() -> None:
    assert 1_000 <= search_index.PART_PAGES <= 5_000


def test_the_partition_is_the_same_whatever_the_order_of_the_pages() -> None:
    pages = catalog_pages(random_catalog(1), others=300)
    shuffled = pages[:]
    random.Random(7).shuffle(shuffled)
    assert partition(shuffled, 400) == partition(pages, 400)


def part_of(parts: dict[str, list[Page]]) -> dict[str, str]:
    """Each page's part."""
    return {page.path: name for name, members in parts.items() for page in members}


def hash_bits(key: str, count: int = 64) -> str:
    return "".join(str(search_index._bit(key, depth)) for depth in range(count))


@pytest.mark.parametrize("seed", range(5))
def test_an_edit_moves_only_the_pages_of_the_parts_it_touches(seed: int) -> None:
    """A product that gains releases, and a new product, change the parts they fall in
    (a part grown too big is split in two); every other product keeps its part."""
    cap = 400
    products = random_catalog(seed)
    before = partition(catalog_pages(products, others=50), cap)
    grown = dict(products, **{"product-3": products["product-3"] + 40, "new-product": 30})
    after = partition(catalog_pages(grown, others=50), cap)
    old, new = part_of(before), part_of(after)
    # The parts touched: product-3's, and the one whose hash bits the new product's start with.
    touched = {old[p.path] for p in catalog_pages({"product-3": 1}, 0)}
    touched |= {name for name in before if "-releases" in name
                and hash_bits("new-product").startswith(name.split("-releases")[1])}
    moved = {path for path, name in old.items() if new[path] != name}
    assert {old[path] for path in moved} <= touched
    assert len(moved) < len(old) / 4
    assert not any(name.startswith(("vi-pages", "en-pages")) for name in
                   {old[path] for path in moved})


# --- real Pagefind runs over a small site ------------------------------------------------


def small_site(site: Path, words: dict[str, str]) -> Path:
    """A site of one page per ``path → word``: its title and text name the word."""
    for path, word in words.items():
        lang = "en" if path.startswith("en/") else "vi"
        page = site / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<!doctype html><html lang="{lang}"><head><title>{word}</title>'
                        f'</head><body><nav>menu</nav><main data-pagefind-body>'
                        f"<h1>{word}</h1><p>{word} trang</p></main></body></html>",
                        encoding="utf-8")
    (site / "calendar.html").write_text(  # no body: never indexed
        '<html lang="vi"><body><p>lichkhongindex</p></body></html>', encoding="utf-8")
    return site


WORDS = {"index.html": "trangchu", "products/cpi/index.html": "chisogia",
         "releases/cpi/2026-10/index.html": "thangmuoi",
         "releases/cpi/2026-11/index.html": "thangmuoimot",
         "releases/gdp/2026-q3/index.html": "quyba",
         "releases/iip/2026-10/index.html": "congnghiep",
         "en/index.html": "homepage", "en/releases/cpi/2026-10/index.html": "october",
         "en/releases/gdp/2026-q3/index.html": "quarterthree"}


def entry(bundle: Path) -> dict[str, dict[str, int]]:
    languages: dict[str, dict[str, int]] = json.loads(
        (bundle / "pagefind-entry.json").read_text())["languages"]
    return languages


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site_files(site)}


def test_the_index_is_built_in_parts_each_merged_by_its_language(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site", WORDS)
    parts = index_site(site, cap=2)
    assert max(len(p.pages) for p in parts) <= 2 and len(parts) > 4
    listed = json.loads((site / "pagefind/phobien-parts.json").read_text())["languages"]
    # The main bundle holds one part of each language and the engine; the others, their
    # index alone, each in a folder the list names.
    assert sorted(entry(site / "pagefind")) == ["en", "vi"]
    assert (site / "pagefind/pagefind.js").is_file()
    assert (site / "pagefind/wasm.unknown.pagefind").is_file()
    counts: Counter[str] = Counter()
    for bundle in search_bundles(site):
        for lang, info in entry(bundle).items():
            counts[lang] += info["page_count"]
            assert info["page_count"] <= 2
        if bundle != site / "pagefind":
            (lang,) = entry(bundle)
            (kind,) = [k for k, paths in listed[lang].items() if f"{bundle.name}/" in paths]
            assert bundle.name.startswith(f"{lang}-{kind}")
            assert not list(bundle.glob("*.js")) and not list(bundle.glob("wasm.*"))
    assert counts == {"vi": 6, "en": 3}
    assert sum(len(p.pages) for p in parts) == 9
    assert not [p for p in site.iterdir() if p.name.startswith(".phobien")]


def test_unchanged_parts_are_reused_and_the_site_is_the_one_a_fresh_index_makes(
        tmp_path: Path) -> None:
    work = tmp_path / "work"
    site = small_site(tmp_path / "site", WORDS)
    first = index_site(site, work, cap=2)
    assert all(p.built for p in first)
    kept = {p.name for p in (work / "search").iterdir()}
    assert kept == {p.digest for p in first} | {"parts.json"}

    # Nothing changed: nothing indexed again, the same bytes.
    before = files(site)
    again = index_site(site, work, cap=2)
    assert not [p.name for p in again if p.built]
    assert files(site) == before

    # One release page changed: only its part is indexed again; the part it left goes.
    small_site(site, {"releases/gdp/2026-q3/index.html": "quybasua"})
    edited = index_site(site, work, cap=2)
    (changed,) = [p for p in edited if p.built]
    assert "releases/gdp/2026-q3/index.html" in [page.path for page in changed.pages]
    assert {p.name for p in (work / "search").iterdir()} == {
        p.digest for p in edited} | {"parts.json"}
    record = json.loads((work / "search/parts.json").read_text())
    assert [n for n, part in record["parts"].items() if part["built"]] == [changed.name]

    # The same site, byte for byte, as an index of the same pages from nothing.
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh)
    shutil.rmtree(fresh / "pagefind")
    index_site(fresh, cap=2)
    assert files(fresh) == files(site)


def test_every_part_of_the_index_is_read_by_the_scans_for_what_must_not_be_served(
        tmp_path: Path) -> None:
    """The tests that nothing restricted or early is served read every file the site
    serves through ``served``: each part's words must be there, unpacked, wherever the
    part lies. Were a part left out (or left packed), a word only it holds would be
    missed."""
    site = small_site(tmp_path / "site", WORDS)
    index_site(site, cap=2)
    for path in WORDS:
        (site / path).unlink()  # the words are now in the search index alone
    seen: dict[str, set[str]] = {}
    for path, data in served(site):
        for word in WORDS.values():
            if f">{word}<".encode() in data or f'"{word}"'.encode() in data:
                seen.setdefault(word, set()).add(path.relative_to(site).parts[1])
    assert sorted(seen) == sorted(WORDS.values())
    # ... and they were found in the parts' folders, not only in the main bundle.
    folders = set().union(*seen.values())
    assert {b.name for b in search_bundles(site)[1:]} <= folders

