"""Verify a built site before it is published: the last gate of the pipeline.

Each check reads the output as a stranger would, independently of how it was made:
links and anchors resolve, every feed and JSON file parses, nothing loads from another
host, no file mentions a restricted product, and no dataset file holds a row of a
period whose release has not come. A site that fails any check is never switched in.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import icalendar
from lxml import etree
from lxml import html as lhtml

from .catalog import Catalog
from .datasets import Embargo
from .releases import Schedule

TEXT_SUFFIXES = {".html", ".xml", ".json", ".jsonld", ".ics", ".csv", ".txt", ".js", ".css",
                 ".svg", ".map"}
LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
           "video": "src", "embed": "src", "object": "data", "track": "src"}
MAX_REPORTED = 20


@dataclass(frozen=True)
class Failure:
    check: str  # links, anchors, parse, hosts, restricted, embargo
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


def verify_site(site: Path, full: Catalog, schedule: Schedule, host: str) -> None:
    """Raise ``VerificationError`` listing every failure; return quietly when all is well.

    ``full`` is the whole catalog, restricted products included: the check needs to know
    what must not be there. ``schedule`` is planned as of the build's moment.
    """
    failures: list[Failure] = []
    files = sorted(p for p in site.rglob("*") if p.is_file())
    # One page parsed at a time: what the link check needs later is kept (ids and the
    # page's links), never the trees, so memory stays flat however many pages there are.
    ids: dict[Path, set[str]] = {}
    links: dict[Path, list[str]] = {}
    needles = _restricted_needles(full)
    for path in files:
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            doc = _parse_html(path)
            if doc is None:
                failures.append(Failure("parse", rel, "not readable as HTML"))
                continue
            ids[path] = set(doc.xpath("//@id"))
            failures += _loads(rel, doc, host)
            links[path] = [a.get("href", "") for a in doc.iter("a") if a.get("href")]
            del doc
        failures += _parses(path, rel)
        failures += _restricted(path, rel, needles)
    for path, hrefs in links.items():
        failures += _links(site, path.relative_to(site).as_posix(), hrefs, ids, host)
    failures += _embargo(site, full.public(), schedule)
    if failures:
        raise VerificationError(failures)


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


def _contents(path: Path) -> Iterator[str]:
    if path.suffix in TEXT_SUFFIXES:
        yield path.read_text(encoding="utf-8", errors="replace")
        if path.suffix in (".json", ".jsonld"):
            # JSON may spell a Vietnamese title with \u escapes; read it as text too.
            with contextlib.suppress(ValueError):  # unparsable JSON is reported elsewhere
                yield json.dumps(json.loads(path.read_text(encoding="utf-8")),
                                 ensure_ascii=False)
    elif path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
        # Pagefind's index is gzip-compressed: read what search would show.
        with contextlib.suppress(OSError, EOFError):
            yield gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    elif path.suffix in (".zip", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                yield name
                yield archive.read(name).decode("utf-8", errors="replace")


def _restricted(path: Path, rel: str, needles: list[str]) -> Iterator[Failure]:
    for text in _contents(path):
        for needle in needles:
            if needle in text:
                yield Failure("restricted", rel, f"mentions the restricted product '{needle}'")
                return


def _embargo(site: Path, public: Catalog, schedule: Schedule) -> Iterator[Failure]:
    """No dataset file may hold a row of a period whose release has not come, and no
    release folder may exist for a release not yet public."""
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
            reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
            for line, row in enumerate(reader, start=2):
                period = (row.get(dataset.period) or "").lstrip("'")
                if period and not embargo.allows(period):
                    yield Failure("embargo", path.relative_to(site).as_posix(),
                                  f"line {line}: a row of {period}, not yet released")
                    break

