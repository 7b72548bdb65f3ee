"""Punctuality: when each release actually became public, as the publish log records it.

The IMF's data standards ask offices to publish on the announced date and to show how
often they did. Every publish appends one line to a log kept beside the published
versions; a release's actual time is the time of the first publish whose site carried
it as public. Releases public before the log began have no recorded time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.releases.plan import Release, Schedule

ON_TIME = dt.timedelta(minutes=60)  # published within this of the announced time
DAMAGED_SUFFIX = ".damaged"  # publish-log.jsonl.damaged: lines set aside, kept for staff

log = logging.getLogger("phobien")


@dataclass(frozen=True)
class LogEntry:
    time: dt.datetime  # when the publish switched the site
    version: str
    user: str
    host: str
    newly_public: tuple[str, ...]
    datasets: tuple[str, ...]
    action: str = "publish"  # or "rollback": every switch of the site is logged
    # The real moment of the switch, to the microsecond (``time`` is the moment the site
    # was built as of), and each newly public release's lateness: the switch minus its
    # announced time, in seconds. Lines written before these were kept have neither.
    switched: dt.datetime | None = None
    lateness: tuple[tuple[str, float], ...] = ()

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "time": self.time.isoformat(), "version": self.version, "user": self.user,
            "host": self.host, "newly_public": list(self.newly_public),
            "datasets": list(self.datasets), "action": self.action,
        }
        if self.switched is not None:
            data["switched"] = self.switched.isoformat()
            data["lateness"] = {release_id: round(late, 6) for release_id, late in self.lateness}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> LogEntry:
        data: dict[str, Any] = json.loads(line)
        switched = data.get("switched")
        return cls(dt.datetime.fromisoformat(data["time"]), data["version"], data["user"],
                   data["host"], tuple(data["newly_public"]), tuple(data.get("datasets", [])),
                   str(data.get("action", "publish")),
                   dt.datetime.fromisoformat(switched) if switched else None,
                   tuple((str(k), float(v)) for k, v in data.get("lateness", {}).items()))

    def at_switch(self, switched: dt.datetime, announced: dict[str, dt.datetime]) -> LogEntry:
        """This entry once the switch happened at ``switched``: with each newly public
        release's lateness, from its announced moment (``announced``, by release id)."""
        late = tuple((r, (switched - announced[r]).total_seconds())
                     for r in self.newly_public if r in announced)
        return dataclasses.replace(self, switched=switched, lateness=late)


def _parse(line: str) -> LogEntry | None:
    try:
        return LogEntry.from_json(line)
    except (ValueError, KeyError, TypeError):
        return None


def read_log(path: Path | None) -> list[LogEntry]:
    """The log's entries; a damaged line (a publish killed while writing it, a bad hand
    edit) is skipped with a warning, never an error that would stop the build."""
    if path is None or not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                  .splitlines(), 1):
        if not line.strip():
            continue
        entry = _parse(line)
        if entry is None:
            log.warning("%s:%d: damaged line skipped", path, number)
        else:
            entries.append(entry)
    return entries


def set_aside(path: Path) -> int:
    """Move damaged lines to ``publish-log.jsonl.damaged`` and keep the good ones, so that
    the next entry is never appended to half a line. Returns how many were set aside."""
    if not path.is_file():
        return 0
    raw = path.read_bytes()
    lines = raw.decode("utf-8", errors="replace").splitlines()
    damaged = [line for line in lines if line.strip() and _parse(line) is None]
    if not damaged and (not raw or raw.endswith(b"\n")):
        return 0
    good = [line for line in lines if line.strip() and _parse(line) is not None]
    with path.with_name(path.name + DAMAGED_SUFFIX).open("a", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in damaged))
    partial = path.with_name(path.name + ".partial")
    partial.write_text("".join(line + "\n" for line in good), encoding="utf-8")
    os.replace(partial, path)
    return len(damaged)


def append_log(path: Path, entry: LogEntry) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(entry.to_json() + "\n")
        f.flush()
        os.fsync(f.fileno())


def recorded(log: list[LogEntry]) -> dict[str, dt.datetime]:
    """Release id → when it actually became public.

    The first publish makes public everything already due when the log began: those
    releases went out before phobien kept a record, so they have no recorded time.
    """
    seen: dict[str, dt.datetime] = {}
    for entry in log[1:]:
        for release_id in entry.newly_public:
            # the switch is when readers got it; older lines know only the build's moment
            seen.setdefault(release_id, entry.switched or entry.time)
    return seen


def newly_public(schedule: Schedule, log: list[LogEntry]) -> list[str]:
    """Public releases that no earlier publish carried: this publish makes them public."""
    done = {release_id for entry in log for release_id in entry.newly_public}
    return [r.id for r in schedule.releases if r.is_public and r.id not in done
            and not _published_before_renamed(r, done)]


def _published_before_renamed(release: Release, done: set[str]) -> bool:
    """Whether an earlier publish carried ``release`` under an old id of its product
    (``formerly``): a rename makes nothing public anew."""
    rest = release.id.removeprefix(release.product.id + "/")
    return any(f"{old}/{rest}" in done for old in release.product.formerly)


@dataclass(frozen=True)
class Row:
    release: Release
    announced: dt.datetime
    actual: dt.datetime | None

    @property
    def on_time(self) -> bool | None:
        if self.actual is None:
            return None
        return self.actual - self.announced <= ON_TIME

    @property
    def lateness(self) -> float | None:
        """Seconds from the announced time to the actual one (fractional)."""
        if self.actual is None:
            return None
        return (self.actual - self.announced).total_seconds()


def rows(schedule: Schedule, actual: dict[str, dt.datetime]) -> list[Row]:
    """Every public release with its announced and actual time, newest first."""
    out = []
    for release in schedule.releases:
        moment = release.moment
        if release.is_public and moment is not None:
            out.append(Row(release, moment, actual.get(release.id)))
    return sorted(out, key=lambda r: (r.announced, r.release.id), reverse=True)


def share_on_time(items: list[Row]) -> tuple[int, int]:
    """(on time, recorded) for a group of rows."""
    known = [r for r in items if r.on_time is not None]
    return sum(bool(r.on_time) for r in known), len(known)
