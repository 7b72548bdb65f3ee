"""Preview images for shared links: a card per product and language, drawn at build time.

Facebook and Zalo, where much of Vietnam's news travels, show a link with its Open Graph
image. The card carries the office's name and the product's name in a font with every
Vietnamese letter (Roboto, shipped by the ``font-roboto`` package), so that nothing is
fetched from elsewhere. Cards are cached by content: a rebuild redraws none that did not
change.
"""

from __future__ import annotations

import functools
import hashlib
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import font_roboto
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(font_roboto.__file__).parent / "files"
BACKGROUND = "#1a237e"  # deep indigo, the site's palette; white text on it is 14:1
ACCENT = "#ffca28"
VERSION = "2"


@dataclass(frozen=True)
class Card:
    address: str  # below the site root, e.g. assets/cards/cpi.vi.png
    path: Path  # the file on disk
    alt: str


@functools.cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def drawable(text: str) -> str:
    """``text`` without control and format characters (tab, BOM, zero-width joiners…):
    they draw nothing, and some sequences of them make the text layout (raqm) fail.

    >>> drawable("Cục\ufeff Thống kê\u200c")
    'Cục Thống kê'
    """
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))


def draw(office: str, title: str, kicker: str, target: Path) -> None:
    office, title, kicker = drawable(office), drawable(title), drawable(kicker)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=ACCENT)
    pen.text((72, 64), office, font=_font("Roboto-Medium.ttf", 36), fill="#ffffff")
    pen.text((72, 132), kicker, font=_font("Roboto-Regular.ttf", 30), fill=ACCENT)
    lines = textwrap.wrap(title, width=30)[:4]
    y = 220
    for line in lines:
        pen.text((72, y), line, font=_font("Roboto-Bold.ttf", 64), fill="#ffffff")
        y += 80
    target.parent.mkdir(parents=True, exist_ok=True)
    # optimize=True tries every zlib strategy: three times the time for 5% fewer bytes.
    image.save(target, format="PNG")


def card(work_dir: Path, key: str, lang: str, office: str, title: str, kicker: str) -> Card:
    """The card for ``key`` (a product id) in ``lang``, drawn once per distinct content."""
    digest = hashlib.sha256("\0".join((VERSION, office, title, kicker)).encode()).hexdigest()
    path = work_dir / "cards" / digest[:2] / f"{digest[:32]}.png"
    if not path.is_file():
        partial = path.with_suffix(".partial.png")
        draw(office, title, kicker, partial)
        partial.rename(path)
    return Card(f"assets/cards/{key}.{lang}.png", path, f"{kicker}: {title}")
