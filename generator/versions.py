"""The versions folder beside a target: which versions are complete, what a killed
publish left behind, pruning, and the log entry of a switch in flight.

A version is complete when its folder carries its final name (no ``.partial``,
``.failed`` or ``.deleting`` suffix) and its completion mark. The name is given last, by
one ``rename``, after verification, sealing and the manifest; it is taken away first,
before anything is deleted. So a folder with a version's name is always a whole version.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from . import seal
from .punctuality import LogEntry, append_log, read_log

MARK = ".phobien-version.json"  # written before the final name: a version's own record
LOG_NAME = "publish-log.jsonl"
PENDING = "publish-log.pending.json"  # the entry of a switch in flight
LEFTOVERS = (".partial", ".deleting")  # never complete; a killed publish may leave them
SUFFIXES = (*LEFTOVERS, ".failed")


class PublishError(Exception):
    """A step failed; the published site was not touched. English in ``str``, and the
    staff's language through ``text``."""

    def __init__(self, en: str, vi: str | None = None) -> None:
        super().__init__(en)
        self.vi = vi

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" and self.vi else str(self)


def is_version(path: Path) -> bool:
    return (path.is_dir() and not path.name.endswith(SUFFIXES)
            and not path.name.startswith(".") and (path / MARK).is_file())


def marked(versions: Path) -> list[Path]:
    """The complete versions, oldest first (names are UTC times)."""
    if not versions.is_dir():
        return []
    return sorted(p for p in versions.iterdir() if is_version(p))


def tidy(versions: Path) -> None:
    """Remove what killed publishes left: half-built and half-deleted folders, and
    manifests without their version. Only under the lock: no other publish is working."""
    for path in versions.iterdir():
        if path.name.endswith(LEFTOVERS) and path.is_dir():
            seal.remove(path)
            continue
        half_written = path.name.endswith(seal.SUFFIX + ".partial")
        orphan = (path.name.endswith(seal.SUFFIX)
                  and not (versions / path.name[:-len(seal.SUFFIX)]).is_dir())
        if half_written or orphan:
            path.unlink()


def retire(version: Path) -> None:
    """Delete a version: out of the set first (renamed), so a kill midway leaves a
    ``.deleting`` folder, never a version with files missing."""
    gone = version.with_name(version.name + ".deleting")
    version.rename(gone)
    seal.manifest_path(version.parent, version.name).unlink(missing_ok=True)
    seal.remove(gone)


def prune(versions: Path, keep: int, spare: set[Path]) -> None:
    """Keep the newest ``keep`` complete versions and those in ``spare`` (the served
    one); drop older ones and failed builds."""
    for failed in versions.glob("*.failed"):
        seal.remove(failed)
    for old in marked(versions)[:-keep]:
        if old.resolve() not in {s.resolve() for s in spare}:
            retire(old)


def intend(versions: Path, entry: LogEntry) -> None:
    """Record the log entry of a switch about to happen, durably: a publish killed right
    after the switch still gets its line in the log (see ``settle``)."""
    partial = versions / (PENDING + ".partial")
    with partial.open("w", encoding="utf-8") as f:
        f.write(entry.to_json())
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, versions / PENDING)


def settle(versions: Path, served: str | None) -> LogEntry | None:
    """Log the switch in flight if it happened (the target serves its version), drop it
    if not. Returns the entry logged."""
    pending = versions / PENDING
    if not pending.is_file():
        return None
    entry: LogEntry | None = None
    with contextlib.suppress(ValueError, KeyError, TypeError, OSError):
        entry = LogEntry.from_json(pending.read_text(encoding="utf-8"))
    logged = None
    if entry is not None and entry.version == served:
        path = versions / LOG_NAME
        if not any(e.version == entry.version and e.time == entry.time
                   for e in read_log(path)):
            append_log(path, entry)
            logged = entry
    pending.unlink()
    return logged


def manifest_config(versions: Path, name: str) -> Path | None:
    """The ``mkdocs.yml`` a version was built from, as its manifest records it."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        data = json.loads(seal.manifest_path(versions, name).read_text(encoding="utf-8"))
        return Path(data["config"])
    return None
