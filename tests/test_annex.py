"""``phobien annex``: the calendar as the annex of its approval decision, and each
adjustment as a notice, read back by independent readers (docx2python for the DOCX,
python-calamine for the XLSX, LibreOffice and pypdf for the PDF) and checked against the
catalog's release plan."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx2python import docx2python
from lxml import etree
from python_calamine import CalamineWorkbook

from generator import annex
from generator.check import load_catalog
from generator.releases.plan import Release, plan
from generator.words.site import VALUES
from tests.conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
YEAR = 2027
DOCX, XLSX = "phu-luc-lich-pho-bien-2027.docx", "phu-luc-lich-pho-bien-2027.xlsx"
HEADERS = ["STT", "Sản phẩm thông tin thống kê", "Kỳ số liệu", "Mức độ hoàn chỉnh",
           "Ngày giờ phổ biến", "Đơn vị chịu trách nhiệm", "Hình thức phổ biến",
           "Dạng sản phẩm"]
RESTRICTED = {"vi": "Báo cáo nhanh phục vụ lãnh đạo tỉnh",
              "en": "Rapid briefing for provincial leaders"}


def phobien(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def annex_command(catalog: Path, *args: str, year: str = "2027"
                  ) -> subprocess.CompletedProcess[str]:
    """``phobien annex YEAR --catalog CATALOG ARGS`` run in the catalog's project folder."""
    return phobien("annex", year, "--catalog", str(catalog), *args, cwd=catalog.parent)


