"""The XLSX writer: every cell read back as the source has it (openpyxl, pandas), the same
workbook as xlsxwriter wrote before, the same bytes for the same rows."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest
import xlsxwriter

from generator.outputs.datasets import reader, writers, xlsx
from generator.outputs.datasets.built import DatasetBuild
from tests.test_datasets import COLUMNS, DATASET, add_dataset, files_of, run

# Every column type, missing values with and without a symbol, texts that look like
# formulas, a code with a leading zero, Vietnamese (decomposed in the source), a control
# character, a literal _xHHHH_, XML's own characters, and a cell longer than Excel holds.
LONG = "ả" * 40_000
SOURCE = (
    "Kỳ,Mã tỉnh,Tên,Chỉ số,Số hộ,Ghi chú,Ngày\n"
    "2026-10,01,Hà Nội,0.30000000000000004,9061,=SUM(A1),2026-11-06\n"
    f"2026-11,02,{unicodedata.normalize('NFD', 'Thừa Thiên Huế')},x,..,a\x01b\x1fc,06/12/2026\n"
    '2026-12,,-,-12.5,-3,"<b> & _x0041_ ""q""",\n'
    "2027-01,20,Lạng Sơn,0.00001,0,+1 điểm,2027-02-11\n"
    f"2027-02,20,Cà Mau,123456789.125,1,{LONG},2027-03-06\n"
)
# What the data sheet holds, read back by openpyxl: numbers as numbers with every digit,
# a symbol as its text, no symbol as an empty cell, texts as they are (a text cell is never
# run as a formula), dates as ISO texts as before, Excel's _xHHHH_ escape as openpyxl
# leaves it (Excel itself reads it back as the character), a text cut at 32,767.
ROWS: list[list[Any]] = [
    ["2026-10", "01", "Hà Nội", 0.1 + 0.2, 9061, "=SUM(A1)", "2026-11-06"],
    ["2026-11", "02", "Thừa Thiên Huế", "x", "..", "a_x0001_b_x001F_c", "2026-12-06"],
    ["2026-12", None, "-", -12.5, -3, '<b> & _x005F_x0041_ "q"', None],
    ["2027-01", "20", "Lạng Sơn", 1e-05, 0, "+1 điểm", "2027-02-11"],
    ["2027-02", "20", "Cà Mau", 123456789.125, 1, LONG[:32767], "2027-03-06"],
]
DATASET_HERE = DATASET.replace("  numbers: vietnamese\n", "")


@pytest.fixture(params=[2, 50_000], ids=["chunks-of-2", "one-chunk"])
def made(minimal: Path, request: pytest.FixtureRequest,
         monkeypatch: pytest.MonkeyPatch) -> DatasetBuild:
    monkeypatch.setattr(reader, "CHUNK_ROWS", request.param)
    add_dataset(minimal, source=SOURCE, dataset=DATASET_HERE)
    result = run(minimal, dt.datetime(2027, 3, 26, 9, 0))
    assert not result.problems, [p.format("en") for p in result.problems]
    return result


def test_every_cell_reads_back_as_the_source(made: DatasetBuild) -> None:
    book = openpyxl.load_workbook(files_of(made)["xlsx"])
    assert book.sheetnames == ["du-lieu", "thong-tin"]
    data = book.worksheets[0]
    assert [c.value for c in data[1]] == ["Kỳ", "Mã tỉnh", "Tỉnh", "Chỉ số", "Số hộ",
                                          "Ghi chú", "Ngày"]
    assert all(c.font.b for c in data[1]) and not data["A2"].font.b
    got = [[c.value for c in row] for row in data.iter_rows(min_row=2)]
    assert got == ROWS
    for row, wanted in zip(data.iter_rows(min_row=2), ROWS, strict=True):
        for cell, want in zip(row, wanted, strict=True):
            kind = {str: "s", int: "n", float: "n", type(None): "n"}[type(want)]
            assert cell.data_type == kind, cell.coordinate
            assert type(cell.value) is type(want), cell.coordinate  # 9061 is an int
    assert data.max_row == 6 and data.max_column == 7


def test_pandas_reads_the_same_values(made: DatasetBuild) -> None:
    path = files_of(made)["xlsx"]
    frame = pd.read_excel(path, sheet_name="du-lieu", dtype=object)
    assert list(frame.columns) == ["Kỳ", "Mã tỉnh", "Tỉnh", "Chỉ số", "Số hộ", "Ghi chú",
                                   "Ngày"]
    got = [[None if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False)]
    assert got == ROWS
    meta = pd.read_excel(path, sheet_name="thong-tin", header=None, dtype=object)
    assert meta.iloc[0, 0] == "Tên / Title" and meta.iloc[0, 2] == "Test index"


def test_the_workbook_holds_what_xlsxwriter_wrote(made: DatasetBuild, tmp_path: Path) -> None:
    # The writer before this one, from the same rows: every cell of both sheets, its value,
    # type and boldness, read back the same; but xlsxwriter kept 16 digits of a number.
    ours = openpyxl.load_workbook(files_of(made)["xlsx"])
    old = openpyxl.load_workbook(xlsxwriter_copy(ours, tmp_path / "old.xlsx"))
    assert ours.sheetnames == old.sheetnames
    for mine, theirs in zip(ours.worksheets, old.worksheets, strict=True):
        assert cells(mine, digits=16) == cells(theirs), mine.title
    assert ours.properties.title == old.properties.title == "Chỉ số thử nghiệm"
    assert ours.properties.created == old.properties.created


