"""Addresses that never break: products renamed, merged or discontinued in the catalog;
old addresses as redirect pages (and files served again); a publish that would drop an
address the live site serves is refused with a plain message."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.check import load_catalog
from generator.engine import build_site
from generator.publish.run import PublishError, publish
from generator.releases.plan import plan
from generator.verify import VerificationError, addresses, verify_site
from tests.conftest import AS_OF, copy_example
from tests.test_catalog import edit, line_of, only, problems_of
from tests.test_releases import add_rule, write_calendar

NIEN_GIAM = "catalog/products/nien-giam.yml"
TONG = "catalog/products/tong-dieu-tra.yml"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# --- the catalog: formerly and discontinued ----------------------------------------------


def test_an_old_id_still_in_use_is_refused_with_file_line_and_field(minimal: Path) -> None:
    append(minimal / TONG, "formerly: [tong-dieu-tra-cu, nien-giam]\n")
    problem = only(problems_of(minimal), "formerly-still-live")
    assert problem.file.endswith("products/tong-dieu-tra.yml")
    assert problem.line == line_of(minimal / TONG, "formerly:")
    assert problem.field == "formerly[1]"
    assert problem.message("vi") == (
        "'nien-giam' vẫn là mã của một sản phẩm trong danh mục: chỉ ghi vào 'formerly' mã cũ "
        "đã bỏ (xóa tệp của sản phẩm cũ, hoặc bỏ mã này khỏi 'formerly')")
    assert "'nien-giam' is still the id of a product" in problem.message("en")


def test_one_old_id_leads_to_one_product(minimal: Path) -> None:
    append(minimal / TONG, "formerly: [cu]\n")
    append(minimal / NIEN_GIAM, "formerly: [cu]\n")
    problem = only(problems_of(minimal), "formerly-claimed")
    assert "products/tong-dieu-tra.yml" in problem.format("vi")
    assert "một địa chỉ cũ chỉ dẫn tới một sản phẩm" in problem.message("vi")


def test_a_restricted_product_takes_no_old_address(minimal: Path) -> None:
    append(minimal / "catalog/products/mat-lanh-dao.yml", "formerly: [bao-cao-cu]\n")
    only(problems_of(minimal), "restricted-formerly")


DISCONTINUED = """discontinued:
  since: 2027-01-01
  successor: {successor}
  reason: {{vi: "Gộp vào sản phẩm khác.", en: "Merged into another product."}}
