"""The Pagefind index of the built site, built in parts, each part kept between builds.

Why parts. Pagefind holds the whole index it builds in memory, about 60 kB a page: one
run over a national catalog's site (32,000 pages) took 2 GB, most of a publish's peak,
and one product edit made it index every page again. Here each run of Pagefind indexes
one *part* of at most ``PART_PAGES`` pages, one part after the other, so its peak is one
part's whatever the catalog's size; the search page merges the parts of its language in
the browser (Pagefind's ``mergeIndex``, ``theme/assets/phobien-search.js``). Pagefind
scores a page, and reads a word, within its own part: the search page compares scores
within one kind of part only, and looks a word up only in the parts that hold it (or a
word beginning with it), so that what is found does not depend on the partition.

The partition (``partition``), stable from one build to the next:

- **by language**: a search page searches its own language only, and a bundle merged
  for a language it lacks would answer with another language's pages;
- **release pages apart from the others**: they are the bulk (tens of thousands at
  national scale) and, once out, rarely change; the other pages (home, listings,
  products, datasets, calendar, help) change at nearly every build (the home page lists
  the latest releases) and are re-indexed alone;
- **releases by product**: a product's release pages stay together (one edit of a product
  touches its own part). A group of more than ``PART_PAGES`` pages is split in two by the
  next bit of each product's SHA-256, and each half again while it is too big: a
  product's part depends only on its own hash and on the sizes of the buckets it falls
  in: a new product or release moves no other product, but for those of its own bucket
  when that bucket grows past the cap and splits.
  A product of more than ``PART_PAGES`` pages is split the same way by its pages' paths;
  so are the other pages when they are too many.

Reuse. A part is named by a digest of what Pagefind reads (its pages' paths and bytes),
Pagefind's version and its options; Pagefind's output for it is kept in the work folder
(``.phobien/search/<digest>/``) and hard-linked into the site (copied across file
systems). A part whose digest is there is not indexed again; folders this build did not
use are removed. The site is the same, byte for byte, whether a part was indexed now or
kept: Pagefind gives the same bytes for the same pages (``stable_entry`` sorts the one
thing it does not), and as it numbers pages in the order the file system lists them, it
reads them from the same place either way (hard links in a folder of the site).

Layout in the site: ``pagefind/`` is a Pagefind bundle whose entry file lists the first
part of every language (what the search page loads first, with Pagefind's engine); every
other part is a bundle of its own in ``pagefind/<part>/`` (its index, not the engine);
``pagefind/phobien-parts.json`` lists them by language for the search page.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.outputs.pages.policy import PAGEFIND_UNUSED

# The most pages one run of Pagefind indexes: ~60 kB each in Pagefind's memory (less for
# a release page, indexed by its title alone), a few hundred MB at the most. The search
# page fetches a few small files per part: fewer, bigger parts load faster.
PART_PAGES = 2000
OPTIONS = ("--quiet",)  # Pagefind's options (beside the paths): part of each part's digest
SCHEME = "1"  # what a part's digest covers and how a part is laid out
BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"
PARTS_FILE = "phobien-parts.json"  # the parts of each language, for the search page
RECORD = "parts.json"  # in the work folder: what the last build indexed and reused
STAGE = ".phobien-search"  # in the site, while indexing: hard links to one part's pages

_BODY = re.compile(rb"<[a-zA-Z][^>]*?\sdata-pagefind-body[\s=>/]")
_LANG = re.compile(rb"<html\b[^>]*?\slang=[\"']?([^\"'\s>]+)", re.I)


@dataclass(frozen=True)
class Page:
    """A page Pagefind indexes: its path in the site, its language and its bytes' digest."""

    path: str
    lang: str
    sha: str

    def group(self) -> tuple[str, str]:
        """The kind of part the page goes in, and the key that keeps pages together.

        >>> Page("en/releases/cpi/2026-10/index.html", "en", "").group()
        ('releases', 'cpi')
        >>> Page("releases/index.html", "vi", "").group()
        ('pages', 'releases/index.html')
        """
        parts = self.path.split("/")
        rest = parts[1:] if parts[0] == self.lang else parts
        # releases/<product>/<period>[/<stage>]/index.html
        if len(rest) >= 4 and rest[0] == "releases":
            return "releases", rest[1]
        return "pages", self.path


@dataclass
class Part:
    """One run of Pagefind: its pages, and the digest it is kept under."""

    name: str
    pages: list[Page]
    digest: str = ""
    built: bool = False  # indexed by this build, not taken from the work folder

    @property
    def kind(self) -> str:
        """``pages`` or ``releases``: the search page compares scores within a kind only."""
        return self.pages[0].group()[0]


