"""The embeddable charts (generator/outputs/pages/embed.py): one page per charted dataset
and language, read back from the real example build as a stranger would (lxml and the
published CSV); what a build before a release leaves out; what the verification refuses
in an embed page; the <iframe> code the dataset page offers; the nginx framing policy."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lhtml

from generator.check import load_catalog
from generator.outputs.pages import embed, policy
from generator.releases.plan import period_short, plan
from generator.verify import VerificationError, verify_site
from tests.conftest import AS_OF, ROOT, build, copy_example
from tests.servers import nginx

HOST = "thongke.langson.example"
CHARTED = ["ban-le-thang", "cpi-thang", "grdp-quy", "iip-thang"]
OFFICE = {"vi": "Cục Thống kê tỉnh Lạng Sơn", "en": "Lạng Sơn Provincial Statistics Office"}
LANGS = {"vi": "", "en": "en/"}


def embed_page(site: Path, lang: str, dataset: str) -> lhtml.HtmlElement:
    path = site / LANGS[lang] / "datasets" / dataset / "embed" / "index.html"
    return lhtml.fromstring(path.read_bytes())


def table_periods(page: lhtml.HtmlElement) -> list[str]:
    return [row.get("data-period") for row in page.xpath("//tbody/tr")]


def test_the_iframe_code_escapes_its_attributes() -> None:
    code = embed.snippet("https://x.example/a/", 'Số "chính thức" <b> & khác', 400)
    tree = lhtml.fromstring(code)
    assert tree.tag == "iframe"
    assert tree.get("title") == 'Số "chính thức" <b> & khác'
    assert (tree.get("width"), tree.get("height")) == ("640", "400")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("dataset", CHARTED)
def test_each_charted_dataset_has_a_small_scriptless_embed_page(
    example_site: Path, lang: str, dataset: str
) -> None:
    path = example_site / LANGS[lang] / "datasets" / dataset / "embed" / "index.html"
    data = path.read_bytes()
    text = data.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    page = lhtml.fromstring(data)
    assert page.get("lang") == lang
    # No script and nothing of the theme: one stylesheet of its own, the chart inline.
    assert not page.xpath("//script")
    up = "../" * (3 + (lang == "en"))
    assert page.xpath("//link[@rel='stylesheet']/@href") == [up + embed.STYLESHEET]
    assert len(data) + (example_site / embed.STYLESHEET).stat().st_size < 40_000
    assert page.xpath("//svg[contains(@class, 'phobien-chart-narrow')]")
    assert page.xpath("//svg[contains(@class, 'phobien-chart-wide')]")
    # The source line in the office's name, and the last release time.
    source = " ".join(page.xpath("string(//p[@class='phobien-embed-source'])").split())
    assert source.startswith(("Nguồn: " if lang == "vi" else "Source: ") + OFFICE[lang] + ".")
    assert ("Công bố gần nhất: " if lang == "vi" else "Last released: ") in source
    assert "UTC+7" in source
    # Every link leads back to the dataset page, in the top window, not in the frame.
    links = page.xpath("//a")
    assert links and {(a.get("href"), a.get("target")) for a in links} == {("../", "_top")}


@pytest.mark.slow
@pytest.mark.parametrize("dataset", CHARTED)
def test_the_table_holds_the_figures_the_chart_draws(example_site: Path, dataset: str) -> None:
    """The rows are the published CSV's last periods (what the chart draws), newest
    first, in the reader's words and numbers."""
    with (example_site / "datasets" / dataset / f"{dataset}.csv").open(
            encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    full = load_catalog(ROOT / "catalog")
    spec = next(d for d in full.datasets if d.id == dataset)
    assert spec.chart is not None
    expected = [r[spec.period] for r in rows][-60:][::-1]
    for lang in LANGS:
        page = embed_page(example_site, lang, dataset)
        assert table_periods(page) == expected
        first = page.xpath("//tbody/tr")[0]
        assert " ".join(first.xpath("string(th)").split()) == period_short(expected[0], lang)
        heads = [" ".join(h.text_content().split()) for h in page.xpath("//thead//th")]
        labels = {c.id: c.label.get(lang) for c in spec.columns}
        assert heads[0] == labels[spec.chart.x]
        assert all(any(h.startswith(labels[y]) for h in heads) for y in spec.chart.y)
    # A number as Vietnamese readers write it: 119,22 for 119.22.
    if dataset == "cpi-thang":
        cells = embed_page(example_site, "vi", dataset).xpath("//tbody/tr[1]/td/text()")
        assert cells[0] == rows[-1]["chi_so_chung"].replace(".", ",")


@pytest.mark.slow
def test_a_dataset_without_a_chart_has_no_embed_page(example_site: Path) -> None:
    assert (example_site / "datasets/dan-so-huyen/index.html").is_file()
    assert not (example_site / "datasets/dan-so-huyen/embed").exists()
    page = lhtml.fromstring((example_site / "datasets/dan-so-huyen/index.html").read_bytes())
    assert not page.xpath("//input[starts-with(@value, '<iframe')]")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_dataset_page_offers_the_iframe_code(example_site: Path, lang: str) -> None:
    page = lhtml.fromstring(
        (example_site / LANGS[lang] / "datasets/cpi-thang/index.html").read_bytes())
    heading = "Nhúng biểu đồ" if lang == "vi" else "Embed this chart"
    assert heading in [" ".join(h.text_content().split()).rstrip("¶")
                       for h in page.xpath("//h2")]
    field = page.xpath("//input[starts-with(@value, '<iframe')]")[0]
    assert field.get("readonly") is not None and field.get("aria-label")
    frame = lhtml.fromstring(field.get("value"))
    assert frame.get("src") == f"https://{HOST}/{LANGS[lang]}datasets/cpi-thang/embed/"
    title = "Chỉ số giá tiêu dùng hằng tháng" if lang == "vi" else "Monthly consumer price index"
    assert frame.get("title").startswith(title) and OFFICE[lang] in frame.get("title")
    assert frame.get("width") == "640" and 300 < int(frame.get("height")) < 800
    button = page.xpath("//button[@class='phobien-copy']")
    assert button and button[-1].get("data-copy") == field.get("value")
    # The page's own script file, no inline script (the policy forbids it).
    for script in page.xpath("//script"):
        assert script.get("src") or script.get("type") in ("application/ld+json",
                                                           "application/json")
    assert page.xpath("//a[@href='embed/']")


def future_release(moment: dt.datetime) -> tuple[str, dt.datetime]:
    """The CPI release after the tests' moment, and its time."""
    full = load_catalog(ROOT / "catalog")
    schedule = plan(full.public(), moment)
    coming = [(r.moment, r.id) for r in schedule.of_product("cpi")
              if r.moment is not None and not r.is_public]
    moment_of, release_id = min(coming)
    return release_id, moment_of


@pytest.mark.slow
def test_a_build_before_a_release_shows_none_of_its_figures(
    example_site: Path, tmp_path: Path
) -> None:
    """2026-11's CPI is typed in ahead: the build before its release leaves it out of the
    embed page (and its number with it); the build at its time shows it."""
    release_id, moment = future_release(dt.datetime.fromisoformat(AS_OF))
    period = release_id.split("/")[1]
    with (ROOT / "catalog/sources/cpi.csv").open(encoding="utf-8", newline="") as f:
        typed = next(r for r in csv.DictReader(f) if r["Kỳ"] == period)
    figure = typed["Chỉ số chung"].replace(".", ",")
    later = build(copy_example(tmp_path / "project"), tmp_path / "site",
                  moment.isoformat())
    for lang in LANGS:
        before = embed_page(example_site, lang, "cpi-thang")
        assert period not in table_periods(before)
        shown = lhtml.tostring(before, encoding="unicode")
        assert figure not in shown and typed["Chỉ số chung"] not in shown
        after = embed_page(later, lang, "cpi-thang")
        assert table_periods(after)[0] == period
    assert figure in embed_page(later, "vi", "cpi-thang").xpath("//tbody/tr[1]/td/text()")
    # Built ahead of its time, it is a staff preview, and says so as every page does.
    preview = moment > dt.datetime.now(dt.UTC)
    for site, expected in ((example_site, False), (later, preview)):
        banner = embed_page(site, "vi", "cpi-thang").xpath("//p[@class='phobien-embed-preview']")
        assert bool(banner) == expected
        if expected:
            assert banner[0].text_content().startswith("BẢN XEM TRƯỚC NỘI BỘ")


def failures(site: Path) -> list[str]:
    full = load_catalog(ROOT / "catalog")
    try:
        verify_site(site, full, plan(full.public(), dt.datetime.fromisoformat(AS_OF)), HOST,
                    workers=1)
    except VerificationError as exc:
        return [f.format() for f in exc.failures]
    return []


def plant(page: Path, row: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<tbody>\n", "<tbody>\n" + row + "\n", 1), encoding="utf-8")


@pytest.mark.slow
def test_the_verification_refuses_a_figure_planted_in_an_embed_page(
    example_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    assert failures(site) == []
    cpi = site / "datasets/cpi-thang/embed/index.html"
    # One row declares a period that is out but shows next month's.
    plant(cpi, '<tr data-period="2026-09"><th scope="row">11/2026</th><td>1</td></tr>')
    # A hurried hand pastes next month's figure in; then another hides its period.
    plant(cpi, '<tr data-period="2026-11"><th scope="row">11/2026</th>'
               '<td class="num">119,05</td></tr>')
    plant(site / "en/datasets/cpi-thang/embed/index.html",
          '<tr><th scope="row">Nov 2026</th><td class="num">119.05</td></tr>')
    # October's official retail figure is typed in; only its estimate is out.
    plant(site / "datasets/ban-le-thang/embed/index.html",
          '<tr data-period="2026-10" data-completeness="official"><th scope="row">10/2026</th>'
          '<td>Chính thức</td><td class="num">3.372,8</td></tr>')
    # An embed page of a dataset the catalog does not publish.
    shutil.copytree(site / "datasets/cpi-thang/embed", site / "datasets/khong-co/embed")
    assert sorted(f for f in failures(site) if "[embargo]" in f) == [
        "datasets/ban-le-thang/embed/index.html: [embargo] table row 1: figures of 2026-10 "
        "(official), not yet released",
        "datasets/cpi-thang/embed/index.html: [embargo] table row 1: figures of 2026-11, "
        "not yet released",
        "datasets/cpi-thang/embed/index.html: [embargo] table row 2: shows the period "
        "'11/2026' but declares 2026-09",
        "datasets/khong-co/embed/index.html: [embargo] an embed page of no public dataset",
        "en/datasets/cpi-thang/embed/index.html: [embargo] table row 1: figures without "
        "their period",
    ]


@pytest.mark.slow
def test_the_verification_refuses_a_chart_drawn_beyond_its_table(
    example_site: Path, tmp_path: Path
) -> None:
    """A chart redrawn from a preview build: its newest point is labelled with a period
    the table (checked above) does not hold."""
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    page = site / "en/datasets/grdp-quy/embed/index.html"
    text = page.read_text(encoding="utf-8")
    last = text.index("</g></svg>")
    page.write_text(text[:last] + '<text x="350" y="200" text-anchor="middle">Q4/2026</text>'
                    + text[last:], encoding="utf-8")
    assert [f for f in failures(site) if "[embargo]" in f] == [
        "en/datasets/grdp-quy/embed/index.html: [embargo] the chart labels the period "
        "'Q4/2026', which its table does not hold"]


def answer(port: int, path: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def test_the_embed_policy_differs_from_the_sites_in_framing_alone() -> None:
    assert policy.EMBED_HEADER_POLICY == policy.POLICY + "; frame-ancestors *"
    conf = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    assert conf.count(policy.EMBED_HEADER_POLICY) == 1
    assert f'location ~ "{policy.EMBED_ADDRESS}"' in conf


@pytest.mark.slow
@pytest.mark.server
def test_nginx_lets_other_sites_frame_the_embed_pages_alone(
    example_site: Path, tmp_path: Path
) -> None:
    with nginx(example_site, tmp_path / "nginx") as port:
        for path in ("/datasets/cpi-thang/embed/", "/en/datasets/grdp-quy/embed/",
                     "/datasets/cpi-thang/embed/index.html"):
            status, headers = answer(port, path)
            assert status == 200, path
            assert headers["content-type"] == "text/html; charset=utf-8"
            assert headers.get("content-security-policy") == policy.EMBED_HEADER_POLICY, path
            assert "x-frame-options" not in headers, path
            assert headers.get("x-content-type-options") == "nosniff", path
            assert headers.get("referrer-policy") == "same-origin", path
            assert "camera=()" in headers.get("permissions-policy", ""), path
        # Everything else stays unframeable: the dataset page, its files, a missing embed.
        for path, expected in (("/datasets/cpi-thang/", 200), ("/en/datasets/cpi-thang/", 200),
                               ("/datasets/cpi-thang/cpi-thang.csv", 200),
                               ("/assets/phobien-embed.css", 200),
                               ("/datasets/khong-co/embed/", 404),
                               ("/datasets/cpi-thang/embed/x/", 404)):
            status, headers = answer(port, path)
            assert status == expected, path
            assert headers.get("content-security-policy") == policy.HEADER_POLICY, path
            assert headers.get("x-frame-options") == "DENY", path


@pytest.mark.parametrize(("guide", "heading", "address"), [
    ("docs/help.md", "## Nhúng biểu đồ", "/datasets/cpi-thang/embed/"),
    ("docs/en/help.md", "## Embedding a chart", "/en/datasets/cpi-thang/embed/"),
])
def test_the_user_guide_explains_embedding(guide: str, heading: str, address: str) -> None:
    text = (ROOT / guide).read_text(encoding="utf-8")
    assert heading in text and address in text and "<iframe>" in text
