"""The verification before publishing catches each kind of broken output."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from generator.check import load_catalog
from generator.releases.plan import plan
from generator.verify import VerificationError, verify_site
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # copies of the example site

HOST = "thongke.langson.example"
AS_OF = dt.datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def site(example_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(example_site, copy)
    return copy


def check(site: Path) -> list[str]:
    full = load_catalog(ROOT / "catalog")
    try:
        verify_site(site, full, plan(full.public(), AS_OF), HOST)
    except VerificationError as exc:
        return [f.format() for f in exc.failures]
    return []


def test_the_example_site_passes(site: Path) -> None:
    assert check(site) == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_links_and_anchors(site: Path) -> None:
    page = site / "products/cpi/index.html"
    edit(page, "</article>", '<a href="../khong-co/">x</a><a href="../grdp/#khong-co">y</a>'
         "</article>")
    assert check(site) == [
        "products/cpi/index.html: [links] broken link ../khong-co/",
        "products/cpi/index.html: [anchors] link ../grdp/#khong-co: no element with id "
        "'khong-co'",
    ]


def test_files_that_do_not_parse(site: Path) -> None:
    (site / "catalog.jsonld").write_text("{not json", encoding="utf-8")
    (site / "calendar/all.ics").write_bytes(b"BEGIN:VCALENDAR\r\nnot a content line\r\n")
    found = check(site)
    assert any(f.startswith("catalog.jsonld: [parse]") for f in found)
    assert any(f.startswith("calendar/all.ics: [parse]") for f in found)


def test_loading_from_another_host(site: Path) -> None:
    edit(site / "index.html", "</head>",
         '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head>')
    assert check(site) == ['index.html: [hosts] <link href="https://fonts.googleapis.com/css?'
                           'family=Roboto"> loads from fonts.googleapis.com',
                           'index.html: [named-hosts] names another host: fonts.googleapis.com']


def test_a_mention_of_a_restricted_product(site: Path) -> None:
    edit(site / "about/index.html", "</article>",
         "<p>Xem Báo cáo nhanh phục vụ lãnh đạo tỉnh</p></article>")
    assert check(site) == ["about/index.html: [restricted] mentions the restricted product "
                           "'Báo cáo nhanh phục vụ lãnh đạo tỉnh'"]


def test_unreleased_rows_and_release_folders(site: Path) -> None:
    csv_path = site / "datasets/cpi-thang/cpi-thang.csv"
    with csv_path.open("a", encoding="utf-8") as f:
        f.write("2026-11,101.1,102.2,103.3,104.4\r\n")
    (site / "datasets/cpi-thang/2026-11").mkdir()
    found = check(site)
    assert "datasets/cpi-thang/2026-11/: [embargo] files of cpi/2026-11, not yet released" \
        in found
    assert any(f.startswith("datasets/cpi-thang/cpi-thang.csv: [embargo] line")
               and "a row of 2026-11" in f for f in found)


def test_the_same_failures_when_the_reading_is_shared_by_processes(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(site / "products/cpi/index.html", "</article>", '<a href="../khong-co/">x</a></article>')
    edit(site / "about/index.html", "</article>",
         "<p>Xem Báo cáo nhanh phục vụ lãnh đạo tỉnh</p></article>")
    (site / "catalog.jsonld").write_text("{not json", encoding="utf-8")
    serial = check(site)
    assert len(serial) == 3
    monkeypatch.setattr("generator.verify.PARALLEL_FROM", 1)
    full = load_catalog(ROOT / "catalog")
    with pytest.raises(VerificationError) as exc:
        verify_site(site, full, plan(full.public(), AS_OF), HOST, workers=2)
    assert [f.format() for f in exc.value.failures] == serial


def test_a_remembered_file_is_not_read_again_and_a_changed_one_is(
    site: Path, tmp_path: Path
) -> None:
    """The memo knows a file by inode, size and time: the work folder's files are never
    changed in place, and one that is (a new time) is read again."""
    full = load_catalog(ROOT / "catalog")
    schedule = plan(full.public(), AS_OF)
    memo = tmp_path / "verified.json"
    verify_site(site, full, schedule, HOST, memo=memo)
    assert memo.is_file()
    target = site / "datasets/cpi-thang/datapackage.json"
    secret = b"/bao-cao-nhanh-lanh-dao"  # the restricted product's address, inside a text
    data = target.read_bytes()
    at = data.index(b'"description": "') + len(b'"description": "')
    tampered = data[:at] + secret + data[at + len(secret):]
    assert len(tampered) == len(data) and b'"' not in data[at:at + len(secret)]

    # Same size and the same times as before: the memo vouches for it, unread.
    times = target.stat()
    target.write_bytes(tampered)
    os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))
    verify_site(site, full, schedule, HOST, memo=memo)

    # Touched (as any writer does): read again and caught.
    target.write_bytes(tampered)
    with pytest.raises(VerificationError) as exc:
        verify_site(site, full, schedule, HOST, memo=memo)
    assert [f.check for f in exc.value.failures] == ["restricted"]
    # And without a memo, of course.
    assert any("[restricted]" in f for f in check(site))


def test_a_page_verified_before_is_not_parsed_again_yet_its_links_are_checked(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are written anew by every build: the memo knows them by their bytes, and keeps
    their ids and links, so that the site-wide link check still runs on today's files."""
    from generator.verify import files

    full = load_catalog(ROOT / "catalog")
    schedule = plan(full.public(), AS_OF)
    memo = tmp_path / "verified.json"
    verify_site(site, full, schedule, HOST, memo=memo, workers=1)
    parsed: list[Path] = []
    parse = files._parse_html
    monkeypatch.setattr(files, "_parse_html", lambda path: parsed.append(path) or parse(path))
    page = site / "products/cpi/index.html"
    page.write_bytes(page.read_bytes())  # a new file, the same bytes: remembered
    verify_site(site, full, schedule, HOST, memo=memo, workers=1)
    assert parsed == []

    # A changed page is parsed again; a page gone breaks the links of pages left unparsed.
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p id=new></p></body>"))
    shutil.rmtree(site / "calendar")
    with pytest.raises(VerificationError) as exc:
        verify_site(site, full, schedule, HOST, memo=memo, workers=1)
    assert parsed == [page]
    assert any(f.check == "links" and f.file == "index.html" for f in exc.value.failures)


