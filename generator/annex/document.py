"""The annex and the notices as Word documents (DOCX), in the national format.

Decree 30/2020/NĐ-CP sets the format of administrative documents: A4, Times New Roman
13-14 pt, margins top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm; the heading
in two columns (the office on the left, the nation and its underlined motto on the
right); the number under the office, the place and date in italics under the motto.
The annex's table has eight columns, so it stands on a landscape page; its header row
repeats on every page. A notice is portrait.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from generator.annex.heading import Heading
from generator.annex.notice import Notice
from generator.annex.stable import repack
from generator.annex.table import Month

FONT = "Times New Roman"
SIZE = Pt(13)  # the text: Decree 30 allows 13 or 14
TABLE_SIZE = Pt(11)  # eight columns on a landscape page
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
# The annex's columns in mm: 247 mm between the margins of a landscape A4 page.
WIDTHS = (12, 53, 26, 25, 27, 34, 36, 34)
# The heading's two columns: the office's, then the nation's.
HEADING_WIDTHS = {"landscape": (100, 147), "portrait": (70, 95)}


def annex(head: Heading, titles: Sequence[str], columns: Sequence[str],
          months: Sequence[Month], note: str, title: str, author: str, lang: str,
          created: dt.datetime) -> bytes:
    """The annex: heading, its titles (PHỤ LỤC, the calendar, what it is attached to),
    the table by month, the note."""
    doc = _document(landscape=True, title=title, author=author, lang=lang, created=created)
    _heading(doc, head, "landscape")
    for i, text in enumerate(titles):
        _para(doc, text, bold=i < len(titles) - 1, italic=i == len(titles) - 1,
              size=Pt(14), space_before=Pt(12) if i == 0 else Pt(0))
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    _widths(table, WIDTHS)
    _keep_whole(table.rows[0]._tr, header=True)
    for cell, text, width in zip(table.rows[0].cells, columns, WIDTHS, strict=True):
        _cell(cell, text, width, bold=True, centred=True, size=TABLE_SIZE)
    for month in months:
        cells = _new_row(table)
        merged = cells[0].merge(cells[-1])
        _cell(merged, month.title, sum(WIDTHS), bold=True, size=TABLE_SIZE)
        for row in month.rows:
            line = _new_row(table)
            _keep_whole(line[0]._tc.getparent())  # the row's <w:tr>
            for i, (cell, text) in enumerate(zip(line, row.cells(), strict=True)):
                _cell(cell, text, WIDTHS[i], centred=i in (0, 3, 4), size=TABLE_SIZE)
    _para(doc, note, italic=True, size=TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT,
          space_before=Pt(6))
    return _bytes(doc)


def notice(item: Notice, title: str, author: str, lang: str) -> bytes:
    """One adjustment's notice: heading, THÔNG BÁO and its subject, the grounds, what
    changes, the closing; the recipients on the left and the signer on the right."""
    doc = _document(landscape=False, title=title, author=author, lang=lang,
                    created=item.announced)
    _heading(doc, item.heading, "portrait")
    _para(doc, item.title, bold=True, size=Pt(14), space_before=Pt(18))
    _para(doc, item.subject, bold=True, size=Pt(14))
    _rule(doc.add_paragraph(), sum(HEADING_WIDTHS["portrait"]), 40)
    for text in [item.grounds, *item.items, item.closing]:
        _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, space_before=Pt(6))
    sign = doc.add_table(rows=1, cols=2)
    _widths(sign, (80, 85))
    recipients, signer = sign.rows[0].cells
    _cell(recipients, item.recipients_title, 80, bold=True, italic=True, size=Pt(12))
    recipients.paragraphs[0].paragraph_format.space_before = Pt(12)
    for line in item.recipients:
        _run(recipients.add_paragraph(), line, size=Pt(11))
    _cell(signer, item.signer, 85, bold=True, centred=True)
    signer.paragraphs[0].paragraph_format.space_before = Pt(12)
    return _bytes(doc)


# --- the parts ---------------------------------------------------------------------------


def _document(landscape: bool, title: str, author: str, lang: str,
              created: dt.datetime) -> DocumentType:
    doc = Document()
    section = doc.sections[0]
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    _page_numbers(section)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE
    _fonts(style.element.get_or_add_rPr(), lang)
    paragraph = style.paragraph_format
    paragraph.space_after = Pt(0)
    paragraph.space_before = Pt(0)
    paragraph.line_spacing = 1.0
    props = doc.core_properties
    props.title, props.author = title, author
    props.language = "vi-VN" if lang == "vi" else "en-GB"
    props.last_modified_by, props.revision = author, 1
    # The moment the document is about, never the moment it was written.
    moment = created.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = moment
    props.comments = props.keywords = props.subject = props.category = ""
    return doc


def _page_numbers(section: Section) -> None:
    """The page number at the top, centred, from the second page on (Decree 30): a PAGE
    field in the header, none on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"  # what a reader that does not compute fields shows
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fonts(rpr: object, lang: str) -> None:
    """Times New Roman for every script Word distinguishes (Vietnamese letters with
    diacritics must not fall back to another font), and the text's language, so that
    Word checks its spelling as Vietnamese."""
    language = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)  # type: ignore[attr-defined]
    language.set(qn("w:val"), f"{lang}-VN" if lang == "vi" else "en-GB")
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), FONT)


