"""Citations: how to cite a release or a dataset, on its page and as BibTeX, RIS and
CSL-JSON files beside it.

Each page of a public release and each dataset page has its citation in the page's
language: the office as author, the title, the release and its reference period, the
version (the release's identifier; for a dataset, its last release's), the page's
address. The files sit beside the page (``releases/<release>/cite.bib``, ``cite.ris``,
``cite.csl.json``; ``datasets/<dataset>/`` likewise; below ``/en/`` in English). The CSL
file is ``cite.csl.json`` and not ``cite.json``: a dataset named ``cite`` has its own
``cite.json`` download in the same folder.

The access date: a static file is written once, at publish time, and cannot know the day
a reader reads it. The files leave it out (a reference manager adds it on import) and the
page asks the reader to add it, rather than stating the publish day as if it were theirs.

A release still to come has no citation at all, on its page or in a file: the citation
names the release's title and version, and an announcement is not yet a publication.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator import i18n
from generator.catalog.load import Catalog
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.releases.plan import Release, Schedule

FILES = ("cite.bib", "cite.ris", "cite.csl.json")
# BibTeX's and biblatex's language names, for the ``language`` field.
BIBTEX_LANGUAGE = {"vi": "vietnamese", "en": "english"}


@dataclass(frozen=True)
class Citation:
    """One citation in one language: what every format and the page's text are made of."""

    key: str  # ASCII, unique on the site: "cpi-2026-10", "dataset-cpi-thang"
    lang: str
    author: str  # the office, an institution: never split into given and family names
    title: str
    period: str  # the reference period in words
    version: str  # the release's identifier
    issued: dt.datetime  # when the release became public
    url: str  # the page, absolute

    def reference(self) -> str:
        """The citation without an access date: what the page's JSON-LD states."""
        return i18n.t("cite_text", self.lang, author=self.author, year=self.issued.year,
                      title=self.title, period=self.period, version=self.version,
                      date=i18n.format_date(self.issued.date(), self.lang), url=self.url)

    def text(self) -> str:
        """The citation as a reader copies it, with a place for the access date.

        >>> c = Citation("k", "en", "Office", "CPI, October 2026 (official)",
        ...              "October 2026", "cpi/2026-10",
        ...              dt.datetime(2026, 11, 6, 9, tzinfo=dt.timezone.utc), "https://x.vn/")
        >>> c.text()
        'Office (2026). CPI, October 2026 (official). Reference period: October 2026. Released 6 November 2026. https://x.vn/. Accessed [the date you accessed it].'
        """  # noqa: E501
        return self.reference() + " " + i18n.t("cite_accessed", self.lang)

    def around_address(self) -> tuple[str, str]:
        """The text before and after the page's address, which the page shows as an
        address (as it is, unbroken into words), not as prose."""
        text = self.text()
        at = text.index(self.url)
        return text[:at], text[at + len(self.url):]

    def note(self) -> str:
        """The reference period and version as a note (RIS, BibTeX)."""
        return i18n.t("cite_note", self.lang, period=self.period, version=self.version)


def of_release(release: Release, catalog: Catalog, site_url: str, lang: str) -> Citation | None:
    """A release's citation, or None while it is not public (or was cancelled)."""
    if not release.is_public or release.moment is None:
        return None
    return Citation(
        key=release.id.replace("/", "-"),
        lang=lang,
        author=catalog.site.office.name.get(lang),
        title=release.label(lang),
        period=release.period.get(lang),
        version=release.id,
        issued=release.moment,
        url=_page(site_url, catalog, lang, f"releases/{release.id}/"),
    )


def of_dataset(built: Built, build: DatasetBuild, catalog: Catalog, site_url: str,
               lang: str) -> Citation | None:
    """A dataset's citation: its latest files are those of its last release, which names
    the version; None for a dataset no release has made public yet."""
    vintages = [v for v in build.vintages.get(built.dataset.id, []) if v.release is not None]
    release = vintages[-1].release if vintages else None
    if release is None or not release.is_public or release.moment is None:
        return None
    return Citation(
        key=f"dataset-{built.dataset.id}",
        lang=lang,
        author=catalog.site.office.name.get(lang),
        title=f"{built.dataset.title.get(lang)} — {release.label(lang)}",
        period=release.period.get(lang),
        version=release.id,
        issued=release.moment,
        url=_page(site_url, catalog, lang, f"datasets/{built.dataset.id}/"),
    )


