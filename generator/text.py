"""Small text helpers shared by the catalog, the pages and (later) search."""

from __future__ import annotations

import re
import unicodedata

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


SLUG_MAX = 80


def is_slug(value: str) -> bool:
    """Identifiers are lowercase ASCII slugs, so that addresses never change with encoding.

    At most ``SLUG_MAX`` letters: each is a folder of the site, and a file name has room
    for 255 bytes (a longer one stopped the build with "File name too long").

    >>> is_slug("bao-cao-kt-xh-thang"), is_slug("Báo-cáo"), is_slug("a--b"), is_slug("a" * 81)
    (True, False, False, False)
    """
    return len(value) <= SLUG_MAX and SLUG.fullmatch(value) is not None


def fold(value: str) -> str:
    """Strip Vietnamese diacritics and case, for sorting and matching.

    ``đ`` is a letter of its own, not ``d`` plus a mark, so NFD alone leaves it alone.

    >>> fold("Đồng bằng Sông Cửu Long")
    'dong bang song cuu long'
    """
    decomposed = unicodedata.normalize("NFD", value)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D").casefold()


def sort_key(value: str) -> tuple[str, str]:
    """A stable order for Vietnamese names: by letters first, then by the exact text.

    Python's plain ``sorted`` puts ``Đ`` after ``Z``; readers expect it beside ``D``.
    """
    return (fold(value), unicodedata.normalize("NFC", value))
