"""The Content-Security-Policy in every page, and no file naming a host the policy would
block (generator/outputs/pages/policy.py, generator/verify/files.py). The browser's side is in
tests/test_csp_browser.py, nginx's header in tests/test_nginx.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lhtml

from generator.outputs.pages import policy
from generator.verify import files as verify_files
from tests.conftest import site_files

HOST = "thongke.langson.example"


def test_policy_allows_the_sites_own_origin_only() -> None:
    directives = dict(policy.DIRECTIVES)
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    for name, sources in directives.items():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, name
        assert not [s for s in sources.split() if not s.startswith("'") and s != "data:"], name
    assert "frame-ancestors" not in policy.POLICY  # a <meta> policy cannot carry it
    assert policy.HEADER_POLICY == policy.POLICY + "; frame-ancestors 'none'"


@pytest.mark.slow
def test_every_page_carries_the_policy_before_anything_it_loads(example_site: Path) -> None:
    pages = [p for p in site_files(example_site) if p.suffix == ".html"]
    assert example_site / "404.html" in pages and example_site / "en/404.html" in pages
    for path in pages:
        head = lhtml.fromstring(path.read_bytes()).find("head")
        assert head is not None, path
        first = [el for el in head if isinstance(el.tag, str)][:2]
        assert first[0].get("charset") == "utf-8", path
        assert first[1].get("http-equiv") == "Content-Security-Policy", path
        assert first[1].get("content") == policy.POLICY, path
        assert len(head.xpath("meta[@http-equiv='Content-Security-Policy']")) == 1, path


@pytest.mark.slow
def test_no_page_needs_what_the_policy_forbids(example_site: Path) -> None:
    """No inline script (JSON-LD and Material's configuration are data, which no policy
    blocks), no event handler attribute, no javascript: address, no inline style."""
    for path in site_files(example_site):
        if path.suffix != ".html":
            continue
        doc = lhtml.fromstring(path.read_bytes())
        for script in doc.iter("script"):
            kind = script.get("type", "")
            assert script.get("src") or kind in ("application/ld+json", "application/json"), (
                f"{path}: inline script {(script.text or '')[:60]!r}")
        assert not doc.xpath("//style"), path
        assert not doc.xpath("//@style"), path
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue
            handlers = [a for a in element.attrib if a.lower().startswith("on")]
            assert not handlers, f"{path}: <{element.tag} {handlers[0]}>"
            assert not element.get("href", "").lower().startswith("javascript:"), path


@pytest.mark.slow
def test_no_file_names_another_host(example_site: Path) -> None:
    found = [failure.format() for path in site_files(example_site)
             for failure in verify_files._names_hosts(
                 path, path.relative_to(example_site).as_posix(), HOST)]
    assert not found, "\n".join(found)
    # What went: Material's unused search and source maps, Pagefind's unused interfaces.
    assert not list(example_site.rglob("*.map"))
    assert not (example_site / "assets/javascripts/workers").exists()
    assert not (example_site / "pagefind/pagefind-ui.js").exists()
    bundle = next((example_site / "assets/javascripts").glob("bundle.*.min.js"))
    text = bundle.read_text(encoding="utf-8")
    assert "unpkg.com" not in text and "sourceMappingURL" not in text
    assert "clipboard.js v2" in text  # licence notices stay


def test_the_host_check_reads_what_a_browser_would(tmp_path: Path) -> None:
    def named(name: str, text: str) -> list[str]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return [f.detail for f in verify_files._names_hosts(path, name, HOST)]

    assert named("a.js", 'load("https://unpkg.com/x")') == ["names another host: unpkg.com"]
    # An address folded across lines of a calendar is still an address.
    assert named("c.ics", "URL:https://cdn.exa\r\n mple.net/x\r\n") == [
        "names another host: cdn.example.net"]
    assert named("p.html", '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
                 f'<a href="https://{HOST}/">x</a>') == []
    # A link a reader may follow is no load; the same address as a script's is.
    assert named("q.html", '<a class="x" href="https://other.example/">x</a>') == []
    assert named("r.html", '<script src="https://other.example/x.js"></script>') == [
        "names another host: other.example"]
    # Licence notices are kept and loaded by nothing.
    assert named("b.css", "/*! x | https://fontawesome.com */a{}") == []
    assert named("d.csv", "name,site\nA,https://a.example\n") == []  # figures, not loads
    # An address among a page's words (a description, a cell of data) is read, not loaded;
    # the same address in a tag is.
    assert named("t.html", "<p>Nguồn: https://www.gso.gov.vn</p><td>http://x.example</td>") == []
    assert named("u.html", '<p>x</p><img src="https://www.gso.gov.vn/a.png">') == [
        "names another host: www.gso.gov.vn"]


@pytest.mark.slow
def test_verification_fails_on_a_file_naming_another_host(example_site: Path,
                                                          tmp_path: Path) -> None:
    page = example_site / "index.html"
    text = page.read_text(encoding="utf-8").replace(
        "</head>", '<link rel="preload" href="https://cdn.example.net/x.css"></head>')
    copy = tmp_path / "index.html"
    copy.write_text(text, encoding="utf-8")
    result = verify_files.check_file(copy, tmp_path, HOST, [])
    assert [f.check for f in result.failures] == ["hosts", "named-hosts"]
