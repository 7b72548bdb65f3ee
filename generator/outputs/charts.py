"""Charts drawn at build time as SVG: no script, nothing from another host, and a text
alternative (``<title>`` and ``<desc>``) that says what the chart shows.

An SVG scales its text with its drawing: one drawn 720 units wide and shown on a phone
360 pixels wide prints 11-unit labels at 5.5 pixels. So each chart is drawn twice, for a
narrow and for a wide space, each with labels laid out for its own width (never two on
top of each other), and the stylesheet shows the one that fits its container without
shrinking its 13-unit text below 12 pixels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from generator import i18n
from generator.catalog.model import MAX_DECIMALS, Dataset
from generator.releases.plan import Period, period_short
from generator.words.site import CHART as WORDS

FONT = 13  # the size of every text, in the drawing's units
GAP = 6  # the least room between two x labels
# Colour-blind-safe (Okabe-Ito), each with at least 3:1 contrast on white.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8B6C00", "#56697A"]
# Advance widths of a common sans-serif (Arial, Liberation Sans, Helvetica), in ems; the
# estimate leaves a tenth more for wider faces.
EMS = {**dict.fromkeys("0123456789", 0.556), "-": 0.333, ".": 0.278, ",": 0.278,
       " ": 0.278, ":": 0.278, "(": 0.333, ")": 0.333, "%": 0.889}
SLACK = 1.1


@dataclass(frozen=True)
class Layout:
    """One drawing of a chart: its width in units and the height of its plot."""

    name: str
    width: int
    plot_height: int


# The stylesheet shows the narrow drawing in a container under 600 px (at most 480 px
# wide) and the wide one from 600 px (at most 800 px): neither shrinks below 0.94.
LAYOUTS = (Layout("narrow", 360, 180), Layout("wide", 640, 220))


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of the width ``text`` takes at ``size``, a little on the wide side.

    >>> round(text_width("2026-10"))
    52
    """
    ems = sum(EMS.get(ch, 0.667 if ch.isupper() else 0.556) for ch in text)
    return ems * size * SLACK


def wrap(text: str, room: float) -> list[str]:
    """``text`` in lines that each fit ``room`` (a word longer than that has its own).

    >>> wrap("Nhà ở, điện, nước, chất đốt", 100)
    ['Nhà ở, điện,', 'nước, chất đốt']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    step = 10 ** math.floor(math.log10((high - low) / count))
    for factor in (1, 2, 2.5, 5, 10):
        if (high - low) / (step * factor) <= count:
            step *= factor
            break
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def places(values: Sequence[float]) -> int:
    """The fewest decimals that write each of ``values`` exactly (at most six).

    >>> places([100, 102.5, 105]), places([0.25, 1]), places([])
    (1, 2, 0)
    """
    for count in range(MAX_DECIMALS):
        if all(math.isclose(v * 10**count, round(v * 10**count), abs_tol=1e-6) for v in values):
            return count
    return MAX_DECIMALS


def stride(count: int, step: float, widest: float, per_year: int = 12) -> int:
    """Label every how many points, so that neighbouring labels never touch: a step
    that divides a year (of ``per_year`` points), else whole years.

    >>> stride(60, 5.0, 52.0), stride(60, 10.0, 52.0), stride(20, 15.0, 52.0, 4)
    (12, 6, 4)
    """
    within = [n for n in range(1, per_year) if per_year % n == 0]
    years = [per_year * k for k in (1, 2, 5, 10, 20, 50, 100)]
    candidates = [*within, *years]
    for every in candidates:
        if every * step >= widest + GAP or every >= count:
            return every
    return max(count, 1)


def per_year(x: str) -> int:
    """How many periods like ``x`` a year has: 12 for 2026-10, 4 for 2026-q3.

    >>> per_year("2026-10"), per_year("2026-q3"), per_year("2026"), per_year("ket-qua")
    (12, 4, 1, 1)
    """
    period = Period.parse(x)
    return {"month": 12, "quarter": 4, "half": 2}.get(period.kind, 1) if period else 1


def svg(
    dataset: Dataset,
    rows: Sequence[Sequence[Any]],
    lang: str,
    decimals: Mapping[str, int] | None = None,
) -> str:
    """The dataset's chart over ``rows`` (the last rows of the table, in order): one
    drawing per layout, each numbers with its column's ``decimals``."""
    return "".join(_drawing(dataset, rows, lang, decimals or {}, layout) for layout in LAYOUTS)


