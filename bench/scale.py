"""Benchmark: phobien at national scale, beside plain MkDocs and Hugo on the same pages.

    python bench/scale.py [--sizes S P200 M [L]] [--repeat N] [--repeat-for M=1] [--profile M]
    python bench/scale.py --report-only        # rewrite docs/benchmarks.md from the results

For each size (bench/synth.py makes the project), in fresh child processes, the median
of ``--repeat`` runs (default 3) of:

- a full publish (``python -m generator publish``, no dataset cache, no earlier version);
- a publish with nothing changed and no release fallen due;
- a publish after one product's text changed;
- a publish after one dataset's source changed (a row appended to a released period);
- the peak memory of the process tree, the output's size and the size per page;
- writing every feed (``generator.outputs.feeds.write_feeds``, timed in-process);
- plain ``mkdocs build`` of the very Markdown phobien generates, same theme, same kind of
  navigation (sections and listing pages only), without a plugin and with mkdocs-material's
  own search plugin (a plain Material site has it on by default; phobien's search replaces
  it);
- Hugo (Debian's ``hugo``) on the same Markdown, as the floor of static generation.

Every publish of a size runs at one moment fixed when the size starts (a moment in the
past, given as ``SOURCE_DATE_EPOCH``: ``publish`` refuses ``--as-of``, which is for
previews): no release can fall due between two runs. Results are kept in
bench/results/scale.json (one entry per size, replaced when the size is run again) and
the marked part of docs/benchmarks.md is written from that file, with each target judged
met or not (``TARGETS``); the rest of that page is written by hand and kept. Sizes: S (the
bundled example), P200, M, L (opt-in: ``--sizes S P200 M L`` or
``BENCH_SIZES="S P200 M L"``). Not a test: ``make bench`` runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# BENCH_CODE=head measures the last commit's generator (exported to the work folder), not
# the working tree: other work in progress cannot then change the code under a long run.
CODE = os.environ.get("PHOBIEN_BENCH_CODE")
if CODE:
    sys.path.insert(0, CODE)
RESULTS = ROOT / "bench/results/scale.json"
DOC = ROOT / "docs/benchmarks.md"
PYTHON = sys.executable
ZONE = "Asia/Ho_Chi_Minh"


def say(*args: Any) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}]", *args, flush=True)


def child_env(epoch: int | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    env["NO_MKDOCS_2_WARNING"] = "1"
    if CODE:
        env["PYTHONPATH"] = CODE
    return env


def run(argv: list[str], cwd: Path, log: Path | None = None,
        profile: Path | None = None, epoch: int | None = None) -> dict[str, Any]:
    """Run ``argv`` as a fresh child; its wall time, CPU time and memory. ``wait4`` gives
    the largest resident set of any one process of the tree; processes that run side by
    side (dataset workers, verification workers) add up, so the tree's total is sampled
    too, every ``SAMPLE`` seconds, from ``/proc``. With ``profile``, py-spy samples the
    child from outside (attached by pid, without pausing it)."""
    load_before = _loadavg()
    start = time.perf_counter()
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    spy = None
    try:
        proc = subprocess.Popen(argv, cwd=cwd, env=child_env(epoch), stdout=out,
                                stderr=subprocess.STDOUT)
        if profile is not None:
            spy = subprocess.Popen(
                [str(Path(PYTHON).parent / "py-spy"), "record", "--pid", str(proc.pid),
                 "--nonblocking", "--idle", "--rate", "20", "--format", "raw",
                 "--output", str(profile)], stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if spy is not None:
            spy.wait(timeout=120)
    finally:
        if log:
            out.close()  # type: ignore[union-attr]
    seconds = time.perf_counter() - start
    text = log.read_text(errors="replace") if log else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{text[-3000:]}")
    # CPU time too: on a shared machine the wall time also counts the others' work.
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024, "peak_tree_mb": sampler.peak / 1024,
            "load": [load_before, _loadavg()], "output": text}


SAMPLE = 0.25


class TreeMemory(threading.Thread):
    """The largest memory of a process and all its descendants, each process by its
    proportional set size (Linux's Pss: a page shared by n processes counts 1/n in each):
    the page helpers are forked and share most of their memory with the build, which
    summed resident sets would count once per process. Where Pss cannot be read, the
    resident set."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak = 0  # kB
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE):
            self.peak = max(self.peak, self.total())

    def stop(self) -> None:
        self.done.set()
        self.join()

    def total(self) -> int:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
        total, todo = 0, [self.root]
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            total += _memory_kb(pid)
        return total


def _memory_kb(pid: int) -> int:
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            text = Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def peak_mb(got: dict[str, Any]) -> float:
    """The process tree's peak: the sampled total, or the largest single process (runs
    recorded before the sampler existed)."""
    return float(max(got.get("peak_tree_mb", 0), got["peak_rss_mb"]))


def _loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


STAGES = {"1": "check", "2": "build", "3": "verify", "4": "switch"}


def stages(output: str) -> dict[str, float]:
    """The publish's own step times, by number (their names are in the office's language):
    ``[2/4] dựng trang web ...: 79.5 s``."""
    return {STAGES[m[1]]: float(m[2])
            for m in re.finditer(r"\[(\d)/\d\] [^:\n]+: ([\d.]+) s", output)}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- one size --------------------------------------------------------------------------------


STEPS = ("full", "unchanged", "feeds", "mkdocs", "mkdocs-search", "hugo", "edit", "dataset")


