"""The work folder's dataset cache and vintage store: files written once under a content
key, each with a manifest of what pages show of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.catalog.load import Catalog, Dataset, inside
from generator.catalog.model import Column, Source
from generator.outputs import charts
from generator.outputs.datasets.built import Built, DatasetBuild, Download
from generator.outputs.datasets.glance import Glance, json_value
from generator.outputs.datasets.reader import Reader, SourceError
from generator.outputs.datasets.revisions import revision_dataset
from generator.outputs.datasets.writers import FORMULA_START
from generator.releases.plan import Release

FORMAT_VERSION = "7"  # bump when the writers change, so that caches are rebuilt
# Bump when what pages show of a table changes (the preview, decimals, the chart): a
# vintage's manifest of another version gets them again from the vintage's own CSV.
DISPLAY_VERSION = 3


def cache_key(catalog: Catalog, dataset: Dataset, extra: Any) -> str:
    source = inside(catalog.root, dataset.source.file)
    digest = hashlib.sha256()
    digest.update(FORMAT_VERSION.encode())
    digest.update(dataset.model_dump_json().encode())
    digest.update(json.dumps(extra, sort_keys=True, default=str).encode())
    if source is not None and source.is_file():
        with source.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:32]


def vintages(
    dataset: Dataset,
    latest: Built,
    releases: Sequence[Release],
    work_dir: Path,
    result: DatasetBuild,
    freeze: bool,
    languages: Sequence[str],
) -> list[Built]:
    """Each release's own copy of the files, frozen when the release is the newest.

    The latest files are exactly what the newest public release published, so its vintage
    is a copy of them, taken by the first build after its time and never touched again.
    A release that was never the newest at a build (none ran between two releases) gets
    no vintage: we do not invent the past from today's source. Publishing at every
    release time (``phobien next``) gives every release its vintage.
    """
    public = [r for r in releases if r.is_public and r.moment is not None]
    newest = max((r.moment for r in public if r.moment is not None), default=None)
    out = []
    for release in public:
        key = release.id.removeprefix(dataset.product + "/")
        directory = work_dir / "vintages" / dataset.id / key
        built = cached(dataset, directory, key, release, languages)
        # A preview (a moment still to come) freezes nothing: the figures may yet change.
        if built is None and release.moment == newest and freeze:
            staging = directory.with_name(directory.name + ".partial")
            if staging.exists():
                shutil.rmtree(staging)
            shutil.copytree(latest.directory, staging)
            staging.rename(directory)
            built = cached(dataset, directory, key, release, languages)
            result.rebuilt.append(f"{dataset.id}@{key}")
        if built is not None:
            out.append(built)
    return out


MANIFEST = "phobien-build.json"


def cached(
    dataset: Dataset,
    directory: Path,
    key: str,
    release: Release | None,
    languages: Sequence[str],
) -> Built | None:
    manifest = directory / MANIFEST
    if not manifest.is_file():
        return None
    data = json.loads(manifest.read_text(encoding="utf-8"))
    built = Built(
        dataset,
        key,
        release,
        directory,
        rows=data["rows"],
        downloads=[Download(**d) for d in data["downloads"]],
        preview=_revived(data["preview"], dataset.columns),
        preview_symbols=data["preview_symbols"],
        decimals=data.get("decimals", {}),
        chart_svg=data["chart_svg"],
        chart_rows=_revived(data.get("chart_rows", []), dataset.columns),
        chart_symbols=data.get("chart_symbols", []),
        truncated_xlsx=data["truncated_xlsx"],
        from_cache=True,
        revisions=[Download(**d) for d in data.get("revisions", [])],
        revision_rows=_revived(data.get("revision_rows", []), revision_dataset(dataset).columns),
        revision_symbols=data.get("revision_symbols", []),
        headline_series=data.get("headline_series", []),
    )
    if len(built.preview) != len(data["preview"]):
        # Frozen when the dataset had other columns: its files stay as published, and
        # the page shows none of its rows rather than rows under the wrong headings.
        built.preview_symbols, built.revision_symbols = [], []
    if len(built.chart_rows) != len(data.get("chart_rows", [])):
        built.chart_symbols = []
    if data.get("display") != DISPLAY_VERSION:
        # A vintage frozen by an older version: its files stay as published, what pages
        # show of them is gathered again from its own CSV.
        _look_again(built, languages)
        manifest.write_text(manifest_text(built), encoding="utf-8")
    return built


def _revived(rows: list[list[Any]], columns: Sequence[Column]) -> list[list[Any]]:
    """Rows as a manifest keeps them, typed again; none if any does not fit ``columns``."""
    if any(len(row) != len(columns) for row in rows):
        return []
    return [[_revive(v, c) for v, c in zip(row, columns, strict=True)] for row in rows]


def _look_again(built: Built, languages: Sequence[str]) -> None:
    dataset = built.dataset
    own = dataset.model_copy(
        update={
            "source": Source(file=f"{dataset.id}.csv"),
            "columns": [c.model_copy(update={"source": c.id}) for c in dataset.columns],
        }
    )
    reader = Reader(built.directory, own, built.directory)
    glance = Glance(dataset)
    texts = [c.id for c in dataset.columns if c.type in ("string", "code", "period")]
    try:
        for chunk in reader.chunks():
            for name in texts:  # what neutralise added for spreadsheets goes
                cells = chunk.values[name]
                quoted = cells.str.startswith("'", na=False) & cells.str[1:2].isin(FORMULA_START)
                chunk.values[name] = cells.where(~quoted, cells.str[1:])
            glance.add(chunk)
    except SourceError:
        return  # not a CSV this version can read: what was shown stays
    if not reader.problems:
        show(built, glance, languages)


def show(built: Built, glance: Glance, languages: Sequence[str]) -> None:
    built.preview = glance.preview
    built.preview_symbols = glance.preview_symbols
    built.decimals = glance.decimals()
    built.chart_svg = {}
    built.chart_rows, built.chart_symbols = [], []
    if built.dataset.chart is not None and glance.tail:
        built.chart_rows = list(glance.tail)
        built.chart_symbols = list(glance.tail_symbols)
        built.chart_svg = {
            lg: charts.svg(built.dataset, list(glance.tail), lg, built.decimals)
            for lg in languages
        }


def manifest_text(built: Built) -> str:
    return json.dumps(
        {
            "display": DISPLAY_VERSION,
            "rows": built.rows,
            "downloads": [d.__dict__ for d in built.downloads],
            "preview": [[json_value(v) for v in row] for row in built.preview],
            "preview_symbols": built.preview_symbols,
            "decimals": built.decimals,
            "chart_svg": built.chart_svg,
            "chart_rows": [[json_value(v) for v in row] for row in built.chart_rows],
            "chart_symbols": built.chart_symbols,
            "truncated_xlsx": built.truncated_xlsx,
            "revisions": [d.__dict__ for d in built.revisions],
            "revision_rows": [[json_value(v) for v in row] for row in built.revision_rows],
            "revision_symbols": built.revision_symbols,
            "headline_series": built.headline_series,
        },
        ensure_ascii=False,
    )


def _revive(value: Any, column: Column) -> Any:
    if value is not None and column.type == "date":
        return dt.date.fromisoformat(value)
    return value
