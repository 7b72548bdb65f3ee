"""The generated pages' fast path (generator/engine/htmlblocks.py): their HTML blocks set
aside, only the headings' skeleton through Python-Markdown, the blocks put back.

What it must never do is change a byte: the example site built with it and without it
(PHOBIEN_WHOLE_MARKDOWN=1) is the same site; random pages of headings and blocks render to
the same HTML, table of contents and anchors as Python-Markdown makes of them whole; and
what the scan does not mirror exactly falls back to Python-Markdown.
"""

from __future__ import annotations

import logging
import random
import re
from pathlib import Path

import markdown
import pytest
from mkdocs.structure.pages import _HTMLHandler

from generator.engine import build_site, htmlblocks
from generator.engine.plugin import WHOLE_MARKDOWN
from generator.outputs.pages.render import md_heading
from tests.conftest import AS_OF, copy_example

# The example site's extensions, with the three MkDocs always adds.
EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list"]
CONFIGS = {"toc": {"permalink": True}}


def md() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)


BLOCK_LEVEL = frozenset(md().block_level_elements)


def whole(text: str) -> tuple[str, object, set[str]]:
    """What Python-Markdown and MkDocs' own pass over raw HTML make of a page."""
    m = md()
    out = m.convert(text)
    handler = _HTMLHandler()
    handler.feed(text)
    handler.close()
    return out, m.toc_tokens, handler.present_anchor_ids


def fast(text: str) -> tuple[str, object, set[str]] | None:
    parts = htmlblocks.split(text, BLOCK_LEVEL)
    if parts is None:
        return None
    m = md()
    out = htmlblocks.splice(m.convert(parts.skeleton), parts)
    assert out is not None
    return out, m.toc_tokens, set(parts.anchor_ids)


# --- random pages: the same as Python-Markdown makes of them whole -----------------------

WORDS = ["Chỉ số", "giá", "CPI", "(GRDP)", "quý II/2026", "a.b", "x_y", "*", "#1", "[x]",
         "`c`", "{#id}", "Q3 2026", "-", "+", "!", "&", "<b>", "tháng 10", "—", "1.", "a=b"]
BLOCKS = [
    '<div class="phobien-lead"><p>{w}</p></div>',
    '<p class="phobien-ways"><a href="../x/">{w}</a> · <a href="#phobien-by-month">y</a></p>',
    '<div class="admonition info" id="box-{n}">\n<p class="admonition-title">{w}</p>\n'
    '<p>{w}</p>\n</div>',
    '<div class="phobien-list"><table>\n<caption>{w}</caption>\n<tbody>\n'
    '<tr><td data-label="{w}">{w}<br>{w}</td></tr>\n</tbody>\n</table></div>',
    '<script type="application/ld+json">{{"name": "{w}"}}</script>',
    '<figure class="phobien-figure">\n<svg viewBox="0 0 10 10"><title>{w}</title>'
    '<path d="M0 0L10 10"/></svg>\n<figcaption>{w}</figcaption>\n</figure>',
    '<div class="phobien-filter" hidden>\n<input type="search" id="q-{n}" autocomplete="off">'
    '\n</div>\n<script src="../a.js" defer></script>',
    '<nav aria-label="{w}"><ul>\n<li><a name="n{n}" href="x">{w}</a></li>\n</ul></nav>',
    '<ul class="phobien-cards">\n<li><p><strong>{w}</strong></p>\n<p>{w}</li>\n</ul>',
]


def escaped(text: str) -> str:
    return str(md_heading(text))


def random_page(rng: random.Random) -> str:
    lines: list[str] = []
    for n in range(rng.randint(1, 12)):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.4:
            level = 1 if n == 0 else rng.randint(2, 3)
            # through the heading filter, or our own words as the templates write t('...')
            text = escaped(words) if rng.random() < 0.7 else words.replace("<", "")
            lines.append("#" * level + " " + text)
        else:
            lines.append(rng.choice(BLOCKS).format(w=escaped(words), n=n))
        if rng.random() < 0.85:  # else the next one follows on the next line
            lines.append("")
    return "\n".join(lines) + ("\n" if rng.random() < 0.8 else "")


@pytest.mark.parametrize("seed", range(300))
def test_a_random_page_renders_as_python_markdown_renders_it(seed: int) -> None:
    page = random_page(random.Random(seed))
    got = fast(page)
    if got is None:  # not taken: the page goes through Python-Markdown whole
        return
    assert got == whole(page)


def test_most_random_pages_take_the_fast_path() -> None:
    # The comparison above proves nothing about pages that fall back.
    taken = sum(fast(random_page(random.Random(seed))) is not None for seed in range(300))
    assert taken > 250


