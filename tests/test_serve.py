"""``phobien serve``: the staff preview rebuilds when the catalog changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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
