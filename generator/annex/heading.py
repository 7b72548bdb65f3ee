"""The heading of the office's administrative documents, as Decree 30/2020/NĐ-CP sets it out:
the body above the office and the office on the left, the nation and its motto on the
right, then the document's number and its place and date.

While the calendar is a draft the number and the date are blanks to fill in by hand; once
it is approved they come from its ``approval``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator import i18n
from generator.catalog.model import Calendar, Office
from generator.words.staff import ANNEX

# The kinds of document and their abbreviations in a number (Decree 30, appendix III).
DECISION, NOTICE = "QĐ", "TB"


@dataclass(frozen=True)
class Heading:
    """The texts of a document's heading, in one language."""

    parent: str | None  # the body above the office, in capitals
    office: str  # the office, in capitals (bold)
    nation: str
    motto: str
    number: str  # "Số: 215/QĐ-CTK", or "Số: ……/QĐ-CTK" to fill in
    dated: str  # "Lạng Sơn, ngày 20 tháng 11 năm 2026", or blanks
    draft: str | None  # "DỰ THẢO" above the heading while the calendar is a draft


def date_parts(day: dt.date) -> tuple[str, str, str]:
    """Day, month and year as a Vietnamese document writes them: a day before the 10th and
    the months January and February with a leading zero (Decree 30, appendix I).

    >>> date_parts(dt.date(2027, 2, 5)), date_parts(dt.date(2026, 11, 20))
    (('05', '02', '2027'), ('20', '11', '2026'))
    >>> date_parts(dt.date(2027, 3, 6))
    ('06', '3', '2027')
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}", month, str(day.year)


def in_words(day: dt.date, lang: str) -> str:
    """A document's date in its text: ``ngày 20 tháng 11 năm 2026``, ``20 November 2026``.

    >>> in_words(dt.date(2026, 11, 20), "vi"), in_words(dt.date(2026, 11, 20), "en")
    ('ngày 20 tháng 11 năm 2026', '20 November 2026')
    """
    if lang != "vi":
        return i18n.format_date(day, lang)
    d, m, y = date_parts(day)
    return f"ngày {d} tháng {m} năm {y}"


def abbreviation(office: Office, calendar: Calendar | None = None) -> str:
    """The office's abbreviation in a document number: ``office.abbreviation``, else the
    one the approving decision's number carries (``215/QĐ-CTK``: CTK), else a blank.

    >>> from generator.catalog.model import Text
    >>> t = Text(vi="x", en="x")
    >>> abbreviation(Office(name=t, short_name=t, description=t))
    '……'
    """
    if office.abbreviation:
        return office.abbreviation
    if calendar is not None and calendar.approval is not None:
        match = re.search(r"/\s*QĐ\s*-\s*(\S+)\s*$", calendar.approval.decision)
        if match:
            return match[1]
    return ANNEX["blank"]["vi"]


def heading(office: Office, lang: str, kind: str, number: str | None,
            day: dt.date | None, draft: bool = False,
            calendar: Calendar | None = None) -> Heading:
    """The heading of a document of ``kind`` (DECISION or NOTICE): ``number`` and ``day``
    given, filled in; either left out, a blank to fill in."""
    blank = ANNEX["blank"][lang]
    place = office.place.get(lang) if office.place is not None else blank
    shown = number or f"{blank}/{kind}-{abbreviation(office, calendar)}"
    if day is None:
        dated = ANNEX["undated"][lang].format(place=place)
    else:
        d, m, y = date_parts(day)
        dated = ANNEX["dated"][lang].format(place=place, day=d, month=m, year=y,
                                            date=i18n.format_date(day, lang))
    return Heading(
        parent=office.parent.get(lang).upper() if office.parent is not None else None,
        office=office.name.get(lang).upper(),
        nation=ANNEX["nation"][lang],
        motto=ANNEX["motto"][lang],
        number=ANNEX["number"][lang].format(number=shown),
        dated=dated,
        draft=ANNEX["draft"][lang] if draft else None,
    )


def decision_heading(office: Office, calendar: Calendar, lang: str) -> Heading:
    """The approving decision's heading, which its annex carries: filled in from
    ``approval`` once the calendar is approved."""
    approval = calendar.approval if calendar.status == "approved" else None
    return heading(office, lang, DECISION, approval.decision if approval else None,
                   approval.date if approval else None, draft=approval is None,
                   calendar=calendar)


def attached(office: Office, calendar: Calendar, lang: str) -> str:
    """``(Kèm theo Quyết định số 215/QĐ-CTK ngày 20 tháng 11 năm 2026 của Cục trưởng …)``;
    blanks while the calendar is a draft."""
    blank = ANNEX["blank"][lang]
    approval = calendar.approval if calendar.status == "approved" else None
    if approval is None:
        decision = f"{blank}/{DECISION}-{abbreviation(office, calendar)}"
        date = ANNEX["undated"][lang].format(place="").removeprefix(", ")
        who = blank
    else:
        decision, date = approval.decision, in_words(approval.date, lang)
        who = approval.approver.get(lang)
        who = who[:1].lower() + who[1:] if lang == "en" else who
    return ANNEX["attached"][lang].format(decision=decision, date=date, approver=who)
