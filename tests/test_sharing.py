"""Links shared on Facebook and Zalo show what they point to: Open Graph, Twitter Card and
a preview image drawn at build time."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lhtml
from PIL import Image

from generator.outputs.pages import cards

pytestmark = pytest.mark.slow  # the example site

SITE = "https://thongke.langson.example/"


def meta(site: Path, url: str) -> dict[str, str]:
    doc = lhtml.fromstring((site / url / "index.html").read_bytes())
    out = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
    return {k: v for k, v in out.items() if k}


@pytest.mark.parametrize(("url", "lang", "title"), [
    ("products/cpi", "vi", "Chỉ số giá tiêu dùng"),
    ("en/products/cpi", "en", "Consumer price index"),
    ("releases/cpi/2026-10", "vi", "Chỉ số giá tiêu dùng, tháng 10/2026 (chính thức)"),
])
def test_product_and_release_pages_carry_sharing_metadata(example_site: Path, url: str,
                                                          lang: str, title: str) -> None:
    tags = meta(example_site, url)
    assert tags["og:title"] == title and tags["twitter:title"] == title
    assert tags["og:url"] == SITE + url + "/"
    assert tags["og:locale"] == {"vi": "vi_VN", "en": "en_GB"}[lang]
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:description"] and tags["og:image:alt"]
    image = tags["og:image"]
    assert image == tags["twitter:image"] and image.startswith(SITE + "assets/cards/cpi.")
    path = example_site / image.removeprefix(SITE)
    with Image.open(path) as png:
        assert png.format == "PNG" and png.size == (1200, 630)


def test_other_pages_do_not_pretend(example_site: Path) -> None:
    assert "og:title" not in meta(example_site, "calendar")


def test_a_card_is_drawn_whatever_invisible_characters_the_catalog_holds(
        tmp_path: Path) -> None:
    """A tab, carriage returns, a BOM and zero-width characters around a name made the
    text layout fail (hypothesis found it in tests/test_fuzz.py): they draw nothing and
    are left out."""
    target = tmp_path / "card.png"
    cards.draw("\t<\r\u200c\\\ufeff\ra\u2060", "Chỉ số giá\u200b tiêu dùng", "Hằng tháng",
               target)
    assert Image.open(target).size == (cards.WIDTH, cards.HEIGHT)
