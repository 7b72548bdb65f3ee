"""The workbook's layout: which sheet holds which kind of catalog entry, and which column
holds which field.

The columns are derived from the catalog's pydantic models (``generator.catalog.model``),
so that a field added to a model is a column of its sheet without a line here; only its
header words are to be added (``FIELD_WORDS`` in ``generator.words.staff``). A nested model
(a product's media contact, a dataset's source) is flattened into columns of its owner's
row; a list of models (a product's release rules, a calendar's releases) has its own sheet,
each row naming its owner (the product's id, the calendar's year) and its position.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.catalog import model as m
from generator.words.staff import FIELD_WORDS, SHEET_WORDS

# What a cell holds, and so how it is written and read back:
#   text     any text (a name, an address, a phone number)
#   code     one value of a closed list (access, cycle...): a validation list
#   int, bool, date (an Excel date), time ("09:00" as text), moment (a date and time),
#   month ("2027-04")
#   codes, ints, dates   several values in one cell, separated by commas
#   pairs    column=value pairs separated by semicolons (a headline's ``where``)
Kind = Literal["text", "code", "int", "bool", "date", "time", "moment", "month", "codes",
               "ints", "dates", "pairs"]
LIST_KINDS = {"codes": "code", "ints": "int", "dates": "date"}

Path_ = tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the YAML keys it fills in the row's entry, and its kind."""

    path: Path_  # e.g. ("media_contact", "name", "vi")
    kind: Kind
    choices: tuple[str, ...] = ()  # the allowed values of a code (or of each of codes)
    required: bool = False  # a row without it is incomplete
    words: str = ""  # the key of its header's words, when not its path's
    refers: str = ""  # the sheet whose entries it names (a drop-down list of their ids)

    @property
    def key(self) -> str:
        return ".".join(self.path)

    def header(self, lang: str) -> str:
        """``Liên hệ báo chí – Tên (tiếng Việt)``: the words of each key on the path."""
        if self.words:
            return FIELD_WORDS[self.words][lang]
        words = []
        if len(self.path) == 1 and self.path[0] in ("vi", "en"):  # a mapping's text
            words.append(FIELD_WORDS["@text"][lang])
        for part in self.path:
            if part in ("vi", "en") and part == self.path[-1]:
                words[-1] += f" ({FIELD_WORDS['@' + part][lang]})"
            else:
                words.append(FIELD_WORDS.get(part, {}).get(lang, part))
        return " – ".join(words)


# The columns every sheet of a nested list has before its own: whose entry the row belongs
# to, and where in the list it stands.
OWNER = "@owner"
POSITION = "@position"
KEY = "@key"  # the key of a mapping's entry (a dataset's missing-value symbol)


@dataclass(frozen=True)
class Sheet:
    """One sheet: the entries of one kind, one a row."""

    id: str  # stable, the key of its words: "products", "product-releases"
    model: type[BaseModel]
    # Where its rows are in the catalog: "site" (site.yml, one row), "list" (a file
    # holding a list), "folder" (one file a row), "child" (a list inside another row).
    where: Literal["site", "list", "folder", "child"]
    place: str = ""  # the file (site.yml, units.yml) or folder (products)
    key: str = ""  # the field naming the row (id, year, release)
    parent: str = ""  # a child's owning sheet
    field: str = ""  # the owner's field holding the list (or mapping)
    mapping: bool = False  # the owner's field is a mapping (key → entry), not a list

    @property
    def columns(self) -> tuple[Column, ...]:
        return _sheet_columns(self)

    def name(self, lang: str = "vi") -> str:
        """The sheet's name (Excel: at most 31 characters)."""
        return SHEET_WORDS[self.id][lang]


@functools.cache  # one derivation a sheet: every row of it asks
def _sheet_columns(sheet: Sheet) -> tuple[Column, ...]:
    own = tuple(_columns(sheet.model, (), True))
    if sheet.where != "child":
        return own
    lead = [Column((OWNER,), "int" if sheet.parent == "calendars" else "text",
                   required=True, words=f"{OWNER}-{sheet.parent}", refers=sheet.parent)]
    if sheet.mapping:
        lead.append(Column((KEY,), "text", required=True, words=KEY))
    else:
        lead.append(Column((POSITION,), "int", words=POSITION))
    return (*lead, *own)


def _child(id_: str, parent: str, field: str, model: type[BaseModel],
           mapping: bool = False) -> Sheet:
    return Sheet(id_, model, "child", parent=parent, field=field, mapping=mapping)


