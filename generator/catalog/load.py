"""The catalog: what the office declares in ``catalog/``, loaded and validated.

The first stage of the pipeline (catalog → releases → pages, feeds, datasets → publish).
``load_catalog`` reads every file, validates each against its model, then checks the
references between files, and raises one ``CatalogError`` holding every problem found.

Files:

- ``site.yml``: the office, the site's languages, time zone and contact;
- ``audiences.yml``, ``units.yml``, ``topics.yml``: lists of ``{id, name, ...}``;
- ``products/<id>.yml``: one product a file, with every Decision 34 field;
- ``calendars/<year>.yml``: a year's release calendar, its approval and adjustments;
- ``releases/<any name>.yml``: one release's note (main points, documents, corrections).

The models themselves are in ``model``; pydantic's errors become messages in
``validation``.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel

from generator.catalog.model import (
    Access,
    Adjustment,
    AdjustmentType,
    Approval,
    Attachment,
    Audience,
    Calendar,
    CalendarStatus,
    Completeness,
    Contact,
    Correction,
    Cycle,
    Dataset,
    Discontinued,
    Dissemination,
    Form,
    MediaContact,
    Office,
    PeriodKind,
    Product,
    ReleaseNote,
    ReleaseRule,
    ScheduledRelease,
    Site,
    Text,
    Topic,
    Unit,
)
from generator.catalog.succession import check_succession
from generator.catalog.validation import show, validate
from generator.catalog.yamlsource import Document, read_yaml
from generator.problems import Problem, field_path
from generator.text import sort_key
from generator.words.staff import PERIOD_KINDS, PERIODIC
from generator.words.staff import REFERENCE_KINDS as _KIND
from generator.words.staff import YAML_EXPECTED as EXPECTED

__all__ = [
    "Access",
    "Adjustment",
    "AdjustmentType",
    "Approval",
    "Attachment",
    "Audience",
    "Calendar",
    "CalendarStatus",
    "Catalog",
    "Completeness",
    "Contact",
    "Correction",
    "Cycle",
    "Dataset",
    "Discontinued",
    "Dissemination",
    "Form",
    "MediaContact",
    "Office",
    "PeriodKind",
    "Product",
    "Reading",
    "ReleaseNote",
    "ReleaseRule",
    "ScheduledRelease",
    "Site",
    "Text",
    "Topic",
    "Unit",
    "read_catalog",
]


@dataclass(frozen=True)
class Catalog:
    """A validated catalog. Lists are in a stable order (by id) for deterministic output."""

    root: Path
    site: Site
    audiences: tuple[Audience, ...]
    units: tuple[Unit, ...]
    topics: tuple[Topic, ...]
    products: tuple[Product, ...]
    calendars: tuple[Calendar, ...] = ()
    datasets: tuple[Dataset, ...] = ()
    files: dict[str, str] = field(default_factory=dict)  # product id -> display path
    # Where each calendar came from, so that schedule checks can name file and line.
    calendar_docs: dict[int, Document] = field(default_factory=dict, compare=False)
    notes: tuple[ReleaseNote, ...] = ()  # release notes, by release id
    note_docs: dict[str, Document] = field(default_factory=dict, compare=False)

    @cached_property
    def _products(self) -> dict[str, Product]:
        return {p.id: p for p in self.products}

    def dataset(self, id_: str) -> Dataset:
        return next(d for d in self.datasets if d.id == id_)

    def datasets_of(self, product_id: str) -> list[Dataset]:
        return [d for d in self.datasets if d.product == product_id]

    def source_path(self, dataset: Dataset) -> Path:
        return self.root / dataset.source.file

    def audience(self, id_: str) -> Audience:
        return next(a for a in self.audiences if a.id == id_)

    def unit(self, id_: str) -> Unit:
        return next(u for u in self.units if u.id == id_)

    def topic(self, id_: str) -> Topic:
        return next(t for t in self.topics if t.id == id_)

    def product(self, id_: str) -> Product:
        return self._products[id_]

    @cached_property
    def _notes(self) -> dict[str, ReleaseNote]:
        return {n.release: n for n in self.notes}

    def note(self, release_id: str) -> ReleaseNote | None:
        """The note staff wrote for a release, if any (``catalog/releases/``)."""
        return self._notes.get(release_id)

    def media_contact(self, product: Product) -> MediaContact | None:
        """Whom journalists call about ``product``: its own contact, else its unit's."""
        return product.media_contact or self.unit(product.unit).media_contact

    def products_sorted(self, lang: str) -> list[Product]:
        return sorted(self.products, key=lambda p: (*sort_key(p.name.get(lang)), p.id))

    def public(self) -> Catalog:
        """The catalog as the public may see it: restricted products removed entirely.

        Every renderer (pages, feeds, datasets, indexes) is handed this view and never
        the full catalog, so a restricted product cannot leak through a forgotten filter.
        One view a catalog: the stages that ask for it share it (and its planned calendar).
        """
        return self._public

    @cached_property
    def _public(self) -> Catalog:
        return Catalog(
            root=self.root,
            site=self.site,
            audiences=self.audiences,
            units=self.units,
            topics=self.topics,
            products=tuple(p for p in self.products if p.access != "restricted"),
            # Validation refuses restricted products in calendars; drop them here as well,
            # so that the guarantee does not rest on one check alone.
            calendars=tuple(
                c.model_copy(
                    update={
                        "releases": [
                            r
                            for r in c.releases
                            if self._products[r.product].access != "restricted"
                        ]
                    }
                )
                for c in self.calendars
            ),
            datasets=tuple(
                d for d in self.datasets if self._products[d.product].access == "public"
            ),
            files={k: v for k, v in self.files.items() if self.product(k).access != "restricted"},
            calendar_docs=self.calendar_docs,
            notes=tuple(n for n in self.notes
                        if self._products[note_product(n.release)].access != "restricted"),
            note_docs={k: v for k, v in self.note_docs.items()
                       if self._products[note_product(k)].access != "restricted"},
        )


