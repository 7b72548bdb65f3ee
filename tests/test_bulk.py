"""The bulk download: one ZIP of every public dataset's latest files, with a README.

Built from the example catalog as of the suite's moment (25 November 2026, 09:00), when
CPI for October 2026 is out and November's, due on 7 December, is not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from generator.catalog.load import Catalog
from generator.check import load_catalog
from generator.clock import resolve
from generator.outputs.datasets.build import build_datasets
from generator.outputs.datasets.built import DatasetBuild
from generator.outputs.datasets.bulk import bulk_zip
from generator.releases.plan import plan
from tests.conftest import AS_OF, ROOT

UNRELEASED = "2026-11"  # CPI's November 2026, released on 7 December 2026


@dataclasses.dataclass
class Example:
    full: Catalog
    public: Catalog
    build: DatasetBuild
    moment: dt.datetime
    zip_path: Path
    result: tuple[int, str]

    def archive(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(self.zip_path)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Example:
    full = load_catalog(ROOT / "catalog")
    public = full.public()
    now = resolve(AS_OF, public.site.zone).now
    build = build_datasets(public, plan(public, now), tmp_path_factory.mktemp("work"), ROOT)
    assert not build.problems
    target = tmp_path_factory.mktemp("out") / "datasets" / "du-lieu.zip"
    return Example(full, public, build, now, target, bulk_zip(public, build, target, now))


def test_returns_size_and_sha256(example: Example) -> None:
    data = example.zip_path.read_bytes()
    assert example.result == (len(data), hashlib.sha256(data).hexdigest())
    assert [p.name for p in example.zip_path.parent.iterdir()] == ["du-lieu.zip"]  # no leftovers


def test_byte_identical_when_built_twice(example: Example, tmp_path: Path) -> None:
    again = tmp_path / "again.zip"
    assert bulk_zip(example.public, example.build, again, example.moment) == example.result
    assert again.read_bytes() == example.zip_path.read_bytes()
    # Rebuilt over an existing file: replaced whole, same bytes.
    assert bulk_zip(example.public, example.build, again, example.moment) == example.result


def test_entries_are_fixed(example: Example) -> None:
    with example.archive() as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert names[0] == "README.txt"
    for info in infos:
        assert info.date_time == (2026, 11, 25, 9, 0, 0)  # office time, not UTC
        # Compressed formats are stored as they are; text is deflated.
        stored = info.filename.endswith((".xlsx", ".parquet"))
        assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        assert info.external_attr >> 16 == 0o100644
        assert info.create_system == 3


def test_holds_every_dataset_byte_for_byte(example: Example) -> None:
    with example.archive() as archive:
        names = set(archive.namelist())
        expected = {"README.txt"}
        for dataset_id, built in example.build.latest.items():
            formats = {d.format for d in built.downloads}
            assert formats == {"csv", "xlsx", "json", "parquet", "datapackage", "px", "jsonstat",
                               "sdmx"}
            for download in built.downloads:
                name = f"{dataset_id}/{download.name}"
                expected.add(name)
                assert archive.read(name) == (built.directory / download.name).read_bytes()
        assert names == expected
    assert set(example.build.latest) == {
        "ban-le-thang", "cpi-thang", "dan-so-huyen", "grdp-quy", "iip-thang"}


def test_nothing_of_an_unreleased_period(example: Example) -> None:
    source = (ROOT / "catalog" / "sources" / "cpi.csv").read_text(encoding="utf-8")
    assert f"\n{UNRELEASED}," in source  # the source has it: the test means something
    with example.archive() as archive:
        csv = archive.read("cpi-thang/cpi-thang.csv").decode("utf-8-sig")
        rows = json.loads(archive.read("cpi-thang/cpi-thang.json"))
        table = pq.read_table(io.BytesIO(archive.read("cpi-thang/cpi-thang.parquet")))
    periods = [line.split(",")[0] for line in csv.splitlines()[1:]]
    assert "2026-10" in periods and UNRELEASED not in periods
    assert UNRELEASED not in {r["ky"] for r in rows}
    assert UNRELEASED not in table.column("ky").to_pylist()
    assert len(periods) == len(rows) == table.num_rows == example.build.latest["cpi-thang"].rows


def test_readme_in_both_languages(example: Example) -> None:
    with example.archive() as archive:
        raw = archive.read("README.txt")
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Windows Notepad reads it as UTF-8
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    for lang in ("vi", "en"):
        assert example.public.site.office.name.get(lang) in text
    for built in example.build.latest.values():
        assert f"{built.dataset.id}/" in text
        assert built.dataset.title.get("vi") in text and built.dataset.title.get("en") in text
    assert "Chỉ số giá tiêu dùng hằng tháng (46 dòng)" in text
    assert "Monthly consumer price index (46 rows)" in text
    for line in ("..   Chưa có số liệu", "x    Suppressed for confidentiality"):
        assert line in text
    assert "25/11/2026 09:00" in text and "25 November 2026 09:00" in text


def test_nothing_restricted_or_on_request(example: Example, tmp_path: Path) -> None:
    """A build carrying datasets forged onto hidden products, with the full catalog: a
    wrong caller still puts nothing of them in the archive."""
    hidden = sorted(p.id for p in example.full.products if p.access != "public")
    assert {"bao-cao-nhanh-lanh-dao", "so-lieu-theo-yeu-cau"} <= set(hidden)
    build = dataclasses.replace(example.build, latest=dict(example.build.latest))
    cpi = example.build.latest["cpi-thang"]
    for product in hidden:
        forged = cpi.dataset.model_copy(update={"id": f"forged-{product}", "product": product})
        build.latest[forged.id] = dataclasses.replace(cpi, dataset=forged)
    for catalog in (example.full, example.public):
        target = tmp_path / "bulk.zip"
        assert bulk_zip(catalog, build, target, example.moment) == example.result
