"""Release notes (catalog/releases/): main points, documents and corrections of a release,
media contacts, and the releases before and after. The catalog's problems name file, line
and field in both languages; a real build shows each part from its moment and none of it
before, anywhere in the site; the verification catches a document put in early."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.catalog.load import read_catalog
from generator.check import load_catalog
from generator.problems import CatalogError, Problem
from generator.releases import notes
from generator.releases.plan import plan
from generator.verify import VerificationError, verify_site
from tests.conftest import ROOT, build, copy_example, readable, site_files

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
HOST = "thongke.langson.example"
NOTE = "catalog/releases/cpi-2026-12.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "project")


def problems_of(project: Path) -> list[Problem]:
    with pytest.raises(CatalogError) as info:
        load_catalog(project / "catalog")
    return info.value.problems


def write_note(project: Path, name: str, text: str) -> Path:
    path = project / "catalog/releases" / name
    path.write_text(text, encoding="utf-8")
    return path


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.format("en") for p in problems]
    return found[0]


# --- the catalog -------------------------------------------------------------------------


def test_the_example_notes_load(project: Path) -> None:
    catalog = load_catalog(project / "catalog")
    assert [n.release for n in catalog.notes] == ["cpi/2026-09", "cpi/2026-10", "cpi/2026-12"]
    note = catalog.note("cpi/2026-10")
    assert note is not None and note.main_points is not None
    assert "119,22" in note.main_points.get("vi") and "119.22" in note.main_points.get("en")
    assert (project / "catalog" / note.documents[0].file).read_bytes().startswith(b"%PDF-1.4")


def test_media_contact_of_unit_and_of_product(project: Path) -> None:
    catalog = load_catalog(project / "catalog")
    cpi = catalog.media_contact(catalog.product("cpi"))  # the unit's (tk-kinh-te)
    iip = catalog.media_contact(catalog.product("iip"))  # its own, same unit
    assert cpi is not None and cpi.name.get("vi") == "Bà Hoàng Thị Mai"
    assert iip is not None and iip.name.get("en") == "Mr Lý Văn Thành"
    assert catalog.media_contact(catalog.product("dan-so-lao-dong")) is None  # tk-xa-hoi


def test_document_problems_name_file_line_and_field(project: Path) -> None:
    outside = project.parent / "outside.pdf"
    outside.write_bytes(b"%PDF-1.4\n")
    shutil.copy(project / "catalog/documents/cpi-2026-10.pdf",
                project / "catalog/documents/Thong cao.PDF")
    (project / "catalog/documents/other").mkdir()
    shutil.copy(project / "catalog/documents/cpi-2026-10.pdf",
                project / "catalog/documents/other/cpi-2026-10.pdf")
    write_note(project, "cpi-2026-11.yml", """release: cpi/2026-11
documents:
  - file: documents/khong-co.pdf
    title: {vi: "Thiếu", en: "Missing"}
  - file: ../outside.pdf
    title: {vi: "Ngoài", en: "Outside"}
  - file: "documents/Thong cao.PDF"
    title: {vi: "Tên", en: "Name"}
  - file: documents/cpi-2026-10.pdf
    title: {vi: "Một", en: "One"}
  - file: documents/other/cpi-2026-10.pdf
    title: {vi: "Hai", en: "Two"}
