"""Charts drawn at build time as SVG: no script, nothing from another host, and a text
alternative (``<title>`` and ``<desc>``) that says what the chart shows."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from . import i18n
from .model import Dataset

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 24, 56
# Colour-blind-safe (Okabe-Ito), each with at least 3:1 contrast on white.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8B6C00", "#56697A"]
WORDS = {
    "line": {"vi": "Biểu đồ đường", "en": "Line chart"},
    "bar": {"vi": "Biểu đồ cột", "en": "Bar chart"},
    "from_to": {"vi": "từ {a} đến {b}", "en": "from {a} to {b}"},
    "series": {
        "vi": "{name}: thấp nhất {low}, cao nhất {high}, gần nhất {last}",
        "en": "{name}: lowest {low}, highest {high}, latest {last}",
    },
}


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


def svg(dataset: Dataset, rows: Sequence[Sequence[Any]], lang: str) -> str:
    """The dataset's chart over ``rows`` (the last rows of the table, in order)."""
    chart = dataset.chart
    assert chart is not None
    ids = [c.id for c in dataset.columns]
    labels = {c.id: c.label.get(lang) for c in dataset.columns}
    xs = [str(row[ids.index(chart.x)]) for row in rows]
    series = {y: [_number(row[ids.index(y)]) for row in rows] for y in chart.y}
    known = [v for values in series.values() for v in values if v is not None]
    title = chart.title.get(lang) if chart.title else dataset.title.get(lang)

    def fmt(value: float) -> str:
        return i18n.format_number(round(value, 2), lang)

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
                    low=fmt(min(present)),
                    high=fmt(max(present)),
                    last=fmt(present[-1]),
                )
            )
    low = min([0.0, *known]) if chart.type == "bar" else min(known, default=0.0)
    high = max(known, default=1.0)
    ticks = _ticks(low, high)
    lo, hi = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_at(v: float) -> float:
        return TOP + plot_h - (v - lo) / (hi - lo) * plot_h

    def x_at(i: int) -> float:
        return LEFT + (i + 0.5) * plot_w / max(len(xs), 1)

    uid = f"chart-{dataset.id}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" class="phobien-chart">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(". ".join(d for d in desc if d))}.</desc>',
        '<g font-family="sans-serif" font-size="11" fill="#333">',
    ]
    for tick in ticks:
        at = y_at(tick)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at:.1f}" y2="{at:.1f}" '
            'stroke="#ccc" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{at + 4:.1f}" text-anchor="end">{escape(fmt(tick))}</text>'
        )
    every = max(1, math.ceil(len(xs) / 12))
    for i, x in enumerate(xs):
        if i % every == 0 or i == len(xs) - 1:
            out.append(
                f'<text x="{x_at(i):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(x)}</text>'
            )
    width = plot_w / max(len(xs), 1) * 0.8 / len(series)
    for n, (y, values) in enumerate(series.items()):
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
                x0 = x_at(i) - width * len(series) / 2 + n * width
                top, base = sorted((y_at(v), y_at(0.0)))
                out.append(
                    f'<rect x="{x0:.1f}" y="{top:.1f}" width="{width:.1f}" '
                    f'height="{max(base - top, 0.5):.1f}" fill="{colour}"/>'
                )
        out.append(
            f'<rect x="{LEFT + n * 150}" y="{HEIGHT - 22}" width="12" height="12" fill="{colour}"/>'
        )
        out.append(f'<text x="{LEFT + n * 150 + 16}" y="{HEIGHT - 12}">{escape(labels[y])}</text>')
    out.append("</g></svg>")
    return "".join(out)


def _number(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None
