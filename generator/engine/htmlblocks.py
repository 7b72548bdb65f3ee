"""Generated pages without the raw-HTML round trip: their HTML blocks set aside.

A generated page is ATX headings around blank-line separated HTML blocks. Python-Markdown
reads every block with an HTML parser only to store it and put it back unchanged, and
MkDocs parses the whole page once more to collect its ids: at 200 products, 70 % of the
Markdown time. ``split`` finds the blocks with a strict, cheap scan that mirrors how
Python-Markdown's ``HTMLExtractor`` delimits them, and gives a *skeleton*: the page with
each block replaced by a stub that Python-Markdown treats exactly like the block (a block-
level element alone at the same place). The engine renders the skeleton the usual way, so
headings, their slugs, permalinks, the table of contents and the page title come from
Python-Markdown's own code whatever the office configures; ``splice`` then puts the blocks
back in place of the stubs.

Whatever the scan is not sure of (a comment, a tab, a stray ``<`` or ``&``, a paragraph of
Markdown text, a line that is not a heading) makes ``split`` return None: that page goes
through Python-Markdown whole, so the output can never silently differ.

Pure: no site engine; the caller passes Python-Markdown's set of block-level tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from dataclasses import dataclass

# A start tag in a strict grammar: names, quoted values, bare values without "/" (so that
# "/>" means self-closing for us exactly when it does for html.parser). Spaces and line
# breaks only: tabs and other white space make the page fall back.
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
_ATTR = r"""[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:[ \n]*=[ \n]*(?:"[^"<]*"|'[^'<]*'|[^ \n"'=<>`/]+))?"""
_START = re.compile(rf"<({_NAME})((?:[ \n]+{_ATTR})*)[ \n]*(/?)>")
_END = re.compile(rf"</({_NAME})[ \n]*>")
_ATTRS = re.compile(
    r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:[ \n]*=[ \n]*(?:"([^"]*)"|'([^']*)'|([^ \n"'=<>`/]+)))?""")
# What html.parser reads back as the same entity text (else it may add a ";").
_AMP_OK = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
# Characters Python-Markdown changes before it stores a block (NormalizeWhitespace, its
# placeholders' markers), and lines its fenced_code preprocessor would take as a fence.
_UNSAFE = re.compile(r"[\t\r\x02\x03]|\n +\n|\n *(?:```|~~~)|^ *(?:```|~~~)")
_HEADING = re.compile(r"#{1,6}(?: [^\n<]*)?")
# Elements whose text html.parser does not read as tags (script and style; title and
# textarea too since the 2025 security releases of Python): we require no "<" in them, so
# that any of those versions reads them as we do. Those it may read raw in some versions
# (xmp, iframe...) we leave to Python-Markdown.
_TEXT_ONLY = frozenset({"script", "style", "title", "textarea"})
_RAWTEXT = frozenset({"xmp", "iframe", "noembed", "noframes", "plaintext"})

STUB = '<div data-phobien-block="{}"></div>'
"""What stands for the n-th block in the skeleton: block-level, so Python-Markdown stores
it as a raw block just like the block it replaces, with no id (none to count as an anchor)."""


class _Unsure(Exception):
    """The scan meets something it does not mirror exactly: the page takes the slow path."""


@dataclass(frozen=True)
class Split:
    """A generated page's Markdown taken apart."""

    skeleton: str  # the page with each HTML block replaced by STUB.format(n)
    blocks: tuple[str, ...]
    anchor_ids: frozenset[str]  # the blocks' ids (and <a name>), as MkDocs collects them


def split(markdown: str, block_level: Collection[str]) -> Split | None:
    """The page's skeleton and HTML blocks, or None if the page is not only headings and
    HTML blocks as Python-Markdown reads them.

    >>> s = split('# Title\\n\\n<div id="a"><p>x</p></div>\\n', {"div", "p"})
    >>> s.skeleton, s.blocks, sorted(s.anchor_ids)
    ('# Title\\n\\n<div data-phobien-block="0"></div>\\n', ('<div id="a"><p>x</p></div>',), ['a'])
    >>> split("# Title\\n\\nSome *Markdown* text.\\n", {"div", "p"}) is None
    True
    """
    try:
        return _split(markdown, frozenset(block_level))
    except _Unsure:
        return None


def _split(text: str, block_level: frozenset[str]) -> Split:
    skeleton: list[str] = []
    blocks: list[str] = []
    ids: set[str] = set()
    pos, size = 0, len(text)
    while pos < size:
        eol = text.find("\n", pos)
        if eol == -1:
            eol = size
        line = text[pos:eol]
        if line == "" or _HEADING.fullmatch(line):
            # Kept as it is: Python-Markdown renders it (no "<" in a heading, so no tag
            # or comment there can open or swallow a block).
            skeleton.append(text[pos:eol + 1])
            pos = eol + 1
            continue
        end = _block_end(text, pos, block_level, ids)
        # The end tag must close its line: what would follow on it is "tail" to
        # Python-Markdown, a case we do not mirror.
        if end < size and text[end] != "\n":
            raise _Unsure
        block = text[pos:end]
        if _UNSAFE.search(block) or ("&" in block and _bad_amp(block)):
            raise _Unsure
        skeleton.append(STUB.format(len(blocks)))
        blocks.append(block)
        pos = end
    return Split("".join(skeleton), tuple(blocks), frozenset(ids))


def _bad_amp(block: str) -> bool:
    return block.count("&") != len(_AMP_OK.findall(block))


def _block_end(text: str, pos: int, block_level: frozenset[str], ids: set[str]) -> int:
    """Where the HTML block starting at ``pos`` ends, as Python-Markdown's HTMLExtractor
    decides: every start tag is pushed (but "hr" and "<x/>"), an end tag pops down to its
    own name if it is on the stack, and the block ends when the stack is empty."""
    first = _START.match(text, pos)
    # The first tag's name must end at a space or ">" (Python-Markdown tells a block-level
    # block by the characters up to one of them) and be block-level, and not "hr" (an
    # empty tag to Python-Markdown, with rules of its own).
    if (first is None or first.group(1).lower() not in block_level - {"hr"}
            or first.group(3) or text[first.end(1)] not in " >"):
        raise _Unsure
    stack: list[str] = []
    at = pos
    while True:
        lt = text.find("<", at)
        if lt == -1:
            raise _Unsure  # an unclosed block runs to the end: not mirrored
        if text.startswith("</", lt):
            end = _END.match(text, lt)
            if end is None:
                raise _Unsure
            name = end.group(1).lower()
            if name in stack:
                while stack.pop() != name:
                    pass
            at = end.end()
            if not stack:
                return at
            continue
        start = _START.match(text, lt)
        if start is None:
            raise _Unsure  # a comment, a declaration, a "<" in text...
        name = start.group(1).lower()
        if name in _RAWTEXT:
            raise _Unsure
        _collect_ids(name, start.group(2), ids)
        at = start.end()
        if start.group(3) or name == "hr":
            continue
        stack.append(name)
        if name in _TEXT_ONLY:
            close = text.find(f"</{name}>", at)
            if close == -1 or "<" in text[at:close]:
                raise _Unsure
            at = close


def _collect_ids(tag: str, attrs: str, ids: set[str]) -> None:
    """The ids MkDocs' own pass over raw HTML would find (values unescaped, as it reads)."""
    if "id" not in attrs and "name" not in attrs:
        return
    for match in _ATTRS.finditer(attrs):
        key = match.group(1).lower()
        if key == "id" or (key == "name" and tag == "a"):
            value = next((v for v in match.groups()[1:] if v is not None), None)
            if value is not None:
                ids.add(html.unescape(value))


def splice(rendered: str, parts: Split) -> str | None:
    """The rendered skeleton with each block back in its stub's place; None if a stub is
    not found exactly once (then the page must be rendered whole).

    >>> s = split("# T\\n\\n<p>x</p>\\n", {"p", "div"})
    >>> splice('<h1 id="t">T</h1>\\n<div data-phobien-block="0"></div>', s)
    '<h1 id="t">T</h1>\\n<p>x</p>'
    """
    pieces: list[str] = []
    at = 0
    for n, block in enumerate(parts.blocks):
        stub = STUB.format(n)
        found = rendered.find(stub, at)
        if found == -1 or rendered.find(stub, found + 1) != -1:
            return None
        pieces += [rendered[at:found], block]
        at = found + len(stub)
    pieces.append(rendered[at:])
    return "".join(pieces)
