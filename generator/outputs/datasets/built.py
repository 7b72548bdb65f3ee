"""What a dataset build produces: the latest files of each dataset and each release's kept
copy (its vintage).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.catalog.load import Dataset
from generator.problems import Problem
from generator.releases.plan import Release


@dataclass(frozen=True)
class Download:
    """One file offered to users."""

    format: str  # csv, xlsx, json, parquet, datapackage
    name: str  # file name in the dataset's folder
    size: int
    sha256: str
    media_type: str


@dataclass
class Built:
    """A dataset's files as of the latest release, or as of one release (a vintage)."""

    dataset: Dataset
    key: str  # "" for the latest; the release id without the product for a vintage
    release: Release | None
    directory: Path  # where the files are (cache or vintage store)
    rows: int = 0
    downloads: list[Download] = field(default_factory=list)
    preview: list[list[Any]] = field(default_factory=list)  # typed values, None = missing
    preview_symbols: list[list[str]] = field(default_factory=list)
    decimals: dict[str, int] = field(default_factory=dict)  # number column → shown decimals
    chart_svg: dict[str, str] = field(default_factory=dict)  # language → SVG
    # The rows the chart draws, in table order, and their missing-value marks: the embed
    # page writes them as its table.
    chart_rows: list[list[Any]] = field(default_factory=list)
    chart_symbols: list[list[str]] = field(default_factory=list)
    truncated_xlsx: bool = False
    from_cache: bool = False
    # What was known when: the revision table's files, and the rows the page shows of it.
    revisions: list[Download] = field(default_factory=list)
    revision_rows: list[list[Any]] = field(default_factory=list)
    revision_symbols: list[list[str]] = field(default_factory=list)
    # Each headline's points: [period, release, release time, value] (``series``).
    headline_series: list[list[list[Any]]] = field(default_factory=list)

    @property
    def address(self) -> str:
        """Where the files are served, below the site root."""
        base = f"datasets/{self.dataset.id}/"
        return base + (f"{self.key}/" if self.key else "")


@dataclass
class DatasetBuild:
    """Every dataset of the site: the latest files and each release's vintage."""

    latest: dict[str, Built] = field(default_factory=dict)
    vintages: dict[str, list[Built]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)  # what was built, not taken from cache
    _by_release: dict[str, list[Built]] | None = field(default=None, repr=False)
    _by_product: dict[str, list[str]] | None = field(default=None, repr=False)

    def of_release(self, release_id: str) -> list[Built]:
        # Built once per build, after the vintages are complete; every release page asks.
        if self._by_release is None:
            self._by_release = {}
            for built in (b for bs in self.vintages.values() for b in bs):
                if built.release is not None:
                    self._by_release.setdefault(built.release.id, []).append(built)
        return self._by_release.get(release_id, [])

    def of_product(self, product_id: str) -> list[str]:
        """The ids of a product's datasets that were built, sorted. Indexed once, after
        the build: every release page asks."""
        if self._by_product is None:
            self._by_product = {}
            for dataset_id in sorted(self.latest):
                product = self.latest[dataset_id].dataset.product
                self._by_product.setdefault(product, []).append(dataset_id)
        return self._by_product.get(product_id, [])

    def files(self) -> Iterator[tuple[str, Path]]:
        """Every output file: (address below the site root, file on disk)."""
        for built in [*self.latest.values(), *(b for bs in self.vintages.values() for b in bs)]:
            for download in [*built.downloads, *built.revisions]:
                yield built.address + download.name, built.directory / download.name