def _drawing(
    dataset: Dataset,
    rows: Sequence[Sequence[Any]],
    lang: str,
    decimals: Mapping[str, int],
    layout: Layout,
) -> str:
    chart = dataset.chart
    assert chart is not None
    ids = [c.id for c in dataset.columns]
    labels = {c.id: c.label.get(lang) for c in dataset.columns}
    codes = [str(row[ids.index(chart.x)]) for row in rows]
    # The axis names periods in words (Q3/2026), as the table beside it does.
    xs = ([period_short(x, lang) for x in codes]
          if next(c.type for c in dataset.columns if c.id == chart.x) == "period" else codes)
    series = {y: [_number(row[ids.index(y)]) for row in rows] for y in chart.y}
    known = [v for values in series.values() for v in values if v is not None]
    title = chart.title.get(lang) if chart.title else dataset.title.get(lang)

    def fmt(value: float, column: str) -> str:
        if column not in decimals:
            present = [v for v in series[column] if v is not None]
            return i18n.format_number(value, lang, min(places(present), 2))
        return i18n.format_number(value, lang, decimals[column])

    desc = [
        f"{WORDS[chart.type][lang]}: {title}",
        WORDS["from_to"][lang].format(a=xs[0], b=xs[-1]) if xs else "",
    ]
    for name, values in series.items():
        present = [v for v in values if v is not None]
        if present:
            desc.append(
                WORDS["series"][lang].format(
                    name=labels[name],
                    low=fmt(min(present), name),
                    high=fmt(max(present), name),
                    last=fmt(present[-1], name),
                )
            )
    low = min([0.0, *known]) if chart.type == "bar" else min(known, default=0.0)
    high = max(known, default=1.0)
    ticks = _ticks(low, high)
    tick_places = places(ticks)
    tick_texts = [i18n.format_number(t, lang, tick_places) for t in ticks]
    lo, hi = ticks[0], ticks[-1]

    widest = max((text_width(x) for x in xs), default=0.0)
    last = text_width(xs[-1]) if xs else 0.0
    left = math.ceil(max(max(map(text_width, tick_texts)) + 8, widest / 2 + 2))
    right = math.ceil(max(8, last / 2 + 2))
    top, width = 12, layout.width
    plot_w, plot_h = width - left - right, layout.plot_height
    step = plot_w / max(len(xs), 1)
    every = stride(len(xs), step, widest, per_year(codes[-1]) if codes else 1)
    x_base = top + plot_h + FONT + 10  # below the lowest tick's label

    def y_at(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    def x_at(i: int) -> float:
        return left + (i + 0.5) * step

    # The legend, a row at a time: an entry that would pass the right edge starts a row,
    # and a label longer than a row is written on several lines.
    line_h = FONT + 4
    legend: list[tuple[float, float, list[str]]] = []  # x, y of the row, lines
    at, row_y, row_lines = float(left), float(x_base + 12), 1
    for y in series:
        lines = wrap(labels[y], width - left - 18)
        need = 16 + max(map(text_width, lines))
        if at > left and at + need > width:
            at, row_y, row_lines = float(left), row_y + row_lines * line_h + 4, 1
        legend.append((at, row_y, lines))
        row_lines = max(row_lines, len(lines))
        at += need + 16
    height = math.ceil(row_y + row_lines * line_h + 4)

    uid = f"chart-{dataset.id}-{layout.name}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" '
        f'class="phobien-chart phobien-chart-{layout.name}">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(". ".join(d for d in desc if d))}.</desc>',
        f'<g font-family="sans-serif" font-size="{FONT}" fill="#333">',
    ]
    for tick, text in zip(ticks, tick_texts, strict=True):
        y_tick = y_at(tick)
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y_tick:.1f}" y2="{y_tick:.1f}" '
            'stroke="#ccc" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y_tick + FONT * 0.35:.1f}" text-anchor="end">'
            f"{escape(text)}</text>"
        )
    # Counted from the last point, which is always labelled: the newest period.
    for i, x in enumerate(xs):
        if (len(xs) - 1 - i) % every == 0:
            out.append(
                f'<text x="{x_at(i):.1f}" y="{x_base}" text-anchor="middle">{escape(x)}</text>'
            )
    bar = step * 0.8 / len(series)
    for n, values in enumerate(series.values()):
        colour = COLOURS[n % len(COLOURS)]
        if chart.type == "line":
            points = " ".join(
                f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(values) if v is not None
            )
            out.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
            )
        else:
            for i, v in enumerate(values):
                if v is None:
                    continue
                x0 = x_at(i) - bar * len(series) / 2 + n * bar
                upper, base = sorted((y_at(v), y_at(0.0)))
                out.append(
                    f'<rect x="{x0:.1f}" y="{upper:.1f}" width="{bar:.1f}" '
                    f'height="{max(base - upper, 0.5):.1f}" fill="{colour}"/>'
                )
        x_key, y_key, lines = legend[n]
        out.append(
            f'<rect x="{x_key:.1f}" y="{y_key:.1f}" width="12" height="12" fill="{colour}"/>'
        )
        for k, line in enumerate(lines):
            out.append(
                f'<text x="{x_key + 16:.1f}" y="{y_key + 11 + k * line_h:.1f}">'
                f"{escape(line)}</text>"
            )
    out.append("</g></svg>")
    return "".join(out)


def _number(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None
