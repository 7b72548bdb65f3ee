"""The exchange formats of small tables built for real (no site): every symbol's PX
dot-code, a table split over many chunks, and a table that is not a cube."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from pyaxis import pyaxis

from generator.outputs.datasets import reader
from tests.test_datasets import DATASET, EDGE_DATASET, EDGE_SOURCE, SOURCE, add_dataset, run

NEVER = r"(?!x)x"


@pytest.mark.parametrize("chunk", [2, 50_000])
def test_every_symbol_has_its_dot_code_whatever_the_chunks(
        minimal: Path, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # "..", "x" and "-" cells, and rows written two at a time: the cube is read back from
    # the Parquet file and its symbols' file, row group by row group.
    monkeypatch.setattr(reader, "CHUNK_ROWS", chunk)
    add_dataset(minimal, source=SOURCE, dataset=DATASET)
    result = run(minimal)
    assert not result.problems
    folder = result.latest["chi-so"].directory
    px = pyaxis.parse(str(folder / "chi-so.px"), encoding="utf-8", null_values=NEVER,
                      sd_values=NEVER)
    meta, data = px["METADATA"], px["DATA"]
    assert meta["DATASYMBOLNIL"] == ["Không có số liệu (hiện tượng không phát sinh)"]
    assert meta["DATASYMBOL2"] == ["Chưa có số liệu"]
    assert meta["DATASYMBOL3"] == ["Số liệu bảo mật, không công bố"]
    cells = {(r["Kỳ"], r["Tỉnh"], r["Chỉ tiêu"]): r["DATA"] for r in data.to_dict("records")
             if r["DATA"] != '"."'}
    assert cells[("Tháng 11/2026", "Hà Nội", "Số hộ")] == '".."'
    assert cells[("Tháng 12/2026", "Tuyên Quang", "Chỉ số")] == '"..."'
    assert cells[("Tháng 01/2027", "Lạng Sơn", "Số hộ")] == '"-"'
    assert cells[("Tháng 02/2027", "Lạng Sơn", "Số hộ")] == "1000000"
    assert cells[("Tháng 10/2026", "Hà Nội", "Chỉ số")] == "101.25"
    # The month still to come is in none of the three files: neither its figure nor its note.
    for name in ("chi-so.px", "chi-so.jsonstat.json", "chi-so.sdmx.csv"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "777.77" not in text and "BÍ MẬT" not in text and '"2027-03"' not in text
    stat = json.loads((folder / "chi-so.jsonstat.json").read_text(encoding="utf-8"))
    assert sorted(stat["status"].values()) == ["-", "..", "x"]


def test_odd_cells_read_back(minimal: Path) -> None:
    # A tiny number, a long one, a name over two lines, a missing code: PX and JSON-stat
    # keep every digit and write no exponent.
    add_dataset(minimal, source=EDGE_SOURCE, dataset=EDGE_DATASET)
    result = run(minimal)
    assert not result.problems
    folder = result.latest["chi-so"].directory
    text = (folder / "chi-so.px").read_text(encoding="utf-8")
    data = text.split("DATA=")[1]
    assert "0.00001" in data and "123456789.125" in data and "0.30000000000000004" in data
    assert '"dòng một dòng hai"' in text  # PX strings are one line
    stat = json.loads((folder / "chi-so.jsonstat.json").read_text(encoding="utf-8"))
    assert 1e-05 in stat["value"] and 123456789.125 in stat["value"]


def test_a_table_that_is_not_a_cube_gets_none_and_the_log_says_why(
        minimal: Path, caplog: pytest.LogCaptureFixture) -> None:
    # Two rows of one month and province with the same note: a list, not a cube.
    source = SOURCE.replace("2026-11,01,Hà Nội,\"102,50\",..,\"=HYPERLINK(\"\"http://x.example"
                            "\"\";\"\"bấm\"\")\",06/12/2026",
                            "2026-10,01,Hà Nội,\"102,50\",..,bình thường,2026-11-06")
    assert source != SOURCE
    add_dataset(minimal, source=source, dataset=DATASET)
    with caplog.at_level(logging.WARNING, logger="phobien"):
        result = run(minimal)
    assert not result.problems
    formats = {d.format for d in result.latest["chi-so"].downloads}
    assert formats == {"csv", "xlsx", "json", "parquet", "datapackage"}
    assert "catalog/datasets/chi-so.yml columns: bảng không sắp thành khối số liệu nên không " \
        "có tệp PX, JSON-stat, SDMX-CSV: hai dòng trùng nhau ở mọi cột kỳ, mã và văn bản " \
        "[not-a-cube]" in caplog.text
