"""Publish: check, build into a fresh folder, verify, then switch the target atomically.

The last stage of the pipeline. A reader of the published site sees the whole old site
or the whole new one, never a mix: the target is a symbolic link to a complete version,
replaced with one ``rename`` (atomic on POSIX), and versions are never edited in place.
A version carries a completion mark written after verification; only marked versions
are ever switched in, so a build killed at any moment leaves the published site as it
was. The last ``KEEP_VERSIONS`` versions are kept for ``rollback``.

Remote targets (``user@host:/srv/site/public``) get the same treatment on the server:
the new version is copied with rsync beside the old ones (unchanged files hard-linked
to the previous version), then switched by a rename run over SSH.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import hashlib
import json
import logging
import os
import shlex
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from generator import clock as clock_mod
from generator import i18n, memory, provenance
from generator.catalog.load import Catalog
from generator.check import load_catalog
from generator.engine import build_site, choice
from generator.outputs.feeds import MARKER_DAYS
from generator.outputs.feeds import WINDOW as FEED_WINDOW
from generator.outputs.pages.week import DAYS, in_window, local_day
from generator.project import Project
from generator.publish import seal
from generator.publish import versions as versions_mod
from generator.publish.lock import DEFAULT_WAIT, Busy, hold
from generator.publish.versions import LOG_NAME, MARK, PublishError
from generator.releases.notes import all_corrections
from generator.releases.plan import Release, Schedule, plan
from generator.releases.punctuality import LogEntry, newly_public, read_log, set_aside
from generator.verify import VerificationError, addresses, verify_site
from generator.words.staff import PUBLISH, STEP_TIME, STEPS, UNFIT, filled

__all__ = ["LOG_NAME", "MARK", "PublishError", "Target", "publish", "rollback", "switch"]

log = logging.getLogger("phobien")

KEEP_VERSIONS = 5
KILL_AT = "PHOBIEN_KILL_AT"  # tests and bench/kills.py: SIGKILL this publish at a point


# --- targets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where the site is published: a local folder, or a folder on a server over SSH."""

    path: str  # the local path, or the path on the server
    host: str | None = None  # "user@host" for a remote target
    port: int | None = None

    @classmethod
    def parse(cls, text: str) -> Target:
        """``public``, ``/srv/site/public``, ``user@host:/srv/public`` or
        ``ssh://user@host:2222/srv/public``."""
        if text.startswith("ssh://"):
            url = urlparse(text)
            user = f"{url.username}@" if url.username else ""
            return cls(url.path, f"{user}{url.hostname}", url.port)
        head, sep, tail = text.partition(":")
        if sep and head and "/" not in head and (("@" in head) or tail.startswith("/")):
            return cls(tail, head)
        return cls(text)

    @property
    def remote(self) -> bool:
        return self.host is not None

    @property
    def name(self) -> str:
        return Path(self.path).name

    def versions(self) -> str:
        """Versions live beside the target: ``public`` → ``.public.versions/``."""
        return str(Path(self.path).parent / f".{self.name}.versions")


@dataclass
class Result:
    version: str
    newly_public: list[str]
    next_release: dt.datetime | None
    datasets_added: list[str] = field(default_factory=list)
    unchanged: bool = False  # nothing changed and nothing fell due: nothing was done
    replaced: list[tuple[str, str]] = field(default_factory=list)  # served: (file, kind)


Progress = Callable[[str], None]



def _steps(say: Progress, lang: str) -> Callable[[str], Callable[[], None]]:
    """A progress display for the long steps: each step's name, then its time, in the
    staff's language ("2,5 giây")."""
    count = [0]

    def step(name: str) -> Callable[[], None]:
        count[0] += 1
        start = time.monotonic()
        say(f"[{count[0]}/4] {name} ...")

        def done() -> None:
            seconds = i18n.format_number(time.monotonic() - start, lang, 1)
            say(f"[{count[0]}/4] {name}: {STEP_TIME[lang].format(seconds=seconds)}")

        return done

    return step


# --- publishing --------------------------------------------------------------------------


