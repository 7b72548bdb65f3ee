"""Benchmark: how late ``phobien publish --at`` switches, at each size.

    python bench/punctual.py [--sizes S P200 M] [--repeat N]

For each size (bench/synth.py makes the project), a release of a non-periodic product is
listed at a whole minute far enough ahead for the whole build (``LEAD``), and a real
``phobien publish --at WHEN`` builds the site as of WHEN, waits, and switches. Measured:
the build ahead (until the version waits), and the lateness: the switch's own moment, as
the publish log records it, minus WHEN. The promise is under one second at any size.
Results go to bench/results/punctual.json; bench/scale.py's report reads them into
docs/benchmarks.md. Not a test: ``make bench`` runs it, after bench/scale.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench/results/punctual.json"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# Seconds from the start to WHEN: more than a full publish of the size takes (S 15 s,
# M 13 min on 2 cores, bench/results/scale.json), so that the switch waits for WHEN.
LEAD = {"XS": 120, "S": 60, "P200": 300, "M": 1200, "L": 3600}


def say(*args: Any) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}]", *args, flush=True)


def listed_product(project: Path) -> tuple[str, str]:
    """A public, non-periodic product and one of its completeness levels."""
    for path in sorted((project / "catalog/products").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("periodic") is False and data.get("access") == "public":
            return str(data["id"]), str(data["completeness"][0])
    raise SystemExit(f"{project}: no public non-periodic product to list a release of")


def add_release(project: Path, when: dt.datetime, tag: str) -> str:
    """List a release at ``when`` in the year's calendar; its id."""
    product, completeness = listed_product(project)
    period = f"{when.year}-dung-gio-{tag}"
    entry = (f"  - product: {product}\n    period: \"{period}\"\n"
             f"    completeness: {completeness}\n    date: {when.date().isoformat()}\n"
             f"    time: \"{when:%H:%M}\"\n")
    path = project / f"catalog/calendars/{when.year}.yml"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if re.search(r"^releases: *\[\] *$", text, re.M):
            text = re.sub(r"^releases: *\[\] *$", "releases:", text, flags=re.M)
        if not re.search(r"^releases:", text, re.M):
            text += "releases:\n"
        text = re.sub(r"^releases:\n", "releases:\n" + entry, text, count=1, flags=re.M)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (f"year: {when.year}\nstatus: approved\napproval:\n"
                f"  approver: {{vi: \"Cục trưởng\", en: \"Director\"}}\n"
                f"  date: {when.year - 1}-12-20\n  decision: \"1/QĐ-CTK\"\n"
                f"releases:\n{entry}")
    path.write_text(text, encoding="utf-8")
    return f"{product}/{period}"


def one_run(project: Path, target: Path, size: str, i: int, logs: Path) -> dict[str, Any]:
    start = time.time()
    when = (dt.datetime.now(ZONE) + dt.timedelta(seconds=LEAD[size] + 60)).replace(
        second=0, microsecond=0)
    release = add_release(project, when, f"{i}")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    say(f"{size} run {i}: {release} at {when.isoformat()}")
    log = logs / f"{size}-at-{i}.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "publish", "--lang", "en",
                                 "--target", str(target), "--at", when.isoformat()],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
        ready = None
        while proc.poll() is None:
            if ready is None and "waiting for the moment" in log.read_text(errors="replace"):
                ready = time.time()
            time.sleep(0.2)
    text = log.read_text(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"publish --at failed ({proc.returncode}):\n{text[-3000:]}")
    versions = target.parent / f".{target.name}.versions"
    entry = json.loads((versions / "publish-log.jsonl").read_text().splitlines()[-1])
    switched = dt.datetime.fromisoformat(entry["switched"])
    late = (switched - when).total_seconds()
    got = {"when": when.isoformat(), "switched": entry["switched"], "lateness_s": late,
           "release_lateness_s": entry.get("lateness", {}).get(release),
           "prebuild_s": (ready or time.time()) - start,
           "waited_s": when.timestamp() - (ready or when.timestamp()),
           "ready_before_when": ready is not None and ready < when.timestamp()}
    say(f"  {size} run {i}: built ahead in {got['prebuild_s']:.0f} s, switched "
        f"{late * 1000:.1f} ms after WHEN")
    return got


def run_size(size: str, repeat: int, work: Path) -> dict[str, Any]:
    from bench.synth import make_catalog

    base = work / size
    project, target, logs = base / "project", base / "out/public", base / "logs"
    shutil.rmtree(base, ignore_errors=True)
    logs.mkdir(parents=True)
    target.parent.mkdir(parents=True)
    counts = make_catalog(project, size, seed=1)
    runs = [one_run(project, target, size, i + 1, logs) for i in range(repeat)]
    return {"size": size, "catalog": counts, "runs": runs,
            "max_lateness_s": max(r["lateness_s"] for r in runs),
            "measured": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["S", "M"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", default=os.environ.get("BENCH_DIR", "/tmp/phobien-bench")
                        + "-punctual")
    args = parser.parse_args()
    results: dict[str, Any] = (json.loads(RESULTS.read_text()) if RESULTS.is_file()
                               else {"sizes": {}})
    for size in args.sizes:
        results["sizes"][size] = run_size(size, args.repeat, Path(args.work))
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    # the report: bench/scale.py writes docs/benchmarks.md with this section in it
    subprocess.run([sys.executable, str(ROOT / "bench/scale.py"), "--report-only"],
                   check=True)


if __name__ == "__main__":
    main()
