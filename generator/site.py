"""The site's content: everything a build publishes, made from the catalog and one clock.

The one function of the core that a site engine calls. It plans the calendar once, builds
the datasets, the DCAT catalog, the bulk zip, the share cards, the pages and the feeds,
and returns them as files to publish and a navigation; the engine adapter only hands them
to the engine (``engine/plugin.py`` for MkDocs). Nothing here imports an engine.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import clock as clock_mod
from generator import i18n
from generator.catalog.load import Catalog
from generator.outputs import api, citations, coverage, dcat, feeds, redirects
from generator.outputs.datasets.build import build_datasets
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.outputs.datasets.bulk import publish_bulk
from generator.outputs.pages import cards, embed
from generator.outputs.pages import render as pages
from generator.problems import CatalogError
from generator.releases import notes, punctuality
from generator.releases.plan import Schedule, plan
from generator.words.staff import BUILD as BUILD_WORDS


class SiteError(Exception):
    """The site cannot be built as it stands; the message says why, in the staff's words."""


@dataclass(frozen=True)
class Output:
    """One file of the site: its address and either its content or the file that holds it
    (in the work folder, written once under a content key: linked, not copied)."""

    address: str
    content: str | bytes | None = None
    source: Path | None = None


@dataclass
class Content:
    """What the engine must publish, in the order it is handed over."""

    outputs: list[Output] = field(default_factory=list)
    pages: list[pages.Page] = field(default_factory=list)  # generated Markdown pages
    feeds: list[Output] = field(default_factory=list)  # iCalendar and Atom, after the pages
    navigation: list[dict[str, Any]] = field(default_factory=list)  # the engine's nav
    cards: dict[tuple[str, str], cards.Card] = field(default_factory=dict)
    schedule: Schedule | None = None
    datasets: DatasetBuild | None = None
    rebuilt: dict[str, list[str]] = field(default_factory=dict)  # made anew, not from cache
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase

    @contextlib.contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        """Add the wall time of a phase to the build's timings (the benchmarks read them
        to say where a build's time goes)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[phase] = self.timings.get(phase, 0.0) + time.perf_counter() - start


def build_content(
    catalog: Catalog,
    clock: clock_mod.Clock,
    *,
    root: Path,
    work_dir: Path,
    site_url: str,
    home_texts: dict[str, str],
    handwritten: dict[str, list[str]],
    publish_log: Path | None = None,
    recording: bool = False,
    lang: str = "vi",
    content: Content | None = None,
) -> Content:
    """The whole site as of ``clock``: ``catalog`` must be the public view.

    ``home_texts``: each language's hand-written home text (the top of its home page);
    ``handwritten``: each language's hand-written pages, for the navigation;
    ``recording``: a publish, which makes the releases newly public public now.
    """
    out = content or Content()
    if not site_url:
        raise SiteError(BUILD_WORDS["site_url"][lang])
    with out.timed("releases"):
        schedule = plan(catalog, clock.now)
    out.schedule = schedule
    with out.timed("datasets"):
        built = build_datasets(catalog, schedule, work_dir, root,
                               progress=sys.stderr.isatty(), freeze=not clock.preview)
    if built.problems:
        raise SiteError(CatalogError(built.problems).report(lang))
    out.datasets = built
    out.rebuilt["datasets"] = built.rebuilt
    out.outputs += [Output(address, source=source) for address, source in built.files()]
    # Site-wide files dated by the newest release, not by the build, so that they change
    # only when something is released.
    moment = max((r.moment for r in schedule.releases if r.is_public and r.moment),
                 default=clock.now)
    out.outputs += _documents(catalog, schedule)
    out.outputs += [Output(address, data)
                    for address, data in citations.files(catalog, schedule, built, site_url)]
    out.outputs.append(Output("catalog.jsonld",
                              dcat.catalog_jsonld(catalog, built, site_url, moment)))
    with out.timed("api"):
        out.outputs += [Output(address, data) for address, data in
                        api.api_files(catalog, schedule, built, site_url).items()]
    with out.timed("bulk"):
        bulk = publish_bulk(catalog, built, work_dir, moment)
    if bulk is not None:
        out.outputs.append(Output(bulk.name, source=bulk.path))
    office = catalog.site.office.name
    default = catalog.site.default_language

    spans: dict[str, str | None] = {}  # one read of each Parquet footer a build

    def jsonld(b: Built, page_lang: str) -> str:
        key = b.address
        if key not in spans:
            spans[key] = coverage.temporal_coverage(b)
        if b.release is None:
            cited = citations.of_dataset(b, built, catalog, site_url, page_lang)
        else:
            cited = citations.of_release(b.release, catalog, site_url, page_lang)
        product = catalog.product(b.dataset.product)
        here = pages.prefix(page_lang, default)
        return dcat.schema_org(
            b, page_lang, site_url, office, languages=catalog.site.languages,
            modified=cited.issued if cited else None, coverage=spans[key],
            citation=cited.reference() if cited else None,
            license_url=site_url.rstrip("/") + f"/{here}policy/"
            if f"{here}policy.md" in handwritten.get(page_lang, []) else None,
            keywords=[catalog.topic(t).name for t in sorted(product.topics)])

    log = punctuality.read_log(publish_log)
    actual = punctuality.recorded(log)
    if recording and log:  # this publish makes these public, now
        fresh = punctuality.newly_public(schedule, log)
        actual.update({release_id: clock.now for release_id in fresh})
    data = pages.SiteData(catalog, clock, schedule, site_url, built, bulk, jsonld, actual)
    with out.timed("cards"):
        out.cards = _cards(catalog, work_dir)
    out.outputs += [Output(drawn.address, source=drawn.path) for drawn in out.cards.values()]
    with out.timed("pages"):
        out.pages = pages.render_site(data, home_texts)
        # The frameable charts: whole HTML files, not pages of the theme (embed.py).
        framed = embed.embed_pages(pages.Renderer(data, lg) for lg in catalog.site.languages)
    out.outputs += [Output(page.address, page.html) for page in framed]
    if framed:
        out.outputs.append(Output(embed.STYLESHEET, embed.stylesheet()))
    with out.timed("feeds"):
        cache = feeds.FeedCache(work_dir / "feeds")
        feed_files = feeds.write_feeds(catalog, schedule, clock, site_url, cache)
    out.rebuilt["feeds"] = cache.rebuilt
    for feed_path, text in feed_files.items():
        # A cached feed is linked like a dataset: verification then knows it unread.
        cached = cache.files.get(feed_path)
        out.feeds.append(Output(feed_path, source=cached) if cached
                         else Output(feed_path, text))
    with out.timed("redirects"):
        out.feeds += _old_addresses(catalog, schedule, site_url, [*out.outputs, *out.feeds])
    out.navigation = pages.navigation(data, handwritten)
    return out


def _old_addresses(catalog: Catalog, schedule: Schedule, site_url: str,
                   made: list[Output]) -> list[Output]:
    """What the old addresses of renamed, merged or moved products and datasets serve:
    a page that sends the reader on, or the new file's bytes (``outputs.redirects``)."""
    out = [Output(address, html)
           for address, html in redirects.redirects(catalog, schedule, site_url).items()]
    by_address = {o.address: o for o in made}
    out += [Output(address, html)
            for address, html in redirects.framed(catalog, by_address, site_url).items()]
    for copy in redirects.copies(catalog, by_address):
        new = by_address[copy.new]
        out.append(Output(copy.old, new.content, new.source))
    return out


def _documents(catalog: Catalog, schedule: Schedule) -> list[Output]:
    """The documents of the releases that are public, copied (never linked: the catalog's
    file may be edited in place) beside their release's page; none of any other."""
    out = []
    for note in catalog.notes:
        release = schedule.by_id.get(note.release)
        if release is None:
            continue
        for attached in notes.documents(note, release):
            address = notes.document_address(release.id, attached)
            out.append(Output(address, (catalog.root / attached.file).read_bytes()))
    return out


def _cards(catalog: Catalog, work_dir: Path) -> dict[tuple[str, str], cards.Card]:
    """A preview image per public product and language, for shared links."""
    site = catalog.site
    out: dict[tuple[str, str], cards.Card] = {}
    for lang in site.languages:
        for product in catalog.products:
            out[(product.id, lang)] = cards.card(
                work_dir, product.id, lang, site.office.name.get(lang),
                product.name.get(lang), i18n.value_label("cycle", product.cycle, lang))
    return out
