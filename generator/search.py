"""Search: a Pagefind index of the built site, per language, that folds Vietnamese.

Measured on the example site (docs/staff/search.md): MkDocs-Material's lunr search finds
nothing for ``dan so``; Pagefind folds diacritics (``dân số`` and ``dan so`` find the same
pages), splits the index by language and loads it in chunks. It does not fold ``đ`` to
``d`` (``đ`` is a letter of its own, not ``d`` plus a mark), so each page carries, hidden,
the folded spelling of its words with ``đ``: ``Đồng Đăng`` is then found by ``dong dang``.

Vietnamese words are made of syllables (``chỉ số giá``), each of them common, so a query
of loose syllables ranks pages poorly. Each page also carries, hidden, the folded pairs
of neighbouring syllables of its text (``chi_so so_gia``); the search page looks for
those pairs first and then for the loose syllables, so pages with the query's words
side by side come first.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

from .text import fold

_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def folded_words(page_html: str) -> str:
    """The page's words that contain ``đ``, folded, for the index only.

    >>> folded_words("<p>Cửa khẩu <b>Đồng Đăng</b>, đang tăng</p>")
    'dang dong'
    """
    text = html.unescape(_TAGS.sub(" ", page_html))
    # Words first, then those with đ: a pattern such as \w*đ\w* backtracks over every
    # long word without đ, quadratically (a 100,000-letter word took minutes).
    return " ".join(sorted({fold(w) for w in _WORD.findall(text) if "đ" in w or "Đ" in w}))


def title_pairs(page_html: str) -> str:
    """Folded pairs of neighbouring syllables of the page's text, each pair once, in the
    order they first appear (the title's first).

    >>> title_pairs('<h1 id="x">Chỉ số giá<a class="headerlink" href="#x">¶</a></h1><p>Giá</p>')
    'chi_so so_gia'
    """
    # Tags end a run too: a cell, a heading or a link is a unit of its own.
    text = html.unescape(_TAGS.sub(" | ", _PERMALINK.sub("", page_html)))
    pairs: dict[str, None] = {}
    # Pairs never cross a sentence or a cell: split on punctuation first.
    for piece in re.split(r"[^\w\s]+", fold(text)):
        syllables = piece.split()
        for a, b in itertools.pairwise(syllables):
            pairs.setdefault(f"{a}_{b}", None)
    return " ".join(pairs)


# A product or a dataset is what a search for its name means; its many releases come next.
# Listings (every product's name on one page) match everything and mean little.
WEIGHTS = {"products": 6.0, "datasets": 3.0, "listing": 0.3}


def with_folded_words(page_html: str, section: str = "") -> str:
    """The page with its folded words and syllable pairs, hidden, for the index.

    ``section`` (``products``, ``releases``...) weights the pairs, so that the page of a
    product ranks above the many releases that repeat its name. A release page is indexed
    by its title alone (see ``TITLE_ONLY``).
    """
    indexed = page_html
    if section in TITLE_ONLY:
        head, end, rest = page_html.partition("</h1>")
        if end:
            indexed = head + end
            page_html = f"{indexed}\n<div data-pagefind-ignore>{rest}</div>"
    words = " ".join(w for w in (folded_words(indexed), title_pairs(indexed)) if w)
    if not words:
        return page_html
    weight = WEIGHTS.get(section, 1.0)
    # Hidden from readers and assistive technology; Pagefind reads it all the same.
    return (page_html + f'\n<div hidden data-phobien-folded="" '
            f'data-pagefind-weight="{weight}">{words}</div>\n')


# A national catalog has tens of thousands of release pages, each repeating its product's
# fields: indexed whole they made Pagefind's index (and its memory: 4.3 GB at 32,000
# pages) grow with the catalog. A release is searched for by its name, which its title
# holds in full (product, period, completeness); its product's page carries the rest.
TITLE_ONLY = {"releases"}


def index_site(site_dir: Path) -> None:
    """Run Pagefind (its binary ships in the ``pagefind[bin]`` package) over the site."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {(result.stderr or result.stdout).strip()[:500]}")
    _stable_entry(site_dir / "pagefind" / "pagefind-entry.json")


def _stable_entry(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in a random order from one run to
    the next; sorted, the same site gives the same bytes. Its script picks a language by
    name (or the one with the most pages), never by position."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                     encoding="utf-8")