def note_product(release_id: str) -> str:
    """The product a release identifier names: ``cpi`` for ``cpi/2026-10``."""
    return release_id.split("/", 1)[0]


# --- loading ---------------------------------------------------------------------------


@dataclass
class Reading:
    """The catalog as read: the catalog itself when its files have no problem, and what a
    check of the rest (the calendars planned, the source tables) needs either way."""

    catalog: Catalog | None
    problems: list[Problem]
    datasets: list[Dataset]  # every dataset file that validated
    access: Mapping[str, str]  # product id → access


def read_catalog(root: Path, display_root: Path | None = None) -> Reading:
    """Read and validate the files of the catalog in ``root``, collecting every problem.

    This stage knows the catalog's files only: the problems of the planned calendar and of
    the source tables are found by ``generator.check``, which every command loads through.
    """
    root = Path(root)
    base = display_root if display_root is not None else root.parent
    problems: list[Problem] = []

    def display(path: Path) -> str:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            return path.as_posix()

    def read(path: Path) -> Document | None:
        if not path.is_file():
            problems.append(Problem("missing-file", display(path)))
            return None
        # A link to a file elsewhere (or a folder of the catalog that is a link) would
        # have the build read, and its messages quote, a file that is not the catalog.
        if inside(root, path.relative_to(root).as_posix()) is None:
            problems.append(Problem("file-outside-catalog", display(path)))
            return None
        return read_yaml(path, display(path), problems)

    site_doc = read(root / "site.yml")
    site = validate(Site, site_doc, problems)
    if site is not None and site_doc is not None:
        try:
            ZoneInfo(site.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long
            problems.append(
                Problem(
                    "bad-timezone",
                    site_doc.file,
                    site_doc.line(("timezone",)),
                    "timezone",
                    {"value": site.timezone},
                )
            )
    languages: Sequence[str] = site.languages if site is not None else ("vi",)

    audiences = _load_list(read(root / "audiences.yml"), Audience, problems)
    units = _load_list(read(root / "units.yml"), Unit, problems)
    topics = _load_list(read(root / "topics.yml"), Topic, problems)

    product_dir = root / "products"
    if not product_dir.is_dir():
        problems.append(Problem("missing-file", display(product_dir)))
    products, product_docs = _load_folder(product_dir, Product, "id", read, problems)

    for entries in (audiences, units, topics, products):
        _check_unique(entries, problems)

    refs = _References(
        audiences={e.item.id for e in audiences},
        units={e.item.id for e in units},
        topics={e.item.id for e in topics},
    )
    for doc in product_docs:
        _check_references(doc, refs, problems)
    for entry in products:
        _check_product(entry.item, entry.doc, problems)

    access: dict[str, str] = {e.item.id: e.item.access for e in products}
    access.update(_still_known(product_docs, access))
    calendars, _ = _load_folder(root / "calendars", Calendar, "year", read, problems)
    for calendar in calendars:
        _check_calendar(calendar.item, calendar.doc, access, problems)
    datasets, _ = _load_folder(root / "datasets", Dataset, "id", read, problems)
    for dataset in datasets:
        _check_dataset(dataset.item, dataset.doc, root, access, problems)
    _check_unique(datasets, problems)
    check_succession(products, datasets, problems)
    dataset_ids = sorted(e.item.id for e in datasets)
    for entry in products:
        for i, named in enumerate(entry.item.headlines or []):
            if named not in dataset_ids:
                problems.append(Problem(
                    "unknown-reference", entry.doc.file, entry.doc.line(("headlines", i)),
                    field_path(("headlines", i)),
                    {"kind": _KIND["dataset"], "value": named,
                     "allowed": ", ".join(dataset_ids) or "-"}))
    notes = _load_notes(root / "releases", read, root, access, problems)
    models: list[_Entry[Any]] = [*audiences, *units, *topics, *products, *calendars, *datasets,
                                 *notes]
    if site is not None and site_doc is not None:
        models.insert(0, _Entry(site, site_doc))
    for entry in models:
        for text_path, text in _texts(entry.item, entry.prefix):
            _check_text(text, text_path, entry.doc, text_languages(entry.item, languages),
                        problems)

    found = [e.item for e in datasets]
    if problems or site is None:
        return Reading(None, problems, found, access)
    catalog = Catalog(
        root=root,
        site=site,
        audiences=tuple(e.item for e in audiences),
        units=tuple(e.item for e in units),
        topics=tuple(e.item for e in topics),
        products=tuple(sorted((e.item for e in products), key=lambda p: p.id)),
        calendars=tuple(sorted((e.item for e in calendars), key=lambda c: c.year)),
        files={e.item.id: e.doc.file for e in products},
        calendar_docs={e.item.year: e.doc for e in calendars},
        datasets=tuple(sorted((e.item for e in datasets), key=lambda d: d.id)),
        notes=tuple(sorted((e.item for e in notes), key=lambda n: n.release)),
        note_docs={e.item.release: e.doc for e in notes},
    )
    return Reading(catalog, problems, found, access)


def inside(root: Path, relative: str) -> Path | None:
    """``relative`` resolved inside ``root``, or None when it would leave it (``..``, an
    absolute path, a symbolic link pointing out): catalog files never reach elsewhere."""
    if not relative or Path(relative).is_absolute() or "\\" in relative:
        return None
    base = root.resolve()
    try:
        target = (base / relative).resolve()
    except (OSError, ValueError):  # a name no file system takes (a NUL byte, a loop)
        return None
    return target if target.is_relative_to(base) else None


def is_file(path: Path) -> bool:
    """``Path.is_file``, false for a name too long for the file system too."""
    try:
        return path.is_file()
    except OSError:
        return False


# The columns the table of figures at each release adds (``revisions``).
REVISION_COLUMNS = ("release", "release_time")


def _check_dataset(
    dataset: Dataset,
    doc: Document,
    root: Path,
    access: Mapping[str, str],
    problems: list[Problem],
) -> None:
    def problem(code: str, path: tuple[str | int, ...], **params: Any) -> None:
        problems.append(Problem(code, doc.file, doc.line(path), field_path(path), params))

    if dataset.product not in access:
        problem(
            "unknown-reference",
            ("product",),
            kind=_KIND["product"],
            value=dataset.product,
            allowed=", ".join(sorted(access)) or "-",
        )
    elif access[dataset.product] not in ("public", UNKNOWN_ACCESS):
        problem(
            "dataset-not-public",
            ("product",),
            value=dataset.product,
            access=access[dataset.product],
        )
    source = inside(root, dataset.source.file)
    if source is None:
        problem("source-outside-catalog", ("source", "file"), value=dataset.source.file)
    elif not is_file(source):
        problem("missing-source", ("source", "file"), value=dataset.source.file)
    ids = [c.id for c in dataset.columns]
    known = ", ".join(ids)
    references: list[tuple[tuple[str | int, ...], str]] = [(("period",), dataset.period)]
    references += [(("sort", i), c) for i, c in enumerate(dataset.sort)]
    if dataset.chart is not None:
        references.append((("chart", "x"), dataset.chart.x))
        references += [(("chart", "y", i), c) for i, c in enumerate(dataset.chart.y)]
    for i, headline in enumerate(dataset.headlines):
        references.append((("headlines", i, "column"), headline.column))
        references += [(("headlines", i, "where", c), c) for c in headline.where]
    for path, column in references:
        if column not in ids:
            problem("unknown-dataset-column", path, value=column, allowed=known)
    types = {c.id: c.type for c in dataset.columns}
    for i, headline in enumerate(dataset.headlines):
        kind = types.get(headline.column)
        if kind is not None and kind not in ("number", "integer"):
            problem("headline-not-a-number", ("headlines", i, "column"),
                    value=headline.column, type=kind)
        if headline.measure != "level" and headline.compare:
            problem("headline-compare-change", ("headlines", i, "compare"),
                    value=headline.column, measure=headline.measure)
    seen: set[str] = set()
    for i, column_id in enumerate(ids):
        if column_id in seen:
            problem("duplicate-id", ("columns", i, "id"), value=column_id, other="columns")
        seen.add(column_id)
        if column_id in REVISION_COLUMNS:
            problem("reserved-column", ("columns", i, "id"), value=column_id)
    kinds = [c.type for c in dataset.columns]
    for i in [i for i, k in enumerate(kinds) if k == "completeness"][1:]:
        problem("two-completeness-columns", ("columns", i, "type"), value=ids[i])


# A document is published at releases/<release>/<its file name>: a name an address can
# carry as it is, and none of the names the release's own folder already uses.
DOCUMENT_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)+")
# The citation files (outputs/citations.py) are there too.
RESERVED_NAMES = ("index.html", "event.ics", "cite.bib", "cite.ris", "cite.csl.json")


