"""Datasets: source tables in ``catalog/`` read, typed, embargoed and written for download.

The data half of the outputs stage. Every dataset belongs to a product; every figure
belongs to a release (``embargo``) and is written only from that release's time. Sources
are read in chunks (``reader``) and every format is written as the chunks pass
(``writers``), so memory stays flat however long a source is (a declared ``sort``, and a
table of several releases a period, are the exceptions: they need the whole table).
What pages show is gathered on the way (``glance``); what was known when is the revision
table (``revisions``).

The latest files are cached by a hash of everything they depend on; each release's
vintage is frozen the first time it is built and never rebuilt, so that it stays what was
published that day (``store``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
import pandas as pd

from generator import workers as workers_mod
from generator.catalog.load import Catalog, Dataset, inside
from generator.catalog.model import Text
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.outputs.datasets.embargo import Embargo, release_problems
from generator.outputs.datasets.exchange import write_exchange
from generator.outputs.datasets.reader import MAX_CELL_PROBLEMS, Chunk, Reader, SourceError
from generator.outputs.datasets.revisions import NAME as REVISIONS
from generator.outputs.datasets.revisions import RevisionGlance, ordered, revision_dataset, stamped
from generator.outputs.datasets.series import Series
from generator.outputs.datasets.store import (
    MANIFEST,
    cache_key,
    cached,
    manifest_text,
    show,
    vintages,
)
from generator.outputs.datasets.writers import Writers, close_quietly
from generator.problems import Problem
from generator.releases.plan import Schedule

log = logging.getLogger("phobien")


# --- the build ---------------------------------------------------------------------------


def build_datasets(
    catalog: Catalog,
    schedule: Schedule,
    work_dir: Path,
    display_root: Path,
    progress: bool = False,
    freeze: bool = True,
    workers: int | None = None,
) -> DatasetBuild:
    """Build every public dataset's latest files and any release vintage not yet frozen.

    ``catalog`` must be the public view. Nothing is written to the site here: files go
    to ``work_dir`` (a cache and the vintage store) and the caller publishes them.

    Datasets missing from the cache are built in ``workers`` processes at once: by
    default one per CPU and at most one per dataset to build, or none (all in this
    process) when the sources to build are too small to repay starting processes.
    Whatever the count, the files are the same and the result comes in catalog order.
    Workers are started as multiprocessing's "spawn" does, which runs the main script
    again in each: a script that builds datasets needs the usual
    ``if __name__ == "__main__":`` guard.
    """
    result = DatasetBuild()
    datasets = list(catalog.datasets)
    bar = _progress(len(datasets), progress)
    releases = [schedule.of_product(d.product) for d in datasets]
    languages = tuple(catalog.site.languages)
    from_cache: list[Built | None] = []
    jobs: dict[int, _Job] = {}
    for i, (dataset, ofs) in enumerate(zip(datasets, releases, strict=True)):
        embargo = Embargo.of(ofs)
        state = embargo.state(by_release=dataset.completeness is not None)
        directory = work_dir / "cache" / dataset.id / cache_key(catalog, dataset, state)
        from_cache.append(cached(dataset, directory, "", None, languages))
        if from_cache[-1] is not None:
            bar(dataset.id)
            continue
        jobs[i] = _Job(
            dataset,
            catalog.root,
            display_root,
            directory,
            embargo,
            catalog.site.default_language,
            languages,
            catalog.site.office.name,
            catalog.site.timezone,
        )
    outcomes = dict(zip(jobs, _run_jobs(list(jobs.values()), workers, bar), strict=True))
    for i, (dataset, ofs) in enumerate(zip(datasets, releases, strict=True)):
        built = from_cache[i]
        if i in outcomes:
            result.problems.extend(outcomes[i].problems)
            built = outcomes[i].built
            if built is not None:
                built.dataset = dataset  # the caller's own object, not a worker's copy
                result.rebuilt.append(dataset.id)
        if built is not None:
            result.latest[dataset.id] = built
            result.vintages[dataset.id] = vintages(
                dataset, built, ofs, work_dir, result, freeze, languages
            )
    return result


@dataclass(frozen=True)
class _Job:
    """What building one dataset's latest files needs: small, to be sent to a worker."""

    dataset: Dataset
    root: Path  # the catalog's folder
    display_root: Path
    directory: Path
    embargo: Embargo
    lang: str
    languages: tuple[str, ...]
    office: Text  # the source PX and JSON-stat name
    timezone: str  # the office's, in which PX states times


