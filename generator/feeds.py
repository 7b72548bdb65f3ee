"""Feeds: the release calendar as iCalendar (for calendar apps) and Atom (for readers).

iCalendar is written by the ``icalendar`` package, which escapes TEXT values and folds
lines at 75 octets without splitting a UTF-8 letter; we never build lines by hand. Each
event is serialised once per language and its bytes reused by every feed that carries
it (all, per audience, per product): serialising is the expensive part.

One VEVENT per release, never RRULE (clients expand rules differently). UIDs are the
release identifiers, so an event keeps its UID when it moves; SEQUENCE counts the
adjustments; DTSTAMP and LAST-MODIFIED are the catalog's own change times, so the same
catalog gives byte-identical feeds.
"""

from __future__ import annotations

import datetime as dt
import functools
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from urllib.parse import urlparse

import icalendar

from . import i18n
from .catalog import Catalog
from .clock import Clock
from .releases import Change, Release, Schedule, Timing, calendar_date

WINDOW = dt.timedelta(days=365)  # the past kept in feeds: well under Google's ~1 MB limit
MARKER_DAYS = dt.timedelta(days=30)  # how long a moved or cancelled event is flagged
REFRESH = dt.timedelta(hours=1)
ATOM = "http://www.w3.org/2005/Atom"

MARKERS = {
    "cancelled": {"vi": "[ĐÃ HỦY] ", "en": "[CANCELLED] "},
    "moved": {"vi": "[ĐÃ DỜI LỊCH] ", "en": "[RESCHEDULED] "},
    "provisional": {"vi": "[DỰ KIẾN] ", "en": "[PROVISIONAL] "},
}
WORDS = {
    "moved": {
        "vi": "Dời lịch: từ {before} sang {after}. Lý do: {reason}",
        "en": "Rescheduled from {before} to {after}. Reason: {reason}",
    },
    "cancelled": {
        "vi": "Đã hủy (dự kiến {before}). Lý do: {reason}",
        "en": "Cancelled (was {before}). Reason: {reason}",
    },
    "added": {
        "vi": "Bổ sung vào lịch. Lý do: {reason}",
        "en": "Added to the calendar. Reason: {reason}",
    },
    "calname": {
        "vi": "Lịch phổ biến thông tin thống kê - {office}",
        "en": "Statistical release calendar - {office}",
    },
    "caldesc": {
        "vi": "Lịch phổ biến thông tin thống kê của {office}: {scope}.",
        "en": "Release calendar of the {office}: {scope}.",
    },
}