def _kill_point(point: str) -> None:
    """Die here, as a power cut would, when ``PHOBIEN_KILL_AT`` names this point."""
    if os.environ.get(KILL_AT) == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _fault(exc: OSError) -> PublishError:
    """A plain message for a disk or permission fault, in both languages."""
    where = exc.filename or ""
    if exc.errno == errno.ENOSPC:
        return PublishError.said("disk-full", where=where)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return PublishError.said("read-only", where=where, reason=exc.strerror)
    return PublishError.said("system", where=where, reason=exc.strerror)


def _busy(exc: Busy) -> PublishError:
    return PublishError.said("busy", holder=exc.holder or PUBLISH["unknown-holder"],
                             waited=f"{exc.waited:.0f}")


@contextlib.contextmanager
def _locked(versions: Path, wait: float) -> Iterator[None]:
    """The target's lock, with its faults as plain messages."""
    try:
        versions.mkdir(parents=True, exist_ok=True)
        with hold(versions, wait):
            yield
    except Busy as exc:
        raise _busy(exc) from None


def _served_name(where: Target, ssh: str) -> str | None:
    if not where.remote:
        path = Path(where.path)
        return path.resolve().name if path.is_symlink() else None
    q = shlex.quote
    served = _remote(where, ssh, f"readlink {q(where.path)} 2>/dev/null || true").strip()
    return Path(served).name if served else None


def _recover(where: Target, local_versions: Path, ssh: str, say: Progress,
             lang: str) -> None:
    """Under the lock, before anything else: log a switch a killed publish made, set
    damaged log lines aside, and remove what killed publishes left half-done."""
    if (local_versions / versions_mod.PENDING).is_file():
        logged = versions_mod.settle(local_versions, _served_name(where, ssh))
        if logged is not None:
            say(STEPS["recovered"][lang].format(version=logged.version))
    publish_log = local_versions / LOG_NAME
    count = set_aside(publish_log)
    if count:
        say(STEPS["damaged_log"][lang].format(count=count, log=publish_log,
                                               aside=publish_log.name + ".damaged"))
    versions_mod.tidy(local_versions)


def _served_differences(where: Target, local_versions: Path,
                        ssh: str) -> tuple[str, list[tuple[str, str]]]:
    """The served version and how it differs from its manifest. On a server, its files
    are hashed there and compared with the manifest sealed here when it was sent."""
    if where.remote:
        return _remote_differences(where, local_versions, ssh)
    target = Path(where.path)
    if not target.is_symlink() or not target.exists():
        return "", []
    version = target.resolve()
    return version.name, seal.differences(version,
                                          seal.manifest_path(version.parent, version.name))


def _remote_differences(where: Target, local_versions: Path,
                        ssh: str) -> tuple[str, list[tuple[str, str]]]:
    q = shlex.quote
    served = _remote(where, ssh, f"readlink {q(where.path)} || true").strip()
    name = Path(served).name if served else ""
    expected = seal.recorded(seal.manifest_path(local_versions, name)) if name else None
    if expected is None:  # sent before versions were sealed, or from another machine
        return name, []
    listing = _remote(where, ssh, f"cd {q(served)} && "
                      "find . -type f -print0 | xargs -0 -r sha256sum -- && "
                      "find . -type l -printf 'link %P %l\\n'")
    actual: dict[str, str] = {}
    for line in listing.splitlines():
        if line.startswith("link "):
            rel, _, goal = line.removeprefix("link ").partition(" ")
            actual[rel] = "link:" + goal
        elif line.strip():
            digest, _, rel = line.partition("  ")
            actual[rel.removeprefix("./")] = digest
    return name, seal.compare(expected, actual)


def publish(
    config_file: Path,
    target: Path | str,
    as_of: str | None = None,
    *,
    ssh: str = "ssh",
    keep: int = KEEP_VERSIONS,
    say: Progress = log.info,
    force: bool = False,
    lang: str = "vi",
    wait: float = DEFAULT_WAIT,
) -> Result:
    """Check, build, verify, seal and switch, one publish per target at a time. Any
    failure raises before the switch and leaves no partial version."""
    where = Target.parse(str(target))
    project = Project.read(config_file)

    step = _steps(say, lang)
    done = step(STEPS["check"][lang])
    full = load_catalog(project.catalog_dir, display_root=project.root)
    # One moment for the whole publish: the build, the verification and the log.
    clock = clock_mod.resolve(as_of, full.site.zone)
    if as_of and not clock.preview:
        raise PublishError.said("as-of-publish", when=as_of)
    if clock.preview:
        raise PublishError.said("preview-publish", when=clock.now.isoformat())
    done()

    local_versions = Path(where.versions()) if not where.remote else (
        project.work_dir / "outgoing" / where.name)
    name = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    staging = local_versions / f"{name}.partial"
    try:
        with _locked(local_versions, wait):
            try:
                _recover(where, local_versions, ssh, say, lang)
                return _publish_locked(config_file, project, where, local_versions, full,
                                       clock, step, ssh, keep, say, force, lang, staging)
            finally:
                _discard(staging)
    except OSError as exc:
        raise _fault(exc) from None


