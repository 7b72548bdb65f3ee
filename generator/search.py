"""Search: a Pagefind index of the built site, per language, that folds Vietnamese.

Measured on the example site (docs/staff/search.md): MkDocs-Material's lunr search finds
nothing for ``dan so``; Pagefind folds diacritics (``dân số`` and ``dan so`` find the same
pages), splits the index by language and loads it in chunks. It does not fold ``đ`` to
``d`` (``đ`` is a letter of its own, not ``d`` plus a mark), so each page carries, hidden,
the folded spelling of its words with ``đ``: ``Đồng Đăng`` is then found by ``dong dang``.

Vietnamese words are made of syllables (``chỉ số giá``), each of them common, so a query
of loose syllables ranks pages poorly. Each page also carries, hidden, the folded pairs
of neighbouring syllables of its title (``chi_so so_gia``); the search page looks for
those pairs first and then for the loose syllables, so the page named by the query
comes first.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

from .text import fold

_TAGS = re.compile(r"<[^>]+>")
_WITH_D = re.compile(r"\w*[đĐ]\w*")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def folded_words(page_html: str) -> str:
    """The page's words that contain ``đ``, folded, for the index only.

    >>> folded_words("<p>Cửa khẩu <b>Đồng Đăng</b>, đang tăng</p>")
    'dang dong'
    """
    text = html.unescape(_TAGS.sub(" ", page_html))
    return " ".join(sorted({fold(w) for w in _WITH_D.findall(text)}))


def title_pairs(page_html: str) -> str:
    """Folded pairs of neighbouring syllables of the page's title.

    >>> title_pairs('<h1 id="x">Chỉ số giá tiêu dùng<a class="headerlink" href="#x">¶</a></h1>')
    'chi_so so_gia gia_tieu tieu_dung'
    """
    match = _H1.search(page_html)
    if match is None:
        return ""
    title = html.unescape(_TAGS.sub(" ", _PERMALINK.sub("", match.group(1))))
    syllables = re.findall(r"\w+", fold(title))
    return " ".join(f"{a}_{b}" for a, b in zip(syllables, syllables[1:], strict=False))


def with_folded_words(page_html: str) -> str:
    words = " ".join(w for w in (folded_words(page_html), title_pairs(page_html)) if w)
    if not words:
        return page_html
    # Hidden from readers and assistive technology; Pagefind reads it all the same.
    return page_html + f'\n<div hidden data-phobien-folded="">{words}</div>\n'


def index_site(site_dir: Path) -> None:
    """Run Pagefind (its binary ships in the ``pagefind[bin]`` package) over the site."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {(result.stderr or result.stdout).strip()[:500]}")
