"""Script and HTML in the catalog stay text: in every page, in the browser, and in feeds.

Every text field a statistics office writes (a product's name, content, source, other
information and how to obtain it; an audience, a topic, a unit; the office's name,
description and contact; a calendar's approver, an adjustment's reason, a release's
title; a dataset's title, description, notes, column labels and units) and the string
cells of a dataset carry payloads that would run script if any of them reached a page
as HTML, break out of an attribute, a ``<title>``, or a ``<script>`` block of JSON-LD, or
were read as Markdown or as a template. The site is built and served by nginx; Chromium
opens each kind of page and the search results, and finds no script ran, no dialog
opened, no handler attribute or ``javascript:`` link exists, the payload reads as text,
and the page is whole down to its footer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import icalendar
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.browser import Recorder, chromium
from tests.conftest import FIXTURES, build
from tests.servers import nginx

pytestmark = pytest.mark.slow  # a poisoned site built for the module; two tests in Chromium too

# Each part would do harm in another context: an element, an attribute, <title>, a
# <script> block, a template, Markdown (after a blank line ends an HTML block).
PAYLOAD = (
    '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1;alert(1)"> '
    '"><svg onload=window.__pwned=1> \'><b onmouseover=window.__pwned=1>b</b> '
    "</title></textarea></style></script><script>window.__pwned=1</script> {{ 7*7 }} {% if 1 %}"
    "\n\n[x](javascript:window.__pwned=1) **bold** <http://x.example/> & &amp; &lt;"
)
# What a reader must see, as text, wherever the payload is shown in full.
VISIBLE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '"><svg onload=window.__pwned=1>',
    "{{ 7*7 }}",
    "[x](javascript:window.__pwned=1) **bold**",
    "& &amp; &lt;",
]


def payload(tag: str) -> str:
    """The payload behind a word of its own, so that a page shows whose text it is and a
    search finds it."""
    return f"{tag} {PAYLOAD}"


def texts(tag: str) -> dict[str, str]:
    return {"vi": payload(f"{tag}vi"), "en": payload(f"{tag}en")}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


CALENDAR = {
    "year": 2026,
    "status": "approved",
    "approval": {"approver": texts("zqapprover"), "date": dt.date(2025, 12, 20),
                 "decision": payload("zqdecision")},
    "releases": [
        {"product": "tong-dieu-tra", "period": "ket-qua-so-bo", "completeness": "official",
         "date": dt.date(2026, 10, 15), "time": "14:00", "title": texts("zqreltitle")},
        {"product": "tong-dieu-tra", "period": "ket-qua-chinh-thuc", "completeness": "official",
         "date": dt.date(2026, 12, 15), "title": texts("zqnexttitle")},
    ],
    "adjustments": [
        {"type": "moved", "release": "cpi/2026-10", "from": dt.date(2026, 11, 6),
         "to": dt.date(2026, 11, 9), "announced": "2026-11-01 10:00", "reason": texts("zqreason")},
    ],
}
COLUMNS = [
    ("Kỳ", "ky", "period"),
    ("Mã", "ma", "code"),
    ("Ghi chú <b>", "ghi_chu", "string"),
    ("Chỉ số", "chi_so", "number"),
]
DATASET = {
    "id": "chi-so",
    "product": "cpi",
    "title": texts("zqdstitle"),
    "description": texts("zqdsdesc"),
    "source": {"file": "sources/chi-so.csv"},
    "period": "ky",
    "columns": [
        {"source": source, "id": id_, "label": texts(f"zqlabel{id_.replace('_', '')}"),
         "type": kind, "unit": texts(f"zqunit{id_.replace('_', '')}"),
         "note": texts(f"zqnote{id_.replace('_', '')}")}
        for source, id_, kind in COLUMNS
    ],
    "notes": texts("zqdsnotes"),
    "chart": {"type": "line", "x": "ky", "y": ["chi_so"], "title": texts("zqchart")},
}
CELLS = [
    ("2026-09", "01", payload("zqcellone"), "101.25"),
    ("2026-10", "20", "=HYPERLINK(\"javascript:window.__pwned=1\")" + payload(" zqcelltwo"),
     "99.9"),
    ("2026-11", "08", payload("zqcellembargoed"), "100.5"),  # not released as of AS_OF
]


def poison(project: Path) -> None:
    """Payloads into every text field of the minimal catalog, and a calendar and a
    dataset carrying them too."""
    cat = project / "catalog"
    site = load(cat / "site.yml")
    site["office"] = {"name": texts("zqoffice"), "short_name": texts("zqshort"),
                      "description": texts("zqofficedesc")}
    site["contact"] = {"address": texts("zqaddress"), "phone": payload("zqphone"),
                       "email": payload("zqemail"), "hours": texts("zqhours")}
    dump(cat / "site.yml", site)
    for name, tag in (("audiences", "zqaud"), ("topics", "zqtopic"), ("units", "zqunitname")):
        entries = load(cat / f"{name}.yml")
        for i, entry in enumerate(entries):
            entry["name"] = texts(f"{tag}{i}")
            if name == "units":
                entry["email"] = payload("zqunitemail")
            else:
                entry["description"] = texts(f"{tag}desc{i}")
        dump(cat / f"{name}.yml", entries)
    for product_id in ("vi-du-lieu", "cpi", "tong-dieu-tra"):
        path = cat / f"products/{product_id}.yml"
        product = load(path)
        short = product_id.replace("-", "")
        for key in ("name", "content", "source", "other"):
            product[key] = texts(f"zq{short}{key}")
        if product["access"] == "on-request":
            product["obtain"] = texts(f"zq{short}obtain")
        if product_id == "cpi":
            product["releases"] = [{"period": "month", "day": 6, "time": "09:00"}]
        dump(path, product)
    dump(cat / "calendars/2026.yml", CALENDAR)
    dump(cat / "datasets/chi-so.yml", DATASET)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c[0] for c in COLUMNS])
    writer.writerows(CELLS)
    (cat / "sources").mkdir(exist_ok=True)
    (cat / "sources/chi-so.csv").write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("injection")
    project = tmp / "site_minimal"
    shutil.copytree(FIXTURES / "site_minimal", project)
    poison(project)
    return build(project, tmp / "site")


@pytest.fixture(scope="module")
def served(poisoned: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with nginx(poisoned, tmp_path_factory.mktemp("nginx-injection")) as port:
        yield f"127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


# Each page, and the words whose whole payload it must show as text.
PAGES = {
    "/": ["zqofficevi"],
    "/en/": ["zqofficeen"],
    "/products/vi-du-lieu/": ["zqvidulieunamevi", "zqvidulieucontentvi",
                              "zqvidulieusourcevi", "zqvidulieuothervi", "zqvidulieuobtainvi",
                              "zqaud1vi", "zqtopic0vi", "zqunitname0vi"],
    "/en/products/vi-du-lieu/": ["zqvidulieunameen", "zqvidulieuobtainen", "zqvidulieuotheren"],
    "/products/cpi/": ["zqcpinamevi", "zqcpicontentvi", "zqdstitlevi"],
    "/audiences/public/": ["zqaud2vi", "zqauddesc2vi"],
    "/topics/gia-ca/": ["zqtopic0vi", "zqtopicdesc0vi"],
    "/topics/": ["zqtopic1vi"],
    "/calendar/": ["zqreltitlevi", "zqnexttitlevi"],
    "/calendar/changes/": ["zqreasonvi"],
    "/en/calendar/changes/": ["zqreasonen"],
    "/releases/tong-dieu-tra/ket-qua-so-bo/": ["zqreltitlevi"],
    "/releases/cpi/2026-10/": ["zqreasonvi"],
    "/datasets/chi-so/": ["zqdstitlevi", "zqdsdescvi", "zqdsnotesvi", "zqlabelghichuvi",
                          "zqcellone", "zqcelltwo"],
    "/en/datasets/chi-so/": ["zqdstitleen", "zqlabelghichuen"],
}

# Checks run in the page: what would show that a payload became markup.
INSPECT = """() => {
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) handlers.push(el.tagName + ' ' + attr.name);
    }
  }
  const scripts = [...document.querySelectorAll('script')].map(s => ({
    type: s.type, src: s.getAttribute('src') || '', text: s.textContent}));
  return {
    pwned: typeof window.__pwned,
    handlers,
    scripts,
    jsLinks: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
      .filter(h => /^\\s*javascript:/i.test(h)),
    images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src')),
    svgs: document.querySelectorAll('svg[onload]').length,
    bold: [...document.querySelectorAll('strong, b')].map(b => b.textContent)
      .filter(t => t === 'bold' || t === 'b'),
    footer: !!document.querySelector('footer.md-footer'),
    h1: !!document.querySelector('article h1'),
    text: document.body.innerText,
    title: document.title,
  };
}"""


def normalise(text: str) -> str:
    return " ".join(text.split())


def visit(browser: Browser, origin: str, path: str) -> tuple[dict[str, Any], list[str], Page]:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    recorder = Recorder(origin).attach(page)
    response = page.goto(f"http://{origin}{path}")
    assert response is not None and response.ok, path
    page.wait_for_load_state("networkidle")
    found = page.evaluate(INSPECT)
    found["problems"] = recorder.problems()
    return found, dialogs, page


def assert_inert(found: dict[str, Any], dialogs: list[str], where: str) -> None:
    assert found["pwned"] == "undefined", f"{where}: a payload ran"
    assert not dialogs, f"{where}: a dialog opened: {dialogs}"
    assert not found["handlers"], f"{where}: handler attributes: {found['handlers']}"
    assert not found["jsLinks"], f"{where}: javascript: links {found['jsLinks']}"
    assert "x" not in found["images"], f"{where}: an <img src=x> was made"
    assert not found["svgs"] and not found["bold"], f"{where}: markup from the payload"
    for script in found["scripts"]:
        assert "pwned" not in script["src"], where
        if script["type"] == "application/ld+json":
            json.loads(script["text"])  # whole: nothing broke out of it
        else:
            assert "pwned" not in script["text"], f"{where}: a script of the payload"
    assert found["h1"] and found["footer"], f"{where}: the page is not whole"
    assert not found["problems"], f"{where}: {found['problems']}"


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize("path", list(PAGES))
def test_payloads_stay_text_in_the_browser(browser: Browser, served: str, path: str) -> None:
    found, dialogs, page = visit(browser, served, path)
    try:
        assert_inert(found, dialogs, path)
        text = normalise(found["text"])
        for tag in PAGES[path]:
            assert tag in text, f"{path}: {tag} is not shown"
        # At least one payload is shown whole, as the office wrote it.
        tag = PAGES[path][0]
        start = text.index(tag)
        shown = text[start: start + len(PAYLOAD) + 200]
        for part in VISIBLE:
            assert normalise(part) in shown, f"{path}: {part!r} is not shown as text"
        # The office's name, in the tab's title, as text too.
        assert "<script>window.__pwned=1</script>" in found["title"], found["title"]
    finally:
        page.context.close()


def test_embargoed_cell_is_nowhere(poisoned: Path) -> None:
    for path in poisoned.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".csv", ".json", ".xml", ".ics"):
            assert b"zqcellembargoed" not in path.read_bytes(), path


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_search_results_show_payloads_as_text(browser: Browser, served: str, lang: str) -> None:
    prefix = "" if lang == "vi" else "en/"
    word = f"zqvidulieuname{lang}"
    found, dialogs, page = visit(browser, served, f"/{prefix}search/?q={quote(word)}")
    try:
        expect(page.locator("#phobien-search-status")).to_have_text(re.compile(r"\S"),
                                                                    timeout=30_000)
        links = page.eval_on_selector_all(
            "#phobien-search-results a", "els => els.map(e => [e.getAttribute('href'), "
            "e.textContent])")
        assert any("products/vi-du-lieu/" in href for href, _ in links), links
        title = next(text for href, text in links if "products/vi-du-lieu/" in href)
        assert f"{word} <script>window.__pwned=1</script>" in normalise(title), title
        found = page.evaluate(INSPECT)
        found["problems"] = {}
        assert_inert(found, dialogs, "search")
    finally:
        page.context.close()


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_feeds_carry_payloads_as_text(poisoned: Path, lang: str) -> None:
    prefix = "" if lang == "vi" else "en/"
    ics = (poisoned / prefix / "calendar/all.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(ics)
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    titled = [s for s in summaries if f"zqreltitle{lang}" in s]
    assert titled, summaries
    assert "<script>window.__pwned=1</script>" in titled[0]
    assert str(calendar["X-WR-CALNAME"]).count("zqoffice") == 1
    descriptions = " ".join(str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT"))
    assert f"zqreason{lang} <script>window.__pwned=1</script>" in normalise(descriptions)

    feed = ET.fromstring((poisoned / prefix / "feed.xml").read_bytes())
    shown = []
    for element in feed.iter():
        # Text constructs are plain text: a reader shows them, never renders them.
        assert element.get("type") in (None, "text"), element.tag
        shown.append(element.text or "")
    everything = normalise(" ".join(shown))
    assert f"zqreltitle{lang} <script>window.__pwned=1</script>" in everything
    assert f"zqreason{lang} <script>window.__pwned=1</script>" in everything
    assert "zqcellembargoed" not in everything
    # The raw file: the payload's markup is escaped, never an element of the feed.
    raw = (poisoned / prefix / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    assert not re.search(r"<(img|svg|b)\b", raw)