@dataclass(frozen=True)
class _Outcome:
    built: Built | None  # None when the source has problems
    problems: list[Problem]


# Below this much source to build, starting worker processes costs more than it saves:
# a few tenths of a second, and more the first time, while pandas and pyarrow load.
POOL_MIN_BYTES = 4_000_000


def _run_jobs(
    jobs: Sequence[_Job], workers: int | None, bar: Callable[[str], None]
) -> list[_Outcome]:
    """Each job's outcome, in the order of ``jobs``."""
    count = min(workers if workers is not None else (os.cpu_count() or 1), len(jobs))
    if workers is None and sum(_source_size(j) for j in jobs) < POOL_MIN_BYTES:
        count = 1
    if count <= 1:
        outcomes = []
        for job in jobs:
            outcomes.append(_run(job))
            bar(job.dataset.id)
        return outcomes
    # Not fork: the caller may have threads (mkdocs serve does), and a forked child can
    # inherit a lock one of them held. Not the fork server either: it would stay, with
    # pandas and pyarrow loaded (180 MB at size M), beside the rest of the build; spawned
    # workers end with the pool, for about the same start-up.
    with workers_mod.pool(count) as pool:
        futures = {pool.submit(_run, job): job.dataset.id for job in jobs}
        try:
            for future in as_completed(futures):
                bar(futures[future])
            return [future.result() for future in futures]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _source_size(job: _Job) -> int:
    source = inside(job.root, job.dataset.source.file)
    return source.stat().st_size if source is not None and source.is_file() else 0


def _run(job: _Job) -> _Outcome:
    try:
        return _build(job)
    except SourceError as exc:
        # The problems, not the exception: a worker's exception comes back through
        # pickle, which would rebuild it from its message alone.
        return _Outcome(None, exc.problems)


def _progress(total: int, enabled: bool) -> Any:
    if not enabled or total == 0:
        return lambda name: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="datasets", unit="dataset", leave=False)

    def step(name: str) -> None:
        bar.set_postfix_str(name, refresh=False)
        bar.update(1)
        if bar.n >= total:
            bar.refresh()  # the final count, even when the build was quicker than a redraw
            bar.close()

    return step


