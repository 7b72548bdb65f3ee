"""Feeds: the release calendar as iCalendar (for calendar apps) and Atom (for readers).

iCalendar is written by the ``icalendar`` package, which escapes TEXT values and folds
lines at 75 octets without splitting a UTF-8 letter; we never build lines by hand. Each
event is serialised once per language and its bytes reused by every feed that carries
it (all, per audience, per product): serialising is the expensive part.

One VEVENT per release, never RRULE (clients expand rules differently). UIDs are the
release identifiers, so an event keeps its UID when it moves; SEQUENCE counts the
adjustments; DTSTAMP and LAST-MODIFIED are the catalog's own change times, so the same
catalog gives byte-identical feeds.

With a ``FeedCache``, a feed whose every event is unchanged since the last build is taken
from the cache instead of being serialised again: after one product is edited, only the
feeds that carry it (its own, its audiences', the whole calendar) are rebuilt.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import icalendar

from generator import i18n
from generator.catalog.load import Catalog
from generator.clock import Clock
from generator.releases import notes
from generator.releases.plan import Change, Release, Schedule, Timing, calendar_date
from generator.words import site as words_site
from generator.words.site import FEED as WORDS
from generator.words.site import FEED_MARKERS as MARKERS

WINDOW = dt.timedelta(days=365)  # the past kept in feeds: well under Google's ~1 MB limit
MARKER_DAYS = dt.timedelta(days=30)  # how long a moved or cancelled event is flagged
REFRESH = dt.timedelta(hours=1)
ATOM = "http://www.w3.org/2005/Atom"



class FeedCache:
    """Feed files of earlier builds, each under a digest of everything it carries, and
    the events they hold, each under a digest of its own.

    A feed that carries an edited product is rebuilt, but only that product's events are
    serialised again: the others come from ``events.bin``. Entries not used by the latest
    build are removed by ``prune``, so the folder holds one build's feeds (replacements
    are written beside them, never over them).
    """

    EVENTS = "events.bin"  # records: 32-byte key, 4-byte length, the VEVENT's bytes

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[Path] = set()
        self.rebuilt: list[str] = []  # feed paths serialised by this build
        self.files: dict[str, Path] = {}  # feed path → its file in the cache
        self.events = self._read_events()
        self.wanted: set[bytes] = set()  # event keys of this build's feeds
        self.serialised = 0  # events serialised by this build, not taken from the cache

    def _read_events(self) -> dict[bytes, bytes]:
        events: dict[bytes, bytes] = {}
        path = self.folder / self.EVENTS
        data = path.read_bytes() if path.is_file() else b""
        at = 0
        while at + 36 <= len(data):
            key, size = data[at:at + 32], int.from_bytes(data[at + 32:at + 36], "big")
            events[key] = data[at + 36:at + 36 + size]
            at += 36 + size
        return events

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.ics"

    def get(self, feed: str, key: str) -> bytes | None:
        path = self.path(key)
        if not path.is_file():
            return None
        self.used.add(path)
        self.files[feed] = path
        return path.read_bytes()

    def put(self, feed: str, key: str, data: bytes) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        os.replace(partial, path)
        self.used.add(path)
        self.files[feed] = path
        self.rebuilt.append(feed)

    def prune(self) -> None:
        for path in self.folder.glob("*/*.ics"):
            if path not in self.used:
                path.unlink()
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / (self.EVENTS + ".partial")
        with partial.open("wb") as out:
            for key in sorted(self.wanted & self.events.keys()):
                data = self.events[key]
                out.write(key + len(data).to_bytes(4, "big") + data)
        os.replace(partial, self.folder / self.EVENTS)


# The code that writes a feed, and its words, are inputs: a change to them rebuilds every
# feed.
_CODE = hashlib.sha256(
    b"".join(Path(m).read_bytes() for m in (__file__, i18n.__file__ or "", words_site.__file__))
).digest()


class FeedWriter:
    """Writes every feed of one language."""

    def __init__(
        self,
        catalog: Catalog,
        schedule: Schedule,
        clock: Clock,
        site_url: str,
        lang: str,
        cache: FeedCache | None = None,
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
        self.cache = cache
        self._products: dict[str, bytes] = {}
        self._fingerprints: dict[str, bytes] = {}
        context = [lang, self.site_url, catalog.site.model_dump_json(),
                   *(a.model_dump_json() for a in catalog.audiences),
                   *(u.model_dump_json() for u in catalog.units)]
        self._context = hashlib.sha256(_CODE + "\0".join(context).encode()).digest()
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
        by_product: dict[str, list[Release]] = {}
        for r in releases:
            by_product.setdefault(r.product.id, []).append(r)
        feeds = [("calendar/all.ics", releases, i18n.t("feed_all", self.lang))]
        for audience in cat.audiences:
            feeds.append((f"calendar/audiences/{audience.id}.ics",
                          [r for r in releases if audience.id in r.product.audiences],
                          audience.name.get(self.lang)))
        for product in cat.products:
            feeds.append((f"calendar/products/{product.id}.ics",
                          by_product.get(product.id, []), product.name.get(self.lang)))
        files: dict[str, bytes] = {}
        for path, chosen, scope in feeds:
            files[self.prefix + path] = self.ics(chosen, scope, office, self.prefix + path)
        return files

    def event_files(self) -> dict[str, bytes]:
        """Each release as a calendar of its own, ``releases/<release>/event.ics`` (the
        "Add to calendar" of its page): the very VEVENT bytes the feeds carry, so that its
        UID, SEQUENCE, times and status never disagree with theirs. Cached as the feeds
        are: its calendar's heading, named after the release, cost more than its event
        (a national catalog has tens of thousands)."""
        office = self.catalog.site.office.name.get(self.lang)
        files = {}
        for r in self.schedule.releases:
            path = f"{self.prefix}releases/{r.id}/event.ics"
            files[path] = self.ics([r], r.label(self.lang), office, path)
        return files

    def ics(self, releases: list[Release], scope: str, office: str, feed: str = "") -> bytes:
        key = ""
        if self.cache is not None:
            # The heading below is made of the writer's context (language, the office,
            # its zone, the code) and ``scope``; the events, of their fingerprints.
            digest = hashlib.sha256(self._context + scope.encode() + b"\0")
            for release in releases:
                digest.update(self.fingerprint(release))
            key = digest.hexdigest()
            known = self.cache.get(feed, key)
            if known is not None:
                return known
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
        data = head[: -len(end)] + bytes(self._timezone) + body + end
        if self.cache is not None:
            self.cache.put(feed, key, data)
        return data

    def fingerprint(self, release: Release) -> bytes:
        """Everything ``event`` writes for ``release``, cheaply: when it is unchanged, so
        are the event's bytes. The marker is in it because it depends on the clock. The
        writer's context (language, address, code) is in it too: it keys the event store."""
        known = self._fingerprints.get(release.id)
        if known is not None:
            return known
        product = self._products.get(release.product.id)
        if product is None:
            product = hashlib.sha256(release.product.model_dump_json().encode()).digest()
            self._products[release.product.id] = product
        state = repr((release.id, release.period_id, release.completeness, release.timing,
                      release.changes, release.title, release.modified, self.ics_status(release),
                      self.marker(release), release.calendar.year))
        digest = hashlib.sha256(self._context + product + state.encode()).digest()
        self._fingerprints[release.id] = digest
        if self.cache is not None:
            self.cache.wanted.add(digest)
        return digest

    def event(self, release: Release) -> bytes:
        """The VEVENT of one release, serialised once and reused by every feed."""
        cached = self._events.get(release.id)
        if cached is not None:
            return cached
        if self.cache is not None:
            stored = self.cache.events.get(self.fingerprint(release))
            if stored is not None:
                self._events[release.id] = stored
                return stored
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
        if self.cache is not None:
            self.cache.events[self.fingerprint(release)] = data
            self.cache.serialised += 1
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
        return i18n.format_when(timing.date, timing.time, timing.month, self.lang,
                                zone=self.catalog.site.zone)

    def description(self, release: Release, more: str = "") -> str:
        """The event's text; ``more`` (the Atom entry's main points) before its address."""
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
        if more:
            lines.append(more)
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
            for notice in notes.corrections(self.catalog.note(release.id), release):
                if notice.announced >= self.now - WINDOW:
                    anchor = f"{self.release_url(release)}#{notice.anchor}"
                    fill = functools.partial(self.correction_entry, notice=notice)
                    entries.append((notice.announced, anchor, fill))
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
        note = notes.main_points(self.catalog.note(release.id), release)
        more = ""
        if note is not None and note.main_points is not None:
            more = self.text("main_points", text=note.main_points.get(self.lang).strip())
        self._sub(entry, "summary", self.description(release, more))

    def correction_entry(self, entry: ET.Element, notice: notes.Notice) -> None:
        release = notice.release
        self._sub(entry, "title", MARKERS["correction"][self.lang] + release.label(self.lang))
        href = f"{self.release_url(release)}#{notice.anchor}"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=href)
        correction = notice.correction
        self._sub(entry, "summary", self.text("correction", wrong=correction.wrong.get(self.lang),
                                              changed=correction.changed.get(self.lang)))

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
    catalog: Catalog,
    schedule: Schedule,
    clock: Clock,
    site_url: str,
    cache: FeedCache | None = None,
) -> dict[str, bytes]:
    """Every feed file of the site: path (with language prefix) → bytes."""
    files: dict[str, bytes] = {}
    for lang in catalog.site.languages:
        writer = FeedWriter(catalog, schedule, clock, site_url, lang, cache)
        files.update(writer.ics_files())
        files.update(writer.event_files())
        files[writer.prefix + "feed.xml"] = writer.atom()
    if cache is not None:
        cache.prune()
    return files
