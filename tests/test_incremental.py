"""A rebuild redoes only what changed: the promise that lets a national catalog be
published at every release time (see docs/benchmarks.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.check import load_catalog
from tests.conftest import build, copy_example

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
    # The feeds (a release's event.ics wraps an event the feeds cache; never cached itself).
    every_feed = sorted(p.relative_to(tmp_path / "one").as_posix()
                        for p in (tmp_path / "one").rglob("*.ics") if p.name != "event.ics")
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
    carrying = {"calendar/all.ics", f"calendar/products/{product.id}.ics",
                *(f"calendar/audiences/{a}.ics" for a in product.audiences)}
    assert sorted(second["rebuilt"]["feeds"]) == sorted(
        {*carrying, *(f"en/{p}" for p in carrying)})
    page = (tmp_path / "two/products" / product.id / "index.html").read_text(encoding="utf-8")
    assert name + " (sửa)" in page
    unfolded = (tmp_path / "two/calendar/all.ics").read_bytes().replace(b"\r\n ", b"")
    assert (name + " (sửa)").encode() in unfolded
