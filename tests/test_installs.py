"""What gets installed: every import declared, the lock files in step with pyproject.toml,
and `make publish` installing what publishing needs and nothing of the test tools."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
NAME = canonicalize_name(PROJECT["name"])
LOCK_RUNTIME = ROOT / "requirements" / "runtime.txt"
LOCK_TEST = ROOT / "requirements" / "test.txt"
# Top-level names that are this repository's own folders, not distributions.
LOCAL = {path.name for path in ROOT.iterdir() if path.is_dir()}


def declared(*extras: str) -> list[Requirement]:
    """The requirements of [project].dependencies and the given extras, less the project's
    own extras (``phobien[test]`` in ``bench``)."""
    texts = list(PROJECT["dependencies"])
    for extra in extras:
        texts += PROJECT["optional-dependencies"][extra]
    reqs = [Requirement(text) for text in texts]
    return [req for req in reqs if canonicalize_name(req.name) != NAME]


def imported(folder: str) -> dict[str, list[str]]:
    """Third-party top-level modules imported anywhere under ``folder`` (at the top of a
    module, in a function or under TYPE_CHECKING alike), each with where it is imported."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_bytes(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top in sys.stdlib_module_names or top in LOCAL or top == "__future__":
                    continue
                found.setdefault(top, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


@pytest.mark.parametrize(("folder", "extras"), [
    ("generator", ()),
    ("tests", ("test",)),
    ("bench", ("test", "bench")),
])
def test_every_import_is_declared(folder: str, extras: tuple[str, ...]) -> None:
    names = {canonicalize_name(req.name) for req in declared(*extras)}
    where = "[project].dependencies" + "".join(f" or the extra {e!r}" for e in extras)
    distributions = packages_distributions()
    problems = []
    for module, places in sorted(imported(folder).items()):
        dists = {canonicalize_name(d) for d in distributions.get(module, [])}
        if not dists:
            problems.append(f"{module} (imported at {places[0]}) is installed by no distribution")
        elif not dists & names:
            problems.append(f"{module} (imported at {places[0]}) comes from "
                            f"{', '.join(sorted(dists))}, missing from {where}")
    assert not problems, "\n".join(problems)


def test_imports_are_found() -> None:
    # The scan itself: a few imports it must see, so that an empty scan cannot pass.
    assert {"numpy", "markupsafe", "icalendar", "pydantic_core"} <= set(imported("generator"))


class Lock:
    """A requirements file written by ``uv pip compile --generate-hashes``: its pins, and
    the packages it says the project asked for by name ("# via phobien (pyproject.toml)")."""

    def __init__(self, path: Path) -> None:
        self.path = path.relative_to(ROOT)
        self.pins: dict[str, list[Requirement]] = {}
        self.direct: set[str] = set()
        current = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line[0].isspace() and not line.startswith(("#", "-")):
                req = Requirement(line.removesuffix("\\").strip())
                current = canonicalize_name(req.name)
                self.pins.setdefault(current, []).append(req)
            elif re.fullmatch(rf"\s*#\s+(via )?{re.escape(PROJECT['name'])} \(pyproject\.toml\)",
                              line):
                self.direct.add(current)

    def version(self, name: str) -> Version | None:
        """The version pinned for this machine's Python and platform."""
        env = default_environment()
        for req in self.pins.get(canonicalize_name(name), []):
            if req.marker is None or req.marker.evaluate(env):
                (spec,) = req.specifier
                assert spec.operator == "==", f"{self.path}: {req} is not pinned"
                return Version(spec.version)
        return None


@cache
def lock(path: Path) -> Lock:
    return Lock(path)


@pytest.mark.parametrize(("path", "extras"), [
    (LOCK_RUNTIME, ()),
    (LOCK_TEST, ("test", "bench")),
])
def test_lock_is_up_to_date(path: Path, extras: tuple[str, ...]) -> None:
    found = lock(path)
    problems = []
    for req in declared(*extras):
        if req.marker is not None and not req.marker.evaluate():
            continue
        version = found.version(req.name)
        if version is None:
            problems.append(f"{req.name} is not pinned")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} is outside {req}")
        for extra in req.extras:  # pagefind[bin]: the extra brings its own distribution
            if found.version(f"{req.name}-{extra}") is None:
                problems.append(f"{req.name}-{extra} (for {req}) is not pinned")
    names = {canonicalize_name(req.name) for req in declared(*extras)}
    problems += [f"{name} is pinned as a dependency of the project, which no longer declares it"
                 for name in sorted(found.direct - names)]
    assert not problems, f"{found.path} is out of date with pyproject.toml: run `make lock`\n" + \
        "\n".join(problems)


