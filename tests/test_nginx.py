"""The shipped nginx configuration, run for real on a loopback port."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from tests.servers import nginx


def head(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_nginx_serves_pages_and_feeds_with_their_types(example_site: Path, tmp_path: Path) -> None:
    with nginx(example_site, tmp_path / "nginx") as port:
        status, headers, body = head(port, "/calendar/all.ics")
        assert status == 200
        assert headers["content-type"] == "text/calendar; charset=utf-8"
        assert "max-age=900" in headers["cache-control"]
        assert body == (example_site / "calendar/all.ics").read_bytes()
        _, headers, _ = head(port, "/en/calendar/audiences/business.ics")
        assert headers["content-type"] == "text/calendar; charset=utf-8"
        _, headers, _ = head(port, "/feed.xml")
        assert headers["content-type"] == "application/atom+xml; charset=utf-8"
        _, headers, body = head(port, "/products/cpi/")
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert "max-age=300" in headers["cache-control"]
        assert "Chỉ số giá tiêu dùng".encode() in body
        script = next((example_site / "assets/javascripts").glob("bundle.*.min.js"))
        _, headers, _ = head(port, f"/assets/javascripts/{script.name}")
        assert "immutable" in headers["cache-control"]
