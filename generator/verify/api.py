"""The API's files (``/api/v1/``) against the calendar: nothing said early.

The scan of every file for restricted products' names covers the API as any other JSON
file. What only the calendar can tell is checked here: a release the API calls published,
or gives datasets to, must be out; a day's changes file must be a day on which something
public happened (a file for tomorrow tells of tomorrow); a change must be one the public
calendar already holds. Read as a stranger reads them: the JSON, not the code that wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.releases.plan import Schedule
from generator.verify.files import Failure

API = Path("api/v1")


def api_failures(site: Path, schedule: Schedule) -> Iterator[Failure]:
    """Every way the API's files tell something before its time."""
    root = site / API
    if not root.is_dir():
        return
    by_id = schedule.by_id
    for path in [root / "releases.json", *sorted((root / "releases").glob("*.json"))]:
        document = _read(path)
        rel = path.relative_to(site).as_posix()
        for entry in document.get("releases", []) if document else []:
            release = by_id.get(str(entry.get("id")))
            if release is None:
                yield Failure("embargo", rel, "unknown-release",
                              {"release": entry.get("id")})
            elif not release.is_public and (
                    _id(entry.get("status")) == "published" or entry.get("datasets")):
                yield Failure("embargo", rel, "said-out-early", {"release": release.id})
    days = _days(schedule)
    for path in sorted((root / "changes").glob("*.json")):
        rel = path.relative_to(site).as_posix()
        if path.stem == "index":
            continue
        if path.stem not in days:
            yield Failure("embargo", rel, "early-day")
            continue
        document = _read(path)
        for entry in document.get("changes", []) if document else []:
            release = by_id.get(str(entry.get("release")))
            known = days[path.stem]
            if release is None or (str(entry.get("kind")), release.id) not in known:
                yield Failure("embargo", rel, "early-change",
                              {"kind": entry.get("kind"), "release": entry.get("release")})


def _days(schedule: Schedule) -> dict[str, set[tuple[str, str]]]:
    """Each day (in the office's zone) and what became public on it: (kind, release)."""
    days: dict[str, set[tuple[str, str]]] = {}
    for release in schedule.releases:
        moment = release.moment
        if release.is_public and moment is not None:
            day = moment.astimezone(release.zone).date().isoformat()
            days.setdefault(day, set()).add(("released", release.id))
    for change in schedule.changes:  # planned as of the build: only those announced by then
        zone = schedule.by_id[change.release_id].zone
        day = change.announced.astimezone(zone).date().isoformat()
        days.setdefault(day, set()).add((change.kind, change.release_id))
    return days


def _id(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def _read(path: Path) -> dict[str, Any] | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None  # reported by the parse check
    return document if isinstance(document, dict) else None
