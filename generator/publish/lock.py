"""One publish at a time per target: an exclusive ``flock`` on a file in the versions
folder, held from before "what is served now?" until after the switch and the log.

``flock`` is released by the kernel when the holder dies, however it dies: a killed
publish never leaves a stale lock that blocks the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

NAME = ".publish.lock"
DEFAULT_WAIT = 600.0  # seconds: longer than a national publish's build and verification


class Busy(Exception):
    """Another publish holds the lock and did not finish within the wait."""

    def __init__(self, path: Path, holder: str, waited: float) -> None:
        self.path, self.holder, self.waited = path, holder, waited
        super().__init__(f"{path}: held by {holder or 'another process'}")


@contextlib.contextmanager
def hold(versions: Path, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the target's lock for the block; wait up to ``wait`` seconds for it."""
    path = versions / NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(path, _holder(fd), wait) from None
                time.sleep(0.2)
        # Who holds it, for the message another publish shows while this one runs.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {time.strftime('%H:%M:%S')}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode(errors="replace").strip()
    except OSError:
        return ""
