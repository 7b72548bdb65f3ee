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
side by side come first. The pairs of the title weigh more than those of the text, so a
page named by the query comes before the pages that merely mention it.

These hidden words are for the index only. Pagefind keeps them at the end of the page's
text, after the anchor ``phobien-index``; the search page cuts them off and writes each
excerpt from the page's own words, as written. Each page also tells the search page what
it is (``kind``), whether a release is out yet (``status``) and its period (``period``),
so that released items come before announcements of future ones, the latest first.
"""

from __future__ import annotations

import html
import itertools
import re

# The index itself, built in parts: search_index.py (the plugin calls it from here).
from generator.outputs.pages.search_index import index_site as index_site
from generator.text import fold

_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
# A script's text is no page text: the JSON-LD of a dataset carries every language.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
# The anchor the search page cuts a page's text at: what follows is for the index only.
INDEX_ANCHOR = "phobien-index"


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


# What a page is, from its section: a product or a dataset is what a search for its name
# means; its many releases come next. Listings (every product's name on one page) match
# everything and mean little.
KINDS = {"products": "product", "datasets": "dataset", "releases": "release",
         "listing": "listing"}
# Pagefind weights (0 to 10) of the hidden words: those of the title, those of the text.
# A release not yet out is named by its title like one that is, but is what fewer readers
# look for: its title weighs less.
TITLE_WEIGHTS = {"product": 10.0, "dataset": 8.0, "release": 5.0, "page": 5.0,
                 "listing": 0.5, "announced": 1.0}
TEXT_WEIGHTS = {"product": 2.0, "dataset": 1.5, "listing": 0.3}
_STATUS = re.compile(r'class="admonition \w+ phobien-status-(\w+)"')
_STATUSES = {"published": "published", "announcement": "announced", "cancelled": "cancelled"}


def section_of(src: str) -> str:
    """The section of a page's source path (without its language folder); ``listing``
    for the index page of a folder.

    >>> section_of("releases/cpi/2026-10.md"), section_of("products/index.md")
    ('releases', 'listing')
    """
    return "listing" if src.endswith("index.md") else src.split("/")[0]


def page_facts(page_html: str, src: str) -> dict[str, str]:
    """What the search page orders results by: the page's kind and, for a release, its
    status (known at build time: the release page says it) and its period.

    ``src`` is the page's source path without its language folder.

    >>> page_facts('<div class="admonition info phobien-status-announcement">',
    ...            "releases/cpi/2026-11.md")
    {'kind': 'release', 'status': 'announced', 'period': '2026-11'}
    >>> page_facts("<p>x</p>", "products/cpi.md")
    {'kind': 'product'}
    """
    kind = KINDS.get(section_of(src), "page")
    facts = {"kind": kind}
    if kind == "release":
        found = _STATUS.search(page_html)
        facts["status"] = _STATUSES.get(found.group(1), "published") if found else "published"
        parts = src.removesuffix(".md").split("/")
        if len(parts) > 2:
            facts["period"] = parts[2]
    return facts


def with_folded_words(page_html: str, src: str = "") -> str:
    """The page as Pagefind should index it: its title without the permalink's "¶", and
    its folded words and syllable pairs hidden at the end, with the facts the search page
    orders results by (see ``page_facts``).

    The pairs of the title (the ``h1``) weigh by the page's kind (``TITLE_WEIGHTS``),
    the others less (``TEXT_WEIGHTS``), so that the page of a product ranks above the
    many releases that repeat its name. A release page is indexed by its title alone
    (see ``TITLE_ONLY``).
    """
    facts = page_facts(page_html, src)
    kind = facts["kind"]
    # The permalink's "¶" would end every result's title (Pagefind takes the first h1).
    page_html = page_html.replace('<a class="headerlink"', '<a class="headerlink" '
                                  "data-pagefind-ignore")
    # A table's column headings run together in Pagefind's text ("NameCycleFormAccess")
    # and say nothing a reader searches for: the cells below them are indexed.
    page_html = page_html.replace("<thead>", "<thead data-pagefind-ignore>")
    head, end, rest = page_html.partition("</h1>")
    title, body = (head + end, rest) if end else ("", page_html)
    if section_of(src) in TITLE_ONLY and end:
        page_html = f"{title}\n<div data-pagefind-ignore>{rest}</div>"
        body = ""
    body = _SCRIPT.sub(" ", body)
    title_words = " ".join(w for w in (folded_words(title), title_pairs(title)) if w)
    body_words = " ".join(w for w in (folded_words(body), title_pairs(body)) if w)
    title_weight = TITLE_WEIGHTS["announced" if facts.get("status", "published")
                                 != "published" else kind]
    text_weight = TEXT_WEIGHTS.get(kind, 1.0)
    meta = "".join(f'<span data-pagefind-meta="{key}:{value}"></span>'
                   for key, value in facts.items())
    # Hidden from readers and assistive technology; Pagefind reads it all the same.
    return (page_html + f'\n<div hidden id="{INDEX_ANCHOR}" data-phobien-folded="">{meta}'
            f'<span data-pagefind-weight="{title_weight}">{title_words}</span> '
            f'<span data-pagefind-weight="{text_weight}">{body_words}</span></div>\n')


# A national catalog has tens of thousands of release pages, each repeating its product's
# fields: indexed whole they made Pagefind's index (and its memory: 4.3 GB at 32,000
# pages) grow with the catalog. A release is searched for by its name, which its title
# holds in full (product, period, completeness); its product's page carries the rest.
TITLE_ONLY = {"releases"}
