"""Worker processes that never outlive the publish or build that started them.

Workers are spawned (see ``datasets.py`` for why not forked). A spawned worker blocks on
its task queue, whose write end it holds itself: killed, the parent leaves it waiting
forever, with pandas and a source table in memory. On Linux each worker asks the kernel
for SIGKILL when its parent dies (``PR_SET_PDEATHSIG``); so do the page loops' forked
helpers (``parallel.py``).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """Ask the kernel to kill this process when ``parent`` dies (Linux)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def pool(count: int) -> ProcessPoolExecutor:
    """A pool of ``count`` spawned workers that die with this process."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(count, mp_context=context, initializer=die_with,
                               initargs=(os.getpid(),))