""")
    found = problems_of(project)
    file = "catalog/releases/cpi-2026-11.yml"
    missing = only(found, "missing-document")
    assert missing.format("vi") == (
        f"{file}:3 documents[0].file: không tìm thấy tài liệu 'documents/khong-co.pdf' "
        "(đường dẫn tính từ thư mục catalog/) [missing-document]")
    assert missing.format("en") == (
        f"{file}:3 documents[0].file: the document 'documents/khong-co.pdf' does not exist "
        "(paths start from the catalog/ folder) [missing-document]")
    outside_problem = only(found, "document-outside-catalog")
    assert outside_problem.location() == f"{file}:5 documents[1].file"
    assert "nằm ngoài thư mục catalog/" in outside_problem.message("vi")
    assert "is outside catalog/" in outside_problem.message("en")
    name = only(found, "bad-document-name")
    assert name.location() == f"{file}:7 documents[2].file"
    assert "'Thong cao.PDF'" in name.message("vi") and "chữ thường không dấu" in name.message("vi")
    assert "cannot be an address" in name.message("en")
    twice = only(found, "duplicate-document-name")
    assert twice.location() == f"{file}:11 documents[4].file"
    assert "cpi-2026-10.pdf" in twice.message("en")


def test_a_release_has_one_note(project: Path) -> None:
    write_note(project, "cpi-thang-10.yml", "release: cpi/2026-10\n"
               "main_points: {vi: \"Lần hai\", en: \"Again\"}\n")
    problem = only(problems_of(project), "duplicate-release-note")
    assert problem.file in ("catalog/releases/cpi-thang-10.yml", "catalog/releases/cpi-2026-10.yml")
    assert problem.field == "release" and problem.line is not None
    assert "mỗi đợt chỉ một tệp ghi chú" in problem.message("vi")
    assert "one note file a release" in problem.message("en")


def test_unknown_release_and_unknown_product(project: Path) -> None:
    write_note(project, "a.yml", "release: cpi/2031-01\n"
               "main_points: {vi: \"x\", en: \"x\"}\n")
    write_note(project, "b.yml", "release: cpii/2026-10\n"
               "main_points: {vi: \"x\", en: \"x\"}\n")
    product = only(problems_of(project), "unknown-reference")
    assert product.format("en").startswith(
        "catalog/releases/b.yml:1 release: unknown product 'cpii'. Declared: ")
    (project / "catalog/releases/b.yml").unlink()
    release = only(problems_of(project), "unknown-release-note")
    assert release.location() == "catalog/releases/a.yml:1 release"
    assert release.message("vi").startswith(
        "không có đợt phổ biến 'cpi/2031-01' trong lịch. Các đợt của sản phẩm 'cpi': cpi/2025-12")
    assert release.message("en").startswith(
        "there is no release 'cpi/2031-01' in the calendars. The releases of the product 'cpi'")


def test_a_correction_before_its_release_is_refused(project: Path) -> None:
    path = project / NOTE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("announced: 2027-01-08 10:00", "announced: 2027-01-06 08:59"),
                    encoding="utf-8")
    problem = only(problems_of(project), "correction-before-release")
    line = text.splitlines().index("  - announced: 2027-01-08 10:00") + 1
    assert problem.location() == f"{NOTE}:{line} corrections[0].announced"
    assert problem.message("vi") == (
        "đính chính công bố lúc 2027-01-06 08:59, trước giờ phổ biến của đợt (2027-01-06 "
        "09:00): chỉ đính chính được số liệu đã công bố")
    assert "before the release's time (2027-01-06 09:00)" in problem.message("en")


def test_note_fields_are_checked_like_every_catalog_file(project: Path) -> None:
    write_note(project, "cpi-2026-11.yml", """release: cpi/2026-11
main_points: {vi: "Chỉ có tiếng Việt"}
corrections:
  - announced: 2026-12-10 10:00
    wrong: {vi: "Sai", en: "Wrong"}
    fixed: {vi: "Sửa", en: "Fixed"}
""")
    found = problems_of(project)
    unknown = only(found, "unknown-key")
    assert unknown.location() == "catalog/releases/cpi-2026-11.yml:6 corrections[0].fixed"
    assert "announced, wrong, changed" in unknown.message("en")
    assert only(found, "missing-field").field == "corrections[0].changed"
    # One problem at a time: translations are checked once the file's structure is right.
    path = project / "catalog/releases/cpi-2026-11.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("fixed:", "changed:"),
                    encoding="utf-8")
    missing = only(problems_of(project), "missing-translation")
    assert missing.location() == "catalog/releases/cpi-2026-11.yml:2 main_points"
    assert "thiếu chữ bằng ngôn ngữ 'en'" in missing.message("vi")


def test_documents_only_for_public_products(project: Path) -> None:
    write_note(project, "nhanh.yml", """release: bao-cao-nhanh-lanh-dao/2026-10
main_points: {vi: "Nội bộ", en: "Internal"}
documents:
  - file: documents/cpi-2026-10.pdf
    title: {vi: "Tài liệu", en: "Document"}
