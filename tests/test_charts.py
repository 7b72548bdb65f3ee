"""Charts: one drawing per layout, labels that never touch, numbers with their decimals."""

from __future__ import annotations

import re
from typing import Any

import pytest

from generator.catalog.model import Dataset
from generator.outputs import charts
from generator.releases.plan import period_short

TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"(?: text-anchor="(\w+)")?>([^<]*)</text>')


def dataset(chart: dict[str, Any], decimals: int | None = None) -> Dataset:
    column: dict[str, Any] = {"source": "Chỉ số", "id": "chi_so", "type": "number",
                              "label": {"vi": "Chỉ số chung", "en": "All items"}}
    if decimals is not None:
        column["decimals"] = decimals
    return Dataset.model_validate({
        "id": "chi-so", "product": "cpi",
        "title": {"vi": "Chỉ số", "en": "Index"},
        "description": {"vi": "Thử.", "en": "Test."},
        "source": {"file": "sources/chi-so.csv"}, "period": "ky",
        "columns": [
            {"source": "Kỳ", "id": "ky", "type": "period", "label": {"vi": "Kỳ", "en": "Period"}},
            column,
        ],
        "chart": chart,
    })


def months(count: int) -> list[list[Any]]:
    # 107, 103.9, 105.83...: uneven decimals, as a source writes them
    values = [107.0, 103.9, 105.83, 104.5]
    return [[f"{2022 + (i // 12)}-{i % 12 + 1:02d}", values[i % 4]] for i in range(count)]


def drawings(svg: str) -> dict[str, str]:
    parts = re.findall(r'<svg .*?</svg>', svg)
    return {re.search(r"phobien-chart-(\w+)", p)[1]: p for p in parts}  # type: ignore[index]


def boxes(drawing: str) -> list[tuple[float, float, float, float, str]]:
    """Each text's estimated box, as the layout reckoned it."""
    out = []
    for x, y, anchor, text in TEXT.findall(drawing):
        left, width = float(x), charts.text_width(text)
        left -= {"middle": width / 2, "end": width}.get(anchor, 0)
        out.append((left, float(y) - charts.FONT, left + width, float(y) + 3, text))
    return out


@pytest.mark.parametrize("count", [1, 5, 13, 24, 60])
@pytest.mark.parametrize("kind", ["line", "bar"])
def test_labels_never_touch_and_the_newest_is_labelled(count: int, kind: str) -> None:
    rows = months(count)
    svg = charts.svg(dataset({"type": kind, "x": "ky", "y": ["chi_so"]}), rows, "vi")
    layouts = drawings(svg)
    assert set(layouts) == {"narrow", "wide"}
    for name, drawing in layouts.items():
        width = float(re.search(r'viewBox="0 0 (\d+)', drawing)[1])  # type: ignore[index]
        found = boxes(drawing)
        # The last period is labelled, in words (01/2022, not the file's 2022-01).
        assert period_short(rows[-1][0], "vi") in [b[4] for b in found], name
        for i, a in enumerate(found):
            assert a[0] >= 0 and a[2] <= width, (name, a)
            for b in found[i + 1:]:
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, (name, a, b)
        assert 'font-size="13"' in drawing


def test_monthly_labels_thin_to_whole_years_on_a_phone() -> None:
    svg = charts.svg(dataset({"type": "line", "x": "ky", "y": ["chi_so"]}), months(60), "vi")
    labels = [t[3] for t in TEXT.findall(drawings(svg)["narrow"]) if "/" in t[3]]
    assert len(labels) >= 3 and labels[-1] == "12/2026"
    assert all(label.startswith("12/") for label in labels), labels
    # Whole years in English too, the newest always.
    svg = charts.svg(dataset({"type": "line", "x": "ky", "y": ["chi_so"]}), months(60), "en")
    labels = [t[3] for t in TEXT.findall(drawings(svg)["narrow"])
              if re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t[3])]
    assert labels[-1] == "Dec 2026" and all(label.startswith("Dec") for label in labels)


def test_numbers_use_the_column_decimals_and_ticks_are_even() -> None:
    chart = dataset({"type": "line", "x": "ky", "y": ["chi_so"]}, decimals=2)
    svg = charts.svg(chart, months(8), "vi", {"chi_so": 2})
    assert "thấp nhất 103,90, cao nhất 107,00, gần nhất 104,50" in svg
    en = charts.svg(chart, months(8), "en", {"chi_so": 1})
    assert "lowest 103.9, highest 107.0, latest 104.5" in en
    ticks = [t[3] for t in TEXT.findall(drawings(svg)["wide"]) if t[2] == "end"]
    assert len({len(t.split(",")[-1]) if "," in t else 0 for t in ticks}) == 1, ticks


def test_the_legend_wraps_inside_a_narrow_drawing() -> None:
    long = {"vi": "Nhà ở, điện, nước, chất đốt và vật liệu xây dựng", "en": "Housing"}
    base = dataset({"type": "line", "x": "ky", "y": ["chi_so"]})
    columns = [*base.columns, base.columns[1].model_copy(update={"id": "nha_o", "label": long}),
               base.columns[1].model_copy(update={"id": "giao_thong"})]
    wide = base.model_copy(update={
        "columns": columns,
        "chart": base.chart.model_copy(update={"y": ["chi_so", "nha_o", "giao_thong"]}),  # type: ignore[union-attr]
    })
    rows = [[*row, row[1], row[1]] for row in months(24)]
    narrow = drawings(charts.svg(wide, rows, "vi"))["narrow"]
    legend = [b for b in boxes(narrow) if not re.match(r"[\d,.-]+$", b[4])]
    assert len({b[1] for b in legend}) >= 2  # more than one row
    assert all(b[2] <= 360 for b in legend)


def test_the_drawing_is_deterministic_and_self_contained() -> None:
    chart = dataset({"type": "bar", "x": "ky", "y": ["chi_so"]})
    first, again = (charts.svg(chart, months(20), "en") for _ in range(2))
    assert first == again
    assert "<script" not in first and "href" not in first
    ids = re.findall(r' id="([^"]+)"', first)
    assert len(ids) == len(set(ids)) == 4  # each drawing's title and desc, none twice