def _heading(doc: DocumentType, head: Heading, layout: str) -> None:
    if head.draft:
        _para(doc, head.draft, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    left_mm, right_mm = HEADING_WIDTHS[layout]
    table = doc.add_table(rows=2, cols=2)
    _widths(table, HEADING_WIDTHS[layout])
    (left, right), (number, dated) = (r.cells for r in table.rows)
    _no_padding(table)
    # The parent body in capitals, the office under it in bold capitals (alone: bold);
    # 12 pt, as the nation's line, so that both fit a portrait page's columns.
    if head.parent:
        _cell(left, head.parent, left_mm, centred=True, size=Pt(12))
        _run(_centred(left.add_paragraph()), head.office, bold=True, size=Pt(12))
    else:
        _cell(left, head.office, left_mm, bold=True, centred=True, size=Pt(12))
    _rule(left.add_paragraph(), left_mm, left_mm // 3)
    _cell(right, head.nation, right_mm, bold=True, centred=True, size=Pt(12))
    _run(_centred(right.add_paragraph()), head.motto, bold=True, underline=True)
    _cell(number, head.number, left_mm, centred=True)
    _cell(dated, head.dated, right_mm, centred=True, italic=True)
    for paragraph in (number.paragraphs[0], dated.paragraphs[0]):
        paragraph.paragraph_format.space_before = Pt(6)


def _rule(paragraph: Paragraph, width_mm: int, length_mm: int) -> None:
    """A short line, as Decree 30 draws one under the office's name and a notice's
    subject: the bottom border of an empty paragraph ``width_mm`` wide, indented to
    ``length_mm`` at its middle."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    side = Mm((width_mm - length_mm) / 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    _run(paragraph, "", size=Pt(4))


def _widths(table: Table, widths: Sequence[int]) -> None:
    """Fixed column widths in mm: Word reads the cells' widths, LibreOffice the grid's."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, mm in zip(table.columns, widths, strict=True):
        column.width = Mm(mm)


def _no_padding(table: Table) -> None:
    """No space inside the heading's cells: the nation's line needs the whole column."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _centred(paragraph: Paragraph) -> Paragraph:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _run(paragraph: Paragraph, text: str, bold: bool = False, italic: bool = False,
         underline: bool = False, size: Pt | None = None) -> None:
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size is not None:
        run.font.size = size


def _para(doc: DocumentType, text: str, bold: bool = False, italic: bool = False,
          size: Pt | None = None, align: int = WD_ALIGN_PARAGRAPH.CENTER,
          space_before: Pt | None = None, indent: bool = False) -> Paragraph:
    paragraph = doc.add_paragraph()
    paragraph.alignment = align  # type: ignore[assignment]
    if space_before is not None:
        paragraph.paragraph_format.space_before = space_before
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _cell(cell: _Cell, text: str, width_mm: int, bold: bool = False, italic: bool = False,
          centred: bool = False, size: Pt | None = None) -> None:
    cell.width = Mm(width_mm)
    paragraph = cell.paragraphs[0]
    if centred:
        _centred(paragraph)
    _run(paragraph, text, bold=bold, italic=italic, size=size)


def _new_row(table: Table) -> list[_Cell]:
    """A row added at the end, its cells read from the row itself: python-docx's
    ``_Row.cells`` walks the whole table, which made a national calendar's annex
    quadratic (3,225 rows: 11 s, now 6 s)."""
    tr = table.add_row()._tr  # type: ignore[no-untyped-call]  # python-docx leaves it bare
    return [_Cell(tc, table) for tc in tr.tc_lst]


def _keep_whole(tr: object, header: bool = False) -> None:
    """A row never split over two pages; the header row again at the top of each."""
    props = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    for tag in ("w:cantSplit", *(("w:tblHeader",) if header else ())):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        props.append(element)


def _bytes(doc: DocumentType) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return repack(out.getvalue())
