"""Verify a built site before it is published: the last gate of the pipeline.

Each check reads the output as a stranger would, independently of how it was made:
links and anchors resolve, every feed and JSON file parses, nothing loads from another
host, no file mentions a restricted product, no dataset file holds a row of a period
whose release has not come, no document of a release still to come is there, and the
API's files (``api.py``) call no release out before its time. A site
that fails any check is never switched in.

``files.py`` holds the checks of one file, which worker processes share; ``figures.py``
the dataset files against the calendars (pandas); ``embeds.py`` the embed pages' tables
against them; ``memo.py`` what an earlier
verification found. This module is imported by every worker (it is the package of
``files.py``), so it imports nothing heavy at its top: pandas, the catalog and the
calendars load only when ``verify_site`` runs, in the verifying process.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlparse

from generator import workers as workers_mod
from generator.verify.files import Failure, check_file
from generator.verify.memo import Memo
from generator.words.staff import VERIFY as VERIFY_WORDS

if TYPE_CHECKING:
    from generator.catalog.load import Catalog
    from generator.releases.plan import Schedule

__all__ = ["Failure", "VerificationError", "verify_site"]

MAX_REPORTED = 20


class VerificationError(Exception):
    """The build failed a check; ``text(lang)`` says so in the staff's words, each failure
    with its file and check; ``str()`` is the English, for logs."""

    def __init__(self, failures: list[Failure]) -> None:
        self.failures = failures
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        words = VERIFY_WORDS
        lines = [f.format(lang) for f in self.failures[:MAX_REPORTED]]
        if len(self.failures) > MAX_REPORTED:
            lines.append(words["more"][lang].format(count=len(self.failures) - MAX_REPORTED))
        return words["failed"][lang] + "\n  " + "\n  ".join(lines)


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
    from generator.verify import embeds, figures  # pandas: here, never in the workers
    from generator.verify.api import api_failures  # the calendar's model: not for workers

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
    check = functools.partial(check_file, site=site, host=host, needles=needles)
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
    targets = _Targets(site, files, ids, host)
    for path, hrefs in links.items():
        failures += targets.check(path.relative_to(site).as_posix(), hrefs)
    failures += figures.embargo_failures(site, full.public(), schedule, remembered)
    failures += embeds.embed_failures(site, full.public(), schedule)
    failures += _withheld_documents(site, files, full, schedule)
    failures += api_failures(site, schedule)
    failures += _early_citations(site, files, full, schedule)
    if failures:
        raise VerificationError(failures)
    remembered.save(files)


PARALLEL_FROM = 2000  # files: below this, starting processes costs more than it saves


class _Targets:
    """Where the site's links lead, checked against the list of the site's files rather
    than the disk, each address once: the pages share most of their links (the menu, the
    header, the footer), and each page has a folder of its own, so a link's address is
    worked out with string operations, not ``urljoin`` (181,000 links at 6,600 pages
    took 12 s one by one)."""

    def __init__(self, site: Path, files: list[Path], ids: dict[Path, set[str]],
                 host: str) -> None:
        self.host = host
        self.files = {p.relative_to(site).as_posix() for p in files}
        self.folders = {""}
        for name in self.files:
            parts = name.split("/")[:-1]
            self.folders.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
        self.ids = {p.relative_to(site).as_posix(): found for p, found in ids.items()}
        self.found: dict[str, str | None] = {}  # address on the site → its file

    def check(self, rel: str, hrefs: list[str]) -> Iterator[Failure]:
        """Every link of a page leads to a file of the site, every anchor to an id."""
        base = "/" + rel
        for href in hrefs:
            address, fragment = self._address(base, href)
            if address is None:
                continue  # another host, a mail address, a phone number
            target = self.found.get(address, "")
            if target == "":
                target = self.found[address] = self._file(address)
            if target is None:
                yield Failure("links", rel, "broken-link", {"href": href})
            elif fragment and target.endswith(".html") and \
                    fragment not in self.ids.get(target, ()):
                yield Failure("anchors", rel, "no-anchor",
                              {"href": href, "fragment": fragment})

    def _address(self, base: str, href: str) -> tuple[str | None, str]:
        """The path on this site that ``href`` leads to from ``base`` (None: elsewhere),
        and its fragment."""
        rest, _, fragment = href.partition("#")
        path = rest.partition("?")[0]
        if ":" in path.split("/", 1)[0] or path.startswith("//"):  # a scheme or a host
            parsed = urlparse(href)
            if parsed.scheme in ("mailto", "tel", "webcal") or (parsed.netloc and
                                                               parsed.netloc != self.host):
                return None, ""
            if parsed.netloc == self.host:
                return parsed.path or "/", parsed.fragment
            return urlparse(_join(base, href)).path, parsed.fragment
        if path.startswith("/"):
            return path, fragment
        if not path:
            return base, fragment
        joined = posixpath.normpath(base.rsplit("/", 1)[0] + "/" + path)
        # As urljoin: a link to a folder ("x/", "..", ".") ends with a slash.
        if path.endswith("/") or path.rsplit("/", 1)[-1] in (".", ".."):
            joined = joined.rstrip("/") + "/"
        return joined, fragment

    def _file(self, address: str) -> str | None:
        """The site's file at ``address``, as a web server finds it (a folder's
        index.html), or None."""
        name = posixpath.normpath("/" + unquote(address)).lstrip("/")  # as a server reads it
        if address.endswith("/") or name in self.folders:
            name = f"{name}/index.html" if name else "index.html"
        return name if name in self.files else None


def _join(base: str, href: str) -> str:
    return urljoin("http://site" + base, href).removeprefix("http://site")


def _restricted_needles(full: Catalog) -> list[str]:
    needles: list[str] = []
    for product in full.products:
        if product.access == "restricted":
            # In an address, and as a JSON string on its own (the API's "product" fields).
            needles += [f"/{product.id}", f'"{product.id}"']
            needles += [t for t in (product.name.vi, product.name.en) if t]
    return needles


def _early_citations(site: Path, files: list[Path], full: Catalog,
                     schedule: Schedule) -> Iterator[Failure]:
    """No citation of a release not yet public (nor of a cancelled one), in any language:
    neither a citation file in its release's folder, nor one anywhere (a dataset's) that
    names it as its version. A citation names the release as published."""
    from generator.outputs.citations import FILES

    withheld = {r.id for r in schedule.releases if not r.is_public}
    languages = tuple(f"{lang}/" for lang in full.site.languages[1:])
    for path in files:
        if path.name not in FILES:
            continue
        rel = path.relative_to(site).as_posix()
        bare = rel.removeprefix(next((lg for lg in languages if rel.startswith(lg)), ""))
        folder = bare.removeprefix("releases/").rsplit("/", 1)[0]
        named = {m.decode() for m in _CITED_VERSION.findall(path.read_bytes())}
        if bare.startswith("releases/"):
            named.add(folder)
        for release_id in sorted(named & withheld):
            yield Failure("embargo", rel, "early-citation", {"release": release_id})


# The version a citation file names, in each of its formats (outputs/citations.py):
# BibTeX's version field, RIS's ET tag, CSL-JSON's version.
_CITED_VERSION = re.compile(rb'(?:version = \{|ET  - |"version": ")([a-z0-9][a-z0-9/-]*)')


def _withheld_documents(site: Path, files: list[Path], full: Catalog,
                        schedule: Schedule) -> Iterator[Failure]:
    """No document of a release not yet public (nor of a restricted product) is in the
    site: neither at its address nor, under any name, the same bytes."""
    from generator.releases import notes  # the catalog's model: not for the workers

    by_size: dict[int, list[tuple[bytes, str, str, str]]] = {}
    for release, address, attached in notes.withheld(full, schedule):
        if (site / address).exists():
            yield Failure("embargo", address, "early-document",
                          {"document": attached.file, "release": release})
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
                yield Failure("embargo", rel, "early-document-copy",
                              {"document": name, "release": release})
