"""The embeddable chart: ``datasets/<dataset>/embed/``, a page for a newsroom's
``<iframe>`` with the dataset's chart, the figures it draws as a table, the source line
in the office's name, the last release time and a link back to the dataset page.

A file written by the core, not an MkDocs page: a page of the theme loads Material's
script and stylesheet bundles (measured on the example: 114 kB and 138 kB, beside a
41 kB dataset page) and carries the site's menu, none of which a framed chart needs;
this one is 9 to 16 kB of HTML and a 2 kB stylesheet of its own (``embed.css``), two
requests, works with no script at all, and is the same whichever engine builds the
site. It is built from the same public rows as the dataset page (``Built``), so it
shows nothing the dataset page does not; ``verify/embeds.py`` reads it again against
the calendars. Its address is the only one the site's policy lets other sites frame
(``policy.EMBED_HEADER_POLICY``, ``deploy/nginx.conf``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import i18n
from generator.catalog.load import Dataset
from generator.outputs.datasets.built import Built
from generator.outputs.pages import policy
from generator.releases.plan import Release, Schedule

if TYPE_CHECKING:  # the dataset page (render.py) offers the embed code: no import cycle
    from generator.outputs.pages.render import Renderer

STYLESHEET = "assets/phobien-embed.css"
STYLE_SOURCE = Path(__file__).parent / "embed.css"
# The iframe's height in the offered code: the page's text and the wide drawing (at most
# 800 px wide, shown from 600 px) at its own width, with room for the table's summary.
FRAME_WIDTH = 640
TEXT_HEIGHT = 190
WIDE_BOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"[^>]*phobien-chart-wide')


@dataclass(frozen=True)
class EmbedPage:
    """One embed page: its address below the site root and its HTML."""

    address: str  # "en/datasets/cpi-thang/embed/index.html"
    html: str


def folder(dataset_id: str) -> str:
    """The embed page's folder below a language's root.

    >>> folder("cpi-thang")
    'datasets/cpi-thang/embed/'
    """
    return f"datasets/{dataset_id}/embed/"


def has_embed(built: Built) -> bool:
    """Only a dataset with a chart (and rows to draw) has an embed page."""
    return bool(built.chart_svg and built.chart_rows)


def frame_height(built: Built, lang: str) -> int:
    """The height, in pixels, the offered ``<iframe>`` code gives the page: its chart's
    wide drawing shown ``FRAME_WIDTH`` wide, and the text around it."""
    found = WIDE_BOX.search(built.chart_svg.get(lang, ""))
    drawn = round(float(found[2]) * FRAME_WIDTH / float(found[1])) if found else 320
    return TEXT_HEIGHT + drawn


def snippet(address: str, title: str, height: int) -> str:
    """The ``<iframe>`` code a newsroom copies: every attribute escaped, a fixed width
    (the page fits any width it is given) and the height its chart needs.

    >>> code = snippet("https://x.example/a/embed/", 'CPI "2026" & more', 500)
    >>> code[:68]
    '<iframe src="https://x.example/a/embed/" title="CPI &quot;2026&quot;'
    >>> code[68:]
    ' &amp; more" width="640" height="500" loading="lazy"></iframe>'
    """
    return (f'<iframe src="{html.escape(address)}" title="{html.escape(title)}" '
            f'width="{FRAME_WIDTH}" height="{height}" loading="lazy"></iframe>')


def latest_release(schedule: Schedule, dataset: Dataset) -> Release | None:
    """The dataset's product's newest public release: the figures' last release time."""
    public = [r for r in schedule.of_product(dataset.product)
              if r.is_public and r.moment is not None]
    return max(public, key=lambda r: (r.moment, r.id), default=None)


def rows(built: Built) -> list[dict[str, Any]]:
    """The chart's rows, newest first (a reader looks for the latest), each with the codes
    the verification reads: its period and, in a table of several releases a period,
    its completeness level."""
    dataset = built.dataset
    ids = [c.id for c in dataset.columns]
    level = dataset.completeness
    out = []
    marks = built.chart_symbols or [[""] * len(ids)] * len(built.chart_rows)
    for row, symbols in zip(reversed(built.chart_rows), reversed(marks), strict=True):
        out.append({
            "values": row,
            "marks": symbols,
            "period": str(row[ids.index(dataset.period)] or ""),
            "level": str(row[ids.index(level.id)] or "") if level is not None else "",
        })
    return out


def columns(dataset: Dataset) -> list[tuple[int, Any]]:
    """The table's columns, with their place in a row: the chart's x, the completeness
    level where the table has one, then each series the chart draws."""
    chart = dataset.chart
    assert chart is not None
    ids = [c.id for c in dataset.columns]
    wanted = [chart.x]
    if dataset.completeness is not None and dataset.completeness.id != chart.x:
        wanted.append(dataset.completeness.id)
    wanted += [y for y in chart.y if y not in wanted]
    return [(ids.index(name), dataset.columns[ids.index(name)]) for name in wanted]


def embed_pages(renderers: Iterable[Renderer]) -> list[EmbedPage]:
    """Every dataset's embed page in each renderer's language."""
    out = []
    for renderer in renderers:
        data = renderer.data
        now = data.clock.now.astimezone(data.catalog.site.zone)
        # A staff preview says so on every page, this one too: a screenshot of it must
        # not pass for the published chart.
        banner = i18n.t("preview_banner", renderer.lang, when=renderer.moment(now)) \
            if data.clock.preview else ""
        for built in sorted(data.datasets.latest.values(), key=lambda b: b.dataset.id):
            if not has_embed(built):
                continue
            here = renderer.src(folder(built.dataset.id))
            page = renderer.render(
                "embed.html.j2", here.removesuffix("/") + ".md",
                renderer.text(built.dataset.title), b=built,
                latest=latest_release(data.schedule, built.dataset), rows=rows(built),
                columns=columns(built.dataset), stylesheet=STYLESHEET, banner=banner,
            )
            out.append(EmbedPage(here + "index.html", policy.with_policy(page.markdown)))
    return out


def stylesheet() -> str:
    """The embed pages' stylesheet (theirs alone: no page of the theme loads it)."""
    return STYLE_SOURCE.read_text(encoding="utf-8")
