"""Addresses that never break: what an old address of a renamed, merged or moved product
(or dataset) serves once its id has changed.

A page's old address gets a small page of its own that sends the reader on at once (a
refresh of 0 s, a visible link, ``rel=canonical`` to the new address, ``noindex``); a
file's old address (a feed, a release's event or document, a dataset's download) gets
the new file's bytes, since no calendar client or spreadsheet follows a page. Static
files, not a web server's rules: they work on every target (a local folder, a server
reached by rsync, any web server) and are switched in with the rest of the version.

Made from the public catalog only: a restricted product's old addresses get nothing, and
validation refuses ``formerly`` on a restricted product.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape

from generator import i18n
from generator.catalog.load import Catalog
from generator.outputs.pages.policy import CHARSET, META
from generator.outputs.pages.render import prefix
from generator.releases.plan import Schedule


@dataclass(frozen=True)
class Move:
    """An old id and the id that carries it on, for products or datasets."""

    kind: str  # "products" or "datasets": the folder of their addresses
    old: str
    new: str


def moves(catalog: Catalog) -> list[Move]:
    """Every old id of the catalog's ``formerly`` lists, in a stable order."""
    out = [Move("products", old, p.id) for p in catalog.products for old in p.formerly]
    out += [Move("datasets", old, d.id) for d in catalog.datasets for old in d.formerly]
    return sorted(out, key=lambda m: (m.kind, m.old))


def page(lang: str, address: str, target: str, name: str, site_url: str) -> str:
    """The page at ``address`` (``products/cpi/index.html``) that sends the reader to
    ``target`` (``products/cpi-moi/``), valid HTML carrying the site's policy."""
    here = posixpath.dirname(address) or "."
    link = posixpath.relpath(target, here) + "/" if target else posixpath.relpath(".", here)
    canonical = site_url.rstrip("/") + "/" + (target + "/" if target else "")
    title = escape(i18n.t("moved_title", lang, name=name))
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n{CHARSET}\n{META}\n'
        f'<meta http-equiv="refresh" content="0; url={escape(link)}">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n</head>\n<body>\n'
        f"<main>\n<h1>{title}</h1>\n<p>{escape(i18n.t('moved_text', lang))} "
        f'<a href="{escape(link)}">{escape(name)}</a></p>\n</main>\n</body>\n</html>\n'
    )


@dataclass(frozen=True)
class Copy:
    """A file served again at an old address: ``old`` gets the bytes of ``new``."""

    old: str
    new: str


def redirects(catalog: Catalog, schedule: Schedule, site_url: str) -> dict[str, str]:
    """Each old page's address (``…/index.html``) and the page it leads to."""
    default = catalog.site.default_language
    out: dict[str, str] = {}
    for lang in catalog.site.languages:
        pre = prefix(lang, default)
        for move in moves(catalog):
            if move.kind == "products":
                name = catalog.product(move.new).name.get(lang)
                out[f"{pre}products/{move.old}/index.html"] = page(
                    lang, f"{pre}products/{move.old}/index.html",
                    f"{pre}products/{move.new}", name, site_url)
                # Each release of the new product is where the old one's went: a release
                # id is its product and its period.
                for release in schedule.of_product(move.new):
                    rest = release.id.removeprefix(move.new + "/")
                    address = f"{pre}releases/{move.old}/{rest}/index.html"
                    out[address] = page(lang, address, f"{pre}releases/{release.id}",
                                        release.label(lang), site_url)
            else:
                title = catalog.dataset(move.new).title.get(lang)
                address = f"{pre}datasets/{move.old}/index.html"
                out[address] = page(lang, address, f"{pre}datasets/{move.new}", title,
                                    site_url)
    return out


def framed(catalog: Catalog, addresses: Iterable[str], site_url: str) -> dict[str, str]:
    """The old addresses of a renamed dataset's whole-HTML files (its embed pages, in
    newsrooms' frames): each a page that sends the frame on to the new one."""
    default = catalog.site.default_language
    out: dict[str, str] = {}
    pages = sorted(a for a in set(addresses) if a.endswith("/index.html"))
    for lang in catalog.site.languages:
        pre = prefix(lang, default)
        for move in moves(catalog):
            if move.kind != "datasets":
                continue
            new = f"{pre}datasets/{move.new}/"
            title = catalog.dataset(move.new).title.get(lang)
            for address in pages:
                if address.startswith(new):
                    old = f"{pre}datasets/{move.old}/" + address.removeprefix(new)
                    out[old] = page(lang, old, address.removesuffix("/index.html"), title,
                                    site_url)
    return out


def copies(catalog: Catalog, addresses: Iterable[str]) -> Iterator[Copy]:
    """The files (not pages) an old address serves again: of the site's ``addresses``,
    each one below a new id's folder, at the old id's place."""
    default = catalog.site.default_language
    pres = [prefix(lang, default) for lang in catalog.site.languages]
    rules: list[tuple[str, str, str, str]] = []  # (new start, old start, new name, old)
    for move in moves(catalog):
        for pre in pres:
            if move.kind == "products":
                rules.append((f"{pre}releases/{move.new}/", f"{pre}releases/{move.old}/", "", ""))
                rules.append((f"{pre}calendar/products/{move.new}.ics",
                              f"{pre}calendar/products/{move.old}.ics", "", ""))
            else:
                # A dataset's files are named after it: cpi-thang.csv → cpi.csv.
                rules.append((f"{pre}datasets/{move.new}/", f"{pre}datasets/{move.old}/",
                              move.new + ".", move.old + "."))
    for address in sorted(set(addresses)):
        if address.endswith(".html"):
            continue
        for new, old, name, old_name in rules:
            if address.startswith(new):
                rest = address.removeprefix(new)
                head, _, base = rest.rpartition("/")
                if name and base.startswith(name):
                    base = old_name + base.removeprefix(name)
                yield Copy(old + (f"{head}/" if head else "") + base, address)
