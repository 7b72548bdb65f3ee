"""The benchmark report (bench/scale.py's ``write_report``) from a results file: each
target judged on the right figure, and only the marked part of docs/benchmarks.md
rewritten. Made-up results: this tests the report, not the speed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import scale

MACHINE = {"cpus": "2", "cpu": "test CPU", "memory": "1 GiB", "os": "Linux", "python": "3.11",
           "mkdocs": "1.6.1", "material": "9.8", "markdown": "3.11", "hugo": "hugo v0"}


def publish(seconds: float, peak_mb: float = 500.0) -> dict[str, Any]:
    build = seconds * 0.8
    return {"seconds": seconds, "cpu_seconds": seconds, "peak_rss_mb": peak_mb / 2,
            "peak_tree_mb": peak_mb, "load": [1.0, 1.0],
            "stages": {"check": 1.0, "build": build, "verify": seconds * 0.1, "switch": 0.0},
            "phases": {"datasets": build * 0.25, "search": build * 0.25,
                       "mkdocs": build * 0.5, "total": build},
            "rebuilt": {}, "skipped": False}


def plain(seconds: float) -> dict[str, Any]:
    return {"seconds": seconds, "cpu_seconds": seconds, "peak_rss_mb": 100.0,
            "load": [1.0, 1.0]}


def size(full: list[float], edit: list[float], mkdocs: float, hugo: float,
         peak_mb: float) -> dict[str, Any]:
    output = {"total_bytes": 10**6, "html_bytes": 10**5, "html_pages": 1000,
              "bytes_per_page": 100.0, "by_kind": {"release": {"pages": 1000, "bytes": 10**5}},
              "median_product_page": 100, "median_release_page": 100,
              "biggest_page": {"path": "index.html", "bytes": 200}}
    return {
        "repeat": len(full), "as_of": "2026-12-01T09:00:00", "code": "abc1234",
        "catalog": {"products": 10, "public_products": 9, "releases": 100, "datasets": 1,
                    "dataset_rows": 10},
        "source_mb": 1.0, "output": output,
        "full": [publish(s, peak_mb) for s in full],
        "product_edit": [publish(s) for s in edit],
        "unchanged": [publish(1.0)],
        "dataset_change": [publish(s) for s in edit],
        "mkdocs": {"runs": [plain(mkdocs)], "output": output},
        "hugo": {"runs": [plain(hugo)], "output": output},
    }


RESULTS = {"machine": MACHINE, "sizes": {
    # M: full publish exactly 1.5 × MkDocs (met: "≤"), an edit 0.4 × (met) but 4 × Hugo
    # (not met), 1,100 MB at the peak (not met: over 1,024).
    "M": size(full=[140, 150, 170], edit=[30, 40, 45], mkdocs=100, hugo=10, peak_mb=1100),
    "S": size(full=[10], edit=[5], mkdocs=4, hugo=0.5, peak_mb=300),
    "P200": size(full=[60], edit=[30], mkdocs=20, hugo=2, peak_mb=800),
    # L: 2,048 MB at the peak, exactly 2 GB: not met ("< 2 GB").
    "L": size(full=[3000], edit=[900], mkdocs=800, hugo=50, peak_mb=2048),
}}

HAND = ("# Benchmarks at national scale\n\nA paragraph written by hand.\n\n"
        f"{scale.BEGIN}\n\nold numbers\n{scale.END}\n\n## Analysis\n\nKept, word for word.\n")


def report(tmp_path: Path, results: dict[str, Any] = RESULTS) -> str:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(HAND, encoding="utf-8")
    scale.write_report(results, doc, tmp_path / "no-punctual.json")
    return doc.read_text(encoding="utf-8")


def rows(text: str, heading: str) -> list[str]:
    """The table rows of the section under ``heading``."""
    part = text.split(heading, 1)[1].split("\n#", 1)[0]
    return [line for line in part.splitlines() if line.startswith("| ") and "---" not in line]


def test_each_target_is_judged_on_its_figure(tmp_path: Path) -> None:
    text = report(tmp_path)
    m = rows(text, "### The targets at size M")
    assert m[1:5] == [
        "| publish after one product edit ≤ 0.5 × plain `mkdocs build` of the same pages | "
        "40 s / 100 s = **0.40** | **met** |",
        "| reach: publish after one product edit ≤ 2 × Hugo's full build of the same pages | "
        "40 s / 10 s = **4.00** | **not met** |",
        "| full publish ≤ 1.5 × plain `mkdocs build` | 150 s / 100 s = **1.50** | **met** |",
        "| peak memory ≤ 1 GB | **1.07 GB** (1,100 MB) | **not met** |",
    ]
    assert rows(text, "### The targets at size L")[1] == (
        "| end to end, peak memory < 2 GB | **2.00 GB** (2,048 MB) | **not met** |")


def test_every_size_has_its_figures_and_ratios_in_order(tmp_path: Path) -> None:
    summary = rows(report(tmp_path), "## Against the targets")
    assert [r.split(" | ")[0] for r in summary[1:]] == ["| S", "| P200", "| M", "| L"]
    assert summary[3] == ("| M | 1,000 | 150 s | 40 s | 1.00 s | 100 s | 10 s | 1,100 MB | "
                          "0.40 | 4.00 | 1.50 |")


def test_the_phase_shares_of_the_builds_and_publishes(tmp_path: Path) -> None:
    shares = rows(report(tmp_path), "Size M: where the time goes")
    assert shares[0].startswith("| part | full publish | share | after one product edit |")
    by_part = {r.split(" | ")[0].removeprefix("| "): r for r in shares[1:]}
    assert by_part["step 2: build"] == "| step 2: build | 120 s | 80% | 32 s | 80% |"
    assert by_part["· MkDocs itself: Markdown to HTML, theme, files"].endswith(
        "| 60 s | 50% | 16 s | 50% |")
    assert by_part["· dataset files (CSV, XLSX, JSON, Parquet), cached by content"].endswith(
        "| 30 s | 25% | 8.00 s | 25% |")
    assert by_part["**the publish**"] == "| **the publish** | 150 s | 100% | 40 s | 100% |"


def test_only_the_marked_part_is_rewritten(tmp_path: Path) -> None:
    text = report(tmp_path)
    head, rest = text.split(scale.BEGIN)
    assert head == "# Benchmarks at national scale\n\nA paragraph written by hand.\n\n"
    assert rest.split(scale.END)[1] == "\n\n## Analysis\n\nKept, word for word.\n"
    assert "old numbers" not in text and "## Size P200" in text
    # Written again from the same results: the same page.
    doc = tmp_path / "benchmarks.md"
    scale.write_report(RESULTS, doc, tmp_path / "no-punctual.json")
    assert doc.read_text(encoding="utf-8") == text


def test_a_size_not_run_is_said_so(tmp_path: Path) -> None:
    results = {"machine": MACHINE, "sizes": {k: v for k, v in RESULTS["sizes"].items()
                                             if k != "L"}}
    text = report(tmp_path, results)
    assert "### The targets at size L\n\nNot run: `make bench BENCH_SIZES=\"S P200 M L\"`" \
        in text


def test_a_page_without_its_marks_is_left_alone(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nAll by hand.\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="Nothing written"):
        scale.write_report(RESULTS, doc, tmp_path / "no-punctual.json")
    assert doc.read_text(encoding="utf-8") == "# Benchmarks\n\nAll by hand.\n"
