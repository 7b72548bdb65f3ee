"""The browser's half of "the site loads nothing from any other host".

Every page carries a Content-Security-Policy in a ``<meta>`` early in its ``<head>``, so
the promise holds wherever the files are served; ``deploy/nginx.conf`` sends the same
policy as a header, with what only a header can carry (``frame-ancestors``). The files
that name other hosts without a reader needing them (Material's unused search, source
maps, Pagefind's unused interfaces) are left out of the site, and the two addresses
Material's bundle would load from unpkg.com are taken out of it.

A plain module: the plugin calls it, the tests read the policy from it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

# Only the site's own origin, for everything. Why each source beyond 'self' is there:
# - 'wasm-unsafe-eval': Pagefind compiles its WebAssembly search engine in the page and
#   in its worker; it allows compiling WebAssembly and nothing of eval().
# - img-src data: Material draws its icons (admonitions, lists, the copy button) as
#   CSS masks of SVG written into its stylesheet as data: addresses.
# No 'unsafe-inline' for scripts: Material's inline scripts run from a file of the site
# (theme/assets/phobien-material.js), and JSON-LD is data, which a policy never blocks.
# None for styles either: no page carries a style attribute or a <style> element.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# A <meta> policy cannot say who may frame the page: only the header can.
HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)

# The embeddable charts (embed.py) are the one address other sites may frame, any site:
# the page holds only public figures and a link, nothing a framing site could trick a
# reader into doing (what frame-ancestors 'none' guards against). A list of newsrooms
# would need the office to keep it, and each new one to wait for a publish.
EMBED_HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "*"),)
EMBED_ADDRESS = r"^/(en/)?datasets/[^/]+/embed/(index\.html)?$"  # nginx's location

POLICY = "; ".join(f"{name} {value}" for name, value in DIRECTIVES)
HEADER_POLICY = "; ".join(f"{name} {value}" for name, value in DIRECTIVES + HEADER_ONLY)
EMBED_HEADER_POLICY = "; ".join(f"{name} {value}"
                                for name, value in DIRECTIVES + EMBED_HEADER_ONLY)
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'

CHARSET = '<meta charset="utf-8">'


def with_policy(html: str) -> str:
    """The page with the policy's ``<meta>`` just after its charset, before anything it
    loads (a policy binds only what follows it).

    >>> with_policy('<html><head><meta charset="utf-8"><link rel="icon" href="i.png">')[:77]
    '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
    """
    if META in html:
        return html
    if CHARSET in html:
        return html.replace(CHARSET, CHARSET + META, 1)
    return re.sub(r"<head(\s[^>]*)?>", lambda m: m.group(0) + META, html, count=1)


# Material loads the ResizeObserver polyfill (for browsers without it) and Mermaid (for
# pages with a diagram) from unpkg.com, and reads repository facts from api.github.com
# when mkdocs.yml sets repo_url. Every browser phobien supports has ResizeObserver, and
# the site has no diagram and no repo_url: the addresses become empty, and the loader
# fails quietly, as the policy would have made it fail.
FOREIGN_IN_BUNDLE = re.compile(r"https://(?:unpkg\.com/[^\"'`]*|api\.github\.com)")
SOURCE_MAP = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def neutralise_bundle(text: str) -> str:
    """Material's JavaScript bundle without the addresses of other hosts it would load,
    and without its source map comment (the maps, read only by developer tools and
    full of other hosts' names, are left out of the site).

    >>> neutralise_bundle('a=_t("https://unpkg.com/resize-observer-polyfill");')
    'a=_t("");\\n'
    """
    return SOURCE_MAP.sub("\n", FOREIGN_IN_BUNDLE.sub("", text)).rstrip("\n") + "\n"


# Pagefind writes ready-made search interfaces beside its engine; phobien's search page
# (theme/assets/phobien-search.js) uses the engine alone, and the interfaces name their
# authors' hosts.
PAGEFIND_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
                   "pagefind-component-ui.css", "pagefind-modular-ui.js",
                   "pagefind-modular-ui.css", "pagefind-highlight.js")


def prune(site: Path, material_search: bool) -> None:
    """Leave out of the built site what no page loads and that names other hosts, and
    neutralise Material's bundle. ``material_search``: Material's own search is in use
    (phobien's sites search with Pagefind), so its worker and Lunr languages stay."""
    assets = site / "assets"
    for path in sorted(assets.rglob("*.map")) if assets.is_dir() else []:
        path.unlink()
    if not material_search:
        for folder in ("lunr", "workers"):
            shutil.rmtree(assets / "javascripts" / folder, ignore_errors=True)
    for path in sorted((assets / "javascripts").glob("*.js")) if assets.is_dir() else []:
        path.write_text(neutralise_bundle(path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in sorted((assets / "stylesheets").glob("*.css")) if assets.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        path.write_text(SOURCE_MAP.sub("", text), encoding="utf-8")
    for name in PAGEFIND_UNUSED:
        (site / "pagefind" / name).unlink(missing_ok=True)
