"""The year's release calendar as the annex of its approval decision, and each adjustment
as a notice: ``phobien annex 2027``.

Decision 34 has the head of the office approve the calendar by a signed decision, the
calendar its annex table, and every later adjustment notified to users. These are the
office's own documents (staff-side files, never part of the site), in the national
format of administrative documents. ``table`` and ``notice`` say what they hold, pure
data from the catalog; ``document`` (DOCX) and ``workbook`` (XLSX) lay them out; and
``stable`` makes the same catalog give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.annex import document, heading, notice, table, workbook
from generator.catalog.load import Calendar, Catalog
from generator.releases.plan import calendar_date
from generator.words.staff import ANNEX, ANNEX_COMMAND

STEM = "phu-luc-lich-pho-bien-{year}"
NOTICE_STEM = "thong-bao-dieu-chinh-{year}-{number:02d}"


class NoCalendar(Exception):
    """No calendar for the year asked: said in the staff's language."""

    def __init__(self, year: int, catalog: Catalog) -> None:
        self.year = year
        self.years = sorted(c.year for c in catalog.calendars)
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return ANNEX_COMMAND["no-calendar"][lang].format(
            year=self.year, file=f"catalog/calendars/{self.year}.yml",
            years=", ".join(map(str, self.years)) or "-")


@dataclass(frozen=True)
class Written:
    """What ``write`` wrote, and whether the calendar is still a draft."""

    files: list[Path]
    draft: bool


def calendar_of(catalog: Catalog, year: int) -> Calendar:
    for calendar in catalog.calendars:
        if calendar.year == year:
            return calendar
    raise NoCalendar(year, catalog)


def names(year: int, lang: str, notices: int = 0) -> list[str]:
    """The files' names: ``phu-luc-lich-pho-bien-2027.docx`` and ``.xlsx``, then
    ``thong-bao-dieu-chinh-2027-01.docx`` for each notice; ``-en`` before the suffix in
    English, so that both languages can share a folder.

    >>> names(2027, "vi", 1)
    ['phu-luc-lich-pho-bien-2027.docx', 'phu-luc-lich-pho-bien-2027.xlsx', \
'thong-bao-dieu-chinh-2027-01.docx']
    """
    tail = "" if lang == "vi" else f"-{lang}"
    stem = STEM.format(year=year) + tail
    out = [f"{stem}.docx", f"{stem}.xlsx"]
    out += [NOTICE_STEM.format(year=year, number=n) + f"{tail}.docx"
            for n in range(1, notices + 1)]
    return out


def write(catalog: Catalog, year: int, out: Path, lang: str) -> Written:
    """Write ``year``'s annex (DOCX and XLSX) and, once approved, one notice per
    adjustment into ``out``; ``catalog`` is the whole, checked catalog."""
    calendar = calendar_of(catalog, year)
    office = catalog.site.office
    head = heading.decision_heading(office, calendar, lang)
    titles = [ANNEX["annex"][lang], ANNEX["title"][lang].format(year=year),
              heading.attached(office, calendar, lang)]
    months = table.months(catalog, year, lang)
    note = ANNEX["note"][lang].format(offset=table.offset(catalog, year))
    if not months:
        note = ANNEX["empty"][lang].format(year=year) + " " + note
    columns = table.headers(lang)
    author = office.name.get(lang)
    title = f"{titles[0]} {titles[1]}"
    created = calendar_date(calendar, catalog.site.zone)
    items = notice.notices(catalog, calendar, lang)
    out.mkdir(parents=True, exist_ok=True)
    files = [out / name for name in names(year, lang, len(items))]
    files[0].write_bytes(document.annex(head, titles, columns, months, note, title, author,
                                        lang, created))
    files[1].write_bytes(workbook.annex(head, titles, columns, months, note,
                                        ANNEX["annex"][lang].capitalize(), title, author,
                                        created))
    for path, item in zip(files[2:], items, strict=True):
        path.write_bytes(document.notice(item, f"{item.title} {item.subject}", author, lang))
    return Written(files, calendar.status != "approved")
