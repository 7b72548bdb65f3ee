"""The whole check of a project's inputs: the catalog's files, the calendar planned from
them and, for ``phobien check``, every source table read as the build reads it.

Every command loads the catalog here, so that a problem of any stage (a YAML field, a
release moved to a day off, a figure of a release that does not exist) stops it with the
same message, all problems at once, each with its file, line and field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.catalog.load import UNKNOWN_ACCESS, Catalog, inside, is_file, read_catalog
from generator.catalog.model import Dataset
from generator.outputs.datasets.embargo import Embargo, release_problems
from generator.problems import CatalogError, Problem
from generator.releases.notes import note_problems
from generator.releases.plan import plan

# For each source table read to its end: the (period, completeness) pairs it holds, with
# the first line of each, and the file's name as messages give it.
Pairs = dict[str, tuple[dict[tuple[str, str], int], str]]


def load_catalog(root: Path, display_root: Path | None = None, sources: bool = False) -> Catalog:
    """Read, validate and plan the catalog in ``root``; raise ``CatalogError`` with every
    problem.

    With ``sources``, every dataset's source table is read too, by the build's own reader,
    and its problems join the others (``phobien check``). The build leaves it off: it reads
    the sources itself, and not at all when its cache is up to date.
    """
    root = Path(root)
    base = display_root if display_root is not None else root.parent
    reading = read_catalog(root, display_root)
    # The source tables' own problems: reported with the others, and with those of the
    # figures' releases, which need the calendars planned.
    cells: list[Problem] = []
    pairs: Pairs = {}
    if sources:
        pairs = _read_sources(reading.datasets, root, base, reading.access, cells)
    if reading.catalog is None:
        raise CatalogError([*reading.problems, *cells])
    catalog = reading.catalog
    # Checks that need the planned schedule (a move to a day off, conflicting
    # adjustments) belong to the releases stage; run it now so that every command
    # reports them.
    schedule = plan(catalog)
    problems = [*cells, *schedule.problems, *note_problems(catalog, schedule)]
    for table in catalog.datasets:
        if table.id in pairs:
            found, display_name = pairs[table.id]
            embargo = Embargo.of(schedule.of_product(table.product))
            problems += release_problems(table, embargo, found, display_name)
    if problems:
        raise CatalogError(problems)
    return catalog


def _read_sources(
    datasets: Sequence[Dataset],
    root: Path,
    display_root: Path,
    access: Mapping[str, str],
    problems: list[Problem],
) -> Pairs:
    """Each source table read as the build reads it. A missing source or one outside the
    catalog is already a problem of its dataset file. A restricted product's table is read
    as well (its sources are still staff's), but no cell of it is quoted."""
    # pandas and openpyxl (0.3 s, 80 MB) are for the commands that read sources: every
    # command imports this module, and most (and the verification's workers) read none.
    from generator.outputs.datasets.reader import Reader, SourceError

    found: Pairs = {}
    for dataset in datasets:
        source = inside(root, dataset.source.file)
        if source is None or not is_file(source):
            continue
        # A product's cells are quoted only when it is known not to be restricted.
        quote = access.get(dataset.product) not in ("restricted", UNKNOWN_ACCESS)
        reader = Reader(root, dataset, display_root, quote)
        try:
            for _ in reader.chunks():
                pass
        except SourceError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(reader.problems)
        found[dataset.id] = (reader.pairs, reader.display)
    return found
