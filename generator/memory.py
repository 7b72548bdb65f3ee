"""Giving memory back to the system between the heavy steps of a publish.

MkDocs keeps every page's Markdown and HTML until its build ends: at national scale
(32,000 pages) about a gigabyte, which the process keeps even once Python has freed it.
Pagefind, and then the verification's workers, run beside that process: unless it gives
the memory back first, their peaks add up to it (2.9 GB at size M, docs/benchmarks.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def release() -> None:
    """Free what is garbage now (MkDocs' pages and config form reference cycles, which
    only a full collection frees) and hand the freed heap back to the system."""
    gc.collect()
    _trim()


def _trim() -> None:
    # glibc's malloc_trim; elsewhere freed memory stays with the process, which is only
    # less frugal, never wrong.
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)
