"""The notices of an approved calendar's adjustments: one document per adjustment.

Decision 34 asks that every adjustment be notified to users: each is a notice "Về việc
điều chỉnh Lịch phổ biến thông tin thống kê năm 2027" saying which release, what changes
(moved, cancelled, added), from when to when, and why. Notices are numbered in the order
the adjustments were announced, and dated on their announcement; their own number is left
to fill in (the office's register gives it). Like the annex, they come from the public
calendar: no restricted product.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.annex import heading as heading_mod
from generator.annex.table import when
from generator.catalog.load import Calendar, Catalog
from generator.releases.plan import Change, plan
from generator.words.staff import ANNEX, ANNEX_ITEMS, ANNEX_KINDS, ANNEX_RECIPIENTS


@dataclass(frozen=True)
class Notice:
    """One adjustment as its notice says it, in one language."""

    number: int  # 1, 2 … in the order of announcement: the file's NN
    release: str  # the release's identifier
    kind: str  # moved, cancelled, added
    announced: dt.datetime
    heading: heading_mod.Heading
    title: str  # THÔNG BÁO
    subject: str
    grounds: str
    items: list[str]  # "Sản phẩm: …", "Nội dung điều chỉnh: …", … "Lý do: …"
    closing: str
    recipients_title: str  # Nơi nhận:
    recipients: list[str]
    signer: str  # the signing title, in capitals


def changes(catalog: Catalog, year: int) -> list[Change]:
    """The adjustments to ``year``'s calendar, oldest first, each as applied."""
    schedule = plan(catalog.public())
    mine = [c for c in schedule.changes if c.calendar_year == year]
    return sorted(mine, key=lambda c: (c.announced, c.release_id))


def notices(catalog: Catalog, calendar: Calendar, lang: str) -> list[Notice]:
    """One notice per adjustment of an approved calendar; a draft has none (it is still
    edited as it is)."""
    if calendar.status != "approved" or calendar.approval is None:
        return []
    return [_notice(catalog, calendar, change, number, lang)
            for number, change in enumerate(changes(catalog, calendar.year), start=1)]


def _notice(catalog: Catalog, calendar: Calendar, change: Change, number: int,
            lang: str) -> Notice:
    assert calendar.approval is not None
    office = catalog.site.office
    release = plan(catalog.public()).by_id[change.release_id]
    words = ANNEX_ITEMS
    items = [words["product"][lang].format(value=release.label(lang)),
             words["change"][lang].format(value=ANNEX_KINDS[change.kind][lang])]
    if change.kind == "added":
        assert change.after is not None
        items.append(words["added"][lang].format(value=when(change.after, lang)))
    else:
        assert change.before is not None
        items.append(words["before"][lang].format(value=when(change.before, lang)))
        if change.after is not None:
            items.append(words["after"][lang].format(value=when(change.after, lang)))
    items.append(words["unit"][lang].format(
        value=catalog.unit(release.product.unit).name.get(lang)))
    items.append(words["reason"][lang].format(value=change.reason.get(lang)))
    name = office.name.get(lang)
    approver = calendar.approval.approver.get(lang)
    approval = dict(decision=calendar.approval.decision, year=calendar.year, office=name,
                    date=heading_mod.in_words(calendar.approval.date, lang),
                    approver=approver[:1].lower() + approver[1:] if lang == "en" else approver)
    local = change.announced.astimezone(catalog.site.zone)
    return Notice(
        number=number,
        release=release.id,
        kind=change.kind,
        announced=local,
        heading=heading_mod.heading(office, lang, heading_mod.NOTICE, None, local.date(),
                                    calendar=calendar),
        title=ANNEX["notice"][lang],
        subject=ANNEX["subject"][lang].format(year=calendar.year),
        grounds=ANNEX["grounds"][lang].format(**approval),
        items=[f"{i}. {item}" for i, item in enumerate(items, start=1)],
        closing=ANNEX["closing"][lang].format(office=name),
        recipients_title=ANNEX["recipients"][lang],
        recipients=[line.format(office=name) for line in ANNEX_RECIPIENTS[lang]],
        signer=_signer(approver, name),
    )


def _signer(approver: str, office: str) -> str:
    """The signing title in capitals, without the office the heading already names:
    "Cục trưởng Cục Thống kê tỉnh Lạng Sơn" signs as CỤC TRƯỞNG.

    >>> _signer("Cục trưởng Cục Thống kê tỉnh Lạng Sơn", "Cục Thống kê tỉnh Lạng Sơn")
    'CỤC TRƯỞNG'
    >>> _signer("Director of the Lạng Sơn Office", "Lạng Sơn Office")
    'DIRECTOR'
    """
    title = approver
    for tail in (f" of the {office}", f" of {office}", f" {office}"):
        if approver.lower().endswith(tail.lower()) and len(approver) > len(tail):
            title = approver[: -len(tail)]
            break
    return title.strip().upper()