def test_test_lock_has_every_runtime_pin() -> None:
    # The Makefile lets a venv made from the test lock serve publishing as it is.
    runtime, test = lock(LOCK_RUNTIME), lock(LOCK_TEST)
    differ = [f"{name}: {[str(r) for r in reqs]} vs {[str(r) for r in test.pins.get(name, [])]}"
              for name, reqs in sorted(runtime.pins.items()) if reqs != test.pins.get(name)]
    assert not differ, "run `make lock`:\n" + "\n".join(differ)


def test_locks_pin_every_distribution_with_hashes() -> None:
    for path in (LOCK_RUNTIME, LOCK_TEST):
        text = path.read_text(encoding="utf-8")
        entries = re.findall(r"^(\S+==\S+)(.*?)(?=^\S|\Z)", text, flags=re.M | re.S)
        assert entries, path
        unhashed = [pin for pin, rest in entries if "--hash=sha256:" not in rest]
        assert not unhashed, f"{path.name}: no hash for {unhashed}"


def make_dry_run(target: str, venv: Path) -> list[str]:
    """The commands `make TARGET` would run with this venv, one a line, without running them."""
    done = subprocess.run(["make", "--dry-run", "--no-print-directory", target, f"VENV={venv}"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def installs(lines: list[str], venv: Path) -> list[str]:
    """The lines that install into the venv (not apt-get's nor npm's)."""
    return [line for line in lines if str(venv) in line and " install " in line]


def touch_stamps(lines: list[str]) -> None:
    """Do what the dry-run lines say about stamps, as the real run would leave them."""
    for line in lines:
        for command in line.split("&&"):
            words = command.split()
            if words[:1] == ["touch"]:
                for word in words[1:]:
                    Path(word).parent.mkdir(parents=True, exist_ok=True)
                    Path(word).touch()
            elif words[:2] == ["rm", "-f"]:
                for word in words[2:]:
                    for old in Path(word).parent.glob(Path(word).name):
                        old.unlink()


def test_publish_installs_the_runtime_lock_only(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    lines = make_dry_run("publish", venv)
    text = "\n".join(installs(lines, venv))
    assert "requirements/runtime.txt" in text and "--require-hashes" in text
    assert "--no-deps -e ." in text
    assert "requirements/test.txt" not in text
    assert "[test]" not in text and "[bench]" not in text
    assert f"{venv}/bin/phobien publish" in lines[-1]


def test_venv_made_by_publish_gets_the_test_tools_added(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    touch_stamps(make_dry_run("publish", venv))
    assert not installs(make_dry_run("publish", venv), venv), "a second publish installs again"
    lines = make_dry_run("test", venv)
    text = "\n".join(installs(lines, venv))
    assert "requirements/test.txt" in text, "make test after make publish lacks the test tools"
    assert "-m venv" not in "\n".join(lines)
    touch_stamps(lines)
    assert not installs(make_dry_run("test", venv), venv)
    assert not installs(make_dry_run("publish", venv), venv), "publish after test installs again"


def test_stale_stamp_installs_again(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    touch_stamps(make_dry_run("test", venv))
    for stamp in venv.glob(".installed-*"):
        stamp.rename(stamp.with_name(stamp.name + "0"))  # as if pyproject.toml had changed
    assert "requirements/runtime.txt" in "\n".join(installs(make_dry_run("publish", venv), venv))
    assert "requirements/test.txt" in "\n".join(installs(make_dry_run("test", venv), venv))
