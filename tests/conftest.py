"""Shared fixtures: fixture sites copied into a temporary folder, and real builds."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.engine import build_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# A fixed moment, so that every build in the tests is reproducible.
AS_OF = "2026-11-25T09:00"


def copy_site(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copytree(FIXTURES / name, target)
    return target


def copy_project(source: Path, project: Path) -> Path:
    """A copy of ``source``'s inputs (mkdocs.yml, catalog/, docs/) in ``project``, without
    its work folder: a build there starts with no cache."""
    project.mkdir(parents=True)
    for name in ("catalog", "docs"):
        shutil.copytree(source / name, project / name)
    shutil.copy(source / "mkdocs.yml", project / "mkdocs.yml")
    return project


def copy_example(project: Path) -> Path:
    """A private copy of the bundled example project (mkdocs.yml, catalog/, docs/) in
    ``project``: its own dataset cache, so that no test races another over the repository's."""
    return copy_project(ROOT, project)


def build(project: Path, out: Path, as_of: str = AS_OF) -> Path:
    build_site(project / "mkdocs.yml", out, as_of)
    return out


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def readable(path: Path) -> list[bytes]:
    """What a reader of the file could see: its bytes; anything gzip-compressed unpacked
    (every file of the search index, in whichever of its parts, and the sitemap); JSON
    with escapes read as text; the members of an archive."""
    data = path.read_bytes()
    out = [data]
    if data[:2] == b"\x1f\x8b":
        out.append(gzip.decompress(data))
    if path.suffix in (".json", ".jsonld") and b"\\u" in data:
        out.append(json.dumps(json.loads(data), ensure_ascii=False).encode())
    if path.suffix in (".zip", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            out += [archive.read(name) for name in archive.namelist()]
    return out


def search_bundles(site: Path) -> list[Path]:
    """The search index's bundles (generator/outputs/pages/search_index.py): the main one
    and every part its list names."""
    root = site / "pagefind"
    listed = json.loads((root / "phobien-parts.json").read_text())["languages"]
    return [root, *(root / path for kinds in listed.values() for paths in kinds.values()
                    for path in paths if path)]


def served(site: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file of the site with each of its readable forms (``readable``): what the
    tests that nothing restricted or early is served look through."""
    for path in site_files(site):
        for data in readable(path):
            yield path, data


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A small valid project (mkdocs.yml, catalog/, docs/) that a test may edit."""
    return copy_site("site_minimal", tmp_path)


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture, built once."""
    tmp = tmp_path_factory.mktemp("minimal")
    return build(copy_site("site_minimal", tmp), tmp / "site")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example catalog, built once as the real site."""
    # A private copy of the project: each test worker builds with its own dataset cache
    # (.phobien/), never racing another worker over the repository's.
    tmp = tmp_path_factory.mktemp("example")
    project = copy_example(tmp / "project")
    out = tmp / "site"
    build_site(project / "mkdocs.yml", out, AS_OF)
    return out


# The fixtures that make a test one of the kinds `make test-fast` leaves out: a test that
# takes one must carry the marker (pyproject.toml), or the fast loop would start it.
KIND_OF_FIXTURE = {
    "example_site": ("slow",),
    "minimal_site": ("slow",),
    "browser": ("browser",),
    "served": ("server",),
    "search_page": ("browser", "server", "slow"),  # tests/test_search.py's
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    unmarked = sorted(
        f"{item.nodeid} takes {name} but is not marked {kind}"
        for item in items
        for name, kinds in KIND_OF_FIXTURE.items()
        if name in getattr(item, "fixturenames", ())
        for kind in kinds
        if item.get_closest_marker(kind) is None
    )
    if unmarked:
        raise pytest.UsageError("\n".join(unmarked))