def _discard(staging: Path) -> None:
    """Remove a version that did not get its name (a failed or faulted publish)."""
    name = staging.name.removesuffix(".partial")
    with contextlib.suppress(OSError):
        if staging.exists():
            seal.remove(staging)
        if not (staging.parent / name).is_dir():
            seal.manifest_path(staging.parent, name).unlink(missing_ok=True)


def _publish_locked(config_file: Path, project: Project, where: Target, local_versions: Path,
                    full: Catalog, clock: clock_mod.Clock,
                    step: Callable[[str], Callable[[], None]], ssh: str, keep: int,
                    say: Progress, force: bool, lang: str, staging: Path) -> Result:
    inputs = fingerprint(project, full, clock.now)
    current = _current_mark(where, local_versions)
    served, changed = _served_differences(where, local_versions, ssh)
    if changed:
        # Sealed versions never change: this is damage or tampering. Never keep serving it.
        say(STEPS["tampered"][lang].format(version=served, count=len(changed),
                                           files=seal.describe(changed, lang)))
    elif current.get("inputs") == inputs and not force:
        # Same catalog, docs, code and the same releases public: the site would come out
        # the same. Publishing again at every tick of a timer costs almost nothing.
        say(STEPS["unchanged"][lang])
        return Result(str(current.get("version", "")), [], next_release(full, clock.now),
                      unchanged=True)
    name = staging.name.removesuffix(".partial")
    datasets, _ = build_version(config_file, project, local_versions, full, clock.now, step,
                                lang, staging, inputs, remote=where.remote,
                                live=live_site(where, local_versions, ssh, current),
                                clock_source=clock.source)
    version = local_versions / name
    staging.rename(version)

    done = step(STEPS["switch"][lang])
    schedule = plan(full.public(), clock.now)
    fresh = newly_public(schedule, read_log(local_versions / LOG_NAME))
    previous = list(current.get("datasets", []))
    added = [d for d in datasets if d not in previous]
    entry = LogEntry(time=clock.now, version=name, user=_user(), host=socket.gethostname(),
                     newly_public=tuple(fresh), datasets=tuple(added))
    versions_mod.intend(local_versions, entry)
    if where.remote:
        _publish_remote(where, version, name, ssh, keep)
    else:
        switch(Path(where.path), version)
    switched = _switch_time(clock)
    _kill_point("switched")
    record_switch(local_versions, entry, switched, schedule)
    _kill_point("logged")
    versions_mod.prune(local_versions, keep, {version})
    done()
    return Result(name, fresh, next_release(full, clock.now), added, replaced=changed)


def _switch_time(clock: clock_mod.Clock) -> dt.datetime:
    """When the switch happened, on the publish's own clock: the real time, or for a
    publish run at a moment given by SOURCE_DATE_EPOCH (a rebuild, a test, a benchmark),
    that moment plus the time the publish has taken, so that the log never mixes clocks."""
    if clock.source == "system":
        return dt.datetime.now(clock.now.tzinfo)
    return clock.now + dt.timedelta(seconds=time.monotonic() - clock.started)


