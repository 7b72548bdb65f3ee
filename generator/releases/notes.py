"""Release notes: what staff add to a release (main points, documents, corrections), and
what of it may be shown as of a moment.

The rule is the embargo's: nothing of a note is public before its release is, nothing of
a cancelled release ever is, and a correction only from the moment it is announced.
Every output (pages, the changes list, the Atom feed, the documents copied into the site,
the verification) asks this module, so that the rule is written once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.catalog.load import Attachment, Catalog, Correction, ReleaseNote, note_product
from generator.catalog.yamlsource import Document
from generator.problems import Problem, field_path
from generator.releases.plan import Release, Schedule, aware

SHOWN_RELEASES = 12  # release identifiers a message lists, in calendar order


def document_address(release_id: str, attached: Attachment) -> str:
    """Where a document is published: beside its release's page, under its own name.

    >>> document_address("cpi/2026-10", Attachment(file="documents/x.pdf", title={"vi": "x"}))
    'releases/cpi/2026-10/x.pdf'
    """
    return f"releases/{release_id}/{PurePosixPath(attached.file).name}"


@dataclass(frozen=True)
class Notice:
    """A correction as shown: its release and its announcement in the office's zone."""

    release: Release
    correction: Correction
    announced: dt.datetime

    @property
    def anchor(self) -> str:
        """The id of the notice on its release's page (and of its Atom entry)."""
        return f"correction-{self.announced:%Y%m%dT%H%M%S}"


def corrections(note: ReleaseNote | None, release: Release) -> list[Notice]:
    """The corrections of ``release`` announced by now, newest first: none before the
    release is public."""
    if note is None or not release.is_public or release.now is None:
        return []
    notices = [Notice(release, c, aware(c.announced, release.zone)) for c in note.corrections]
    return sorted((n for n in notices if n.announced <= release.now),
                  key=lambda n: n.announced, reverse=True)


def main_points(note: ReleaseNote | None, release: Release) -> ReleaseNote | None:
    """The note, when its release is public and has main points; else None."""
    if note is None or note.main_points is None or not release.is_public:
        return None
    return note


def documents(note: ReleaseNote | None, release: Release) -> list[Attachment]:
    """The documents of ``release`` that are published now: all of them once it is
    public, none before, none of a cancelled release."""
    if note is None or not release.is_public:
        return []
    return list(note.documents)


def all_corrections(catalog: Catalog, schedule: Schedule) -> list[Notice]:
    """Every correction shown as of the schedule's moment, newest first."""
    out: list[Notice] = []
    for note in catalog.notes:
        release = schedule.by_id.get(note.release)
        if release is not None:
            out += corrections(note, release)
    return sorted(out, key=lambda n: (n.announced, n.release.id), reverse=True)


def withheld(catalog: Catalog, schedule: Schedule) -> list[tuple[str, str, Attachment]]:
    """The documents that must not be in the site as of the schedule's moment: those of
    every release not public (release id, address, document). ``catalog`` is the full
    one: a restricted product's documents are withheld for ever."""
    out: list[tuple[str, str, Attachment]] = []
    for note in catalog.notes:
        release = schedule.by_id.get(note.release)
        restricted = catalog.product(note_product(note.release)).access == "restricted"
        if restricted or release is None or not release.is_public:
            out += [(note.release, document_address(note.release, d), d)
                    for d in note.documents]
    return out


def note_problems(catalog: Catalog, schedule: Schedule) -> list[Problem]:
    """What only the planned calendar can tell of the notes: a release that does not
    exist, a correction announced before its release's time."""
    problems: list[Problem] = []
    for note in catalog.notes:
        doc = catalog.note_docs.get(note.release)
        file = doc.file if doc else "catalog/releases"

        def problem(code: str, where: tuple[str | int, ...], doc: Document | None = doc,
                    file: str = file, **params: object) -> None:
            line = doc.line(where) if doc else None
            problems.append(Problem(code, file, line, field_path(where), params))

        release = schedule.by_id.get(note.release)
        if release is None:
            product = note_product(note.release)
            known = [r.id for r in schedule.of_product(product)]
            shown = ", ".join(known[:SHOWN_RELEASES]) + (" …" if len(known) > SHOWN_RELEASES
                                                         else "")
            problem("unknown-release-note", ("release",), value=note.release, product=product,
                    allowed=shown or "-")
            continue
        moment = release.moment
        for i, correction in enumerate(note.corrections):
            announced = aware(correction.announced, release.zone)
            if moment is None or announced < moment:
                problem("correction-before-release", ("corrections", i, "announced"),
                        value=f"{announced:%Y-%m-%d %H:%M}",
                        release=f"{moment:%Y-%m-%d %H:%M}" if moment else "-")
    return problems


def neighbours(schedule: Schedule, release: Release) -> tuple[Release | None, Release | None]:
    """The product's release before and after ``release`` in the calendar, cancelled
    ones skipped (the next one may be still to come)."""
    mine = [r for r in schedule.of_product(release.product.id)
            if not r.cancelled or r.id == release.id]
    at = next(i for i, r in enumerate(mine) if r.id == release.id)
    before = mine[at - 1] if at > 0 else None
    after = mine[at + 1] if at + 1 < len(mine) else None
    return before, after