def test_a_heading_with_the_same_text_twice_gets_the_same_ids() -> None:
    page = "# CPI\n\n<p>a</p>\n\n## CPI\n\n<div>b</div>\n\n## CPI\n"
    got = fast(page)
    assert got is not None and got == whole(page)
    assert 'id="cpi_1"' in got[0] and 'id="cpi_2"' in got[0]


def test_blocks_back_to_back_render_as_python_markdown_renders_them() -> None:
    page = "## A\n<div>x</div>\n<script src=\"a.js\"></script>\n\n<p>y</p>\n## B\n\n<p>z</p>"
    got = fast(page)
    assert got is not None and got == whole(page)


# --- what it does not mirror falls back ----------------------------------------------------

@pytest.mark.parametrize("page", [
    "# T\n\nSome *Markdown* text.\n",                    # a paragraph
    "# T\n\n<div><!-- a comment --></div>\n",            # a comment
    "# T\n\n<div>\ta tab</div>\n",                       # a tab (expanded by Python-Markdown)
    "# T\n\n<div>a\n   \nb</div>\n",                     # a line of spaces (emptied)
    "# T\n\n<div>a & b</div>\n",                         # a bare "&"
    "# T\n\n<div>a < b</div>\n",                         # a bare "<"
    "# T\n\n<div>\n```\ncode\n```\n</div>\n",            # a fence inside a block
    "# T\n\n<div><p>unclosed</div\n",                    # a broken end tag
    "# T\n\n<div><p>never closed</p>\n",                 # a block to the end
    "# T\n\n<div>x</div> tail\n",                        # text after the end tag
    "# T\n\n <div>indented</div>\n",                     # not at the line's start
    "# T\n\n<span>inline</span>\n",                      # not a block-level tag
    "# T <b>x</b>\n\n<div>y</div>\n",                    # a tag in a heading
    "# T\n\n<hr>\n",                                     # an empty tag first
    "# T\n\n<div><script>if (a < b) {}</script></div>\n",  # "<" in a script
    "# T\n\n<div><iframe>x</iframe></div>\n",            # raw text in some Pythons
    "# T\n\n<div class=a/b>x</div>\n",                   # a bare value with "/"
    "#T\n\n<div>x</div>\n",                              # a heading without a space
])
def test_what_the_scan_does_not_mirror_goes_through_python_markdown(page: str) -> None:
    assert htmlblocks.split(page, BLOCK_LEVEL) is None


def test_a_stub_not_found_once_is_not_spliced() -> None:
    parts = htmlblocks.split("# T\n\n<p>x</p>\n", BLOCK_LEVEL)
    assert parts is not None
    assert htmlblocks.splice("<h1>T</h1>", parts) is None
    stub = htmlblocks.STUB.format(0)
    assert htmlblocks.splice(stub + stub, parts) is None


# --- the example site, both ways -----------------------------------------------------------

class Counted(logging.Handler):
    """The plugin's closing count of the pages that went each way."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.paths: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        found = re.search(r"set aside: (\d+), through Python-Markdown whole: (\d+)",
                          record.getMessage())
        if found:
            self.paths = {"blocks": int(found[1]), "whole": int(found[2])}


def built(project: Path, site: Path) -> dict[str, int]:
    logger = logging.getLogger("mkdocs.plugins.phobien")
    counted, level = Counted(), logger.level
    logger.addHandler(counted)
    logger.setLevel(logging.DEBUG)
    try:
        build_site(project / "mkdocs.yml", site, AS_OF)
    finally:
        logger.removeHandler(counted)
        logger.setLevel(level)
    return counted.paths


def every_file(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


@pytest.mark.slow
def test_the_example_site_is_the_same_with_and_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_example(tmp_path / "project")
    fast_paths = built(project, tmp_path / "fast")
    monkeypatch.setenv(WHOLE_MARKDOWN, "1")
    whole_paths = built(project, tmp_path / "whole")
    # Every generated page but the two home pages took the fast path, and none fell back:
    # a template that starts writing Markdown the scan does not mirror shows here.
    assert fast_paths["whole"] == 0 and fast_paths["blocks"] > 600, fast_paths
    assert whole_paths == {"blocks": 0, "whole": 0}
    fast_files, whole_files = every_file(tmp_path / "fast"), every_file(tmp_path / "whole")
    assert sorted(fast_files) == sorted(whole_files)
    differ = [name for name in fast_files if fast_files[name] != whole_files[name]]
    assert differ == []
