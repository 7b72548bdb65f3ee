"""Headline figures: the number first, with its changes in numbers and in words, computed
from the source's released figures only, as they were known at the release.

The example's CPI for October 2026 is 119,22 (released 6 November 2026 at 09:00); the
test computes its two changes from ``catalog/sources/cpi.csv`` itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator import i18n
from generator.catalog.model import Column, Dataset, Headline, Source, Text
from generator.check import load_catalog
from generator.outputs.datasets.built import Built
from generator.outputs.pages import headlines
from generator.outputs.pages.week import next_days
from generator.problems import CatalogError
from generator.releases.plan import plan
from tests.conftest import ROOT, copy_example, served

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CPI_OCTOBER = dt.datetime(2026, 11, 6, 9, 0, tzinfo=ZONE)  # cpi/2026-10
GRDP_PRELIMINARY = dt.datetime(2027, 1, 6, 9, 0, tzinfo=ZONE)  # grdp/2026-q3/preliminary


def page_text(site: Path, address: str) -> str:
    """What a reader reads on a page: its article's words, tags and spacing dropped."""
    page = (site / address / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S)
    assert article is not None
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article.group(0))).split())


def cpi(period: str) -> float:
    with (ROOT / "catalog" / "sources" / "cpi.csv").open(encoding="utf-8") as f:
        return next(float(row["Chỉ số chung"]) for row in csv.DictReader(f)
                    if row["Kỳ"] == period)


def release_label(release_id: str, lang: str) -> str:
    catalog = load_catalog(ROOT / "catalog").public()
    return plan(catalog, CPI_OCTOBER).by_id[release_id].label(lang)


def cpi_sentence(lang: str) -> str:
    """The October 2026 sentence, its numbers computed here from the source."""
    october, september, year_ago = cpi("2026-10"), cpi("2026-09"), cpi("2025-10")
    on_month = (october / september - 1) * 100
    on_year = (october / year_ago - 1) * 100
    words = {
        "vi": ("CPI tháng 10/2026 {} {}% so với tháng trước và {} {}% so với cùng kỳ năm trước.",
               ("tăng", "giảm")),
        "en": ("CPI for October 2026 was {} {}% on the previous month and {} {}% on the same "
               "month a year earlier.", ("up", "down")),
    }[lang]
    up, down = words[1]

    def change(value: float) -> tuple[str, str]:
        return (up if value > 0 else down), i18n.format_number(abs(value), lang, 2)

    return words[0].format(*change(on_month), *change(on_year))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from generator.engine import build_site

    tmp = tmp_path_factory.mktemp("headlines")
    project = copy_example(tmp / "project")
    out = {}
    for name, moment in (("before", CPI_OCTOBER - dt.timedelta(seconds=1)),
                         ("at", CPI_OCTOBER),
                         ("later", GRDP_PRELIMINARY)):
        out[name] = tmp / name
        build_site(project / "mkdocs.yml", out[name], moment.isoformat())
    return out


# --- the figures, computed -----------------------------------------------------------------


def _built(points: list[list[object]], headline: Headline, decimals: int = 2) -> Built:
    dataset = Dataset(
        id="x", product="p", title=Text(vi="x"), description=Text(vi="x"),
        source=Source(file="x.csv"), period="ky",
        columns=[Column(source="ky", id="ky", label=Text(vi="Kỳ"), type="period"),
                 Column(source="v", id="v", label=Text(vi="v"), type="number",
                        unit=Text(vi="tỷ đồng", en="billion VND"))],
        headlines=[headline],
    )
    return Built(dataset, "", None, Path("."), decimals={"v": decimals},
                 headline_series=[points])


def test_changes_are_computed_from_the_figures_known_at_the_release() -> None:
    """A later revision of the previous month does not change what a release stated."""
    headline = Headline(column="v", name=Text(vi="Chỉ số", en="The index"),
                        compare=["previous", "year-ago"])
    points: list[list[object]] = [
        ["2025-10", "", "", 100.0],
        ["2026-09", "p/2026-09", "2026-10-06T09:00:00+07:00", 110.0],
        ["2026-10", "p/2026-10", "2026-11-06T09:00:00+07:00", 121.0],
        # September revised at a later release: not what October's release compared with.
        ["2026-09", "p/2026-09/r", "2026-12-06T09:00:00+07:00", 100.0],
    ]
    figure = headlines.stated(_built(points, headline), 0, "2026-10", CPI_OCTOBER)
    assert figure is not None
    assert [(c.against, round(c.value, 6)) for c in figure.changes] == [
        ("previous", 10.0), ("year-ago", 21.0)]
    assert figure.sentence("vi") == ("Chỉ số tháng 10/2026 tăng 10,00% so với tháng trước và "
                                     "tăng 21,00% so với cùng kỳ năm trước.")
    later = headlines.stated(_built(points, headline), 0, "2026-10",
                             dt.datetime(2026, 12, 6, 9, 0, tzinfo=ZONE))
    assert later is not None and round(later.changes[0].value, 6) == 21.0
    # Not yet released at the moment asked: nothing to state.
    assert headlines.stated(_built(points, headline), 0, "2026-10",
                            CPI_OCTOBER - dt.timedelta(seconds=1)) is None


