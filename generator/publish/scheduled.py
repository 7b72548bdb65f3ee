"""Publish at a moment: ``phobien publish --at WHEN`` puts a release live on its second.

A plain publish starts at a release's time and switches minutes later at national scale
(the build and its verification). Here the site is built *as of WHEN* ahead of time,
verified with the embargo as of WHEN, sealed and kept in the versions folder beside the
target (outside the web server's root) as ``<name>.future``, readable by its owner only.
At WHEN, by the real clock, the folder gets its normal mode and its name, and the
target's link is switched: three system calls. The switch is never before WHEN.

Only verified content is switched. Before the switch, the inputs (catalog and sources,
pages, ``mkdocs.yml``, phobien's code and its packages) are compared with those the
version was built from; if they changed, the version is thrown away and the site built
again, and goes out late but as verified.

The publish lock is held for the build (as a plain publish holds it), let go during the
wait, so that the 15-minute timer's publishes run meanwhile, and taken again a little
before WHEN for the last comparison and the switch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import signal
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from generator import clock as clock_mod
from generator.catalog.load import Catalog
from generator.check import load_catalog
from generator.project import Project
from generator.publish import seal
from generator.publish import versions as versions_mod
from generator.publish.lock import DEFAULT_WAIT
from generator.publish.run import (
    KEEP_VERSIONS,
    Progress,
    PublishError,
    Result,
    Target,
    _current_mark,
    _fault,
    _kill_point,
    _locked,
    _recover,
    _steps,
    _user,
    build_version,
    fingerprint,
    input_digest,
    live_site,
    next_release,
    publish,
    record_switch,
    switch,
)
from generator.publish.versions import LOG_NAME
from generator.releases.plan import plan
from generator.releases.punctuality import LogEntry, newly_public, read_log
from generator.words.staff import AT as WORDS
from generator.words.staff import PUBLISH, STEPS

CHECK_EVERY = 60.0  # seconds between two looks at the inputs while waiting
OWNER_ONLY = 0o500  # the future version's top folder: its owner may read it, nobody else



class Stopped(Exception):
    """SIGTERM or Ctrl-C while waiting: the served site was left as it was."""

    def __init__(self, when: dt.datetime) -> None:
        super().__init__(when.isoformat())
        self.when = when

    def text(self, lang: str) -> str:
        return PUBLISH["stopped"][lang].format(when=self.when.isoformat())


@dataclass
class Future:
    """A version built ahead of its moment, waiting in the versions folder."""

    name: str
    folder: Path  # <versions>/<name>.future
    mode: int  # the sealed mode it gets back at the switch
    digest: str  # input_digest() of what it was built from
    seen: frozenset[str]  # the releases the log had made public when it was built
    datasets: list[str]
    holder: int  # the open, flocked <name>.future.lock: "its owner still waits"
    checking: float  # seconds the last input_digest() took
    loading: float  # seconds loading the catalog took: both are done before the switch


def real_now(zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.fromtimestamp(time.time(), zone)


def moment_of(text: str, full: Catalog, now: dt.datetime) -> dt.datetime | None:
    """``next`` (the next release moment) or an ISO 8601 moment, office time if no zone."""
    if text.strip().lower() == "next":
        return next_release(full, now)
    return clock_mod.parse_moment(text, full.site.zone)


def publish_at(config_file: Path, target: Path | str, when_text: str, *,
               within: dt.timedelta | None = None, ssh: str = "ssh",
               keep: int = KEEP_VERSIONS, say: Progress = print, force: bool = False,
               lang: str = "vi", wait: float = DEFAULT_WAIT) -> Result:
    """Publish the site as of WHEN at WHEN: build it ahead, wait, switch on the second.
    A moment already past, none to come, or beyond ``within``: a plain publish now."""
    where = Target.parse(str(target))
    project = Project.read(config_file)
    full = load_catalog(project.catalog_dir, display_root=project.root)
    now = real_now(full.site.zone)
    when = moment_of(when_text, full, now)

    def plain(reason: str) -> Result:
        say(reason)
        return publish(config_file, target, ssh=ssh, keep=keep, say=say, force=force,
                       lang=lang, wait=wait)

    if where.remote:
        # The version would have to wait on the server, hidden from its web server, and
        # the server's own publish and rollback know nothing of it: not done (yet).
        raise PublishError.said("remote-at")
    if when is None:
        return plain(WORDS["none"][lang])
    shown = when.isoformat()
    if when <= now:
        return plain(WORDS["past"][lang].format(when=shown))
    if within is not None and when - now > within:
        return plain(WORDS["beyond"][lang].format(when=shown, within=_duration(within)))
    versions = Path(where.versions())
    for other in versions_mod.futures(versions):
        record = versions_mod.future_record(other)
        if record.get("when") == shown:  # a timer's earlier run already waits for it
            return plain(WORDS["waiting_already"][lang].format(when=shown,
                                                               pid=record.get("pid")))
    try:
        with _stoppable(when) as state:
            return _prebuild_wait_switch(config_file, project, where, versions, when, state,
                                         ssh=ssh, keep=keep, say=say, lang=lang, wait=wait,
                                         force=force)
    except OSError as exc:
        raise _fault(exc) from None


@dataclass
class _State:
    switching: bool = False  # past the point of no return: a signal is noted, not obeyed
    stop: bool = False


@contextlib.contextmanager
def _stoppable(when: dt.datetime) -> Iterator[_State]:
    """SIGTERM (a service stopped, ``kill``) ends the wait as Ctrl-C does: by an
    exception, so that the prebuilt version is removed on the way out. Once the switch
    has begun, it is finished first."""
    state = _State()

    def stop(signum: int, frame: FrameType | None) -> None:
        if state.switching:
            state.stop = True
            return
        raise Stopped(when)

    handlers = {}
    with contextlib.suppress(ValueError):  # not the main thread: no handlers
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            handlers[sig] = signal.signal(sig, stop)
    try:
        yield state
    except KeyboardInterrupt:
        raise Stopped(when) from None
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _prebuild_wait_switch(config_file: Path, project: Project, where: Target, versions: Path,
                          when: dt.datetime, state: _State, *, ssh: str, keep: int,
                          say: Progress, lang: str, wait: float, force: bool) -> Result:
    while True:
        step = _steps(say, lang)
        step(STEPS["check"][lang])()
        future = _prebuild(config_file, project, where, versions, when, step, say, lang,
                           wait, ssh)
        try:
            result = _wait_and_switch(config_file, project, where, versions, when, future,
                                      state, step, say=say, lang=lang, wait=wait, keep=keep)
        finally:
            _let_go(future)
        if result is not None:
            return result
        # The inputs changed: built again as of WHEN while it is still to come; once it
        # has passed, a plain publish as of now (late, but only what was verified).
        if real_now(when.tzinfo or dt.UTC) >= when:
            say(WORDS["late_rebuild"][lang].format(when=when.isoformat()))
            return publish(config_file, where.path, ssh=ssh, keep=keep, say=say,
                           force=force, lang=lang, wait=wait)


def _prebuild(config_file: Path, project: Project, where: Target, versions: Path,
              when: dt.datetime, step: Callable[[str], Callable[[], None]], say: Progress,
              lang: str, wait: float, ssh: str) -> Future:
    """Under the lock, as a plain publish: build as of WHEN, verify with the embargo as of
    WHEN, seal, and give the folder its ``.future`` name, owner-only."""
    started = time.monotonic()
    full = load_catalog(project.catalog_dir, display_root=project.root)
    loading = time.monotonic() - started
    name = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    staging = versions / f"{name}.partial"
    future = versions / f"{name}{versions_mod.FUTURE}"
    with _locked(versions, wait):
        holder = -1
        try:
            _recover(where, versions, ssh, say, lang)
            started = time.monotonic()
            digest = input_digest(project)
            checking = time.monotonic() - started
            inputs = fingerprint(project, full, when)
            seen = _seen(versions)
            # Held from before the folder has its future name until it is switched or
            # removed: a publish that finds the lock free knows its owner is gone.
            holder = _hold(versions_mod.lock_of(future), when)
            datasets, rebuilt = build_version(
                config_file, project, versions, full, when, step, lang, staging, inputs,
                scheduled=True, manifest=future.name,
                live=live_site(where, versions, ssh, _current_mark(where, versions)))
            _note_vintages(holder, when, _frozen(project, full, rebuilt, real_now(when.tzinfo
                                                                                  or dt.UTC)))
            mode = staging.stat().st_mode & 0o7777
            os.chmod(staging, OWNER_ONLY)
            _kill_point("prebuilt")
            staging.rename(future)
        except BaseException:
            if holder >= 0:
                versions_mod.abandon(future)
                os.close(holder)
            seal.remove(staging)
            raise
    say(WORDS["prebuilt"][lang].format(version=name, when=when.isoformat()))
    return Future(name, future, mode, digest, seen, datasets, holder, checking, loading)


def _hold(lock: Path, when: dt.datetime) -> int:
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    _write(fd, {"when": when.isoformat(), "pid": os.getpid(), "vintages": []})
    return fd


def _note_vintages(fd: int, when: dt.datetime, vintages: list[Path]) -> None:
    _write(fd, {"when": when.isoformat(), "pid": os.getpid(),
                "vintages": [str(v) for v in vintages]})


def _write(fd: int, record: dict[str, object]) -> None:
    data = json.dumps(record, ensure_ascii=False).encode()
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)
    os.fsync(fd)


def _frozen(project: Project, full: Catalog, rebuilt: dict[str, list[str]],
            now: dt.datetime) -> list[Path]:
    """The vintages this build froze for releases still to come: removed with the
    version if it is never switched in (its figures might yet change)."""
    upcoming = {r.id for r in plan(full.public(), now).releases
                if r.moment is not None and r.moment > now}
    products = {d.id: d.product for d in full.public().datasets}
    out = []
    for item in rebuilt.get("datasets", []):
        dataset, sep, key = item.partition("@")
        if sep and f"{products.get(dataset)}/{key}" in upcoming:
            out.append(project.work_dir / "vintages" / dataset / key)
    return out


def _seen(versions: Path) -> frozenset[str]:
    return frozenset(r for e in read_log(versions / LOG_NAME) for r in e.newly_public)


def _let_go(future: Future) -> None:
    """Remove the future version unless it was switched in, and let go of its lock."""
    if future.holder < 0:
        return
    if future.folder.exists():
        versions_mod.abandon(future.folder)
    else:
        versions_mod.lock_of(future.folder).unlink(missing_ok=True)
    os.close(future.holder)
    future.holder = -1


def _changed(project: Project, versions: Path, future: Future) -> bool:
    """Inputs other than those the future version was built from, or a release made
    public by another publish meanwhile (the version's punctuality page would not say
    so)."""
    started = time.monotonic()
    digest = input_digest(project)
    future.checking = time.monotonic() - started
    return digest != future.digest or not _seen(versions) <= future.seen


def _wait_and_switch(config_file: Path, project: Project, where: Target, versions: Path,
                     when: dt.datetime, future: Future, state: _State,
                     step: Callable[[str], Callable[[], None]], *, say: Progress,
                     lang: str, wait: float, keep: int) -> Result | None:
    """Wait for WHEN, looking at the inputs now and then; switch at WHEN. ``None``: the
    inputs changed and the future version was thrown away."""
    deadline = when.timestamp()
    while True:
        # The last look, under the lock, starts early enough to end before WHEN.
        lead = 1.0 + 2 * (future.checking + future.loading)
        left = deadline - lead - time.time()
        if left <= 0:
            break
        time.sleep(min(left, CHECK_EVERY))
        if deadline - lead - time.time() > 0 and _changed(project, versions, future):
            say(WORDS["changed"][lang].format(when=when.isoformat()))
            return None
    with _locked(versions, wait):
        _recover(where, versions, "ssh", say, lang)
        if _changed(project, versions, future):
            say(WORDS["changed"][lang].format(when=when.isoformat()))
            return None
        full = load_catalog(project.catalog_dir, display_root=project.root)
        schedule = plan(full.public(), when)
        fresh = newly_public(schedule, read_log(versions / LOG_NAME))
        previous = list(_current_mark(where, versions).get("datasets", []))
        added = [d for d in future.datasets if d not in previous]
        entry = LogEntry(time=when, version=future.name, user=_user(),
                         host=socket.gethostname(), newly_public=tuple(fresh),
                         datasets=tuple(added))
        # Everything that can be done before WHEN is: the log entry in flight, the
        # manifest under the version's own name. At WHEN only the switch is left.
        versions_mod.intend(versions, entry)
        os.replace(seal.manifest_path(versions, future.folder.name),
                   seal.manifest_path(versions, future.name))
        version = versions / future.name
        done = step(STEPS["switch"][lang])
        _sleep_until(deadline)
        state.switching = True
        os.chmod(future.folder, future.mode)
        future.folder.rename(version)
        switch(Path(where.path), version)
        switched = time.time()
        _kill_point("switched")
        zone = when.tzinfo or dt.UTC
        record_switch(versions, entry, dt.datetime.fromtimestamp(switched, zone), schedule)
        versions_mod.prune(versions, keep, {version})
        done()
    say(WORDS["switched"][lang].format(version=future.name, when=when.isoformat(),
                                       at=dt.datetime.fromtimestamp(switched, zone)
                                       .isoformat(timespec="milliseconds"),
                                       late=switched - deadline))
    return Result(future.name, fresh, next_release(full, when), added)


def _sleep_until(deadline: float) -> None:
    """Return at ``deadline`` (a ``time.time()``) or just after, never before: ``sleep``
    follows another clock than the wall clock, so the wall clock is asked again."""
    while (left := deadline - time.time()) > 0:
        time.sleep(left)


def _duration(span: dt.timedelta) -> str:
    """``20m``, ``90s``, ``2h``: the way ``--within`` takes it."""
    seconds = int(span.total_seconds())
    for size, unit in ((3600, "h"), (60, "m")):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def parse_duration(text: str) -> dt.timedelta:
    """``20m``, ``90s``, ``2h``, ``1h30m`` or a number of seconds.

    >>> parse_duration("20m"), parse_duration("1h30m"), parse_duration("45")
    (datetime.timedelta(seconds=1200), datetime.timedelta(seconds=5400), \
datetime.timedelta(seconds=45))
    """
    import re

    text = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return dt.timedelta(seconds=float(text))
    parts = re.findall(r"(\d+)\s*([hms])", text)
    if not parts or "".join(f"{n}{u}" for n, u in parts) != re.sub(r"\s", "", text):
        raise ValueError(text)
    sizes = {"h": 3600, "m": 60, "s": 1}
    return dt.timedelta(seconds=sum(int(n) * sizes[u] for n, u in parts))