def build_version(config_file: Path, project: Project, local_versions: Path, full: Catalog,
                  now: dt.datetime, step: Callable[[str], Callable[[], None]], lang: str,
                  staging: Path, inputs: str, *, remote: bool = False,
                  scheduled: bool = False, manifest: str | None = None,
                  live: Live | None = None, clock_source: str | None = None,
                  ) -> tuple[list[str], dict[str, list[str]]]:
    """Build ``staging`` as of ``now``, verify it with the embargo as of ``now``, mark it
    complete, list it in its manifest (``manifest``: the name it is listed under, when
    not the version's own) and seal it. Returns its public datasets and what the build
    made anew. A failed verification keeps the build as ``.failed``, never switched in;
    so does a build that would drop an address ``live`` (the served version) serves."""
    name = staging.name.removesuffix(".partial")
    done = step(STEPS["build"][lang])
    rebuilt = build_site(config_file, staging, now.isoformat(),
                         publish_log=local_versions / LOG_NAME, recording=True,
                         scheduled=scheduled, catalog=full, clock_source=clock_source)
    memory.release()  # the build's pages, before the verification's workers start
    done()
    _kill_point("built")

    done = step(STEPS["verify"][lang])
    schedule = plan(full.public(), now)
    try:
        verify_site(staging, full, schedule, project.host,
                    memo=project.work_dir / "verified.json")
        if live is not None:
            keep_addresses(staging, live, full, schedule)
    except Exception:
        failed = local_versions / f"{name}.failed"
        seal.remove(failed)
        staging.rename(failed)  # kept for inspection; never switched in
        raise
    datasets = sorted(d.id for d in full.public().datasets)
    # Whose each dataset is: the next publish reads it here, to tell the addresses of a
    # product made restricted (which must go) from the others (which must stay).
    owners = {d.id: d.product for d in full.public().datasets}
    (staging / MARK).write_text(json.dumps({"version": name, "datasets": datasets,
                                            "inputs": inputs, "as_of": now.isoformat(),
                                            "owners": owners})
                                + "\n")
    # Sealed and listed before it takes its name: a version by name is always whole.
    seal.write_manifest(staging, seal.manifest_path(local_versions, manifest or name),
                        config_file)
    if not remote:  # rsync -p would carry read-only folders to the server's rm -rf
        seal.seal(staging)
    _kill_point("sealed")
    done()
    return datasets, rebuilt


@dataclass(frozen=True)
class Live:
    """The version the target serves: its files and whose each dataset was."""

    files: list[str]
    owners: dict[str, str]


def live_site(where: Target, local_versions: Path, ssh: str,
              mark: dict[str, Any]) -> Live | None:
    """The served version's files (on a server, as its manifest sealed here lists them),
    or None when nothing is served yet or its list cannot be read."""
    files: list[str] | None = None
    if not where.remote:
        target = Path(where.path)
        if target.exists():
            files = addresses.names(target.resolve())
    else:
        name = _served_name(where, ssh)
        recorded = seal.recorded(seal.manifest_path(local_versions, name)) if name else None
        files = list(recorded) if recorded is not None else None
    if files is None:
        return None
    return Live(files, dict(mark.get("owners") or {}))


def keep_addresses(site: Path, live: Live, full: Catalog, schedule: Schedule) -> None:
    """Refuse a version that drops an address the live one served, unless it belongs to
    a product now restricted (its addresses must go), is a download of a dataset whose
    product is no longer public (only a public product has downloads), or a file of a
    release not public any more (moved later after it went out: the embargo comes first)."""
    new = addresses.names(site)
    restricted = {p.id for p in full.products if p.access == "restricted"}
    not_public = {p.id for p in full.products if p.access != "public"}
    withdrawn = {d for d, product in live.owners.items() if product in not_public}
    lost = addresses.dropped(live.files, new, restricted, withdrawn, full.site.languages,
                             addresses.withheld(full, schedule))
    if not lost:
        return
    hints: dict[str, list[str]] = {"vi": [], "en": []}
    # An old id already redirected whose releases have no counterpart (a merger of
    # products of other periods): formerly cannot cover them, a discontinued product can.
    merged = {old for p in full.products for old in p.formerly}
    for kind, id_ in sorted({(d.kind, d.id) for d in lost}, key=lambda k: (k[0] == "page", k)):
        key = "merged" if kind == "product" and id_ in merged else kind
        for lang, text in filled(PUBLISH[f"dropped-{key}"], id=id_).items():
            hints[lang].append(f"  - {text}")
    listed = "\n".join(f"  {addresses.shown(d.name)}" for d in lost)
    raise PublishError.said("dropped", count=len(lost), addresses=listed,
                            hints={lang: "\n".join(h) for lang, h in hints.items()})


