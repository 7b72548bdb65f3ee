"""Verify a built site before it is published: the last gate of the pipeline.

Each check reads the output as a stranger would, independently of how it was made:
links and anchors resolve, every feed and JSON file parses, nothing loads from another
host, no file mentions a restricted product, no dataset file holds a row of a period
whose release has not come, and no document of a release still to come is there. A site
that fails any check is never switched in.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import icalendar
import pandas as pd
from lxml import etree
from lxml import html as lhtml

from generator import workers as workers_mod
from generator.catalog.load import Catalog, Dataset
from generator.outputs.datasets.embargo import Embargo
from generator.releases import notes
from generator.releases.plan import Schedule

TEXT_SUFFIXES = {".html", ".xml", ".json", ".jsonld", ".ics", ".csv", ".txt", ".js", ".css",
                 ".svg", ".map"}
LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
           "video": "src", "embed": "src", "object": "data", "track": "src"}
MAX_REPORTED = 20


@dataclass(frozen=True)
class Failure:
    check: str  # links, anchors, parse, hosts, named-hosts, restricted, embargo
    file: str
    detail: str

    def format(self) -> str:
        return f"{self.file}: [{self.check}] {self.detail}"


class VerificationError(Exception):
    def __init__(self, failures: list[Failure]) -> None:
        self.failures = failures
        lines = [f.format() for f in failures[:MAX_REPORTED]]
        if len(failures) > MAX_REPORTED:
            lines.append(f"... and {len(failures) - MAX_REPORTED} more")
        super().__init__("The built site failed verification:\n  " + "\n  ".join(lines))


def verify_site(
    site: Path,
    full: Catalog,
    schedule: Schedule,
    host: str,
    memo: Path | None = None,
    workers: int | None = None,
) -> None:
    """Raise ``VerificationError`` listing every failure; return quietly when all is well.

    ``full`` is the whole catalog, restricted products included: the check needs to know
    what must not be there. ``schedule`` is planned as of the build's moment. ``memo`` is
    a file that remembers which files passed: a file shared with an earlier build (the
    same inode, size and time, as the dataset files, cards and feeds hard-linked from the
    work folder are) is not read again. ``workers`` processes share the reading.
    """
    failures: list[Failure] = []
    files = sorted(p for p in site.rglob("*") if p.is_file())
    needles = _restricted_needles(full)
    remembered = Memo(memo, needles, host)
    # One page parsed at a time: what the link check needs later is kept (ids and the
    # page's links), never the trees, so memory stays flat however many pages there are.
    # A page whose bytes passed before brings them from the memo, unparsed.
    ids: dict[Path, set[str]] = {}
    links: dict[Path, list[str]] = {}
    todo = []
    for path in files:
        if path.suffix == ".html":
            known = remembered.page(path)
            if known is not None:
                ids[path], links[path] = known
                continue
        elif remembered.passed(path):
            continue
        todo.append(path)
    check = functools.partial(_check_file, site=site, host=host, needles=needles)
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count > 1 and len(todo) >= PARALLEL_FROM:
        with workers_mod.pool(count) as pool:
            results = list(pool.map(check, todo, chunksize=64))
    else:
        results = [check(p) for p in todo]
    for path, result in zip(todo, results, strict=True):
        failures += result.failures
        if result.ids is not None:
            ids[path] = result.ids
            links[path] = result.links
            if not result.failures:
                remembered.add_page(path, result.ids, result.links)
        elif not result.failures:
            remembered.add(path)
    for path, hrefs in links.items():
        failures += _links(site, path.relative_to(site).as_posix(), hrefs, ids, host)
    failures += _embargo(site, full.public(), schedule)
    failures += _withheld_documents(site, files, full, schedule)
    if failures:
        raise VerificationError(failures)
    remembered.save(files)


PARALLEL_FROM = 2000  # files: below this, starting processes costs more than it saves


@dataclass
class FileResult:
    failures: list[Failure]
    ids: set[str] | None = None  # an HTML page's ids and links, for the link check
    links: list[str] = field(default_factory=list)


def _check_file(path: Path, site: Path, host: str, needles: list[str]) -> FileResult:
    """Every check that needs only the file itself."""
    rel = path.relative_to(site).as_posix()
    result = FileResult([])
    if path.suffix == ".html":
        doc = _parse_html(path)
        if doc is None:
            result.failures.append(Failure("parse", rel, "not readable as HTML"))
            return result
        result.ids = set(doc.xpath("//@id"))
        result.failures += _loads(rel, doc, host)
        result.links = [a.get("href", "") for a in doc.iter("a") if a.get("href")]
        del doc
    result.failures += _parses(path, rel)
    result.failures += _restricted(path, rel, needles)
    result.failures += _names_hosts(path, rel, host)
    return result


class Memo:
    """The files that passed the checks of ``_check_file`` in an earlier verification.

    A file is known by its device, inode, size and modification time: the work folder's
    files are written once under a new name and renamed into place, never changed, so the
    same inode with the same size and time is the same bytes. A page is written anew by
    every build, so it is known by its bytes' SHA-256, and its ids and links are kept: the
    link check runs over the whole site every time, against the files there now.
    Remembered only for the same restricted names and host: a product made restricted
    since has every file read again.
    """

    VERSION = "3"  # 2: the host check (_names_hosts) came; 3: pages by their bytes

    def __init__(self, path: Path | None, needles: list[str], host: str = "") -> None:
        self.path = path
        self.digest = hashlib.sha256(
            "\0".join([self.VERSION, host, *needles]).encode()).hexdigest()
        self.known: set[str] = set()
        self.fresh: set[str] = set()
        self.pages: dict[str, list[list[str]]] = {}
        self.kept: dict[str, list[list[str]]] = {}
        if path is not None and path.is_file():
            with contextlib.suppress(ValueError, OSError):
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("needles") == self.digest:
                    self.known = set(data.get("passed", []))
                    self.pages = dict(data.get("pages", {}))

    @staticmethod
    def key(path: Path) -> str:
        st = path.stat()
        return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"

    def passed(self, path: Path) -> bool:
        return self.path is not None and self.key(path) in self.known

    def add(self, path: Path) -> None:
        self.fresh.add(self.key(path))

    @staticmethod
    def _sha(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def page(self, path: Path) -> tuple[set[str], list[str]] | None:
        """A page's ids and links, if the same bytes passed before."""
        if self.path is None or not self.pages:
            return None
        sha = self._sha(path)
        found = self.pages.get(sha)
        if found is None:
            return None
        self.kept[sha] = found
        return set(found[0]), list(found[1])

    def add_page(self, path: Path, ids: set[str], links: list[str]) -> None:
        if self.path is not None:
            self.kept[self._sha(path)] = [sorted(ids), links]

    def save(self, files: list[Path]) -> None:
        """Keep what this site holds: the memo never grows past one site's files."""
        if self.path is None:
            return
        present = {self.key(p) for p in files if p.suffix != ".html"}
        passed = sorted((self.known | self.fresh) & present)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps({"needles": self.digest, "passed": passed,
                                       "pages": self.kept}))
        os.replace(partial, self.path)


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
                yield Failure("hosts", rel, f"<{tag} {attr}=\"{value}\"> loads from {netloc}")


