"""The calendar, changes, subscribe and release pages, from real builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lhtml

from tests.conftest import build, served
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
    """The cells of every row of a list, its day headings left out."""
    rows = [[text(td) for td in tr.cssselect("td")] for tr in section.cssselect("tbody tr")]
    return [row for row in rows if row]


def days(table: lhtml.HtmlElement) -> list[tuple[str, list[list[str]]]]:
    """A calendar list grouped by day: (the day's heading, its releases' cells)."""
    return [(text(body.cssselect("tr.phobien-day th")[0]), release_rows(body))
            for body in table.cssselect("tbody")]


# Every time of day a page shows carries its zone: "09:00 (UTC+7)" on a list's rows,
# "09:00 (giờ Việt Nam, UTC+7)" and "09:00 (Vietnam Time, UTC+7)" elsewhere.
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
ZONE = re.compile(r" (?:[A-Z]{2,5} )?\((?:[^()]{1,40}, )?UTC(?:[+−]\d{1,2}(?::\d{2})?)?\)")


def times_without_zone(body: str) -> list[str]:
    return [body[max(0, m.start() - 20):m.end() + 30] for m in TIME.finditer(body)
            if not ZONE.match(body, m.end())]


@pytest.mark.slow
def test_calendar_page(site: Path) -> None:
    page = article(site, "calendar")
    body = text(page)
    assert "phê duyệt ngày 20/11/2026 theo Quyết định số 215/QĐ-CTK của Cục trưởng" in body
    months = [text(h).strip("¶ ") for h in page.cssselect("h3")]
    assert months[:3] == ["Tháng 04/2027", "Tháng 05/2027", "Tháng 06/2027"]
    h2 = [text(h).strip("¶ ") for h in page.cssselect("h2")]
    assert h2 == ["Sắp phát hành", "Đã phát hành gần đây"]
    # upcoming, by day: each release with its time and zone, product, period in words,
    # completeness and status (a move says where from); the form, unit and audiences are
    # the product's, on its page, not on every row
    tables = page.cssselect(".phobien-releases table")
    assert [h.get("scope") for h in tables[0].cssselect("thead th")] == ["col"] * 5
    april = days(tables[0])
    assert april == [
        ("Thứ Năm, 08/04/2027", [["09:00 (UTC+7)", "Chỉ số giá tiêu dùng", "Tháng 03/2027",
                                  "Chính thức", "Đã xác nhận · Dời từ 06/04/2027 09:00 (UTC+7)"]]),
        ("Thứ Năm, 15/04/2027", [["14:00 (UTC+7)", "Kết quả Tổng điều tra dân số", "Năm 2026",
                                  "Chính thức", "Đã hủy"]]),
    ]
    assert "Phòng Thống kê Tổng hợp" not in text(tables[0])
    assert days(tables[2])[1] == (
        "Thứ Tư, 30/06/2027",
        [["Cả ngày", "Niên giám thống kê", "Năm 2026", "Chính thức", "Đã xác nhận"]])
    past = days(tables[-1])
    # newest first: cpi/2027-02, on Saturday 6 March, which the calendar declares working
    assert past[0] == ("Thứ Bảy, 06/03/2027", [
        ["09:00 (UTC+7)", "Chỉ số giá tiêu dùng", "Tháng 02/2027", "Chính thức", "Đã phát hành"]])
    assert all(row[-1] == "Đã phát hành" for _, rows in past for row in rows)
    en = days(article(site, "en/calendar").cssselect(".phobien-releases table")[0])
    assert en[0] == ("Thursday 8 April 2027", [
        ["09:00 (UTC+7)", "Consumer price index", "March 2027", "Official",
         "Confirmed · Moved from 6 April 2027, 09:00 (UTC+7)"]])


@pytest.mark.slow
def test_calendar_page_lists_a_few_months_and_links_every_month(site: Path) -> None:
    """A phone reader scans the next three months and the last two; every month of the
    calendar (the past year's and every later one) is one link away, on its own page."""
    page = article(site, "calendar")
    assert [text(h).strip("¶ ") for h in page.cssselect("h3")] == [
        "Tháng 04/2027", "Tháng 05/2027", "Tháng 06/2027"]
    index = page.cssselect("nav.phobien-month-index")[0]
    linked = {a.get("href") for a in index.cssselect("a")}
    months = sorted(p.name for p in (site / "calendar/months").iterdir() if p.is_dir())
    assert months and {f"months/{m}/" for m in months} == linked
    assert text(index.cssselect("li")[0]).startswith("2027: Tháng 1 · Tháng 2")
    later = [a.get("href") for a in page.cssselect(".phobien-months a")]
    assert later[0] == "months/2027-07/" and "months/2027-01/" in later
    june = article(site, "calendar/months/2027-06")
    nav = {a.get("rel"): a.get("href") for a in june.cssselect(".phobien-filters a[rel]")}
    assert nav == {"prev": "../2027-05/", "next": "../2027-07/"}


@pytest.mark.slow
def test_an_added_release_is_marked(site: Path) -> None:
    october = days(article(site, "calendar/months/2027-10").cssselect(".phobien-releases table")[0])
    census = next(row for _, rows in october for row in rows
                  if row[1] == "Kết quả Tổng điều tra dân số")
    assert census[0] == "Cả ngày" and census[-1] == "Đã xác nhận · Bổ sung vào lịch"
    en = days(article(site, "en/calendar/months/2027-10").cssselect(".phobien-releases table")[0])
    assert any(row[-1] == "Confirmed · Added to the calendar" for _, rows in en for row in rows)


@pytest.mark.slow
@pytest.mark.parametrize("url", [
    "calendar", "en/calendar", "calendar/months/2027-04", "calendar/changes",
    "en/calendar/changes", "products/cpi", "en/products/cpi", "releases/cpi/2027-03",
    "en/releases/cpi/2027-03", "calendar/punctuality", "en/calendar/punctuality",
])
def test_every_time_shown_carries_its_zone(site: Path, url: str) -> None:
    body = text(article(site, url))
    assert TIME.search(body), url
    assert times_without_zone(body) == []


@pytest.mark.slow
def test_calendar_filters_work_without_javascript(site: Path) -> None:
    leaders = text(article(site, "calendar/audiences/leaders"))
    public = text(article(site, "calendar/audiences/public"))
    assert "Kết quả Tổng điều tra dân số" not in leaders  # the census is for the public
    assert "Kết quả Tổng điều tra dân số" in public
    topic = text(article(site, "calendar/topics/dan-so"))
    assert "Chỉ số giá tiêu dùng" not in topic and "Niên giám thống kê" in topic
    links = [a.get("href") for a in article(site, "calendar").cssselect(".phobien-filters a")]
    assert "audiences/leaders/" in links and "topics/gia-ca/" in links


@pytest.mark.slow
def test_changes_page_newest_first_with_reasons(site: Path) -> None:
    rows = release_rows(article(site, "calendar/changes").cssselect("table")[0])
    assert [r[0] for r in rows] == ["20/03/2027 10:00 (UTC+7)", "01/02/2027 08:00 (UTC+7)",
                                    "15/01/2027 08:00 (UTC+7)"]
    assert rows[0][2] == "Dời từ 06/04/2027 09:00 (UTC+7) sang 08/04/2027 09:00 (UTC+7)"
    assert rows[0][3] == "Trùng lịch họp"
    assert rows[1][2].startswith("Hủy") and rows[1][3] == "Chưa đủ số liệu"
    assert rows[2][2].startswith("Bổ sung")
    en = release_rows(article(site, "en/calendar/changes").cssselect("table")[0])
    assert en[0][2] == "Moved from 6 April 2027, 09:00 (UTC+7) to 8 April 2027, 09:00 (UTC+7)"
    # on a phone each row is a card whose cells say what they are
    cells = article(site, "en/calendar/changes").cssselect("tbody tr")[0].cssselect("td")
    assert [td.get("data-label") for td in cells] == ["Announced", None, "Change", "Reason"]
    assert en[0][3] == "A clashing meeting"


@pytest.mark.slow
def test_release_page_before_and_after_its_time(project: Path, tmp_path: Path) -> None:
    before = build(project, tmp_path / "before", as_of="2027-04-08T08:59")
    page = article(before, "releases/cpi/2027-03")
    assert page.cssselect(".phobien-status-announcement")
    assert "sẽ được công bố vào 08/04/2027 09:00 (giờ Việt Nam, UTC+7)." in text(page)
    fields = {text(tr.cssselect("th")[0]): text(tr.cssselect("td")[0])
              for tr in page.cssselect(".phobien-fields tr")}
    assert fields["Kỳ báo cáo"] == "Tháng 03/2027"
    assert fields["Thời gian"] == "08/04/2027 09:00 (giờ Việt Nam, UTC+7)"
    assert fields["Trạng thái"] == "Đã xác nhận · Dời từ 06/04/2027 09:00 (giờ Việt Nam, UTC+7)"
    history = release_rows(page.cssselect(".phobien-changes table")[0])
    assert history == [
        ["20/03/2027 10:00 (UTC+7)", "Dời từ 06/04/2027 09:00 (UTC+7) sang 08/04/2027 09:00 "
         "(UTC+7)", "Trùng lịch họp"]
    ]
    en = text(article(before, "en/releases/cpi/2027-03"))
    assert "will be released on 8 April 2027, 09:00 (Vietnam Time, UTC+7)." in en
    after = build(project, tmp_path / "after", as_of="2027-04-08T09:00")
    page = article(after, "releases/cpi/2027-03")
    assert page.cssselect(".phobien-status-published")
    assert "Đã phát hành vào 08/04/2027 09:00 (giờ Việt Nam, UTC+7)" in text(page)
    cancelled = article(after, "releases/tong-dieu-tra/2026")
    assert cancelled.cssselect(".phobien-status-cancelled")
    assert "Chưa đủ số liệu" in text(cancelled)


@pytest.mark.slow
def test_product_page_leads_with_its_latest_and_next_release(site: Path) -> None:
    page = article(site, "products/cpi")
    order = [el for el in page.iter() if el.get("class") in ("phobien-cards phobien-next",
                                                              "phobien-fields")]
    assert [el.get("class") for el in order] == ["phobien-cards phobien-next", "phobien-fields"]
    latest, coming = [text(li) for li in order[0].cssselect("li")]
    assert latest == ("Lần phát hành gần nhất Tháng 02/2027 · Chính thức "
                      "06/03/2027 09:00 (giờ Việt Nam, UTC+7)")
    assert coming == ("Lần phát hành tiếp theo Tháng 03/2027 · Chính thức "
                      "08/04/2027 09:00 (giờ Việt Nam, UTC+7) "
                      "Đã xác nhận · Dời từ 06/04/2027 09:00 (giờ Việt Nam, UTC+7)")
    assert [a.get("href") for a in order[0].cssselect("a")] == [
        "../../releases/cpi/2027-02/", "../../releases/cpi/2027-03/"]
    en = text(article(site, "en/products/cpi").cssselect(".phobien-next")[0])
    assert "Next release March 2027 · Official 8 April 2027, 09:00 (Vietnam Time, UTC+7)" in en


@pytest.mark.slow
def test_product_page_lists_its_releases_upcoming_then_newest(site: Path) -> None:
    page = article(site, "products/cpi")
    upcoming, past = (release_rows(t) for t in page.cssselect(".phobien-releases table"))
    assert [text(h).strip("¶ ") for h in page.cssselect("h3")][-2:] == [
        "Sắp phát hành", "Đã phát hành"]
    assert upcoming[0] == ["08/04/2027 09:00 (UTC+7)", "Tháng 03/2027", "Chính thức",
                           "Đã xác nhận · Dời từ 06/04/2027 09:00 (UTC+7)"]
    assert [r[1] for r in past] == ["Tháng 02/2027", "Tháng 01/2027", "Tháng 12/2026"]
    assert len(upcoming) + len(past) == 12
    assert page.cssselect('a[href$="calendar/products/cpi.ics"]')


@pytest.mark.slow
def test_restricted_releases_appear_nowhere(site: Path) -> None:
    assert not (site / "releases/mat-lanh-dao").exists()
    for path, data in served(site):  # the search index too, unpacked
        content = data.decode("utf-8", errors="replace")
        assert "mat-lanh-dao" not in content and "Bản tin mật" not in content, path


@pytest.mark.slow
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


@pytest.mark.slow
def test_example_site_calendar(example_site: Path) -> None:
    body = text(article(example_site, "calendar"))
    assert "215/QĐ-CTK" in body and "198/QĐ-CTK" in body
    assert (example_site / "releases/bao-cao-kt-xh-thang/2027-01/index.html").is_file()
    page = text(article(example_site, "releases/bao-cao-kt-xh-thang/2027-01"))
    assert "11/02/2027 09:00" in page and "06/02/2027" in page  # the Tết shift, explained


@pytest.mark.slow
def test_example_site_shows_periods_in_words(example_site: Path) -> None:
    """A one-off's period spelt "2026-6-thang" in its calendar reads in words on every
    page that names it; the code is only in addresses (a citation shows its page's)."""
    for path in sorted(example_site.rglob("index.html")):
        page = lhtml.fromstring(path.read_text(encoding="utf-8"))
        for el in page.cssselect("article"):
            assert "6-thang" not in re.sub(r"https?://\S+", "", text(el)), path
    added = "releases/chuyen-doi-so/2026-6-thang"
    fields = {text(tr.cssselect("th")[0]): text(tr.cssselect("td")[0])
              for tr in article(example_site, added).cssselect(".phobien-fields tr")}
    assert fields["Kỳ báo cáo"] == "6 tháng đầu năm 2026"
    en = {text(tr.cssselect("th")[0]): text(tr.cssselect("td")[0])
          for tr in article(example_site, "en/" + added).cssselect(".phobien-fields tr")}
    assert en["Reference period"] == "First half of 2026"
    assert en["Status"] == "Confirmed · Added to the calendar"


def test_format_when_takes_the_sites_zone() -> None:
    """Not Vietnam's alone: an office elsewhere shows its own zone, summer time too."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from generator.i18n import format_when

    day, nine = dt.date(2027, 7, 6), dt.time(9, 0)
    assert format_when(day, nine, None, "en", zone=ZoneInfo("Europe/Paris")) == (
        "6 July 2027, 09:00 CEST (UTC+2)")
    assert format_when(day, nine, None, "vi", zone=ZoneInfo("Asia/Kolkata")) == (
        "06/07/2027 09:00 (giờ Ấn Độ, UTC+5:30)")
    assert format_when(day, None, None, "vi", zone=ZoneInfo("Asia/Ho_Chi_Minh")) == "06/07/2027"
    assert format_when(None, None, "2027-05", "en", zone=ZoneInfo("Asia/Ho_Chi_Minh")) == (
        "May 2027 (provisional; the exact date will be announced)")


@pytest.mark.slow
def test_a_long_calendar_links_later_months_to_month_pages(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.outputs.pages import render as pages

    monkeypatch.setattr(pages, "INLINE", 3)  # a national calendar, in miniature
    site = build(project, tmp_path / "site", as_of="2027-03-26T09:00")
    page = article(site, "calendar")
    # whole months up to three releases: April (two) and May (one); June would pass three
    assert [text(h).strip("¶ ") for h in page.cssselect("h3")] == ["Tháng 04/2027",
                                                                    "Tháng 05/2027"]
    later = page.cssselect(".phobien-months a")
    assert [text(a) for a in later][:2] == ["Tháng 06/2027", "Tháng 07/2027"]
    month = article(site, "calendar/months/2027-06")
    assert [(day, [r[0] for r in rows]) for day, rows in days(
        month.cssselect(".phobien-releases table")[0])] == [
        ("Thứ Hai, 07/06/2027", ["09:00 (UTC+7)"]), ("Thứ Tư, 30/06/2027", ["Cả ngày"])]


@pytest.mark.slow
def test_a_busy_month_and_the_punctuality_page_go_on_over_parts(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No page grows with the catalog: past ``INLINE`` releases, a month page and the
    punctuality page continue on numbered parts, each linking to every other."""
    from generator.outputs.pages import render as pages

    monkeypatch.setattr(pages, "INLINE", 1)
    site = build(project, tmp_path / "site", as_of="2027-03-26T09:00")
    first = article(site, "calendar/months/2027-06")
    second = article(site, "calendar/months/2027-06-2")
    assert [r[0] for r in release_rows(first.cssselect(".phobien-releases table")[0])] == [
        "09:00 (UTC+7)"]
    assert [r[0] for r in release_rows(second.cssselect(".phobien-releases table")[0])] == [
        "Cả ngày"]
    assert [a.get("href") for a in first.cssselect(".phobien-parts a")] == ["../2027-06-2/"]
    assert [a.get("href") for a in second.cssselect(".phobien-parts a")] == ["../2027-06/"]
    assert "(phần 2)" in text(second.cssselect("h1")[0])
    assert not (site / "calendar/months/2027-06-3").exists()
    punctual = [article(site, "calendar/punctuality")]
    while (site / f"calendar/punctuality-{len(punctual) + 1}").is_dir():
        punctual.append(article(site, f"calendar/punctuality-{len(punctual) + 1}"))
    assert len(punctual) > 1
    for page in punctual:
        # Built without a publish log: each part's release is among the unrecorded.
        assert len(page.cssselect(".phobien-punctuality tbody tr, .phobien-unrecorded li")) == 1


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_month_page_is_reachable_from_the_calendar(example_site: Path, lang: str) -> None:
    """Following the links of calendar/index.html reaches every month page built, the
    past year's and next year's calendar's months included; a busy month's further
    parts are one link on, from its first."""
    import posixpath

    base = f"{lang}calendar/"
    root = example_site / lang / "calendar/months"
    built = {p.name for p in root.iterdir() if (p / "index.html").is_file()}
    linked = set()
    for a in article(example_site, base).cssselect("a[href]"):
        target = posixpath.normpath(posixpath.join(base, a.get("href")))
        if target.startswith(f"{lang}calendar/months/"):
            linked.add(target.rsplit("/", 1)[-1])
    firsts = {m for m in built if not re.fullmatch(r"\d{4}-\d{2}-\d+", m)}
    assert linked == firsts
    assert {"2026-01", "2027-12"} <= linked  # January of this year, December of the next
    for part in built - firsts:
        first = article(example_site, f"{lang}calendar/months/{part.rsplit('-', 1)[0]}")
        assert f"../{part}/" in {a.get("href") for a in first.cssselect(".phobien-parts a")}
