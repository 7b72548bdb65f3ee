"""Datasets: typed reading, the embargo, every format read back, caching and bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from frictionless import validate

from generator.check import load_catalog
from generator.outputs.datasets import glance, reader
from generator.outputs.datasets import store as datasets
from generator.outputs.datasets.build import build_datasets
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.problems import CatalogError
from generator.releases.plan import plan
from tests.conftest import build, readable, site_files
from tests.test_releases import add_rule, write_calendar

AS_OF = dt.datetime(2027, 3, 26, 9, 0)  # cpi 2026-12, 2027-01 and 2027-02 are out; 2027-03 is not

SOURCE = """Kỳ,Mã tỉnh,Tên,Chỉ số,Số hộ,Ghi chú,Ngày
2026-10,01,Hà Nội,"101,25",9.061,bình thường,2026-11-06
2026-11,01,Hà Nội,"102,50",..,"=HYPERLINK(""http://x.example"";""bấm"")",06/12/2026
2026-12,08,Tuyên Quang,x,12.345,+1 điểm,2027-01-06
2027-01,20,Lạng Sơn,"99,90",-,-5 điểm,2027-02-11
2027-02,20,Lạng Sơn,"100,00",1.000.000,@SUM(A1),2027-03-06
2027-03,20,Lạng Sơn,"777,77",7.777,BÍ MẬT CHƯA CÔNG BỐ,2027-04-06
"""

DATASET = """id: chi-so
product: cpi
title: {vi: "Chỉ số thử nghiệm", en: "Test index"}
description: {vi: "Bộ dữ liệu thử nghiệm.", en: "A test dataset."}
source:
  file: sources/chi-so.csv
  numbers: vietnamese
period: ky
columns:
  - {source: "Kỳ", id: ky, label: {vi: "Kỳ", en: "Period"}, type: period}
  - {source: "Mã tỉnh", id: ma, label: {vi: "Mã tỉnh", en: "Province code"}, type: code}
  - {source: "Tên", id: ten, label: {vi: "Tỉnh", en: "Province"}, type: string}
  - {source: "Chỉ số", id: chi_so, label: {vi: "Chỉ số", en: "Index"}, type: number}
  - {source: "Số hộ", id: so_ho, label: {vi: "Số hộ", en: "Households"}, type: integer}
  - {source: "Ghi chú", id: ghi_chu, label: {vi: "Ghi chú", en: "Note"}, type: string}
  - {source: "Ngày", id: ngay, label: {vi: "Ngày", en: "Date"}, type: date}
