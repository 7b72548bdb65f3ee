"""Pages: the public catalog rendered as Markdown pages, one set per language.

Pure: takes the public view of the catalog and returns page sources; knows nothing of
MkDocs beyond the convention that ``products/cpi.md`` is served at ``products/cpi/``.

Pages are Markdown headings around HTML blocks rendered by Jinja with autoescaping on, so
that every catalog text is escaped by a well-kept library rather than by hand. Headings
go through ``md_heading``, which escapes Markdown's own punctuation as well.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import i18n
from .catalog import Catalog, Product, Text
from .clock import Clock

TEMPLATES = Path(__file__).parent / "templates"

NavItem = dict[str, Any]  # MkDocs ``nav`` entries: {title: src_uri} or {title: [items]}


@dataclass(frozen=True)
class Page:
    """A generated page: where it lives, in which language, and its Markdown."""

    src_uri: str  # "en/products/cpi.md"
    lang: str
    title: str
    markdown: str

    @property
    def url(self) -> str:
        return url_of(self.src_uri)


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown source.

    >>> url_of("products/cpi.md"), url_of("en/index.md"), url_of("index.md")
    ('products/cpi/', 'en/', '')
    """
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def prefix(lang: str, default: str) -> str:
    """Vietnamese (the default language) lives at ``/``, the others below ``/<lang>/``."""
    return "" if lang == default else f"{lang}/"


def counterpart(src_uri: str, lang: str, target: str, default: str) -> str:
    """The same page in another language: ``products/cpi.md`` ↔ ``en/products/cpi.md``."""
    bare = src_uri.removeprefix(prefix(lang, default))
    return prefix(target, default) + bare


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~^=:])")


def md_heading(value: str) -> Markup:
    """Escape a catalog text for a Markdown heading: Markdown punctuation and HTML alike.

    >>> str(md_heading("CPI <b>#1</b>"))
    'CPI \\\\&lt;b\\\\&gt;\\\\#1\\\\&lt;/b\\\\&gt;'
    """
    escaped = _MD_SPECIAL.sub(lambda m: "\\" + html.escape(m.group(1), quote=False), value)
    return Markup(" ".join(escaped.split()))