def site_pages(site: Path) -> list[Page]:
    """The pages of the site that Pagefind would index (those with a
    ``data-pagefind-body``), in path order."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith((".phobien", BUNDLE + "/")):  # this module's own folders
            continue
        data = path.read_bytes()
        if not _BODY.search(data):
            continue
        found = _LANG.search(data, 0, 4096)
        lang = found.group(1).decode("ascii", "replace").lower() if found else "unknown"
        pages.append(Page(rel, re.sub(r"[^a-z0-9-]", "-", lang),
                          hashlib.sha256(data).hexdigest()))
    return pages


def _bit(key: str, depth: int) -> int:
    digest = hashlib.sha256(key.encode()).digest()
    return (digest[depth // 8] >> (7 - depth % 8)) & 1


def _split(groups: dict[str, list[Page]], cap: int, bits: str = "",
           depth: int = 0) -> Iterator[tuple[str, list[Page]]]:
    """The buckets of ``groups`` (pages by the key that keeps them together), each named
    by the bits of the keys' hashes that led to it, none of more than ``cap`` pages."""
    if sum(len(pages) for pages in groups.values()) <= cap:
        yield bits, sorted((p for pages in groups.values() for p in pages),
                           key=lambda p: p.path)
        return
    if len(groups) == 1:
        # One product with more pages than a part holds: its pages split by their paths.
        (pages,) = groups.values()
        yield from _split({p.path: [p] for p in pages}, cap, bits + "-", 0)
        return
    halves: tuple[dict[str, list[Page]], dict[str, list[Page]]] = ({}, {})
    for key, pages in groups.items():
        halves[_bit(key, depth)][key] = pages
    for bit, half in enumerate(halves):
        if half:
            yield from _split(half, cap, bits + str(bit), depth + 1)


def partition(pages: Iterable[Page], cap: int = PART_PAGES) -> dict[str, list[Page]]:
    """The parts of ``pages``, by name (``<language>-<kind><bits>``), in name order.

    >>> pages = [Page(f"releases/p{i}/2026/index.html", "vi", "") for i in range(5)]
    >>> pages.append(Page("index.html", "vi", ""))
    >>> {name: len(part) for name, part in partition(pages, cap=2).items()}
    {'vi-pages': 1, 'vi-releases00': 2, 'vi-releases01': 1, 'vi-releases1': 2}
    """
    cap = max(cap, 1)  # a page is never split
    groups: dict[tuple[str, str], dict[str, list[Page]]] = {}
    for page in pages:
        kind, key = page.group()
        groups.setdefault((page.lang, kind), {}).setdefault(key, []).append(page)
    parts = {}
    for (lang, kind), members in groups.items():
        for bits, chunk in _split(dict(sorted(members.items())), cap):
            parts[f"{lang}-{kind}{bits}"] = chunk
    return dict(sorted(parts.items()))


def part_digest(pages: Sequence[Page], version: str) -> str:
    """What a part's index depends on: Pagefind's version and options, and the paths and
    bytes of its pages."""
    digest = hashlib.sha256(f"{SCHEME}\n{version}\n{' '.join(OPTIONS)}\n".encode())
    for page in pages:
        digest.update(f"{page.path}\0{page.sha}\n".encode())
    return digest.hexdigest()


def pagefind_version() -> str:
    """What the installed Pagefind says it is (``pagefind 1.5.2``)."""
    return _pagefind(["--version"]).strip()


def _pagefind(arguments: list[str]) -> str:
    """Run Pagefind (its binary ships in the ``pagefind[bin]`` package); what it printed."""
    result = subprocess.run([sys.executable, "-m", "pagefind", *arguments],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {(result.stderr or result.stdout).strip()[:500]}")
    return result.stdout


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)


def _index(site: Path, part: Part, out: Path) -> None:
    """Pagefind over the part's pages alone (hard links to them in a folder of the
    site), its bundle written to ``out``."""
    stage = site / STAGE
    shutil.rmtree(stage, ignore_errors=True)
    try:
        for page in part.pages:
            _link(site / page.path, stage / page.path)
        _pagefind(["--site", str(stage), "--output-path", str(out), *OPTIONS])
    except RuntimeError as error:
        raise RuntimeError(f"search index, part {part.name} ({len(part.pages)} pages, "
                           f"the first {part.pages[0].path}): {error}") from error
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    for name in PAGEFIND_UNUSED:  # the ready-made interfaces, which the site leaves out
        (out / name).unlink(missing_ok=True)
    stable_entry(out / ENTRY)
    part.built = True


