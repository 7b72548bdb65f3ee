"""``phobien publish``: a fresh build switched into place as a whole."""

from __future__ import annotations

from pathlib import Path

from generator.publish import KEEP_VERSIONS, publish, versions_dir
from tests.conftest import AS_OF


def test_publish_switches_the_target_to_a_complete_build(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target, AS_OF)
    assert target.is_symlink()
    assert (target / "products/cpi/index.html").is_file()
    assert target.resolve() == (versions_dir(target) / first).resolve()
    second = publish(minimal / "mkdocs.yml", target, AS_OF)
    assert second != first
    assert target.resolve().name == second
    assert (versions_dir(target) / first / "index.html").is_file()  # the previous one is kept
    assert not list(versions_dir(target).glob("*.partial"))


def test_publish_keeps_the_last_versions_only(minimal: Path) -> None:
    target = minimal / "public"
    names = [publish(minimal / "mkdocs.yml", target, AS_OF) for _ in range(KEEP_VERSIONS + 2)]
    kept = sorted(p.name for p in versions_dir(target).iterdir())
    assert kept == names[-KEEP_VERSIONS:]


def test_a_failed_build_leaves_the_published_site(minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target, AS_OF)
    cpi = minimal / "catalog/products/cpi.yml"
    cpi.write_text(
        cpi.read_text(encoding="utf-8").replace("unit: tong-hop", "unit: x"), encoding="utf-8"
    )
    try:
        publish(minimal / "mkdocs.yml", target, AS_OF)
    except Exception:
        pass
    else:
        raise AssertionError("publishing a broken catalog must fail")
    assert target.resolve().name == first
    assert (target / "products/cpi/index.html").is_file()