# Hosts an output file may name besides the site's own: identifiers that nothing ever
# fetches. XML namespaces (SVG, XHTML and Atom at www.w3.org, the sitemap's at
# www.sitemaps.org) and the vocabularies of the JSON-LD (schema.org in the pages; in
# catalog.jsonld DCAT and XSD at www.w3.org, Dublin Core at purl.org, FOAF at xmlns.com,
# the EU's authority tables for file types, frequencies and languages, IANA's media
# types, SPDX's licences) name terms, not places to load; example.com (reserved by
# RFC 2606, served by no one) is the base against which Pagefind's engine parses the
# site's own relative addresses.
IDENTIFIER_HOSTS = frozenset({
    "www.w3.org", "www.sitemaps.org", "schema.org", "purl.org", "xmlns.com",
    "publications.europa.eu", "www.iana.org", "spdx.org", "example.com",
})
# Which files are read: those a browser runs or shows. Dataset files are the office's
# figures and names, which a reader downloads; an address in a cell loads nothing.
NAMING_SUFFIXES = TEXT_SUFFIXES - {".csv"}
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
        yield Failure("named-hosts", rel, "names another host: " + ", ".join(named))


def _links(
    site: Path, rel: str, hrefs: list[str], ids: dict[Path, set[str]], host: str,
) -> Iterator[Failure]:
    """Every link of a page leads to a file of the site, and every anchor to an id."""
    base = "/" + rel
    for href in hrefs:
        parsed = urlparse(href)
        if parsed.scheme in ("mailto", "tel", "webcal") or (parsed.netloc and
                                                           parsed.netloc != host):
            continue
        if parsed.netloc == host:
            target_path = parsed.path
        elif href.startswith("#"):
            target_path = base
        else:
            target_path = urlparse(_join(base, href)).path
        target = site / unquote(target_path).lstrip("/")
        if target_path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            yield Failure("links", rel, f"broken link {href}")
            continue
        fragment = parsed.fragment
        if fragment and target.suffix == ".html" and fragment not in ids.get(target, set()):
            yield Failure("anchors", rel, f"link {href}: no element with id '{fragment}'")


