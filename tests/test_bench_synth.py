"""The synthetic catalogs of the scale benchmarks (bench/synth.py) are what the report says
they are: the sizes' exact counts, valid, realistic in shape, and the same for a seed.

The benchmarks themselves are not tests (``make bench``); this checks only that what they
measure is a real catalog, at the small size XS that the bench keeps for trying itself.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bench.synth import SIZES, make_catalog
from generator.check import load_catalog
from generator.releases.plan import plan


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The XS catalog, made once for the module, and the counts it reported."""
    root = tmp_path_factory.mktemp("synth") / "xs"
    return root, make_catalog(root, "XS", seed=1)


@pytest.fixture(scope="module")
def xs(made: tuple[Path, dict[str, int]]) -> Path:
    return made[0]


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in (root / "catalog").rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_counts_are_the_sizes_own(made: tuple[Path, dict[str, int]]) -> None:
    spec = SIZES["XS"]
    counts = made[1]
    assert counts["products"] == spec.products
    assert counts["releases"] == spec.releases
    assert counts["datasets"] == spec.datasets
    assert counts["dataset_rows"] == spec.datasets * spec.rows
    assert counts["problems"] == 0


def test_the_sizes_of_the_issue() -> None:
    assert (SIZES["M"].products, SIZES["M"].releases) == (1_000, 15_000)
    assert (SIZES["M"].datasets, SIZES["M"].rows) == (100, 100_000)
    assert (SIZES["L"].products, SIZES["L"].releases) == (5_000, 75_000)
    assert SIZES["L"].datasets * SIZES["L"].rows == 10_000_000
    # the 200 products of the issue's profile: about 6,600 pages, a million rows
    assert (SIZES["P200"].products, SIZES["P200"].releases) == (200, 3_000)
    assert SIZES["P200"].datasets * SIZES["P200"].rows == 1_000_000


def test_realistic_in_shape(xs: Path) -> None:
    catalog = load_catalog(xs / "catalog")
    public = catalog.public()
    schedule = plan(public)
    assert not schedule.problems
    # Three audience groups, each carrying products; restricted products exist and drop out.
    by_audience = Counter(a for p in public.products for a in p.audiences)
    assert set(by_audience) == {"leaders", "business", "public"}
    assert len(public.products) < len(catalog.products)
    # Several release cycles, and both calendars of the two years.
    assert {p.cycle for p in public.products} >= {"monthly", "quarterly", "annual"}
    assert {c.year for c in public.calendars} == {2026, 2027}
    # Rules meet days off: some releases were moved from the rule's date to a working day.
    shifted = [r for r in schedule.releases
               if r.due and r.timing.date and r.timing.date != r.due]
    assert shifted
    assert all(schedule.working_days.is_working(r.timing.date) for r in shifted)
    # The approved calendars carry adjustments: moved, cancelled and added releases.
    assert {c.kind for c in schedule.changes} == {"moved", "cancelled", "added"}
    # Bilingual text in Vietnamese with its diacritics, stored NFC.
    for product in public.products[:20]:
        vi, en = product.name.vi, product.name.en
        assert vi and en and vi != en
        assert unicodedata.is_normalized("NFC", vi)
    assert any(ch in "ăâđêôơư" for p in public.products for ch in p.name.vi.lower())


def test_same_seed_same_catalog(xs: Path, tmp_path: Path) -> None:
    make_catalog(tmp_path / "again", "XS", seed=1)
    assert digest(tmp_path / "again") == digest(xs)
    make_catalog(tmp_path / "other", "XS", seed=2)
    assert digest(tmp_path / "other") != digest(xs)
