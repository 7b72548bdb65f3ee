"""The shipped nginx configuration, run for real on a loopback port."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.outputs.pages import policy
from tests.servers import nginx

pytestmark = [pytest.mark.server, pytest.mark.slow]  # nginx serving the example site


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
        # The exchange formats and the citations, in UTF-8 for their Vietnamese.
        for path, kind in (("/datasets/cpi-thang/cpi-thang.px", "text/x-pcaxis"),
                           ("/datasets/cpi-thang/cpi-thang.sdmx.csv", "text/csv"),
                           ("/datasets/cpi-thang/cpi-thang.jsonstat.json", "application/json"),
                           ("/releases/cpi/2026-10/cite.bib", "application/x-bibtex"),
                           ("/releases/cpi/2026-10/cite.ris",
                            "application/x-research-info-systems"),
                           ("/releases/cpi/2026-10/cite.csl.json", "application/json")):
            _, headers, _ = head(port, path)
            assert headers["content-type"] == f"{kind}; charset=utf-8", path
        script = next((example_site / "assets/javascripts").glob("bundle.*.min.js"))
        _, headers, _ = head(port, f"/assets/javascripts/{script.name}")
        assert "immutable" in headers["cache-control"]


def test_nginx_serves_the_api_as_json_to_any_origin(example_site: Path, tmp_path: Path) -> None:
    """/api/: JSON, readable by another site's script, revalidated cheaply by a poller."""
    with nginx(example_site, tmp_path / "nginx") as port:
        for path in ("/api/v1/releases.json", "/api/v1/changes/2026-11-24.json",
                     "/api/v1/schema/day.json", "/api/v1/"):
            status, headers, body = head(port, path)
            assert status == 200, path
            assert headers["content-type"] == "application/json; charset=utf-8", path
            assert headers["access-control-allow-origin"] == "*", path
            assert headers["access-control-expose-headers"] == "ETag", path
        assert body == (example_site / "api/v1/index.json").read_bytes()
        _, headers, _ = head(port, "/api/v1/releases.json")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/releases.json",
            headers={"If-None-Match": headers["etag"],
                     "If-Modified-Since": headers["last-modified"]})
        with pytest.raises(urllib.error.HTTPError) as unchanged:
            urllib.request.urlopen(request, timeout=10)
        assert unchanged.value.code == 304
        # A page is no API: no other site's script may read it.
        _, headers, _ = head(port, "/products/cpi/")
        assert "access-control-allow-origin" not in headers


def answer(port: int, path: str) -> tuple[int, dict[str, str]]:
    """Status and headers, an error status included."""
    try:
        status, headers, _ = head(port, path)
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}
    return status, headers


# One address of every location of deploy/nginx.conf, and the missing pages of both
# languages (answered through error_page).
EVERY_KIND = {
    "/": 200, "/products/cpi/": 200, "/en/": 200, "/en/products/cpi/": 200,
    "/calendar/all.ics": 200, "/en/calendar/all.ics": 200, "/feed.xml": 200,
    "/en/sitemap.xml": 200, "/catalog.jsonld": 200, "/assets/phobien.css": 200,
    "/pagefind/pagefind-worker.js": 200, "/datasets/cpi-thang/": 200,
    "/api/v1/releases.json": 200, "/api/v1/no-such-file.json": 404,
    "/khong-co-trang-nay/": 404, "/en/no-such-page/": 404, "/assets/none.js": 404,
}


def test_every_answer_carries_the_security_headers(example_site: Path, tmp_path: Path) -> None:
    bundle = next((example_site / "assets/javascripts").glob("bundle.*.min.js"))
    kinds = {**EVERY_KIND, f"/assets/javascripts/{bundle.name}": 200}
    with nginx(example_site, tmp_path / "nginx") as port:
        for path, expected in kinds.items():
            status, headers = answer(port, path)
            assert status == expected, path
            assert headers.get("content-security-policy") == policy.HEADER_POLICY, path
            assert headers.get("referrer-policy") == "same-origin", path
            assert "camera=()" in headers.get("permissions-policy", ""), path
            assert "geolocation=()" in headers.get("permissions-policy", ""), path
            assert headers.get("x-content-type-options") == "nosniff", path
            assert headers.get("x-frame-options") == "DENY", path
            assert "cache-control" in headers, path
