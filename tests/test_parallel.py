"""Both cores render pages (generator/engine/parallel.py): the same bytes as one process,
and a helper killed halfway changes nothing but the time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from generator import parallel
from tests.conftest import AS_OF, copy_example
from tests.test_incremental import same_bytes


def build_in(project: Path, out: Path, processes: int,
             watch: Any = None) -> dict[str, Any]:
    """Build ``project`` in a child process with ``processes`` page processes; ``watch``
    is called with the child's pid until it ends. Its build record."""
    code = ("import sys; from pathlib import Path; from generator.engine import build_site; "
            "build_site(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])")
    env = {**os.environ, parallel.PROCESSES: str(processes), "NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen([sys.executable, "-c", code, str(project / "mkdocs.yml"),
                              str(out), AS_OF], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    while child.poll() is None:
        if watch is not None:
            watch(child.pid)
        time.sleep(0.01)
    output = child.stdout.read() if child.stdout else ""
    assert child.returncode == 0, output[-3000:]
    record: dict[str, Any] = json.loads((project / ".phobien/build.json").read_text())
    record["output"] = output
    return record


def forked_helpers(parent: int) -> list[int]:
    """The children of ``parent`` that run its own program: the page helpers, forked
    (the dataset workers are spawned: another command line)."""
    try:
        own = Path(f"/proc/{parent}/cmdline").read_bytes()
    except OSError:
        return []
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            line = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and line == own:
            found.append(int(entry.name))
    return found


@pytest.mark.slow  # full builds of the example
def test_two_processes_share_the_pages_and_write_the_bytes_of_one(tmp_path: Path) -> None:
    one = copy_example(tmp_path / "one")
    two = copy_example(tmp_path / "two")
    alone = build_in(one, tmp_path / "site-one", processes=1)
    shared = build_in(two, tmp_path / "site-two", processes=2)
    assert alone["helpers"] == {}
    pages = len(shared["rebuilt"]["pages"])
    # The helper took a fair share of both loops, from the back of MkDocs' order.
    for loop in ("markdown", "pages"):
        assert pages / 5 < shared["helpers"][loop] < pages * 4 / 5, shared["helpers"]
    # What the build records is whole, whoever rendered it.
    assert sorted(shared["rebuilt"]["pages"]) == sorted(alone["rebuilt"]["pages"])
    assert same_bytes(tmp_path / "site-one", tmp_path / "site-two") == []


@pytest.mark.slow  # full builds of the example
def test_helpers_killed_halfway_leave_the_same_site(tmp_path: Path) -> None:
    """Each helper (a language's pages, then each page loop's) is killed as it works; this
    process does what they left, and the site is the one a single process makes (nothing
    waits on a lock a helper held)."""
    project = copy_example(tmp_path / "project")
    seen: dict[int, float] = {}
    killed: list[int] = []

    def kill_each_helper(parent: int) -> None:
        for pid in forked_helpers(parent):
            seen.setdefault(pid, time.monotonic())
            if pid not in killed and time.monotonic() - seen[pid] > 0.1:
                os.kill(pid, signal.SIGKILL)  # halfway through its work, not before it began
                killed.append(pid)

    record = build_in(project, tmp_path / "site", processes=2, watch=kill_each_helper)
    assert len(killed) >= 2, "fewer helpers seen than the loops that fork them"
    # A killed helper's loop has no report of it; the site is whole all the same.
    assert set(record["helpers"]) != {"markdown", "pages"}, record["helpers"]
    alone = copy_example(tmp_path / "alone")
    build_in(alone, tmp_path / "site-alone", processes=1)
    assert same_bytes(tmp_path / "site", tmp_path / "site-alone") == []


@pytest.mark.slow  # full builds of the example
def test_a_cached_rendering_holds_the_folded_search_words(tmp_path: Path) -> None:
    """The words folded for the index are part of a page's cached rendering: a page from
    the cache is not folded again."""
    project = copy_example(tmp_path / "project")
    build_in(project, tmp_path / "site", processes=1)
    renderings = list((project / ".phobien/pages").glob("*.render.gz"))
    assert renderings
    folded = [r for r in renderings
              if 'data-phobien-folded=""' in json.loads(zlib.decompress(r.read_bytes()))["html"]]
    assert len(folded) > len(renderings) * 0.9


def test_fork_map_keeps_the_order_and_does_here_what_a_helper_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(parallel.PROCESSES, "3")
    me = os.getpid()
    assert parallel.fork_map(lambda n: (n * n, os.getpid() != me), range(7)) == [
        (n * n, n % 3 != 0) for n in range(7)]  # every third item here, the rest helped

    def dies_in_a_helper(n: int) -> int:
        if os.getpid() != me:
            os._exit(3)  # killed as it works: its items come out all the same
        return -n

    assert parallel.fork_map(dies_in_a_helper, list(range(5))) == [0, -1, -2, -3, -4]
