"""The house: the core never imports a site engine, and the project's settings are the
ones every command uses (a catalog in a folder of its own is the catalog everywhere)."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.project import Project
from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
ENGINES = ("mkdocs", "material", "properdocs")


def imported(path: Path) -> set[str]:
    """Every top-level module a file imports, wherever in the file the import stands."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_engine_folder_imports_a_site_engine() -> None:
    offenders = sorted(
        f"{path.relative_to(ROOT)} imports {', '.join(sorted(imported(path) & set(ENGINES)))}"
        for path in PACKAGE.rglob("*.py")
        if not path.is_relative_to(PACKAGE / "engine") and imported(path) & set(ENGINES)
    )
    assert offenders == []
    # and the engine folder does: the test would pass on an empty tree otherwise
    assert "mkdocs" in imported(PACKAGE / "engine" / "plugin.py")


def test_the_core_and_the_commands_load_no_engine() -> None:
    code = (
        "import sys\n"
        "import generator.cli, generator.site, generator.check, generator.verify\n"
        "import generator.publish.run, generator.publish.scheduled\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(ENGINES)!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_stages_have_their_folders() -> None:
    stages = ["catalog", "releases", "outputs/pages", "outputs/datasets", "publish", "engine"]
    assert all((PACKAGE / s / "__init__.py").is_file() for s in stages)
    assert (PACKAGE / "site.py").is_file() and (PACKAGE / "verify" / "__init__.py").is_file()


def moved_catalog(tmp_path: Path) -> Path:
    """The example project with its catalog in data/catalog, as mkdocs.yml says."""
    project = tmp_path / "office"
    (project / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "catalog", project / "data" / "catalog")
    shutil.copytree(ROOT / "docs", project / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      catalog: catalog\n" in config
    (project / "mkdocs.yml").write_text(
        config.replace("      catalog: catalog\n", "      catalog: data/catalog\n"),
        encoding="utf-8")
    return project


def phobien(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764061200"}  # 2025-11-25, a moment past
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                          capture_output=True, text=True)


@pytest.mark.slow
def test_a_catalog_in_another_folder_is_the_catalog_of_every_command(tmp_path: Path) -> None:
    project = moved_catalog(tmp_path)
    settings = Project.read(project / "mkdocs.yml")
    assert settings.catalog_dir == project / "data" / "catalog"
    assert settings.work_dir == project / ".phobien"

    checked = phobien(project, "check", "--lang", "en")
    assert checked.returncode == 0 and "The catalog is valid" in checked.stdout, checked.stderr
    assert phobien(project, "next", "--format", "iso").returncode == 0

    first = phobien(project, "publish", "--lang", "en")
    assert first.returncode == 0, first.stderr
    again = phobien(project, "publish", "--lang", "en")
    assert "nothing changed" in (again.stdout + again.stderr).lower(), again.stdout
    # The change fingerprint reads the same folder as the build: an edit there publishes.
    product = project / "data/catalog/products/cpi.yml"
    text = product.read_text(encoding="utf-8")
    product.write_text(text.replace("Chỉ số giá tiêu dùng", "Chỉ số giá tiêu dùng (CPI)", 1),
                       encoding="utf-8")
    edited = phobien(project, "publish", "--lang", "en")
    assert edited.returncode == 0, edited.stderr
    assert "nothing changed" not in (edited.stdout + edited.stderr).lower()
    page = (project / "public/products/cpi/index.html").read_text(encoding="utf-8")
    assert "Chỉ số giá tiêu dùng (CPI)" in page
    # ...and the restricted-product check reads it too: a mention of a restricted product
    # in a hand-written page stops the publish.
    restricted = next(p for p in (project / "data/catalog/products").glob("*.yml")
                      if "access: restricted" in p.read_text(encoding="utf-8"))
    name = next(line.split('"')[1] for line in restricted.read_text(encoding="utf-8").splitlines()
                if line.strip().startswith("vi:"))
    about = project / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n\n{name}\n", encoding="utf-8")
    leaked = phobien(project, "publish", "--lang", "en")
    assert leaked.returncode != 0 and "restricted" in leaked.stderr, leaked.stderr


@pytest.mark.slow
def test_a_publish_loads_the_catalog_once_and_plans_each_moment_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import check
    from generator.publish.run import publish
    from generator.releases import plan as planning

    project = moved_catalog(tmp_path)
    reads: list[Path] = []
    plans: list[object] = []
    real_read, real_plan = check.read_catalog, planning._plan
    monkeypatch.setattr(check, "read_catalog", lambda *a, **k: reads.append(a[0])
                        or real_read(*a, **k))
    monkeypatch.setattr(planning, "_plan", lambda c, now: plans.append(now)
                        or real_plan(c, now))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764061200")
    publish(project / "mkdocs.yml", project / "public")
    assert reads == [project / "data" / "catalog"]
    # Once to check the calendar (problems do not depend on the moment), once for the
    # moment of the publish: its fingerprint, its build, its verification and its log.
    assert len(plans) == 2 and plans[0] is None, plans


def test_the_architecture_page_names_every_stage_where_it_lives() -> None:
    for page in (ROOT / "docs/staff/architecture.md", ROOT / "docs/en/staff/architecture.md"):
        text = page.read_text(encoding="utf-8")
        named = set(re.findall(r"`(generator/[\w/.]*)`", text))
        for path in named:
            assert (ROOT / path.rstrip("/")).exists(), (page.name, path)
        # every module and folder of the package is on the page
        parts = {p for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
        missing = [p.name for p in parts if p.name not in text and p.name != "__init__.py"
                   and p.name != "__main__.py"]
        assert missing == [], (page.name, missing)


def test_an_upgrade_of_a_package_that_shapes_the_output_is_a_change(tmp_path: Path) -> None:
    # Another installed release of Jinja2 (its metadata first on the path) changes the
    # inputs' fingerprint: a publish after an upgrade builds, it never says "unchanged".
    fake = tmp_path / "upgraded"
    meta = fake / "jinja2-99.0.dist-info"
    meta.mkdir(parents=True)
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: Jinja2\nVersion: 99.0\n")
    probe = ("import importlib.metadata as m\n"
             "from generator.project import Project\n"
             "from generator.publish.run import input_digest\n"
             "print(m.version('jinja2'), input_digest(Project.read('mkdocs.yml')))\n")

    def digest(path: str) -> list[str]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [path, str(ROOT)]))}
        return subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True).stdout.split()

    before, after = digest(""), digest(str(fake))
    assert after[0] == "99.0" and before[0] != "99.0"
    assert before[1] != after[1]


def test_every_path_of_the_package_that_the_docs_name_exists() -> None:
    texts = [ROOT / "README.md", ROOT / "deploy/nginx.conf", *sorted((ROOT / "docs").rglob("*.md"))]
    missing = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in texts
        for name in set(re.findall(r"\bgenerator/[\w/.-]*\w", path.read_text(encoding="utf-8")))
        if not (ROOT / name).exists()
    )
    assert missing == []