def _load_notes(
    folder: Path,
    read: Callable[[Path], Document | None],
    root: Path,
    access: Mapping[str, str],
    problems: list[Problem],
) -> list[_Entry[ReleaseNote]]:
    """Release notes, one a file under any name; the file says which release it is for.
    Whether that release exists is a question for the planned calendar (``check``)."""
    entries: list[_Entry[ReleaseNote]] = []
    seen: dict[str, str] = {}
    for path in _yaml_files(folder):
        doc = read(path)
        note = validate(ReleaseNote, doc, problems) if doc is not None else None
        if note is None or doc is None:
            continue

        def problem(code: str, where: tuple[str | int, ...], doc: Document = doc,
                    **params: Any) -> None:
            problems.append(Problem(code, doc.file, doc.line(where), field_path(where), params))

        product = note_product(note.release)
        # A second note of a release is reported, and its documents checked all the same.
        duplicate = note.release in seen
        if duplicate:
            problem("duplicate-release-note", ("release",), value=note.release,
                    other=seen[note.release])
        else:
            seen[note.release] = f"{doc.file}:{doc.line(('release',))}"
        if product not in access:
            problem("unknown-reference", ("release",), kind=_KIND["product"], value=product,
                    allowed=", ".join(sorted(access)) or "-")
            continue
        if note.documents and access[product] not in ("public", UNKNOWN_ACCESS):
            problem("documents-not-public", ("documents",), value=product,
                    access=access[product])
        names: set[str] = set()
        for i, attached in enumerate(note.documents):
            where = ("documents", i, "file")
            name = attached.file.rsplit("/", 1)[-1]
            target = inside(root, attached.file)
            if target is None:
                problem("document-outside-catalog", where, value=attached.file)
            elif not is_file(target):
                problem("missing-document", where, value=attached.file)
            if not DOCUMENT_NAME.fullmatch(name) or name in RESERVED_NAMES:
                problem("bad-document-name", where, value=name)
            elif name in names:
                problem("duplicate-document-name", where, value=name)
            names.add(name)
        if not duplicate:
            entries.append(_Entry(note, doc))
    return entries