def cells(sheet: Any, digits: int = 17) -> list[tuple[str, Any, str, bool]]:
    def value(v: Any) -> Any:
        return float(f"{v:.{digits}g}") if isinstance(v, float) else v

    return [(c.coordinate, value(c.value), c.data_type, bool(c.font.b))
            for row in sheet.iter_rows() for c in row if c.value is not None]


def xlsxwriter_copy(book: Any, path: Path) -> Path:
    """The workbook as the previous writer (xlsxwriter's streaming mode) wrote it."""
    old = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    old.set_properties({"title": book.properties.title, "created": book.properties.created})
    bold = old.add_format({"bold": True})
    for ws in book.worksheets:
        sheet = old.add_worksheet(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                value, style = cell.value, bold if cell.font.b else None
                if value is None:
                    continue
                if isinstance(value, str):
                    # openpyxl left Excel's escapes as they are: undo them, as Excel would.
                    sheet.write_string(cell.row - 1, cell.column - 1, unescaped(value), style)
                else:
                    sheet.write_number(cell.row - 1, cell.column - 1, value, style)
    old.close()
    return path


def unescaped(text: str) -> str:
    import re

    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def test_the_same_rows_give_the_same_bytes(minimal: Path, tmp_path: Path) -> None:
    add_dataset(minimal, source=SOURCE, dataset=DATASET_HERE)
    first = files_of(run(minimal, dt.datetime(2027, 3, 26, 9, 0)))["xlsx"].read_bytes()
    second = files_of(run(minimal, dt.datetime(2027, 3, 26, 9, 0),
                          work=tmp_path / "other-work"))["xlsx"].read_bytes()
    assert first == second
    with zipfile.ZipFile(files_of(run(minimal))["xlsx"]) as archive:
        entries = archive.infolist()
    assert [e.filename for e in entries] == [
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
        "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
    assert {e.date_time for e in entries} == {xlsx.ZIP_DATE}


def test_rows_past_excels_limit_are_left_out_with_a_note(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 3)
    monkeypatch.setattr(reader, "CHUNK_ROWS", 2)  # the limit falls inside a chunk
    add_dataset(minimal, source=SOURCE, dataset=DATASET_HERE)
    built = run(minimal, dt.datetime(2027, 3, 26, 9, 0)).latest["chi-so"]
    assert built.truncated_xlsx and built.rows == 5
    book = openpyxl.load_workbook(built.directory / "chi-so.xlsx")
    data, meta = book.worksheets
    assert [[c.value for c in row] for row in data.iter_rows(min_row=2)] == ROWS[:3]
    assert [c.value for c in list(meta.iter_rows())[-1]][:3] == [
        None, "Chỉ 3 dòng đầu; tải CSV hoặc Parquet để có đủ.",
        "First 3 rows only; the CSV and Parquet files have all."]


def test_the_metadata_sheet_has_both_languages(made: DatasetBuild) -> None:
    meta = openpyxl.load_workbook(files_of(made)["xlsx"]).worksheets[1]
    rows = [[c.value for c in row] for row in meta.iter_rows()]
    assert rows[0][:3] == ["Tên / Title", "Chỉ số thử nghiệm", "Test index"]
    assert ["Cột / Column", "Nhãn / Label (vi)", "Label (en)", "Kiểu / Type",
            "Đơn vị / Unit"] in rows
    assert [r[0] for r in rows if r[0] in COLUMNS] == COLUMNS
    assert all(c.font.b for c in meta["A"] if c.value) and not meta["B1"].font.b


def test_white_space_kept_at_the_ends_is_what_python_calls_white_space() -> None:
    # xml:space="preserve" for a text that begins or ends with white space, as xlsxwriter
    # decided with Python's \s; Arrow's regular expressions are told the same characters.
    python = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}
    escaped = {c for c in python if xlsx.escape_text(c) != c}  # \v \f \r \x1c-\x1f
    texts = [f"{c}a" for c in sorted(python)] + ["a", "a\u200b"]
    xml = xlsx.sheet_rows([xlsx.text_column(texts)], 1).decode()
    kept = {c for c in python if f'<t xml:space="preserve">{xlsx.escape_text(c)}a' in xml}
    assert kept == python - escaped
    assert xml.count("preserve") == len(python - escaped)


def test_an_empty_text_is_an_empty_cell_and_numbers_are_exact() -> None:
    column = xlsx.SheetColumn(pa.array([5e-324, 1.7976931348623157e308, -0.0, None]),
                              pa.array([None, None, None, ""]))
    xml = xlsx.sheet_rows([column, xlsx.text_column(["", "x", "", ""])], 1).decode()
    assert "<v>5e-324</v>" in xml and "<v>1.7976931348623157e+308</v>" in xml
    assert '<row r="4"></row>' in xml and 'r="B1"' not in xml


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed on this machine")
def test_libreoffice_reads_the_same_cells(made: DatasetBuild, tmp_path: Path) -> None:
    path = files_of(made)["xlsx"]
    # CSV in UTF-8 (76), comma-separated (44), quoted (34): LibreOffice's default is the
    # system's character set, not UTF-8 on a machine without a UTF-8 locale.
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(tmp_path), str(path)], check=True, capture_output=True, timeout=120)
    frame = pd.read_csv(tmp_path / "chi-so.csv", dtype=str, keep_default_na=False)
    assert frame.iloc[0].tolist()[:3] == ["2026-10", "01", "Hà Nội"]
    assert frame.iloc[1].tolist()[5] == "a\x01b\x1fc"  # Excel's escape undone