def record_switch(local_versions: Path, entry: LogEntry, switched: dt.datetime,
                  schedule: Schedule) -> None:
    """Log a switch that happened at ``switched``, with each newly public release's
    lateness (the switch minus its announced time): what the punctuality page shows."""
    announced = {r.id: r.moment for r in schedule.releases if r.moment is not None}
    versions_mod.intend(local_versions, entry.at_switch(switched, announced))
    versions_mod.settle(local_versions, entry.version)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def _current_mark(where: Target, local_versions: Path) -> dict[str, Any]:
    """The completion mark of the version the target serves (for a remote target, of the
    last version sent from here)."""
    if not where.remote:
        target = Path(where.path)
        marks = [target.resolve() / MARK] if target.exists() else []
    else:
        marks = [v / MARK for v in versions_mod.marked(local_versions)][-1:]
    for mark in marks:
        if mark.is_file():
            with contextlib.suppress(ValueError):
                data: dict[str, Any] = json.loads(mark.read_text())
                return data
    return {}


def input_digest(project: Project) -> str:
    """The bytes a site is built from, whatever the moment: the catalog (sources
    included), the hand-written pages, ``mkdocs.yml`` and a theme folder it names,
    phobien's own code and the versions of the packages it runs on. ``publish --at``
    compares it before the switch: a version built from other inputs is never switched."""
    digest = hashlib.sha256()
    roots = [project.catalog_dir, project.docs_dir, *_theme_dirs(project)]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(root.parent).as_posix().encode())
            digest.update(_file_digest(path))
    digest.update(project.config_file.read_bytes())
    digest.update(provenance.code_digest().encode())
    digest.update(json.dumps(provenance.dependencies()).encode())
    # The engine too: a site switched to ProperDocs is another site (its pages name it).
    digest.update(choice.select().encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as f:  # in blocks: a national source table is hundreds of MB
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def _theme_dirs(project: Project) -> list[Path]:
    """The office's own theme folder (``theme.custom_dir`` in ``mkdocs.yml``), if any."""
    with contextlib.suppress(Exception):  # MkDocs reads mkdocs.yml; here a hint is enough
        text = project.config_file.read_text(encoding="utf-8")
        custom = yaml.load(text, Loader=_Lenient)["theme"].get("custom_dir")
        if custom and (project.root / custom).is_dir():
            return [project.root / custom]
    return []


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml's own tags (``!ENV``, ``!relative``) as plain values."""


_Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)


def fingerprint(project: Project, full: Catalog, now: dt.datetime) -> str:
    """Everything a published site depends on: the inputs' bytes, phobien's own code, and
    what "now" changes in the output (which releases are public, which feed markers and
    window entries are current, which releases each window of the week view holds,
    which corrections are announced, and the office's day: the week view is of today).
    Equal fingerprints give equal sites."""
    digest = hashlib.sha256(input_digest(project).encode())
    schedule = plan(full.public(), now)
    zone = full.site.zone
    state = [(r.id, r.status, r.sequence, now - (r.moment or now) <= FEED_WINDOW,
              [in_window(r, now, zone, offset=offset) for offset in (0, DAYS)])
             for r in schedule.releases]
    recent = [(c.release_id, c.kind, now - c.announced <= MARKER_DAYS)
              for c in schedule.changes]
    today = local_day(now, zone)
    # A correction shows from its announcement (once its release is out).
    corrected = [(n.release.id, n.anchor) for n in all_corrections(full.public(), schedule)]
    digest.update(json.dumps([state, recent, today.isoformat(), corrected],
                             default=str).encode())
    return digest.hexdigest()


def switch(target: Path, version: Path) -> None:
    """Point ``target`` at ``version`` with one atomic rename."""
    if not (version / MARK).is_file():
        raise PublishError.said("incomplete-version", version=version)
    link = target.parent / f".{target.name}.next"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(version, target.parent), target_is_directory=True)
    if target.exists() and not target.is_symlink():
        # A plain folder from before phobien managed the target: keep it as a version.
        target.rename(version.parent / f"previous-{version.name}")
    os.replace(link, target)


# --- rollback ----------------------------------------------------------------------------


