"""The dataset files against the calendars: no row of a period, nor a figure of a
release, still to come. Reads each published CSV's few columns with pandas, in the
verifying process (never in its workers, which do not load pandas); and the periods of
each PX, JSON-stat and SDMX-CSV file (``exchange``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from generator.catalog.load import Catalog, Dataset
from generator.outputs.datasets.embargo import Embargo
from generator.outputs.datasets.exchange.sdmx import COMPLETENESS, TIME, period_of
from generator.releases.plan import Schedule
from generator.verify.exchange import jsonstat_cells, px_cells
from generator.verify.files import Failure
from generator.verify.memo import Memo


def embargo_failures(site: Path, public: Catalog, schedule: Schedule,
                     memo: Memo | None = None) -> Iterator[Failure]:
    """No dataset file may hold a row of a period whose release has not come, nor a
    figure of a release still to come; no release folder may exist for a release not yet
    public. ``memo`` brings the distinct rows of tables read before."""
    # A dataset's old ids serve copies of its files (``outputs.redirects``): the same
    # embargo holds there.
    for dataset, folder_id in [(d, i) for d in public.datasets for i in (d.id, *d.formerly)]:
        releases = schedule.of_product(dataset.product)
        embargo = Embargo.of(releases)
        folder = site / "datasets" / folder_id
        for release in releases:
            key = release.id.removeprefix(dataset.product + "/")
            if not release.is_public and (folder / key).exists():
                yield Failure("embargo", f"datasets/{folder_id}/{key}/",
                              "early-release-folder", {"release": release.id})
        for path in _dataset_files(folder):
            rel = path.relative_to(site).as_posix()
            cells = _cells(path, dataset, memo)
            periods = cells.get(dataset.period, pd.Series([], dtype=object))
            # Each distinct period is asked once: a national dataset has millions of rows
            # and a few dozen periods. Rows that name their release are judged by it
            # (an estimate published before the calendars began is history even when
            # the period's later release is still to come).
            by_release = dataset.completeness is not None and dataset.completeness.id in cells
            late = [] if by_release else [
                p for p in periods.drop_duplicates() if p and not embargo.allows(p)]
            if late:
                line = int(periods.index[periods == late[0]][0])
                yield Failure("embargo", rel, "early-row", {"line": line, "period": late[0]})
                continue
            yield from _figures_by_release(rel, cells, dataset, embargo, schedule,
                                           _renamed(public, cells), latest=path.parent == folder)


def _renamed(public: Catalog, cells: dict[str, pd.Series]) -> dict[str, str]:
    """The release ids a revision table froze under a product's old id (``formerly``),
    each with the id the release has now: ``cpi/2026-10`` → ``gia-tieu-dung/2026-10``."""
    old = {o: p.id for p in public.products for o in p.formerly}
    released = cells.get("release")
    if not old or released is None:
        return {}
    out = {}
    for release_id in released.drop_duplicates():
        head, sep, rest = str(release_id).partition("/")
        if sep and head in old:
            out[release_id] = f"{old[head]}/{rest}"
    return out


def _figures_by_release(rel: str, cells: dict[str, pd.Series], dataset: Dataset,
                        embargo: Embargo, schedule: Schedule, renamed: dict[str, str],
                        latest: bool) -> Iterator[Failure]:
    """Each row's figures belong to a release that is out: by the completeness column of a
    table of several releases a period, and by the release the revision table names."""
    column = dataset.completeness
    periods = cells.get(dataset.period, pd.Series([], dtype=object))
    if column is not None and column.id in cells:
        pairs = pd.Series(list(zip(periods, cells[column.id], strict=True)),
                          index=periods.index, dtype=object)
        for i, (period_id, level) in pairs.drop_duplicates().items():
            if period_id and not embargo.figure(period_id, level).public:
                yield Failure("embargo", rel, "early-level",
                              {"line": int(i), "period": period_id, "level": level})
                return
    elif column is not None and latest and len(periods):
        # A vintage frozen before the column was declared has none; today's files must.
        yield Failure("embargo", rel, "no-level-column", {"column": column.id})
        return
    released = cells.get("release")
    if released is None:
        return
    by_id = schedule.by_id
    for i, release_id in released.drop_duplicates().items():
        release = by_id.get(renamed.get(release_id, release_id)) if release_id else None
        if release_id and (release is None or not release.is_public):
            yield Failure("embargo", rel, "early-figures",
                          {"line": int(i), "release": release_id})
            return


# The files read, by how their name ends: each holds periods (``exchange``).
EXCHANGE_SUFFIXES = (".px", ".jsonstat.json", ".sdmx.csv")


def _dataset_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and (p.suffix == ".csv" or p.name.endswith(EXCHANGE_SUFFIXES)))


def _cells(path: Path, dataset: Dataset, memo: Memo | None) -> dict[str, pd.Series]:
    """The file's period (and completeness, and release) values, by the line they are on."""
    if path.name.endswith(".px"):
        return px_cells(path, dataset)
    if path.name.endswith(".jsonstat.json"):
        return jsonstat_cells(path, dataset)
    level = dataset.completeness.id if dataset.completeness is not None else None
    if path.name.endswith(".sdmx.csv"):
        names = {TIME: dataset.period, **({COMPLETENESS: level} if level else {})}
        found = _columns(path, list(names), memo)
        cells = {names[n]: values for n, values in found.items()}
        if dataset.period in cells:
            cells[dataset.period] = cells[dataset.period].map(period_of)
    else:
        columns = [dataset.period, *([level] if level else [])]
        if path.name == "revisions.csv":
            columns.append("release")
        cells = _columns(path, columns, memo)
    # A CSV's first row is on its second line, after the header.
    return {n: pd.Series(v.to_numpy(), index=v.index + 2, dtype=object)
            for n, v in cells.items()}


def _columns(path: Path, names: list[str], memo: Memo | None = None) -> dict[str, pd.Series]:
    """The distinct rows of a published CSV's columns ``names``, indexed by their first
    row, as text without a formula guard; a column the file does not have is left out.
    A million rows have a few dozen distinct periods: only those are kept in the memo."""
    rows = memo.table(path, names) if memo is not None else None
    if rows is None:
        header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
        present = [n for n in names if n in header]
        frame = pd.read_csv(path, usecols=present, dtype=str, keep_default_na=False,
                            na_filter=False, encoding="utf-8-sig").drop_duplicates() \
            if present else pd.DataFrame()
        rows = {"index": [int(i) for i in frame.index],
                "columns": {n: frame[n].str.lstrip("'").tolist() for n in present}}
        if memo is not None:
            memo.add_table(path, names, rows)
    return {n: pd.Series(values, index=rows["index"], dtype=object)
            for n, values in rows["columns"].items()}