def paragraphs(value: str) -> Markup:
    """Plain catalog text as HTML paragraphs: blank lines split paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    # Markup.join escapes each plain line exactly once.
    return Markup("").join(
        Markup("<p>") + Markup("<br>").join(part.splitlines()) + Markup("</p>") for part in parts
    )


class Renderer:
    """Renders every page of one language."""

    def __init__(self, catalog: Catalog, clock: Clock, lang: str) -> None:
        self.catalog = catalog
        self.clock = clock
        self.lang = lang
        self.default = catalog.site.default_language
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )
        self.env.filters.update(
            heading=md_heading,
            paragraphs=paragraphs,
            L=self.text,
            price=lambda v: i18n.format_price(v, lang),
            date=lambda v: i18n.format_date(v, lang),
        )

    def text(self, value: Text | None) -> str:
        return value.get(self.lang) if value is not None else ""

    def src(self, path: str) -> str:
        return prefix(self.lang, self.default) + path

    def render(self, template: str, src_uri: str, title: str, **context: Any) -> Page:
        here = url_of(src_uri)

        def href(path: str) -> str:
            """A link from this page to ``path`` (a source path without language prefix)."""
            target = url_of(self.src(path))
            rel = posixpath.relpath(target or ".", here or ".")
            return rel if rel.endswith("/") or rel == "." else rel + "/"

        globals_ = {
            "lang": self.lang,
            "site": self.catalog.site,
            "catalog": self.catalog,
            "t": lambda key, **kw: i18n.t(key, self.lang, **kw),
            "label": lambda kind, value: i18n.value_label(kind, value, self.lang),
            "labels": lambda kind, values: ", ".join(
                i18n.value_label(kind, v, self.lang) for v in values
            ),
            "href": href,
            "title": title,
        }
        markdown = self.env.get_template(template).render(**globals_, **context)
        return Page(src_uri, self.lang, title, markdown)

    # --- the pages ---------------------------------------------------------------------

    def pages(self, home_text: str) -> list[Page]:
        cat = self.catalog
        out = [self.home(home_text), self.product_index()]
        out += [self.product(p) for p in cat.products]
        out.append(
            self.render(
                "audiences.md.j2",
                self.src("audiences/index.md"),
                i18n.t("audiences", self.lang),
                groups=self._audience_counts(),
            )
        )
        out += [self.audience(a.id) for a in cat.audiences]
        out.append(
            self.render(
                "topics.md.j2",
                self.src("topics/index.md"),
                i18n.t("topics", self.lang),
                groups=self._topic_counts(),
            )
        )
        out += [self.topic(t.id) for t in cat.topics]
        return out

    def home(self, home_text: str) -> Page:
        office = self.text(self.catalog.site.office.name)
        return self.render(
            "home.md.j2",
            self.src("index.md"),
            office,
            home_text=Markup(home_text),  # hand-written Markdown from docs/: trusted like docs
            audiences=self._audience_counts(),
            topics=self._topic_counts(),
        )

    def product_index(self) -> Page:
        return self.render(
            "products.md.j2",
            self.src("products/index.md"),
            i18n.t("products", self.lang),
            products=self.catalog.products_sorted(self.lang),
        )

    def product(self, product: Product) -> Page:
        return self.render(
            "product.md.j2",
            self.src(f"products/{product.id}.md"),
            self.text(product.name),
            p=product,
            unit=self.catalog.unit(product.unit),
            audiences=[self.catalog.audience(a) for a in product.audiences],
            topics=[self.catalog.topic(t) for t in product.topics],
        )

    def audience(self, audience_id: str) -> Page:
        audience = self.catalog.audience(audience_id)
        members = [p for p in self.catalog.products_sorted(self.lang) if audience_id in p.audiences]
        return self.render(
            "audience.md.j2",
            self.src(f"audiences/{audience_id}.md"),
            self.text(audience.name),
            audience=audience,
            periodic=[p for p in members if p.periodic],
            non_periodic=[p for p in members if not p.periodic],
        )

    def topic(self, topic_id: str) -> Page:
        topic = self.catalog.topic(topic_id)
        return self.render(
            "topic.md.j2",
            self.src(f"topics/{topic_id}.md"),
            self.text(topic.name),
            topic=topic,
            products=[p for p in self.catalog.products_sorted(self.lang) if topic_id in p.topics],
        )

    def _audience_counts(self) -> list[tuple[Any, int]]:
        return [
            (a, sum(a.id in p.audiences for p in self.catalog.products))
            for a in self.catalog.audiences
        ]

    def _topic_counts(self) -> list[tuple[Any, int]]:
        return [
            (t, sum(t.id in p.topics for p in self.catalog.products)) for t in self.catalog.topics
        ]

    # --- navigation --------------------------------------------------------------------

    def navigation(self, handwritten: Sequence[str]) -> list[NavItem]:
        """Sections and listing pages only: never one entry per product (see "Scale")."""
        t: Callable[[str], str] = lambda key: i18n.t(key, self.lang)  # noqa: E731
        nav: list[NavItem] = [
            {t("home"): self.src("index.md")},
            {t("products"): self.src("products/index.md")},
            {
                t("audiences"): [
                    {self.text(a.name): self.src(f"audiences/{a.id}.md")}
                    for a in self.catalog.audiences
                ]
            },
            {t("topics"): self.src("topics/index.md")},
        ]
        if handwritten:
            nav.append({t("about"): list(handwritten)})
        return nav


def render_site(
    catalog: Catalog,
    clock: Clock,
    home_texts: dict[str, str] | None = None,
) -> list[Page]:
    """Every generated page of the site, in every language. ``catalog`` must be public."""
    pages: list[Page] = []
    for lang in catalog.site.languages:
        text = (home_texts or {}).get(lang) or ""
        pages += Renderer(catalog, clock, lang).pages(text)
    return pages


def navigation(catalog: Catalog, clock: Clock, handwritten: dict[str, list[str]]) -> list[NavItem]:
    """The MkDocs ``nav`` for all languages, default language first."""
    nav: list[NavItem] = []
    for lang in catalog.site.languages:
        nav += Renderer(catalog, clock, lang).navigation(handwritten.get(lang, []))
    return nav


def languages_of(urls: Iterable[str], languages: Sequence[str]) -> dict[str, str]:
    """Which language each URL belongs to, from its prefix."""
    default = languages[0]
    out = {}
    for url in urls:
        lang = next((lg for lg in languages[1:] if url.startswith(f"{lg}/")), default)
        out[url] = lang
    return out