class FeedWriter:
    """Writes every feed of one language."""

    def __init__(
        self, catalog: Catalog, schedule: Schedule, clock: Clock, site_url: str, lang: str
    ) -> None:
        self.catalog = catalog
        self.schedule = schedule
        self.now = clock.now
        self.lang = lang
        self.site_url = site_url.rstrip("/") + "/"
        self.host = urlparse(self.site_url).hostname or "localhost"
        self.prefix = "" if lang == catalog.site.default_language else f"{lang}/"
        self.zone = catalog.site.zone
        self._events: dict[str, bytes] = {}
        self._timezone = icalendar.Timezone.from_tzid(
            catalog.site.timezone,
            first_date=dt.date(2000, 1, 1),
            last_date=dt.date(2100, 1, 1),
        ).to_ical()
        assert isinstance(self._timezone, bytes)

    def text(self, key: str, **params: str) -> str:
        return WORDS[key][self.lang].format(**params)

    def in_window(self, release: Release) -> bool:
        start = release.moment or dt.datetime.combine(
            release.timing.sort_key()[0], dt.time(0, 0), tzinfo=self.zone
        )
        return start >= self.now - WINDOW

    # --- iCalendar ---------------------------------------------------------------------

    def ics_files(self) -> dict[str, bytes]:
        """Every .ics file of this language: all, per audience, per product."""
        cat = self.catalog
        office = cat.site.office.name.get(self.lang)
        releases = [r for r in self.schedule.releases if self.in_window(r)]
        files = {
            "calendar/all.ics": self.ics(releases, i18n.t("feed_all", self.lang), office),
        }
        for audience in cat.audiences:
            files[f"calendar/audiences/{audience.id}.ics"] = self.ics(
                [r for r in releases if audience.id in r.product.audiences],
                audience.name.get(self.lang),
                office,
            )
        for product in cat.products:
            files[f"calendar/products/{product.id}.ics"] = self.ics(
                [r for r in releases if r.product.id == product.id],
                product.name.get(self.lang),
                office,
            )
        return {self.prefix + path: data for path, data in files.items()}

    def ics(self, releases: Iterable[Release], scope: str, office: str) -> bytes:
        cal = icalendar.Calendar()
        cal.add("prodid", "-//phobien//release calendar//" + self.lang.upper())
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        # icalendar writes these three as they are: a line break in the office's name or
        # an audience's would end the line and break the file. One line each.
        name = " ".join(f"{self.text('calname', office=office)}: {scope}".split())
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("x-wr-caldesc", " ".join(self.text("caldesc", office=office, scope=scope).split()))
        cal.add("x-wr-timezone", self.catalog.site.timezone)
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
        head = bytes(cal.to_ical())
        end = b"END:VCALENDAR\r\n"
        assert head.endswith(end)
        body = b"".join(self.event(r) for r in releases)
        return head[: -len(end)] + bytes(self._timezone) + body + end

    def event(self, release: Release) -> bytes:
        """The VEVENT of one release, serialised once and reused by every feed."""
        cached = self._events.get(release.id)
        if cached is not None:
            return cached
        event = icalendar.Event()
        event.add("uid", f"{release.id}@{self.host}")
        stamp = release.modified.astimezone(dt.UTC)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", release.sequence)
        event.add("status", self.ics_status(release))
        event.add("summary", self.marker(release) + release.label(self.lang))
        event.add("description", self.description(release))
        event.add("url", self.release_url(release))
        event.add(
            "categories",
            [
                i18n.value_label("completeness", release.completeness, self.lang),
                *(self.catalog.audience(a).name.get(self.lang) for a in release.product.audiences),
            ],
        )
        event.add("transp", "TRANSPARENT")  # a release does not make anyone busy
        timing = release.timing
        if timing.date is not None and timing.time is not None:
            start = dt.datetime.combine(timing.date, timing.time, tzinfo=self.zone)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(hours=1))
        elif timing.date is not None:
            event.add("dtstart", timing.date)
            event.add("dtend", timing.date + dt.timedelta(days=1))  # exclusive end
        else:
            first = timing.sort_key()[0]
            after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            event.add("dtstart", first)
            event.add("dtend", after)
        data = bytes(event.to_ical())
        self._events[release.id] = data
        return data

    def ics_status(self, release: Release) -> str:
        if release.cancelled:
            return "CANCELLED"
        if release.status == "provisional":
            return "TENTATIVE"
        return "CONFIRMED"

    def marker(self, release: Release) -> str:
        """A short flag for a recent change: Google drops cancelled events, Apple strikes
        them through; either way readers see the news in the title for a while."""
        latest = release.changes[-1] if release.changes else None
        if (
            latest is not None
            and latest.kind != "added"
            and (self.now - latest.announced <= MARKER_DAYS)
        ):
            return MARKERS["cancelled" if release.cancelled else "moved"][self.lang]
        if release.timing.kind == "month":
            return MARKERS["provisional"][self.lang]
        return ""

    def when(self, timing: Timing | None) -> str:
        if timing is None:
            return ""
        return i18n.format_when(timing.date, timing.time, timing.month, self.lang)

    def description(self, release: Release) -> str:
        lang = self.lang
        unit = self.catalog.unit(release.product.unit).name.get(lang)
        lines = [
            release.label(self.lang),
            f"{i18n.t('col_when', lang)}: {self.when(release.timing)}",
            f"{i18n.t('field_form', lang)}: "
            + ", ".join(i18n.value_label("form", f, lang) for f in release.product.form),
            f"{i18n.t('field_unit', lang)}: {unit}",
        ]
        for change in reversed(release.changes):
            lines.append(
                self.text(
                    change.kind,
                    before=self.when(change.before),
                    after=self.when(change.after),
                    reason=change.reason.get(lang),
                )
            )
        lines.append(self.release_url(release))
        return "\n".join(lines)

    def release_url(self, release: Release) -> str:
        return f"{self.site_url}{self.prefix}releases/{release.id}/"

    # --- Atom --------------------------------------------------------------------------

    def atom(self) -> bytes:
        """Releases as they become public and adjustments as they are announced."""
        ET.register_namespace("", ATOM)
        entries: list[tuple[dt.datetime, str, Callable[[ET.Element], None]]] = []
        for release in self.schedule.releases:
            moment = release.moment
            if release.is_public and moment is not None and moment >= self.now - WINDOW:
                fill: Callable[[ET.Element], None] = functools.partial(
                    self.release_entry, release=release
                )
                entries.append((moment, self.release_url(release), fill))
            for change in release.changes:
                if self.now - WINDOW <= change.announced <= self.now:
                    anchor = f"{self.release_url(release)}#change-{change.announced:%Y%m%dT%H%M%S}"
                    fill = functools.partial(self.change_entry, release=release, change=change)
                    entries.append((change.announced, anchor, fill))
        entries.sort(key=lambda x: (x[0], x[1]), reverse=True)
        feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": self.lang})
        office = self.catalog.site.office.name.get(self.lang)
        self._sub(feed, "id", f"{self.site_url}{self.prefix}feed.xml")
        self._sub(feed, "title", self.text("calname", office=office))
        updated = (
            entries[0][0]
            if entries
            else max(
                (calendar_date(c, self.zone) for c in self.catalog.calendars),
                default=self.now,
            )
        )
        self._sub(feed, "updated", updated.isoformat())
        ET.SubElement(
            feed, f"{{{ATOM}}}link", rel="self", href=f"{self.site_url}{self.prefix}feed.xml"
        )
        ET.SubElement(
            feed, f"{{{ATOM}}}link", rel="alternate", href=f"{self.site_url}{self.prefix}calendar/"
        )
        author = ET.SubElement(feed, f"{{{ATOM}}}author")
        self._sub(author, "name", office)
        for when, entry_id, fill in entries:
            entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
            self._sub(entry, "id", entry_id)
            self._sub(entry, "updated", when.isoformat())
            fill(entry)
        ET.indent(feed)
        return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"

    def release_entry(self, entry: ET.Element, release: Release) -> None:
        self._sub(entry, "title", release.label(self.lang))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=self.release_url(release))
        self._sub(entry, "summary", self.description(release))

    def change_entry(self, entry: ET.Element, release: Release, change: Change) -> None:
        kind = change.kind
        prefix = {
            "moved": MARKERS["moved"],
            "cancelled": MARKERS["cancelled"],
            "added": {"vi": "[BỔ SUNG] ", "en": "[ADDED] "},
        }[kind][self.lang]
        self._sub(entry, "title", prefix + release.label(self.lang))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=self.release_url(release))
        self._sub(
            entry,
            "summary",
            self.text(
                kind,
                before=self.when(change.before),
                after=self.when(change.after),
                reason=change.reason.get(self.lang),
            ),
        )

    @staticmethod
    def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
        element.text = text
        return element


def write_feeds(
    catalog: Catalog, schedule: Schedule, clock: Clock, site_url: str
) -> dict[str, bytes]:
    """Every feed file of the site: path (with language prefix) → bytes."""
    files: dict[str, bytes] = {}
    for lang in catalog.site.languages:
        writer = FeedWriter(catalog, schedule, clock, site_url, lang)
        files.update(writer.ics_files())
        files[writer.prefix + "feed.xml"] = writer.atom()
    return files
