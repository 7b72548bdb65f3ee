"""The catalog as a spreadsheet: ``phobien export`` and ``phobien import`` as staff use
them, on the example catalog, with workbooks edited by openpyxl as a person edits them."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

from generator.check import load_catalog
from generator.cli import cli
from generator.words.staff import FIELD_WORDS, INSTRUCTIONS
from generator.workbook.export import catalog_rows, write_workbook
from generator.workbook.importing import import_workbook
from generator.workbook.reading import WorkbookError, convert
from generator.workbook.sheets import SHEETS, Column
from tests.conftest import ROOT, build, copy_example
from tests.test_calendar_pages import article, text


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A private copy of the example catalog."""
    target = tmp_path / "project" / "catalog"
    shutil.copytree(ROOT / "catalog", target)
    return target


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def header_index(ws: Any, header: str) -> int:
    """The column a person finds by its Vietnamese header."""
    for cell in ws[1]:
        if cell.value == header:
            return int(cell.column)
    raise AssertionError(f"no column {header!r} in {ws.title}")


def set_cell(ws: Any, row: int, header: str, value: Any) -> None:
    ws.cell(row, header_index(ws, header)).value = value


def exported(catalog: Path, path: Path) -> Any:
    """The catalog exported to ``path``, opened as a person opens it to edit."""
    write_workbook(catalog, path)
    return openpyxl.load_workbook(path)


def copy_row(ws: Any, source: int) -> int:
    """A row copied below the last one, as a person starts a new entry."""
    row = ws.max_row + 1
    for j in range(1, ws.max_column + 1):
        ws.cell(row, j, ws.cell(source, j).value)
    return row


def find_row(ws: Any, header: str, value: Any) -> int:
    j = header_index(ws, header)
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, j).value == value)


