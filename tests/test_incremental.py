"""A rebuild redoes only what changed: the promise that lets a national catalog be
published at every release time (see docs/benchmarks.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator import clock
from generator.check import load_catalog
from generator.outputs.pages import search_index
from generator.releases.plan import plan
from tests.conftest import AS_OF, build, copy_example, copy_project

pytestmark = pytest.mark.slow  # builds and rebuilds


def project_copy(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "project")


def report(project: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((project / ".phobien/build.json").read_text())
    return data


def test_a_product_edit_rebuilds_no_dataset_and_only_the_feeds_that_carry_it(
    tmp_path: Path,
) -> None:
    project = project_copy(tmp_path)
    build(project, tmp_path / "one")
    first = report(project)
    # Each dataset's latest files, and the vintage of its newest release.
    assert {d.split("@")[0] for d in first["rebuilt"]["datasets"]} == {
        "ban-le-thang", "cpi-thang", "dan-so-huyen", "grdp-quy", "iip-thang"}
    # The feeds, and each release's own calendar (its event.ics).
    every_feed = sorted(p.relative_to(tmp_path / "one").as_posix()
                        for p in (tmp_path / "one").rglob("*.ics"))
    assert sorted(first["rebuilt"]["feeds"]) == every_feed
    assert set(first["timings"]) >= {"catalog", "datasets", "feeds", "pages", "mkdocs", "total"}

    # One product's text changes; it has no dataset of its own.
    catalog = load_catalog(project / "catalog")
    product = next(p for p in catalog.public().products
                   if p.audiences and not any(d.product == p.id for d in catalog.datasets)
                   and p.id != "cpi")
    path = project / "catalog/products" / f"{product.id}.yml"
    text = path.read_text(encoding="utf-8")
    name = product.name.vi
    assert f'"{name}"' in text or f"{name}\n" in text
    path.write_text(text.replace(name, name + " (sửa)", 1), encoding="utf-8")
    build(project, tmp_path / "two")
    second = report(project)
    assert second["rebuilt"]["datasets"] == []
    now = clock.resolve(AS_OF, catalog.site.zone).now
    carrying = {"calendar/all.ics", f"calendar/products/{product.id}.ics",
                *(f"calendar/audiences/{a}.ics" for a in product.audiences),
                *(f"releases/{r.id}/event.ics" for r in plan(catalog.public(), now).releases
                  if r.product.id == product.id)}
    assert sorted(second["rebuilt"]["feeds"]) == sorted(
        {*carrying, *(f"en/{p}" for p in carrying)})
    page = (tmp_path / "two/products" / product.id / "index.html").read_text(encoding="utf-8")
    assert name + " (sửa)" in page
    unfolded = (tmp_path / "two/calendar/all.ics").read_bytes().replace(b"\r\n ", b"")
    assert (name + " (sửa)").encode() in unfolded


# --- the page cache: pages whose inputs did not change are reused, byte for byte ---------


def rendered(project: Path) -> set[str]:
    """The pages whose template this build rendered (the others came from the cache)."""
    return set(report(project)["rebuilt"].get("pages", []))


def same_bytes(one: Path, two: Path) -> list[str]:
    """Every file that differs between two sites, or is in one only."""
    def files(site: Path) -> dict[str, Path]:
        return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}

    a, b = files(one), files(two)
    return sorted({*a.keys() ^ b.keys(),
                   *(k for k in a.keys() & b.keys() if a[k].read_bytes() != b[k].read_bytes())})


def indexed_anew(project: Path) -> set[str]:
    """The parts of the search index this build indexed (the others came from the cache)."""
    record = json.loads((project / ".phobien/search/parts.json").read_text())
    return {name for name, part in record["parts"].items() if part["built"]}


def parts_holding(site: Path, paths: list[str]) -> set[str]:
    """The parts of the site's search index that hold any of ``paths``."""
    parts = search_index.partition(search_index.site_pages(site))
    return {name for name, pages in parts.items() if any(p.path in paths for p in pages)}


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def from_scratch(project: Path, tmp_path: Path, name: str) -> Path:
    """A full build of ``project``'s inputs in a fresh folder: no work folder, no cache."""
    fresh = copy_project(project, tmp_path / f"fresh-{name}")
    return build(fresh, tmp_path / f"site-{name}")


def test_a_rebuild_reuses_the_pages_that_did_not_change_and_is_byte_identical(
    tmp_path: Path,
) -> None:
    project = project_copy(tmp_path)
    build(project, tmp_path / "one")
    everything = rendered(project)
    assert "products/ban-le-hang-hoa-dich-vu.md" in everything

    # Nothing changed: no page is rendered, through Python-Markdown or the theme.
    build(project, tmp_path / "same")
    assert rendered(project) == set() and report(project)["rebuilt"].get("markdown") is None
    assert indexed_anew(project) == set()  # every part of the search index reused
    assert same_bytes(tmp_path / "one", tmp_path / "same") == []

    # One product's name and content change: its pages (and those listing it) are rendered
    # again, most are not, and the site is the one a full build makes of the edited catalog.
    product = "catalog/products/ban-le-hang-hoa-dich-vu.yml"
    edit(project, product, "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
         "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ (sửa)")
    edit(project, product, "Tổng mức bán lẻ hàng hóa theo nhóm hàng;",
         "Tổng mức bán lẻ hàng hóa theo nhóm hàng và theo vùng;")
    build(project, tmp_path / "two")
    again = rendered(project)
    assert "products/ban-le-hang-hoa-dich-vu.md" in again
    assert 0 < len(again) < len(everything) / 2
    # Only the parts of the search index that hold a changed page are indexed again.
    changed = same_bytes(tmp_path / "same", tmp_path / "two")
    anew = indexed_anew(project)
    assert anew == parts_holding(tmp_path / "two", changed)
    assert 0 < len(anew) < len(search_index.partition(search_index.site_pages(
        tmp_path / "two")))
    assert same_bytes(tmp_path / "two", from_scratch(project, tmp_path, "product")) == []

    # An audience group's name is in every page's menu: every page is rendered again,
    # none reused with the old menu.
    edit(project, "catalog/audiences.yml", '"Doanh nghiệp, nhà đầu tư"',
         '"Doanh nghiệp và nhà đầu tư"')
    build(project, tmp_path / "three")
    menu = rendered(project)
    assert len(menu) > len(everything) * 0.9
    assert same_bytes(tmp_path / "three", from_scratch(project, tmp_path, "menu")) == []


def test_a_page_that_warned_is_never_reused_so_strict_fails_every_time(tmp_path: Path) -> None:
    """A broken link makes a strict build fail; the page is not cached, so the next build
    fails again rather than serving the cached page quietly. Mended, it builds."""
    from generator.engine.errors import EngineError

    project = project_copy(tmp_path)
    build(project, tmp_path / "first")  # fills the cache with the good page
    about = project / "docs" / "about.md"
    good = about.read_text(encoding="utf-8")
    about.write_text(good + "\n[Trang không có](khong-co-trang-nay.md)\n", encoding="utf-8")
    for attempt in ("second", "third"):
        with pytest.raises(EngineError):
            build(project, tmp_path / attempt)
    about.write_text(good, encoding="utf-8")
    mended = build(project, tmp_path / "mended")
    assert (mended / "about" / "index.html").read_bytes() == (
        tmp_path / "first" / "about" / "index.html").read_bytes()