def test_a_missing_comparison_is_left_out_and_a_level_alone_is_stated() -> None:
    headline = Headline(column="v", name=Text(vi="GRDP", en="GRDP"),
                        compare=["previous", "year-ago"])
    points: list[list[object]] = [["2026-q2", "", "", 0.0], ["2026-q3", "", "", 14602.8]]
    figure = headlines.stated(_built(points, headline, 1), 0, "2026-q3", CPI_OCTOBER)
    assert figure is not None and figure.changes == ()  # no year-ago; dividing by 0: none
    assert figure.sentence("vi") == "GRDP quý III/2026 đạt 14.602,8 tỷ đồng."
    assert figure.sentence("en") == "GRDP for Q3 2026 was 14,602.8 billion VND."


def test_a_rate_changes_in_points_and_unchanged_says_so() -> None:
    headline = Headline(column="v", name=Text(vi="Tỷ lệ thất nghiệp", en="Unemployment"),
                        compare=["previous", "year-ago"], change="points")
    points: list[list[object]] = [["2025-q3", "", "", 2.1], ["2026-q2", "", "", 2.4],
                                  ["2026-q3", "", "", 2.4]]
    figure = headlines.stated(_built(points, headline, 1), 0, "2026-q3", CPI_OCTOBER)
    assert figure is not None
    assert figure.sentence("vi") == ("Tỷ lệ thất nghiệp quý III/2026 không đổi so với quý "
                                     "trước và tăng 0,3 điểm phần trăm so với cùng kỳ năm "
                                     "trước.")
    assert figure.sentence("en") == ("Unemployment for Q3 2026 was unchanged on the previous "
                                     "quarter and up 0.3 percentage points on the same "
                                     "quarter a year earlier.")


def test_a_growth_rate_column_is_stated_as_the_change_it_is() -> None:
    headline = Headline(column="v", name=Text(vi="GRDP", en="GRDP"),
                        measure="change-on-year-ago")
    figure = headlines.stated(_built([["2026-q3", "", "", 8.19]], headline), 0, "2026-q3",
                              CPI_OCTOBER)
    assert figure is not None
    assert figure.sentence("vi") == "GRDP quý III/2026 tăng 8,19% so với cùng kỳ năm trước."
    assert figure.change_number(figure.changes[0], "en", signed=True) == "+8.19%"


# --- the real site ---------------------------------------------------------------------------


def test_the_cpi_release_page_states_its_figure_and_changes_from_the_source(
    sites: dict[str, Path],
) -> None:
    vi = page_text(sites["at"], "releases/cpi/2026-10")
    en = page_text(sites["at"], "en/releases/cpi/2026-10")
    assert i18n.format_number(cpi("2026-10"), "vi", 2) == "119,22"
    assert "119,22" in vi and "119.22" in en
    assert cpi_sentence("vi") in vi
    assert cpi_sentence("en") in en
    # The number comes first: before the release's fields and its data.
    assert vi.index("119,22") < vi.index(i18n.t("col_period", "vi"))
    # The product page's latest release says it too; a second before, neither does.
    assert cpi_sentence("vi") in page_text(sites["at"], "products/cpi")
    assert cpi_sentence("en") in page_text(sites["at"], "en/products/cpi")
    assert cpi_sentence("vi") not in page_text(sites["before"], "products/cpi")


def test_nothing_of_the_cpi_figure_is_stated_before_its_time(sites: dict[str, Path]) -> None:
    vi = page_text(sites["before"], "releases/cpi/2026-10")
    assert "119,22" not in vi and i18n.t("headlines", "vi") not in vi
    for path, data in served(sites["before"]):  # the search index too, unpacked
        text = data.decode("utf-8", errors="replace")
        for needle in (cpi_sentence("vi"), cpi_sentence("en"), "119,22", "119.22"):
            assert needle not in text, (path, needle)


