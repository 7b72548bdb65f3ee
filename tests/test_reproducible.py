"""Reproducible builds: the same catalog at the same moment gives the same bytes.

Each build runs in its own process, from its own copy of the project (so its own dataset
cache and vintage store in ``.phobien/``: the second build really rebuilds everything),
with another hash seed, another local time zone, another locale and another working
folder. Every file of the site must be byte-identical: pages, feeds, datasets, images,
the bulk download, the search index, the sitemap.

A second test decomposes every letter of the catalog's YAML files and CSV source tables
(NFD, as macOS and some Word exports write Vietnamese): the site must not change by a
single byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import AS_OF, ROOT

pytestmark = pytest.mark.slow  # the example site built twice

BUILDS = [
    # hash seed, local time zone, locale, run from the project folder or from elsewhere
    {"PYTHONHASHSEED": "1", "TZ": "Asia/Ho_Chi_Minh", "LC_ALL": "C.UTF-8", "from": "project"},
    {"PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles", "LC_ALL": "C", "from": "elsewhere"},
]


def copy_project(dest: Path) -> Path:
    """The repository's project (mkdocs.yml, catalog/, docs/), without any build state."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "catalog", dest / "catalog")
    shutil.copytree(ROOT / "docs", dest / "docs")
    return dest


def build_in_process(project: Path, site: Path, settings: dict[str, str]) -> Path:
    env = {k: v for k, v in os.environ.items() if k not in ("PHOBIEN_AS_OF", "SOURCE_DATE_EPOCH")}
    env.update({k: v for k, v in settings.items() if k != "from"})
    env["PYTHONPATH"] = str(ROOT)
    cwd = project if settings["from"] == "project" else project.parent
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--as-of", AS_OF,
         "--site-dir", str(site), "-f", str(project / "mkdocs.yml")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def contents(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    out = [f"only in the first build: {p}" for p in sorted(first.keys() - second.keys())]
    out += [f"only in the second build: {p}" for p in sorted(second.keys() - first.keys())]
    out += [
        f"differs: {p} ({hashlib.sha256(first[p]).hexdigest()[:12]} vs "
        f"{hashlib.sha256(second[p]).hexdigest()[:12]})"
        for p in sorted(first.keys() & second.keys())
        if first[p] != second[p]
    ]
    return out


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    tmp = tmp_path_factory.mktemp("repro-a")
    project = copy_project(tmp / "project")
    return contents(build_in_process(project, tmp / "site", BUILDS[0]))


def test_two_builds_of_the_example_are_byte_identical(
    first_build: dict[str, bytes], tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "elsewhere" / "project")
    second = contents(build_in_process(project, tmp_path / "site", BUILDS[1]))
    # The site is all there: pages, feeds, datasets, the search index, images.
    for expected in ("index.html", "sitemap.xml", "sitemap.xml.gz", "feed.xml",
                     "calendar/all.ics", "catalog.jsonld", "datasets/cpi-thang/index.html",
                     "pagefind/pagefind.js"):
        assert expected in first_build, expected
    assert any(p.endswith(".parquet") for p in first_build)
    assert any(p.endswith(".xlsx") for p in first_build)
    assert any(p.endswith(".png") for p in first_build)
    found = differences(first_build, second)
    assert not found, "\n".join(found)


def nfd_project(dest: Path) -> Path:
    """Every YAML file and every CSV source table of the catalog decomposed."""
    project = copy_project(dest)
    converted = 0
    files = [*(project / "catalog").rglob("*.yml"), *(project / "catalog").rglob("*.csv")]
    for path in sorted(files):
        text = path.read_text(encoding="utf-8")
        decomposed = unicodedata.normalize("NFD", text)
        converted += decomposed != text
        path.write_text(decomposed, encoding="utf-8")
    assert converted > 10, "the catalog should have Vietnamese letters to decompose"
    return project


def test_a_decomposed_catalog_builds_the_same_site(
    first_build: dict[str, bytes], tmp_path: Path
) -> None:
    project = nfd_project(tmp_path / "project")
    second = contents(build_in_process(project, tmp_path / "site", BUILDS[0]))
    found = differences(first_build, second)
    assert not found, "\n".join(found)