UNKNOWN_ACCESS = "?"  # a product whose file has errors, its access among them


def _still_known(docs: Sequence[Document], valid: Mapping[str, str]) -> dict[str, str]:
    """The products whose files have errors, by the id each file gives (its name): still
    known to the files that refer to them, so that one mistake in a product is one
    problem, not one more for each dataset, calendar entry and note that names it. Their
    access as written when it is a valid one, else unknown (the checks that depend on it
    wait until the file is fixed).

    >>> doc = Document("catalog/products/cpi.yml", {"id": "cpi", "periodic": "có"})
    >>> _still_known([doc], {}), _still_known([doc], {"cpi": "public"})
    ({'cpi': '?'}, {})
    """
    out: dict[str, str] = {}
    for doc in docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        id_ = data.get("id")
        if not isinstance(id_, str) or id_ in valid or id_ != Path(doc.file).stem:
            continue
        written = data.get("access")
        out[id_] = written if isinstance(written, str) and written in get_args(Access) \
            else UNKNOWN_ACCESS
    return out


def _load_folder(
    folder: Path,
    model: type[_M],
    key: str,
    read: Callable[[Path], Document | None],
    problems: list[Problem],
) -> tuple[list[_Entry[_M]], list[Document]]:
    """One entry a file (products, calendars, datasets): each file is validated on its
    own, and its ``key`` (id or year) must be its file name. Returns the valid entries and
    every readable document, valid or not (references are checked from the raw data)."""
    entries: list[_Entry[_M]] = []
    docs: list[Document] = []
    for path in _yaml_files(folder):
        doc = read(path)
        if doc is None:
            continue
        docs.append(doc)
        item = validate(model, doc, problems)
        if item is None:
            continue
        entries.append(_Entry(item, doc))
        value = getattr(item, key)
        if str(value) != path.stem:
            problems.append(
                Problem("id-file-mismatch", doc.file, doc.line((key,)), key,
                        {"value": value, "expected": path.name})
            )
    return entries, docs


