"""The catalog as a workbook (``phobien export``): one sheet a kind of entry, Vietnamese
headers with English below, validation lists on coded columns, instructions first.

The workbook is written from the YAML files as staff wrote them, not from the validated
models: a field left out (``months_after``, which defaults to 1) stays left out, so that
importing the workbook back gives the same files byte for byte. The workbook holds
restricted products too: it is a staff file, never one the site serves.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from generator.annex.stable import repack
from generator.catalog.yamlsource import read_yaml
from generator.problems import CatalogError, Problem
from generator.words.site import VALUES
from generator.words.staff import (
    CODES_TITLE,
    FIELD_WORDS,
    INSTRUCTIONS,
    KIND_HINTS,
    PERIOD_KINDS,
    SHEET_WORDS,
)
from generator.workbook.sheets import (
    BY_ID,
    KEY,
    OWNER,
    POSITION,
    SHEETS,
    Column,
    Sheet,
    children,
)

# Every workbook says it was made at this moment: the same catalog gives the same bytes.
STAMP = dt.datetime(2000, 1, 1)
FIRST_ROW = 3  # rows 1 and 2 are the headers, Vietnamese then English
LAST_ROW = 1048576  # Excel's last row: a drop-down list holds for every row a person adds
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
HEAD = Font(bold=True)
HEAD_EN = Font(italic=True, color="555555")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


Row = dict[str, Any]  # column key → plain value (as YAML gave it)


def catalog_rows(root: Path) -> dict[str, list[Row]]:
    """Every sheet's rows, from the catalog's YAML files (sorted by file name)."""
    problems: list[Problem] = []
    rows: dict[str, list[Row]] = {sheet.id: [] for sheet in SHEETS}
    for sheet in SHEETS:
        if sheet.where == "child":
            continue
        for data in _entries(root, sheet, problems):
            rows[sheet.id].append(_flatten(sheet, data))
            for child in children(sheet):
                _child_rows(child, data, data.get(sheet.key), rows[child.id])
    if problems:
        raise CatalogError(problems)
    return rows


def _entries(root: Path, sheet: Sheet, problems: list[Problem]) -> Iterator[dict[str, Any]]:
    if sheet.where == "folder":
        folder = root / sheet.place
        files = sorted(p for p in folder.glob("*") if p.suffix in (".yml", ".yaml"))
    else:
        files = [root / sheet.place]
    for path in files:
        doc = read_yaml(path, path.relative_to(root.parent).as_posix(), problems)
        if doc is None:
            continue
        items = doc.data if sheet.where == "list" else [doc.data]
        yield from (item for item in items or [] if isinstance(item, dict))


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _flatten(sheet: Sheet, data: dict[str, Any]) -> Row:
    return {c.key: _get(data, c.path) for c in sheet.columns if not c.key.startswith("@")}


def _child_rows(child: Sheet, owner: dict[str, Any], key: Any, out: list[Row]) -> None:
    value = owner.get(child.field)
    if child.mapping and isinstance(value, dict):
        for symbol, entry in value.items():
            out.append({OWNER: key, KEY: symbol, **_flatten(child, entry)})
    elif isinstance(value, list):
        for i, entry in enumerate(value, start=1):
            out.append({OWNER: key, POSITION: i, **_flatten(child, entry)})


def served_in(target: Path, docs_dir: Path) -> Path | None:
    """The served folder ``target`` would lie in (the site's docs, whose files MkDocs
    copies into the site, or a published site), or ``None``: the workbook holds restricted
    products and must never be served."""
    from generator.publish.served import served_place

    folder = Path(os.path.abspath(target)).parent
    for place in (Path(os.path.abspath(docs_dir)), served_place(folder)):
        if place is not None and (folder == place or place in folder.parents
                                  or folder.resolve().is_relative_to(place.resolve())):
            return place
    return None


def write_workbook(root: Path, target: Path) -> int:
    """Write the catalog in ``root`` to ``target``; return the number of rows written."""
    rows = catalog_rows(root)
    book = openpyxl.Workbook()
    _instructions(book.active)
    for sheet in SHEETS:
        _sheet(book.create_sheet(sheet.name()), sheet, rows[sheet.id])
    book.properties.creator = "phobien"
    book.properties.created = STAMP
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps the save time into each zip entry and the "modified" property.
    target.write_bytes(repack(buffer.getvalue()))
    return sum(len(r) for r in rows.values())


def _instructions(ws: Any) -> None:
    ws.title = SHEET_WORDS["instructions"]["vi"]
    ws.column_dimensions["A"].width = 110
    line = 1
    for lang in ("vi", "en"):
        for i, text in enumerate(INSTRUCTIONS[lang]):
            cell = ws.cell(line, 1, text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if i == 0:
                cell.font = Font(bold=True, size=13)
            line += 1
        for sheet in SHEETS:
            ws.cell(line, 1, f"• {sheet.name('vi')}: {SHEET_WORDS[sheet.id]['about_' + lang]}")
            line += 1
        ws.cell(line, 1, CODES_TITLE[lang])
        line += 1
        for text in codes(lang):
            ws.cell(line, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
            line += 1
        line += 1


# The coded fields whose codes staff type (the YAML's words, in English) and what each
# means in their language: the drop-down lists show the codes only.
CODED = {"completeness": VALUES["completeness"], "form": VALUES["form"],
         "language": VALUES["language"], "cycle": VALUES["cycle"],
         "dissemination": VALUES["dissemination"], "access": VALUES["access"],
         "period": PERIOD_KINDS}


def codes(lang: str) -> list[str]:
    """One line a coded field: ``• Mức độ hoàn chỉnh: estimate = Ước tính; ...``."""
    return [f"• {FIELD_WORDS[field][lang]}: "
            + "; ".join(f"{code} = {words[lang]}" for code, words in meanings.items())
            for field, meanings in CODED.items()]


def _sheet(ws: Any, sheet: Sheet, rows: list[Row]) -> None:
    columns = sheet.columns
    for j, column in enumerate(columns, start=1):
        vi = ws.cell(1, j, column.header("vi"))
        vi.font, vi.fill = HEAD, HEAD_FILL
        ws.cell(2, j, column.header("en")).font = HEAD_EN
        vi.comment = Comment(_hint(column), "phobien", width=320, height=120)
        dimension = ws.column_dimensions[get_column_letter(j)]
        dimension.width = 14 if column.kind != "text" else 28
        # The cells a person adds below keep their kind: 2026-10 typed in a text column
        # stays text (Excel would make it a date), 2027-03-05 in a date column a date.
        if column.kind == "date":
            dimension.number_format = DATE_FORMAT
        elif column.kind not in ("int", "bool", "code"):
            dimension.number_format = "@"
        _validation(ws, column, j)
    ws.freeze_panes = "A3"
    for i, row in enumerate(rows, start=FIRST_ROW):
        for j, column in enumerate(columns, start=1):
            _put(ws.cell(i, j), column, row.get(column.key))


def _hint(column: Column) -> str:
    """The header's note: what the cell holds, in both languages."""
    lines = []
    for lang in ("vi", "en"):
        hint = KIND_HINTS[column.kind][lang]
        if column.choices:
            hint += f" {KIND_HINTS['choices'][lang]} {', '.join(column.choices)}"
        if column.required:
            hint += f" {KIND_HINTS['required'][lang]}"
        lines.append(hint)
    return "\n".join(lines)