""")
    problem = only(problems_of(project), "documents-not-public")
    assert problem.location() == "catalog/releases/nhanh.yml:3 documents"
    assert "restricted" in problem.message("en")


def test_the_public_view_drops_restricted_notes(project: Path) -> None:
    """A restricted product has no release in the calendars, so its note is refused too
    (``unknown-release-note``); the public view drops it all the same, as it drops every
    other trace of the product."""
    write_note(project, "nhanh.yml", "release: bao-cao-nhanh-lanh-dao/2026-10\n"
               "main_points: {vi: \"Nội bộ\", en: \"Internal\"}\n")
    catalog = read_catalog(project / "catalog").catalog
    assert catalog is not None
    assert catalog.note("bao-cao-nhanh-lanh-dao/2026-10") is not None
    public = catalog.public()
    assert public.note("bao-cao-nhanh-lanh-dao/2026-10") is None
    assert "bao-cao-nhanh-lanh-dao/2026-10" not in public.note_docs
    assert public.note("cpi/2026-10") is not None


def test_what_a_note_shows_depends_on_the_moment(project: Path) -> None:
    catalog = load_catalog(project / "catalog").public()
    note = catalog.note("cpi/2026-12")

    def at(moment: dt.datetime) -> tuple[bool, int, int]:
        release = plan(catalog, moment).by_id["cpi/2026-12"]
        return (notes.main_points(note, release) is not None,
                len(notes.documents(note, release)), len(notes.corrections(note, release)))

    due = dt.datetime(2027, 1, 6, 9, 0, tzinfo=ZONE)
    assert at(due - dt.timedelta(seconds=1)) == (False, 0, 0)
    assert at(due) == (True, 1, 0)
    assert at(dt.datetime(2027, 1, 8, 10, 0, tzinfo=ZONE)) == (True, 1, 1)


def test_previous_and_next_skip_cancelled_releases(project: Path) -> None:
    catalog = load_catalog(project / "catalog").public()
    schedule = plan(catalog, dt.datetime(2026, 11, 25, 9, 0, tzinfo=ZONE))
    before, after = notes.neighbours(schedule, schedule.by_id["cpi/2026-10"])
    assert (before and before.id, after and after.id) == ("cpi/2026-09", "cpi/2026-11")
    first = schedule.of_product("cpi")[0]
    assert notes.neighbours(schedule, first)[0] is None


# --- the built site ----------------------------------------------------------------------


def article(site: Path, path: str) -> str:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


@pytest.mark.slow
def test_release_page_after_the_release(example_site: Path) -> None:
    """As of AS_OF (25 November 2026), well after CPI October 2026 (6 November, 09:00)."""
    vi = article(example_site, "releases/cpi/2026-10")
    en = article(example_site, "en/releases/cpi/2026-10")
    assert "Điểm chính" in vi and "giảm 0,26% so với tháng 9/2026 và tăng 3,44%" in vi
    assert "Main points" in en and "down 0.26% on September 2026 and up 3.44%" in en
    document = example_site / "releases/cpi/2026-10/cpi-2026-10.pdf"
    assert document.read_bytes() == (ROOT / "catalog/documents/cpi-2026-10.pdf").read_bytes()
    size = document.stat().st_size
    assert (f'<a href="cpi-2026-10.pdf" download>Thông cáo báo chí CPI tháng 10/2026 '
            f"(PDF, {size} B)</a>") in vi
    assert ('<a href="../../../../releases/cpi/2026-10/cpi-2026-10.pdf" download>Press '
            f"release: CPI, October 2026 (PDF, {size} B)</a>") in en
    assert not (example_site / "en/releases/cpi/2026-10/cpi-2026-10.pdf").exists()
    assert "Liên hệ báo chí" in vi and "Bà Hoàng Thị Mai" in vi and "tel:02053812258" in vi
    assert "Media contact" in en and "Ms Hoàng Thị Mai" in en
    assert 'href="../2026-09/" rel="prev"' in vi and 'href="../2026-11/" rel="next"' in vi
    assert "Mr Lý Văn Thành" in article(example_site, "en/products/iip")
    assert "Ông Lý Văn Thành" in article(example_site, "releases/iip/2026-10/official")


@pytest.mark.slow
def test_a_correction_on_its_page_in_the_changes_list_and_the_feed(example_site: Path) -> None:
    anchor = "correction-20261012T100000"
    vi = article(example_site, "releases/cpi/2026-09")
    en = article(example_site, "en/releases/cpi/2026-09")
    assert f'id="{anchor}"' in vi and "Đính chính" in vi
    assert "ghi chỉ số nhóm giao thông tháng 9/2026 là 113,85" in vi
    assert "The correct index is 113.55" in en
    changes_vi = article(example_site, "calendar/changes")
    changes_en = article(example_site, "en/calendar/changes")
    assert f'href="../../releases/cpi/2026-09/#{anchor}"' in changes_vi
    assert "Chỉ số đúng là 113,55" in changes_vi and "The correct index is 113.55" in changes_en
    for feed, marker, text in (("feed.xml", "[ĐÍNH CHÍNH] ", "Chỉ số đúng là 113,55"),
                               ("en/feed.xml", "[CORRECTION] ", "The correct index is 113.55")):
        atom = (example_site / feed).read_text(encoding="utf-8")
        assert f"releases/cpi/2026-09/#{anchor}</id>" in atom
        assert f"<title>{marker}" in atom and text in atom
    atom = (example_site / "en/feed.xml").read_text(encoding="utf-8")
    assert "Main points: The province's consumer price index (CPI) for October 2026" in atom


# What of the December 2026 note must appear nowhere before 6 January 2027, 09:00.
FUTURE_MAIN = ["tăng 0,50% so với tháng trước và tăng 3,04%",
               "rose 0.50% on the previous month and 3.04%"]
FUTURE_DOCUMENT = ["Bản tin CPI tháng 12/2026 và cả năm 2026",
                   "CPI bulletin, December 2026 and the year 2026", "cpi-2026-12.pdf"]
FUTURE_CORRECTION = ["giày dép tăng 1,15%", "footwear as up 1.15%", "giày dép tăng 0,15%",
                     "footwear rose 0.15%"]


def mentions(site: Path, needles: list[str], document: bytes) -> list[str]:
    found = []
    for path in site_files(site):
        for data in readable(path):
            hits = [n for n in needles if n.encode() in data]
            if hits or data == document:
                found.append(f"{path.relative_to(site)}: {hits or 'the document'}")
                break
    return found


@pytest.fixture(scope="module")
def december(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example built one second before CPI December 2026, at its time, and when its
    correction is announced."""
    tmp = tmp_path_factory.mktemp("december")
    project = copy_example(tmp / "project")
    return {name: build(project, tmp / name, moment) for name, moment in (
        ("before", "2027-01-06T08:59:59"), ("due", "2027-01-06T09:00"),
        ("corrected", "2027-01-08T10:00"))}