def _join(base: str, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin("http://site" + base, href).removeprefix("http://site")


def _parses(path: Path, rel: str) -> Iterator[Failure]:
    try:
        if path.suffix in (".json", ".jsonld"):
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".ics":
            icalendar.Calendar.from_ical(path.read_bytes())
        elif path.suffix == ".xml":
            etree.fromstring(path.read_bytes())
    except Exception as exc:  # any parser's complaint is a failure to report, not a crash
        yield Failure("parse", rel, f"does not parse: {str(exc).splitlines()[0][:160]}")


def _restricted_needles(full: Catalog) -> list[str]:
    needles: list[str] = []
    for product in full.products:
        if product.access == "restricted":
            needles.append(f"/{product.id}")
            needles += [t for t in (product.name.vi, product.name.en) if t]
    return needles


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
                yield Failure("restricted", rel, f"mentions the restricted product '{needle}'")
                return
        tail = window[-longest:] if longest else b""


def _embargo(site: Path, public: Catalog, schedule: Schedule) -> Iterator[Failure]:
    """No dataset file may hold a row of a period whose release has not come, nor a
    figure of a release still to come; no release folder may exist for a release not yet
    public."""
    for dataset in public.datasets:
        releases = schedule.of_product(dataset.product)
        embargo = Embargo.of(releases)
        folder = site / "datasets" / dataset.id
        for release in releases:
            key = release.id.removeprefix(dataset.product + "/")
            if not release.is_public and (folder / key).exists():
                yield Failure("embargo", f"datasets/{dataset.id}/{key}/",
                              f"files of {release.id}, not yet released")
        for path in sorted(folder.rglob("*.csv")) if folder.is_dir() else []:
            rel = path.relative_to(site).as_posix()
            columns = [dataset.period]
            if dataset.completeness is not None:
                columns.append(dataset.completeness.id)
            if path.name == "revisions.csv":
                columns.append("release")
            cells = _columns(path, columns)
            periods = cells.get(dataset.period, pd.Series([], dtype=object))
            # Each distinct period is asked once: a national dataset has millions of rows
            # and a few dozen periods. Rows that name their release are judged by it
            # (an estimate published before the calendars began is history even when
            # the period's later release is still to come).
            by_release = dataset.completeness is not None and dataset.completeness.id in cells
            late = [] if by_release else [
                p for p in periods.drop_duplicates() if p and not embargo.allows(p)]
            if late:
                line = int(periods.index[periods == late[0]][0]) + 2
                yield Failure("embargo", rel, f"line {line}: a row of {late[0]}, not yet released")
                continue
            yield from _figures_by_release(rel, cells, dataset, embargo, schedule,
                                           latest=path.parent == folder)


def _withheld_documents(site: Path, files: list[Path], full: Catalog,
                        schedule: Schedule) -> Iterator[Failure]:
    """No document of a release not yet public (nor of a restricted product) is in the
    site: neither at its address nor, under any name, the same bytes."""
    by_size: dict[int, list[tuple[bytes, str, str, str]]] = {}
    for release, address, attached in notes.withheld(full, schedule):
        if (site / address).exists():
            yield Failure("embargo", address,
                          f"the document {attached.file} of {release}, not yet released")
        source = full.root / attached.file
        if source.is_file():
            data = source.read_bytes()
            by_size.setdefault(len(data), []).append((data, attached.file, release, address))
    if not by_size:
        return
    for path in files:
        rel = path.relative_to(site).as_posix()
        for data, name, release, address in by_size.get(path.stat().st_size, []):
            if rel != address and path.read_bytes() == data:  # at its address: said above
                yield Failure("embargo", rel, f"the same bytes as the document {name} of "
                              f"{release}, not yet released")


def _figures_by_release(rel: str, cells: dict[str, pd.Series], dataset: Dataset,
                        embargo: Embargo, schedule: Schedule, latest: bool) -> Iterator[Failure]:
    """Each row's figures belong to a release that is out: by the completeness column of a
    table of several releases a period, and by the release the revision table names."""
    column = dataset.completeness
    periods = cells.get(dataset.period, pd.Series([], dtype=object))
    if column is not None and column.id in cells:
        pairs = pd.Series(list(zip(periods, cells[column.id], strict=True)), dtype=object)
        for i, (period_id, level) in pairs.drop_duplicates().items():
            if period_id and not embargo.figure(period_id, level).public:
                yield Failure("embargo", rel, f"line {int(i) + 2}: figures of {period_id} "
                              f"({level}), a release not yet out")
                return
    elif column is not None and latest and len(periods):
        # A vintage frozen before the column was declared has none; today's files must.
        yield Failure("embargo", rel, f"no column {column.id}: figures without their release")
        return
    released = cells.get("release")
    if released is None:
        return
    by_id = schedule.by_id
    for i, release_id in released.drop_duplicates().items():
        release = by_id.get(release_id) if release_id else None
        if release_id and (release is None or not release.is_public):
            yield Failure("embargo", rel, f"line {int(i) + 2}: figures of {release_id}, "
                          "a release not yet out")
            return


def _columns(path: Path, names: list[str]) -> dict[str, pd.Series]:
    """Columns of a published CSV, as text without a formula guard; a column the file
    does not have is left out."""
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    present = [n for n in names if n in header]
    if not present:
        return {}
    frame = pd.read_csv(path, usecols=present, dtype=str, keep_default_na=False,
                        na_filter=False, encoding="utf-8-sig")
    return {n: frame[n].str.lstrip("'") for n in present}


