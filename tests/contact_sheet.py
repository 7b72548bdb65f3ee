"""One image of every page kind the looks tests photographed (tests/test_looks.py), at
both widths and in both languages: a person checks the whole site at a glance.

Run by `make test` after the tests: ``python -m tests.contact_sheet`` writes
test-artifacts/contact-sheet.png. Each cell is the top of the page (what a reader sees
first and a little more), scaled down; a missing screenshot is an error, so the sheet
always shows every kind.
"""

from __future__ import annotations

import sys

from PIL import Image, ImageDraw

from generator.outputs.pages.cards import _font as font
from tests.browser import ARTIFACTS, VIEWPORTS
from tests.test_looks import KINDS, LANGS, WIDTHS, screenshot_name

SCALE = 0.3
SCREENS = 1.6  # of each page, this many screen heights are shown
GAP = 12
LABEL = 190


def cell_size(width: str) -> tuple[int, int]:
    view = VIEWPORTS[width]
    return int(view["width"] * SCALE), int(view["height"] * SCREENS * SCALE)


def sheet() -> Image.Image:
    columns = [(lang, width) for lang in LANGS for width in WIDTHS]
    row_height = max(cell_size(w)[1] for w in WIDTHS) + GAP + 22
    total_width = LABEL + sum(cell_size(w)[0] + GAP for _, w in columns)
    image = Image.new("RGB", (total_width, 40 + row_height * len(KINDS)), "white")
    draw = ImageDraw.Draw(image)
    title, small = font("Roboto-Bold.ttf", 20), font("Roboto-Regular.ttf", 15)
    x = LABEL
    for lang, width in columns:
        draw.text((x, 4), f"{lang} · {width}", font=small, fill="black")
        draw.text((x, 20), f"{VIEWPORTS[width]['width']} px", font=small, fill="#444")
        x += cell_size(width)[0] + GAP
    missing = []
    for row, kind in enumerate(KINDS):
        top = 40 + row * row_height
        draw.text((8, top + 4), kind, font=title, fill="black")
        draw.text((8, top + 30), KINDS[kind], font=small, fill="#444")
        x = LABEL
        for lang, width in columns:
            w, h = cell_size(width)
            shot = screenshot_name(kind, lang, width)
            if not shot.is_file():
                missing.append(shot.name)
            else:
                with Image.open(shot) as page:
                    full_h = int(page.height * SCALE)
                    thumb = page.convert("RGB").resize((w, full_h), Image.Resampling.LANCZOS)
                    image.paste(thumb.crop((0, 0, w, min(h, full_h))), (x, top))
                    # The whole page's height, in screens: a phone page of 70 is a defect.
                    screens = page.height / VIEWPORTS[width]["height"]
                    draw.text((x, top + h + 2), f"{screens:.1f} screens", font=small,
                              fill="#444")
            draw.rectangle((x - 1, top - 1, x + w, top + h), outline="#999")
            x += w + GAP
    if missing:
        raise SystemExit(f"contact sheet: {len(missing)} screenshots missing: "
                         + ", ".join(missing[:8]))
    return image


def main() -> int:
    target = ARTIFACTS / "contact-sheet.png"
    sheet().save(target, optimize=True)
    print(f"contact sheet: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
