"""Writing an XLSX workbook column-wise: each chunk's sheet XML is built by Arrow's string
kernels a column at a time and streamed into the zip member, with no Python per cell.

The file holds what xlsxwriter's streaming mode wrote before (the same sheets, inline
strings, a bold header, the same escapes), but xlsxwriter spends Python on every cell:
at a million rows that was most of a dataset's build. Here the only Python per cell is
for the rare texts that need Excel's ``_xHHHH_`` escape or are longer than a cell holds.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, NamedTuple
from xml.sax.saxutils import escape

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

STRING_MAX = 32767  # Excel's longest cell text, in UTF-16 code units
BOLD = 1  # the index of the bold cell format in STYLES
# Fixed zip entries, so that the same rows give the same bytes (1980-01-01 is the zip
# format's first day; made on "Unix" whatever the machine, read and write for the owner).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 5  # zlib: 6 (its default, and xlsxwriter's) took twice as long for a 6 % smaller file

# Texts that need Python: Excel's escape for characters XML forbids (C0 controls but tab
# and newline, U+FFFE, U+FFFF) and for a literal escape (_x0041_ would read as "A"), or
# too long for a cell (a cell over STRING_MAX // 2 code points may be over in UTF-16).
_RARE = r"[\x00-\x08\x0b-\x1f\x{fffe}\x{ffff}]|_x[0-9a-fA-F]{4}_"
_LONG = STRING_MAX // 2
# What Python's str.isspace counts as white space, less the controls that are escaped:
# a text that begins or ends with one keeps it only with xml:space="preserve".
SPACE = "\t\n\x85\\p{Z}"
_SPACE_AT_ENDS = f"^[{SPACE}]|[{SPACE}]$"
_ESCAPED_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile("([\x00-\x08\x0b-\x1f\ufffe\uffff])")

TEXT = pa.large_string()  # 64-bit offsets: a chunk's sheet XML may pass 2 GB


class SheetColumn(NamedTuple):
    """One column of rows to write. A cell is a number where ``numbers`` has one, else a
    text where ``texts`` has one that is not empty (a missing value's symbol, in a column
    of numbers), else empty."""

    numbers: pa.Array | None
    texts: pa.Array


def text_column(texts: Sequence[str | None] | np.ndarray) -> SheetColumn:
    return SheetColumn(None, pa.array(texts, type=TEXT))


class Workbook:
    """An XLSX file of a data sheet, written chunk by chunk, and a small second sheet.

    The zip members are written in a fixed order: the parts known from the start, the
    data sheet as rows come, the second sheet at ``close``. The data sheet has no
    ``<dimension>`` (optional; its row count is known only at the end).
    """

    def __init__(self, path: Path, sheets: tuple[str, str], title: str,
                 created: dt.datetime, comments: str) -> None:
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL)
        self.sheets = sheets
        for name, text in _fixed_parts(sheets, title, created, comments):
            self._member(name, text.encode())
        self.sheet: IO[bytes] | None = self._open("xl/worksheets/sheet1.xml")
        self.sheet.write(_sheet_start(selected=True))

    def write(self, columns: Sequence[SheetColumn], first_row: int, style: int = 0) -> None:
        """Rows from ``first_row`` (1 is the first), every cell in format ``style``."""
        assert self.sheet is not None
        self.sheet.write(sheet_rows(columns, first_row, [style] * len(columns)))

    def close(self, second: Sequence[Sequence[str]]) -> None:
        """Ends the data sheet and writes ``second`` as the second sheet, first column bold."""
        if self.sheet is not None:
            self.sheet.write(_SHEET_END)
            self.sheet.close()
            self.sheet = None
        width = max((len(row) for row in second), default=0)
        columns = [text_column([row[c] if c < len(row) else "" for row in second])
                   for c in range(width)]
        body = sheet_rows(columns, 1, [BOLD, *[0] * (width - 1)]) if columns else b""
        self._member("xl/worksheets/sheet2.xml", _sheet_start(selected=False) + body
                     + _SHEET_END)
        self.zip.close()

    def abandon(self) -> None:
        """Closes the file after a failure, whatever state it is in."""
        if self.sheet is not None:
            self.sheet.close()
            self.sheet = None
        self.zip.close()

    def _open(self, name: str) -> IO[bytes]:
        return self.zip.open(_entry(name), "w")

    def _member(self, name: str, data: bytes) -> None:
        self.zip.writestr(_entry(name), data)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    # A ZipInfo's level is not taken from the ZipFile, and has no public name before 3.13.
    info._compresslevel = ZIP_LEVEL  # type: ignore[attr-defined]
    info.create_system = 3
    info.external_attr = 0o600 << 16
    return info


# --- the sheet XML, a column at a time -----------------------------------------------------


def sheet_rows(columns: Sequence[SheetColumn], first_row: int,
               styles: Sequence[int] | None = None) -> bytes:
    """The ``<row>`` elements of these rows, as UTF-8; ``styles`` is each column's format.

    >>> xml = sheet_rows([SheetColumn(pa.array([1.5, None]), pa.array([None, ".."])),
    ...                   text_column(["01", ""])], 2)
    >>> print(xml.decode().replace("</row>", "</row>\\n"), end="")
    <row r="2"><c r="A2"><v>1.5</v></c><c r="B2" t="inlineStr"><is><t>01</t></is></c></row>
    <row r="3"><c r="A3" t="inlineStr"><is><t>..</t></is></c></row>
    """
    count = len(columns[0].texts)
    if count == 0:
        return b""
    rows = pc.cast(pa.array(np.arange(first_row, first_row + count, dtype=np.int64)), TEXT)
    cells = [
        _cells(_letters(c), rows, column, styles[c] if styles else 0)
        for c, column in enumerate(columns)
    ]
    xml = pc.binary_join_element_wise(_text('<row r="'), rows, _text('">'), *cells,
                                      _text("</row>"), _text(""))
    return _joined(xml)


def _cells(letters: str, rows: pa.Array, column: SheetColumn, style: int) -> pa.Array:
    """Each cell of one column as its ``<c>`` element, "" for an empty cell."""
    attribute = f'" s="{style}"' if style else '"'
    start = _text(f'<c r="{letters}')
    texts = pc.cast(column.texts, TEXT)
    texts = pc.if_else(pc.equal(texts, ""), pa.scalar(None, TEXT), texts)
    opening = pc.if_else(
        pc.match_substring_regex(texts, _SPACE_AT_ENDS),
        _text(attribute + ' t="inlineStr"><is><t xml:space="preserve">'),
        _text(attribute + ' t="inlineStr"><is><t>'),
    )
    text = pc.binary_join_element_wise(start, rows, opening, _escaped(texts),
                                       _text("</t></is></c>"), _text(""))
    if column.numbers is None:
        return pc.coalesce(text, _text(""))
    # Arrow writes a float as the shortest text that reads back as the same number.
    numbers = pc.cast(column.numbers, TEXT)
    number = pc.binary_join_element_wise(start, rows, _text(attribute + "><v>"), numbers,
                                         _text("</v></c>"), _text(""))
    return pc.coalesce(number, text, _text(""))


def _text(text: str) -> pa.Scalar:
    return pa.scalar(text, TEXT)


def _escaped(texts: pa.Array) -> pa.Array:
    """Texts escaped for XML element content, as xlsxwriter escaped inline strings."""
    out = texts
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        out = pc.replace_substring(out, char, entity)
    rare = pc.or_(pc.match_substring_regex(texts, _RARE),
                  pc.greater(pc.utf8_length(texts), _LONG))
    if pc.any(rare).as_py():
        # A few cells in most tables at most: escaped one by one in Python.
        mask = rare.fill_null(False)
        fixed = [escape_text(t) for t in pc.filter(texts, mask).to_pylist()]
        out = pc.replace_with_mask(out, mask, pa.array(fixed, type=TEXT))
    return out


def escape_text(text: str) -> str:
    """A text as an inline string cell holds it: cut to what a cell holds, Excel's
    ``_xHHHH_`` for what XML forbids (and for a literal ``_xHHHH_``), XML's entities.

    >>> escape_text("a\\x01b & _x0041_")
    'a_x0001_b &amp; _x005F_x0041_'
    """
    if len(text) > _LONG and len(text.encode("utf-16-le", "surrogatepass")) // 2 > STRING_MAX:
        text = _utf16_cut(text, STRING_MAX)
    text = _ESCAPED_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    return escape(text)


def _utf16_cut(text: str, units: int) -> str:
    """The longest start of ``text`` of at most ``units`` UTF-16 code units."""
    length = 0
    for index, char in enumerate(text):
        length += 2 if ord(char) > 0xFFFF else 1
        if length > units:
            return text[:index]
    return text


def _joined(xml: pa.Array) -> bytes:
    """The array's strings end to end: its data buffer between its first and last offset."""
    xml = xml.combine_chunks() if isinstance(xml, pa.ChunkedArray) else xml
    _, offsets, data = xml.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int64)[[xml.offset, xml.offset + len(xml)]]
    return memoryview(data)[int(bounds[0]) : int(bounds[1])].tobytes()


