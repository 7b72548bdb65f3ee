"""Benchmark: build one dataset from a source of N rows (default one million).

Reports the build time, the time spent writing each format and the peak memory of the
process, measured in a fresh child process so that nothing else counts. Not a test:
`make bench` runs it.

    python bench/datasets_rows.py [ROWS] [--cube]

``--cube``: a table of 120 months by as many districts as make ROWS (a code, its name, three
numbers, a few ".." cells), which PX, JSON-stat and SDMX-CSV can hold (the default table's
free-text notes make it a list, not a cube); built twice, with and without those three, so
that their extra time and memory show.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
XLSX_CLOSE = "of close: the workbook's end"
PROVINCES = ["Hà Nội", "Lạng Sơn", "Thừa Thiên Huế", "Sóc Trăng", "Hải Dương", "Cà Mau"]


def make_project(folder: Path, rows: int, cube: bool = False) -> None:
    shutil.copytree(ROOT / "tests/fixtures/site_minimal", folder, dirs_exist_ok=True)
    cat = folder / "catalog"
    cpi = cat / "products/cpi.yml"
    cpi.write_text(cpi.read_text(encoding="utf-8")
                   + 'releases:\n  - period: month\n    day: 6\n    time: "09:00"\n',
                   encoding="utf-8")
    (cat / "calendars").mkdir()
    (cat / "calendars/2027.yml").write_text(
        'year: 2027\nstatus: approved\napproval:\n  approver: {vi: "Cục trưởng", en: "Director"}\n'
        '  date: 2026-11-20\n  decision: "1/QĐ"\n', encoding="utf-8")
    (cat / "sources").mkdir()
    rng = random.Random(7)
    if cube:
        _cube_source(cat, rows, rng)
        return
    with (cat / "sources/big.csv").open("w", encoding="utf-8") as f:
        f.write("Kỳ,Mã xã,Tên tỉnh,Chỉ số,Số hộ,Ghi chú,Tỷ lệ,Nhóm\n")
        for i in range(rows):
            month = 1 + i % 12
            year = 2020 + (i // 12) % 6
            f.write(f"{year}-{month:02d},{i % 10000:05d},{PROVINCES[i % 6]},"
                    f"{rng.uniform(90, 110):.2f},{rng.randint(0, 99999)},"
                    f"Ghi chú số {i},{rng.uniform(0, 1):.4f},nhóm {i % 17}\n")
    (cat / "datasets").mkdir()
    columns = [("Kỳ", "ky", "period"), ("Mã xã", "ma", "code"), ("Tên tỉnh", "ten", "string"),
               ("Chỉ số", "chi_so", "number"), ("Số hộ", "so_ho", "integer"),
               ("Ghi chú", "ghi_chu", "string"), ("Tỷ lệ", "ty_le", "number"),
               ("Nhóm", "nhom", "string")]
    _declare(cat, columns)


def _cube_source(cat: Path, rows: int, rng: random.Random) -> None:
    codes = -(-rows // 120)
    with (cat / "sources/big.csv").open("w", encoding="utf-8") as f:
        f.write("Kỳ,Mã xã,Tên xã,Chỉ số,Số hộ,Tỷ lệ\n")
        for i in range(rows):
            period, code = divmod(i, codes)
            year, month = 2016 + period // 12, 1 + period % 12
            share = ".." if i % 97 == 0 else f"{rng.uniform(0, 1):.4f}"
            f.write(f"{year}-{month:02d},{code:05d},Xã {code},{rng.uniform(90, 110):.2f},"
                    f"{rng.randint(0, 99999)},{share}\n")
    (cat / "datasets").mkdir()
    columns = [("Kỳ", "ky", "period"), ("Mã xã", "ma", "code"), ("Tên xã", "ten", "string"),
               ("Chỉ số", "chi_so", "number"), ("Số hộ", "so_ho", "integer"),
               ("Tỷ lệ", "ty_le", "number")]
    _declare(cat, columns)


def _declare(cat: Path, columns: list[tuple[str, str, str]]) -> None:
    lines = ["id: big", "product: cpi", 'title: {vi: "Lớn", en: "Big"}',
             'description: {vi: "Một triệu dòng.", en: "A million rows."}',
             "source: {file: sources/big.csv}", "period: ky", "columns:"]
    lines += [f'  - {{source: "{s}", id: {i}, label: {{vi: "{s}", en: "{i}"}}, type: {t}}}'
              for s, i, t in columns]
    (cat / "datasets/big.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(owner: Any, name: str, seconds: dict[str, float], label: str) -> None:
    """Counts the time spent in ``owner.name`` under ``label``."""
    inner = getattr(owner, name)

    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - start

    setattr(owner, name, wrapper)


def child(project: str) -> None:
    """Runs in a fresh process: build, then report time and peak memory as JSON."""
    sys.path.insert(0, str(ROOT))
    from generator.check import load_catalog
    from generator.outputs.datasets import writers as datasets
    from generator.outputs.datasets.build import build_datasets
    from generator.releases.plan import plan

    # The dataset is built in this process (workers=1), so the writers can be timed.
    split: dict[str, float] = {}
    for name, label in [("_write_csv", "csv"), ("_write_json", "json"), ("_write_xlsx", "xlsx"),
                        ("_write_parquet", "parquet"), ("close", "close (files, hashes)")]:
        timed(datasets.Writers, name, split, label)
    timed(datasets._Cells, "of", split, "columns to numpy")
    from generator.outputs.datasets import build as build_module
    if os.environ.get("PHOBIEN_BENCH_NO_EXCHANGE") == "1":
        setattr(build_module, "write_exchange", lambda *args, **kwargs: [])  # noqa: B010
    timed(build_module, "write_exchange", split, "px, jsonstat, sdmx")
    # Within close: the workbook's end (xlsxwriter, before 2026-12, assembled and compressed
    # the whole file there), counted as XLSX time in the ratios.
    try:
        from generator.outputs.datasets import xlsx
        timed(xlsx.Workbook, "close", split, XLSX_CLOSE)
    except ImportError:
        import xlsxwriter
        timed(xlsxwriter.Workbook, "close", split, XLSX_CLOSE)

    catalog = load_catalog(Path(project) / "catalog").public()
    schedule = plan(catalog, dt.datetime(2027, 12, 31, 12, 0))
    start = time.perf_counter()
    result = build_datasets(catalog, schedule, Path(project) / ".phobien", Path(project),
                            workers=1)
    seconds = time.perf_counter() - start
    assert not result.problems, result.problems
    built = result.latest["big"]
    print(json.dumps({
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rows": built.rows,
        "files": {d.format: d.size for d in built.downloads},
        "split": {k: round(v, 2) for k, v in split.items()},
    }))


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--cube"]
    cube = "--cube" in sys.argv[1:]
    rows = int(args[0]) if args else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        start = time.perf_counter()
        make_project(project, rows, cube)
        source_mb = (project / "catalog/sources/big.csv").stat().st_size / 1e6
        print(f"source: {rows:,} rows, {source_mb:.0f} MB, made in "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        out = subprocess.run([sys.executable, __file__, "--child", str(project)],
                             capture_output=True, text=True, check=True)
        report = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"dataset build (CSV, XLSX, JSON, Parquet): {report['seconds']} s, "
              f"peak RSS {report['peak_rss_mb']} MB, {report['rows']:,} rows written")
        split = report["split"]
        rest = report["seconds"] - sum(v for k, v in split.items() if k != XLSX_CLOSE)
        print("  of which:", ", ".join(f"{k} {v} s" for k, v in split.items()),
              f"- reading, typing, embargo and the rest {rest:.2f} s")
        spreadsheet = split["xlsx"] + split.get(XLSX_CLOSE, 0.0)
        print(f"XLSX writing {spreadsheet:.2f} s: "
              + ", ".join(f"{spreadsheet / split[k]:.2f} × {k.upper()}"
                          for k in ("csv", "json", "parquet") if split.get(k)))
        print("files (bytes):", report["files"])
        if cube:
            shutil.rmtree(project / ".phobien", ignore_errors=True)
            out = subprocess.run([sys.executable, __file__, "--child", str(project)],
                                 capture_output=True, text=True, check=True,
                                 env={**os.environ, "PHOBIEN_BENCH_NO_EXCHANGE": "1"})
            bare = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"without PX, JSON-stat, SDMX-CSV: {bare['seconds']} s, peak RSS "
                  f"{bare['peak_rss_mb']} MB: they add "
                  f"{report['seconds'] - bare['seconds']:.2f} s and "
                  f"{report['peak_rss_mb'] - bare['peak_rss_mb']} MB")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
