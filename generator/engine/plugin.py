"""The MkDocs adapter: the only module that imports MkDocs.

It loads the catalog once per build, hands the public view to the pure renderers, and
registers what they return as in-memory files, so that ``mkdocs build`` and
``mkdocs serve`` are the one build and no generated page ever exists in ``docs/``.
"""

from __future__ import annotations

import copy
import dataclasses
import gzip
import json
import logging
import os
import time
import typing
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown as python_markdown
from markdown import postprocessors, preprocessors
from markdown.extensions import fenced_code
from markupsafe import escape
from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.templates import TemplateContext

from generator import clock as clock_mod
from generator import i18n, memory, parallel, provenance
from generator.catalog.load import Catalog
from generator.check import load_catalog
from generator.engine import htmlblocks, pagecache
from generator.outputs.pages import cards, policy, search
from generator.outputs.pages import render as pages
from generator.problems import CatalogError
from generator.project import Project
from generator.site import Content, Output, SiteError, build_content
from generator.words.site import LANGUAGE_NAMES
from generator.words.staff import BUILD as BUILD_WORDS

log = logging.getLogger("mkdocs.plugins.phobien")

WHOLE_MARKDOWN = "PHOBIEN_WHOLE_MARKDOWN"
"""Set to 1, every page goes through Python-Markdown whole: for the tests and benchmarks
that compare the generated pages' fast path with it, not a setting of the site."""

NO_PAGE_CACHE = "PHOBIEN_NO_PAGE_CACHE"
"""Set to 1, every page is rendered anew: for the benchmarks that measure the page cache."""

# The plugins whose per-page work is known to be right for a cached page (they read the
# page's restored content and table of contents): with any other, every page is rendered.
_CACHE_SAFE_PLUGINS = frozenset({"phobien", "search", "material/search"})
CACHED_TEMPLATE = "phobien-cached.html"  # renders nothing: the output comes from the cache

# The processors that see a page's raw HTML blocks, and are known to store them and put
# them back unchanged (or, for fenced code, to leave alone the blocks htmlblocks accepts).
# Another extension's (md_in_html replaces two of them, snippets adds one) turns the
# generated pages' fast path off for the build.
_BLOCK_SAFE = (preprocessors.NormalizeWhitespace, preprocessors.HtmlBlockPreprocessor,
               fenced_code.FencedBlockPreprocessor, postprocessors.RawHtmlPostprocessor,
               postprocessors.AndSubstitutePostprocessor)


class LinkedFile(File):
    """A generated file whose bytes already sit in the work folder (a dataset, a vintage,
    the bulk zip, a share card): hard-linked into the site instead of copied.

    Those files are written once under a content key and never changed, so the site and
    every kept version can share them: a national catalog's datasets run to gigabytes,
    and copying them into each build cost time and a copy per kept version. Across file
    systems (a work folder on another disk), it falls back to a copy.
    """

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):
            os.unlink(target)
        try:
            os.link(self.abs_src_path, target)
        except OSError:
            super().copy_file(dirty)

THEME_DIR = Path(__file__).parent / "theme"


class PhobienConfig(base.Config):
    catalog = c.Type(str, default="catalog")
    """Folder of the catalog, relative to ``mkdocs.yml``."""

    as_of = c.Optional(c.Type(str))
    """Build the site as of this moment (ISO 8601). Default: ``SOURCE_DATE_EPOCH``, or now."""

    lang = c.Choice(("vi", "en"), default="vi")
    """Language of the catalog's error messages."""

    publish_log = c.Optional(c.Type(str))
    """The publish log, for the punctuality page (set by ``phobien publish``)."""

    recording = c.Type(bool, default=False)
    """Set by ``phobien publish``: releases public for the first time become public now."""

    clock_source = c.Optional(c.Type(str))
    """Set by ``phobien publish``: where its moment (given as ``as_of``) came from, the
    system clock or ``SOURCE_DATE_EPOCH``, for the line that says it."""

    scheduled = c.Type(bool, default=False)
    """Set by ``phobien publish --at``: ``as_of`` is the moment this build goes live,
    sealed until then; the build is not a preview."""

    search = c.Type(bool, default=True)
    """Index the built site with Pagefind (search that folds Vietnamese diacritics)."""

    work_dir = c.Type(str, default=".phobien")
    """Folder, relative to ``mkdocs.yml``, for the dataset cache and the vintage store.
    Keep it: the vintages are the record of what each release published."""