def _unfit(version: Path, config_file: Path, full: Catalog, now: dt.datetime,
           manifest: Path | None = None) -> dict[str, str] | None:
    """Why ``version`` must not be served today (in each language), or ``None``.
    ``manifest``: where its manifest is, when not beside it."""
    built_for = _built_as_of(version)
    if built_for is not None and built_for > now:
        # A version built ahead for ``publish --at`` shows releases before their time.
        return filled(UNFIT["future"], when=built_for.isoformat())
    changed = seal.differences(version, manifest or seal.manifest_path(version.parent,
                                                                         version.name))
    if changed:
        return filled(UNFIT["changed"], count=len(changed),
                      files={lang: seal.describe(changed, lang) for lang in ("vi", "en")})
    try:
        verify_site(version, full, plan(full.public(), now), Project.read(config_file).host)
    except VerificationError as exc:
        first = {lang: "; ".join(f.format(lang) for f in exc.failures[:3])
                 for lang in UNFIT["fails"]}
        return filled(UNFIT["fails"], count=len(exc.failures), first=first)
    return None


def _built_as_of(version: Path) -> dt.datetime | None:
    """The moment a version was built as of, as its mark records it (older marks do not)."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        data = json.loads((version / MARK).read_text(encoding="utf-8"))
        return dt.datetime.fromisoformat(data["as_of"])
    return None


def rollback(target: Path | str, *, ssh: str = "ssh", config_file: Path | None = None,
             to: str | None = None, wait: float = DEFAULT_WAIT, lang: str = "vi") -> str:
    """Switch the target back to the version before the current one (or to ``to``), if
    it is intact and passes verification against today's catalog and clock."""
    where = Target.parse(str(target))
    if where.remote:
        return _rollback_remote(where, ssh, config_file)
    path = Path(where.path)
    versions = Path(where.versions())
    if not versions.is_dir():
        raise PublishError.said("no-earlier", path=path)
    try:
        with _locked(versions, wait):
            _recover(where, versions, ssh, log.info, lang)
            return _rollback_locked(path, versions, config_file, to, lang)
    except OSError as exc:
        raise _fault(exc) from None


def _rollback_locked(path: Path, versions: Path, config_file: Path | None, to: str | None,
                     lang: str) -> str:
    done = versions_mod.marked(versions)
    current = path.resolve() if path.is_symlink() else None
    if to is not None:
        chosen = versions / to
        if chosen not in done:
            names = ", ".join(v.name for v in done) or "-"
            raise PublishError.said("not-a-version", to=to, path=path, names=names)
    else:
        older = [v for v in done if current is None or v.name < current.name]
        if not older:
            raise PublishError.said("no-earlier", path=path)
        chosen = older[-1]
    config = config_file or (versions_mod.manifest_config(versions, current.name)
                             if current else None) or Path("mkdocs.yml")
    project = Project.read(config)
    full = load_catalog(project.catalog_dir, display_root=project.root)
    now = clock_mod.resolve(None, full.site.zone).now
    cause = _unfit(chosen, config, full, now)
    if cause is not None:
        skip = {chosen.name, current.name if current else ""}
        others = [v for v in reversed(done) if v.name not in skip]
        fit = next((v for v in others if _unfit(v, config, full, now) is None), None)
        offer = (filled(PUBLISH["offer"], version=fit.name) if fit
                 else PUBLISH["offer-none"])
        raise PublishError.said("not-returning", version=chosen.name, cause=cause,
                                offer=offer)
    versions_mod.intend(versions, LogEntry(time=now, version=chosen.name, user=_user(),
                                           host=socket.gethostname(), newly_public=(),
                                           datasets=(), action="rollback"))
    switch(path, chosen)
    versions_mod.settle(versions, chosen.name)
    return chosen.name


def next_release(catalog: Catalog, now: dt.datetime) -> dt.datetime | None:
    """The next moment a release falls due: the site must be published again then."""
    upcoming = _upcoming(catalog, now)
    return upcoming[0].moment if upcoming else None


def _upcoming(catalog: Catalog, now: dt.datetime) -> list[Release]:
    schedule = plan(catalog.public(), now)
    return [r for r in schedule.releases
            if not r.cancelled and r.moment is not None and r.moment > now]


def due_at(catalog: Catalog, now: dt.datetime) -> list[Release]:
    """The releases that fall due at the next release moment."""
    upcoming = _upcoming(catalog, now)
    return [r for r in upcoming if r.moment == upcoming[0].moment] if upcoming else []