"""


@pytest.mark.parametrize(("successor", "code"), [
    ("khong-co", "unknown-successor"),
    ("mat-lanh-dao", "restricted-successor"),
    ("nien-giam", "successor-cycle"),
])
def test_successors_lead_to_a_public_product_that_carries_on(
        minimal: Path, successor: str, code: str) -> None:
    append(minimal / TONG, DISCONTINUED.format(successor=successor))
    append(minimal / NIEN_GIAM, DISCONTINUED.format(successor="tong-dieu-tra"))
    problems = [p for p in problems_of(minimal) if p.code == code]
    assert problems, code
    assert problems[0].field == "discontinued.successor"
    assert problems[0].line == line_of(minimal / problems[0].file.split("site_minimal/")[-1],
                                       "successor:")
    assert problems[0].message("vi") and problems[0].message("en")


def test_no_release_is_planned_from_the_day_a_product_stops(minimal: Path) -> None:
    add_rule(minimal)  # cpi: the 6th of each month
    write_calendar(minimal)
    append(minimal / "catalog/products/cpi.yml", DISCONTINUED.format(successor="nien-giam")
           .replace("2027-01-01", "2027-05-01"))
    catalog = load_catalog(minimal / "catalog")
    moments = [r.timing.date for r in plan(catalog.public()).of_product("cpi")]
    assert moments and max(d for d in moments if d) < dt.date(2027, 5, 1)
    # a release listed in the calendar after that day is a problem, not dropped silently
    calendar = minimal / "catalog/calendars/2027.yml"
    edit(calendar, "releases:\n", "releases:\n  - product: cpi\n    period: ban-dac-biet\n"
         "    completeness: official\n    date: 2027-06-01\n")
    with pytest.raises(Exception) as info:
        load_catalog(minimal / "catalog")
    assert "release-after-discontinued" in str(info.value)


# --- which addresses count ------------------------------------------------------------


def test_internal_files_are_not_addresses() -> None:
    assert addresses.kept(["assets/javascripts/bundle.1a2b3c4d.min.js",
                           "pagefind/fragment/vi_1.pf_fragment", ".phobien-version.json",
                           "products/cpi/index.html", "api/v1/products.json"]) == {
        "products/cpi/index.html", "api/v1/products.json"}


def test_the_addresses_of_a_product_made_restricted_may_go() -> None:
    live = ["products/a/index.html", "en/releases/a/2026/index.html",
            "calendar/products/a.ics", "datasets/d/d.csv", "products/b/index.html"]
    lost = addresses.dropped(live, [], restricted={"a"}, withdrawn={"d"}, languages=["en"])
    assert [(d.name, d.kind, d.id) for d in lost] == [("products/b/index.html", "product", "b")]


def test_the_files_of_a_release_moved_later_may_go_but_not_its_page() -> None:
    live = ["datasets/d/2026-12/d.csv", "releases/a/2026-12/bulletin.pdf",
            "releases/a/2026-12/index.html"]
    lost = addresses.dropped(live, [], (), (), ["en"],
                             withheld=("releases/a/2026-12/", "datasets/d/2026-12/"))
    assert [d.name for d in lost] == ["releases/a/2026-12/index.html"]


# --- the site: redirect pages, files served again, a discontinued product -------------


def rename_cpi(project: Path) -> None:
    """The example's CPI becomes ``gia-tieu-dung`` and its dataset ``gia-tieu-dung-thang``,
    as staff would do it: the old ids in ``formerly``, releases named anew."""
    catalog = project / "catalog"
    for path in [*catalog.glob("releases/*.yml"), catalog / "calendars/2026.yml",
                 *project.glob("docs/**/*.md")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("releases/cpi/", "releases/gia-tieu-dung/")
                        .replace("release: cpi/", "release: gia-tieu-dung/"), encoding="utf-8")
    old = catalog / "products/cpi.yml"
    text = old.read_text(encoding="utf-8").replace("id: cpi\n", "id: gia-tieu-dung\n"
                                                   "formerly: [cpi]\n")
    (catalog / "products/gia-tieu-dung.yml").write_text(text, encoding="utf-8")
    old.unlink()
    dataset = catalog / "datasets/cpi-thang.yml"
    text = dataset.read_text(encoding="utf-8").replace("product: cpi\n", "product: gia-tieu-dung\n")
    text = text.replace("id: cpi-thang\n", "id: gia-tieu-dung-thang\nformerly: [cpi-thang]\n")
    (catalog / "datasets/gia-tieu-dung-thang.yml").write_text(text, encoding="utf-8")
    dataset.unlink()
    report = catalog / "products/bao-cao-kt-xh-thang.yml"
    edit(report, "cpi-thang", "gia-tieu-dung-thang")


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The example site built before and after CPI was renamed: (project, before, after)."""
    tmp = tmp_path_factory.mktemp("renamed")
    project = copy_example(tmp / "project")
    before = tmp / "before"
    build_site(project / "mkdocs.yml", before, AS_OF)
    rename_cpi(project)
    after = tmp / "after"
    build_site(project / "mkdocs.yml", after, AS_OF)
    return project, before, after


REDIRECTS = ["products/cpi/index.html", "en/products/cpi/index.html",
             "releases/cpi/2026-10/index.html", "en/releases/cpi/2026-10/index.html",
             "datasets/cpi-thang/index.html", "en/datasets/cpi-thang/index.html"]


@pytest.mark.slow
def test_every_address_of_the_old_site_is_still_served(renamed: tuple[Path, Path, Path]) -> None:
    _, before, after = renamed
    names = lambda site: [p.relative_to(site).as_posix() for p in site.rglob("*")  # noqa: E731
                          if p.is_file()]
    assert addresses.dropped(names(before), names(after), (), (), ["en"]) == []


