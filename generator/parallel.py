"""Both cores for the build: forked helpers share the languages and the pages.

``fork_map`` shares a few large pieces of pure work (each language's pages) with helpers
and brings their results back, pickled.

``Shared`` is for MkDocs' page loops. MkDocs renders its pages one after the other, in
two loops (Markdown to HTML, then the theme around it), on one core. The page cache
(``engine/pagecache.py``) is what lets a second process help without changing MkDocs: a
helper forked with the build's whole state renders pages into the cache, and MkDocs' own
loop then finds them there, byte for byte what it would have rendered itself.

The pages are shared out as they go, not in halves fixed in advance (a month's calendar
page costs fifty release pages): this process takes them from the front in MkDocs'
order, the helpers from the back, and they meet wherever the work is even. When this
process reaches a page a helper has taken, it waits for the helpers to finish (at most
the page each is on) and reads the rest from the cache.

Nothing depends on a helper: one that fails, is killed or leaves a page out (a page
that warned is never cached) only leaves a cache miss, which this process renders as it
would have without helpers; a language a helper did not bring back is written here.
Helpers are forked, not spawned: they need the build's objects as they are, which cannot
be sent to another interpreter; ``gc.freeze`` keeps the collector from copying every
shared object into each helper's memory.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import logging
import mmap
import os
import pickle
import signal
import struct
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from generator import workers

T = TypeVar("T")
R = TypeVar("R")

PROCESSES = "PHOBIEN_PAGE_PROCESSES"
"""How many processes render pages (this one included); default: the usable CPUs. 1
renders every page here, for the benchmarks that compare."""

# A helper costs a fork and the cache's round trip: below this many pages, not worth it.
MIN_PAGES = 40


def processes() -> int:
    configured = os.environ.get(PROCESSES, "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def helpers_for(pages: int) -> int:
    """How many helpers a loop over ``pages`` pages forks."""
    return processes() - 1 if pages >= MIN_PAGES else 0


def fork_map(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[function(item) for item in items]``, the items shared with forked helpers (one a
    CPU beyond this process), in order; an item whose helper failed is done here.

    For work on the build's objects as they are (a language's pages): a helper is
    forked with them, and only its result, pickled, comes back.
    """
    helpers = min(processes(), len(items)) - 1
    if helpers < 1:
        return [function(item) for item in items]
    share = [items[i::helpers + 1] for i in range(helpers + 1)]  # mine first

    def part_of(part: Sequence[T]) -> Callable[[], bytes]:
        return lambda: pickle.dumps([function(item) for item in part], pickle.HIGHEST_PROTOCOL)

    running = _fork([part_of(part) for part in share[1:]], keep=())
    done: dict[int, R] = {}
    for at, item in enumerate(share[0]):
        done[at * (helpers + 1)] = function(item)
    for helper, child in enumerate(running, start=1):
        data = _collect(child)
        results: list[R] | None = None
        if data is not None:
            with contextlib.suppress(Exception):
                results = pickle.loads(data)
        part = share[helper]
        if results is None or len(results) != len(part):
            results = [function(item) for item in part]  # the helper failed: here
        for at, result in enumerate(results):
            done[helper + at * (helpers + 1)] = result
    return [done[i] for i in range(len(items))]


def _fork(jobs: Sequence[Callable[[], bytes]],
          keep: Sequence[logging.Handler]) -> list[tuple[int, int]]:
    """A forked helper for each job, which sends what its job returns back through a pipe
    and ends: (its pid, the pipe's read end) each. Helpers die with this process."""
    parent = os.getpid()
    running = []
    gc.freeze()  # objects shared with the helpers stay out of their collections
    try:
        for job in jobs:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the helper: never returns
                os.close(read)
                code = 1
                try:
                    workers.die_with(parent)
                    _silence(keep)
                    data = job()
                    with os.fdopen(write, "wb") as pipe:
                        pipe.write(data)
                    code = 0
                except BaseException:  # whatever it was, this process does the work
                    code = 1
                finally:
                    os._exit(code)
            os.close(write)
            running.append((pid, read))
    finally:
        gc.unfreeze()
    return running


def _collect(child: tuple[int, int]) -> bytes | None:
    """What a helper sent, once it has ended; None if it failed or was killed."""
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    return data if os.waitstatus_to_exitcode(status) == 0 else None


def _silence(keep: Sequence[logging.Handler]) -> None:
    """A helper prints nothing: what its work warns, this process finds again when it
    does that work itself (a page that warned is never cached)."""
    manager = logging.Logger.manager
    for logger in [logging.getLogger(), *manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            for handler in list(logger.handlers):
                if handler not in keep:
                    logger.removeHandler(handler)
    logging.getLogger().addHandler(logging.NullHandler())  # not Python's last resort
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)


class Shared:
    """The pages ``0 … count-1`` of one loop, shared between this process and its helpers.

    ``work(index)`` renders a page into the cache in a helper; ``report()`` is what the
    helper tells this process once it is done (JSON data: what it rendered, for the
    build's record).
    """

    def __init__(self, count: int, work: Callable[[int], None],
                 report: Callable[[], dict[str, Any]],
                 quiet: Sequence[logging.Handler] = ()) -> None:
        self.count = count
        self.work = work
        self.report = report
        self.keep = list(quiet)  # the log handlers a helper keeps (they print nothing)
        self.helpers: list[tuple[int, int]] = []  # (pid, read end of its report)
        self.reports: list[dict[str, Any]] = []
        # The next page for this process and one past the last page left to the helpers,
        # in memory the forked processes share; a record lock on a file guards them, which
        # the kernel releases when its holder dies (a killed helper cannot hang the build).
        self.memory = mmap.mmap(-1, 16)
        self._bounds(0, count)
        self.lock_file = tempfile.TemporaryFile()  # noqa: SIM115  # closed with the object

    def _bounds(self, low: int | None = None, high: int | None = None) -> tuple[int, int]:
        old_low, old_high = struct.unpack_from("qq", self.memory)
        low, high = old_low if low is None else low, old_high if high is None else high
        struct.pack_into("qq", self.memory, 0, low, high)
        return low, high

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fcntl.lockf(self.lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(self.lock_file, fcntl.LOCK_UN)

    def start(self) -> None:
        """Fork the helpers (``helpers_for``) that take pages from the back."""
        self.helpers = _fork([self._help] * helpers_for(self.count), keep=self.keep)

    def mine(self, index: int) -> bool:
        """Whether page ``index`` is this process's to render (it takes it), or a helper's
        (then the helpers are waited for, and the page is in the cache unless it warned)."""
        if not self.helpers:
            return True
        with self._locked():
            low, high = self._bounds()
            if index < high:
                self._bounds(max(low, index + 1))
                return True
        self.join()
        return False

    def join(self) -> list[dict[str, Any]]:
        """Wait for every helper; their reports."""
        with self._locked():  # the helpers take nothing more
            low, high = self._bounds()
            self._bounds(high=min(low, high))
        for child in self.helpers:
            data = _collect(child)
            if data is not None:
                with contextlib.suppress(ValueError):
                    self.reports.append(json.loads(data))
        self.helpers = []
        return self.reports

    def stop(self) -> None:
        """Kill the helpers (the build failed): what they wrote is only cache entries."""
        for pid, read in self.helpers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            os.close(read)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.helpers = []

    def _help(self) -> bytes:
        """In a helper: take pages from the back until the two ends meet; the report."""
        while True:
            with self._locked():
                low, high = self._bounds()
                if high - 1 < low:
                    break
                self._bounds(high=high - 1)
            self.work(high - 1)
        return json.dumps(self.report()).encode()