chart: {type: line, x: ky, y: [chi_so]}
"""

# What the source says once typed and embargoed, as of AS_OF.
EXPECTED = [
    ("2026-10", "01", "Hà Nội", 101.25, 9061, "bình thường", "2026-11-06"),
    ("2026-11", "01", "Hà Nội", 102.5, None, '=HYPERLINK("http://x.example";"bấm")', "2026-12-06"),
    ("2026-12", "08", "Tuyên Quang", None, 12345, "+1 điểm", "2027-01-06"),
    ("2027-01", "20", "Lạng Sơn", 99.9, None, "-5 điểm", "2027-02-11"),
    ("2027-02", "20", "Lạng Sơn", 100.0, 1000000, "@SUM(A1)", "2027-03-06"),
]
SYMBOLS = {(1, "so_ho"): "..", (2, "chi_so"): "x", (3, "so_ho"): "-"}
COLUMNS = ["ky", "ma", "ten", "chi_so", "so_ho", "ghi_chu", "ngay"]


def add_dataset(project: Path, source: str = SOURCE, dataset: str = DATASET) -> None:
    add_rule(project)
    write_calendar(project)
    (project / "catalog/sources").mkdir(exist_ok=True)
    (project / "catalog/sources/chi-so.csv").write_text(source, encoding="utf-8")
    (project / "catalog/datasets").mkdir(exist_ok=True)
    (project / "catalog/datasets/chi-so.yml").write_text(dataset, encoding="utf-8")


def run(project: Path, when: dt.datetime = AS_OF, work: Path | None = None) -> DatasetBuild:
    catalog = load_catalog(project / "catalog").public()
    return build_datasets(catalog, plan(catalog, when), work or project / ".phobien", project)


@pytest.fixture
def project(minimal: Path) -> Path:
    add_dataset(minimal)
    return minimal


@pytest.fixture
def built(project: Path) -> DatasetBuild:
    result = run(project)
    assert not result.problems, [p.format("en") for p in result.problems]
    return result


def files_of(result: DatasetBuild) -> dict[str, Path]:
    latest = result.latest["chi-so"]
    return {d.format: latest.directory / d.name for d in latest.downloads}


def test_csv_reads_back_as_the_source(built: DatasetBuild) -> None:
    raw = files_of(built)["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8 Vietnamese
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # RFC 4180 line ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == COLUMNS
    for i, (row, expected) in enumerate(zip(rows[1:], EXPECTED, strict=True)):
        for col, (cell, want) in enumerate(zip(row, expected, strict=True)):
            name = COLUMNS[col]
            if want is None:
                assert cell == SYMBOLS[(i, name)]  # the symbol, kept as written
            elif isinstance(want, float):
                assert float(cell) == want
            elif isinstance(want, int):
                assert int(cell) == want
            elif name == "ghi_chu" and want[0] in "=+-@":
                assert cell == "'" + want  # neutralised: a spreadsheet will not run it
            else:
                assert cell == want


def test_xlsx_reads_back(built: DatasetBuild) -> None:
    book = openpyxl.load_workbook(files_of(built)["xlsx"])
    data, meta = book.worksheets
    assert [c.value for c in data[1]] == [
        "Kỳ",
        "Mã tỉnh",
        "Tỉnh",
        "Chỉ số",
        "Số hộ",
        "Ghi chú",
        "Ngày",
    ]
    for i, (row, expected) in enumerate(zip(data.iter_rows(min_row=2), EXPECTED, strict=True)):
        for col, (cell, want) in enumerate(zip(row, expected, strict=True)):
            if want is None:
                assert cell.value == SYMBOLS[(i, COLUMNS[col])]
            else:
                assert cell.value == want
            # Every text cell is text, never a formula, whatever it begins with.
            assert cell.data_type in ("s", "n"), cell.coordinate
    text = " ".join(str(c.value) for row in meta.iter_rows() for c in row if c.value)
    assert "Chỉ số thử nghiệm" in text and "Test index" in text
    assert "Chưa có số liệu" in text  # the meaning of '..'


def test_json_and_parquet_read_back(built: DatasetBuild) -> None:
    files = files_of(built)
    records = json.loads(files["json"].read_text(encoding="utf-8"))
    assert [tuple(r[c] for c in COLUMNS) for r in records] == EXPECTED
    table = pq.read_table(files["parquet"]).to_pandas()
    assert list(table["ma"]) == ["01", "01", "08", "20", "20"]  # codes keep their zeros
    assert table["so_ho"].isna().tolist() == [False, True, False, True, False]
    assert list(table["ten"]) == [e[2] for e in EXPECTED]
    assert str(table["so_ho"].dtype) in ("Int64", "int64", "float64")
    assert table["chi_so"].iloc[0] == 101.25
    assert table["ngay"].iloc[1] == dt.date(2026, 12, 6)


def test_frictionless_validates_every_datapackage(built: DatasetBuild) -> None:
    packages = [
        b.directory / "datapackage.json"
        for b in [built.latest["chi-so"], *built.vintages["chi-so"]]
    ]
    assert len(packages) == 2  # the latest, and the vintage of the newest release
    for package in packages:
        report = validate(str(package))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(packages[0].read_text(encoding="utf-8"))
    schema = descriptor["resources"][0]["schema"]
    assert schema["missingValues"] == ["", "-", "..", "x"]
    assert [f["type"] for f in schema["fields"]] == [
        "string",
        "string",
        "string",
        "number",
        "integer",
        "string",
        "date",
    ]


@pytest.mark.slow
def test_unreleased_rows_are_written_nowhere(project: Path, tmp_path: Path) -> None:
    site = build(project, tmp_path / "site", as_of="2027-03-26T09:00")
    for path in site_files(site):
        contents = readable(path)  # the search index and every archive's entries unpacked
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            contents.append(" ".join(str(c.value) for ws in book.worksheets
                                     for row in ws.iter_rows() for c in row).encode())
        for data in contents:
            for needle in ("777,77", "777.77", "BÍ MẬT", "7777"):
                assert needle.encode() not in data, (needle, path)
    # ...and they appear as soon as their release's time has come
    later = build(project, tmp_path / "later", as_of="2027-04-06T09:00")
    csv_text = (later / "datasets/chi-so/chi-so.csv").read_text(encoding="utf-8-sig")
    assert "BÍ MẬT CHƯA CÔNG BỐ" in csv_text and "777.77" in csv_text


def test_each_release_publish_freezes_its_vintage(project: Path) -> None:
    # Publishing at each release time (as `phobien next` tells staff to) gives every release
    # its own vintage; rows older than the first scheduled period are history, public.
    for moment in (dt.datetime(2027, 1, 6, 9), dt.datetime(2027, 2, 11, 9), AS_OF):
        result = run(project, moment)
    assert [v.key for v in result.vintages["chi-so"]] == ["2026-12", "2027-01", "2027-02"]
    first = result.vintages["chi-so"][0]
    periods = pd.read_csv(first.directory / "chi-so.csv", dtype=str, encoding="utf-8-sig")["ky"]
    assert list(periods) == ["2026-10", "2026-11", "2026-12"]
    # a single build gives the newest release its vintage, and invents no older one
    fresh = run(project, AS_OF, work=project / "fresh-work")
    assert [v.key for v in fresh.vintages["chi-so"]] == ["2027-02"]


def test_a_vintage_keeps_what_was_published_that_day(project: Path) -> None:
    run(project, dt.datetime(2027, 1, 6, 9, 0))
    source = project / "catalog/sources/chi-so.csv"
    source.write_text(SOURCE.replace('"101,25"', '"101,30"'), encoding="utf-8")  # a revision
    later = run(project)
    vintage = next(v for v in later.vintages["chi-so"] if v.key == "2026-12")
    old = (vintage.directory / "chi-so.csv").read_text(encoding="utf-8-sig")
    new = (later.latest["chi-so"].directory / "chi-so.csv").read_text(encoding="utf-8-sig")
    assert "101.25" in old and "101.3" not in old
    assert "101.3" in new


def test_a_rebuild_with_no_change_rebuilds_nothing(project: Path) -> None:
    first = run(project)
    assert "chi-so" in first.rebuilt
    again = run(project)
    assert again.rebuilt == []
    assert all(b.from_cache for b in again.latest.values())
    # a change of the source, or a release coming out, rebuilds the latest files
    source = project / "catalog/sources/chi-so.csv"
    source.write_text(SOURCE.replace("bình thường", "đã sửa"), encoding="utf-8")
    assert run(project).rebuilt == ["chi-so"]
    assert "chi-so" in run(project, dt.datetime(2027, 4, 6, 9, 0)).rebuilt


@pytest.mark.slow
def test_site_build_registers_dataset_files_and_pages(project: Path, tmp_path: Path) -> None:
    run(project)  # the publish at the release's time froze its vintage
    # (a build as of a moment still to come is a preview: it freezes nothing itself)
    site = build(project, tmp_path / "site", as_of="2027-03-26T09:00")
    folder = site / "datasets/chi-so"
    assert {p.name for p in folder.iterdir() if p.is_file()} == {
        "chi-so.csv",
        "chi-so.xlsx",
        "chi-so.json",
        "chi-so.parquet",
        "datapackage.json",
        "chi-so.px",
        "chi-so.jsonstat.json",
        "chi-so.sdmx.csv",
        "revisions.csv",
        "revisions.json",
        "revisions.parquet",
        "cite.bib",
        "cite.ris",
        "cite.csl.json",
        "index.html",
    }  # the dataset's page shares its address
    assert (folder / "2027-02/chi-so.csv").is_file()
    assert not (folder / "2027-03").exists()
    page = (site / "products/cpi/index.html").read_text(encoding="utf-8")
    assert "chi-so.csv" in page and "<svg" in page
    release = (site / "releases/cpi/2027-02/index.html").read_text(encoding="utf-8")
    assert "datasets/chi-so/2027-02/chi-so.csv" in release
    upcoming = (site / "releases/cpi/2027-03/index.html").read_text(encoding="utf-8")
    assert "chi-so.csv" not in upcoming


def problems(project: Path) -> list[str]:
    try:
        catalog = load_catalog(project / "catalog").public()
    except CatalogError as exc:
        return [p.format("en") for p in exc.problems]
    result = build_datasets(catalog, plan(catalog, AS_OF), project / ".phobien", project)
    return [p.format("en") for p in result.problems]


@pytest.mark.parametrize("path", ["../outside.csv", "/etc/passwd", "sources/../../x.csv"])
def test_source_paths_never_leave_the_catalog(minimal: Path, path: str) -> None:
    add_dataset(minimal, dataset=DATASET.replace("sources/chi-so.csv", path))
    (minimal / "outside.csv").write_text(SOURCE, encoding="utf-8")
    [problem] = problems(minimal)
    assert problem.startswith("catalog/datasets/chi-so.yml:6 source.file: the source file")
    assert "is outside catalog/" in problem


def test_a_symbolic_link_out_of_the_catalog_is_refused(minimal: Path, tmp_path: Path) -> None:
    add_dataset(minimal)
    secret = tmp_path / "secret.csv"
    secret.write_text(SOURCE, encoding="utf-8")
    link = minimal / "catalog/sources/chi-so.csv"
    link.unlink()
    os.symlink(secret, link)
    [problem] = problems(minimal)
    assert "is outside catalog/" in problem


def test_missing_source_and_unknown_column(minimal: Path) -> None:
    add_dataset(minimal, dataset=DATASET.replace("sources/chi-so.csv", "sources/khong-co.csv"))
    assert problems(minimal) == [
        "catalog/datasets/chi-so.yml:6 source.file: the source file 'sources/khong-co.csv' "
        "does not exist [missing-source]"
    ]
    (minimal / "catalog/datasets/chi-so.yml").write_text(
        DATASET.replace("sources/khong-co.csv", "sources/chi-so.csv").replace(
            'source: "Số hộ"', 'source: "So ho"'
        ),
        encoding="utf-8",
    )
    [problem] = problems(minimal)
    assert problem.startswith(
        "catalog/sources/chi-so.csv:1 So ho: the source table has no "
        "column 'So ho'. Its columns: Kỳ, Mã tỉnh"
    )


def test_a_value_that_does_not_fit_its_type(minimal: Path, tmp_path: Path) -> None:
    add_dataset(minimal, source=SOURCE.replace("12.345", "mười hai"))
    assert problems(minimal) == [
        "catalog/sources/chi-so.csv:4 Số hộ: the cell 'mười hai' in column 'Số hộ' is not a "
        "whole number written as 1.234 (numbers: vietnamese), nor a missing-value symbol "
        "(-, .., x) [bad-cell]"
    ]
    # the build fails plainly and writes nothing
    with pytest.raises(Exception) as info:
        build(minimal, tmp_path / "out", as_of="2027-03-26T09:00")
    assert "mười hai" in str(info.value) or "Aborted" in str(info.value)
    assert not (tmp_path / "out").exists()
    assert not list((minimal / ".phobien").rglob("*.partial"))


@pytest.mark.parametrize("product", ["vi-du-lieu", "mat-lanh-dao"])
def test_only_public_products_have_downloads(minimal: Path, product: str) -> None:
    add_dataset(minimal, dataset=DATASET.replace("product: cpi", f"product: {product}"))
    [problem] = problems(minimal)
    assert problem.startswith("catalog/datasets/chi-so.yml:2 product: the product")
    assert "cannot have downloadable data [dataset-not-public]" in problem


def test_charts_are_svg_with_a_text_alternative(built: DatasetBuild) -> None:
    svg = built.latest["chi-so"].chart_svg["vi"]
    assert svg.startswith("<svg") and 'role="img"' in svg and "<script" not in svg
    assert "<title" in svg and "<desc" in svg and "http://" not in svg.replace(
        "http://www.w3.org/2000/svg", "")
    assert "thấp nhất 99,9" in svg and "cao nhất 102,5" in svg  # the desc states the figures


def test_a_progress_bar_shows_while_datasets_build(project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    catalog = load_catalog(project / "catalog").public()
    build_datasets(catalog, plan(catalog, AS_OF), project / ".phobien", project, progress=True)
    err = capsys.readouterr().err
    assert "datasets" in err and "1/1" in err


def test_a_preview_freezes_no_vintage(project: Path) -> None:
    catalog = load_catalog(project / "catalog").public()
    preview = build_datasets(catalog, plan(catalog, AS_OF), project / ".phobien", project,
                             freeze=False)
    assert preview.vintages["chi-so"] == []
    assert not (project / ".phobien/vintages").exists()


def test_an_unreadable_period_is_reported_not_dropped(minimal: Path) -> None:
    add_dataset(minimal, source=SOURCE.replace("2026-12,08", "2026-Q4,08"))
    assert problems(minimal) == [
        "catalog/sources/chi-so.csv:4 Kỳ: the cell '2026-Q4' in column 'Kỳ' is not a "
        "reference period (2026-11, 2026-q3, 2026-h1, 2026-9m, 2026), nor a missing-value "
        "symbol (-, .., x) [bad-cell]"]


def xlsx_source(minimal: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bảng 1"
    sheet.append(["Kỳ", "Mã tỉnh", "Tên", "Chỉ số", "Số hộ", "Ghi chú", "Ngày"])
    for row in rows:
        sheet.append(row)
    book.save(minimal / "catalog/sources/chi-so.xlsx")


def test_xlsx_sources_with_real_number_cells(minimal: Path) -> None:
    add_dataset(minimal, dataset=DATASET.replace("sources/chi-so.csv", "sources/chi-so.xlsx"))
    xlsx_source(minimal, [["2026-12", "01", "Hà Nội", 205.7, 9061, "ghi chú", "2027-01-06"],
                          ["2027-01", "08", "Tuyên Quang", "99,5", "1.234", "-", "2027-02-11"]])
    result = run(minimal)
    assert not result.problems, [p.format("en") for p in result.problems]
    records = json.loads((result.latest["chi-so"].directory / "chi-so.json").read_text("utf-8"))
    assert [(r["ma"], r["chi_so"], r["so_ho"]) for r in records] == [
        ("01", 205.7, 9061), ("08", 99.5, 1234)]


def test_a_wrong_sheet_or_a_broken_workbook_is_a_plain_problem(minimal: Path) -> None:
    add_dataset(minimal, dataset=DATASET.replace(
        "file: sources/chi-so.csv", 'file: sources/chi-so.xlsx\n  sheet: "Khong co"'))
    xlsx_source(minimal, [])
    [problem] = problems(minimal)
    assert problem == ("catalog/sources/chi-so.xlsx sheet: the workbook has no sheet "
                       "'Khong co'. Its sheets: Bảng 1 [unknown-sheet]")
    (minimal / "catalog/sources/chi-so.xlsx").write_bytes(b"not a workbook")
    [problem] = problems(minimal)
    assert problem.startswith("catalog/sources/chi-so.xlsx: the source file") and \
        "[bad-workbook]" in problem


# --- the writers, cell by cell, and the parallel build --------------------------------------

EDGE_SOURCE = (
    "Kỳ,Mã tỉnh,Tên,Chỉ số,Số hộ,Ghi chú,Ngày\n"
    '2026-10,01,"Hà Nội, Việt Nam",0.00001,9061,"nói ""xin chào""",2026-11-06\n'
    '2026-11,02,"dòng một\ndòng hai",9061.0,..,=1+1,06/12/2026\n'
    f"2026-12,08,{unicodedata.normalize('NFD', 'Thừa Thiên Huế')},x,-12,-5 điểm,\n"
    "2027-01,20,Lạng Sơn,0.30000000000000004,0,@SUM(A1),2027-02-11\n"
    "2027-02,,-,123456789.125,1,+1,2027-03-06\n"
    "2027-03,20,Lạng Sơn,1,1,BÍ MẬT,2027-04-06\n"
)
EDGE_DATASET = DATASET.replace("  numbers: vietnamese\n", "")
# Typed, as JSON gives them back; None is missing.
EDGE_RECORDS = [
    ("2026-10", "01", "Hà Nội, Việt Nam", 1e-05, 9061, 'nói "xin chào"', "2026-11-06"),
    ("2026-11", "02", "dòng một\ndòng hai", 9061.0, None, "=1+1", "2026-12-06"),
    ("2026-12", "08", "Thừa Thiên Huế", None, -12, "-5 điểm", None),
    ("2027-01", "20", "Lạng Sơn", 0.1 + 0.2, 0, "@SUM(A1)", "2027-02-11"),
    ("2027-02", None, None, 123456789.125, 1, "+1", "2027-03-06"),
]
# As the CSV holds them: symbols for missing cells, formulas neutralised, no ".0".
EDGE_CSV = [
    ["2026-10", "01", "Hà Nội, Việt Nam", "0.00001", "9061", 'nói "xin chào"', "2026-11-06"],
    ["2026-11", "02", "dòng một\ndòng hai", "9061", "..", "'=1+1", "2026-12-06"],
    ["2026-12", "08", "Thừa Thiên Huế", "x", "-12", "'-5 điểm", ""],
    ["2027-01", "20", "Lạng Sơn", "0.30000000000000004", "0", "'@SUM(A1)", "2027-02-11"],
    ["2027-02", "", "-", "123456789.125", "1", "'+1", "2027-03-06"],
]


