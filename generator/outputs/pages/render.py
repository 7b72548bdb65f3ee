"""Pages: the public catalog rendered as Markdown pages, one set per language.

Pure: takes the public view of the catalog and returns page sources; knows nothing of
MkDocs beyond the convention that ``products/cpi.md`` is served at ``products/cpi/``.

Pages are Markdown headings around HTML blocks rendered by Jinja with autoescaping on, so
that every catalog text is escaped by a well-kept library rather than by hand. Headings
go through ``md_heading``, which escapes Markdown's own punctuation as well.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import i18n, parallel
from generator.catalog.load import Attachment, Calendar, Catalog, Product, Text
from generator.catalog.model import Column
from generator.clock import Clock
from generator.outputs import citations
from generator.outputs.datasets.build import human_size
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.outputs.datasets.bulk import Bulk
from generator.outputs.pages import embed, headlines
from generator.outputs.pages import week as week_mod
from generator.releases import notes, punctuality
from generator.releases.plan import Release, Schedule, Timing, period_short
from generator.text import sort_key
from generator.words.site import LANGUAGE_IN

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


# The characters Python-Markdown lets a backslash escape; before any other (":" "=" "<")
# a backslash stays in the text and readers see it. HTML's own are entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_heading(value: str) -> Markup:
    """Escape a catalog text for a Markdown heading: Markdown punctuation and HTML alike.

    >>> str(md_heading("CPI <b>#1</b>: a=b"))
    'CPI &lt;b&gt;\\\\#1&lt;/b&gt;: a=b'
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))
    return Markup(" ".join(escaped.split()))


def paragraphs(value: str) -> Markup:
    """Plain catalog text as HTML paragraphs: blank lines split paragraphs."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    # Markup.join escapes each plain line exactly once.
    return Markup("").join(
        Markup("<p>") + Markup("<br>").join(part.splitlines()) + Markup("</p>") for part in parts
    )


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are made from, computed once per build."""

    catalog: Catalog  # the public view
    clock: Clock
    schedule: Schedule
    site_url: str
    datasets: DatasetBuild = field(default_factory=DatasetBuild)
    bulk: Bulk | None = None
    # dataset JSON-LD for a page: (built files, language) → JSON text
    jsonld: Callable[[Built, str], str] | None = None
    # when each release actually became public, from the publish log
    actual: dict[str, dt.datetime] = field(default_factory=dict)