SHEETS: tuple[Sheet, ...] = (
    Sheet("site", m.Site, "site", "site.yml"),
    Sheet("audiences", m.Audience, "list", "audiences.yml", "id"),
    Sheet("units", m.Unit, "list", "units.yml", "id"),
    Sheet("topics", m.Topic, "list", "topics.yml", "id"),
    Sheet("products", m.Product, "folder", "products", "id"),
    _child("product-releases", "products", "releases", m.ReleaseRule),
    Sheet("calendars", m.Calendar, "folder", "calendars", "year"),
    _child("calendar-releases", "calendars", "releases", m.ScheduledRelease),
    _child("adjustments", "calendars", "adjustments", m.Adjustment),
    Sheet("datasets", m.Dataset, "folder", "datasets", "id"),
    _child("dataset-columns", "datasets", "columns", m.Column),
    _child("dataset-headlines", "datasets", "headlines", m.Headline),
    _child("dataset-missing", "datasets", "missing", m.Text, mapping=True),
    Sheet("notes", m.ReleaseNote, "folder", "releases", "release"),
    _child("note-documents", "notes", "documents", m.Attachment),
    _child("note-corrections", "notes", "corrections", m.Correction),
)
BY_ID = {sheet.id: sheet for sheet in SHEETS}
# The fields naming one entry of another sheet: their cells get a drop-down list of its ids.
REFERENCES: dict[tuple[type[BaseModel], str], str] = {
    (m.Product, "unit"): "units",
    (m.Discontinued, "successor"): "products",
    (m.ScheduledRelease, "product"): "products",
    (m.Dataset, "product"): "products",
}
# The fields that have their own sheet, by owning model: not columns of the owner's row.
CHILD_FIELDS = {(BY_ID[s.parent].model, s.field) for s in SHEETS if s.where == "child"}


def children(sheet: Sheet) -> list[Sheet]:
    return [s for s in SHEETS if s.parent == sheet.id]


def _unwrap(annotation: Any) -> tuple[Any, tuple[Any, ...], bool]:
    """The type under ``X | None`` and ``Annotated[X, ...]``: (type, metadata, optional)."""
    optional = False
    metadata: tuple[Any, ...] = ()
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            args = get_args(annotation)
            annotation, metadata = args[0], (*metadata, *args[1:])
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(get_args(annotation))
            annotation = members[0]
        else:
            return annotation, metadata, optional


def yaml_key(name: str, info: FieldInfo) -> str:
    return info.alias or name


def submodel(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    """The model of the value at ``key`` of a ``model`` entry, of each item if it is a list
    or mapping: what orders its keys when it is written."""
    if model is None:
        return None
    for name, info in model.model_fields.items():
        if yaml_key(name, info) == key:
            inner, _, _ = _unwrap(info.annotation)
            if get_origin(inner) in (list, dict):
                inner, _, _ = _unwrap(get_args(inner)[-1])
            return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    return None


def field_order(model: type[BaseModel]) -> list[str]:
    return [yaml_key(name, info) for name, info in model.model_fields.items()]


def _scalar(annotation: Any, metadata: tuple[Any, ...]) -> tuple[Kind, tuple[str, ...]]:
    if get_origin(annotation) is Literal:
        return "code", tuple(str(a) for a in get_args(annotation))
    validators = {getattr(v, "func", None) for v in metadata}
    if annotation is dt.time:
        return "time", ()
    if annotation is dt.datetime:
        return "moment", ()
    if m._month in validators:  # a month is text shaped 2027-04
        return "month", ()
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "int", ()
    if annotation is dt.date:
        return "date", ()
    return "text", ()


def _columns(model: type[BaseModel], prefix: Path_, required: bool) -> list[Column]:
    out: list[Column] = []
    for name, info in model.model_fields.items():
        if (model, name) in CHILD_FIELDS:
            continue
        path = (*prefix, yaml_key(name, info))
        inner, metadata, optional = _unwrap(info.annotation)
        needed = required and info.is_required() and not optional
        if inner is m.Text:
            out += [Column((*path, lang), "text") for lang in m.LANGUAGES]
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            out += _columns(inner, path, needed)
        elif get_origin(inner) is list:
            item, item_meta, _ = _unwrap(get_args(inner)[0])
            kind, choices = _scalar(item, item_meta)
            many: Kind = {"int": "ints", "date": "dates"}.get(kind, "codes")  # type: ignore[assignment]
            out.append(Column(path, many, choices, needed))
        elif get_origin(inner) is dict:
            out.append(Column(path, "pairs", (), needed))
        else:
            kind, choices = _scalar(inner, metadata)
            out.append(Column(path, kind, choices, needed,
                              refers=REFERENCES.get((model, name), "")))
    return out