def test_a_newly_restricted_product_voids_the_memo(site: Path, tmp_path: Path) -> None:
    full = load_catalog(ROOT / "catalog")
    memo = tmp_path / "verified.json"
    verify_site(site, full, plan(full.public(), AS_OF), HOST, memo=memo)
    # The same files, but one more name that must not appear: every file is read again.
    more = dataclasses.replace(full, products=tuple(
        p.model_copy(update={"access": "restricted"}) if p.id == "cpi" else p
        for p in full.products))
    with pytest.raises(VerificationError) as exc:
        verify_site(site, more, plan(full.public(), AS_OF), HOST, memo=memo)
    assert any(f.check == "restricted" and f.file.startswith("datasets/cpi-thang/")
               for f in exc.value.failures)


def test_figures_of_a_release_still_to_come_for_a_period_already_out(site: Path) -> None:
    # 2026-q3's estimate is out; its preliminary figure (typed in ahead) is not.
    folder = site / "datasets/grdp-quy"
    with (folder / "grdp-quy.csv").open("a", encoding="utf-8") as f:
        f.write("2026-q3,preliminary,14602.8,8.19\r\n")
    with (folder / "revisions.csv").open("a", encoding="utf-8") as f:
        f.write("2026-q3,estimate,14602.8,8.19,grdp/2026-q3/preliminary,"
                "2027-01-06T09:00:00+07:00\r\n")
    found = check(site)
    assert any(f.startswith("datasets/grdp-quy/grdp-quy.csv: [embargo] line")
               and "figures of 2026-q3 (preliminary), a release not yet out" in f
               for f in found), found
    assert any(f.startswith("datasets/grdp-quy/revisions.csv: [embargo] line")
               and "figures of grdp/2026-q3/preliminary" in f for f in found), found


def test_latest_figures_without_their_release_column(site: Path) -> None:
    path = site / "datasets/grdp-quy/grdp-quy.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    stripped = [",".join(c for i, c in enumerate(line.split(",")) if i != 1) for line in lines]
    path.write_text("\r\n".join(stripped) + "\r\n", encoding="utf-8-sig")
    assert "datasets/grdp-quy/grdp-quy.csv: [embargo] no column muc_do: figures without " \
        "their release" in check(site)


def test_links_resolve_as_a_browser_and_a_server_read_them(tmp_path: Path) -> None:
    """The link check works addresses out with string operations (verify._Targets): the
    same answers as urljoin and the file system for every form a page's link takes."""
    from generator.verify import _Targets

    site = tmp_path / "site"
    for name in ("index.html", "calendar/index.html", "products/index.html",
                 "products/cpi/index.html",
                 "data/cpi.csv"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x")
    files = sorted(p for p in site.rglob("*") if p.is_file())
    ids = {site / "calendar/index.html": {"thang-12"}, site / "products/cpi/index.html": {"a"}}
    targets = _Targets(site, files, ids, "thongke.example.gov.vn")
    good = ["..", "../", "../../", ".", "./", "#a", "?q=1", "", "../../calendar",
            "../../calendar/#thang-12", "/calendar/", "/data/cpi.csv", "../../data/cpi.csv#x",
            "https://thongke.example.gov.vn/calendar/", "https://thongke.example.gov.vn",
            "//elsewhere.example/x", "mailto:a@b.vn", "tel:+84", "webcal://x/y.ics",
            "../%63pi/", "%2e/"]
    bad = {"../khong/": "links", "#khong": "anchors", "/calendar/#khong": "anchors",
           "../../data/cpi.csv/": "links", "https://thongke.example.gov.vn/khong/": "links"}
    found = list(targets.check("products/cpi/index.html", good + list(bad)))
    assert sorted((f.check, f.detail) for f in found) == sorted(
        (check, f"broken link {href}" if check == "links"
         else f"link {href}: no element with id '{href.rsplit('#', 1)[1]}'")
        for href, check in bad.items())