def catalog_copy(tmp_path: Path) -> Path:
    target = tmp_path / "project" / "catalog"
    shutil.copytree(ROOT / "catalog", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(catalog: Path, out: Path, lang: str = "vi") -> annex.Written:
    return annex.write(load_catalog(catalog), YEAR, out, lang)


# --- what the table must say, worked out from the catalog here, not by the annex's code --


def approved_2027(catalog: Path) -> list[Release]:
    """The public calendar's 2027 releases as approved: not those an adjustment added."""
    schedule = plan(load_catalog(catalog).public())
    chosen = [r for r in schedule.releases if r.calendar.year == YEAR
              and all(c.kind != "added" for c in r.changes)]
    return sorted(chosen, key=lambda r: (*r.scheduled.sort_key(), r.id))


def expected_row(number: int, release: Release, catalog: Path) -> list[str]:
    cat = load_catalog(catalog)
    timing = release.scheduled
    if timing.date is None:
        year, month = timing.month.split("-")  # type: ignore[union-attr]
        when = f"Tháng {int(month)}/{year}"
    else:
        when = timing.date.strftime("%d/%m/%Y")
        when += f", {timing.time:%H:%M}" if timing.time else ""
    period = release.period.vi or ""
    product = release.product
    return [
        str(number),
        (release.title or product.name).vi or "",
        period[:1].upper() + period[1:],
        VALUES["completeness"][release.completeness]["vi"],
        when,
        cat.unit(product.unit).name.vi or "",
        "; ".join(VALUES["dissemination"][d]["vi"] for d in product.dissemination),
        "; ".join(VALUES["form"][f]["vi"] for f in product.form),
    ]


def expected_rows(catalog: Path) -> list[list[str]]:
    return [expected_row(n, r, catalog)
            for n, r in enumerate(approved_2027(catalog), start=1)]


# --- reading the files back ---------------------------------------------------------------


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Each table of the document as rows of cell texts (a cell's paragraphs joined)."""
    with docx2python(path) as doc:
        return [[["\n".join(p for p in cell if p) for cell in row] for row in table]
                for table in doc.body]


def docx_text(path: Path) -> list[str]:
    """Every paragraph of the document, in order."""
    with docx2python(path) as doc:
        return [p for table in doc.body for row in table for cell in row for p in cell if p]


def annex_rows(rows: list[list[str]]) -> list[list[str]]:
    """The releases' rows of the annex's table: those numbered, not the month rows."""
    return [row for row in rows if row and row[0].isdigit()]


def main_table(path: Path) -> list[list[str]]:
    return next(t for t in docx_tables(path) if t and t[0] == HEADERS)


def xml(path: Path, member: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(member))


def example(tmp_path: Path) -> tuple[Path, Path]:
    out = tmp_path / "out"
    write(ROOT / "catalog", out)
    return ROOT / "catalog", out


# --- the annex's table ------------------------------------------------------------------


def test_every_row_of_the_docx_table_is_the_approved_calendar(tmp_path: Path) -> None:
    catalog, out = example(tmp_path)
    table = main_table(out / DOCX)
    rows = annex_rows(table)
    assert rows == expected_rows(catalog)
    assert len(rows) > 100  # the whole year, every periodic product's rule
    by_product = {(r[1], r[2]): r for r in rows}
    # A rule's date on Tết goes out on the next working day; a month alone says so.
    assert by_product[("Chỉ số giá tiêu dùng", "Tháng 01/2027")][4] == "11/02/2027, 09:00"
    poverty = "Báo cáo chuyên đề: Thực trạng nghèo đa chiều tỉnh Lạng Sơn"
    assert by_product[(poverty, "Năm 2026")][4] == "Tháng 4/2027"
    # The approved time, not the adjustment's: the move is a notice of its own.
    moved = by_product[("Báo cáo tình hình kinh tế - xã hội quý", "Quý IV/2026")]
    assert moved[4] == "06/01/2027, 09:00"
    # One row a month heads its releases, spanning the table.
    months = [row[0] for row in table if row and not row[0].isdigit() and row != HEADERS]
    assert months[:3] == ["Tháng 1/2027", "Tháng 2/2027", "Tháng 3/2027"]


def test_the_heading_of_an_approved_calendar_is_filled_in(tmp_path: Path) -> None:
    _, out = example(tmp_path)
    heading = docx_tables(out / DOCX)[0]
    assert heading[0][0] == "TỔNG CỤC THỐNG KÊ\nCỤC THỐNG KÊ TỈNH LẠNG SƠN"
    assert heading[0][1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert heading[1] == ["Số: 215/QĐ-CTK", "Lạng Sơn, ngày 20 tháng 11 năm 2026"]
    text = docx_text(out / DOCX)
    assert text[text.index("PHỤ LỤC") + 1:text.index("PHỤ LỤC") + 3] == [
        "LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2027",
        "(Kèm theo Quyết định số 215/QĐ-CTK ngày 20 tháng 11 năm 2026 của Cục trưởng Cục "
        "Thống kê tỉnh Lạng Sơn)",
    ]
    assert "DỰ THẢO" not in text
    # The office in bold, the motto underlined, the date line in italics (Decree 30).
    runs = {"".join(t.text or "" for t in r.iter(f"{W}t")): r
            for r in xml(out / DOCX, "word/document.xml").iter(f"{W}r")}
    assert runs["CỤC THỐNG KÊ TỈNH LẠNG SƠN"].find(f"{W}rPr/{W}b") is not None
    assert runs["TỔNG CỤC THỐNG KÊ"].find(f"{W}rPr/{W}b") is None
    assert runs["Độc lập - Tự do - Hạnh phúc"].find(f"{W}rPr/{W}u").get(f"{W}val") == "single"
    assert runs["Lạng Sơn, ngày 20 tháng 11 năm 2026"].find(f"{W}rPr/{W}i") is not None


def draft_2027(catalog: Path) -> None:
    edit(catalog / "calendars/2027.yml", """status: approved
approval:
  approver: {vi: "Cục trưởng Cục Thống kê tỉnh Lạng Sơn", en: "Director of the Lạng Sơn \
Provincial Statistics Office"}
  date: 2026-11-20
  decision: "215/QĐ-CTK"
""", "status: draft\nprepared: 2026-10-15\n")


def test_a_draft_leaves_the_number_and_date_to_fill_in(tmp_path: Path) -> None:
    catalog = catalog_copy(tmp_path)
    draft_2027(catalog)
    written = write(catalog, tmp_path / "out")
    assert written.draft
    assert [p.name for p in written.files] == [DOCX, XLSX]  # no notice for a draft
    heading = docx_tables(written.files[0])[1]
    assert heading[1] == ["Số: ……/QĐ-CTK", "Lạng Sơn, ngày …… tháng …… năm ……"]
    text = docx_text(written.files[0])
    assert text[0] == "DỰ THẢO"
    assert ("(Kèm theo Quyết định số ……/QĐ-CTK ngày …… tháng …… năm …… của ……)") in text
    assert not any("215/QĐ" in t or "20 tháng 11" in t for t in text)
    # The draft lists the same calendar; its workbook has the same blanks.
    assert annex_rows(main_table(written.files[0])) == expected_rows(catalog)
    sheet = CalamineWorkbook.from_path(str(written.files[1])).get_sheet_by_index(0)
    cells = {str(c) for row in sheet.to_python() for c in row}
    assert {"DỰ THẢO", "Số: ……/QĐ-CTK", "Lạng Sơn, ngày …… tháng …… năm ……"} <= cells


def test_page_setup_and_font_follow_decree_30(tmp_path: Path) -> None:
    _, out = example(tmp_path)
    doc = xml(out / DOCX, "word/document.xml")
    size = doc.find(f".//{W}sectPr/{W}pgSz")
    assert size is not None
    # A4 landscape, in twentieths of a point: 297 x 210 mm.
    assert (size.get(f"{W}w"), size.get(f"{W}h"), size.get(f"{W}orient")) == (
        "16838", "11906", "landscape")
    margins = doc.find(f".//{W}sectPr/{W}pgMar")
    assert margins is not None
    mm = {k: round(int(margins.get(f"{W}{k}") or 0) / 1440 * 25.4)
          for k in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20
    styles = xml(out / DOCX, "word/styles.xml")
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert fonts is not None
    assert {fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"}
    language = normal.find(f"{W}rPr/{W}lang")
    assert language is not None and language.get(f"{W}val") == "vi-VN"
    half_points = normal.find(f"{W}rPr/{W}sz")
    assert half_points is not None and half_points.get(f"{W}val") in ("26", "28")  # 13-14 pt
    # Page numbers at the top, centred, from the second page on.
    assert doc.find(f".//{W}sectPr/{W}titlePg") is not None
    header = xml(out / DOCX, "word/header1.xml")
    field = header.find(f".//{W}fldSimple")
    assert field is not None and field.get(f"{W}instr") == "PAGE"
    assert header.find(f".//{W}jc").get(f"{W}val") == "center"  # type: ignore[union-attr]
    # The table's header row repeats on every page.
    tables = doc.findall(f".//{W}tbl")
    first_rows = [t.find(f"{W}tr") for t in tables]
    repeated = [r for r in first_rows if r is not None
                and r.find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(repeated) == 1


def test_the_xlsx_holds_the_same_table(tmp_path: Path) -> None:
    catalog, out = example(tmp_path)
    sheet = CalamineWorkbook.from_path(str(out / XLSX)).get_sheet_by_index(0).to_python()
    cells = [[str(int(c)) if isinstance(c, float) and c.is_integer() else str(c) for c in row]
             for row in sheet]
    header = cells.index(HEADERS)
    rows = annex_rows(cells[header + 1:])
    assert rows == expected_rows(catalog)
    flat = [c for row in cells[:header] for c in row if c]
    for text in ("TỔNG CỤC THỐNG KÊ", "CỤC THỐNG KÊ TỈNH LẠNG SƠN",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Số: 215/QĐ-CTK", "Lạng Sơn, ngày 20 tháng 11 năm 2026", "PHỤ LỤC",
                 "LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2027"):
        assert text in flat, text
    # It prints as the DOCX does: A4 landscape, the header row on every page.
    from openpyxl import load_workbook

    ws = load_workbook(out / XLSX).active
    assert ws is not None
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == f"${header + 1}:${header + 1}"
    assert ws.cell(row=header + 2, column=1).font.name == "Times New Roman"


# --- the notices -------------------------------------------------------------------------

ADJUSTMENTS = """
  - type: cancelled
    release: cpi/2027-04
    announced: 2027-05-20 10:00
    reason:
      vi: "Gộp vào báo cáo 6 tháng đầu năm."
      en: "Merged into the half-year report."
  - type: added
    announced: 2027-03-02 09:00
    reason:
      vi: "Bổ sung theo đề nghị của Sở Công Thương."
      en: "Added at the request of the Department of Industry and Trade."
    add:
      product: chuyen-doi-so
      period: "2026"
      completeness: official
      date: 2027-08-19
      time: "09:00"
"""


def with_adjustments(tmp_path: Path) -> Path:
    catalog = catalog_copy(tmp_path)
    path = catalog / "calendars/2027.yml"
    path.write_text(path.read_text(encoding="utf-8") + ADJUSTMENTS, encoding="utf-8")
    return catalog


def test_each_adjustment_is_a_notice_with_its_from_to_and_reason(tmp_path: Path) -> None:
    catalog = with_adjustments(tmp_path)
    written = write(catalog, tmp_path / "out")
    names = [p.name for p in written.files]
    assert names == [DOCX, XLSX, *(f"thong-bao-dieu-chinh-2027-0{n}.docx" for n in (1, 2, 3))]
    notices = [docx_text(p) for p in written.files[2:]]
    for text in notices:
        assert text[text.index("THÔNG BÁO") + 1] == (
            "Về việc điều chỉnh Lịch phổ biến thông tin thống kê năm 2027")
        assert any(t.startswith("Căn cứ Quyết định số 215/QĐ-CTK ngày 20 tháng 11 năm 2026")
                   for t in text)
        assert "CỤC TRƯỞNG" in text and "Nơi nhận:" in text
    moved, added, cancelled = notices  # in the order they were announced
    assert "Lạng Sơn, ngày 24 tháng 11 năm 2026" in moved
    assert {"1. Sản phẩm: Báo cáo tình hình kinh tế - xã hội quý, quý IV/2026 (ước tính)",
            "2. Nội dung điều chỉnh: thay đổi thời gian phổ biến",
            "3. Thời gian theo Lịch đã phê duyệt: 06/01/2027, 09:00",
            "4. Thời gian phổ biến sau điều chỉnh: 07/01/2027, 14:00",
            "5. Đơn vị chịu trách nhiệm: Phòng Thống kê Tổng hợp",
            "6. Lý do: Để công bố cùng buổi họp báo tổng kết năm 2026 của tỉnh."} <= set(moved)
    assert "Lạng Sơn, ngày 02 tháng 3 năm 2027" in added
    assert "3. Thời gian phổ biến: 19/08/2027, 09:00" in added
    assert "2. Nội dung điều chỉnh: bổ sung vào lịch" in added
    assert "Số: ……/TB-CTK" in " ".join(added)
    assert "3. Thời gian theo Lịch đã phê duyệt: 06/05/2027, 09:00" in cancelled
    assert "5. Lý do: Gộp vào báo cáo 6 tháng đầu năm." in cancelled
    assert not any(t.startswith("4. Thời gian phổ biến sau") for t in cancelled)
    # The annex stays the calendar as approved: the cancelled release in it at its time,
    # the added one not.
    rows = annex_rows(main_table(written.files[0]))
    assert rows == expected_rows(catalog)
    cpi_april = ["Chỉ số giá tiêu dùng", "Tháng 04/2027", "Chính thức", "06/05/2027, 09:00"]
    assert cpi_april in [r[1:5] for r in rows]
    assert not any(r[1] == "Chuyển đổi số" and r[2] == "Năm 2026" for r in rows)
    notice_xml = xml(written.files[2], "word/document.xml")
    size = notice_xml.find(f".//{W}sectPr/{W}pgSz")
    assert size is not None and size.get(f"{W}orient") in (None, "portrait")


# --- the same catalog, the same bytes; nothing restricted ---------------------------------


def test_the_same_catalog_gives_the_same_bytes(tmp_path: Path) -> None:
    catalog = with_adjustments(tmp_path)
    first, second = write(catalog, tmp_path / "a"), write(catalog, tmp_path / "b")
    assert [p.read_bytes() for p in first.files] == [p.read_bytes() for p in second.files]
    # No moment of writing inside: every zip entry and the documents' dates are fixed.
    for path in first.files:
        with zipfile.ZipFile(path) as archive:
            assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = archive.read("docProps/core.xml").decode()
        dates = set(re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core))
        assert len(dates) == 1, (path.name, dates)
    with zipfile.ZipFile(first.files[0]) as archive:
        assert "2026-11-19T17:00:00Z" in archive.read("docProps/core.xml").decode()


def readable(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_restricted_product_in_any_file(tmp_path: Path, lang: str) -> None:
    catalog = catalog_copy(tmp_path)
    # A restricted product released every month, and an adjustment of one of its releases.
    path = catalog / "products/bao-cao-nhanh-lanh-dao.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "releases:\n  - period: month\n    day: 3\n    time: \"08:00\"\n",
                    encoding="utf-8")
    calendar = catalog / "calendars/2027.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + """
  - type: cancelled
    release: bao-cao-nhanh-lanh-dao/2027-03
    announced: 2027-03-20 10:00
    reason: {vi: "Nội bộ", en: "Internal"}
""", encoding="utf-8")
    full = plan(load_catalog(catalog))
    assert any(r.product.id == "bao-cao-nhanh-lanh-dao" and r.calendar.year == YEAR
               for r in full.releases)  # the test has something to find
    written = write(catalog, tmp_path / "out", lang)
    assert len(written.files) == 3  # the public adjustment's notice only
    for path in written.files:
        text = readable(path)
        for name in RESTRICTED.values():
            assert name not in text, (path.name, name)
        assert "bao-cao-nhanh-lanh-dao" not in text and "Nội bộ" not in text


# --- the command --------------------------------------------------------------------------


def test_the_command_writes_the_files_and_says_so(tmp_path: Path) -> None:
    catalog = catalog_copy(tmp_path)
    result = annex_command(catalog, "--out", "giay-to")
    assert result.returncode == 0, result.stderr
    folder = catalog.parent / "giay-to"
    assert sorted(p.name for p in folder.iterdir()) == [
        DOCX, XLSX, "thong-bao-dieu-chinh-2027-01.docx"]
    assert result.stdout.splitlines()[0] == f"Đã ghi giay-to/{DOCX}"


def test_english_documents(tmp_path: Path) -> None:
    catalog = catalog_copy(tmp_path)
    result = annex_command(catalog, "--lang", "en")
    assert result.returncode == 0, result.stderr
    docx = catalog.parent / "phu-luc-lich-pho-bien-2027-en.docx"
    text = docx_text(docx)
    for line in ("SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness",
                 "No.: 215/QĐ-CTK", "Lạng Sơn, 20 November 2026", "ANNEX",
                 "STATISTICAL RELEASE CALENDAR 2027"):
        assert line in text, line
    tables = docx_tables(docx)
    rows = annex_rows(next(t for t in tables if t and t[0][0] == "No."))
    assert ["Consumer price index", "January 2027", "Official", "11 February 2027, 09:00",
            "Economic Statistics Division"] in [r[1:6] for r in rows]
    notice = docx_text(catalog.parent / "thong-bao-dieu-chinh-2027-01-en.docx")
    assert "4. Release time after the adjustment: 7 January 2027, 14:00" in notice


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_year_without_a_calendar_is_a_plain_message(tmp_path: Path, lang: str) -> None:
    catalog = catalog_copy(tmp_path)
    result = annex_command(catalog, "--lang", lang, year="2031")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == {
        "vi": "Lỗi: Không có lịch phổ biến năm 2031 (tệp catalog/calendars/2031.yml). Các "
              "năm có lịch: 2026, 2027.",
        "en": "Error: There is no 2031 release calendar (the file "
              "catalog/calendars/2031.yml). Years with a calendar: 2026, 2027."}[lang]
    assert not list(catalog.parent.glob("*.docx"))


def test_a_catalog_with_errors_writes_nothing(tmp_path: Path) -> None:
    catalog = catalog_copy(tmp_path)
    edit(catalog / "products/cpi.yml", "periodic: true", 'periodic: "có"')
    result = annex_command(catalog)
    assert result.returncode == 1
    assert result.stderr.startswith("Lỗi: Danh mục có 1 lỗi:")
    assert "catalog/products/cpi.yml:" in result.stderr and "periodic" in result.stderr
    assert not list(catalog.parent.glob("*.docx"))


def test_a_draft_is_said_on_the_command_line(tmp_path: Path) -> None:
    catalog = catalog_copy(tmp_path)
    draft_2027(catalog)
    result = annex_command(catalog)
    assert result.returncode == 0, result.stderr
    assert "Lịch năm 2027 còn là dự thảo (status: draft)" in result.stdout


# --- LibreOffice ------------------------------------------------------------------------


@pytest.mark.slow
def test_libreoffice_makes_a_pdf_with_every_page_and_row(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install "
                    "libreoffice-writer-nogui to convert the annex to PDF")
    from pypdf import PdfReader

    catalog, out = example(tmp_path)
    notice = out / "thong-bao-dieu-chinh-2027-01.docx"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(out), str(out / DOCX), str(notice)],
                   check=True, capture_output=True, timeout=300)
    pdf = PdfReader(out / DOCX.replace(".docx", ".pdf"))
    pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) > 3
    box = pdf.pages[0].mediabox
    mm = (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4))
    assert mm == (297, 210)
    every = re.sub(r"\s+", " ", " ".join(pages))
    assert "LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2027" in every
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in every
    # Numbered from the second page on; the header row on every page.
    assert pages[1].split()[0] == "2" and pages[0].split()[0] != "1"
    assert all("Mức độ" in re.sub(r"\s+", " ", page) for page in pages)
    last = len(expected_rows(catalog))
    assert re.search(rf"(^|\s){last}\s", " ".join(pages))
    text = PdfReader(out / notice.name.replace(".docx", ".pdf")).pages[0].extract_text()
    assert "THÔNG BÁO" in text and "07/01/2027, 14:00" in text


# --- the guide --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_guide_names_the_files_and_what_they_hold(lang: str) -> None:
    """The staff guide's section says the command, each file's name as the code makes it,
    and where the heading's lines come from."""
    guide = (ROOT / {"vi": "docs/staff/guide.md", "en": "docs/en/staff/guide.md"}[lang]
             ).read_text(encoding="utf-8")
    heading = {"vi": "## Phụ lục lịch phổ biến và thông báo điều chỉnh",
               "en": "## The calendar annex and adjustment notices"}[lang]
    start = guide.index(heading + "\n")
    end = guide.find("\n## ", start + 1)
    part = guide[start:end]
    assert "phobien annex 2027" in part
    for name in annex.names(YEAR, "vi", 1) + annex.names(YEAR, "en", 1)[:1]:
        assert f"`{name}`" in part, name
    for field in ("office.parent", "office.place", "office.abbreviation", "approval",
                  "status: draft", "status: approved", "announced"):
        assert f"`{field}`" in part, field
