"""Addresses that never break: a new version must serve every address the live one
served, unless the catalog says why one goes.

Compared: every file of the live version, as a reader reaches it (a page by its folder,
``/products/cpi/``; a file by its name). Left out, with their reason:

- ``assets/``: the pages' own resources (styles, scripts, share cards), loaded by the
  pages that name them; Material names its bundles by their content, so their names
  change with every theme update, and no reader keeps their addresses;
- ``pagefind/``: the search index, whose fragments are named by the hash of their
  content and change at every build; only the search page loads them;
- names starting with a dot (the version's own mark): never served.

Everything else (pages, feeds, dataset files, the API and whatever is added later) is
an address someone may have kept. One exception: the addresses of a product now
restricted must go, and nothing may lead to them.

A plain module over lists of names: the publish hands it the live version's files (read
on disk, or from the manifest of a remote one) and the new version's.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the catalog's model: never for the verification's workers
    from generator.catalog.load import Catalog
    from generator.releases.plan import Schedule

INTERNAL = ("assets/", "pagefind/")  # see the module's docstring for why


def kept(names: Iterable[str]) -> set[str]:
    """The names of a version's files that are addresses someone may have kept."""
    return {n for n in names
            if not n.startswith(INTERNAL) and not any(p.startswith(".") for p in n.split("/"))}


def shown(name: str) -> str:
    """How a reader writes the address of a file: ``/products/cpi/`` for its page.

    >>> shown("products/cpi/index.html"), shown("index.html"), shown("feed.xml")
    ('/products/cpi/', '/', '/feed.xml')
    """
    if name == "index.html" or name.endswith("/index.html"):
        return "/" + name.removesuffix("index.html")
    return "/" + name


@dataclass(frozen=True)
class Dropped:
    """An address the live version served that the new one does not."""

    name: str  # the file's name in the version, ``products/cpi/index.html``
    kind: str  # "product", "dataset" or "page": what the catalog must say about it
    id: str  # the product's or dataset's id; "" for another page


def dropped(live: Iterable[str], new: Collection[str], restricted: Collection[str],
            withdrawn: Collection[str], languages: Collection[str],
            withheld: tuple[str, ...] = ()) -> list[Dropped]:
    """The addresses of ``live`` that ``new`` no longer serves, except those of the
    ``restricted`` products (they must go), of the ``withdrawn`` datasets (whose product
    is no longer public: only a public product has downloads), and the files below the
    ``withheld`` folders (a release moved later after it went out: its figures and
    documents must go until its new time; its page stays). ``languages``: the prefixes
    of the pages in another language (``en``)."""
    out = []
    for name in sorted(kept(live) - set(new)):
        if withheld and name.startswith(withheld) and not name.endswith("index.html"):
            continue
        kind, id_ = owner(name, languages)
        if (kind, id_ in restricted) == ("product", True) or \
                (kind, id_ in withdrawn) == ("dataset", True):
            continue
        out.append(Dropped(name, kind, id_))
    return out


def owner(name: str, languages: Collection[str]) -> tuple[str, str]:
    """What an address belongs to: ("product", id), ("dataset", id) or ("page", "").

    >>> owner("en/releases/cpi/2026-10/event.ics", ["en"])
    ('product', 'cpi')
    >>> owner("calendar/products/cpi.ics", ["en"]), owner("datasets/cpi-thang/x.csv", [])
    (('product', 'cpi'), ('dataset', 'cpi-thang'))
    """
    parts = name.split("/")
    if parts[0] in languages:
        parts = parts[1:]
    if len(parts) >= 3 and parts[0] in ("products", "releases"):
        return "product", parts[1]
    if len(parts) == 3 and parts[:2] == ["calendar", "products"] and parts[2].endswith(".ics"):
        return "product", parts[2].removesuffix(".ics")
    if len(parts) >= 3 and parts[0] == "datasets":
        return "dataset", parts[1]
    return "page", ""


def withheld(full: Catalog, schedule: Schedule) -> tuple[str, ...]:
    """The folders of the releases not public as of the schedule: each release's own
    (its documents, in each language) and its datasets' copies of its figures."""
    public = full.public()
    default = public.site.default_language
    languages = ["" if lang == default else f"{lang}/" for lang in public.site.languages]
    out: list[str] = []
    for release in schedule.releases:
        if release.is_public:
            continue
        out += [f"{pre}releases/{release.id}/" for pre in languages]
        key = release.id.removeprefix(release.product.id + "/")
        out += [f"datasets/{d.id}/{key}/" for d in public.datasets_of(release.product.id)]
    return tuple(out)


def names(folder: Path) -> list[str]:
    """Every file's name below ``folder``: ``os.walk``, which reads each folder once and
    never stats a file (a national site holds 160,000 pages)."""
    out = []
    for here, _, files in os.walk(folder):
        base = os.path.relpath(here, folder)
        prefix = "" if base == "." else base.replace(os.sep, "/") + "/"
        out += [prefix + name for name in files]
    return out