# --- remote targets over SSH -------------------------------------------------------------


def _ssh_argv(ssh: str, where: Target) -> list[str]:
    argv = shlex.split(ssh)
    if where.port:
        argv += ["-p", str(where.port)]
    return argv


def _run(argv: list[str]) -> str:
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode != 0:
        raise PublishError.said("command-failed", command=shlex.join(argv[:3]),
                                detail=result.stderr.strip()[:400])
    return result.stdout


def _remote(where: Target, ssh: str, script: str) -> str:
    assert where.host is not None
    return _run([*_ssh_argv(ssh, where), where.host, script])


def _publish_remote(where: Target, version: Path, name: str, ssh: str, keep: int) -> None:
    """Copy the version next to the server's others, then switch with one rename there."""
    assert where.host is not None
    versions = where.versions()
    target = where.path
    q = shlex.quote
    current = _remote(where, ssh, f"mkdir -p {q(versions)} && "
                      f"(readlink {q(target)} 2>/dev/null || true)").strip()
    link_dest = ["--link-dest", current] if current else []
    rsh = shlex.join(_ssh_argv(ssh, where))
    # A fresh build rewrites every file: compare contents (--checksum) and leave times out
    # (no -t), so that unchanged files are hard-linked to the previous version.
    _run(["rsync", "-rlpD", "--checksum", "--delete", *link_dest, "-e", rsh, f"{version}/",
          f"{where.host}:{versions}/{name}.partial/"])
    parent = str(Path(target).parent)
    _remote(where, ssh, " && ".join([
        f"mv {q(versions + '/' + name + '.partial')} {q(versions + '/' + name)}",
        # a plain folder from before phobien managed the target is kept as a version
        f"if [ -d {q(target)} ] && [ ! -L {q(target)} ]; then "
        f"mv {q(target)} {q(versions + '/previous-' + name)}; fi",
        f"ln -sfn {q(versions + '/' + name)} {q(parent + '/.' + where.name + '.next')}",
        # mv -T renames the link over the old one: atomic, as rename(2) is
        f"mv -T {q(parent + '/.' + where.name + '.next')} {q(target)}",
        f"cd {q(versions)} && ls -1d */ | sed 's#/$##' | grep -v '\\.partial$' | sort | "
        f"head -n -{keep} | xargs -r rm -rf",
    ]))


def _rollback_remote(where: Target, ssh: str, config_file: Path | None) -> str:
    """Switch the server back to its previous version once a copy of it, fetched back,
    matches the manifest sealed when it was sent and passes verification against today's
    catalog and clock: the same promise as a local rollback."""
    q = shlex.quote
    versions = where.versions()
    listing = _remote(where, ssh, f"readlink {q(where.path)}; "
                      f"ls -1d {q(versions)}/*/ | sed 's#/$##' | sort")
    lines = listing.strip().splitlines()
    current, available = lines[0], [v for v in lines[1:] if not v.endswith(".partial")]
    older = [v for v in available if v < current]
    if not older:
        raise PublishError.said("no-earlier-remote", path=where.path, host=where.host)
    chosen = older[-1]
    name = Path(chosen).name
    config = (config_file or Path("mkdocs.yml")).resolve()
    project = Project.read(config)
    full = load_catalog(project.catalog_dir, display_root=project.root)
    now = clock_mod.resolve(None, full.site.zone).now
    sealed = seal.manifest_path(project.work_dir / "outgoing" / where.name, name)
    with tempfile.TemporaryDirectory(prefix="phobien-rollback-") as tmp:
        copy = Path(tmp) / name
        rsh = shlex.join(_ssh_argv(ssh, where))
        _run(["rsync", "-rlpD", "-e", rsh, f"{where.host}:{chosen}/", f"{copy}/"])
        cause = _unfit(copy, config, full, now, manifest=sealed)
    if cause is not None:
        raise PublishError.said("not-returning-remote", version=name, host=where.host,
                                cause=cause)
    parent = str(Path(where.path).parent)
    nxt = f"{parent}/.{where.name}.next"
    _remote(where, ssh, f"ln -sfn {q(chosen)} {q(nxt)} && mv -T {q(nxt)} {q(where.path)}")
    return name


def versions_dir(target: Path) -> Path:
    return Path(Target.parse(str(target)).versions())
