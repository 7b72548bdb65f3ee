"""The static API: the catalog and the release calendar as JSON files under ``/api/v1/``.

Newsrooms and bots poll calendars by machine. A static site serves that as files:

- ``index.json``: what the API holds, its version, a link to every file and schema;
- ``products.json``: every product of the public catalog;
- ``releases.json``: every release of the public calendar, and ``releases/<YYYY-MM>.json``
  the releases of one month (by their time as it now stands), so that a poller reads the
  month it watches: a national calendar of 75,000 releases a year is 90 MB in one file,
  45 MB a year, under 4 MB a month;
- ``changes/<YYYY-MM-DD>.json``: what became public or was announced that day (in the
  office's time zone), and ``changes/index.json``, the list of those days.

Each file names its JSON Schema (2020-12) in ``$schema``; the schemas are package data
beside this module (``api_schema/``), shipped under ``/api/v1/schema/`` with their ``$id``
set to the site's address. Texts are objects with one key per site language it is
written in (a product in Vietnamese only has its "vi" alone).

What is written is the public view and nothing more: the catalog handed over is the public
one (no restricted product), releases not yet public say when they are due and never link
a dataset, and a day's changes exist only for the days up to the build's clock. Files are
dated by the newest public release or announced adjustment, never by the build time, so a
rebuild gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from generator.catalog.load import Catalog, Product, Text
from generator.i18n import value_label
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.releases.plan import Change, Release, Schedule, Timing
from generator.words.site import API as WORDS

VERSION = "1"
ROOT = "api/v1/"
SCHEMA_DIR = "api_schema"
# Each kind of file and its schema's name; common.json holds the shapes they share.
KINDS = ("index", "products", "releases", "changes", "day")
SCHEMAS = (*KINDS, "common")
Json = dict[str, Any]


def api_files(catalog: Catalog, schedule: Schedule, built: DatasetBuild,
              site_url: str) -> dict[str, bytes]:
    """Every file of the API: address below the site root → bytes."""
    return _Api(catalog, schedule, built, site_url).files()


def schema_text(name: str) -> str:
    """A shipped schema as the package holds it (``$id`` not yet set)."""
    return (resources.files(__package__ or "generator.outputs") / SCHEMA_DIR /
            f"{name}.json").read_text(encoding="utf-8")


def month_of(release: Release) -> str:
    """The month whose file lists ``release``: that of its time as it now stands."""
    return release.timing.sort_key()[0].strftime("%Y-%m")


def _whole_years(months: set[str]) -> list[str]:
    """Every month of every year that has a release, empty ones too: a month's file must
    not vanish when its only release moves to another month, for a poller keeps reading
    it and the publish refuses to drop an address it served.

    >>> _whole_years({"2026-11", "2027-02"})[:2], len(_whole_years({"2026-11", "2027-02"}))
    (['2026-01', '2026-02'], 24)
    """
    if not months:
        return []
    years = range(int(min(months)[:4]), int(max(months)[:4]) + 1)
    return [f"{year}-{month:02d}" for year in years for month in range(1, 13)]


def _dump(document: Json) -> bytes:
    # Compact: pollers fetch these often. Key order is the order written, which is fixed.
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _day(moment: dt.datetime, zone: dt.tzinfo) -> str:
    return moment.astimezone(zone).date().isoformat()


class _Api:
    def __init__(self, catalog: Catalog, schedule: Schedule, built: DatasetBuild,
                 site_url: str) -> None:
        self.catalog = catalog
        self.schedule = schedule
        self.built = built
        self.url = site_url.rstrip("/") + "/"
        self.languages = list(catalog.site.languages)
        self.default = catalog.site.default_language
        self.zone = catalog.site.zone
        # Only products a reader may see listed: public and on-request. The catalog is the
        # public view already; the filter keeps a wrong caller from leaking a restricted one.
        self.products = [p for p in catalog.products if p.access in ("public", "on-request")]
        listed = {p.id for p in self.products}
        self.releases = [r for r in schedule.releases if r.product.id in listed]
        ids = {r.id for r in self.releases}
        self.changes = [c for c in schedule.changes if c.release_id in ids]
        public = [r.moment for r in self.releases if r.is_public and r.moment]
        announced = [c.announced for c in self.changes]
        # The API's date: the newest thing it reports, not the build's clock.
        newest = max([*public, *announced], default=None)
        self.modified = newest.astimezone(self.zone).isoformat() if newest else None
        self._releases: dict[str, Json] = {}
        self._names: dict[str, Json] = {}

    # --- shared shapes ---------------------------------------------------------------

    def text(self, value: Text | None) -> Json | None:
        """The text in each language it is written in: a product published in Vietnamese
        only has no "en" (the schema asks for one language at least)."""
        if value is None:
            return None
        written: dict[str, Any] = {
            lang: text for lang in self.languages if (text := getattr(value, lang))}
        return written or {str(self.default): value.get(self.default)}

    def words(self, key: str, **params: object) -> Json:
        return {lang: WORDS[key][lang].format(**params) for lang in self.languages}

    def value(self, kind: str, code: str) -> Json:
        return {"id": code,
                "label": {lang: value_label(kind, code, lang) for lang in self.languages}}

    def page(self, path: str) -> Json:
        """An address in each language: ``products/cpi/``, ``en/products/cpi/``."""
        return {lang: self.url + self._prefix(lang) + path for lang in self.languages}

    def _prefix(self, lang: str) -> str:
        return "" if lang == self.default else f"{lang}/"

    def api(self, path: str) -> str:
        return self.url + ROOT + path

    def schema(self, kind: str) -> str:
        return self.api(f"schema/{kind}.json")

    def timing(self, timing: Timing | None) -> Json | None:
        """When, with its precision: a moment with its zone (``2026-12-07T09:00:00+07:00``),
        a date alone (from the start of that day), or only a month (``time`` null)."""
        if timing is None:
            return None
        moment = timing.moment(self.zone)
        precision = {"exact": "minute", "date": "day", "month": "month"}[timing.kind]
        month = timing.date.strftime("%Y-%m") if timing.date else timing.month
        return {"time": moment.isoformat() if moment else None, "precision": precision,
                "date": timing.date.isoformat() if timing.date else None, "month": month}

    def files_of(self, built: Built) -> Json:
        return {d.format: self.url + built.address + d.name for d in built.downloads}

    # --- files ---------------------------------------------------------------------------

    def files(self) -> dict[str, bytes]:
        months = _whole_years({month_of(r) for r in self.releases})
        days = self.days()
        out = {
            ROOT + "index.json": _dump(self.index(months)),
            ROOT + "products.json": _dump(self.head("products") | {
                "products": [self.product(p) for p in self.products]}),
            ROOT + "releases.json": _dump(self.releases_file(self.releases)),
            ROOT + "changes/index.json": _dump(self.head("changes") | {"days": [
                {"date": day, "count": len(entries), "url": self.api(f"changes/{day}.json")}
                for day, entries in sorted(days.items(), reverse=True)]}),
        }
        by_month: dict[str, list[Release]] = {}
        for release in self.releases:
            by_month.setdefault(month_of(release), []).append(release)
        for month in months:
            out[ROOT + f"releases/{month}.json"] = _dump(
                self.releases_file(by_month.get(month, [])))
        for day, entries in days.items():
            out[ROOT + f"changes/{day}.json"] = _dump(
                {"$schema": self.schema("day"), "version": VERSION, "date": day,
                 "changes": entries})
        for name in SCHEMAS:
            schema = json.loads(schema_text(name))
            schema["$id"] = self.schema(name)
            out[ROOT + f"schema/{name}.json"] = (
                json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode()
        return out

    def head(self, kind: str) -> Json:
        return {"$schema": self.schema(kind), "version": VERSION, "modified": self.modified}

    def index(self, months: list[str]) -> Json:
        office = self.catalog.site.office.name
        return self.head("index") | {
            "title": {lang: WORDS["title"][lang].format(office=office.get(lang))
                      for lang in self.languages},
            "languages": self.languages,
            "timezone": self.catalog.site.timezone,
            "files": {
                "products": {"url": self.api("products.json"),
                             "description": self.words("products")},
                "releases": {"url": self.api("releases.json"),
                             "description": self.words("releases")},
                "months": [{"month": month, "url": self.api(f"releases/{month}.json")}
                           for month in months],
                "changes": {"url": self.api("changes/index.json"),
                            "description": self.words("changes")},
            },
            "schemas": {name: self.schema(name) for name in SCHEMAS},
        }

    def product(self, product: Product) -> Json:
        datasets = []
        for dataset_id in self.built.of_product(product.id):
            latest = self.built.latest[dataset_id]
            datasets.append({"id": dataset_id, "title": self.text(latest.dataset.title),
                             "page": self.page(f"datasets/{dataset_id}/"),
                             "files": self.files_of(latest)})
        unit = self.catalog.unit(product.unit)
        return {
            "id": product.id,
            "name": self.text(product.name),
            "description": self.text(product.content),
            "source": self.text(product.source),
            "access": self.value("access", product.access),
            "obtain": self.text(product.obtain),
            "audiences": [{"id": a, "name": self.text(self.catalog.audience(a).name)}
                          for a in product.audiences],
            "topics": [{"id": t, "name": self.text(self.catalog.topic(t).name)}
                       for t in product.topics],
            "unit": {"id": unit.id, "name": self.text(unit.name)},
            "periodic": product.periodic,
            "cycle": self.value("cycle", product.cycle),
            "form": [self.value("form", f) for f in product.form],
            "languages": list(product.language),
            "dissemination": [self.value("dissemination", d) for d in product.dissemination],
            "completeness": [self.value("completeness", c) for c in product.completeness],
            "price": product.price,
            "page": self.page(f"products/{product.id}/"),
            "calendar": self.page(f"calendar/products/{product.id}.ics"),
            "datasets": datasets,
        }

    def releases_file(self, releases: Iterable[Release]) -> Json:
        return self.head("releases") | {"releases": [self.release(r) for r in releases]}

    def release(self, release: Release) -> Json:
        # Each release is in releases.json and in its month's file: made once.
        known = self._releases.get(release.id)
        if known is None:
            known = self._releases[release.id] = self._release(release)
        return known

    def _release(self, release: Release) -> Json:
        # Datasets only once the release is out: before, nothing of its figures exists.
        datasets = [{"id": b.dataset.id, "files": self.files_of(b)}
                    for b in self.built.of_release(release.id)] if release.is_public else []
        return {
            "id": release.id,
            "product": release.product.id,
            "name": self.release_name(release),
            "period": {"id": release.period_id, "label": self.text(release.period)},
            "completeness": self.value("completeness", release.completeness),
            "status": self.value("status", release.status),
            "calendar": release.calendar.year,
            "scheduled": self.timing(release.scheduled),
            "time": self.timing(release.timing),
            "sequence": release.sequence,
            "adjustments": [self.adjustment(c) for c in release.changes],
            "page": self.page(f"releases/{release.id}/"),
            "event": self.page(f"releases/{release.id}/event.ics"),
            "datasets": datasets,
        }

    def adjustment(self, change: Change) -> Json:
        return {"kind": change.kind,
                "announced": change.announced.astimezone(self.zone).isoformat(),
                "reason": self.text(change.reason),
                "before": self.timing(change.before), "after": self.timing(change.after)}

    def days(self) -> dict[str, list[Json]]:
        """What happened each day: releases that became public and adjustments announced.
        The schedule is planned as of the build's clock, so neither holds anything later."""
        by_day: dict[str, list[tuple[dt.datetime, str, Json]]] = {}
        for release in self.releases:
            moment = release.moment
            if release.is_public and moment is not None:
                entry: Json = {"kind": "released", "time": moment.isoformat(),
                         "release": release.id, "name": self.release_name(release),
                         "page": self.page(f"releases/{release.id}/")}
                by_day.setdefault(_day(moment, self.zone), []).append(
                    (moment, release.id, entry))
        by_id = self.schedule.by_id
        for change in self.changes:
            release = by_id[change.release_id]
            entry = {"kind": change.kind,
                     "time": change.announced.astimezone(self.zone).isoformat(),
                     "release": release.id, "name": self.release_name(release),
                     "reason": self.text(change.reason),
                     "before": self.timing(change.before), "after": self.timing(change.after),
                     "page": self.page(f"releases/{release.id}/")}
            by_day.setdefault(_day(change.announced, self.zone), []).append(
                (change.announced, release.id, entry))
        return {day: [e for _, _, e in sorted(entries, key=lambda x: (x[0], x[1]))]
                for day, entries in sorted(by_day.items())}

    def release_name(self, release: Release) -> Json:
        # Asked by the release's entry and by its days' changes: made once.
        known = self._names.get(release.id)
        if known is None:
            known = self._names[release.id] = {lang: release.label(lang)
                                               for lang in self.languages}
        return known
