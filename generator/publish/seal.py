"""Sealed versions: a published version's files are read-only and listed, with their
SHA-256, in a manifest kept beside the version (outside the served tree).

A version is never edited after its verification, so any difference from its manifest is
damage or tampering: a publish then replaces the served version with a fresh verified
one, and ``rollback`` never returns to such a version. The manifest is written before the
version gets its final name, so a version that carries its name always has one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

from generator.words.staff import SEAL as _KINDS

SUFFIX = ".manifest.json"
READ_ONLY = ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def manifest_path(versions: Path, name: str) -> Path:
    """``<versions>/<name>.manifest.json``: beside the version, never served."""
    return versions / f"{name}{SUFFIX}"


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def listing(folder: Path) -> dict[str, str]:
    """Every file of ``folder`` (relative path → SHA-256); links are listed by target."""
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = _digest(path)
    return out


def write_manifest(folder: Path, manifest: Path, config: Path | None = None) -> None:
    """List ``folder`` into ``manifest``, written whole or not at all; ``config`` is the
    ``mkdocs.yml`` it was built from, for ``rollback``'s verification."""
    partial = manifest.with_name(manifest.name + ".partial")
    record: dict[str, object] = {"files": listing(folder)}
    if config is not None:
        record["config"] = str(config.resolve())
    partial.write_text(json.dumps(record, indent=0) + "\n", encoding="utf-8")
    with partial.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(partial, manifest)




def differences(folder: Path, manifest: Path) -> list[tuple[str, str]]:
    """What differs between ``folder`` and its manifest: (file, kind) for each changed,
    missing and added file. A missing or unreadable manifest is itself a difference."""
    expected = recorded(manifest)
    if expected is None:
        return [(manifest.name, "no-manifest")]
    return compare(expected, listing(folder))


def recorded(manifest: Path) -> dict[str, str] | None:
    """The files a manifest lists (relative path → SHA-256), or None if it cannot be read."""
    try:
        files: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return files


def compare(expected: dict[str, str], actual: dict[str, str]) -> list[tuple[str, str]]:
    """(file, kind) for each file changed, missing or added in ``actual``.

    >>> compare({"a": "1", "b": "2"}, {"a": "9", "c": "3"})
    [('a', 'changed'), ('b', 'missing'), ('c', 'added')]
    """
    out = [(rel, "changed") for rel in sorted(expected.keys() & actual.keys())
           if expected[rel] != actual[rel]]
    out += [(rel, "missing") for rel in sorted(expected.keys() - actual.keys())]
    out += [(rel, "added") for rel in sorted(actual.keys() - expected.keys())]
    return out


def describe(found: list[tuple[str, str]], lang: str, most: int = 5) -> str:
    """The first ``most`` differences in words: ``a.html: đã bị sửa, b.csv: bị mất``.

    >>> describe([("a.html", "changed"), ("b.csv", "missing")], "vi")
    'a.html: đã bị sửa, b.csv: bị mất'
    """
    return ", ".join(f"{rel}: {_KINDS[kind][lang]}" for rel, kind in found[:most])


def seal(folder: Path) -> None:
    """Make every file and folder of ``folder`` read-only (root still can write: the
    manifest is what catches that)."""
    for path in [*folder.rglob("*"), folder]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & READ_ONLY)


def remove(folder: Path) -> None:
    """Delete a sealed folder: its folders writable again first, as ``rmtree`` needs."""
    if not folder.exists():
        return
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR | stat.S_IXUSR)
    shutil.rmtree(folder)
