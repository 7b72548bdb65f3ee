"""``phobien import``: a workbook written back into the catalog's YAML files, all or
nothing.

Each file the workbook holds is compared with the file on disk as plain data: an
unchanged file keeps its bytes, a changed one is updated in place (``yamlwrite.update``),
a new one written in the house style. Every file is first written to a staged copy of the
catalog beside it, the whole staged catalog is checked as every command checks it, and
only then are the files moved in: a workbook or catalog problem leaves the catalog as it
was. The files the workbook does not hold (sources, documents) are never touched; an
entry removed from the workbook is deleted only with ``delete`` (``--delete``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.catalog.yamlsource import read_yaml
from generator.check import load_catalog
from generator.problems import CatalogError, Problem
from generator.workbook import places, yamlwrite
from generator.workbook.reading import CellProblem, Contents, WorkbookError, read_workbook
from generator.workbook.sheets import SHEETS


@dataclass
class Outcome:
    """What an import did (or, refused, would have done), by file inside the catalog."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    same: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # not in the workbook, left as they are
    deleted: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # new and changed files' texts
    data: dict[str, Any] = field(default_factory=dict)  # every file's data, as read


def plan(contents: Contents, root: Path, delete: bool = False) -> Outcome:
    """Which files the workbook changes, and their new texts; nothing is written."""
    targets: dict[str, tuple[Any, type[BaseModel]]] = {}
    existing: set[str] = set()
    for sheet in SHEETS:
        if sheet.where == "site":
            targets[sheet.place] = (contents.site, sheet.model)
        elif sheet.where == "list":
            targets[sheet.place] = (contents.lists[sheet.id], sheet.model)
        elif sheet.where == "folder":
            files = _folder(root, sheet.place, sheet.key)
            existing.update(files.values())
            for key, data in contents.folders[sheet.id].items():
                name = files.get(key) or f"{sheet.place}/{str(key).replace('/', '-')}.yml"
                targets[name] = (data, sheet.model)
    outcome = Outcome()
    for name, (data, model) in targets.items():
        outcome.data[name] = data
        path = root / name
        doc = read_yaml(path, name, []) if path.is_file() else None
        if doc is None:
            outcome.new.append(name)
            outcome.texts[name] = yamlwrite.render(data, model)
        elif yamlwrite.same(doc.data, data):
            outcome.same.append(name)
        else:
            outcome.changed.append(name)
            text = path.read_bytes().decode("utf-8")
            outcome.texts[name] = yamlwrite.update(text, doc.data, data, model)
    gone = sorted(existing - targets.keys())
    (outcome.deleted if delete else outcome.kept).extend(gone)
    return outcome


def _folder(root: Path, place: str, key: str) -> dict[Any, str]:
    """The files of a folder (products/, releases/) by the key each holds."""
    out: dict[Any, str] = {}
    folder = root / place
    if not folder.is_dir():
        return out
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            continue
        name = f"{place}/{path.name}"
        doc = read_yaml(path, name, [])
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        out.setdefault(data.get(key, path.stem), name)
    return out


def import_workbook(book: Path, root: Path, delete: bool = False) -> Outcome:
    """Write ``book`` into the catalog ``root``; raise ``WorkbookError`` (every problem,
    the catalog check's too) and leave ``root`` untouched when there is any."""
    contents = read_workbook(book)
    outcome = plan(contents, root, delete)
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".phobien-import-") as tmp:
        staged = Path(tmp) / root.name
        _stage(root, staged)
        for name, text in outcome.texts.items():
            target = staged / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a link to the catalog's own file: not into it
            target.write_bytes(text.encode("utf-8"))
        for name in outcome.deleted:
            (staged / name).unlink()
        try:
            load_catalog(staged, display_root=Path(tmp))
        except CatalogError as exc:
            raise _at_cells(exc, book.name, f"{root.name}/", outcome, contents) from None
        root.mkdir(exist_ok=True)
        for name in outcome.texts:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged / name, root / name)
        for name in outcome.deleted:
            (root / name).unlink()
    return outcome


def _at_cells(exc: CatalogError, book: str, prefix: str, outcome: Outcome,
              contents: Contents) -> WorkbookError:
    """The catalog check's problems said at the cells they come from, where they do."""
    cells: list[CellProblem] = []
    others: list[Problem] = []
    for problem in exc.problems:
        name = problem.file.removeprefix(prefix)
        cell = (places.at_cell(problem, outcome.data[name], contents)
                if name in outcome.data else None)
        if cell is None:
            others.append(problem)
        else:
            cells.append(cell)
    # In the workbook's order, sheet by sheet, row by row, as a person goes through it.
    order = {s.name(lang): i for i, s in enumerate(SHEETS) for lang in ("vi", "en")}
    cells.sort(key=lambda c: (order.get(c.sheet, len(order)), c.row or 0, c.column or 0))
    return WorkbookError(book, cells, others)


def _stage(root: Path, staged: Path) -> None:
    """A copy of the catalog to check before anything is moved in: the files linked, not
    copied (a source table may be large), links kept as links so the check sees them."""
    if not root.is_dir():
        staged.mkdir()
        return

    def link(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    shutil.copytree(root, staged, symlinks=True, copy_function=link)

