"""``phobien serve``: the staff preview rebuilds when the catalog changes, and shows a
broken catalog's problems at every page until it is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.engine import choice as engines

pytestmark = [pytest.mark.server, pytest.mark.slow]  # the preview server, building the site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def answer(url: str) -> tuple[int, str] | None:
    """The status and the page, whatever the status; None while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status), str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return int(error.code), str(error.read().decode("utf-8"))
    except OSError:
        return None


def wait_for_answer(url: str, status: int, needle: str, seconds: float = 180) -> str:
    """The page once the server answers ``url`` with ``status`` and ``needle`` in it."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        last = answer(url)
        if last is not None and last[0] == status and needle in last[1]:
            return last[1]
        time.sleep(0.5)
    raise AssertionError(f"{url}: no {status} with {needle!r}; last: {last and last[0]}")


BROKEN = ("periodic: true", 'periodic: "có"')  # issue 19's wrong type


def break_cpi(project: Path, undo: bool = False) -> None:
    cpi = project / "catalog/products/cpi.yml"
    old, new = BROKEN[::-1] if undo else BROKEN
    text = cpi.read_text(encoding="utf-8")
    assert old in text
    cpi.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextmanager
def serving(project: Path, engine: str = "") -> Iterator[str]:
    """``phobien serve`` on a free port of 127.0.0.1 in ``project``: its address; what it
    said is in serve.log beside the project, for a failing test to show."""
    port = free_port()
    env = {**os.environ, engines.VARIABLE: engine}
    with open(project.parent / "serve.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def wait_for(url: str, needle: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and needle in body:
            return True
        time.sleep(0.5)
    return False


def test_catalog_edit_reloads_the_preview(minimal: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=minimal,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/products/cpi/"
        assert wait_for(url, "Chỉ số giá tiêu dùng")
        cpi = minimal / "catalog/products/cpi.yml"
        cpi.write_text(
            cpi.read_text(encoding="utf-8").replace(
                "Chỉ số giá tiêu dùng", "Chỉ số giá tiêu dùng đã sửa"
            ),
            encoding="utf-8",
        )
        assert wait_for(url, "Chỉ số giá tiêu dùng đã sửa")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("engine", engines.ENGINES)
def test_a_broken_catalog_is_shown_at_every_page_until_fixed(minimal: Path, engine: str) -> None:
    # Started broken: MkDocs' own serve stopped at the failed first build.
    break_cpi(minimal)
    with serving(minimal, engine) as base:
        for path in ("/products/cpi/", "/en/", "/no-such-page/", "/index.html"):
            page = wait_for_answer(base + path, 503, "catalog/products/cpi.yml:8 periodic")
            assert "giá trị &#39;có&#39; không đúng kiểu" in page
            assert "[wrong-type]" in page
            # The engine's reload script, from a file: the page holds no inline script.
            assert '<script src="/livereload/phobien.js" data-epoch="' in page
            assert "<script>" not in page
        # The open pages' long poll still answers with the site's version, a number.
        poll = answer(base + "/livereload/0/0")
        assert poll is not None and poll[0] == 200 and poll[1].isdigit(), poll
        script = answer(base + "/livereload/phobien.js")
        assert script is not None and script[0] == 200 and "location.reload()" in script[1]
        style = answer(base + "/livereload/phobien-errors.css")
        assert style is not None and style[0] == 200 and "body" in style[1]
        break_cpi(minimal, undo=True)
        page = wait_for_answer(base + "/products/cpi/", 200, "Chỉ số giá tiêu dùng")
        assert '<script src="/livereload/phobien.js"' in page
        # Broken again while running: the same page, the same problem.
        break_cpi(minimal)
        wait_for_answer(base + "/products/cpi/", 503, "catalog/products/cpi.yml:8 periodic")


def test_a_broken_mkdocs_yml_is_shown_too(minimal: Path) -> None:
    # Read again at each rebuild: broken, MkDocs' server hung, as with the catalog.
    config = minimal / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    with serving(minimal) as base:
        url = base + "/products/cpi/"
        wait_for_answer(url, 200, "Chỉ số giá tiêu dùng")
        config.write_text(good + "\nnav: 12\n", encoding="utf-8")
        page = wait_for_answer(url, 503, "Chưa dựng được trang web:")
        assert "Config value &#39;nav&#39;: Expected nav to be a list" in page
        config.write_text(good, encoding="utf-8")
        wait_for_answer(url, 200, "Chỉ số giá tiêu dùng")