@pytest.fixture(params=[2, 50_000], ids=["chunks-of-2", "one-chunk"])
def edge_built(minimal: Path, request: pytest.FixtureRequest,
               monkeypatch: pytest.MonkeyPatch) -> DatasetBuild:
    # Rows split over chunks must come out as if written in one.
    monkeypatch.setattr(reader, "CHUNK_ROWS", request.param)
    add_dataset(minimal, source=EDGE_SOURCE, dataset=EDGE_DATASET)
    result = run(minimal)
    assert not result.problems, [p.format("en") for p in result.problems]
    return result


def test_csv_cells_quote_neutralise_and_keep_symbols(edge_built: DatasetBuild) -> None:
    raw = files_of(edge_built)["csv"].read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows == [COLUMNS, *EDGE_CSV]
    # ...written as the csv module writes them: quoted only when needed, CRLF line ends.
    expected = io.StringIO(newline="")
    csv.writer(expected, lineterminator="\r\n").writerows([COLUMNS, *EDGE_CSV])
    assert raw == b"\xef\xbb\xbf" + expected.getvalue().encode("utf-8")
    assert '"dòng một\ndòng hai"'.encode() in raw and "Thừa Thiên Huế".encode() in raw  # NFC


def test_json_reads_back_as_the_typed_values(edge_built: DatasetBuild) -> None:
    text = files_of(edge_built)["json"].read_text(encoding="utf-8")
    records = json.loads(text)
    assert [tuple(r[c] for c in COLUMNS) for r in records] == EDGE_RECORDS  # floats exactly
    assert all(list(r) == COLUMNS for r in records)
    # One object a line, as json.dumps writes it: Vietnamese as it is, not \u-escaped.
    lines = [json.dumps(dict(zip(COLUMNS, r, strict=True)), ensure_ascii=False)
             for r in EDGE_RECORDS]
    assert text == "[\n" + ",\n".join(lines) + "\n]\n"
    assert "Thừa Thiên Huế" in text and "\\u" not in text