@pytest.mark.slow
def test_nothing_of_a_future_note_anywhere_before_its_time(december: dict[str, Path]) -> None:
    site = december["before"]
    document = (ROOT / "catalog/documents/cpi-2026-12.pdf").read_bytes()
    assert (site / "pagefind").is_dir() and (site / "sitemap.xml").is_file()
    assert mentions(site, FUTURE_MAIN + FUTURE_DOCUMENT + FUTURE_CORRECTION, document) == []
    assert (site / "releases/cpi/2026-12/index.html").is_file()  # the announcement only


@pytest.mark.slow
def test_a_future_note_appears_at_its_time(december: dict[str, Path]) -> None:
    document = (ROOT / "catalog/documents/cpi-2026-12.pdf").read_bytes()
    due, corrected = december["due"], december["corrected"]
    assert (due / "releases/cpi/2026-12/cpi-2026-12.pdf").read_bytes() == document
    page = article(due, "releases/cpi/2026-12") + article(due, "en/releases/cpi/2026-12")
    assert all(text in page for text in FUTURE_MAIN + FUTURE_DOCUMENT)
    # The correction waits for its own moment, two days later.
    assert mentions(due, FUTURE_CORRECTION, b"") == []
    found = mentions(corrected, FUTURE_CORRECTION, b"")
    for where in ("releases/cpi/2026-12/index.html", "en/releases/cpi/2026-12/index.html",
                  "calendar/changes/index.html", "en/calendar/changes/index.html",
                  "feed.xml", "en/feed.xml"):
        assert any(line.startswith(where + ":") for line in found), (where, found)


@pytest.mark.slow
def test_verification_fails_on_a_document_put_in_early(december: dict[str, Path],
                                                       tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(december["before"], site)
    full = load_catalog(ROOT / "catalog")
    moment = dt.datetime(2027, 1, 6, 8, 59, 59, tzinfo=ZONE)
    schedule = plan(full.public(), moment)
    verify_site(site, full, schedule, HOST, workers=1)  # as built: it passes
    source = (ROOT / "catalog/documents/cpi-2026-12.pdf")
    shutil.copy(source, site / "releases/cpi/2026-12/cpi-2026-12.pdf")
    shutil.copy(source, site / "assets/ban-tin.pdf")
    with pytest.raises(VerificationError) as info:
        verify_site(site, full, schedule, HOST, workers=1)
    assert [f.format() for f in info.value.failures] == [
        "releases/cpi/2026-12/cpi-2026-12.pdf: [embargo] the document "
        "documents/cpi-2026-12.pdf of cpi/2026-12, not yet released",
        "assets/ban-tin.pdf: [embargo] the same bytes as the document "
        "documents/cpi-2026-12.pdf of cpi/2026-12, not yet released",
    ]


def test_the_publish_rebuilds_for_a_note_and_for_a_correction_falling_due(project: Path) -> None:
    """``make publish`` builds only when its fingerprint changes: a new note file changes
    it, and so does a correction's announcement, though no release falls due then."""
    from generator.project import Project
    from generator.publish.run import fingerprint

    settings = Project.read(project / "mkdocs.yml")
    catalog = load_catalog(project / "catalog")
    same, before, announced = (dt.datetime(2027, 1, 8, h, m, tzinfo=ZONE)
                               for h, m in ((9, 30), (9, 59), (10, 0)))
    first = fingerprint(settings, catalog, before)
    assert fingerprint(settings, catalog, same) == first
    assert fingerprint(settings, catalog, announced) != first
    write_note(project, "cpi-2026-11.yml", "release: cpi/2026-11\n"
               "main_points: {vi: \"Mới\", en: \"New\"}\n")
    assert fingerprint(settings, load_catalog(project / "catalog"), before) != first