def _yaml_files(folder: Path) -> list[Path]:
    """Both spellings of the extension: a ``.yaml`` file must not be silently ignored."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def _check_calendar(
    calendar: Calendar, doc: Document, access: Mapping[str, str], problems: list[Problem]
) -> None:
    if calendar.status == "approved" and calendar.approval is None:
        problems.append(Problem("approval-required", doc.file, doc.line(("status",)), "approval"))
    if calendar.approval is None and calendar.prepared is None:
        problems.append(
            Problem("calendar-date-required", doc.file, doc.line(("status",)), "prepared")
        )
    entries: list[tuple[tuple[str | int, ...], ScheduledRelease]] = [
        (("releases", i), r) for i, r in enumerate(calendar.releases)
    ]
    entries += [
        (("adjustments", i, "add"), a.add)
        for i, a in enumerate(calendar.adjustments)
        if a.add is not None
    ]
    for path, entry in entries:
        where = (*path, "product")
        if entry.product not in access:
            problems.append(
                Problem(
                    "unknown-reference",
                    doc.file,
                    doc.line(where),
                    field_path(where),
                    {
                        "kind": _KIND["product"],
                        "value": entry.product,
                        "allowed": ", ".join(sorted(access)) or "-",
                    },
                )
            )
        elif access[entry.product] == "restricted":
            problems.append(
                Problem(
                    "restricted-in-calendar",
                    doc.file,
                    doc.line(where),
                    field_path(where),
                    {"value": entry.product},
                )
            )
        if (entry.date is None) == (entry.month is None) or (entry.time and not entry.date):
            problems.append(Problem("timing-required", doc.file, doc.line(path), field_path(path)))
        year = entry.date.year if entry.date else int(entry.month[:4]) if entry.month else None
        if year is not None and year != calendar.year:
            key = "date" if entry.date else "month"
            problems.append(
                Problem(
                    "outside-calendar-year",
                    doc.file,
                    doc.line((*path, key)),
                    field_path((*path, key)),
                    {"value": entry.date or entry.month, "year": calendar.year},
                )
            )


_M = typing.TypeVar("_M", bound=BaseModel)


@dataclass
class _References:
    audiences: set[str]
    units: set[str]
    topics: set[str]




def _check_references(doc: Document, refs: _References, problems: list[Problem]) -> None:
    """Check a product file's references from its raw data, so that they are reported
    even when the same file has other errors."""
    data = doc.data if isinstance(doc.data, dict) else {}

    def ref(kind: str, value: Any, known: set[str], path: tuple[str | int, ...]) -> None:
        if isinstance(value, str) and value not in known:
            problems.append(
                Problem(
                    "unknown-reference",
                    doc.file,
                    doc.line(path),
                    field_path(path),
                    {
                        "kind": _KIND[kind],
                        "value": value,
                        "allowed": ", ".join(sorted(known)) or "-",
                    },
                )
            )

    ref("unit", data.get("unit"), refs.units, ("unit",))
    for key, kind, known in (
        ("audiences", "audience", refs.audiences),
        ("topics", "topic", refs.topics),
    ):
        values = data.get(key)
        for i, value in enumerate(values if isinstance(values, list) else []):
            ref(kind, value, known, (key, i))


def _check_product(product: Product, doc: Document, problems: list[Problem]) -> None:
    if product.periodic == (product.cycle == "irregular"):
        which = PERIODIC[product.periodic]
        problems.append(
            Problem(
                "cycle-periodic-mismatch",
                doc.file,
                doc.line(("cycle",)),
                "cycle",
                {"which": which, "value": product.cycle},
            )
        )
    for i, rule in enumerate(product.releases):
        if rule.completeness is None and len(product.completeness) > 1:
            problems.append(
                Problem(
                    "completeness-required",
                    doc.file,
                    doc.line(("releases", i)),
                    f"releases[{i}].completeness",
                    {"allowed": ", ".join(product.completeness)},
                )
            )
        elif rule.completeness is not None and rule.completeness not in product.completeness:
            path = ("releases", i, "completeness")
            problems.append(
                Problem(
                    "bad-value",
                    doc.file,
                    doc.line(path),
                    field_path(path),
                    {"value": repr(rule.completeness), "allowed": ", ".join(product.completeness)},
                )
            )
        _check_only(rule, ("releases", i), doc, problems)
    if product.access == "on-request" and product.obtain is None:
        problems.append(Problem("obtain-required", doc.file, doc.line(("access",)), "obtain"))


# How many periods of each kind a year has: what a rule's 'only' may pick from.
_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "nine-months": 1, "year": 1}


def _check_only(rule: ReleaseRule, at: tuple[str | int, ...], doc: Document,
                problems: list[Problem]) -> None:
    """A rule's ``only`` names periods its kind has: halves 1-2, quarters 1-4, months
    1-12; a yearly or nine-month rule has one period a year, nothing to pick."""
    if rule.only is None:
        return
    kind = PERIOD_KINDS[rule.period]
    high = _PER_YEAR[rule.period]
    if high == 1:
        path = (*at, "only")
        problems.append(Problem("only-whole-year", doc.file, doc.line(path), field_path(path),
                                {"kind": kind}))
        return
    for j, number in enumerate(rule.only):
        if not 1 <= number <= high:
            path = (*at, "only", j)
            problems.append(Problem("only-out-of-range", doc.file, doc.line(path),
                                    field_path(path), {"value": number, "kind": kind,
                                                       "high": high}))


@dataclass(frozen=True)
class _Entry(typing.Generic[_M]):
    """A validated model with the file it came from and its path inside that file."""

    item: _M
    doc: Document
    prefix: tuple[str | int, ...] = ()

    def line(self, *path: str | int) -> int | None:
        return self.doc.line((*self.prefix, *path))

    def field(self, *path: str | int) -> str:
        return field_path((*self.prefix, *path))


def _load_list(doc: Document | None, model: type[_M], problems: list[Problem]) -> list[_Entry[_M]]:
    """Validate a file holding a list of entries; each entry is checked on its own."""
    if doc is None:
        return []
    if not isinstance(doc.data, list):
        problems.append(
            Problem(
                "wrong-type",
                doc.file,
                doc.line(()),
                "",
                {"value": show(doc.data), "expected": EXPECTED["list_type"]},
            )
        )
        return []
    out = []
    for i, data in enumerate(doc.data):
        item = validate(model, doc, problems, (i,), data)
        if item is not None:
            out.append(_Entry(item, doc, (i,)))
    return out


def _check_unique(entries: Sequence[_Entry[Any]], problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.item.id in seen:
            problems.append(
                Problem(
                    "duplicate-id",
                    entry.doc.file,
                    entry.line("id"),
                    entry.field("id"),
                    {"value": entry.item.id, "other": seen[entry.item.id]},
                )
            )
        else:
            seen[entry.item.id] = f"{entry.doc.file}:{entry.line('id')}"


def _texts(obj: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), (*path, name))
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from _texts(item, (*path, i))


def text_languages(item: Any, languages: Sequence[str]) -> Sequence[str]:
    """The languages ``item``'s texts must be in: a product's own (``language``) among
    the site's, a product in Vietnamese only needs no English; anything else, the site's.
    A product's datasets and release notes keep the site's: their downloads, feeds and
    exchange files carry each language's labels."""
    if isinstance(item, Product):
        return [lang for lang in languages if lang in item.language] or languages
    return languages


def _check_text(
    text: Text,
    path: tuple[str | int, ...],
    doc: Document,
    languages: Sequence[str],
    problems: list[Problem],
) -> None:
    for lang in languages:
        value = getattr(text, lang)
        where = (*path, lang)
        if value is None:
            problems.append(
                Problem(
                    "missing-translation",
                    doc.file,
                    doc.line(path),
                    field_path(path),
                    {"lang": lang, "allowed": ", ".join(languages)},
                )
            )
        elif not value.strip():
            problems.append(Problem("empty-text", doc.file, doc.line(where), field_path(where)))