def test_round_trip_of_the_example_catalog_is_byte_identical(catalog: Path,
                                                            tmp_path: Path) -> None:
    before = files(catalog)
    book = tmp_path / "danh-muc.xlsx"
    result = run("export", str(book), "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    assert "Đã ghi danh mục" in result.output
    result = run("import", str(book), "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    assert "0 tệp mới, 0 tệp thay đổi" in result.output
    assert files(catalog) == before  # every file under catalog/, sources and PDFs too


def test_the_same_catalog_gives_the_same_workbook_bytes(catalog: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    # Two processes, each with its own hash seed (the order of a set would show).
    for name, seed in (("a.xlsx", "1"), ("b.xlsx", "2")):
        code = ("import sys; from pathlib import Path; from generator.workbook.export import "
                "write_workbook; write_workbook(Path(sys.argv[1]), Path(sys.argv[2]))")
        subprocess.run([sys.executable, "-c", code, str(catalog), str(tmp_path / name)],
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book.properties.created == dt.datetime(2000, 1, 1)


def test_one_sheet_a_kind_with_instructions_first_and_two_header_rows(
        catalog: Path, tmp_path: Path) -> None:
    write_workbook(catalog, tmp_path / "c.xlsx")
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert book.sheetnames == ["Hướng dẫn", *(s.name() for s in SHEETS)]
    guide = [c.value for c in book["Hướng dẫn"]["A"] if c.value]
    assert INSTRUCTIONS["vi"][0] in guide and INSTRUCTIONS["en"][0] in guide
    products = book["Sản phẩm"]
    assert products["A1"].value == "Mã" and products["A2"].value == "Identifier"
    assert products.cell(1, header_index(products, "Tên (tiếng Việt)") + 1).value == \
        "Tên (tiếng Anh)"
    # Every product of the catalog, restricted ones too (a staff file), in its own row;
    # its release rules in their sheet, by product id and position.
    ids = {products.cell(r, 1).value for r in range(3, products.max_row + 1)}
    assert ids == {p.stem for p in (catalog / "products").glob("*.yml")}
    rules = book["Quy tắc phổ biến"]
    row = find_row(rules, "Mã sản phẩm", "cpi")
    assert rules.cell(row, header_index(rules, "Giờ")).value == "09:00"  # a time as text
    # A date is a real Excel date.
    releases = book["Lịch – đợt phổ biến"]
    row = find_row(releases, "Sản phẩm", "thong-ke-gioi")
    date = releases.cell(row, header_index(releases, "Ngày"))
    assert date.is_date and date.value == dt.datetime(2026, 3, 6)
    assert releases.cell(row, header_index(releases, "Kỳ")).value == "2025"  # text, not 2025


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_instructions_say_what_every_code_means(catalog: Path, tmp_path: Path,
                                                    lang: str) -> None:
    """A drop-down list shows codes (official, monthly): the first sheet says what each
    one means, every code the catalog takes, in each language."""
    import typing

    from generator.catalog import model

    write_workbook(catalog, tmp_path / "c.xlsx")
    guide = [str(c.value) for c in openpyxl.load_workbook(tmp_path / "c.xlsx")["Hướng dẫn"]["A"]
             if c.value]
    vi_words = {"completeness": "Chính thức", "cycle": "Hằng tháng", "access": "Hạn chế",
                "period": "nửa năm (6 tháng)"}
    for field, kind in [("completeness", model.Completeness), ("form", model.Form),
                        ("language", model.Language), ("cycle", model.Cycle),
                        ("dissemination", model.Dissemination), ("access", model.Access),
                        ("period", model.PeriodKind)]:
        line = next(t for t in guide if t.startswith(f"• {FIELD_WORDS[field][lang]}: ")
                    and " = " in t)
        for code in typing.get_args(kind):
            assert f"{code} = " in line, (field, code)
        if lang == "vi" and field in vi_words:
            assert vi_words[field] in line


def validation_lists(ws: Any) -> dict[str, str]:
    """Each validated column's header, and its list."""
    out = {}
    for check in ws.data_validations.dataValidation:
        column = str(check.sqref).split(":")[0].rstrip("0123456789")
        out[ws[f"{column}1"].value] = check.formula1
    return out


def test_coded_columns_have_validation_lists(catalog: Path, tmp_path: Path) -> None:
    write_workbook(catalog, tmp_path / "c.xlsx")
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    products = validation_lists(book["Sản phẩm"])
    assert products["Quyền truy cập"] == '"public,on-request,restricted"'
    assert products["Chu kỳ biên soạn"].startswith('"monthly,quarterly,six-monthly')
    assert products["Định kỳ"] == '"TRUE,FALSE"'
    assert validation_lists(book["Lịch"])["Trạng thái"] == '"draft,approved"'
    assert "Mức độ hoàn chỉnh" in validation_lists(book["Lịch – đợt phổ biến"])
    assert "Loại" in validation_lists(book["Lịch – điều chỉnh"])
    # A column naming another sheet's entry: a list of that sheet's ids.
    assert products["Đơn vị"] == "'Đơn vị'!$A$3:$A$1048576"
    rules = validation_lists(book["Quy tắc phổ biến"])
    assert rules["Mã sản phẩm"] == "'Sản phẩm'!$A$3:$A$1048576"
    assert validation_lists(book["Lịch – đợt phổ biến"])["Năm của lịch"] == \
        "'Lịch'!$A$3:$A$1048576"
    # A cell of several codes has no drop-down list: its header's note names them.
    assert "Dạng sản phẩm" not in products
    note = book["Sản phẩm"].cell(1, header_index(book["Sản phẩm"], "Dạng sản phẩm")).comment
    assert "print, pdf, spreadsheet, web-table" in note.text and "dấu phẩy" in note.text


def test_every_column_has_its_words_and_a_unique_header() -> None:
    for sheet in SHEETS:
        for lang in ("vi", "en"):
            headers = [c.header(lang) for c in sheet.columns]
            assert len(set(headers)) == len(headers), (sheet.id, headers)
        for column in sheet.columns:
            if column.words:  # the owner and position columns have their own words
                assert column.words in FIELD_WORDS
                continue
            for part in column.path:
                assert part in (*FIELD_WORDS, "vi", "en"), (sheet.id, part)


def test_every_field_of_every_model_has_its_column_or_sheet() -> None:
    """Every Decision 34 field of a product, and every field of the other kinds, is in
    the workbook: a column of its row (nested ones flattened) or a sheet of its own."""
    from generator.workbook.sheets import CHILD_FIELDS, submodel, yaml_key

    for sheet in SHEETS:
        keys = {c.path[0] for c in sheet.columns}
        for name, info in sheet.model.model_fields.items():
            key = yaml_key(name, info)
            assert key in keys or (sheet.model, name) in CHILD_FIELDS, (sheet.id, key)
            nested = submodel(sheet.model, key)
            if nested is not None and (sheet.model, name) not in CHILD_FIELDS:
                inner = {c.path[1] for c in sheet.columns if c.path[0] == key}
                assert inner == {yaml_key(n, i) for n, i in nested.model_fields.items()}


def test_a_field_added_to_a_model_is_a_column_without_a_line_of_layout() -> None:
    """Another change adds ``only`` (these months, quarters or halves of each year) to
    release rules: it is a column of the rules sheet by the model alone."""
    from generator.catalog import model
    from generator.workbook.sheets import Sheet

    class Rule(model.ReleaseRule):
        only: list[int] | None = None
        note: model.Text | None = None

    columns = {c.key: c for c in Sheet("x", Rule, "child", parent="products").columns}
    assert columns["only"].kind == "ints" and columns["only"].header("vi") == "Chỉ các kỳ"
    assert columns["note.vi"].header("en") == "Note (Vietnamese)"
    assert convert(columns["only"], "1, 2") == [1, 2]


def test_cells_added_below_keep_their_columns_kind(catalog: Path, tmp_path: Path) -> None:
    book = exported(catalog, tmp_path / "c.xlsx")
    releases = book["Lịch – đợt phổ biến"]
    letter = openpyxl.utils.get_column_letter
    assert releases.column_dimensions[letter(header_index(releases, "Kỳ"))].number_format == "@"
    assert releases.column_dimensions[letter(header_index(releases, "Ngày"))].number_format \
        == "yyyy-mm-dd"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_again_by_libreoffice_changes_nothing(catalog: Path,
                                                               tmp_path: Path) -> None:
    import subprocess

    before = files(catalog)
    book = tmp_path / "c.xlsx"
    write_workbook(catalog, book)
    out = tmp_path / "saved"
    # A private profile: another LibreOffice running on the machine must not take the job.
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(book)],
                   check=True, capture_output=True, timeout=240)
    outcome = import_workbook(out / "c.xlsx", catalog)
    assert not outcome.new and not outcome.changed
    assert files(catalog) == before


def test_import_into_an_empty_folder_is_a_fixed_point(catalog: Path, tmp_path: Path) -> None:
    book = tmp_path / "c.xlsx"
    write_workbook(catalog, book)
    fresh = tmp_path / "fresh" / "catalog"
    # The files a workbook does not hold: source tables and documents.
    for folder in ("sources", "documents"):
        shutil.copytree(catalog / folder, fresh / folder)
    outcome = import_workbook(book, fresh)
    assert len(outcome.new) == len(list(catalog.rglob("*.yml")))
    loaded = load_catalog(fresh)
    assert len(loaded.products) == len(list((catalog / "products").glob("*.yml")))
    assert catalog_rows(fresh) == catalog_rows(catalog)  # the same workbook content
    written = files(fresh)
    again = tmp_path / "again.xlsx"
    write_workbook(fresh, again)
    outcome = import_workbook(again, fresh)
    assert not outcome.new and not outcome.changed
    assert files(fresh) == written
    # A new file is in the house style: the example's cpi.yml is already in it.
    assert written["products/cpi.yml"] == (catalog / "products/cpi.yml").read_bytes()


def add_product(book: Any) -> None:
    """What a person does to add a product: a row copied from a similar one, changed, and
    its release rule in the rules sheet."""
    products = book["Sản phẩm"]
    row = copy_row(products, find_row(products, "Mã", "chan-nuoi"))
    set_cell(products, row, "Mã", "gia-vang")
    set_cell(products, row, "Tên (tiếng Việt)", "Chỉ số giá vàng và đô la Mỹ")
    set_cell(products, row, "Tên (tiếng Anh)", "Gold and US dollar price indices")
    set_cell(products, row, "Chu kỳ biên soạn", "monthly")
    set_cell(products, row, "Dạng sản phẩm", "web-table, pdf")
    rules = book["Quy tắc phổ biến"]
    rule = rules.max_row + 1
    set_cell(rules, rule, "Mã sản phẩm", "gia-vang")
    set_cell(rules, rule, "Thứ tự", 1)
    set_cell(rules, rule, "Kỳ", "month")
    set_cell(rules, rule, "Ngày trong tháng", 10)
    set_cell(rules, rule, "Giờ", dt.time(10, 0))  # Excel turns 10:00 into a time


@pytest.mark.slow
def test_a_workbook_edited_by_a_person_imports_to_exactly_that_change(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    catalog = project / "catalog"
    before = files(catalog)
    book_path = tmp_path / "c.xlsx"
    book = exported(catalog, book_path)
    add_product(book)
    releases = book["Lịch – đợt phổ biến"]
    row = next(r for r in range(3, releases.max_row + 1)
               if releases.cell(r, header_index(releases, "Sản phẩm")).value == "thong-ke-gioi"
               and releases.cell(r, 1).value == 2027)
    set_cell(releases, row, "Ngày", dt.datetime(2027, 3, 12))  # typed 2027-03-12
    book.save(book_path)

    result = run("import", str(book_path), "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    after = files(catalog)
    assert sorted(set(after) - set(before)) == ["products/gia-vang.yml"]
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["calendars/2027.yml"]
    diff = [line for line in difflib.unified_diff(
        before[changed[0]].decode().splitlines(), after[changed[0]].decode().splitlines(),
        lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == ["-    date: 2027-03-05", "+    date: 2027-03-12"]
    new = after["products/gia-vang.yml"].decode()
    assert new.startswith('id: gia-vang\nname:\n  vi: "Chỉ số giá vàng và đô la Mỹ"\n')
    assert "form: [web-table, pdf]\n" in new
    assert '\nreleases:\n  - period: month\n    day: 10\n    time: "10:00"\n' in new

    site = build(project, tmp_path / "site", as_of="2027-03-01T09:00")
    assert "Chỉ số giá vàng và đô la Mỹ" in text(article(site, "products/gia-vang"))
    assert "Gold and US dollar price indices" in text(article(site, "en/products/gia-vang"))
    march = text(article(site, "calendar/months/2027-03"))
    assert "12/03/2027" in march and "05/03/2027" not in march


def broken_workbook(catalog: Path, tmp_path: Path) -> Path:
    """Five mistakes: a wrong code, an empty required cell, a bad date, a duplicate id,
    a sheet that is no part of the catalog."""
    path = tmp_path / "broken.xlsx"
    book = exported(catalog, path)
    products = book["Sản phẩm"]
    cpi = find_row(products, "Mã", "cpi")
    set_cell(products, cpi, "Quyền truy cập", "cong-khai")  # D?: access
    set_cell(products, cpi, "Chu kỳ biên soạn", None)
    copy_row(products, find_row(products, "Mã", "iip"))  # its id not changed yet
    releases = book["Lịch – đợt phổ biến"]
    set_cell(releases, 3, "Ngày", "30/02/2027")
    book.create_sheet("Trang tính 1")
    book.save(path)
    return path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_broken_workbook_gets_every_problem_at_once(catalog: Path, tmp_path: Path,
                                                     lang: str) -> None:
    before = files(catalog)
    path = broken_workbook(catalog, tmp_path)
    book = openpyxl.load_workbook(path)
    products = book["Sản phẩm"]
    cpi = find_row(products, "Mã", "cpi")
    iip = find_row(products, "Mã", "iip")
    copied = products.max_row
    access = openpyxl.utils.get_column_letter(header_index(products, "Quyền truy cập"))
    cycle = openpyxl.utils.get_column_letter(header_index(products, "Chu kỳ biên soạn"))
    date = openpyxl.utils.get_column_letter(header_index(book["Lịch – đợt phổ biến"], "Ngày"))
    args = ["import", str(path), "--catalog", str(catalog)]
    result = CliRunner().invoke(cli, [*args, "--lang", lang] if lang == "en" else args)
    assert result.exit_code == 1
    out = result.output
    expected = {
        "vi": [
            "Bảng tính có 5 lỗi; danh mục không thay đổi:",
            f"broken.xlsx, trang tính 'Sản phẩm', dòng {cpi}, cột {access} (Quyền truy cập): "
            "giá trị 'cong-khai' không hợp lệ. Giá trị được phép: public, on-request, "
            "restricted [workbook-bad-choice]",
            f"broken.xlsx, trang tính 'Sản phẩm', dòng {cpi}, cột {cycle} (Chu kỳ biên "
            "soạn): ô này bắt buộc nhưng đang trống [workbook-missing-cell]",
            f"broken.xlsx, trang tính 'Lịch – đợt phổ biến', dòng 3, cột {date} (Ngày): "
            "'30/02/2027' không phải một ngày (cần dạng 2027-03-05) [workbook-bad-date]",
            f"broken.xlsx, trang tính 'Sản phẩm', dòng {copied}, cột A (Mã): "
            f"mã 'iip' đã có ở dòng {iip} [workbook-duplicate-id]",
            "broken.xlsx, trang tính 'Trang tính 1': trang tính không thuộc danh mục.",
        ],
        "en": [
            "The workbook has 5 problem(s); the catalog is unchanged:",
            f"broken.xlsx, sheet 'Sản phẩm', row {cpi}, column {access} (Access): the value "
            "'cong-khai' is not allowed. Allowed values: public, on-request, restricted "
            "[workbook-bad-choice]",
            f"broken.xlsx, sheet 'Sản phẩm', row {cpi}, column {cycle} (Cycle): this cell "
            "is required but empty [workbook-missing-cell]",
            f"broken.xlsx, sheet 'Lịch – đợt phổ biến', row 3, column {date} (Date): "
            "'30/02/2027' is not a date (expected as 2027-03-05) [workbook-bad-date]",
            f"broken.xlsx, sheet 'Sản phẩm', row {copied}, column A (Identifier): "
            f"the identifier 'iip' is already in row {iip} "
            "[workbook-duplicate-id]",
            "broken.xlsx, sheet 'Trang tính 1': this sheet is not part of the catalog.",
        ],
    }[lang]
    for line in expected:
        assert line in out, f"{line!r} not in\n{out}"
    assert files(catalog) == before


def test_a_file_saved_on_windows_keeps_its_line_endings(catalog: Path, tmp_path: Path) -> None:
    """A catalog file with CRLF line endings (saved by a Windows editor), changed through
    the workbook, keeps CRLF: only the changed value's line differs."""
    path = catalog / "products/cpi.yml"
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    book_path = tmp_path / "c.xlsx"
    book = exported(catalog, book_path)
    products = book["Sản phẩm"]
    set_cell(products, find_row(products, "Mã", "cpi"), "Chu kỳ biên soạn", "quarterly")
    book.save(book_path)
    import_workbook(book_path, catalog)
    after = path.read_bytes()
    assert after.count(b"\r\n") == crlf.count(b"\r\n") and b"\n" not in after.replace(b"\r\n", b"")
    changed = [(a, b) for a, b in zip(crlf.split(b"\r\n"), after.split(b"\r\n"), strict=True)
               if a != b]
    assert changed == [(b"cycle: monthly", b"cycle: quarterly")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_catalogs_problems_are_said_at_their_cells_and_nothing_written(
        catalog: Path, tmp_path: Path, lang: str) -> None:
    """What the catalog check finds after reading (an unknown unit, a day 32, a missing
    Vietnamese name, an unknown audience in a list) is said at the sheet, row and column
    the value came from, never at a YAML file the person in Excel never saw."""
    before = files(catalog)
    path = tmp_path / "c.xlsx"
    book = exported(catalog, path)
    add_product(book)
    products = book["Sản phẩm"]
    new = products.max_row
    set_cell(products, new, "Đơn vị", "phong-khong-co")  # an unknown unit
    set_cell(products, new, "Đối tượng sử dụng", "leaders, nguoi-dan")
    cpi = find_row(products, "Mã", "cpi")
    products.cell(cpi, header_index(products, "Tên (tiếng Việt)")).value = None
    rules = book["Quy tắc phổ biến"]
    rule = rules.max_row  # the new product's rule
    set_cell(rules, rule, "Ngày trong tháng", 32)
    book.save(path)
    result = run("import", str(path), "--catalog", str(catalog), "--lang", lang)
    assert result.exit_code == 1
    out = result.output
    place = {"vi": "c.xlsx, trang tính '{}', dòng {}, cột {} ({})",
             "en": "c.xlsx, sheet '{}', row {}, column {} ({})"}[lang]

    def cell(ws: Any, row: int, header: str) -> str:
        column = header_index(ws, header)
        return place.format(ws.title, row, get_column_letter(column),
                            ws.cell(1 if lang == "vi" else 2, column).value)

    assert cell(products, new, "Đơn vị") + ": " in out and "'phong-khong-co'" in out
    assert cell(products, new, "Đối tượng sử dụng") + ": " in out and "'nguoi-dan'" in out
    assert cell(products, cpi, "Tên (tiếng Việt)") + ": " in out
    assert cell(rules, rule, "Ngày trong tháng") + ": " in out
    assert "[missing-translation]" in out and "[unknown-reference]" in out
    assert ".yml" not in out  # every one of them at its cell
    assert files(catalog) == before


def test_a_product_removed_from_the_workbook_is_deleted_only_with_delete(
        catalog: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    book = exported(catalog, path)
    products = book["Sản phẩm"]
    products.delete_rows(find_row(products, "Mã", "so-lieu-theo-yeu-cau"))
    book.save(path)
    result = run("import", str(path), "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    assert "vẫn giữ (thêm --delete để xoá): products/so-lieu-theo-yeu-cau.yml" in result.output
    assert (catalog / "products/so-lieu-theo-yeu-cau.yml").exists()
    result = run("import", str(path), "--catalog", str(catalog), "--delete")
    assert result.exit_code == 0, result.output
    assert "đã xoá: products/so-lieu-theo-yeu-cau.yml" in result.output
    assert not (catalog / "products/so-lieu-theo-yeu-cau.yml").exists()


def test_the_workbook_is_never_written_where_the_site_serves_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_example(tmp_path / "project")
    monkeypatch.chdir(project)  # as staff run it, in the project
    result = CliRunner().invoke(cli, ["export", "docs/danh-muc.xlsx"])
    assert result.exit_code == 1
    assert "Lỗi: Không ghi bảng tính docs/danh-muc.xlsx" in result.output
    assert not (project / "docs/danh-muc.xlsx").exists()


@pytest.mark.parametrize(("kind", "raw", "value"), [
    ("date", dt.datetime(2027, 3, 5), dt.date(2027, 3, 5)),  # Excel's date
    ("date", 46451.0, dt.date(2027, 3, 5)),  # a date cell read as its serial number
    ("date", "2027-03-05", dt.date(2027, 3, 5)),  # typed in a text cell
    ("date", "05/03/2027", dt.date(2027, 3, 5)),  # as Vietnamese write it
    ("time", dt.time(9, 0), "09:00"),
    ("time", 0.375, "09:00"),  # a time as a fraction of the day
    ("time", dt.datetime(1899, 12, 30, 14, 0), "14:00"),
    ("time", "9:00", "9:00"),
    ("text", 2026, "2026"),  # a period typed as a number
    ("text", 2026.0, "2026"),
    ("month", dt.datetime(2027, 4, 1), "2027-04"),
    ("moment", "2026-11-24 15:00", "2026-11-24 15:00"),
    ("moment", dt.datetime(2026, 11, 24, 15, 0), "2026-11-24 15:00"),  # Excel's date-time
    ("moment", 46350.625, "2026-11-24 15:00"),  # ... read as its serial number
    ("int", 6.0, 6),
    ("int", "250.000", 250000),  # a price as staff write it, typed in a text cell
    ("int", "1.250.000", 1250000),
    ("int", "1 250 000", 1250000),
    ("bool", True, True),
    ("bool", "có", True),
    ("codes", "pdf, web-table,", ["pdf", "web-table"]),
    ("dates", "2027-01-02, 2027-01-03", [dt.date(2027, 1, 2), dt.date(2027, 1, 3)]),
    ("pairs", "huyen=01; nam=2026", {"huyen": "01", "nam": "2026"}),
    ("text", "Cu\u0323c Tho\u0302ng ke\u0302", "Cục Thông kê"),  # NFD from macOS: NFC
])
def test_cells_are_read_as_excel_gives_them_back(kind: Any, raw: Any, value: Any) -> None:
    got = convert(Column(("x",), kind), raw)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("raw", ["12.5", "250,000", "250.00", "1.250 000", "2.5.0"])
def test_a_number_that_is_not_whole_is_not_read_as_one(raw: str) -> None:
    with pytest.raises(Exception, match="workbook-bad-number"):
        convert(Column(("price",), "int"), raw)


def test_an_unreadable_file_is_one_plain_problem(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        import_workbook(path, tmp_path / "catalog")
    assert "[workbook-unreadable]" in caught.value.report("vi")


SECTIONS = {"vi": (ROOT / "docs/staff/guide.md", "## Làm việc với danh mục bằng Excel"),
            "en": (ROOT / "docs/en/staff/guide.md", "## Working on the catalog in Excel")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_guide_section_names_every_sheet_flag_and_code(lang: str) -> None:
    from generator.problems import MESSAGES

    path, title = SECTIONS[lang]
    section = path.read_text(encoding="utf-8").split(title, 1)[1].split("\n## ", 1)[0]
    for sheet in SHEETS:
        assert sheet.name("vi") in section and sheet.name(lang) in section, sheet.id
    options = {o for p in cli.commands["import"].params for o in getattr(p, "opts", [])}  # type: ignore[attr-defined]
    assert "--delete" in options and "`--delete`" in section
    for code in (c for c in MESSAGES if c.startswith("workbook-")):
        assert f"| `{code}` |" in section, code


def test_a_deleted_or_added_column_is_named_in_the_staffs_language(
        catalog: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    book = exported(catalog, path)
    products = book["Sản phẩm"]
    products.delete_cols(header_index(products, "Tên (tiếng Anh)"))
    added = products.max_column + 1
    products.cell(1, added, "Ghi chú riêng")
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(path, catalog)
    letter = openpyxl.utils.get_column_letter(added)
    assert caught.value.report("en").splitlines()[1:] == [
        f"  c.xlsx, sheet 'Sản phẩm', row 1, column {letter}: the column 'Ghi chú riêng' "
        "does not belong to this sheet [workbook-unknown-column]",
        "  c.xlsx, sheet 'Sản phẩm', row 1: the column 'Name (English)' is missing (do not "
        "delete or rename the headers of row 1) [workbook-missing-column]",
    ]
    assert "thiếu cột 'Tên (tiếng Anh)'" in caught.value.report("vi")
