"""The checks that need only the file itself: run for each file of the site, in worker
processes when there are many.

Workers import this module, and so the package's ``__init__``, and nothing more: no
pandas, no pyarrow, no catalog model, which the dataset checks in ``figures.py`` need and
a worker does not (with them, a worker held 129 MB rather than 31 MB and took 1.2 s
rather than 0.24 s from its start to its first answer).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import icalendar
from lxml import etree
from lxml import html as lhtml

from generator.words.staff import VERIFY_DETAILS  # plain dicts: light enough for workers

TEXT_SUFFIXES = {".html", ".xml", ".json", ".jsonld", ".ics", ".csv", ".txt", ".js", ".css",
                 ".svg", ".map", ".px", ".bib", ".ris"}  # .bib, .ris: the citation files
LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
           "video": "src", "embed": "src", "object": "data", "track": "src"}


@dataclass(frozen=True)
class Failure:
    """One thing the verification found: the check (a code the guide's table of checks
    names, shown in brackets), the file, and what was found as a stable code with its
    params, worded in the staff's language from ``VERIFY_DETAILS`` only when it is said
    (as a catalog ``Problem`` is): a failure found in a worker travels as data."""

    check: str  # links, anchors, parse, hosts, named-hosts, restricted, embargo
    file: str
    code: str  # a key of VERIFY_DETAILS
    params: Mapping[str, Any] = field(default_factory=dict)

    def said(self, lang: str = "en") -> str:
        """What was found, in ``lang``."""
        words = VERIFY_DETAILS[self.code]
        return (words.get(lang) or words["en"]).format(**self.params)

    @property
    def detail(self) -> str:
        """What was found, in English: for logs and for the tests that grep it."""
        return self.said("en")

    def format(self, lang: str = "en") -> str:
        """``thu/index.html: [hosts] <script src="..."> tải tệp từ máy chủ khác ...``"""
        return f"{self.file}: [{self.check}] {self.said(lang)}"


@dataclass
class FileResult:
    failures: list[Failure]
    ids: set[str] | None = None  # an HTML page's ids and links, for the link check
    links: list[str] = field(default_factory=list)


def check_file(path: Path, site: Path, host: str, needles: list[str]) -> FileResult:
    """Every check that needs only the file itself."""
    rel = path.relative_to(site).as_posix()
    result = FileResult([])
    if path.suffix == ".html":
        doc = _parse_html(path)
        if doc is None:
            result.failures.append(Failure("parse", rel, "not-html"))
            return result
        result.ids = set(doc.xpath("//@id"))
        result.failures += _loads(rel, doc, host)
        result.links = [a.get("href", "") for a in doc.iter("a") if a.get("href")]
        del doc
    result.failures += _parses(path, rel)
    result.failures += _restricted(path, rel, needles)
    result.failures += _names_hosts(path, rel, host)
    return result


def _parse_html(path: Path) -> lhtml.HtmlElement | None:
    try:
        return lhtml.fromstring(path.read_bytes())
    except (etree.ParserError, ValueError):
        return None


def _loads(rel: str, doc: lhtml.HtmlElement, host: str) -> Iterator[Failure]:
    """Anything the page makes the browser load from another host."""
    for element in doc.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        attr = LOADING.get(tag) or ("href" if tag == "link" else None)
        if attr and element.get(attr):
            value = element.get(attr, "")
            rel_kind = element.get("rel", "")
            loads = tag != "link" or rel_kind not in ("canonical", "alternate", "sitemap")
            netloc = urlparse(value).netloc
            if loads and netloc and netloc != host:
                yield Failure("hosts", rel, "loads-from",
                              {"tag": tag, "attr": attr, "value": value, "host": netloc})


# Hosts an output file may name besides the site's own: identifiers that nothing ever
# fetches. XML namespaces (SVG, XHTML and Atom at www.w3.org, the sitemap's at
# www.sitemaps.org) and the vocabularies of the JSON-LD (schema.org in the pages; in
# catalog.jsonld DCAT and XSD at www.w3.org, Dublin Core at purl.org, FOAF at xmlns.com,
# the EU's authority tables for file types, frequencies and languages, IANA's media
# types, SPDX's licences) name terms, not places to load; example.com (reserved by
# RFC 2606, served by no one) is the base against which Pagefind's engine parses the
# site's own relative addresses; json-schema.org names the JSON Schema dialect the API's
# schemas are written in (/api/v1/schema/), which no validator fetches.
IDENTIFIER_HOSTS = frozenset({
    "www.w3.org", "www.sitemaps.org", "schema.org", "purl.org", "xmlns.com",
    "publications.europa.eu", "www.iana.org", "spdx.org", "example.com", "json-schema.org",
})
# Which files are read: those a browser runs or shows. Dataset files are the office's
# figures and names, which a reader downloads; an address in a cell loads nothing.
NAMING_SUFFIXES = TEXT_SUFFIXES - {".csv", ".px"}
HOST_URL = re.compile(rb"https?://([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)")
# Licence notices, which the licences of Material's parts require kept: comments, read
# by nobody's browser (/*! ... */ in scripts and styles, <!--! ... --> in its icons).
NOTICE = re.compile(rb"/\*!.*?\*/|(?:<|\\3c ?)!--!.*?--(?:>|\\3e ?)", re.S)
# A link the reader may follow to another site is not a load: its address is skipped.
LINK_HREF = re.compile(rb"(<a\s[^>]*?\bhref=)(\"[^\"]*\"|'[^']*')", re.I)
# A page's words (text between its tags): an address written in a product's description
# or a cell of data is read, never fetched. What a page can fetch sits in its tags.
PAGE_TEXT = re.compile(rb">[^<]+<")


def _names_hosts(path: Path, rel: str, host: str) -> Iterator[Failure]:
    """No file names a third-party host: what the policy would block must not be asked
    for in the first place, and a host named today is a host loaded tomorrow."""
    if path.suffix not in NAMING_SUFFIXES or (
            path.suffix == ".json" and rel.startswith("datasets/")):
        return
    data = path.read_bytes()
    if path.suffix == ".ics":  # lines are folded at 75 octets, often inside an address
        data = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    data = NOTICE.sub(b"", data)
    if path.suffix == ".html":
        data = PAGE_TEXT.sub(b"><", LINK_HREF.sub(rb'\1""', data))
    allowed = IDENTIFIER_HOSTS | {host}
    named = sorted({m.group(1).decode().lower() for m in HOST_URL.finditer(data)} - allowed)
    if named:
        yield Failure("named-hosts", rel, "names-hosts", {"hosts": ", ".join(named)})


def _parses(path: Path, rel: str) -> Iterator[Failure]:
    try:
        if path.suffix in (".json", ".jsonld"):
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".ics":
            icalendar.Calendar.from_ical(path.read_bytes())
        elif path.suffix == ".xml":
            etree.fromstring(path.read_bytes())
    except Exception as exc:  # any parser's complaint is a failure to report, not a crash
        yield Failure("parse", rel, "no-parse", {"error": str(exc).splitlines()[0][:160]})


def _contents(path: Path) -> Iterator[bytes]:
    """What a reader of the file would see, as UTF-8 bytes (searched without decoding)."""
    if path.suffix in TEXT_SUFFIXES:
        data = path.read_bytes()
        yield data
        if path.suffix in (".json", ".jsonld") and b"\\u" in data:
            # JSON may spell a Vietnamese title with \u escapes; read it as text too.
            with contextlib.suppress(ValueError):  # unparsable JSON is reported elsewhere
                yield json.dumps(json.loads(data), ensure_ascii=False).encode()
    elif path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
        # Pagefind's index is gzip-compressed: read what search would show.
        with contextlib.suppress(OSError, EOFError):
            yield gzip.decompress(path.read_bytes())
    elif path.suffix in (".zip", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                yield name.encode()
                with archive.open(name) as member:
                    yield from iter(lambda: member.read(BLOCK), b"")


BLOCK = 16 << 20  # a zip member is read in blocks: a dataset's XLSX sheet can be large


def _restricted(path: Path, rel: str, needles: list[str]) -> Iterator[Failure]:
    encoded = [(n, n.encode()) for n in needles]
    longest = max((len(b) for _, b in encoded), default=0)
    tail = b""
    for text in _contents(path):
        # Blocks of one member overlap by the longest needle, so none is cut in two.
        window = tail + text
        for needle, raw in encoded:
            if raw in window:
                yield Failure("restricted", rel, "restricted", {"name": needle})
                return
        tail = window[-longest:] if longest else b""