def _page(site_url: str, catalog: Catalog, lang: str, path: str) -> str:
    here = "" if lang == catalog.site.default_language else f"{lang}/"
    return site_url.rstrip("/") + "/" + here + path


def files(catalog: Catalog, schedule: Schedule, build: DatasetBuild,
          site_url: str) -> Iterator[tuple[str, bytes]]:
    """Every citation file of the site: (address below the site root, bytes)."""
    for lang in catalog.site.languages:
        here = "" if lang == catalog.site.default_language else f"{lang}/"
        cited: list[tuple[str, Citation | None]] = [
            (f"releases/{r.id}/", of_release(r, catalog, site_url, lang))
            for r in schedule.releases
        ]
        cited += [(built.address, of_dataset(built, build, catalog, site_url, lang))
                  for built in build.latest.values()]
        for folder, citation in cited:
            if citation is not None:
                for name, data in written(citation).items():
                    yield here + folder + name, data


def written(citation: Citation) -> dict[str, bytes]:
    """The three files of a citation, by name."""
    return {
        "cite.bib": bibtex(citation).encode("utf-8"),
        "cite.ris": ris(citation).encode("utf-8"),
        "cite.csl.json": csl_json(citation).encode("utf-8"),
    }


def csl_json(c: Citation) -> str:
    """CSL-JSON (the format of Zotero, Pandoc and citeproc processors): a list of one
    item. ``author`` is a literal: an office has no given name to abbreviate."""
    item = {
        "id": c.key,
        "type": "dataset",
        "title": c.title,
        "author": [{"literal": c.author}],
        "publisher": c.author,
        "issued": {"date-parts": [[c.issued.year, c.issued.month, c.issued.day]]},
        "version": c.version,
        "note": c.note(),
        "URL": c.url,
        "language": c.lang,
    }
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# BibTeX's special characters, escaped as LaTeX reads them; braces are kept balanced by
# escaping them too, so that no catalog text can end a field early.
_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
_BIBTEX_ESCAPE = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}


def bibtex_escape(value: str) -> str:
    r"""A text for a BibTeX field, its special characters escaped.

    >>> bibtex_escape("R&D {50%}")
    'R\\&D \\{50\\%\\}'
    """
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPE.get(m[1], "\\" + m[1]),
                               " ".join(value.split()))


def bibtex(c: Citation) -> str:
    """A BibTeX ``@misc`` entry (read by BibTeX, biblatex and every reference manager),
    written in UTF-8 (the first line says so): Vietnamese letters stay letters, not LaTeX
    accents, which cannot write ``ệ`` or ``ở`` in plain BibTeX."""
    fields = [
        # Double braces: an institution, never "Lạng Sơn, Cục Thống kê tỉnh".
        ("author", "{" + bibtex_escape(c.author) + "}"),
        ("title", "{" + bibtex_escape(c.title) + "}"),
        ("publisher", bibtex_escape(c.author)),
        ("year", str(c.issued.year)),
        ("month", str(c.issued.month)),
        ("date", c.issued.date().isoformat()),
        ("version", bibtex_escape(c.version)),
        ("note", bibtex_escape(c.note())),
        ("url", c.url),
        ("language", BIBTEX_LANGUAGE.get(c.lang, c.lang)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"% Encoding: UTF-8\n@misc{{{c.key},\n{body}\n}}\n"


def ris(c: Citation) -> str:
    """An RIS record (EndNote, Zotero, Mendeley), type ``DATA``, UTF-8, its lines ended
    by CR LF as the format's specification writes them."""
    tags = [
        ("TY", "DATA"),
        ("AU", c.author),
        ("TI", c.title),
        ("PB", c.author),
        ("PY", str(c.issued.year)),
        ("DA", c.issued.strftime("%Y/%m/%d")),
        ("ET", c.version),
        ("N1", c.note()),
        ("UR", c.url),
        ("LA", c.lang),
        ("ID", c.key),
    ]
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in tags]
    return "\r\n".join([*lines, "ER  - ", ""])
