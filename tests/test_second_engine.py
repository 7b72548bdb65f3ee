"""The example site builds the same with both engines: MkDocs 1.6 and ProperDocs.

An engine is chosen once per process, before any ``mkdocs.*`` import (generator/engine/choice.py),
so each build runs ``phobien build`` in its own process, into its own folder, from its own
copy of the project. The same theme (Material) runs under both, so the pages, the text
Markdown renders to and every file that is not a page (datasets, feeds, calendars, the
search index) must come out the same.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import pytest

from generator.engine import choice as engines

from .conftest import AS_OF, ROOT, copy_example

pytestmark = pytest.mark.slow  # the example site built by each engine

needs_properdocs = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None,
    reason="ProperDocs is not installed: pip install -e '.[test]'")

# Both builds stamp the sitemap with the same day, whenever they run.
EPOCH = "1795000000"


def _build(engine: str, where: Path) -> tuple[Path, float]:
    project = copy_example(where / "project")
    out = where / "site"
    env = {**os.environ, engines.VARIABLE: engine, "SOURCE_DATE_EPOCH": EPOCH,
           "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--as-of", AS_OF, "--site-dir", str(out),
         "-f", str(project / "mkdocs.yml")],
        cwd=project, env=env, capture_output=True, text=True)
    took = time.monotonic() - start
    assert result.returncode == 0, f"{engine}: {result.stderr[-3000:]}"
    # A warning shows behind the staff's prefix (generator/terminal.py).
    for prefix in ("Cảnh báo", "Warning"):
        assert prefix not in result.stderr, f"{engine}: {result.stderr[-3000:]}"
    return out, took


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for engine in engines.ENGINES:
        built[engine], took = _build(engine, tmp_path_factory.mktemp(engine))
        print(f"{engine}: {took:.1f} s")  # shown with pytest -s
    return built


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def _content(page: Path) -> str:
    """The text of the page's main content, whitespace-normalised: what Markdown rendered
    to, without the theme's header, navigation and footer."""
    tree = lxml.html.parse(str(page))
    found = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")
    return " ".join(found[0].text_content().split())


@needs_properdocs
def test_the_same_pages_in_both_languages(sites: dict[str, Path]) -> None:
    mkdocs, properdocs = (_pages(sites[e]) for e in engines.ENGINES)
    assert any(p.startswith("en/") for p in mkdocs), "no English page was built"
    assert any(not p.startswith("en/") for p in mkdocs), "no Vietnamese page was built"
    assert sorted(mkdocs - properdocs) == [], "built by MkDocs only"
    assert sorted(properdocs - mkdocs) == [], "built by ProperDocs only"


@needs_properdocs
def test_every_page_says_the_same(sites: dict[str, Path]) -> None:
    differ = []
    for page in sorted(_pages(sites["mkdocs"]) & _pages(sites["properdocs"])):
        one, other = (_content(sites[e] / page) for e in engines.ENGINES)
        assert one, f"{page}: no main content"
        if one != other:
            at = next((i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b),
                      min(len(one), len(other)))
            differ.append(f"{page}: mkdocs {one[at:at + 80]!r} / properdocs "
                          f"{other[at:at + 80]!r}")
    assert differ == [], f"{len(differ)} pages differ:\n" + "\n".join(differ[:10])


def _digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in site.rglob("*") if p.is_file() and p.suffix != ".html"}


@needs_properdocs
def test_every_other_file_is_the_same(sites: dict[str, Path]) -> None:
    """Datasets, feeds, calendars, the sitemap, the search index: byte for byte."""
    mkdocs, properdocs = (_digests(sites[e]) for e in engines.ENGINES)
    assert sorted(mkdocs.keys() ^ properdocs.keys()) == [], "built by one engine only"
    assert sorted(k for k in mkdocs if mkdocs[k] != properdocs[k]) == [], "not the same"


@needs_properdocs
def test_plugin_warnings_count_in_strict_mode_under_properdocs() -> None:
    """ProperDocs counts strict-mode warnings on its own logger; the plugin's
    ``mkdocs.plugins.phobien`` must hand its records there, as under the properdocs
    command."""
    probe = (
        "import logging, generator, generator.engine.plugin as p\n"
        "from properdocs.utils import CountHandler\n"
        "counter = CountHandler()\n"
        "logging.getLogger('properdocs').addHandler(counter)\n"
        "p.log.warning('a warning of the plugin')\n"
        "print(generator.engine.choice.running(), p.BasePlugin.__module__, counter.get_counts())\n"
    )
    env = {**os.environ, engines.VARIABLE: "properdocs", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "properdocs properdocs.plugins [('WARNING', 1)]"


def test_an_unknown_engine_is_named_with_the_known_ones() -> None:
    with pytest.raises(engines.EngineChoiceError, match="Known: mkdocs, properdocs"):
        engines.select("mkdoc")


def test_the_engine_cannot_change_once_imported() -> None:
    # The adapter imports the engine (MkDocs, or ProperDocs under PHOBIEN_ENGINE=properdocs).
    import generator.engine.build  # noqa: F401

    now = engines.running()
    assert now in engines.ENGINES
    other = next(e for e in engines.ENGINES if e != now)
    assert engines.select("") == now
    assert engines.select(now) == now
    with pytest.raises(engines.EngineChoiceError, match=f"already runs {now}"):
        engines.select(other)


def test_a_switch_of_engine_is_a_change_to_publish() -> None:
    # The change fingerprint names the engine: the first publish after a switch builds.
    probe = ("from generator.project import Project\n"
             "from generator.publish.run import input_digest\n"
             "print(input_digest(Project.read('mkdocs.yml')))\n")
    digests = {
        engine: subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                               text=True, check=True,
                               env={**os.environ, engines.VARIABLE: engine}).stdout
        for engine in engines.ENGINES
    }
    assert len(set(digests.values())) == 2, digests