@pytest.mark.slow
def test_old_pages_send_the_reader_on(renamed: tuple[Path, Path, Path]) -> None:
    _, _, after = renamed
    page = (after / "products/cpi/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../gia-tieu-dung/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert ('<link rel="canonical" '
            'href="https://thongke.langson.example/products/gia-tieu-dung/">') in page
    assert '<a href="../gia-tieu-dung/">Chỉ số giá tiêu dùng</a>' in page
    assert 'http-equiv="Content-Security-Policy"' in page and '<html lang="vi">' in page
    english = (after / "en/releases/cpi/2026-10/index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "This page has moved" in english
    assert 'url=../../gia-tieu-dung/2026-10/' in english
    dataset = (after / "datasets/cpi-thang/index.html").read_text(encoding="utf-8")
    assert "url=../gia-tieu-dung-thang/" in dataset


@pytest.mark.slow
def test_old_files_are_served_with_the_new_bytes(renamed: tuple[Path, Path, Path]) -> None:
    _, _, after = renamed
    for old, new in [("calendar/products/cpi.ics", "calendar/products/gia-tieu-dung.ics"),
                     ("en/calendar/products/cpi.ics", "en/calendar/products/gia-tieu-dung.ics"),
                     ("releases/cpi/2026-10/event.ics", "releases/gia-tieu-dung/2026-10/event.ics"),
                     ("datasets/cpi-thang/cpi-thang.csv",
                      "datasets/gia-tieu-dung-thang/gia-tieu-dung-thang.csv")]:
        assert (after / old).read_bytes() == (after / new).read_bytes(), old


@pytest.mark.slow
def test_redirect_pages_are_valid_html(renamed: tuple[Path, Path, Path]) -> None:
    from tests.browser import vnu_errors

    _, _, after = renamed
    errors = vnu_errors([after / name for name in REDIRECTS])
    assert errors == [], errors


@pytest.mark.slow
def test_the_renamed_site_passes_verification(renamed: tuple[Path, Path, Path]) -> None:
    project, _, after = renamed
    full = load_catalog(project / "catalog")
    verify_site(after, full, plan(full.public(), dt.datetime.fromisoformat(AS_OF)
                                  .replace(tzinfo=full.site.zone)),
                "thongke.langson.example", workers=1)


@pytest.mark.slow
def test_a_figure_planted_early_in_an_old_dataset_folder_fails_verification(
        renamed: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """A hurried staff member copies next month's table into the old folder: the embargo
    holds at the old address as at the new."""
    project, _, after = renamed
    site = tmp_path / "site"
    shutil.copytree(after, site, symlinks=False)
    csv = site / "datasets/cpi-thang/cpi-thang.csv"
    os.chmod(csv, 0o644)
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    early = re.sub(r"^2026-\d\d", "2027-06", lines[-1])
    csv.write_text("\n".join([*lines, early]) + "\n", encoding="utf-8-sig")
    # and a page at an old address that names a restricted product
    (site / "products/cpi/index.html").write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><a href="../bao-cao-nhanh-lanh-dao/">x</a></body></html>', encoding="utf-8")
    full = load_catalog(project / "catalog")
    schedule = plan(full.public(), dt.datetime.fromisoformat(AS_OF).replace(tzinfo=full.site.zone))
    with pytest.raises(VerificationError) as info:
        verify_site(site, full, schedule, "thongke.langson.example", workers=1)
    found = {(f.check, f.file) for f in info.value.failures}
    assert ("embargo", "datasets/cpi-thang/cpi-thang.csv") in found
    assert ("restricted", "products/cpi/index.html") in found


def test_a_discontinued_product_keeps_its_page_with_its_successor(minimal: Path) -> None:
    append(minimal / NIEN_GIAM, DISCONTINUED.format(successor="tong-dieu-tra").replace(
        "Gộp vào sản phẩm khác.", "Thay bằng kết quả tổng điều tra."))
    site = minimal / "site"
    build_site(minimal / "mkdocs.yml", site, AS_OF)
    vi = (site / "products/nien-giam/index.html").read_text(encoding="utf-8")
    assert "Sản phẩm đã ngừng phổ biến" in vi and "ngừng phổ biến từ ngày 01/01/2027" in vi
    assert "Thay bằng kết quả tổng điều tra." in vi
    assert re.search(r'Sản phẩm kế tiếp: <a href="../tong-dieu-tra/">', vi)
    en = (site / "en/products/nien-giam/index.html").read_text(encoding="utf-8")
    assert "Discontinued product" in en and "Merged into another product." in en
    assert re.search(r'Successor: <a href="../tong-dieu-tra/">', en)


def test_a_discontinued_product_says_no_release_follows(minimal: Path) -> None:
    """Its "next release" card says why there is none, not "none scheduled yet"."""
    add_rule(minimal)  # cpi: the 6th of each month
    write_calendar(minimal)
    append(minimal / "catalog/products/cpi.yml", DISCONTINUED.format(
        successor="tong-dieu-tra").replace("2027-01-01", "2027-03-01"))
    site = minimal / "site"
    build_site(minimal / "mkdocs.yml", site, "2027-04-01T09:00")  # two releases out
    vi = (site / "products/cpi/index.html").read_text(encoding="utf-8")
    en = (site / "en/products/cpi/index.html").read_text(encoding="utf-8")
    assert "Không còn đợt phát hành nào: sản phẩm đã ngừng phổ biến." in vi
    assert "None: the product is discontinued." in en and "scheduled yet" not in en


# --- the publish: refused when an address would be dropped -----------------------------


def served_version(target: Path) -> str:
    return target.resolve().name


@pytest.mark.slow
def test_a_publish_that_drops_an_address_is_refused_until_a_redirect_covers_it(
        minimal: Path) -> None:
    target = minimal / "public"
    first = publish(minimal / "mkdocs.yml", target).version
    (minimal / NIEN_GIAM).unlink()
    with pytest.raises(PublishError) as info:
        publish(minimal / "mkdocs.yml", target)
    assert served_version(target) == first  # the live site untouched
    assert (target / "products/nien-giam/index.html").is_file()
    vi, en = info.value.text("vi"), info.value.text("en")
    for address in ("/products/nien-giam/", "/en/products/nien-giam/",
                    "/calendar/products/nien-giam.ics", "/en/calendar/products/nien-giam.ics"):
        assert f"\n  {address}\n" in vi + "\n" and address in en
    assert "bỏ mất 4 địa chỉ" in vi and "ghi 'formerly: [nien-giam]'" in vi
    assert "drops 4 addresses" in en and "write 'formerly: [nien-giam]'" in en
    # with the old id on the product that carries on, it passes and the old address leads on
    append(minimal / TONG, "formerly: [nien-giam]\n")
    second = publish(minimal / "mkdocs.yml", target).version
    assert served_version(target) == second != first
    page = (target / "products/nien-giam/index.html").read_text(encoding="utf-8")
    assert 'url=../tong-dieu-tra/' in page


@pytest.mark.slow
def test_a_product_made_restricted_loses_its_addresses(minimal: Path) -> None:
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    edit(minimal / NIEN_GIAM, "access: public", "access: restricted")
    publish(minimal / "mkdocs.yml", target)
    assert not (target / "products/nien-giam").exists()
    assert not (target / "calendar/products/nien-giam.ics").exists()


@pytest.mark.slow
def test_phobien_publish_says_it_in_the_staffs_language(minimal: Path) -> None:
    target = minimal / "public"
    publish(minimal / "mkdocs.yml", target)
    first = served_version(target)
    (minimal / NIEN_GIAM).unlink()
    done = subprocess.run([sys.executable, "-m", "generator", "publish", "--target", str(target)],
                          cwd=minimal, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Xuất bản thất bại, trang web đang công bố không thay đổi." in done.stderr
    assert "Các địa chỉ bị mất:\n  /calendar/products/nien-giam.ics" in done.stderr
    assert served_version(target) == first


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_a_reader_following_an_old_address_lands_on_the_new_page(
        renamed: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from tests.browser import chromium
    from tests.servers import nginx

    _, _, after = renamed
    with nginx(after, tmp_path / "nginx") as port, chromium() as browser:
        page = browser.new_page()
        for old, new, heading in [
                ("/products/cpi/", "/products/gia-tieu-dung/", "Chỉ số giá tiêu dùng"),
                ("/en/releases/cpi/2026-10/", "/en/releases/gia-tieu-dung/2026-10/", "")]:
            page.goto(f"http://127.0.0.1:{port}{old}")
            page.wait_for_url(f"http://127.0.0.1:{port}{new}")
            assert page.url == f"http://127.0.0.1:{port}{new}"
            if heading:
                assert heading in page.locator("h1").first.inner_text()



def released_monthly(project: Path) -> Path:
    """The minimal project's CPI released each month of 2026; its publish target."""
    add_rule(project)
    write_calendar(project, (Path(__file__).parent / "fixtures/calendar_2026.yml")
                   .read_text(encoding="utf-8"), year=2026)
    return project / "public"


@pytest.mark.slow
def test_a_rename_makes_nothing_public_anew(minimal: Path) -> None:
    """The publish log knows the releases under their old ids: the punctuality page must
    not count a renamed product's past releases as published at the rename."""
    target = released_monthly(minimal)
    assert "cpi/2026-10" in publish(minimal / "mkdocs.yml", target).newly_public
    old = minimal / "catalog/products/cpi.yml"
    (minimal / "catalog/products/chi-so-gia.yml").write_text(
        old.read_text(encoding="utf-8").replace("id: cpi\n", "id: chi-so-gia\nformerly: [cpi]\n"),
        encoding="utf-8")
    old.unlink()
    calendar = minimal / "catalog/calendars/2026.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace("cpi/", "chi-so-gia/")
                        .replace("product: cpi\n", "product: chi-so-gia\n"), encoding="utf-8")
    result = publish(minimal / "mkdocs.yml", target)
    assert result.newly_public == []
    assert (target / "releases/cpi/2026-10/index.html").is_file()


@pytest.mark.slow
def test_a_merger_whose_releases_have_no_counterpart_says_to_discontinue(minimal: Path) -> None:
    target = released_monthly(minimal)
    first = publish(minimal / "mkdocs.yml", target).version
    (minimal / "catalog/products/cpi.yml").unlink()
    append(minimal / NIEN_GIAM, "formerly: [cpi]\n")  # the yearbook has no monthly releases
    with pytest.raises(PublishError) as info:
        publish(minimal / "mkdocs.yml", target)
    assert target.resolve().name == first
    vi = info.value.text("vi")
    assert "\n  /releases/cpi/2026-10/\n" in vi and "\n  /products/cpi/\n" not in vi
    assert "ghi 'discontinued' với 'successor'" in vi
    assert "write 'discontinued' with a 'successor'" in info.value.text("en")
