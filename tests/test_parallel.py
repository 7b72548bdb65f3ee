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

from generator.engine import parallel
from tests.conftest import AS_OF, copy_example
from tests.test_incremental import same_bytes

pytestmark = pytest.mark.slow  # full builds of the example


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


def test_a_helper_killed_halfway_leaves_the_same_site(tmp_path: Path) -> None:
    """The helper is killed as it renders; this process renders what it left, and the
    site is the one a single process makes (nothing waits on a lock the helper held)."""
    project = copy_example(tmp_path / "project")
    killed: list[int] = []

    def kill_the_first_helper(parent: int) -> None:
        for pid in forked_helpers(parent):
            if not killed:
                time.sleep(0.2)  # halfway through its pages, not before it began
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    record = build_in(project, tmp_path / "site", processes=2, watch=kill_the_first_helper)
    assert killed, "no helper was seen to kill"
    # The killed helper's loop has no report of it; the site is whole all the same.
    assert "markdown" not in record["helpers"], record["helpers"]
    alone = copy_example(tmp_path / "alone")
    build_in(alone, tmp_path / "site-alone", processes=1)
    assert same_bytes(tmp_path / "site", tmp_path / "site-alone") == []


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