def stable_entry(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in a random order from one run to
    the next; sorted, the same site gives the same bytes. Its script picks a language by
    name (or the one with the most pages), never by position."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    _write_json(entry, data)


def _write_json(path: Path, data: object) -> None:
    # A new file, never written over in place: the old one may be a hard link into the
    # work folder.
    path.unlink(missing_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


def _language(bundle: Path, name: str) -> tuple[str, dict[str, Any]]:
    """The part's language and entry file."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    languages = entry["languages"]
    if len(languages) != 1:
        raise RuntimeError(f"Pagefind made part {name} of {len(languages)} languages "
                           f"({', '.join(sorted(languages))}): each part holds one")
    ((lang, _),) = languages.items()
    return lang, entry


def _assemble(site: Path, built: list[tuple[Part, Path]]) -> None:
    """The parts' bundles into the site: the first part of each language (with the
    engine) into ``pagefind/``, under one entry file; the others into
    ``pagefind/<part>/``; the list of them, by language and kind, into ``PARTS_FILE``
    (``""``: the main bundle)."""
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # what a build of another catalog left
    listed: dict[str, dict[str, list[str]]] = {}
    entry: dict[str, Any] = {}
    languages: dict[str, Any] = {}
    for part, folder in built:
        lang, part_entry = _language(folder, part.name)
        if entry and part_entry["version"] != entry["version"]:
            raise RuntimeError(f"part {part.name} is of Pagefind {part_entry['version']}, "
                               f"not {entry['version']}")
        entry = entry or part_entry
        primary = lang not in listed
        kinds = listed.setdefault(lang, {})
        kinds.setdefault(part.kind, []).append("" if primary else f"{part.name}/")
        if primary:
            languages[lang] = part_entry["languages"][lang]
        target = bundle if primary else bundle / part.name
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            top = len(rel.parts) == 1
            if path.is_dir() or (primary and rel.name == ENTRY):
                continue
            # A merged part is its index alone: the engine (scripts and WebAssembly) is
            # the first part's.
            if not primary and top and rel.name != ENTRY and rel.suffix != ".pf_meta":
                continue
            if not (target / rel).exists():  # the engine: the same files in every part
                _link(path, target / rel)
    if listed:
        _write_json(bundle / ENTRY, {**entry, "languages": dict(sorted(languages.items()))})
        _write_json(bundle / PARTS_FILE, {"languages": dict(sorted(listed.items()))})


def index_site(site_dir: Path, work_dir: Path | None = None,
               cap: int | None = None) -> list[Part]:
    """Index the site with Pagefind, in parts (see the module's docstring); reuse the
    parts kept in ``work_dir`` (``<work_dir>/search/``) whose pages did not change, and
    keep the ones indexed now there. Without ``work_dir`` every part is indexed. Returns
    the parts, in name order."""
    version = pagefind_version()
    parts = [Part(name, pages) for name, pages in
             partition(site_pages(site_dir), cap or PART_PAGES).items()]
    with contextlib.ExitStack() as stack:
        if work_dir is None:
            cache = Path(stack.enter_context(tempfile.TemporaryDirectory(
                prefix=".phobien-parts-", dir=site_dir)))
        else:
            cache = work_dir / "search"
            cache.mkdir(parents=True, exist_ok=True)
        built: list[tuple[Part, Path]] = []
        for part in parts:
            part.digest = part_digest(part.pages, version)
            folder = cache / part.digest
            if not (folder / ENTRY).is_file():
                # Written aside, then renamed: a folder under a digest is always whole.
                fresh = cache / f".new-{part.digest}-{os.getpid()}"
                shutil.rmtree(fresh, ignore_errors=True)
                _index(site_dir, part, fresh)
                shutil.rmtree(folder, ignore_errors=True)
                try:
                    fresh.rename(folder)
                except OSError:  # another build made it meanwhile: the same bytes
                    shutil.rmtree(fresh, ignore_errors=True)
            built.append((part, folder))
        _assemble(site_dir, built)
        if work_dir is not None:
            _prune(cache, {p.digest for p in parts})
            _write_record(cache / RECORD, version, cap or PART_PAGES, parts)
    return parts


def _prune(cache: Path, used: set[str]) -> None:
    """Remove from the work folder the parts this build did not use."""
    for child in sorted(cache.iterdir()):
        if child.name in used or child.name == RECORD:
            continue
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _write_record(path: Path, version: str, cap: int, parts: list[Part]) -> None:
    record = {"pagefind": version, "cap": cap,
              "parts": {p.name: {"pages": len(p.pages), "digest": p.digest, "built": p.built}
                        for p in parts}}
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