def test_a_report_states_the_figures_of_the_datasets_it_names(sites: dict[str, Path]) -> None:
    """The monthly report names the CPI, IIP and retail datasets: its page states each, as
    released at its time."""
    vi = page_text(sites["at"], "releases/bao-cao-kt-xh-thang/2026-10")
    assert cpi_sentence("vi") in vi
    assert "Chỉ số sản xuất công nghiệp tháng 10/2026" in vi
    assert "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tháng 10/2026" in vi


def test_a_release_states_what_was_known_then_not_a_later_revision(
    sites: dict[str, Path],
) -> None:
    """After the preliminary GRDP of 2026-Q3 (8,19%), the estimate's page still states the
    estimate (7,91%) it published, and the preliminary release its own figure."""
    estimate = page_text(sites["later"], "releases/grdp/2026-q3/estimate")
    preliminary = page_text(sites["later"], "releases/grdp/2026-q3/preliminary")
    assert "GRDP quý III/2026 tăng 7,91% so với cùng kỳ năm trước." in estimate
    assert "8,19" not in estimate
    assert "GRDP quý III/2026 tăng 8,19% so với cùng kỳ năm trước." in preliminary
    assert "GRDP theo giá hiện hành quý III/2026 đạt 14.602,8 tỷ đồng." in preliminary


def test_the_home_page_leads_with_the_latest_figures_and_the_next_seven_days(
    sites: dict[str, Path],
) -> None:
    catalog = load_catalog(ROOT / "catalog").public()
    schedule = plan(catalog, CPI_OCTOBER)
    due = [r for r in schedule.releases if not r.cancelled and r.moment is not None
           and CPI_OCTOBER < r.moment <= CPI_OCTOBER + dt.timedelta(days=7)]
    assert due  # the example has releases that week
    assert next_days(schedule.releases, CPI_OCTOBER, ZONE).releases == due
    for lang, base in (("vi", ""), ("en", "en/")):
        page = (sites["at"] / base / "index.html").read_text(encoding="utf-8")
        text = page_text(sites["at"], base.rstrip("/") or ".")
        # The CPI's card: its release, then its figure and changes as numbers.
        card = text[text.index(release_label("cpi/2026-10", lang)):]
        october, september = cpi("2026-10"), cpi("2026-09")
        on_month = "\u2212" + i18n.format_number(abs(october / september - 1) * 100, lang, 2)
        assert card.startswith(f"{release_label('cpi/2026-10', lang)} "
                               f"{i18n.format_number(october, lang, 2)} ")
        assert f"{on_month}% " in card[:200]
        start = text.index(i18n.t("due_next_seven_days", lang))
        upcoming = text[start:text.index(i18n.t("ways_in", lang), start)]
        for release in due:
            assert release.label(lang) in upcoming
        section = page[page.rindex(i18n.t("due_next_seven_days", lang)):]
        listed = re.findall(r'href="(releases/[^"]+)/"', section[:section.index("</ul>")])
        assert [f"releases/{r.id}" for r in due] == listed


# --- the catalog ---------------------------------------------------------------------------


def test_headline_mistakes_are_reported_with_file_line_and_field(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    dataset = project / "catalog" / "datasets" / "cpi-thang.yml"
    dataset.write_text(dataset.read_text(encoding="utf-8").replace(
        "  - column: chi_so_chung\n", "  - column: ky\n    measure: change-on-previous\n"),
        encoding="utf-8")
    product = project / "catalog" / "products" / "bao-cao-kt-xh-thang.yml"
    product.write_text(product.read_text(encoding="utf-8").replace(
        "headlines: [cpi-thang,", "headlines: [cpi-thang-moi,"), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(project / "catalog")
    found = {p.code: p for p in caught.value.problems}
    assert {"headline-not-a-number", "headline-compare-change", "unknown-reference"} <= set(found)
    wrong_type = found["headline-not-a-number"]
    assert wrong_type.file.endswith("datasets/cpi-thang.yml") and wrong_type.line is not None
    assert wrong_type.field == "headlines[0].column"
    assert "cột số" in wrong_type.message("vi") and "number column" in wrong_type.message("en")
    unknown = found["unknown-reference"]
    assert unknown.file.endswith("products/bao-cao-kt-xh-thang.yml")
    assert "bộ dữ liệu 'cpi-thang-moi' không tồn tại" in unknown.message("vi")