def test_xlsx_cells_of_the_edge_cases(edge_built: DatasetBuild) -> None:
    sheet = openpyxl.load_workbook(files_of(edge_built)["xlsx"]).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    # Every digit, as CSV and JSON have them (xlsxwriter wrote 16: 0.3).
    assert [r[3] for r in rows] == [1e-05, 9061, "x", 0.1 + 0.2, 123456789.125]
    assert [r[4] for r in rows] == [9061, "..", -12, 0, 1]
    assert [r[1] for r in rows] == ["01", "02", "08", "20", None]  # "" is an empty cell
    assert [r[5] for r in rows][1:3] == ["=1+1", "-5 điểm"]  # text cells, never formulas


def test_validates_with_frictionless(edge_built: DatasetBuild) -> None:
    report = validate(str(edge_built.latest["chi-so"].directory / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def add_datasets(project: Path) -> None:
    """Three datasets: the test one, a second of other rows, and one with a bad cell."""
    add_dataset(project)
    sources = project / "catalog/sources"
    (sources / "hai.csv").write_text(EDGE_SOURCE, encoding="utf-8")
    (sources / "loi.csv").write_text(SOURCE.replace("12.345", "mười hai"), encoding="utf-8")
    for name, source, text in [("chi-so-hai", "hai.csv", EDGE_DATASET),
                               ("chi-so-loi", "loi.csv", DATASET)]:
        (project / f"catalog/datasets/{name}.yml").write_text(
            text.replace("id: chi-so", f"id: {name}").replace("chi-so.csv", source),
            encoding="utf-8")


def summary(result: DatasetBuild, work: Path) -> list[Any]:
    """Everything a build gives back, with its files' contents in place of where they are."""
    def files(built: Built) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(built.directory.iterdir())}

    return [
        result.rebuilt,
        result.problems,
        [(b.dataset.id, b.rows, b.downloads, b.preview, b.preview_symbols, b.chart_svg,
          b.truncated_xlsx, b.directory.relative_to(work), files(b))
         for b in result.latest.values()],
        {k: [(v.key, v.directory.relative_to(work), files(v)) for v in vs]
         for k, vs in result.vintages.items()},
    ]


def test_a_parallel_build_is_the_serial_build(minimal: Path) -> None:
    add_datasets(minimal)
    catalog = load_catalog(minimal / "catalog").public()
    schedule = plan(catalog, AS_OF)
    serial = build_datasets(catalog, schedule, minimal / "w1", minimal, workers=1)
    parallel = build_datasets(catalog, schedule, minimal / "w2", minimal, workers=2)
    assert list(parallel.latest) == ["chi-so", "chi-so-hai"]
    assert [p.file for p in parallel.problems] == ["catalog/sources/loi.csv"]
    assert summary(parallel, minimal / "w2") == summary(serial, minimal / "w1")
    ours = {d.id: d for d in catalog.datasets}  # not copies that came back from a worker
    assert all(b.dataset is ours[name] for name, b in parallel.latest.items())
    # ...and the next parallel build takes what it can from the cache
    again = build_datasets(catalog, schedule, minimal / "w2", minimal, workers=2)
    assert again.rebuilt == [] and all(b.from_cache for b in again.latest.values())
    assert [p.file for p in again.problems] == ["catalog/sources/loi.csv"]
    assert not list((minimal / "w2").rglob("*.partial"))


# --- what pages show: the newest rows first, even decimals -------------------------------


def periods_of(built: Built) -> list[str]:
    return [row[0] for row in built.preview]


def test_the_preview_shows_the_newest_periods_first(built: DatasetBuild) -> None:
    latest = built.latest["chi-so"]
    assert periods_of(latest) == ["2027-02", "2027-01", "2026-12", "2026-11", "2026-10"]
    # each row keeps its own missing-value symbols
    assert latest.preview_symbols[1][COLUMNS.index("so_ho")] == "-"
    assert latest.preview_symbols[3][COLUMNS.index("so_ho")] == ".."


@pytest.mark.parametrize("chunk", [2, 50_000], ids=["chunks-of-2", "one-chunk"])
def test_the_preview_keeps_the_newest_rows_of_a_long_table(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # Rows of the newest periods, newest first, in the table's order within a period,
    # whatever the chunks and wherever those rows are in the source.
    monkeypatch.setattr(reader, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(glance, "PREVIEW_ROWS", 4)
    lines = SOURCE.splitlines()
    body = [line for line in lines[1:-1]]  # 2026-10 … 2027-02 (2027-03 is not out)
    extra = ['2027-02,30,Cao Bằng,"98,00",5,,2027-03-06', '2026-09,40,Huế,"97,00",6,,2026-10-06']
    source = "\n".join([lines[0], extra[0], *reversed(body), extra[1]]) + "\n"
    add_dataset(minimal, source=source)
    latest = run(minimal).latest["chi-so"]
    assert [(row[0], row[1]) for row in latest.preview] == [
        ("2027-02", "30"), ("2027-02", "20"), ("2027-01", "20"), ("2026-12", "08")]


def test_a_cached_preview_of_an_older_version_is_not_shown(project: Path) -> None:
    result = run(project)
    vintage = result.vintages["chi-so"][-1]
    manifest = vintage.directory / datasets.MANIFEST
    # a vintage frozen by a version that showed the oldest rows first, without decimals
    old = json.loads(manifest.read_text(encoding="utf-8"))
    old["preview"].reverse()
    old["preview_symbols"].reverse()
    del old["display"], old["decimals"]
    manifest.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    before = (vintage.directory / "chi-so.csv").read_bytes()
    again = run(project)
    assert periods_of(again.vintages["chi-so"][-1]) == periods_of(result.latest["chi-so"])
    assert again.vintages["chi-so"][-1].preview == result.latest["chi-so"].preview
    assert again.vintages["chi-so"][-1].decimals == {"chi_so": 2, "so_ho": 0}
    assert json.loads(manifest.read_text(encoding="utf-8"))["display"] == datasets.DISPLAY_VERSION
    assert (vintage.directory / "chi-so.csv").read_bytes() == before  # the files stay
    # and the latest files' cache is keyed by the format: an older cache is not read
    assert datasets.FORMAT_VERSION == "7"


def test_each_number_column_has_its_decimals(built: DatasetBuild) -> None:
    # The most decimals the published values carry (101,25), when none are declared.
    assert built.latest["chi-so"].decimals == {"chi_so": 2, "so_ho": 0}


@pytest.mark.slow
def test_declared_decimals_show_on_pages_and_downloads_keep_every_digit(
    minimal: Path, tmp_path: Path
) -> None:
    add_dataset(minimal, dataset=DATASET.replace(
        "type: number}", "type: number, decimals: 1}"))
    run(minimal)
    site = build(minimal, tmp_path / "site", as_of="2027-03-26T09:00")
    cells = {lang: numbers_of(site / prefix / "datasets/chi-so/index.html", 3)
             for lang, prefix in (("vi", ""), ("en", "en"))}
    assert cells == {"vi": ["100,0", "99,9", "x", "102,5", "101,3"],
                     "en": ["100.0", "99.9", "x", "102.5", "101.3"]}  # half up: 101,25 → 101,3
    households = numbers_of(site / "datasets/chi-so/index.html", 4)
    assert households == ["1.000.000", "-", "12.345", "..", "9.061"]
    csv_text = (site / "datasets/chi-so/chi-so.csv").read_text(encoding="utf-8-sig")
    assert "101.25" in csv_text and "102.5," in csv_text


def numbers_of(page: Path, column: int) -> list[str]:
    """The cells of one column of a page's data preview."""
    import re

    html = page.read_text(encoding="utf-8")
    table = html[html.index('class="phobien-list phobien-preview"'):]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row)[column] for row in rows]


@pytest.mark.parametrize("value", ["7", "-1", "1.5", "true", '"2"'])
def test_bad_decimals_are_a_problem_with_file_line_and_field(minimal: Path, value: str) -> None:
    add_dataset(minimal, dataset=DATASET.replace(
        "type: number}", f"type: number, decimals: {value}}}"))
    try:
        load_catalog(minimal / "catalog")
    except CatalogError as exc:
        [problem] = exc.problems
    else:
        pytest.fail("no problem")
    assert problem.code == "bad-decimals"
    assert problem.format("en").startswith("catalog/datasets/chi-so.yml:13 columns[3].decimals: ")
    shown = {'"2"': "'2'"}.get(value, value)  # as typed: true, not Python's True
    assert f"the number of decimals {shown} is not valid: expected a whole number from 0 to 6" \
        in problem.format("en")
    assert f"số chữ số thập phân {shown} không hợp lệ: cần một số nguyên từ 0 đến 6" \
        in problem.format("vi")
