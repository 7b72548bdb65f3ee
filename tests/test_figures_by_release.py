"""Every figure belongs to a release: typed in ahead, it is written nowhere before then.

The example's GRDP table holds, for 2026-Q3, the estimate released on 6 October 2026 and
the preliminary figure (14.602,8 billion VND) typed in ahead of its release on 6 January
2027 at 09:00. Real builds of the whole site, a second before and at that moment.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from generator.check import load_catalog
from generator.outputs.datasets.build import build_datasets
from generator.problems import CatalogError
from generator.releases.plan import plan
from generator.verify import verify_site
from tests.conftest import ROOT, copy_example, readable, site_files

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
RELEASE = dt.datetime(2027, 1, 6, 9, 0, tzinfo=ZONE)  # grdp/2026-q3/preliminary
# The preliminary figure as each kind of output writes it.
NEEDLES = ("14602.8", "14.602,8", "14,602.8")
HOST = "thongke.langson.example"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from generator.engine import build_site

    tmp = tmp_path_factory.mktemp("figures")
    project = copy_example(tmp / "project")
    out = {}
    for name, moment in (("before", RELEASE - dt.timedelta(seconds=1)), ("at", RELEASE)):
        out[name] = tmp / name
        build_site(project / "mkdocs.yml", out[name], moment.isoformat())
    return out


def texts(path: Path) -> list[str]:
    """What a file says, compressed and binary formats opened as their readers open them."""
    out = [data.decode("utf-8", "replace") for data in readable(path)]  # the index unpacked
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                inner = archive.read(name)
                out.append(inner.decode("utf-8", "replace"))
                if name.endswith(".xlsx"):
                    out.append(_sheet_text(io.BytesIO(inner)))
                if name.endswith(".parquet"):
                    out.append(pq.read_table(io.BytesIO(inner)).to_pandas().to_csv())
    if path.suffix == ".xlsx":
        out.append(_sheet_text(path))
    if path.suffix == ".parquet":
        out.append(pq.read_table(path).to_pandas().to_csv())
    return out


def _sheet_text(source: Path | io.BytesIO) -> str:
    book = openpyxl.load_workbook(source, read_only=True)
    return " ".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                    for c in row)


def holders(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site_files(site)
            if any(n in text for text in texts(path) for n in NEEDLES)}


@pytest.mark.slow
def test_a_figure_typed_in_ahead_is_nowhere_a_second_before_its_release(
    sites: dict[str, Path],
) -> None:
    assert holders(sites["before"]) == set()
    latest = pd.read_csv(sites["before"] / "datasets/grdp-quy/grdp-quy.csv", dtype=str)
    # the estimate is what users see until then
    assert latest[latest.ky == "2026-q3"][["muc_do", "grdp"]].values.tolist() == [
        ["estimate", "14561.4"]]


@pytest.mark.slow
def test_it_is_in_every_output_from_its_release(sites: dict[str, Path]) -> None:
    found = holders(sites["at"])
    for expected in (
        "datasets/grdp-quy/grdp-quy.csv", "datasets/grdp-quy/grdp-quy.json",
        "datasets/grdp-quy/grdp-quy.xlsx", "datasets/grdp-quy/grdp-quy.parquet",
        "datasets/all.zip", "datasets/grdp-quy/revisions.csv",
        "datasets/grdp-quy/revisions.json", "datasets/grdp-quy/revisions.parquet",
        "datasets/grdp-quy/index.html", "en/datasets/grdp-quy/index.html",
    ):
        assert expected in found, (expected, sorted(found))
    latest = pd.read_csv(sites["at"] / "datasets/grdp-quy/grdp-quy.csv", dtype=str)
    # one row a period: the preliminary figure replaces the estimate
    assert latest[latest.ky == "2026-q3"][["muc_do", "grdp"]].values.tolist() == [
        ["preliminary", "14602.8"]]
    assert latest.ky.is_unique


@pytest.mark.slow
def test_the_built_sites_pass_the_embargo_verification(sites: dict[str, Path]) -> None:
    full = load_catalog(ROOT / "catalog")
    for name, moment in (("before", RELEASE - dt.timedelta(seconds=1)), ("at", RELEASE)):
        verify_site(sites[name], full, plan(full.public(), moment), HOST)


@pytest.mark.slow
def test_the_memo_of_the_tables_never_hides_a_figure_before_its_time(
    sites: dict[str, Path], tmp_path: Path,
) -> None:
    """The verification remembers each table's distinct periods and releases, never the
    verdict: the site built at 09:00, verified again as of a second before with the memo
    of its passing, fails as it does without the memo, line for line."""
    from generator.verify import VerificationError

    full = load_catalog(ROOT / "catalog")
    memo = tmp_path / "verified.json"
    verify_site(sites["at"], full, plan(full.public(), RELEASE), HOST, memo=memo)
    assert json.loads(memo.read_text())["tables"]  # the tables' rows are kept
    early = plan(full.public(), RELEASE - dt.timedelta(seconds=1))
    found = []
    for remembered in (memo, None):
        with pytest.raises(VerificationError) as exc:
            verify_site(sites["at"], full, early, HOST, memo=remembered)
        found.append(sorted(f.format() for f in exc.value.failures if f.check == "embargo"))
    assert found[0] == found[1] and any("grdp-quy" in f for f in found[0]), found


@pytest.mark.slow
def test_the_revision_table_of_the_example_grdp(sites: dict[str, Path]) -> None:
    folder = sites["before"] / "datasets/grdp-quy"
    table = pd.read_csv(folder / "revisions.csv", dtype=str, keep_default_na=False)
    rows = table[table.ky.isin(["2025-q3", "2026-q2", "2026-q3"])]
    assert rows[["ky", "muc_do", "grdp", "release", "release_time"]].values.tolist() == [
        ["2025-q3", "estimate", "13152", "", ""],  # released before the calendars began
        ["2025-q3", "preliminary", "13198.6", "grdp/2025-q3/preliminary",
         "2026-01-06T09:00:00+07:00"],
        ["2026-q2", "estimate", "14352.6", "grdp/2026-q2/estimate", "2026-07-06T09:00:00+07:00"],
        ["2026-q2", "preliminary", "14400.4", "grdp/2026-q2/preliminary",
         "2026-10-06T09:00:00+07:00"],
        ["2026-q3", "estimate", "14561.4", "grdp/2026-q3/estimate", "2026-10-06T09:00:00+07:00"],
    ]
    # ordered by period, then from the first release to the latest
    assert table.ky.tolist() == sorted(table.ky.tolist())
    assert "2026-q4" not in table.ky.tolist()
    as_json = json.loads((folder / "revisions.json").read_text(encoding="utf-8"))
    assert [r["release"] for r in as_json] == table.release.tolist()
    parquet = pq.read_table(folder / "revisions.parquet").to_pandas()
    assert parquet.grdp.tolist() == [float(x) for x in table.grdp]
    # at the release, the preliminary figure joins after the estimate
    later = pd.read_csv(sites["at"] / "datasets/grdp-quy/revisions.csv", dtype=str)
    assert later[later.ky == "2026-q3"][["muc_do", "release"]].values.tolist() == [
        ["estimate", "grdp/2026-q3/estimate"], ["preliminary", "grdp/2026-q3/preliminary"]]


@pytest.mark.slow
def test_the_dataset_page_shows_what_was_known_when(sites: dict[str, Path]) -> None:
    from lxml import html

    for page, heading, words in (
        ("datasets/grdp-quy/index.html", "Số liệu qua các đợt phổ biến", ("Ước tính", "Sơ bộ")),
        ("en/datasets/grdp-quy/index.html", "What was known when", ("Estimate", "Preliminary")),
    ):
        tree = html.parse(str(sites["before"] / page))
        assert heading in [h.text_content().rstrip("¶") for h in tree.iter("h2")]
        table = next(t for t in tree.iter("table")
                     if "revisions" not in t.text_content() and any(
                         w in t.text_content() for w in words) and "2025" in t.text_content())
        cells = table.text_content()
        assert all(w in cells for w in words)
        assert "preliminary" not in cells.replace("Preliminary", "")  # a label, not the code
        links = [a.get("href") for a in tree.iter("a")]
        assert any(h and h.endswith("revisions.csv") for h in links)


def test_the_kept_copy_of_each_release_holds_its_own_figures(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    catalog = load_catalog(project / "catalog").public()
    work = tmp_path / "work"
    for moment in (RELEASE - dt.timedelta(seconds=1), RELEASE):
        result = build_datasets(catalog, plan(catalog, moment), work, project, freeze=True)
        assert not result.problems
    kept = {b.key: b for b in result.vintages["grdp-quy"]}
    estimate = (kept["2026-q3/estimate"].directory / "grdp-quy.csv").read_text("utf-8-sig")
    preliminary = (kept["2026-q3/preliminary"].directory / "grdp-quy.csv").read_text("utf-8-sig")
    assert "14602.8" not in estimate and "2026-q3,estimate,14561.4" in estimate
    assert "2026-q3,preliminary,14602.8" in preliminary


def check_problems(project: Path) -> list[str]:
    try:
        load_catalog(project / "catalog", display_root=project, sources=True)
    except CatalogError as exc:
        return [p.format("vi") for p in exc.problems]
    return []


def test_figures_of_an_unknown_or_cancelled_release_are_check_problems(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    source = project / "catalog/sources/grdp.csv"
    with source.open("a", encoding="utf-8") as f:
        f.write('2026-q3,Chính thức,"1,0","1,0"\n')  # line 23: no such release
    calendar = project / "catalog/calendars/2027.yml"
    text = calendar.read_text(encoding="utf-8")
    cancel = ("  - type: cancelled\n    release: grdp/2026-q3/preliminary\n"
              "    announced: 2026-12-01 10:00\n    reason:\n"
              "      vi: \"Gộp vào số chính thức.\"\n"
              "      en: \"Merged into the official figure.\"\n")
    assert "adjustments:\n" in text
    text = text.replace("adjustments:\n", "adjustments:\n" + cancel, 1)
    calendar.write_text(text, encoding="utf-8")
    assert check_problems(project) == [
        "catalog/sources/grdp.csv:21 Mức độ: số liệu kỳ '2026-q3' mức độ 'sơ bộ' thuộc đợt "
        "phổ biến 'grdp/2026-q3/preliminary' đã bị hủy nên không bao giờ được công bố: xóa "
        "các dòng này hoặc ghi mức độ của một đợt phổ biến khác [figures-cancelled-release]",
        "catalog/sources/grdp.csv:23 Mức độ: số liệu kỳ '2026-q3' mức độ 'chính thức' không "
        "thuộc đợt phổ biến nào trong lịch: sản phẩm 'grdp' không có đợt phổ biến "
        "'grdp/2026-q3/official'. Các mức độ của kỳ này trong lịch: ước tính, sơ bộ "
        "[figures-unknown-release]",
    ]


def test_a_completeness_cell_that_is_no_level_is_a_bad_cell(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    source = project / "catalog/sources/grdp.csv"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "2026-q3,Sơ bộ", "2026-q3,Sơ bội"), encoding="utf-8")
    found = check_problems(project)
    assert len(found) == 1 and found[0].startswith(
        "catalog/sources/grdp.csv:21 Mức độ: ô 'Sơ bội' ở cột 'Mức độ' không phải là một mức "
        "độ hoàn chỉnh (ước tính, sơ bộ, chính thức, điều chỉnh)"), found


@pytest.mark.slow
def test_history_before_the_calendars_passes_the_verification(tmp_path: Path) -> None:
    # December 2025: the 2025-Q3 estimate came out before the calendars began (history),
    # its preliminary figure is due on 6 January 2026. The estimate is published, the
    # preliminary figure is not, and the verification agrees with the build.
    from generator.engine import build_site

    project = copy_example(tmp_path / "project")
    moment = dt.datetime(2025, 12, 1, 9, 0, tzinfo=ZONE)
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site, moment.isoformat())
    latest = pd.read_csv(site / "datasets/grdp-quy/grdp-quy.csv", dtype=str)
    assert latest[latest.ky == "2025-q3"][["muc_do", "grdp"]].values.tolist() == [
        ["estimate", "13152"]]
    full = load_catalog(ROOT / "catalog")
    verify_site(site, full, plan(full.public(), moment), HOST)