class PhobienPlugin(BasePlugin[PhobienConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.clock: clock_mod.Clock | None = None
        self.page_lang: dict[str, str] = {}
        self.navs: dict[str, Navigation] = {}
        self.configs: dict[str, MkDocsConfig] = {}
        self.content = Content()  # this build's content, its timings and what it rebuilt
        self.env: Any = None  # the theme's Jinja environment, for the other 404 pages
        self.files: Files | None = None
        self.publish_log: Path | None = None
        self.preloaded: Catalog | None = None  # the full catalog, loaded by the caller
        # The generated pages' fast path (htmlblocks): the pages that may take it, the
        # block-level tags of this build's Markdown, each page's original and parts
        # between its two events, and how many pages went which way.
        self.fast_pages: set[str] = set()
        self.block_level: frozenset[str] = frozenset()
        self.splits: dict[str, tuple[str, htmlblocks.Split]] = {}
        self.markdown_paths: dict[str, int] = {"blocks": 0, "whole": 0}
        # The page cache (pagecache): the store, this build's digests, the pages whose
        # rendering (and those whose output) comes from it, and the warnings counted, so
        # that a page that warned is never kept (its warning must come again).
        self.cache_pages = True
        self.store: pagecache.PageStore | None = None
        self.render_site: str | None = None
        self.render_keys: dict[str, str] = {}
        self.output_keys: dict[str, str] = {}
        self.reused: dict[str, dict[str, Any]] = {}
        self.from_cache: dict[str, Any] = {}  # src: the page's own meta
        self.warned: set[str] = set()
        self.warnings = _WarningCount()
        self.count_at = 0
        self.contexts: dict[str, TemplateContext] = {}
        # Both cores (generator/parallel.py): MkDocs' loops over the pages, the pages' places in
        # them, the helpers of the loop running, and whether this process is a helper.
        self.nav: Navigation | None = None
        self.loop: list[File] = []
        self.loop_index: dict[str, int] = {}
        self.shared: parallel.Shared | None = None
        self.helper = False
        self.cached_outputs: set[str] = set()
        self.helped: dict[str, int] = {}  # how many pages the helpers rendered, per loop

    # --- the build ----------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Only the preview server takes its moment from the environment (set by
        # `phobien serve --as-of`): a stray variable must never change what is published.
        self.serve_as_of = os.environ.get("PHOBIEN_AS_OF") if command == "serve" else None
        # The preview has its own address and drafts: its pages are not the site's.
        self.cache_pages = command != "serve" and os.environ.get(NO_PAGE_CACHE) != "1"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        # The plugin's options are the project's settings: read where every command reads them.
        self.project = Project.read(config.config_file_path)
        self.content = Content()
        self.started = time.perf_counter()
        self.publish_log = root / self.config.publish_log if self.config.publish_log else None
        try:
            with self.content.timed("catalog"):
                full = self.preloaded or load_catalog(self.project.catalog_dir,
                                                      display_root=root)
        except CatalogError as exc:
            raise PluginError(exc.report(self.config.lang)) from None
        try:
            as_of = self.config.as_of or getattr(self, "serve_as_of", None)
            self.clock = clock_mod.resolve(as_of, full.site.zone)
            if self.config.scheduled:
                self.clock = dataclasses.replace(self.clock, scheduled=True)
            if self.config.clock_source in ("system", "SOURCE_DATE_EPOCH"):
                source = typing.cast(clock_mod.Source, self.config.clock_source)
                self.clock = dataclasses.replace(self.clock, source=source)
        except clock_mod.ClockError as exc:
            raise PluginError(exc.text(self.config.lang)) from None
        # From here on only the public view exists for this build.
        self.catalog = full.public()
        site = self.catalog.site
        default = site.default_language

        # Themes are rendered without autoescaping: the office's words go in escaped.
        config.site_name = escape(site.office.name.get(default))
        config.site_description = escape(site.office.description.get(default))
        config.theme["language"] = default
        # Our partials sit just above Material's, below any custom_dir of the office.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.extra_css.insert(0, "assets/phobien.css")
        # Material shows its language switcher when extra.alternate is set, and writes a
        # head link to each item, which its script follows to fetch a sitemap.xml beside
        # it. phobien's switcher (partials/alternate.html) links each page to its own
        # counterpart (phobien_alternates), and the counterparts reach search engines in
        # the sitemap (xhtml:link hreflang): a head link to each language's home page
        # would tell them every page's translation is the home page. True shows the
        # switcher and, not being a list, writes no head link.
        config.extra["alternate"] = len(site.languages) > 1
        # generator/terminal.py says this line in the staff's words.
        log.info("phobien: building as of %s (%s)", self.clock.now, self.clock.source)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None and self.clock is not None
        site = self.catalog.site
        default = site.default_language

        # Hand-written home text (docs/index.md, docs/en/index.md) becomes the top of the
        # generated home page of its language.
        home_texts: dict[str, str] = {}
        for lang in site.languages:
            home = files.get_file_from_path(pages.prefix(lang, default) + "index.md")
            if home is not None:
                home_texts[lang] = home.content_string
                files.remove(home)

        handwritten: dict[str, list[str]] = {lang: [] for lang in site.languages}
        for file in files.documentation_pages():
            langs = pages.languages_of([file.src_uri], site.languages)
            handwritten[langs[file.src_uri]].append(file.src_uri)

        root = Path(config.config_file_path).parent
        try:
            content = build_content(
                self.catalog, self.clock, root=root, work_dir=self.project.work_dir,
                site_url=config.site_url or "", home_texts=home_texts,
                handwritten=handwritten, publish_log=self.publish_log,
                recording=self.config.recording, lang=self.config.lang, content=self.content)
        except SiteError as exc:
            raise PluginError(str(exc)) from None
        for output in content.outputs:
            files.append(self._file(config, output))
        for page in content.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(BUILD_WORDS["generated"][self.config.lang].format(
                    page=f"docs/{page.src_uri}"))
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for output in content.feeds:
            files.append(self._file(config, output))
        config.nav = content.navigation
        # The home pages carry hand-written Markdown (docs/index.md): Python-Markdown's.
        homes = {pages.prefix(lang, default) + "index.md" for lang in site.languages}
        self.fast_pages = {page.src_uri for page in content.pages} - homes
        self.block_level = self._block_level(config)
        self.splits = {}
        self.markdown_paths = {"blocks": 0, "whole": 0}
        self._open_cache(config, files)
        return files

    @staticmethod
    def _block_level(config: MkDocsConfig) -> frozenset[str]:
        """Python-Markdown's block-level tags for this site's extensions; empty (no fast
        path) when told so, or when an extension handles raw HTML blocks in its own way."""
        if os.environ.get(WHOLE_MARKDOWN) == "1":
            return frozenset()
        md = python_markdown.Markdown(extensions=config.markdown_extensions,
                                      extension_configs=config.mdx_configs or {})
        seen = [*md.preprocessors, *md.postprocessors]
        if any(type(processor) not in _BLOCK_SAFE for processor in seen):
            log.debug("phobien: an extension handles raw HTML; generated pages go through "
                      "Python-Markdown whole")
            return frozenset()
        return frozenset(md.block_level_elements)

    @staticmethod
    def _file(config: MkDocsConfig, output: Output) -> File:
        if output.source is not None:
            return LinkedFile.generated(config, output.address, abs_src_path=str(output.source))
        return File.generated(config, output.address, content=output.content or "")

    def _sharing(self, page: MkPage, lang: str, site_url: str) -> dict[str, Any] | None:
        """Open Graph and Twitter Card metadata for product and release pages."""
        assert self.catalog is not None
        src = page.file.src_uri.removeprefix(pages.prefix(lang, self.catalog.site.languages[0]))
        kind, _, rest = src.partition("/")
        if kind not in ("products", "releases") or not rest or rest == "index.md":
            return None
        product_id = rest.split("/")[0].removesuffix(".md")
        drawn = self.content.cards.get((product_id, lang))
        if drawn is None:
            return None
        product = self.catalog.product(product_id)
        description = " ".join(product.content.get(lang).split())[:200]
        url = site_url.rstrip("/") + "/" + page.url
        image = site_url.rstrip("/") + "/" + drawn.address
        title = page.title or product.name.get(lang)
        office = self.catalog.site.office.name.get(lang)
        return {
            "og": [("og:type", "article"), ("og:title", title),
                   ("og:description", description), ("og:url", url),
                   ("og:site_name", office), ("og:locale", i18n.LOCALES[lang]),
                   ("og:image", image), ("og:image:width", str(cards.WIDTH)),
                   ("og:image:height", str(cards.HEIGHT)), ("og:image:alt", drawn.alt)],
            "twitter": [("twitter:card", "summary_large_image"), ("twitter:title", title),
                        ("twitter:description", description), ("twitter:image", image),
                        ("twitter:image:alt", drawn.alt)],
        }

    def _navigations(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # One navigation per language: each page shows only its own language's sections.
        assert self.catalog is not None
        languages = self.catalog.site.languages
        self.page_lang = {
            f.page.url: lang
            for f in files.documentation_pages()
            if f.page is not None
            for lang in [pages.languages_of([f.url], languages)[f.url]]
        }
        for lang in languages:
            items = [item for item in nav.items if self._item_lang(item) == lang]
            navigation = Navigation(
                items, [p for p in nav.pages if self.page_lang.get(p.url) == lang]
            )
            home_url = pages.prefix(lang, languages[0])
            navigation.homepage = next((p for p in nav.pages if p.url == home_url), None)
            self.navs[lang] = navigation
        return nav

    @event_priority(-100)  # last: every plugin has made its navigation
    def _render_in_parallel(self, nav: Navigation, *, config: MkDocsConfig,
                            files: Files) -> Navigation:
        """Helpers render pages' Markdown into the cache while MkDocs' loop runs here."""
        self.nav = nav
        if self.store is None:  # no cache (the preview): every page here, in MkDocs' order
            return nav
        # The pages MkDocs' loops go through, in their order (a build, not the preview).
        self.loop = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
        self.loop_index = {f.src_uri: i for i, f in enumerate(self.loop)}
        self._share(lambda i: self._render_one(i, config, files))
        return nav

    on_nav = CombinedEvent(_navigations, _render_in_parallel)

    def _share(self, work: Any) -> None:
        """Fork the helpers of one loop over ``self.loop``."""
        done = {kind: len(self.content.rebuilt.get(kind, [])) for kind in ("markdown", "pages")}
        paths = dict(self.markdown_paths)

        def report() -> dict[str, Any]:  # in the helper: what it rendered itself
            return {"rebuilt": {k: self.content.rebuilt.get(k, [])[n:] for k, n in done.items()},
                    "paths": {k: v - paths[k] for k, v in self.markdown_paths.items()}}

        self.shared = parallel.Shared(len(self.loop), work, report, quiet=[self.warnings])
        self.helper = True  # what the forked helpers see
        try:
            self.shared.start()
        finally:
            self.helper = False

    def _take(self, src: str) -> None:
        """This process comes to page ``src`` in MkDocs' loop: it takes the page, or, if a
        helper took it, waits for the helpers (the page is then in the cache)."""
        if self.shared is not None and not self.helper and src in self.loop_index:
            self.shared.mine(self.loop_index[src])

    def _join_helpers(self) -> None:
        """Wait for the loop's helpers; what they rendered joins this build's record."""
        if self.shared is None:
            return
        for got in self.shared.join():
            for kind, srcs in got["rebuilt"].items():
                if srcs:
                    self.helped[kind] = self.helped.get(kind, 0) + len(srcs)
                    merged = {*self.content.rebuilt.get(kind, []), *srcs}
                    self.content.rebuilt[kind] = sorted(merged)
            for kind, count in got["paths"].items():
                self.markdown_paths[kind] = self.markdown_paths.get(kind, 0) + count
        self.shared = None

    def _render_one(self, index: int, config: MkDocsConfig, files: Files) -> None:
        """In a helper: MkDocs' reading of one page (``_populate_page``), through every
        plugin's events; phobien's keep the rendering in the cache."""
        file = self.loop[index]
        page = file.page if file.page is not None else MkPage(None, file, config)
        config._current_page = page
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        assert page.content is not None
        config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        page.markdown = page.content = None  # the helper keeps nothing of it
        config._current_page = None

    def _build_one(self, index: int, config: MkDocsConfig) -> None:
        """In a helper: MkDocs' building of one page (``_build_page``) without writing it;
        phobien's ``on_post_page`` keeps the output in the cache."""
        file = self.loop[index]
        page = file.page
        if page is None or file.src_uri in self.cached_outputs:
            return
        assert self.nav is not None
        config._current_page = page
        page.active = True
        context = get_context(self.nav, self.loop, config, page)
        template = self.env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config,
                                                 nav=self.nav)
        config.plugins.on_post_page(template.render(context), page=page, config=config)
        page.active = False
        config._current_page = None

    def _item_lang(self, item: Any) -> str | None:
        if isinstance(item, MkPage):
            return self.page_lang.get(item.url)
        if isinstance(item, Section):
            for child in item.children:
                found = self._item_lang(child)
                if found:
                    return found
        return None

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # A copy of the config per language, so that the header, the title bar and the
        # navigation drawer carry the office's name in the page's language.
        assert self.catalog is not None
        office = self.catalog.site.office
        for lang in self.catalog.site.languages:
            local = copy.copy(config)
            local["site_name"] = escape(office.name.get(lang))
            local["site_description"] = escape(office.description.get(lang))
            self.configs[lang] = local
        self.env = env
        self.files = files
        self._join_helpers()
        if self.store is not None:
            self._output_keys(config, files)
            if self.loop:
                self._share(lambda i: self._build_one(i, config))
        return env

    # --- the page cache (pagecache.py) ----------------------------------------------------

    def _open_cache(self, config: MkDocsConfig, files: Files) -> None:
        """This build's store, or none: the preview, a plugin the cache does not know."""
        self.store = None
        self.render_site = None
        for state in (self.render_keys, self.output_keys, self.reused, self.from_cache,
                      self.contexts):
            state.clear()
        self.warned = set()
        self.cached_outputs = set()
        self.loop, self.loop_index, self.shared, self.helped = [], {}, None, {}
        if not self.cache_pages or set(config.plugins) - _CACHE_SAFE_PLUGINS:
            return
        self.store = pagecache.PageStore(self.project.work_dir / "pages")
        handler = self.warnings
        mk_log = logging.getLogger("mkdocs")
        if handler not in mk_log.handlers:
            mk_log.addHandler(handler)

    def _render_key(self, page: MkPage, markdown: str, config: MkDocsConfig,
                    files: Files) -> str:
        """The digest of what a page's rendering depends on."""
        if self.render_site is None:
            # Links resolve against every file's address; the rest are the Markdown's settings.
            addresses = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
            self.render_site = pagecache.digest(
                pagecache.VERSION, pagecache.versions(), provenance.code_digest(),
                config.markdown_extensions, config.mdx_configs, config.use_directory_urls,
                config.validation, config.site_url, sorted(self.block_level),
                log.getEffectiveLevel() > logging.DEBUG, self.config.search,
                pagecache.digest(addresses))
        return pagecache.digest(self.render_site, page.file.src_uri, page.file.dest_uri,
                                page.url, page.meta, markdown)

    @staticmethod
    def _rendering(page: MkPage, html: str) -> dict[str, Any]:
        """What a page's rendering leaves on it, as plain data."""
        links = page.links_to_anchors
        return {
            "html": html,
            "title": page._title_from_render,
            "toc": [_anchor_data(item) for item in page.toc],
            "ids": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {
                f.src_uri: dict(anchors) for f, anchors in links.items()},
        }

    @staticmethod
    def _put_rendering_back(page: MkPage, rendering: dict[str, Any], files: Files) -> str:
        """The page as MkDocs would have rendered it; the rest of its hooks run as usual."""
        page.markdown = rendering["markdown"]
        page._title_from_render = rendering["title"]
        page.toc = TableOfContents([_anchor(item) for item in rendering["toc"]])
        page.present_anchor_ids = set(rendering["ids"])
        links = rendering["links"]
        if links is not None:
            found = {src: files.get_file_from_path(src) for src in links}
            page.links_to_anchors = {f: anchors for src, anchors in links.items()
                                     if (f := found[src]) is not None}
        html: str = rendering["html"]
        return html

    def _output_keys(self, config: MkDocsConfig, files: Files) -> None:
        """Each page's output digest, once every page has its title; the pages whose
        output is kept take the template that renders nothing."""
        assert self.catalog is not None
        skip = {"nav", "plugins", "site_dir", "docs_dir", "config_file_path", "watch",
                "dev_addr", "strict", "theme"}
        settings = {k: v for k, v in config.items() if k not in skip}
        theme = config.theme
        plugins = {name: dict(plugin.config) for name, plugin in config.plugins.items()
                   if name != "phobien"}  # phobien's options shape pages only through them
        site = pagecache.digest(
            self.render_site, settings, plugins, theme.name, dict(theme),
            pagecache.tree_signature(theme.dirs),
            {lang: (c.site_name, c.site_description) for lang, c in self.configs.items()},
            {lang: _nav_data(nav.items, nav.homepage) for lang, nav in self.navs.items()},
            sorted(self.page_lang.items()))
        for file in files.documentation_pages():
            page = file.page
            src = file.src_uri
            if page is None or src not in self.render_keys:
                continue
            key = self.output_keys[src] = pagecache.digest(
                site, self.render_keys[src], src in self.warned, _page_data(page),
                self._page_extras(page, config))
            cached = src not in self.warned and self.store is not None \
                and self.store.has_output(src, key)
            if cached:
                self.cached_outputs.add(src)
            # With helpers, a page may come from the cache once they are done: MkDocs
            # picks the template before phobien is asked, so every page takes the one
            # that renders nothing, and one not in the cache is rendered in on_post_page.
            if cached or parallel.helpers_for(len(self.loop)):
                self.from_cache[src] = page.meta
                page.meta = {**page.meta, "template": CACHED_TEMPLATE}

    def _not_found_context(self, context: TemplateContext, lang: str) -> TemplateContext:
        """The 404 page's context in ``lang``: its words, its menu, its header."""
        assert self.catalog is not None
        languages = self.catalog.site.languages
        default = languages[0]
        extra: dict[str, Any] = context  # type: ignore[assignment]  # our own keys
        extra["phobien_lang"] = lang
        extra["phobien_404"] = pages.not_found(lang, default)
        extra["phobien_search"] = pages.search_page(lang, default)
        extra["phobien_alternates"] = [
            {"name": LANGUAGE_NAMES[other], "link": pages.prefix(other, default) or "./",
             "lang": other}
            for other in languages
        ]
        if lang in self.navs:
            context["nav"] = self.navs[lang]
        if lang in self.configs:
            context["config"] = self.configs[lang]
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == "404.html" and self.catalog is not None:
            return self._not_found_context(context, self.catalog.site.default_language)
        return context

    def _other_not_found_pages(self, config: MkDocsConfig) -> None:
        """/en/404.html beside /404.html: MkDocs renders its error page once, in the
        default language; nginx answers each language's missing addresses with its own."""
        assert self.catalog is not None and self.files is not None
        template = self.env.get_template("404.html")
        # Absolute addresses, as MkDocs gives its own error page: it is served at any depth.
        base_url = urlsplit(config.site_url or "/").path
        for lang in self.catalog.site.languages[1:]:
            context = get_context(self.navs[lang], self.files, config, base_url=base_url)
            context = self._not_found_context(context, lang)
            target = Path(config.site_dir) / lang / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(finished(template.render(context)), encoding="utf-8")

    def on_page_context(
        self, context: TemplateContext, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.catalog is not None
        lang = self.page_lang.get(page.url, self.catalog.site.default_language)
        extra: dict[str, Any] = context  # type: ignore[assignment]  # our own keys
        context["nav"] = self.navs.get(lang, nav)
        context["config"] = self.configs.get(lang, config)
        extra.update(self._page_extras(page, config))
        self.count_at = self.warnings.count
        if page.file.src_uri in self.from_cache:
            self.contexts[page.file.src_uri] = context  # should its entry go missing
        return context

    def _page_extras(self, page: MkPage, config: MkDocsConfig) -> dict[str, Any]:
        """What phobien adds to a page's template context (also a part of its digest)."""
        assert self.catalog is not None
        languages = self.catalog.site.languages
        default = languages[0]
        lang = self.page_lang.get(page.url, default)
        src = page.file.src_uri
        alternates = []
        for other in languages:
            target = pages.counterpart(src, lang, other, default)
            url = pages.url_of(target)
            if url not in self.page_lang:  # no translation: offer that language's home
                url = pages.prefix(other, default)
            alternates.append(
                {"name": LANGUAGE_NAMES[other], "link": url or "./", "lang": other}
            )
        extra: dict[str, Any] = {
            "phobien_lang": lang,
            "phobien_alternates": alternates,
            "phobien_search": pages.search_page(lang, default),  # the header's box
            "phobien_meta": self._sharing(page, lang, config.site_url or ""),
        }
        if self.clock is not None and self.clock.preview:
            extra["phobien_preview"] = i18n.t(
                "preview_banner", lang,
                when=i18n.format_when(self.clock.now.date(), self.clock.now.time(), None, lang,
                                       zone=self.catalog.site.zone))
        return extra

    # --- generated pages: their HTML blocks skip the Markdown round trip ---------------
    # Rather than a Page subclass (MkDocs makes the pages, from the navigation) or a
    # converter of our own, MkDocs renders each generated page's skeleton (its headings,
    # each HTML block a stub) with its own Python-Markdown and extensions: the slugs,
    # permalinks, table of contents, title and link checks are theirs, whatever the office
    # configures, and cost little for a few headings. Only the blocks, most of the page
    # and 70 % of its Markdown time, are set aside and put back.

    @event_priority(-100)  # last: what MkDocs renders is what every plugin made of it
    def on_page_markdown(
        self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str:
        src = page.file.src_uri
        if self.store is not None:
            key = self.render_keys[src] = self._render_key(page, markdown, config, files)
            self._take(src)
            rendering = self.store.rendering(src, key)
            if rendering is not None:
                rendering["markdown"] = markdown
                self.reused[src] = rendering
                # MkDocs makes a Python-Markdown (every extension loaded) for each page it
                # renders, even an empty one: 0.4 ms a page. This page's rendering is
                # put back below; only MkDocs' call is answered here.
                page.render = _rendered_already.__get__(page)  # type: ignore[method-assign]
                return ""
            self.count_at = self.warnings.count
        if not self.block_level or src not in self.fast_pages:
            return markdown
        parts = htmlblocks.split(markdown, self.block_level)
        if parts is None:
            self.markdown_paths["whole"] += 1
            return markdown
        self.splits[src] = (markdown, parts)
        return parts.skeleton

    @event_priority(100)  # first: no plugin sees the skeleton's stubs
    def _put_blocks_back(
        self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str:
        src = page.file.src_uri
        rendering = self.reused.pop(src, None)
        if rendering is not None:
            del page.render  # the class's again
            return self._put_rendering_back(page, rendering, files)
        html = self._fold_search_words(self._spliced(html, page=page, config=config,
                                                     files=files), page)
        if self.store is not None and src in self.render_keys:
            if self.warnings.count != self.count_at:
                self.warned.add(src)
            else:
                self.store.save_rendering(src, self.render_keys[src], self._rendering(page, html))
            self.content.rebuilt.setdefault("markdown", []).append(src)
        return html

    def _spliced(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        taken = self.splits.pop(page.file.src_uri, None)
        if taken is None:
            return html
        original, parts = taken
        page.markdown = original  # for any later reader, as if rendered whole
        spliced = htmlblocks.splice(html, parts)
        if spliced is None:  # a stub not found once: render the page the usual way
            self.markdown_paths["whole"] += 1
            page.render(config, files)
            assert page.content is not None
            return page.content
        self.markdown_paths["blocks"] += 1
        # The ids MkDocs would have found in the blocks, for its anchor-link checks.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | parts.anchor_ids
        return spliced

    def _fold_search_words(self, html: str, page: MkPage) -> str:
        """The words Pagefind indexes hidden at the page's end (search.py): part of the
        page's rendering, so a page from the cache is not folded again."""
        if not self.config.search or self.catalog is None:
            return html
        lang = self.page_lang.get(page.url, self.catalog.site.default_language)
        src = page.file.src_uri.removeprefix(pages.prefix(lang, self.catalog.site.languages[0]))
        with self.content.timed("search"):
            return search.with_folded_words(html, src)

    on_page_content = _put_blocks_back

    @event_priority(100)  # first: every other plugin sees the output as if rendered
    def _output_from_cache(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        src = page.file.src_uri
        key = self.output_keys.get(src)
        if self.store is None or key is None:
            return output
        meta = self.from_cache.pop(src, None)
        if meta is not None:
            page.meta = meta
            self._take(src)
            cached = self.store.output(src, key)
            if cached is not None:
                return cached
            # Not cached (or gone since the build began): the page the usual way.
            template = self.env.get_template(meta.get("template", "main.html"))
            output = template.render(self.contexts.pop(src))
        self.contexts.pop(src, None)
        if self.warnings.count == self.count_at and src not in self.warned:
            self.store.save_output(src, key, output)
        self.content.rebuilt.setdefault("pages", []).append(src)
        return output

    def _finished_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        # The page is written once this returns and nothing reads its Markdown or HTML
        # again: MkDocs would keep both until the build ends, a gigabyte at 32,000 pages.
        # The title is worked out from them on every read, though (the navigation of every
        # later page reads it): kept first, or the menu shows "None" for hand-written pages.
        page.title = page.title
        page.markdown = None
        page.content = None
        return finished(output)

    on_post_page = CombinedEvent(_output_from_cache, _finished_page)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return finished(output_content)  # 404.html is a template, not a page

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.catalog is not None
        self._join_helpers()
        site_dir = Path(config.site_dir)
        self._other_not_found_pages(config)
        # Material's language selector reads each language's own sitemap.xml to find the
        # same page in that language: give every other language one, cut from the main.
        root = site_dir / "sitemap.xml"
        if root.is_file():
            languages = self.catalog.site.languages
            root.write_bytes(pages.sitemap_with_alternates(
                root.read_bytes(), config.site_url or "", languages))
            packed = site_dir / "sitemap.xml.gz"
            if packed.is_file():
                # MkDocs dates its gzip header by the pages; the same date keeps the bytes
                # reproducible.
                mtime = int.from_bytes(packed.read_bytes()[4:8], "little")
                with gzip.GzipFile(packed, "wb", mtime=mtime) as out:
                    out.write(root.read_bytes())
            for lang in self.catalog.site.languages[1:]:
                (site_dir / lang).mkdir(exist_ok=True)
                (site_dir / lang / "sitemap.xml").write_bytes(
                    pages.language_sitemap(root.read_bytes(), config.site_url or "", lang))
        if self.config.search:
            # Pagefind holds its whole index in memory: let it run beside a process that
            # has given back what the pages took.
            memory.release()
            with self.content.timed("search"):
                search.index_site(Path(config.site_dir), self.project.work_dir)
        # What no page loads and that names other hosts goes; Material's bundle loses
        # the addresses it would load from unpkg.com (generator/outputs/pages/policy.py).
        plugins = config.plugins
        policy.prune(site_dir, material_search="material/search" in plugins
                     or "search" in plugins)
        if self.store is not None:
            self.store.prune()
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        log.debug("phobien: generated pages, HTML blocks set aside: %(blocks)d, "
                  "through Python-Markdown whole: %(whole)d", self.markdown_paths)
        timings = self.content.timings
        total = time.perf_counter() - self.started
        # What is left is MkDocs' own work: Markdown to HTML, the theme, copying files.
        timings["mkdocs"] = total - sum(timings.values())
        timings["total"] = total
        work = self.project.work_dir
        work.mkdir(parents=True, exist_ok=True)
        # What this build took and what it made anew rather than from the caches.
        (work / "build.json").write_text(json.dumps({
            "timings": {k: round(v, 3) for k, v in timings.items()},
            "rebuilt": self.content.rebuilt, "helpers": self.helped},
            ensure_ascii=False) + "\n")

    def on_build_error(self, *, error: Exception) -> None:
        if self.shared is not None:
            self.shared.stop()
            self.shared = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # A catalog edit rebuilds the preview like a docs edit does.
        server.watch(str(self.project.catalog_dir))
        return server


def _rendered_already(page: MkPage, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` for a page whose rendering comes from the cache."""
    page.content = ""


class _WarningCount(logging.Handler):
    """Counts MkDocs' warnings: a page that warned while it rendered is not kept."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _anchor_data(item: AnchorLink) -> list[Any]:
    return [item.title, item.id, item.level, [_anchor_data(c) for c in item.children]]


def _anchor(data: list[Any]) -> AnchorLink:
    title, id_, level, children = data
    item = AnchorLink(title, id_, level)
    item.children = [_anchor(c) for c in children]
    return item


def _nav_data(items: list[Any], homepage: MkPage | None = None) -> list[Any]:
    """A navigation as the theme shows it: titles, addresses, order, each page's meta."""
    out: list[Any] = [homepage.url if homepage is not None else None]
    for item in items:
        if isinstance(item, Section):
            out.append(["section", item.title, _nav_data(item.children)])
        elif isinstance(item, MkPage):
            out.append(["page", item.title, item.url, item.meta])
        else:
            out.append(["link", item.title, getattr(item, "url", None)])
    return out


def _page_data(page: MkPage) -> list[Any]:
    """What the theme reads of a page besides its rendering: its place in the navigation."""
    def near(other: Any) -> Any:
        return None if other is None else [other.title, other.url]

    return [page.title, page.url, page.canonical_url, page.abs_url, page.edit_url,
            page.is_homepage, near(page.previous_page), near(page.next_page),
            [a.title for a in page.ancestors], page.meta]


def finished(html: str) -> str:
    """A page as it is written: valid toggles, and the Content-Security-Policy."""
    return policy.with_policy(valid_toggles(html))


def valid_toggles(html: str) -> str:
    """Material's page without the autocomplete="off" of its two menu toggles: HTML allows
    autocomplete only on inputs that take text (the Nu checker: two errors on every page)."""
    for toggle in ("drawer", "search"):
        html = html.replace(f'type="checkbox" id="__{toggle}" autocomplete="off">',
                            f'type="checkbox" id="__{toggle}">')
    return html
