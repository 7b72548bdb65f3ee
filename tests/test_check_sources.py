"""``phobien check`` reads every source table as the build does: each broken table is a
problem with its file, row and column, in Vietnamese and English, all at once, and the
build reports exactly the same problems."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from generator.check import load_catalog
from generator.outputs.datasets.build import build_datasets
from generator.problems import CatalogError, Problem
from generator.releases.plan import plan
from tests.conftest import ROOT
from tests.golden import assert_golden
from tests.test_datasets import AS_OF, DATASET, SOURCE, add_dataset

CSV = "catalog/sources/chi-so.csv"
XLSX = "catalog/sources/chi-so.xlsx"
HEADERS = "Kỳ, Mã tỉnh, Tên, Chỉ số, Số hộ, Ghi chú, Ngày"
PLAIN = DATASET.replace("  numbers: vietnamese\n", "")
PLAIN_SOURCE = (
    "Kỳ,Mã tỉnh,Tên,Chỉ số,Số hộ,Ghi chú,Ngày\n"
    "2026-10,01,Hà Nội,101.25,9061,a,2026-11-06\n"
    '2026-11,01,Hà Nội,"12,5",..,b,2026-12-06\n'
    "2026-12,08,Tuyên Quang,x,-,c,2027-01-06\n"
    "2027-01,20,Lạng Sơn,abc,12,d,2027-02-11\n"
)
AS_XLSX = DATASET.replace("sources/chi-so.csv", "sources/chi-so.xlsx")


def check(project: Path) -> list[Problem]:
    """What ``phobien check`` reports: the function behind the command."""
    try:
        load_catalog(project / "catalog", display_root=project, sources=True)
    except CatalogError as exc:
        return exc.problems
    return []


def built_problems(project: Path) -> list[Problem]:
    """What the build reports for the same catalog."""
    try:
        catalog = load_catalog(project / "catalog", display_root=project).public()
    except CatalogError as exc:
        return exc.problems
    return build_datasets(catalog, plan(catalog, AS_OF), project / ".phobien", project).problems


def phobien_check(project: Path, lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "--lang", lang],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def workbook(path: Path, rows: list[list[object]], title: str = "Bảng 1") -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(["Kỳ", "Mã tỉnh", "Tên", "Chỉ số", "Số hộ", "Ghi chú", "Ngày"])
    for row in rows:
        sheet.append(row)
    book.save(path)


XLSX_ROWS: list[list[object]] = [["2026-12", "01", "Hà Nội", 205.7, 9061, "a", "2027-01-06"]]


def ragged_longer(p: Path) -> None:
    add_dataset(p, source=SOURCE.replace('"102,50"', "102,50"))


def ragged_shorter(p: Path) -> None:
    add_dataset(p, source=SOURCE.replace(",x,12.345,+1 điểm,2027-01-06", ""))


def text_in_numbers(p: Path) -> None:
    add_dataset(p, source=PLAIN_SOURCE, dataset=PLAIN)


def renamed_headers(p: Path) -> None:
    add_dataset(p, source=SOURCE.replace("Kỳ,", "Ky,", 1).replace("Chỉ số,", "Chi so,", 1))


def corrupt_workbook(p: Path) -> None:
    add_dataset(p, dataset=AS_XLSX)
    path = p / XLSX
    workbook(path, XLSX_ROWS)
    path.write_bytes(path.read_bytes()[:1000])  # cut short, as by an interrupted copy


def unknown_sheet(p: Path) -> None:
    add_dataset(p, dataset=AS_XLSX.replace("chi-so.xlsx\n", 'chi-so.xlsx\n  sheet: "Bang 2"\n'))
    workbook(p / XLSX, XLSX_ROWS)


def header_row_beyond_end(p: Path) -> None:
    add_dataset(p, dataset=DATASET.replace("numbers: vietnamese\n", "numbers: vietnamese\n"
                                           "  header_row: 12\n"))


def header_row_beyond_end_xlsx(p: Path) -> None:
    add_dataset(p, dataset=AS_XLSX.replace("numbers: vietnamese\n", "numbers: vietnamese\n"
                                           "  header_row: 5\n"))
    workbook(p / XLSX, XLSX_ROWS)


def headers_only(p: Path) -> None:
    add_dataset(p, source=SOURCE.splitlines()[0] + "\n,,,,,,\n\n")


def empty_file(p: Path) -> None:
    add_dataset(p, source="")


def missing_file(p: Path) -> None:
    add_dataset(p)
    (p / CSV).unlink()


# case → (code, file, line, field, what the English and the Vietnamese message say)
CASES: dict[str, tuple[Callable[[Path], None], str, str, int | None, str, str, str]] = {
    "ragged-longer": (
        ragged_longer, "ragged-row", CSV, 3, "",
        "the row has 8 cells but the header line (line 1) has 7 columns: 1 too many; "
        "usually a number with a comma (such as 76,88) that is not in double quotes",
        "dòng có 8 ô nhưng dòng tiêu đề (dòng 1) có 7 cột: thừa 1 ô",
    ),
    "ragged-shorter": (
        ragged_shorter, "ragged-row", CSV, 4, "Chỉ số",
        "the row has 3 cells but the header line (line 1) has 7 columns: no cell for "
        "'Chỉ số', 'Số hộ', 'Ghi chú', 'Ngày'",
        "dòng có 3 ô nhưng dòng tiêu đề (dòng 1) có 7 cột: thiếu ô của cột 'Chỉ số'",
    ),
    "text-in-numbers": (
        text_in_numbers, "bad-cell", CSV, 3, "Chỉ số",
        "the cell '12,5' in column 'Chỉ số' is not a number written as 1234.5 "
        "(numbers: plain), nor a missing-value symbol (-, .., x)",
        "ô '12,5' ở cột 'Chỉ số' không phải là một số viết như 1234.5 (numbers: plain), "
        "cũng không phải ký hiệu thiếu số liệu (-, .., x)",
    ),
    "renamed-headers": (
        renamed_headers, "unknown-column", CSV, 1, "Chỉ số",
        "the source table has no column 'Chỉ số'. Its columns: Ky, Mã tỉnh, Tên, Chi so, Số hộ",
        "bảng nguồn không có cột 'Chỉ số'. Các cột có trong bảng: Ky, Mã tỉnh",
    ),
    "corrupt-workbook": (
        corrupt_workbook, "bad-workbook", XLSX, None, "",
        "the source file 'sources/chi-so.xlsx' is not a readable Excel workbook (.xlsx): it "
        "is damaged, was cut short when copied, or is an old .xls file renamed",
        "tệp nguồn 'sources/chi-so.xlsx' không phải là sổ tính Excel (.xlsx) đọc được",
    ),
    "unknown-sheet": (
        unknown_sheet, "unknown-sheet", XLSX, None, "sheet",
        "the workbook has no sheet 'Bang 2'. Its sheets: Bảng 1",
        "sổ tính không có trang tính 'Bang 2'. Các trang tính có trong tệp: Bảng 1",
    ),
    "header-row-beyond-end": (
        header_row_beyond_end, "header-row-beyond-end", CSV, None, "",
        "header_row is 12 but the table has only 7 rows: the header line must be one of them",
        "header_row là 12 nhưng bảng chỉ có 7 dòng",
    ),
    "header-row-beyond-end-xlsx": (
        header_row_beyond_end_xlsx, "header-row-beyond-end", XLSX, None, "",
        "header_row is 5 but the table has only 2 rows",
        "header_row là 5 nhưng bảng chỉ có 2 dòng",
    ),
    "headers-only": (
        headers_only, "empty-table", CSV, 1, "",
        "the source table 'sources/chi-so.csv' holds no figures: there is no row below the "
        "header line (line 1)",
        "bảng nguồn 'sources/chi-so.csv' không có số liệu: không có dòng nào dưới dòng tiêu đề",
    ),
    "empty-file": (
        empty_file, "empty-table", CSV, None, "",
        "the source table 'sources/chi-so.csv' holds no figures: the file is empty",
        "bảng nguồn 'sources/chi-so.csv' không có số liệu: tệp trống",
    ),
    "missing-file": (
        missing_file, "missing-source", "catalog/datasets/chi-so.yml", 6, "source.file",
        "the source file 'sources/chi-so.csv' does not exist",
        "không tìm thấy tệp nguồn 'sources/chi-so.csv'",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_check_reports_a_broken_table(minimal: Path, case: str) -> None:
    damage, code, file, line, field, en, vi = CASES[case]
    damage(minimal)
    found = check(minimal)
    first = next(p for p in found if p.code == code)
    assert (first.file, first.line, first.field) == (file, line, field), first
    assert en in first.message("en")
    assert vi in first.message("vi")
    # One reader: the build finds exactly what check found, said the same way.
    built = sorted(built_problems(minimal), key=Problem.sort_key)
    assert [p.format("en") for p in built] == [p.format("en") for p in found]


def test_every_missing_header_and_every_bad_cell_is_reported(minimal: Path) -> None:
    renamed_headers(minimal)
    assert [(p.code, p.line, p.field) for p in check(minimal)] == [
        ("unknown-column", 1, "Chỉ số"), ("unknown-column", 1, "Kỳ")]
    (minimal / CSV).write_text(PLAIN_SOURCE, encoding="utf-8")
    (minimal / "catalog/datasets/chi-so.yml").write_text(PLAIN, encoding="utf-8")
    # "12,5" and "abc" are not plain numbers; "x", "-" and ".." are symbols, allowed.
    assert [(p.code, p.line, p.field, p.params["value"]) for p in check(minimal)] == [
        ("bad-cell", 3, "Chỉ số", "12,5"), ("bad-cell", 5, "Chỉ số", "abc")]


def test_vietnamese_numbers_and_symbols_are_valid(minimal: Path) -> None:
    add_dataset(minimal)  # 9.061, "101,25", 1.000.000, x, .., - with numbers: vietnamese
    assert check(minimal) == []
    workbook(minimal / XLSX, [["2027-01", "08", "Tuyên Quang", "99,5", "1.234", "-", ""]])
    (minimal / "catalog/datasets/chi-so.yml").write_text(AS_XLSX, encoding="utf-8")
    assert check(minimal) == []


def test_ragged_rows_are_each_reported_and_blank_rows_are_layout(minimal: Path) -> None:
    source = SOURCE.replace('"102,50"', "102,50").replace(",7.777,", ",7,777,")
    add_dataset(minimal, source=source + ",,,,,,\n\n" + "2027-04,20,Lạng Sơn,1,2,a,,,\n")
    assert [(p.code, p.line) for p in check(minimal)] == [("ragged-row", 3), ("ragged-row", 7)]


def break_several(project: Path) -> None:
    """Three broken tables and a broken product file, all at once."""
    add_dataset(project, source=SOURCE.replace('"102,50"', "102,50").replace("12.345", "mười"))
    datasets = project / "catalog/datasets"
    (datasets / "chi-so-2.yml").write_text(
        DATASET.replace("id: chi-so", "id: chi-so-2")
        .replace("sources/chi-so.csv", "sources/chi-so.xlsx\n  sheet: Bang 2"),
        encoding="utf-8",
    )
    workbook(project / XLSX, XLSX_ROWS)
    (datasets / "chi-so-3.yml").write_text(
        DATASET.replace("id: chi-so", "id: chi-so-3").replace("chi-so.csv", "chi-so-3.csv"),
        encoding="utf-8",
    )
    (project / "catalog/sources/chi-so-3.csv").write_text(
        SOURCE.replace("Số hộ,", "So ho,", 1), encoding="utf-8"
    )
    cpi = project / "catalog/products/cpi.yml"
    cpi.write_text(cpi.read_text(encoding="utf-8").replace("unit: tong-hop", "unit: khong-co"),
                   encoding="utf-8")


def test_several_broken_tables_give_all_their_problems(minimal: Path) -> None:
    break_several(minimal)
    assert sorted((p.file, p.line, p.code) for p in check(minimal)) == [
        ("catalog/products/cpi.yml", 11, "unknown-reference"),
        ("catalog/sources/chi-so-3.csv", 1, "unknown-column"),
        ("catalog/sources/chi-so.csv", 3, "ragged-row"),
        ("catalog/sources/chi-so.csv", 4, "bad-cell"),
        ("catalog/sources/chi-so.xlsx", None, "unknown-sheet"),
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_command_reports_broken_tables(minimal: Path, lang: str) -> None:
    break_several(minimal)
    result = phobien_check(minimal, lang)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert_golden(f"check_sources_{lang}.txt", result.stderr)


def test_a_restricted_products_table_is_read_but_never_quoted(minimal: Path) -> None:
    add_dataset(minimal, dataset=DATASET.replace("product: cpi", "product: mat-lanh-dao"),
                source=SOURCE.replace("12.345", "BÍ MẬT"))
    found = check(minimal)
    assert [p.code for p in found] == ["dataset-not-public", "bad-cell"]
    assert (found[1].file, found[1].line, found[1].field) == (CSV, 4, "Số hộ")
    for lang in ("vi", "en"):
        assert "BÍ MẬT" not in CatalogError(found).report(lang)


def test_the_example_catalog_stays_valid_and_check_stays_fast() -> None:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--lang", "en"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "The catalog is valid" in result.stdout
    assert time.perf_counter() - start < 20


@pytest.mark.slow
def test_the_site_build_stops_on_the_same_problem(minimal: Path, tmp_path: Path) -> None:
    ragged_longer(minimal)
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--as-of", "2027-03-26T09:00",
         "--site-dir", str(out)],
        cwd=minimal, env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    [problem] = check(minimal)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert problem.format("vi") in result.stderr
    assert not (out / "index.html").exists()
