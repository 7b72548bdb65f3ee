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
from generator.workbook import yamlwrite
from generator.workbook.reading import Contents, read_workbook
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
    """Write ``book`` into the catalog ``root``; raise ``WorkbookError`` or
    ``CatalogError`` (every problem) and leave ``root`` untouched when there is any."""
    outcome = plan(read_workbook(book), root, delete)
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
        load_catalog(staged, display_root=Path(tmp))
        root.mkdir(exist_ok=True)
        for name in outcome.texts:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged / name, root / name)
        for name in outcome.deleted:
            (root / name).unlink()
    return outcome


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