class SizeRun:
    def __init__(self, size: str, work: Path, repeat: int, profile: bool,
                 save: Any = None) -> None:
        self.size = size
        self.save = save or (lambda result: None)
        self.work = work / size
        self.project = self.work / "project"
        self.target = self.work / "out" / "public"
        self.repeat = repeat
        self.profile = profile
        self.logs = self.work / "logs"
        self.result: dict[str, Any] = {"size": size, "repeat": repeat}
        # A moment just past: every publish of this size is as of it.
        now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)
        from zoneinfo import ZoneInfo

        self.as_of = now.astimezone(ZoneInfo(ZONE)).replace(second=0, microsecond=0,
                                                              tzinfo=None).isoformat()
        self.result["as_of"] = self.as_of

    def publish_argv(self) -> list[str]:
        return [PYTHON, "-m", "generator", "publish", "--target", str(self.target)]

    def epoch(self) -> int:
        from zoneinfo import ZoneInfo

        moment = dt.datetime.fromisoformat(self.as_of).replace(tzinfo=ZoneInfo(ZONE))
        return int(moment.timestamp())

    def publish(self, label: str, profile: Path | None = None) -> dict[str, Any]:
        report = self.project / ".phobien/build.json"
        report.unlink(missing_ok=True)
        got = run(self.publish_argv(), self.project, self.logs / f"{label}.log", profile,
                  self.epoch())
        got["stages"] = stages(got["output"])
        # The build's own phases (the plugin writes them), when it built at all.
        built = json.loads(report.read_text()) if report.is_file() else {}
        got["phases"] = built.get("timings", {})
        got["rebuilt"] = {k: len(v) for k, v in built.get("rebuilt", {}).items()}
        got["skipped"] = "Nothing changed" in got["output"] or "nothing changed" in \
            got["output"] or "Không có gì thay đổi" in got["output"]
        del got["output"]
        say(f"  {self.size} {label}: {got['seconds']:.1f} s (CPU {got['cpu_seconds']:.1f} s, "
            f"load {got['load'][0]:.1f}), {peak_mb(got):.0f} MB",
            "(skipped)" if got["skipped"] else "")
        return got

    def clean_outputs(self) -> None:
        shutil.rmtree(self.project / ".phobien", ignore_errors=True)
        shutil.rmtree(self.target.parent, ignore_errors=True)
        self.target.parent.mkdir(parents=True)

    def go(self, steps: set[str], previous: dict[str, Any] | None = None) -> dict[str, Any]:
        """Every measurement of the size, or only ``steps`` of them, added to
        ``previous`` (the project is then reused when it exists)."""
        from bench.synth import make_catalog

        if previous and self.project.is_dir() and steps != set(STEPS):
            self.result = {**previous, "repeat": previous.get("repeat", self.repeat)}
            self.as_of = self.result["as_of"]
            self.logs.mkdir(parents=True, exist_ok=True)
        else:
            shutil.rmtree(self.work, ignore_errors=True)
            self.logs.mkdir(parents=True)
            start = time.perf_counter()
            self.result["catalog"] = make_catalog(self.project, self.size, seed=1)
            self.result["synth_seconds"] = time.perf_counter() - start
            say(f"{self.size}: catalog made in {self.result['synth_seconds']:.0f} s:",
                self.result["catalog"])
            self.result["source_mb"] = _du(self.project / "catalog") / 1e6

        if "full" in steps:
            full = []
            for i in range(self.repeat):
                self.clean_outputs()
                prof = self.work / "profile.raw" if self.profile and i == 0 else None
                full.append(self.publish(f"full-{i + 1}", prof))
            self.result["full"] = full
            if self.profile:
                self.result["profile"] = summarise_profile(self.work / "profile.raw")
            self.result["output"] = output_sizes(self.target)
            self.save(self.result)
        if "unchanged" in steps:
            self.result["unchanged"] = [self.publish(f"unchanged-{i + 1}")
                                        for i in range(self.repeat)]
            self.save(self.result)
        if "feeds" in steps:
            self.result["feeds"] = self.child_json("feeds")
            say(f"  {self.size} feeds: {self.result['feeds']['write_feeds_seconds']:.2f} s")
        if steps & {"mkdocs", "mkdocs-search", "hugo"}:
            self.result["pages"] = self.child_json("export")
            self.save(self.result)
        if "mkdocs" in steps:
            self.result["mkdocs"] = self.plain_mkdocs()
            self.save(self.result)
        if "mkdocs-search" in steps:
            self.result["mkdocs_search"] = self.plain_mkdocs(search=True)
            self.save(self.result)
        if "hugo" in steps:
            self.result["hugo"] = self.hugo()
            self.save(self.result)
        if "edit" in steps:
            edits = []
            for i in range(self.repeat):
                edit_product(self.project, i)
                edits.append(self.publish(f"product-edit-{i + 1}"))
            self.result["product_edit"] = edits
            self.save(self.result)
        if "dataset" in steps:
            changes = []
            for i in range(self.repeat):
                self.result["changed_dataset"] = change_dataset(self.project, i)
                changes.append(self.publish(f"dataset-change-{i + 1}"))
            self.result["dataset_change"] = changes
            self.result["output_after"] = output_sizes(self.target)
            self.save(self.result)
        return self.result

    def child_json(self, what: str) -> dict[str, Any]:
        got = run([PYTHON, str(Path(__file__)), f"--child-{what}", str(self.project),
                   self.as_of, str(self.repeat), str(self.work)], ROOT,
                  self.logs / f"{what}.log")
        data: dict[str, Any] = json.loads(got["output"].strip().splitlines()[-1])
        data["child_seconds"] = got["seconds"]
        data["child_peak_rss_mb"] = got["peak_rss_mb"]
        return data

    def plain_mkdocs(self, search: bool = False) -> dict[str, Any]:
        """Plain MkDocs on the exported pages; with ``search``, with mkdocs-material's own
        search plugin (lunr), which a plain Material site runs unless told not to."""
        plain = self.work / "plain"
        config = plain / "mkdocs.yml"
        label = "mkdocs"
        if search:
            import yaml

            label = "mkdocs-search"
            settings = yaml.safe_load(config.read_text(encoding="utf-8"))
            settings["plugins"] = [{"search": {"lang": ["vi", "en"]}}]
            config = plain / "mkdocs-search.yml"
            config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        runs = []
        for i in range(self.repeat):
            shutil.rmtree(plain / "site", ignore_errors=True)
            got = run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config),
                       "-d", str(plain / "site")], plain, self.logs / f"{label}-{i + 1}.log")
            del got["output"]
            say(f"  {self.size} plain {label}: {got['seconds']:.1f} s (CPU "
                f"{got['cpu_seconds']:.1f} s, load {got['load'][0]:.1f}), "
                f"{got['peak_rss_mb']:.0f} MB")
            runs.append(got)
        return {"runs": runs, "output": output_sizes(plain / "site")}

    def hugo(self) -> dict[str, Any]:
        hugo = shutil.which("hugo")
        if hugo is None:
            return {"missing": "hugo is not installed (apt-get install hugo)"}
        site = self.work / "hugo"
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
        runs = []
        for i in range(self.repeat):
            shutil.rmtree(site / "public", ignore_errors=True)
            shutil.rmtree(site / "resources", ignore_errors=True)
            got = run([hugo, "--quiet", "-s", str(site), "-d", str(site / "public")], site,
                      self.logs / f"hugo-{i + 1}.log")
            del got["output"]
            say(f"  {self.size} hugo: {got['seconds']:.1f} s (CPU {got['cpu_seconds']:.1f} s)")
            runs.append(got)
        return {"runs": runs, "version": version.strip(), "output": output_sizes(site / "public")}


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def output_sizes(site: Path) -> dict[str, Any]:
    """Total bytes, HTML pages and bytes per page, by kind of page."""
    site = site.resolve()
    total = 0
    html_bytes = 0
    pages = 0
    kinds: Counter[str] = Counter()
    kind_bytes: Counter[str] = Counter()
    biggest = ("", 0)
    for p in site.rglob("*"):
        if not p.is_file():
            continue
        size = p.stat().st_size
        total += size
        if p.suffix == ".html":
            pages += 1
            html_bytes += size
            rel = p.relative_to(site).as_posix().removeprefix("en/")
            head = rel.split("/")[0] if "/" in rel else "home"
            kind = {"products": "product", "releases": "release", "calendar": "calendar",
                    "datasets": "dataset", "audiences": "listing", "topics": "listing"
                    }.get(head, "other")
            if rel in ("products/index.html", "datasets/index.html"):
                kind = "listing"
            kinds[kind] += 1
            kind_bytes[kind] += size
            if size > biggest[1]:
                biggest = (p.relative_to(site).as_posix(), size)
    product = sorted((p for p in (site / "products").glob("*/index.html")),
                     key=lambda p: p.stat().st_size) if (site / "products").is_dir() else []
    release = sorted((p for p in (site / "releases").rglob("index.html")),
                     key=lambda p: p.stat().st_size) if (site / "releases").is_dir() else []
    return {
        "total_bytes": total, "html_bytes": html_bytes, "html_pages": pages,
        "bytes_per_page": html_bytes / pages if pages else 0,
        "by_kind": {k: {"pages": kinds[k], "bytes": kind_bytes[k]} for k in kinds},
        "median_product_page": product[len(product) // 2].stat().st_size if product else 0,
        "median_release_page": release[len(release) // 2].stat().st_size if release else 0,
        "biggest_page": {"path": biggest[0], "bytes": biggest[1]},
    }


def edit_product(project: Path, i: int) -> None:
    """Append a word to one product's Vietnamese content."""
    path = sorted((project / "catalog/products").glob("*.yml"))[len(
        list((project / "catalog/products").glob("*.yml"))) // 2]
    text = path.read_text(encoding="utf-8")
    match = re.search(r'^content:\n  vi: "(.*)"$', text, re.M) or re.search(
        r'^content:\n  vi: "(.*)"$|^  vi: "(.*)"$', text, re.M)
    assert match is not None, path
    end = match.end(1) if match.group(1) is not None else match.end(2)
    path.write_text(text[:end] + f" Cập nhật {i + 1}." + text[end:], encoding="utf-8")


def change_dataset(project: Path, i: int) -> str:
    """Append one row of an already released period to one dataset's CSV source."""
    for path in sorted((project / "catalog/sources").glob("*.csv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) < 3:
            continue
        first = next(iter(__import__("csv").reader([lines[1]])))
        # The layout this change knows: a code or a number in the second column (not a
        # completeness level, as in the example's retail and IIP tables).
        if len(first) < 4 or not first[1].replace(".", "").isdigit():
            continue
        first[1] = f"9{i:04d}"
        first[3] = f"{100 + i}.5" if first[3] != "x" else "100.5"
        with path.open("a", encoding="utf-8") as f:
            f.write(",".join(f'"{v}"' if "," in v else v for v in first) + "\n")
        return path.name
    raise RuntimeError("no CSV source")


# --- children --------------------------------------------------------------------------------


def _load(project: str, as_of: str) -> tuple[Any, Any, Any, dict[str, float]]:
    from generator import clock as clock_mod
    from generator.check import load_catalog
    from generator.releases.plan import plan

    times = {}
    start = time.perf_counter()
    full = load_catalog(Path(project) / "catalog")
    times["load_catalog_seconds"] = time.perf_counter() - start
    public = full.public()
    clock = clock_mod.resolve(as_of, public.site.zone)
    start = time.perf_counter()
    schedule = plan(public, clock.now)
    times["plan_seconds"] = time.perf_counter() - start
    return public, clock, schedule, times


def child_feeds(project: str, as_of: str, repeat: str) -> None:
    """Every feed written from nothing (no feed cache), against the floor: each event
    serialised once per language and nothing else."""
    from generator.outputs.feeds import FeedWriter, write_feeds

    public, clock, schedule, times = _load(project, as_of)
    url = "https://thongke.example.gov.vn/"
    runs, cpu, once = [], [], []
    files: dict[str, bytes] = {}
    events = 0
    for _ in range(int(repeat)):
        start, start_cpu = time.perf_counter(), time.process_time()
        files = write_feeds(public, schedule, clock, url)
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        start = time.perf_counter()
        events = 0
        for lang in public.site.languages:
            writer = FeedWriter(public, schedule, clock, url, lang)
            for release in schedule.releases:
                if writer.in_window(release):
                    writer.event(release)
                    events += 1
        once.append(time.perf_counter() - start)
    print(json.dumps({
        **times, "write_feeds_runs": runs, "write_feeds_seconds": median(runs),
        "write_feeds_cpu_seconds": median(cpu), "events_once_runs": once,
        "events_once_seconds": median(once), "events": events,
        "feed_files": len(files), "feed_bytes": sum(len(v) for v in files.values()),
        "biggest_feed_bytes": max((len(v) for k, v in files.items() if k.endswith(".ics")),
                                  default=0),
        "releases": len(schedule.releases),
    }))


def _plain(value: Any) -> Any:
    """The navigation with its (escaped) titles as plain strings, for YAML."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def child_export(project: str, as_of: str, repeat: str, work: str) -> None:
    """The Markdown phobien generates, as a plain MkDocs project and a Hugo site."""
    import yaml

    from generator.outputs.datasets.build import build_datasets
    from generator.outputs.pages import render as pages

    public, clock, schedule, times = _load(project, as_of)
    root = Path(project)
    built = build_datasets(public, schedule, root / ".phobien", root, freeze=False)
    homes = {}
    for lang in public.site.languages:
        home = root / "docs" / pages.prefix(lang, public.site.default_language) / "index.md"
        homes[lang] = home.read_text(encoding="utf-8") if home.is_file() else ""
    data = pages.SiteData(public, clock, schedule, "https://thongke.example.gov.vn/", built)
    start = time.perf_counter()
    rendered = pages.render_site(data, homes)
    times["render_site_seconds"] = time.perf_counter() - start
    nav = _plain(pages.navigation(data, {}))

    plain = Path(work) / "plain"
    hugo = Path(work) / "hugo"
    for folder in (plain, hugo):
        shutil.rmtree(folder, ignore_errors=True)
    for page in rendered:
        target = plain / "docs" / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        # Hugo: a folder's index.md is a section's list page, _index.md.
        name = page.src_uri
        if name == "index.md" or name.endswith("/index.md"):
            name = name[: -len("index.md")] + "_index.md"
        target = hugo / "content" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    config = {
        "site_name": public.site.office.name.get("vi"),
        "site_url": "https://thongke.example.gov.vn/",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "vi", "font": False,
                  "palette": {"primary": "indigo", "accent": "indigo"},
                  "features": ["navigation.top", "search.highlight"]},
        "plugins": [],
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
        "extra": {"generator": False},
        "nav": nav,
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "ignore"},
                       "links": {"not_found": "ignore", "absolute_links": "ignore",
                                 "unrecognized_links": "ignore", "anchors": "ignore"}},
    }
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                      encoding="utf-8")
    (hugo / "hugo.toml").write_text(
        'baseURL = "https://thongke.example.gov.vn/"\nlanguageCode = "vi"\n'
        'title = "Cục Thống kê"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
        "[markup.goldmark.renderer]\n  unsafe = true\n", encoding="utf-8")
    layout = hugo / "layouts/_default"
    layout.mkdir(parents=True)
    nav_html = (
        '<nav><a href="{{ "/" | relURL }}">Trang chủ</a> '
        '{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}'
        "</nav>")
    page = ('<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            "<title>{{ .Title }}</title></head><body>" + nav_html +
            "<main>{{ .Content }}</main></body></html>\n")
    for name in ("single.html", "list.html"):
        (layout / name).write_text(page, encoding="utf-8")
    (hugo / "layouts/index.html").write_text(page, encoding="utf-8")
    print(json.dumps({**times, "pages": len(rendered),
                      "markdown_bytes": sum(len(p.markdown.encode()) for p in rendered)}))


# --- the profile ----------------------------------------------------------------------------

PHASES = [
    ("datasets (build_datasets)", "build_datasets"),
    ("dataset catalog / bulk zip", "publish_bulk"),
    ("share cards (PNG)", "_cards"),
    ("page Markdown (render_site, Jinja)", "render_site"),
    ("feeds (write_feeds)", "write_feeds"),
    ("Markdown → HTML (Page.render)", "Page.render"),
    ("search words per page (on_page_content)", "PhobienPlugin.on_page_content"),
    ("theme templates (_build_page)", "_build_page"),
    ("Pagefind (index_site)", "index_site"),
    ("verify the build (verify_site)", "verify_site"),
    ("catalog load (load_catalog)", "load_catalog"),
    ("release planning (plan)", "plan ("),
    ("no-change fingerprint", "fingerprint"),
    ("copy datasets into site (copy_file)", "copy_file"),
]


def summarise_profile(raw: Path) -> dict[str, Any]:
    """Inclusive share of each phase, and the functions with the most samples of their
    own, from py-spy's raw (collapsed) stacks."""
    if not raw.is_file():
        return {"missing": str(raw)}
    total = 0
    phase: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        try:
            count = int(count_text)
        except ValueError:
            continue
        total += count
        frames = stack.split(";")
        for name, needle in PHASES:
            if any(needle in f for f in frames):
                phase[name] += count
        leaf = re.sub(r":\d+\)$", ")", frames[-1]) if frames else "?"
        own[leaf] += count
    return {
        "samples": total,
        "phases": [(n, phase[n] / total) for n, _ in PHASES if phase[n]] if total else [],
        "top_own": [(f, c / total) for f, c in own.most_common(25)] if total else [],
    }


# --- the report -------------------------------------------------------------------------------


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True).stdout.strip()
    if CODE:
        return f"{os.environ.get('PHOBIEN_BENCH_COMMIT', head)} (generator as committed)"
    dirty = subprocess.run(["git", "status", "--porcelain", "generator"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return head + (" with uncommitted changes to generator/" if dirty else "")


def machine() -> dict[str, str]:
    import markdown
    import material
    import mkdocs

    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    hugo = shutil.which("hugo")
    return {
        "cpus": str(os.cpu_count()), "cpu": cpu, "memory": mem,
        "os": platform.platform(), "python": platform.python_version(),
        "mkdocs": mkdocs.__version__, "material": material.__version__ if hasattr(
            material, "__version__") else _dist_version("mkdocs-material"),
        "markdown": markdown.__version__,
        "hugo": subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
        if hugo else "not installed",
    }


def _dist_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def fmt_s(x: float) -> str:
    if x != x:  # nan
        return "–"
    return f"{x:,.2f} s" if x < 10 else f"{x:,.0f} s"


def fmt_mb(x: float) -> str:
    return f"{x / 1e6:,.1f} MB" if x < 1e9 else f"{x / 1e9:,.2f} GB"


def fmt_kb(x: float) -> str:
    return f"{x / 1e3:,.1f} kB"


def runs_median(runs: list[dict[str, Any]], key: str = "seconds") -> float:
    return median([r[key] for r in runs])


# What bench/scale.py writes in docs/benchmarks.md lies between these two lines; the
# rest of the page (the analysis, measurements made by hand) is written by people and kept.
BEGIN = ("<!-- From here to the matching end line, written by bench/scale.py from "
         "bench/results/scale.json: edit outside. -->")
END = "<!-- End of what bench/scale.py writes. -->"
# Sizes in the order of the report: XS, for trying the bench itself, last.
ORDER = ("S", "P200", "M", "L", "XS")


def write_report(results: dict[str, Any], doc: Path = DOC, punctual: Path | None = None) -> None:
    """Write the generated part of ``doc`` from ``results``, keeping the rest of it."""
    block = "\n".join([BEGIN, "", *report_lines(results, punctual or PUNCTUAL), END])
    if not doc.is_file():
        doc.write_text(f"# Benchmarks at national scale\n\n{block}\n\n## Analysis\n\n"
                       "(Written by hand, below the numbers.)\n", encoding="utf-8")
        return
    text = doc.read_text(encoding="utf-8")
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise SystemExit(f"{doc}: the lines that mark what bench/scale.py writes are not "
                         f"there once each, in order:\n  {BEGIN}\n  {END}\nNothing written.")
    head, rest = text.split(BEGIN)
    doc.write_text(head + block + rest.split(END, 1)[1], encoding="utf-8")


def report_lines(results: dict[str, Any], punctual: Path) -> list[str]:
    m = results.get("machine") or machine()
    sizes = [s for s in ORDER if s in results.get("sizes", {})]
    out = [
        "Written by `bench/scale.py` (`make bench`); the numbers below come from its last "
        "run of each size, kept in `bench/results/scale.json`. Analysis at the end.",
        "",
        "## The machine",
        "",
        f"- {m['cpus']} CPUs: {m['cpu']}",
        f"- memory: {m['memory']}; {m['os']}",
        f"- Python {m['python']}, MkDocs {m['mkdocs']}, mkdocs-material {m['material']}, "
        f"Python-Markdown {m['markdown']}",
        f"- Hugo: {m['hugo']}",
        "",
        "## What is measured",
        "",
        "Each figure is the median of the runs given in its table, each run a fresh child "
        "process (`python -m generator publish --target …` from the project folder, at a "
        "fixed moment given as `SOURCE_DATE_EPOCH`). *Full*: no dataset cache (`.phobien/` "
        "removed) and no earlier version. *Nothing changed*: the same publish again. "
        "*Product edit*: one word appended to one product's text. *Dataset change*: one row of "
        "an already released period appended to one dataset's CSV source. Peak memory: the "
        "largest sum over the publish's process tree (dataset and verification workers, "
        "forked page helpers and Pagefind run beside it) of each process's proportional "
        "set size (a page shared by n processes counts 1/n in each), sampled from `/proc` "
        "every 0.25 s, or the largest single process if that is higher. "
        "Output: the published version on disk; size per page = bytes of all HTML / "
        "number of HTML pages. "
        "Feeds: `generator.outputs.feeds.write_feeds` on the planned schedule, in-process, without "
        "the feed cache, against serialising each event once per language. Plain "
        "MkDocs: `mkdocs build` of the Markdown that phobien generates for the same catalog "
        "(`generator.outputs.pages.render.render_site`), mkdocs-material with the same "
        "features, fonts off, the same navigation (sections and listing pages only), no "
        "plugins; and again with mkdocs-material's own search plugin (`lang: [vi, en]`), "
        "which a plain Material site runs by default and whose place phobien's search "
        "takes. Hugo: the same "
        "Markdown under `content/`, a one-template layout rendering `.Content`, "
        "`hugo --quiet`.",
        "",
    ]
    out += targets_section(results, sizes)
    for size in sizes:
        r = results["sizes"][size]
        out += size_table(size, r)
        out += phases_table(size, r)
    out += flat_table(results, sizes)
    profiled = [s for s in sizes if results["sizes"][s].get("profile", {}).get("phases")]
    for size in profiled:
        out += profile_section(size, results["sizes"][size]["profile"])
    out += punctual_section(punctual)
    return out


PUNCTUAL = ROOT / "bench/results/punctual.json"


def punctual_section(punctual: Path = PUNCTUAL) -> list[str]:
    """``publish --at``: built ahead, switched at WHEN (bench/punctual.py's last runs)."""
    if not punctual.is_file():
        return []
    sizes = json.loads(punctual.read_text(encoding="utf-8")).get("sizes", {})
    out = ["## Live on the second: `publish --at`", "",
           "Written from `bench/results/punctual.json` (`bench/punctual.py`, run by "
           "`make bench`). A release is listed at a whole minute far enough ahead; a real "
           "`phobien publish --at WHEN` builds the site as of WHEN, verifies and seals it "
           "outside the web root, waits, and switches the target's link at WHEN. "
           "*Lateness*: the switch's own moment (`switched` in the publish log, taken "
           "right after the `rename`) minus WHEN. Never negative: the switch waits for "
           "WHEN by the wall clock.", "",
           "| size | products | runs | built ahead in | waited | lateness (each run) | "
           "worst |", "|---|---|---|---|---|---|---|"]
    for size in ORDER:
        r = sizes.get(size)
        if not r:
            continue
        runs = r["runs"]
        late = ", ".join(f"{x['lateness_s'] * 1000:.1f} ms" for x in runs)
        out.append(f"| {size} | {r['catalog'].get('products', '?')} | {len(runs)} | "
                   f"{median([x['prebuild_s'] for x in runs]):.0f} s | "
                   f"{median([x['waited_s'] for x in runs]):.0f} s | {late} | "
                   f"**{r['max_lateness_s'] * 1000:.1f} ms** |")
    return [*out, ""]


def baseline(runs: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """Median wall time, CPU time and load of a baseline's runs, and their peak memory."""
    nan = float("nan")
    return (runs_median(runs), median([x.get("cpu_seconds", nan) for x in runs]),
            median([sum(x.get("load", [nan, nan])) / 2 for x in runs]),
            max((peak_mb(x) for x in runs), default=0))


# --- the targets ------------------------------------------------------------------------------

MB_PER_GB = 1024  # memory is counted in MiB (kB / 1024), as every "MB" of the report
PUBLISHES = ("full", "unchanged", "product_edit", "dataset_change")


@dataclass(frozen=True)
class Target:
    figure: str  # a key of figures()
    limit: float
    text: str
    strict: bool = False  # "<" rather than "≤"

    def judge(self, value: float) -> str:
        if value != value:  # nan: not measured
            return "not measured"
        return "met" if (value < self.limit if self.strict else value <= self.limit) \
            else "not met"


# Issue 17's targets, at M on two cores, as ratios within one run of the bench; and L.
TARGETS = {
    "M": [
        Target("edit_mkdocs", 0.5, "publish after one product edit ≤ 0.5 × plain "
               "`mkdocs build` of the same pages"),
        Target("edit_hugo", 2.0, "reach: publish after one product edit ≤ 2 × Hugo's full "
               "build of the same pages"),
        Target("full_mkdocs", 1.5, "full publish ≤ 1.5 × plain `mkdocs build`"),
        Target("peak_gb", 1.0, "peak memory ≤ 1 GB"),
    ],
    "L": [Target("peak_gb", 2.0, "end to end, peak memory < 2 GB", strict=True)],
}


def over(x: float, of: float) -> float:
    return x / of if x == x and of == of and of else float("nan")


def figures(r: dict[str, Any]) -> dict[str, float]:
    """A size's headline figures (medians of wall times, in seconds; the highest peak of
    its publishes, in MB) and the ratios the targets are stated in."""
    nan = float("nan")

    def runs(key: str) -> list[dict[str, Any]]:
        value = r.get(key)
        return value if isinstance(value, list) else []

    peaks = [peak_mb(x) for key in PUBLISHES for x in runs(key)]
    got = {
        "pages": float((r.get("output") or {}).get("html_pages", nan)),
        "full": runs_median(runs("full")),
        "edit": runs_median(runs("product_edit")),
        "unchanged": runs_median(runs("unchanged")),
        "mkdocs": runs_median((r.get("mkdocs") or {}).get("runs", [])),
        "hugo": runs_median((r.get("hugo") or {}).get("runs", [])),
        "peak_mb": max(peaks) if peaks else nan,
    }
    got["edit_mkdocs"] = over(got["edit"], got["mkdocs"])
    got["edit_hugo"] = over(got["edit"], got["hugo"])
    got["full_mkdocs"] = over(got["full"], got["mkdocs"])
    got["peak_gb"] = got["peak_mb"] / MB_PER_GB
    return got


def fmt_ratio(x: float) -> str:
    return "–" if x != x else f"{x:,.2f}" if x < 10 else f"{x:,.0f}"


def fmt_share(x: float) -> str:
    return "–" if x != x else format(x, ".0%") if x >= 0.1 else format(x, ".1%")


def targets_section(results: dict[str, Any], sizes: list[str]) -> list[str]:
    """Every size's headline figures and ratios; each target met or not at its size, and
    where the time of that size's publishes goes."""
    if not sizes:
        return []
    lines = ["## Against the targets", "",
             "Medians of wall times; a ratio compares runs of one size made in the same run "
             "of the bench. Peak memory: the highest of the size's publishes, summed over "
             "the process tree.", "",
             "| size | pages | full publish | after one product edit | nothing changed | "
             "plain `mkdocs build` | Hugo | peak memory | edit / MkDocs | edit / Hugo | "
             "full / MkDocs |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        f = figures(results["sizes"][size])
        pages = "–" if f["pages"] != f["pages"] else f"{f['pages']:,.0f}"
        peak = "–" if f["peak_mb"] != f["peak_mb"] else f"{f['peak_mb']:,.0f} MB"
        lines.append(f"| {size} | {pages} | {fmt_s(f['full'])} | {fmt_s(f['edit'])} | "
                     f"{fmt_s(f['unchanged'])} | {fmt_s(f['mkdocs'])} | {fmt_s(f['hugo'])} | "
                     f"{peak} | {fmt_ratio(f['edit_mkdocs'])} | {fmt_ratio(f['edit_hugo'])} | "
                     f"{fmt_ratio(f['full_mkdocs'])} |")
    lines.append("")
    for size, targets in TARGETS.items():
        r = results["sizes"].get(size)
        lines += [f"### The targets at size {size}", ""]
        if r is None or not r.get("full"):
            lines += [f"Not run: `make bench BENCH_SIZES=\"S P200 M L\"` runs size {size}.",
                      ""]
            continue
        f = figures(r)
        lines += [f"Code {r.get('code', '?')}, as of {r.get('as_of', '?')}; runs per figure: "
                  f"{r.get('repeat', '?')}.", "",
                  "| target | measured | met? |", "|---|---|---|"]
        for target in targets:
            lines.append(f"| {target.text} | {_measured(target, f)} | "
                         f"**{target.judge(f[target.figure])}** |")
        lines += ["", *shares_table(size, r)]
    return lines


def _measured(target: Target, f: dict[str, float]) -> str:
    """The figure a target is judged on, with what it is made of."""
    if target.figure == "peak_gb":
        return (f"**{fmt_ratio(f['peak_gb'])} GB** ({f['peak_mb']:,.0f} MB)"
                if f["peak_mb"] == f["peak_mb"] else "–")
    parts = {"edit_mkdocs": ("edit", "mkdocs"), "edit_hugo": ("edit", "hugo"),
             "full_mkdocs": ("full", "mkdocs")}[target.figure]
    return (f"{fmt_s(f[parts[0]])} / {fmt_s(f[parts[1]])} = "
            f"**{fmt_ratio(f[target.figure])}**")


def shares_table(size: str, r: dict[str, Any]) -> list[str]:
    """Where a publish's time goes: its steps (the times it prints) as shares of the
    publish, and the build's phases (.phobien/build.json) as shares of the build."""
    nan = float("nan")
    kinds = [("full", "full publish"), ("product_edit", "after one product edit")]
    runs = {k: [x for x in r.get(k) or [] if isinstance(x, dict)] for k, _ in kinds}
    if not any(runs.values()):
        return []

    def med(key: str, part: str, name: str) -> float:
        return median([x.get(part, {}).get(name, nan) for x in runs[key]])

    walls = {k: runs_median(runs[k]) for k, _ in kinds}
    lines = [f"Size {size}: where the time goes. Each step of the publish as a share of "
             "the publish (wall time); each phase of the build (the plugin's own timings; "
             "MkDocs' row is what is left of the build) as a share of the build.", "",
             "| part | " + " | ".join(f"{name} | share" for _, name in kinds) + " |",
             "|---|" + "---|---|" * len(kinds)]

    def row(label: str, values: dict[str, tuple[float, float]]) -> str:
        return f"| {label} | " + " | ".join(
            f"{fmt_s(values[k][0])} | {fmt_share(over(*values[k]))}" for k, _ in kinds) + " |"

    for number, stage in STAGES.items():
        lines.append(row(f"step {number}: {stage}",
                         {k: (med(k, "stages", stage), walls[k]) for k, _ in kinds}))
        if stage == "build":
            for phase, name in PHASE_NAMES.items():
                lines.append(row(f"· {name}", {k: (med(k, "phases", phase),
                                                      med(k, "phases", "total"))
                                                  for k, _ in kinds}))
    # Run by run: the medians of the parts need not add up to the median of the whole.
    rest = {k: (median([x["seconds"] - sum(x.get("stages", {}).values()) for x in runs[k]]),
                walls[k]) for k, _ in kinds}
    lines += [row("start-up, fingerprint and the rest", rest),
              row("**the publish**", {k: (walls[k], walls[k]) for k, _ in kinds}), ""]
    return lines


def size_table(size: str, r: dict[str, Any]) -> list[str]:
    nan = float("nan")
    c = r["catalog"]
    rep = r["repeat"]

    def runs(key: str) -> list[dict[str, Any]]:
        value = r.get(key)
        return value if isinstance(value, list) else []

    def peak(key: str) -> str:
        got = [peak_mb(x) for x in runs(key)]
        return f"{max(got):,.0f} MB" if got else "–"

    def share(x: float, of: float, form: str = ".0%") -> str:
        return format(x / of, form) if x == x and of == of and of else "–"

    full = runs_median(runs("full"))
    cpu = {k: median([x.get("cpu_seconds", nan) for x in runs(k)])
           for k in ("full", "unchanged", "product_edit", "dataset_change")}
    load = {k: median([sum(x.get("load", [nan, nan])) / 2 for x in runs(k)])
            for k in ("full", "unchanged", "product_edit", "dataset_change")}
    build = median([x["stages"].get("build", nan) for x in runs("full")])
    verify = median([x["stages"].get("verify", nan) for x in runs("full")])

    def step(key: str, name: str) -> float:
        return median([x["stages"].get(name, nan) for x in runs(key)])

    edit_build, edit_verify = step("product_edit", "build"), step("product_edit", "verify")
    change_build, change_verify = step("dataset_change", "build"), step("dataset_change",
                                                                        "verify")
    unchanged = runs_median(runs("unchanged"))
    edit = runs_median(runs("product_edit"))
    change = runs_median(runs("dataset_change"))
    all_peaks = [peak_mb(x) for k in ("full", "unchanged", "product_edit",
                                            "dataset_change") for x in runs(k)]
    mkd = r.get("mkdocs") or {}
    mk, mk_cpu, mk_load, mk_rss = baseline(mkd.get("runs", []))
    mks = (r.get("mkdocs_search") or {}).get("runs", [])
    mks_s, mks_cpu, mks_load, mks_rss = baseline(mks)
    hg = r.get("hugo") or {}
    hugo, hugo_cpu, _, _ = baseline(hg.get("runs", []))
    feeds = r.get("feeds") or {}
    pages_ = r.get("pages") or {}
    o = r.get("output") or {}
    mo = mkd.get("output") or {}
    ho = hg.get("output") or {}
    skipped = sum(1 for x in runs("unchanged") if x.get("skipped"))
    lines = [
        f"## Size {size}",
        "",
        f"{c['products']:,} products ({c['public_products']:,} public), {c['releases']:,} "
        f"releases in the 2026 and 2027 calendars, {c['datasets']:,} datasets, "
        f"{c['dataset_rows']:,} dataset rows in CSV sources ({fmt_mb(r['source_mb'] * 1e6)} of "
        f"catalog). {o.get('html_pages', 0):,} HTML pages. As of {r['as_of']} (office time). "
        f"Runs per figure: {rep}. Code: {r.get('code', '?')}.",
        "",
        "| measurement | wall time | CPU time | load | peak memory | note |",
        "|---|---|---|---|---|---|",
        f"| full publish | {fmt_s(full)} | {fmt_s(cpu['full'])} | {load['full']:.1f} | "
        f"{peak('full')} | of which build {fmt_s(build)}, verify {fmt_s(verify)} (wall) |",
        f"| publish, nothing changed, nothing due | {fmt_s(unchanged)} | "
        f"{fmt_s(cpu['unchanged'])} | {load['unchanged']:.1f} | {peak('unchanged')} | "
        f"{share(unchanged, full, '.1%')} of full (CPU: "
        f"{share(cpu['unchanged'], cpu['full'], '.1%')}); skipped the build in {skipped} "
        f"of {len(runs('unchanged'))} |",
        f"| publish after one product edit | {fmt_s(edit)} | {fmt_s(cpu['product_edit'])} | "
        f"{load['product_edit']:.1f} | {peak('product_edit')} | {share(edit, full)} of full; "
        f"build {fmt_s(edit_build)}, verify {fmt_s(edit_verify)} (wall) |",
        f"| publish after one dataset source change | {fmt_s(change)} | "
        f"{fmt_s(cpu['dataset_change'])} | {load['dataset_change']:.1f} | "
        f"{peak('dataset_change')} | {share(change, full)} of full; build "
        f"{fmt_s(change_build)}, verify {fmt_s(change_verify)} (wall) |",
        f"| write all feeds (in-process) | {fmt_s(feeds.get('write_feeds_seconds', nan))} | "
        f"{fmt_s(feeds.get('write_feeds_cpu_seconds', nan))} | – | – | "
        f"{feeds.get('feed_files', 0):,} files, {fmt_mb(feeds.get('feed_bytes', 0))} |",
        f"| plain `mkdocs build`, same pages | {fmt_s(mk)} | {fmt_s(mk_cpu)} | {mk_load:.1f} | "
        f"{mk_rss:,.0f} MB | phobien build step / MkDocs (wall): full **{share(build, mk, '.2f')}**"
        f", after a product edit **{share(edit_build, mk, '.2f')}**; "
        f"whole publish / MkDocs: wall {share(full, mk, '.2f')}, CPU "
        f"**{share(cpu['full'], mk_cpu, '.2f')}** |",
        *([f"| plain `mkdocs build` with Material's search plugin, same pages | "
            f"{fmt_s(mks_s)} | {fmt_s(mks_cpu)} | {mks_load:.1f} | {mks_rss:,.0f} MB | "
            f"phobien build step / MkDocs with search (wall): full "
            f"**{share(build, mks_s, '.2f')}**, after a product edit "
            f"**{share(edit_build, mks_s, '.2f')}** |"] if mks else []),
        f"| Hugo, same Markdown | {fmt_s(hugo)} | {fmt_s(hugo_cpu)} | – | – | "
        f"MkDocs / Hugo = {share(mk, hugo, ',.0f')} (CPU {share(mk_cpu, hugo_cpu, ',.0f')}); "
        f"phobien publish / Hugo (CPU) = {share(cpu['full'], hugo_cpu, ',.0f')} |",
        "",
        f"Peak memory over all publishes: {max(all_peaks, default=0):,.0f} MB. Catalog load "
        f"{fmt_s(feeds.get('load_catalog_seconds', nan))}, release planning "
        f"{fmt_s(feeds.get('plan_seconds', nan))}, page Markdown (`render_site`) "
        f"{fmt_s(pages_.get('render_site_seconds', nan))}.",
        "",
    ]
    if not o:
        return lines

    def col(out: dict[str, Any], key: str, form: Any) -> str:
        return form(out[key]) if out.get(key) else "–"

    lines += [
        "| output | phobien | plain MkDocs | Hugo |",
        "|---|---|---|---|",
        f"| total on disk | {col(o, 'total_bytes', fmt_mb)} | {col(mo, 'total_bytes', fmt_mb)} | "
        f"{col(ho, 'total_bytes', fmt_mb)} |",
        f"| HTML pages | {col(o, 'html_pages', '{:,}'.format)} | "
        f"{col(mo, 'html_pages', '{:,}'.format)} | {col(ho, 'html_pages', '{:,}'.format)} |",
        f"| HTML bytes per page | {col(o, 'bytes_per_page', fmt_kb)} | "
        f"{col(mo, 'bytes_per_page', fmt_kb)} | {col(ho, 'bytes_per_page', fmt_kb)} |",
        f"| median product page | {col(o, 'median_product_page', fmt_kb)} | "
        f"{col(mo, 'median_product_page', fmt_kb)} | – |",
        f"| median release page | {col(o, 'median_release_page', fmt_kb)} | "
        f"{col(mo, 'median_release_page', fmt_kb)} | – |",
        f"| biggest page | {o['biggest_page']['path']}: {fmt_mb(o['biggest_page']['bytes'])} | "
        f"– | – |",
        "",
        "| kind of page | pages | HTML | per page |",
        "|---|---|---|---|",
    ]
    for kind, v in sorted(o["by_kind"].items(), key=lambda kv: -kv[1]["bytes"]):
        lines.append(f"| {kind} | {v['pages']:,} | {fmt_mb(v['bytes'])} | "
                     f"{fmt_kb(v['bytes'] / v['pages'])} |")
    lines.append("")
    return lines


PHASE_NAMES = {
    "catalog": "load and check the catalog",
    "releases": "plan the releases",
    "datasets": "dataset files (CSV, XLSX, JSON, Parquet), cached by content",
    "bulk": "the bulk zip of every dataset",
    "cards": "share cards (PNG), cached by content",
    "pages": "page Markdown from the catalog (Jinja)",
    "feeds": "iCalendar and Atom feeds",
    "search": "search: words per page and the Pagefind index",
    "mkdocs": "MkDocs itself: Markdown to HTML, theme, files",
}


def phases_table(size: str, r: dict[str, Any]) -> list[str]:
    """Where a build's time goes, from the plugin's own timings, beside plain MkDocs."""
    nan = float("nan")
    full = [x.get("phases") or {} for x in r.get("full", []) if isinstance(x, dict)]
    edit = [x.get("phases") or {} for x in r.get("product_edit", []) if isinstance(x, dict)]
    full = [p for p in full if p]
    if not full:
        return []
    edit = [p for p in edit if p]
    mk = runs_median((r.get("mkdocs") or {}).get("runs", []))

    def med(runs: list[dict[str, float]], key: str) -> float:
        return median([p.get(key, nan) for p in runs])

    lines = [f"### Size {size}: where a build's time goes", "",
             "The plugin's own timings (wall), median of the runs; the MkDocs row is what is "
             "left of the build. A cached phase costs almost nothing after an edit.", "",
             "| phase | full publish | after one product edit | full, / plain MkDocs |",
             "|---|---|---|---|"]
    def ratio(x: float, of: float = mk) -> str:
        return f"{x / of:.2f}" if of == of and of and x == x else "–"

    for key, name in PHASE_NAMES.items():
        f, e = med(full, key), med(edit, key)
        lines.append(f"| {name} | {fmt_s(f)} | {fmt_s(e) if edit else '–'} | {ratio(f)} |")
    total, etotal = med(full, "total"), med(edit, "total")
    data = med(full, "datasets") + med(full, "bulk")
    edata = med(edit, "datasets") + med(edit, "bulk")
    lines.append(f"| **the build** | **{fmt_s(total)}** | **{fmt_s(etotal)}** | "
                 f"**{ratio(total)}** |")
    lines += ["", f"Build / plain MkDocs of the same pages: full **{ratio(total)}**, after a "
              f"product edit **{ratio(etotal)}**. Without the dataset files and their zip (work "
              f"that plain MkDocs has no counterpart for): full **{ratio(total - data)}**, "
              f"after a product edit **{ratio(etotal - edata)}**."]
    mks = runs_median((r.get("mkdocs_search") or {}).get("runs", []))
    if mks == mks:
        # phobien's search (Pagefind) takes the place of Material's: against a plain site
        # that keeps its theme's default search, the search work is on both sides.
        lines += ["", f"Build / plain MkDocs with mkdocs-material's own search plugin "
                  f"({fmt_s(mks)}): full **{ratio(total, mks)}**, after a product edit "
                  f"**{ratio(etotal, mks)}**; without the dataset files and their zip: full "
                  f"**{ratio(total - data, mks)}**, after a product edit "
                  f"**{ratio(etotal - edata, mks)}**."]
    feeds = r.get("feeds") or {}
    if feeds.get("events_once_seconds"):
        lines += ["", f"Feeds: every feed written from nothing took "
                  f"{fmt_s(feeds['write_feeds_seconds'])}; serialising each of the "
                  f"{feeds['events']:,} events once per language took "
                  f"{fmt_s(feeds['events_once_seconds'])}: all feeds together cost "
                  f"**{feeds['write_feeds_seconds'] / feeds['events_once_seconds']:.2f}** "
                  f"times that (target: at most 1.5). Biggest feed: "
                  f"{fmt_mb(feeds.get('biggest_feed_bytes', 0))}."]
    lines.append("")
    return lines


def flat_table(results: dict[str, Any], sizes: list[str]) -> list[str]:
    lines = ["## Size per page across sizes", "",
             "| size | pages | HTML per page | product page | release page | calendar pages, "
             "per page | output |", "|---|---|---|---|---|---|---|"]
    for size in sizes:
        o = results["sizes"][size].get("output")
        if not o:
            continue
        cal = o["by_kind"].get("calendar", {"bytes": 0, "pages": 1})
        lines.append(f"| {size} | {o['html_pages']:,} | {fmt_kb(o['bytes_per_page'])} | "
                     f"{fmt_kb(o['median_product_page'])} | {fmt_kb(o['median_release_page'])} | "
                     f"{fmt_kb(cal['bytes'] / max(1, cal['pages']))} | "
                     f"{fmt_mb(o['total_bytes'])} |")
    lines.append("")
    return lines


def profile_section(size: str, prof: dict[str, Any]) -> list[str]:
    lines = [f"## Where the time goes (size {size}, one full publish, py-spy)", "",
             f"Sampled at 20 Hz, idle time included, {prof['samples']:,} samples of the "
             "publish process (Pagefind's own binary is not sampled: its time shows as the "
             "wait in `index_site`). Phases overlap where one calls another.", "",
             "| phase | share of the publish's wall time |", "|---|---|"]
    for name, share in prof["phases"]:
        lines.append(f"| {name} | {share:.1%} |")
    lines += ["", "Functions with the most samples of their own:", "",
              "| function | own share |", "|---|---|"]
    for name, share in prof["top_own"][:15]:
        lines.append(f"| `{name}` | {share:.1%} |")
    lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+",
                        default=(os.environ.get("BENCH_SIZES") or "S P200 M").split())
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", 3)))
    parser.add_argument("--repeat-for", nargs="*", default=[],
                        help="per-size repetitions, e.g. M=1")
    # The plugin's own phase timings (.phobien/build.json) say where a build's time goes;
    # py-spy, which slows the run it samples, is for a closer look.
    parser.add_argument("--profile", nargs="*", default=[],
                        help="sizes whose first full publish is profiled (py-spy)")
    parser.add_argument("--work", default=os.environ.get("BENCH_DIR", "/tmp/phobien-bench"))
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS),
                        help="only these measurements, added to the size's last results")
    args = parser.parse_args()
    code = os.environ.get("BENCH_CODE", "worktree")
    if code == "head" and not CODE:
        # Re-run this script with the last commit's generator first on the path.
        snapshot = Path(args.work) / "code"
        shutil.rmtree(snapshot, ignore_errors=True)
        snapshot.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "HEAD", "generator"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive, check=True)
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True).stdout.strip()
        env = dict(os.environ, PHOBIEN_BENCH_CODE=str(snapshot), PHOBIEN_BENCH_COMMIT=head)
        os.execve(PYTHON, [PYTHON, *sys.argv], env)
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    results.setdefault("sizes", {})
    if not args.report_only:
        tools(profiler=bool(args.profile))
        per = dict(x.split("=") for x in args.repeat_for)
        results["machine"] = machine()
        for size in args.sizes:
            profile = size in args.profile and shutil.which("py-spy", path=str(
                Path(PYTHON).parent)) is not None
            say(f"size {size}: starting")
            import generator

            say(f"  generator from {Path(generator.__file__).parent}")

            code_ = commit()

            def save(got: dict[str, Any], size: str = size, code_: str = code_) -> None:
                got["code"] = code_
                results["sizes"][size] = got
                RESULTS.parent.mkdir(parents=True, exist_ok=True)
                RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False,
                                              default=str))
                write_report(results)

            run_ = SizeRun(size, Path(args.work), int(per.get(size, args.repeat)), profile, save)
            save(run_.go(set(args.steps), results["sizes"].get(size)))
            say(f"size {size}: done")
    write_report(results)
    say(f"wrote {DOC.relative_to(ROOT)}")


def tools(profiler: bool) -> None:
    """Hugo from Debian's packages and, for ``--profile``, py-spy from PyPI, when missing."""
    if shutil.which("hugo") is None and os.geteuid() == 0:
        say("installing hugo (apt-get)")
        subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
                       "apt-get install -y -qq hugo", shell=True, check=False,
                       stdout=subprocess.DEVNULL)
    if profiler and not (Path(PYTHON).parent / "py-spy").exists():
        say("installing py-spy (pip)")
        subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "py-spy"], check=False)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("--child-"):
        what = sys.argv[1].removeprefix("--child-")
        if what == "feeds":
            child_feeds(*sys.argv[2:5])
        elif what == "export":
            child_export(*sys.argv[2:6])
    else:
        main()