def _letters(index: int) -> str:
    """A column's letters: 0 is A, 25 is Z, 26 is AA.

    >>> _letters(0), _letters(25), _letters(26), _letters(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- the fixed parts ---------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_SHEET_END = (b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
              b'header="0.3" footer="0.3"/></worksheet>')
STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><fonts count="2">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
)


def _sheet_start(selected: bool) -> bytes:
    view = '<sheetView tabSelected="1" workbookViewId="0"/>' if selected else \
        '<sheetView workbookViewId="0"/>'
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetViews>{view}'
            '</sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>').encode()


def _fixed_parts(sheets: tuple[str, str], title: str, created: dt.datetime,
                 comments: str) -> list[tuple[str, str]]:
    """The parts known before any row: package, workbook, properties, styles."""
    office = "application/vnd.openxmlformats-officedocument"
    sheet_type = f"{office}.spreadsheetml.worksheet+xml"
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{office}.extended-properties+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{office}.spreadsheetml.sheet.'
        'main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet_type}"/>'
        f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{sheet_type}"/></Types>'
    )
    package_rels = (
        f'<Relationships xmlns="{_PACKAGE_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_PACKAGE_REL}/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    names = [escape(s, {'"': "&quot;"}) for s in sheets]
    app = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
        'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><Application>phobien</Application><DocSecurity>0</DocSecurity>'
        '<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant">'
        "<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4>"
        '</vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="2" '
        f'baseType="lpstr"><vt:lpstr>{names[0]}</vt:lpstr><vt:lpstr>{names[1]}</vt:lpstr>'
        "</vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    )
    when = created.strftime("%Y-%m-%dT%H:%M:%SZ")  # created is UTC
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape_text(title)}</dc:title>"
        f"<dc:description>{escape_text(comments)}</dc:description>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    workbook = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
        f'<sheets><sheet name="{names[0]}" sheetId="1" r:id="rId1"/>'
        f'<sheet name="{names[1]}" sheetId="2" r:id="rId2"/></sheets></workbook>'
    )
    workbook_rels = (
        f'<Relationships xmlns="{_PACKAGE_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/worksheet" Target="worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
    )
    parts = [
        ("[Content_Types].xml", types),
        ("_rels/.rels", package_rels),
        ("docProps/app.xml", app),
        ("docProps/core.xml", core),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/styles.xml", STYLES),
    ]
    return [(name, _HEAD + text) for name, text in parts]