def _build(job: _Job) -> _Outcome:
    """Build into a temporary folder and move it into place only when complete."""
    dataset, directory, embargo = job.dataset, job.directory, job.embargo
    staging = directory.with_name(directory.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    levels: dict[str, str] | None = None
    if dataset.completeness is not None:
        # Which release's rows each period shows depends on the releases the whole table
        # holds: a first reading finds them (and every problem) before anything is written.
        first = Reader(job.root, dataset, job.display_root)
        for _ in first.chunks():
            if len(first.problems) >= MAX_CELL_PROBLEMS:
                break
        problems = [*first.problems,
                    *release_problems(dataset, embargo, first.pairs, first.display)]
        if problems:
            return _Outcome(None, problems)
        levels = embargo.latest(first.pairs)
    moment = embargo.newest(by_release=levels is not None)
    created = (
        (moment or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    )
    context = {
        "product": dataset.product,
        "release": "latest",
        "as_of": moment.isoformat() if moment else "",
    }
    reader = Reader(job.root, dataset, job.display_root)
    writers = Writers(dataset, staging, job.lang, created, context)
    history = revision_dataset(dataset)
    revisions = Writers(history, staging, job.lang, created, context, name=REVISIONS,
                        spreadsheet=False)
    kept: list[tuple[pd.DataFrame, pd.DataFrame, pd.Series]] = []
    series = Series(dataset)
    try:
        chunks = _sorted(reader.chunks(), dataset) if dataset.sort else reader.chunks()
        for chunk in chunks:
            latest, public = _public_rows(chunk, dataset, embargo, levels)
            writers.write(Chunk(chunk.values[latest], chunk.symbols[latest], chunk.lines[latest]))
            values, symbols = stamped(chunk.values[public], chunk.symbols[public], dataset,
                                      embargo)
            series.add(values)
            if levels is None:  # one release a period: the latest file's order, streamed
                revisions.write(Chunk(values, symbols, chunk.lines[public]))
            else:  # a few releases of aggregate figures: ordered in memory
                kept.append((values, symbols, chunk.lines[public]))
            if len(reader.problems) >= MAX_CELL_PROBLEMS:
                break
        glance = RevisionGlance()
        if kept:
            values = pd.concat([k[0] for k in kept])
            symbols = pd.concat([k[1] for k in kept])
            lines = pd.concat([k[2] for k in kept])
            order = ordered(values, dataset, embargo)
            values, symbols, lines = (x.iloc[order] for x in (values, symbols, lines))
            revisions.write(Chunk(values, symbols, lines))
            glance = RevisionGlance.of(values, symbols, history)
        downloads = writers.close()
        revision_files = revisions.close()
    except BaseException:
        close_quietly(writers)
        close_quietly(revisions)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if reader.problems:
        shutil.rmtree(staging, ignore_errors=True)
        return _Outcome(None, reader.problems)
    try:
        # From the finished Parquet file: the table is not held in pandas meanwhile.
        downloads += write_exchange(dataset, staging, writers.glance.decimals(),
                                    max(writers.glance.carried.values(), default=0),
                                    job.office, moment, ZoneInfo(job.timezone), job.lang)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    built = Built(
        dataset,
        "",
        None,
        directory,
        rows=writers.rows,
        downloads=downloads,
        truncated_xlsx=writers.truncated,
        revisions=revision_files,
        revision_rows=glance.rows,
        revision_symbols=glance.symbols,
        headline_series=series.result(),
    )
    show(built, writers.glance, job.languages)
    (staging / MANIFEST).write_text(manifest_text(built), encoding="utf-8")
    if directory.exists():
        shutil.rmtree(directory)
    staging.rename(directory)
    return _Outcome(built, [])


def _public_rows(
    chunk: Chunk, dataset: Dataset, embargo: Embargo, levels: dict[str, str] | None
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Which rows the latest files hold, and which the revision table holds.

    A table has few periods (and releases) and many rows: the embargo is asked once a
    distinct value, never once a row.
    """
    periods = chunk.values[dataset.period]
    column = dataset.completeness
    if levels is None or column is None:
        allowed = [p for p in periods.dropna().unique() if p and embargo.allows(str(p))]
        keep = periods.isin(allowed).to_numpy(dtype=bool)
        return keep, keep
    pairs = pd.Series(list(zip(periods, chunk.values[column.id], strict=True)),
                      index=chunk.values.index, dtype=object)
    distinct = list(dict.fromkeys(pairs.tolist()))
    shown = [p for p in distinct if levels.get(str(p[0])) == p[1]]
    public = [p for p in distinct
              if p[0] is not None and p[1] is not None
              and embargo.figure(str(p[0]), str(p[1])).public]
    return pairs.isin(shown).to_numpy(dtype=bool), pairs.isin(public).to_numpy(dtype=bool)


def _sorted(chunks: Iterator[Chunk], dataset: Dataset) -> Iterator[Chunk]:
    """A declared sort needs the whole table in memory; sources meant to stream should
    come sorted and declare none."""
    parts = list(chunks)
    if not parts:
        return
    values = pd.concat([p.values for p in parts])
    symbols = pd.concat([p.symbols for p in parts])
    lines = pd.concat([p.lines for p in parts])
    order = (
        values.reset_index(drop=True)
        .sort_values(dataset.sort, kind="stable", na_position="last")
        .index
    )
    yield Chunk(values.iloc[order], symbols.iloc[order], lines.iloc[order])


def human_size(size: int, lang: str) -> str:
    """A file size for people: ``1,2 MB`` in Vietnamese, ``1.2 MB`` in English.

    >>> human_size(1234567, "vi"), human_size(1234567, "en"), human_size(900, "en")
    ('1,2 MB', '1.2 MB', '900 B')
    """
    from generator.i18n import format_number

    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{format_number(round(value, 1) if unit != 'B' else size, lang)} {unit}"
        value /= 1024
    return f"{format_number(round(value, 1), lang)} GB"