def _validation(ws: Any, column: Column, j: int) -> None:
    """A drop-down list where one value is allowed: of a closed list, or an id of another
    sheet (a product's unit). A cell of several values (form: pdf, web-table) cannot have
    one: its header's note lists them."""
    if column.kind == "code" and column.choices:
        formula = '"' + ",".join(column.choices) + '"'
    elif column.kind == "bool":
        formula = '"TRUE,FALSE"'
    elif column.refers:
        target = BY_ID[column.refers]
        key = get_column_letter(1 + [c.key for c in target.columns].index(target.key))
        formula = f"'{target.name()}'!${key}${FIRST_ROW}:${key}${LAST_ROW}"
    else:
        return
    letter = get_column_letter(j)
    check = DataValidation(type="list", formula1=formula, allow_blank=True)
    check.error = KIND_HINTS["list"]["vi"] + " / " + KIND_HINTS["list"]["en"]
    check.showErrorMessage = True
    check.add(f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
    ws.add_data_validation(check)


def _put(cell: Any, column: Column, value: Any) -> None:
    if value is None:
        return
    kind = column.kind
    if kind in ("codes", "ints", "dates") and isinstance(value, list):
        cell.value = ", ".join(v.isoformat() if isinstance(v, dt.date) else str(v)
                               for v in value)
        cell.data_type = "s"
        return
    if kind == "pairs" and isinstance(value, dict):
        cell.value = "; ".join(f"{k}={v}" for k, v in value.items())
        cell.data_type = "s"
        return
    cell.value = value
    if isinstance(value, dt.datetime):
        cell.number_format = MOMENT_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        # A text starting with "=" is text, not a formula; "09:00" and "2026" stay text.
        cell.data_type = "s"
        cell.number_format = "@"
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