class Renderer:
    """Renders every page of one language."""

    def __init__(self, data: SiteData, lang: str) -> None:
        self.data = data
        self.catalog = data.catalog
        self.clock = data.clock
        self.lang = lang
        self.schedule = data.schedule
        self.datasets = data.datasets
        self.site_url = data.site_url.rstrip("/") + "/"
        self.default = self.catalog.site.default_language
        self.zone = self.catalog.site.zone
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
            lang_attr=self.lang_attr,
            block=self.block,
            price=lambda v: i18n.format_price(v, lang),
            date=lambda v: i18n.format_date(v, lang),
            cap=lambda v: v[:1].upper() + v[1:],
        )

    def text(self, value: Text | None) -> str:
        return value.get(self.lang) if value is not None else ""

    def lang_attr(self, value: Text | None) -> Markup:
        """`` lang="vi"`` for a text shown in another language than the page's (a product
        published in Vietnamese only, on an English page), so that a screen reader or a
        translation tool reads it as what it is; nothing otherwise."""
        if value is None or getattr(value, self.lang, None):
            return Markup("")
        shown = "vi" if value.vi else "en" if value.en else self.lang
        return Markup(f' lang="{shown}"') if shown != self.lang else Markup("")

    def block(self, value: Text | None) -> Markup:
        """A text as paragraphs, inside a ``<div lang="vi">`` when it is in another
        language than the page's."""
        attr = self.lang_attr(value)
        shown = paragraphs(self.text(value))
        return Markup(f"<div{attr}>") + shown + Markup("</div>") if attr else shown

    def published_in(self, product: Product) -> str:
        """"This product is published in Vietnamese": on a page in a language the product
        is not published in; empty otherwise."""
        if self.lang in product.language:
            return ""
        names = [LANGUAGE_IN[self.lang][lg] for lg in product.language if lg in LANGUAGE_IN]
        return i18n.t("published_in", self.lang, languages=", ".join(names))

    def src(self, path: str) -> str:
        return prefix(self.lang, self.default) + path

    def render(self, template: str, src_uri: str, title: str, **context: Any) -> Page:
        here = url_of(src_uri)

        def href(path: str) -> str:
            """A link from this page to ``path`` (a source path without language prefix)."""
            target = url_of(self.src(path))
            rel = posixpath.relpath(target or ".", here or ".")
            return rel if rel.endswith("/") or rel == "." else rel + "/"

        def feed_href(path: str) -> str:
            """A link from this page to a generated file (a feed) of this language."""
            return posixpath.relpath(self.src(path), here or ".")

        def file_href(path: str) -> str:
            """A link from this page to a file shared by every language (a download)."""
            return posixpath.relpath(path, here or ".")

        globals_ = {
            "lang": self.lang,
            "site": self.catalog.site,
            "catalog": self.catalog,
            "t": lambda key, **kw: i18n.t(key, self.lang, **kw),
            "published_in": self.published_in,
            "label": lambda kind, value: i18n.value_label(kind, value, self.lang),
            "labels": lambda kind, values: ", ".join(
                i18n.value_label(kind, v, self.lang) for v in values
            ),
            "href": href,
            "feed_href": feed_href,
            "file_href": file_href,
            "size": lambda n: human_size(n, self.lang),
            "number": lambda n: i18n.format_number(n, self.lang),
            "format_name": lambda f: i18n.value_label("download_format", f, self.lang),
            "cell": self.cell,
            "percent": lambda n, total: i18n.format_percent(n / total, self.lang) if total
            else "-",
            "title": title,
            "when": lambda r, short=False: self.when(r.timing, short),
            "timing": self.when,
            "moment": self.moment,
            "lateness": lambda seconds: i18n.format_lateness(seconds, self.lang),
            "time_of": self.time_of,
            "by_day": self.by_day,
            "day_name": lambda day: i18n.format_day(day, self.lang),
            "status": self.status,
            "unit_name": lambda r: self.text(self.catalog.unit(r.product.unit).name),
            "audience_names": lambda r: ", ".join(
                self.text(self.catalog.audience(a).name) for a in r.product.audiences
            ),
            "release_title": self.release_title,
            "release_of": lambda c: self.schedule.by_id[c.release_id],
            "absolute": lambda path: self.site_url + self.src(path),
            "webcal": lambda path: "webcal://" + (self.site_url + self.src(path)).split("://")[1],
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
        out += self.calendar_pages()
        out += [self.release(r) for r in self.schedule.releases]
        out.append(
            self.render(
                "datasets.md.j2",
                self.src("datasets/index.md"),
                i18n.t("datasets", self.lang),
                built=sorted(
                    self.datasets.latest.values(),
                    key=lambda b: sort_key(self.text(b.dataset.title)),
                ),
                bulk=self.data.bulk,
            )
        )
        out += [self.dataset(b) for b in self.datasets.latest.values()]
        out.append(self.render("search.md.j2", self.src("search.md"), i18n.t("search", self.lang)))
        return out

    def cell(self, column: Column, value: Any, mark: str, decimals: int | None = None) -> str:
        """A value as the page's readers write it: ``76,88`` in Vietnamese; a number with
        its column's ``decimals``, so that a column's numbers line up."""
        if value is None:
            return mark
        if column.type in ("integer", "number"):
            return i18n.format_number(value, self.lang, decimals)
        if column.type == "date":
            return i18n.format_date(value, self.lang)
        if column.type == "period":  # 2026-q3 is the file's code; readers read Q3/2026
            return period_short(str(value), self.lang)
        if column.type == "completeness":  # "preliminary" in the file; "Sơ bộ" on the page
            return i18n.value_label("completeness", str(value), self.lang)
        return str(value)

    def revision_rows(self, built: Built) -> list[dict[str, Any]]:
        """The rows the dataset page shows of its revision table: each with its cells as
        readers write them and the release (a page to link) its figures belong to."""
        by_id = self.schedule.by_id
        columns = built.dataset.columns
        rows = []
        for row, marks in zip(built.revision_rows, built.revision_symbols, strict=True):
            cells = [self.cell(c, v, m, built.decimals.get(c.id))
                     for c, v, m in zip(columns, row, marks, strict=False)]
            rows.append({"cells": cells, "release": by_id.get(row[len(columns)] or "")})
        return rows

    def jsonld(self, built: Built) -> str:
        return self.data.jsonld(built, self.lang) if self.data.jsonld else ""

    def dataset(self, built: Built) -> Page:
        product = self.catalog.product(built.dataset.product)
        vintages = self.datasets.vintages.get(built.dataset.id, [])
        return self.render(
            "dataset.md.j2",
            self.src(f"datasets/{built.dataset.id}.md"),
            self.text(built.dataset.title),
            b=built,
            product=product,
            vintages=vintages,
            latest=vintages[-1].release if vintages else None,
            jsonld=self.jsonld(built),
            revisions=self.revision_rows(built),
            embed_code=self.embed_code(built),
            cite=citations.of_dataset(built, self.datasets, self.catalog, self.site_url,
                                      self.lang),
        )

    def embed_code(self, built: Built) -> str:
        """The ``<iframe>`` code of the dataset's embed page, or nothing (no chart)."""
        if not embed.has_embed(built):
            return ""
        title = i18n.t("embed_frame_title", self.lang, name=self.text(built.dataset.title),
                       office=self.text(self.catalog.site.office.name))
        address = self.site_url + self.src(embed.folder(built.dataset.id))
        return embed.snippet(address, title, embed.frame_height(built, self.lang))

    def home(self, home_text: str) -> Page:
        office = self.text(self.catalog.site.office.name)
        return self.render(
            "home.md.j2",
            self.src("index.md"),
            office,
            home_text=Markup(home_text),  # hand-written Markdown from docs/: trusted like docs
            audiences=self._audience_counts(),
            topics=self._topic_counts(),
            latest=[(r, headlines.of_release(r, self.datasets)[:1]) for r in self.latest()],
            upcoming=self.upcoming(),
        )

    def latest(self) -> list[Release]:
        """The newest releases out, newest first: what a journalist opens the site for."""
        out = [r for r in self.schedule.releases if r.is_public and r.moment is not None]
        out.sort(key=lambda r: (r.moment, r.id), reverse=True)
        return out[:LATEST]

    def upcoming(self) -> list[Release]:
        """The releases due in the seven days after the build moment, soonest first."""
        window = week_mod.next_days(self.schedule.releases, self.clock.now, self.zone)
        return [r for r in window.releases if not r.cancelled]

    def product_index(self) -> Page:
        return self.render(
            "products.md.j2",
            self.src("products/index.md"),
            i18n.t("products", self.lang),
            products=self.catalog.products_sorted(self.lang),
        )

    def product(self, product: Product) -> Page:
        """A product's sheet: its latest and next releases first, then the Decision 34
        fields, its data, and every release (upcoming soonest first, then past newest
        first)."""
        releases = self.schedule.of_product(product.id)
        upcoming = [r for r in releases if r.moment is None or r.moment > self.clock.now]
        past = [r for r in reversed(releases)
                if r.moment is not None and r.moment <= self.clock.now]
        latest = next((r for r in past if r.is_public), None)
        return self.render(
            "product.md.j2",
            self.src(f"products/{product.id}.md"),
            self.text(product.name),
            p=product,
            unit=self.catalog.unit(product.unit),
            contact=self.catalog.media_contact(product),
            audiences=[self.catalog.audience(a) for a in product.audiences],
            topics=[self.catalog.topic(t) for t in product.topics],
            releases=releases,
            upcoming=upcoming,
            past=past,
            latest=latest,
            latest_figures=headlines.of_release(latest, self.datasets) if latest else [],
            coming=next((r for r in upcoming if not r.cancelled), None),
            datasets=[
                self.datasets.latest[d.id]
                for d in self.catalog.datasets_of(product.id)
                if d.id in self.datasets.latest
            ],
            jsonld={
                d.id: self.jsonld(self.datasets.latest[d.id])
                for d in self.catalog.datasets_of(product.id)
                if d.id in self.datasets.latest
            },
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

    # --- the calendar ------------------------------------------------------------------

    def when(self, timing: Timing | None, short: bool = False) -> str:
        """A timing in words, its time with the site's zone (``short``: the offset only,
        for a list's rows)."""
        if timing is None:
            return ""
        return i18n.format_when(timing.date, timing.time, timing.month, self.lang,
                                zone=self.zone, short=short)

    def moment(self, moment: dt.datetime, short: bool = False) -> str:
        """A moment (an adjustment's announcement, a publication) in the site's zone."""
        local = moment.astimezone(self.zone) if moment.tzinfo else moment
        return i18n.format_when(local.date(), local.time(), None, self.lang,
                                zone=self.zone, short=short)

    def time_of(self, release: Release) -> str:
        """The time of day of a release on a list grouped by day: ``09:00 (UTC+7)``."""
        timing = release.timing
        if timing.date is None:
            return i18n.t("date_tba", self.lang)
        if timing.time is None:
            return i18n.t("all_day", self.lang)
        moment = dt.datetime.combine(timing.date, timing.time, tzinfo=self.zone)
        return i18n.format_clock(moment, self.lang, short=True)

    def by_day(self, releases: Sequence[Release]) -> list[tuple[str, list[Release]]]:
        """Consecutive releases of one day (or of one provisional month) under its name:
        ``Thứ Hai, 07/12/2026``."""
        groups: list[tuple[str, list[Release]]] = []
        last: object = None
        for release in releases:
            timing = release.timing
            key = timing.date or timing.month
            if key != last or not groups:
                name = (i18n.format_day(timing.date, self.lang) if timing.date is not None
                        else self.when(timing)[:1].upper() + self.when(timing)[1:])
                groups.append((name, []))
                last = key
            groups[-1][1].append(release)
        return groups

    def status(self, release: Release, short: bool = True) -> str:
        """A release's status, with what the adjustments did: ``Đã xác nhận · Dời từ
        06/01/2027 09:00 (UTC+7)``, ``Đã xác nhận · Bổ sung vào lịch``."""
        text = i18n.value_label("status", release.status, self.lang)
        if release.cancelled:
            return text
        if any(c.kind == "added" for c in release.changes):
            text += " · " + i18n.t("added_mark", self.lang)
        if release.shift:
            before = self.when(release.scheduled, short)
            text += " · " + i18n.t("moved_from", self.lang, before=before)
        return text

    def release_title(self, release: Release) -> str:
        return release.label(self.lang)

    def calendar_pages(self) -> list[Page]:
        cat = self.catalog
        pages = [self.calendar("calendar/index.md", i18n.t("calendar", self.lang), None)]
        for a in cat.audiences:
            pages.append(
                self.calendar(
                    f"calendar/audiences/{a.id}.md",
                    f"{i18n.t('calendar', self.lang)}: {self.text(a.name)}",
                    functools.partial(_has_audience, a.id),
                )
            )
        for tp in cat.topics:
            pages.append(
                self.calendar(
                    f"calendar/topics/{tp.id}.md",
                    f"{i18n.t('calendar', self.lang)}: {self.text(tp.name)}",
                    functools.partial(_has_topic, tp.id),
                )
            )
        pages.append(self.week())
        pages += self.punctuality()
        pages += self.month_pages()
        pages.append(
            self.render(
                "changes.md.j2",
                self.src("calendar/changes.md"),
                i18n.t("changes", self.lang),
                changes=self.schedule.changes,
                corrections=notes.all_corrections(self.catalog, self.schedule),
            )
        )
        feeds = [(i18n.t("feed_all", self.lang), "calendar/all.ics")]
        feeds += [(self.text(a.name), f"calendar/audiences/{a.id}.ics") for a in cat.audiences]
        pages.append(
            self.render(
                "subscribe.md.j2",
                self.src("calendar/subscribe.md"),
                i18n.t("subscribe", self.lang),
                feeds=feeds,
                product_feeds=[(self.text(p.name), f"calendar/products/{p.id}.ics")
                               for p in cat.products_sorted(self.lang)],
                atom="feed.xml",
            )
        )
        return pages

    def punctuality(self) -> list[Page]:
        """The share on time of every year, then every release newest first, ``INLINE``
        to a page: a national office publishes thousands a year."""
        table = punctuality.rows(self.schedule, self.data.actual)
        years: dict[int, list[punctuality.Row]] = {}
        for row in table:
            years.setdefault(row.announced.year, []).append(row)
        shares = [(year, *punctuality.share_on_time(rows))
                  for year, rows in sorted(years.items(), reverse=True)]
        pages = []
        for number, (src, chunk, links) in enumerate(self.parts("calendar/punctuality.md",
                                                                table), start=1):
            by_year: dict[int, list[punctuality.Row]] = {}
            for row in chunk:
                by_year.setdefault(row.announced.year, []).append(row)
            title = i18n.t("punctuality", self.lang)
            pages.append(self.render(
                "punctuality.md.j2", src, self.part_title(title, number),
                shares=shares, years=sorted(by_year.items(), reverse=True), parts=links,
                tolerance=int(punctuality.ON_TIME.total_seconds() // 60),
            ))
        return pages

    def parts(self, base: str, items: Sequence[Any]) -> list[tuple[str, Any, list[Any]]]:
        """``items`` cut into pages of ``INLINE``: (source path, the part's items, links to
        every part as (number, path or None for the part itself)). The first part keeps
        ``base``'s address, so that links to it never break when a second part appears."""
        chunks = [items[i:i + INLINE] for i in range(0, len(items), INLINE)] or [items]
        paths = [base if n == 1 else base.removesuffix(".md") + f"-{n}.md"
                 for n in range(1, len(chunks) + 1)]
        out = []
        for number, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
            links = [(n, None if n == number else other)
                     for n, other in enumerate(paths, start=1)] if len(paths) > 1 else []
            out.append((self.src(path), chunk, links))
        return out

    def part_title(self, title: str, number: int) -> str:
        return f"{title} ({i18n.t('part', self.lang, n=number)})" if number > 1 else title

    def calendar(self, path: str, title: str, keep: Callable[[Release], bool] | None) -> Page:
        """Upcoming releases by month, then the recent past's, newest first. A national
        calendar holds tens of thousands of releases, and readers scan it on a phone: the
        page lists the next ``AHEAD`` months (at most ``INLINE`` releases) and the last
        ``BEHIND`` months in full, and links every month of the calendar to its month
        page, so that its size stays bounded whatever the catalog's."""
        now = self.clock.now
        year_ago = now - dt.timedelta(days=365)
        chosen = [r for r in self.schedule.releases if keep is None or keep(r)]
        upcoming = [r for r in chosen if (r.moment is None or r.moment > now)]
        past = sorted((r for r in chosen if r.moment is not None and year_ago <= r.moment <= now),
                      key=Release.sort_key, reverse=True)
        shown = _whole_months(upcoming, INLINE, AHEAD)
        recent = _whole_months(past, INLINE, BEHIND)
        return self.render(
            "calendar.md.j2",
            self.src(path),
            title,
            scope=keep is not None,
            approvals=[self.approval_line(c) for c in self.catalog.calendars],
            months=[(self.month_title(key), rs) for key, rs in _by_month(shown)],
            later=[self.month_link(key) for key, _ in _by_month(upcoming[len(shown):])],
            past=recent,
            earlier=[self.month_link(key) for key, _ in _by_month(past[len(recent):])],
            month_index=self.month_index(),
        )

    def week(self) -> Page:
        """Today's releases, then those due in the next seven days and the seven after,
        day by day, from the build moment (``week.py``)."""
        now, releases = self.clock.now, self.schedule.releases
        windows = []
        for name, offset in (("next_seven_days", 0), ("seven_days_after", week_mod.DAYS)):
            window = week_mod.next_days(releases, now, self.zone, offset=offset)
            bounds = i18n.t("window_bounds", self.lang,
                            start=self.moment(window.start, short=True),
                            end=self.moment(window.end, short=True))
            windows.append((i18n.t(name, self.lang), bounds, window))
        return self.render(
            "calendar_week.md.j2",
            self.src("calendar/week.md"),
            i18n.t("week", self.lang),
            today=week_mod.released_today(releases, now, self.zone),
            windows=windows,
        )

    def month_title(self, key: tuple[int, int]) -> str:
        return i18n.format_month(key[0], key[1], self.lang).capitalize()

    def month_link(self, key: tuple[int, int]) -> tuple[str, str]:
        return (self.month_title(key), f"calendar/months/{key[0]}-{key[1]:02d}.md")

    def _months(self) -> list[tuple[tuple[int, int], list[Release]]]:
        """The months that have a month page: the past year's and every later one."""
        year_ago = self.clock.now - dt.timedelta(days=365)
        recent = [r for r in self.schedule.releases
                  if r.moment is None or r.moment >= year_ago]
        return _by_month(recent)

    def month_index(self) -> list[tuple[int, list[tuple[str, str]]]]:
        """Every month page, by year: (year, [(month name, path)])."""
        years: dict[int, list[tuple[str, str]]] = {}
        for key, _ in self._months():
            name = i18n.format_month_name(key[0], key[1], self.lang)
            years.setdefault(key[0], []).append((name, self.month_link(key)[1]))
        return sorted(years.items())

    def month_pages(self) -> list[Page]:
        """Every month of the calendar that has releases, each on a page of its own (or
        on several, ``INLINE`` releases to a page, in a national office's busy months),
        linked to the months before and after it."""
        months = self._months()
        pages = []
        for i, (key, releases) in enumerate(months):
            title = f"{i18n.t('calendar', self.lang)}: {self.month_title(key)}"
            before = self.month_link(months[i - 1][0]) if i > 0 else None
            after = self.month_link(months[i + 1][0]) if i + 1 < len(months) else None
            for number, (src, chunk, links) in enumerate(
                self.parts(f"calendar/months/{key[0]}-{key[1]:02d}.md", releases), start=1
            ):
                pages.append(self.render("calendar_month.md.j2", src,
                                         self.part_title(title, number),
                                         releases=chunk, parts=links,
                                         before=before, after=after))
        return pages

    def approval_line(self, cal: Calendar) -> str:
        if cal.approval is not None and cal.status == "approved":
            return i18n.t(
                "approved_by",
                self.lang,
                year=cal.year,
                date=i18n.format_date(cal.approval.date, self.lang),
                decision=cal.approval.decision,
                who=self.text(cal.approval.approver),
            )
        day = cal.approval.date if cal.approval else cal.prepared
        return i18n.t(
            "draft_calendar",
            self.lang,
            year=cal.year,
            date=i18n.format_date(day, self.lang) if day else "",
        )

    def release(self, release: Release) -> Page:
        note = self.catalog.note(release.id)
        before, after = notes.neighbours(self.schedule, release)
        return self.render(
            "release.md.j2",
            self.src(f"releases/{release.id}.md"),
            self.release_title(release),
            r=release,
            figures=headlines.of_release(release, self.datasets),
            # A release's data are shown from its time only: vintages exist only then.
            vintages=self.datasets.of_release(release.id) if release.is_public else [],
            jsonld={v.dataset.id: self.jsonld(v) for v in self.datasets.of_release(release.id)}
            if release.is_public
            else {},
            # What staff added to the release: notes.py gives none of it before its time.
            note=notes.main_points(note, release),
            notices=notes.corrections(note, release),
            documents=[self.document(release, d) for d in notes.documents(note, release)],
            contact=self.catalog.media_contact(release.product),
            before=before,
            after=after,
            cite=citations.of_release(release, self.catalog, self.site_url, self.lang),
        )

    def document(self, release: Release, attached: Attachment) -> dict[str, Any]:
        """A document as its release page lists it: title, address, kind and size."""
        path = self.catalog.root / attached.file
        return {
            "title": attached.title,
            "address": notes.document_address(release.id, attached),
            "kind": path.suffix.removeprefix(".").upper(),
            "size": path.stat().st_size,
        }

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
            {t("search"): self.src("search.md")},
            {t("products"): self.src("products/index.md")},
            {
                t("audiences"): [
                    # The theme writes navigation titles as they are: escaped here.
                    {escape(self.text(a.name)): self.src(f"audiences/{a.id}.md")}
                    for a in self.catalog.audiences
                ]
            },
            {t("topics"): self.src("topics/index.md")},
            {t("datasets"): self.src("datasets/index.md")},
            {
                t("calendar"): [
                    {t("calendar"): self.src("calendar/index.md")},
                    {t("week"): self.src("calendar/week.md")},
                    {t("changes"): self.src("calendar/changes.md")},
                    {t("subscribe"): self.src("calendar/subscribe.md")},
                {t("punctuality"): self.src("calendar/punctuality.md")},
                ]
            },
        ]
        if handwritten:
            nav.append({t("about"): list(handwritten)})
        return nav


LATEST = 6  # releases the home page leads with
INLINE = 300  # releases listed in full on a calendar page; the rest on month pages
AHEAD = 3  # months of upcoming releases listed on a calendar page
BEHIND = 2  # months of past releases listed on a calendar page


def _by_month(releases: Sequence[Release]) -> list[tuple[tuple[int, int], list[Release]]]:
    months: dict[tuple[int, int], list[Release]] = {}
    for release in releases:
        day = release.timing.sort_key()[0]
        months.setdefault((day.year, day.month), []).append(release)
    return list(months.items())


def _whole_months(releases: Sequence[Release], limit: int, months: int) -> list[Release]:
    """The first releases up to ``limit`` and at most ``months`` months, cut at a month's
    end (at least one month)."""
    shown: list[Release] = []
    for number, (_key, month) in enumerate(_by_month(releases)):
        if shown and (len(shown) + len(month) > limit or number >= months):
            break
        shown += month
    return shown


def _has_audience(audience_id: str, release: Release) -> bool:
    return audience_id in release.product.audiences


def _has_topic(topic_id: str, release: Release) -> bool:
    return topic_id in release.product.topics


def render_site(data: SiteData, home_texts: dict[str, str] | None = None) -> list[Page]:
    """Every generated page of the site, in every language. ``data.catalog`` is public."""
    def language(lang: str) -> list[Page]:
        return Renderer(data, lang).pages((home_texts or {}).get(lang) or "")

    # Each language's pages are written by a process of their own (forked: the catalog and
    # the built datasets as they are), in the order of the languages.
    return [page for pages in parallel.fork_map(language, data.catalog.site.languages)
            for page in pages]


def navigation(data: SiteData, handwritten: dict[str, list[str]]) -> list[NavItem]:
    """The MkDocs ``nav`` for all languages, default language first."""
    nav: list[NavItem] = []
    for lang in data.catalog.site.languages:
        nav += Renderer(data, lang).navigation(handwritten.get(lang, []))
    return nav


def search_page(lang: str, default: str) -> str:
    """The address of ``lang``'s search page, below the site root: the header's search box
    and the missing page's send their query there.

    >>> search_page("vi", "vi"), search_page("en", "vi")
    ('search/', 'en/search/')
    """
    return prefix(lang, default) + "search/"


def not_found(lang: str, default: str) -> dict[str, Any]:
    """The words and the ways on of the page for an address that does not exist.

    >>> not_found("en", "vi")["links"][0]
    ('Home', 'en/')
    """
    here = prefix(lang, default)
    return {
        "title": i18n.t("not_found", lang),
        "text": i18n.t("not_found_text", lang),
        "search_label": i18n.t("search", lang),
        "search": search_page(lang, default),
        "links": [(i18n.t(key, lang), here + path) for key, path in (
            ("home", ""), ("products", "products/"), ("calendar", "calendar/"),
            ("datasets", "datasets/"))],
    }


def languages_of(urls: Iterable[str], languages: Sequence[str]) -> dict[str, str]:
    """Which language each URL belongs to, from its prefix."""
    default = languages[0]
    out = {}
    for url in urls:
        lang = next((lg for lg in languages[1:] if url.startswith(f"{lg}/")), default)
        out[url] = lang
    return out


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_with_alternates(sitemap: bytes, site_url: str, languages: Sequence[str]) -> bytes:
    """``sitemap`` with, under each page, the same page in every language that has it
    (``<xhtml:link rel="alternate" hreflang>``, the form search engines read).

    The alternates live here, not in each page's head: Material's script fetches a
    ``sitemap.xml`` beside every ``<link rel="alternate">`` of a page, and for a page's
    counterpart no such file exists (two failed requests on every page).

    >>> out = sitemap_with_alternates(
    ...     b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    ...     b'<url><loc>https://x.vn/a/</loc></url><url><loc>https://x.vn/en/a/</loc></url>'
    ...     b'<url><loc>https://x.vn/b/</loc></url></urlset>', "https://x.vn/", ["vi", "en"])
    >>> out.count(b'hreflang="en" href="https://x.vn/en/a/"'), out.count(b"hreflang")
    (2, 4)
    """
    import xml.etree.ElementTree as ET

    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.fromstring(sitemap)
    base = site_url.rstrip("/") + "/"
    default = languages[0]
    entries = [(url, (url.findtext(f"{{{SITEMAP_NS}}}loc") or "")) for url in root]
    known = {loc for _, loc in entries}
    for url, loc in entries:
        if not loc.startswith(base):
            continue
        src = loc.removeprefix(base)
        lang = languages_of([src], languages)[src]
        bare = src.removeprefix(prefix(lang, default))
        found = [(other, base + prefix(other, default) + bare) for other in languages]
        found = [(other, href) for other, href in found if href in known]
        if len(found) < 2:
            continue
        for other, href in found:
            ET.SubElement(url, f"{{{XHTML_NS}}}link",
                          {"rel": "alternate", "hreflang": other, "href": href})
    ET.indent(root, space="    ")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def language_sitemap(sitemap: bytes, site_url: str, lang: str) -> bytes:
    """The entries of ``sitemap`` below ``/<lang>/``: one language's own sitemap."""
    import xml.etree.ElementTree as ET

    ns = SITEMAP_NS
    ET.register_namespace("", ns)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.fromstring(sitemap)
    prefix = site_url.rstrip("/") + f"/{lang}/"
    for url in list(root):
        loc = url.find(f"{{{ns}}}loc")
        if loc is None or not (loc.text or "").startswith(prefix):
            root.remove(url)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
