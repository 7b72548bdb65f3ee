"""The annex as a workbook (XLSX), for staff who keep the calendar in Excel: the same
heading and table as the DOCX, set up to print the same way (A4 landscape, Times New
Roman, the header row repeated on every page)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from generator.annex.document import FONT, WIDTHS
from generator.annex.heading import Heading
from generator.annex.stable import repack
from generator.annex.table import Month

_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_MIDDLE = Alignment(wrap_text=True, vertical="top", horizontal="center")
_CENTRED_COLUMNS = (0, 3, 4)  # STT, completeness, date and time


# The columns' widths in characters, from the DOCX's in mm.
_CHARS = [round(mm / 2.1, 1) for mm in WIDTHS]
_LINE = 15.75  # points a line of 12 pt text takes


def _height(cells: Sequence[str]) -> float:
    """A row's height for its longest wrapped cell: Excel fits a row to its text when the
    file is opened, LibreOffice and printing from a converter do not.

    >>> _height(["1", "Chỉ số giá tiêu dùng"]), _height(["1", "x" * 60])
    (15.75, 47.25)
    """
    lines = max(-(-len(text) // max(1, int(chars))) or 1
                for text, chars in zip(cells, _CHARS, strict=False))
    return lines * _LINE


def annex(head: Heading, titles: Sequence[str], columns: Sequence[str],
          months: Sequence[Month], note: str, sheet: str, title: str, author: str,
          created: dt.datetime) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet[:31]
    width = len(columns)
    split = 3  # the office's block over the first three columns, the nation's over the rest

    def put(row: int, first: int, last: int, text: str, bold: bool = False,
            italic: bool = False, underline: bool = False, size: int = 13) -> None:
        cell = ws.cell(row=row, column=first, value=text)
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic,
                         underline="single" if underline else None)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

    row = 1
    if head.draft:
        put(row, width, width, head.draft, bold=True)
        row += 1
    put(row, 1, split, head.parent or head.office, bold=head.parent is None)
    put(row, split + 1, width, head.nation, bold=True, size=12)
    put(row + 1, 1, split, head.office if head.parent else "", bold=True)
    put(row + 1, split + 1, width, head.motto, bold=True, underline=True)
    put(row + 2, 1, split, head.number)
    put(row + 2, split + 1, width, head.dated, italic=True)
    row += 4
    for i, text in enumerate(titles):
        last = i == len(titles) - 1
        put(row, 1, width, text, bold=not last, italic=last, size=14)
        row += 1
    row += 1
    header = row
    ws.row_dimensions[header].height = _height(columns)
    for c, text in enumerate(columns, start=1):
        cell = ws.cell(row=header, column=c, value=text)
        cell.font, cell.border, cell.alignment = Font(name=FONT, size=12, bold=True), _GRID, _MIDDLE
    for month in months:
        row += 1
        cell = ws.cell(row=row, column=1, value=month.title)
        cell.font, cell.alignment = Font(name=FONT, size=12, bold=True), _WRAP
        for c in range(1, width + 1):
            ws.cell(row=row, column=c).border = _GRID
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        for item in month.rows:
            row += 1
            ws.row_dimensions[row].height = _height(item.cells())
            for c, text in enumerate(item.cells()):
                # The STT as a number, so that the sheet sorts and counts as Excel does.
                value: str | int = item.number if c == 0 else text
                cell = ws.cell(row=row, column=c + 1, value=value)
                cell.font, cell.border = Font(name=FONT, size=12), _GRID
                cell.alignment = _MIDDLE if c in _CENTRED_COLUMNS else _WRAP
    put(row + 2, 1, width, note, italic=True, size=11)
    ws.cell(row=row + 2, column=1).alignment = Alignment(horizontal="left", wrap_text=True)
    for c, chars in enumerate(_CHARS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = chars
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    margins = ws.page_margins
    margins.top = margins.bottom = 20 / 25.4
    margins.left, margins.right = 30 / 25.4, 15 / 25.4
    props = book.properties
    props.title, props.creator, props.lastModifiedBy = title, author, author
    props.created = props.modified = created.astimezone(dt.UTC).replace(tzinfo=None)
    out = io.BytesIO()
    # ExcelWriter, not Workbook.save: save stamps "modified" with the time of writing.
    ExcelWriter(book, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return repack(out.getvalue())
