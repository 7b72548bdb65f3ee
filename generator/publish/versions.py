"""The versions folder beside a target: which versions are complete, what a killed
publish left behind, pruning, and the log entry of a switch in flight.

A version is complete when its folder carries its final name (no ``.partial``,
``.failed`` or ``.deleting`` suffix) and its completion mark. The name is given last, by
one ``rename``, after verification, sealing and the manifest; it is taken away first,
before anything is deleted. So a folder with a version's name is always a whole version.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path
from typing import Any

from generator.publish import seal
from generator.releases.punctuality import LogEntry, append_log, read_log
from generator.words.staff import PUBLISH, filled

MARK = ".phobien-version.json"  # written before the final name: a version's own record
LOG_NAME = "publish-log.jsonl"
PENDING = "publish-log.pending.json"  # the entry of a switch in flight
LEFTOVERS = (".partial", ".deleting")  # never complete; a killed publish may leave them
# A version built ahead of its moment by ``publish --at``: complete and verified, but not
# yet a version (no publish, prune or rollback sees it) until it takes its name at the
# switch. Its owner holds a ``flock`` on ``<name>.future.lock`` while it waits, so a
# publish can tell a waiting one from one whose owner was killed (and remove that).
FUTURE = ".future"
FUTURE_LOCK = FUTURE + ".lock"
SUFFIXES = (*LEFTOVERS, ".failed", FUTURE)


class PublishError(Exception):
    """A step failed; the published site was not touched. English in ``str``, and the
    staff's language through ``text``."""

    def __init__(self, en: str, vi: str | None = None) -> None:
        super().__init__(en)
        self.vi = vi

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" and self.vi else str(self)

    @classmethod
    def said(cls, key: str, **values: Any) -> PublishError:
        """The error ``key`` of ``words.staff.PUBLISH`` with its values filled in."""
        texts = filled(PUBLISH[key], **values)
        return cls(texts["en"], texts["vi"])


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
    for path in list(versions.iterdir()):
        if path.name.endswith(LEFTOVERS) and path.is_dir():
            seal.remove(path)
            continue
        if path.name.endswith(FUTURE_LOCK) and not waiting(path):
            abandon(path.with_name(path.name.removesuffix(".lock")))
            continue
        if path.name.endswith(FUTURE) and path.is_dir() and not waiting(lock_of(path)):
            abandon(path)
            continue
        half_written = path.name.endswith(seal.SUFFIX + ".partial")
        orphan = (path.name.endswith(seal.SUFFIX)
                  and not (versions / path.name[:-len(seal.SUFFIX)]).is_dir())
        if half_written or orphan:
            path.unlink(missing_ok=True)


def lock_of(future: Path) -> Path:
    return future.with_name(future.name + ".lock")


def futures(versions: Path) -> list[Path]:
    """Versions built ahead of their moment whose owner still waits for it."""
    if not versions.is_dir():
        return []
    return sorted(p for p in versions.iterdir()
                  if p.name.endswith(FUTURE) and p.is_dir() and waiting(lock_of(p)))


def waiting(lock: Path) -> bool:
    """Whether a live ``publish --at`` holds ``lock`` (the kernel drops it when the
    owner dies, however it dies)."""
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def future_record(future: Path) -> dict[str, Any]:
    """What the owner of a future version wrote beside it: its moment, its pid and the
    vintages its build froze ahead of their release."""
    with contextlib.suppress(OSError, ValueError):
        data: dict[str, Any] = json.loads(lock_of(future).read_text(encoding="utf-8"))
        return data
    return {}


def abandon(future: Path) -> None:
    """Remove a future version that will never be switched in (its owner stopped or was
    killed, or its inputs changed), with its manifest and the vintages it froze before
    their release: the first build after the release freezes them again from the
    source of that day."""
    for vintage in future_record(future).get("vintages", []):
        seal.remove(Path(vintage))
    if future.is_dir():
        gone = future.with_name(future.name + ".deleting")
        future.rename(gone)
        seal.remove(gone)
    seal.manifest_path(future.parent, future.name).unlink(missing_ok=True)
    name = future.name.removesuffix(FUTURE)
    if not (future.parent / name).is_dir():  # listed under its own name just before WHEN
        seal.manifest_path(future.parent, name).unlink(missing_ok=True)
    lock_of(future).unlink(missing_ok=True)


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
