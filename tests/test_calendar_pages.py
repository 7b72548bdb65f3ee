"""The calendar, changes, subscribe and release pages, from real builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lhtml

from tests.conftest import build, site_files
from tests.test_releases import ADD, CANCEL, MOVE, add_rule, with_adjustments, write_calendar


def doc(site: Path, url: str) -> lhtml.HtmlElement:
    return lhtml.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def text(element: lhtml.HtmlElement) -> str:
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


def article(site: Path, url: str) -> lhtml.HtmlElement:
    return doc(site, url).cssselect("article")[0]


@pytest.fixture
def project(minimal: Path) -> Path:
    add_rule(minimal)
    add_rule(minimal, "mat-lanh-dao")
    write_calendar(minimal, with_adjustments(MOVE + CANCEL + ADD))
    return minimal


@pytest.fixture
def site(project: Path, tmp_path: Path) -> Path:
    return build(project, tmp_path / "site", as_of="2027-03-26T09:00")


def release_rows(section: lhtml.HtmlElement) -> list[list[str]]:
    return [[text(td) for td in tr.cssselect("td")] for tr in section.cssselect("tbody tr")]


def test_calendar_page(site: Path) -> None:
    page = article(site, "calendar")
    body = text(page)
    assert "phê duyệt ngày 20/11/2026 theo Quyết định số 215/QĐ-CTK của Cục trưởng" in body
    months = [text(h).strip("¶ ") for h in page.cssselect("h3")]
    assert months[:3] == ["Tháng 04/2027", "Tháng 05/2027", "Tháng 06/2027"]
    h2 = [text(h).strip("¶ ") for h in page.cssselect("h2")]
    assert h2 == ["Sắp phát hành", "Đã phát hành (12 tháng gần nhất)"]
    # upcoming: each entry with time, product, period, completeness, form, unit, audiences
    tables = page.cssselect(".phobien-releases table")
    april = release_rows(tables[0])
    cpi = next(row for row in april if row[1] == "Chỉ số giá tiêu dùng" and "03/2027" in row[2])
    assert cpi == [
        "08/04/2027 09:00",
        "Chỉ số giá tiêu dùng",
        "tháng 03/2027",
        "Chính thức",
        "Tệp PDF, Bảng số liệu trên trang web",
        "Phòng Thống kê Tổng hợp",
        "Lãnh đạo các cấp, Doanh nghiệp, nhà đầu tư, Báo chí, nghiên cứu và người dân",
        "Đã xác nhận · Lùi lịch",
    ]
    census = next(row for row in april if row[1] == "Kết quả Tổng điều tra dân số")
    assert census[-1] == "Đã hủy"
    past = release_rows(tables[-1])
    # newest first: cpi/2027-02, on Saturday 6 March, which the calendar declares working
    assert past[0][:3] == ["06/03/2027 09:00", "Chỉ số giá tiêu dùng", "tháng 02/2027"]
    assert all(row[-1] == "Đã phát hành" for row in past)


def test_calendar_filters_work_without_javascript(site: Path) -> None:
    leaders = text(article(site, "calendar/audiences/leaders"))
    public = text(article(site, "calendar/audiences/public"))
    assert "Kết quả Tổng điều tra dân số" not in leaders  # the census is for the public
    assert "Kết quả Tổng điều tra dân số" in public
    topic = text(article(site, "calendar/topics/dan-so"))
    assert "Chỉ số giá tiêu dùng" not in topic and "Niên giám thống kê" in topic
    links = [a.get("href") for a in article(site, "calendar").cssselect(".phobien-filters a")]
    assert "audiences/leaders/" in links and "topics/gia-ca/" in links


def test_changes_page_newest_first_with_reasons(site: Path) -> None:
    rows = release_rows(article(site, "calendar/changes").cssselect("table")[0])
    assert [r[0] for r in rows] == ["20/03/2027 10:00", "01/02/2027 08:00", "15/01/2027 08:00"]
    assert rows[0][2] == "Dời từ 06/04/2027 09:00 sang 08/04/2027 09:00"
    assert rows[0][3] == "Trùng lịch họp"
    assert rows[1][2].startswith("Hủy") and rows[1][3] == "Chưa đủ số liệu"
    assert rows[2][2].startswith("Bổ sung")
    en = release_rows(article(site, "en/calendar/changes").cssselect("table")[0])
    assert en[0][2] == "Moved from 6 April 2027, 09:00 to 8 April 2027, 09:00"
    assert en[0][3] == "A clashing meeting"


def test_release_page_before_and_after_its_time(project: Path, tmp_path: Path) -> None:
    before = build(project, tmp_path / "before", as_of="2027-04-08T08:59")
    page = article(before, "releases/cpi/2027-03")
    assert page.cssselect(".phobien-status-announcement")
    assert "sẽ được công bố vào 08/04/2027 09:00" in text(page)
    history = release_rows(page.cssselect(".phobien-changes table")[0])
    assert history == [
        ["20/03/2027 10:00", "Dời từ 06/04/2027 09:00 sang 08/04/2027 09:00", "Trùng lịch họp"]
    ]
    after = build(project, tmp_path / "after", as_of="2027-04-08T09:00")
    page = article(after, "releases/cpi/2027-03")
    assert page.cssselect(".phobien-status-published")
    assert "Đã phát hành vào 08/04/2027 09:00" in text(page)
    cancelled = article(after, "releases/tong-dieu-tra/2026")
    assert cancelled.cssselect(".phobien-status-cancelled")
    assert "Chưa đủ số liệu" in text(cancelled)


def test_product_page_lists_its_releases(site: Path) -> None:
    page = article(site, "products/cpi")
    rows = release_rows(page.cssselect(".phobien-releases table")[0])
    assert len(rows) == 12 and rows[0][1] == "tháng 12/2026"
    assert page.cssselect('a[href$="calendar/products/cpi.ics"]')


def test_restricted_releases_appear_nowhere(site: Path) -> None:
    assert not (site / "releases/mat-lanh-dao").exists()
    for path in site_files(site):
        data = path.read_bytes()
        if path.suffix in {".html", ".ics", ".xml", ".json"}:
            content = data.decode("utf-8")
            assert "mat-lanh-dao" not in content and "Bản tin mật" not in content, path


def test_subscribe_page(site: Path) -> None:
    page = article(site, "calendar/subscribe")
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "webcal://stats.test.example/calendar/all.ics" in hrefs
    assert "../all.ics" in hrefs
    addresses = [i.get("value") for i in page.cssselect(".phobien-feed-address input")]
    assert "https://stats.test.example/calendar/audiences/leaders.ics" in addresses
    for heading in ("Google Calendar", "Outlook", "Apple Calendar (iPhone, iPad, Mac)"):
        assert heading in [text(h).strip("¶ ") for h in page.cssselect("h2")]
    en = article(site, "en/calendar/subscribe")
    assert "webcal://stats.test.example/en/calendar/all.ics" in [
        a.get("href") for a in en.iter("a")
    ]
    assert "Copy the calendar's https address" in text(en)


def test_example_site_calendar(example_site: Path) -> None:
    body = text(article(example_site, "calendar"))
    assert "215/QĐ-CTK" in body and "198/QĐ-CTK" in body
    assert (example_site / "releases/bao-cao-kt-xh-thang/2027-01/index.html").is_file()
    page = text(article(example_site, "releases/bao-cao-kt-xh-thang/2027-01"))
    assert "11/02/2027 09:00" in page and "06/02/2027" in page  # the Tết shift, explained


def test_a_long_calendar_links_later_months_to_month_pages(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import pages

    monkeypatch.setattr(pages, "INLINE", 3)  # a national calendar, in miniature
    site = build(project, tmp_path / "site", as_of="2027-03-26T09:00")
    page = article(site, "calendar")
    # whole months up to three releases: April (two) and May (one); June would pass three
    assert [text(h).strip("¶ ") for h in page.cssselect("h3")] == ["Tháng 04/2027",
                                                                    "Tháng 05/2027"]
    later = page.cssselect(".phobien-months a")
    assert [text(a) for a in later][:2] == ["Tháng 06/2027", "Tháng 07/2027"]
    month = article(site, "calendar/months/2027-06")
    rows = release_rows(month.cssselect(".phobien-releases table")[0])
    assert [r[0] for r in rows] == ["07/06/2027 09:00", "30/06/2027"]


def test_a_busy_month_and_the_punctuality_page_go_on_over_parts(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No page grows with the catalog: past ``INLINE`` releases, a month page and the
    punctuality page continue on numbered parts, each linking to every other."""
    from generator import pages

    monkeypatch.setattr(pages, "INLINE", 1)
    site = build(project, tmp_path / "site", as_of="2027-03-26T09:00")
    first = article(site, "calendar/months/2027-06")
    second = article(site, "calendar/months/2027-06-2")
    assert [r[0] for r in release_rows(first.cssselect(".phobien-releases table")[0])] == [
        "07/06/2027 09:00"]
    assert [r[0] for r in release_rows(second.cssselect(".phobien-releases table")[0])] == [
        "30/06/2027"]
    assert [a.get("href") for a in first.cssselect(".phobien-parts a")] == ["../2027-06-2/"]
    assert [a.get("href") for a in second.cssselect(".phobien-parts a")] == ["../2027-06/"]
    assert "(phần 2)" in text(second.cssselect("h1")[0])
    assert not (site / "calendar/months/2027-06-3").exists()
    punctual = [article(site, "calendar/punctuality")]
    while (site / f"calendar/punctuality-{len(punctual) + 1}").is_dir():
        punctual.append(article(site, f"calendar/punctuality-{len(punctual) + 1}"))
    assert len(punctual) > 1
    for page in punctual:
        assert len(page.cssselect(".phobien-punctuality tbody tr")) == 1
