"""PX, JSON-stat 2.0 and SDMX-CSV 2.0 of every public dataset, each read back by an
independent library (pyaxis, pyjstat and a JSON Schema written from the JSON-stat 2.0
specification, pysdmx) and compared, value by value and label by label, with the
dataset's own CSV; and the embargo check reading each of them."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pandas as pd
import pytest
from pyaxis import pyaxis
from pyjstat import pyjstat
from pysdmx.io import read_sdmx

from generator.catalog.load import Catalog, Dataset
from generator.check import load_catalog
from generator.outputs.datasets.exchange.cube import MEASURE
from generator.releases.plan import Period
from tests.conftest import ROOT
from tests.test_verify import check

pytestmark = pytest.mark.slow  # the example site

NEVER = r"(?!x)x"  # a pattern that matches nothing: pyaxis keeps every cell's text
SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "jsonstat-2.0.schema.json")
                    .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "catalog").public()


def datasets() -> list[str]:
    return sorted(p.stem for p in (ROOT / "catalog" / "datasets").glob("*.yml"))


def table(site: Path, dataset: Dataset) -> pd.DataFrame:
    """The dataset's published CSV, every cell as its text."""
    return pd.read_csv(site / f"datasets/{dataset.id}/{dataset.id}.csv", dtype=str,
                       keep_default_na=False, encoding="utf-8-sig")


def keys(dataset: Dataset) -> list[str]:
    return [c.id for c in dataset.columns
            if c.type in ("period", "code") or (c.type == "string" and not _names(dataset, c.id))]


def _names(dataset: Dataset, column_id: str) -> bool:
    ids = [c.id for c in dataset.columns]
    at = ids.index(column_id)
    return at > 0 and dataset.columns[at - 1].type == "code"


def measures(dataset: Dataset) -> list[str]:
    return [c.id for c in dataset.columns if c.type in ("integer", "number")]


def expected(site: Path, dataset: Dataset) -> dict[tuple[str, ...], str]:
    """(classifying codes..., measure) → the CSV's text of the cell."""
    frame = table(site, dataset)
    out = {}
    for row in frame.to_dict("records"):
        for m in measures(dataset):
            out[(*[row[k] for k in keys(dataset)], m)] = row[m]
    return out


def same(text: str, csv_text: str, symbols: dict[str, str], meaning: dict[str, str]) -> bool:
    """A cell read back equals the CSV's: the same number, or a symbol of the same meaning."""
    if csv_text in meaning:
        return symbols.get(text) == meaning[csv_text]
    return float(text) == float(csv_text)


def release_time(site: Path, dataset: Dataset) -> dt.datetime:
    package = json.loads((site / f"datasets/{dataset.id}/datapackage.json").read_text("utf-8"))
    return dt.datetime.fromisoformat(package["phobien"]["as_of"])


# --- PX --------------------------------------------------------------------------------


@pytest.mark.parametrize("dataset_id", datasets())
def test_px_reads_back_in_both_languages(example_site: Path, catalog: Catalog,
                                         dataset_id: str) -> None:
    dataset = catalog.dataset(dataset_id)
    path = example_site / f"datasets/{dataset_id}/{dataset_id}.px"
    cells = expected(example_site, dataset)
    office = catalog.site.office.name
    moment = release_time(example_site, dataset).astimezone(ZoneInfo(catalog.site.timezone))
    for lang in ("vi", "en"):
        px = pyaxis.parse(str(path), encoding="utf-8", null_values=NEVER, sd_values=NEVER,
                          lang=lang)
        meta, data = px["METADATA"], px["DATA"]
        assert meta["LANGUAGES"] == ["vi", "en"] and meta["LANGUAGE"] == [lang]
        assert meta["CONTENTS"] == [dataset.title.get(lang)]
        assert meta["SOURCE"] == [office.get(lang)]
        # Each variable's labels, and its codes, as the table and the catalog name them.
        names = {c.id: c for c in dataset.columns}
        by_code: dict[str, dict[str, str]] = {}
        variables = [*meta["STUB"], *meta["HEADING"]]
        for variable in variables:
            codes, labels = meta[f"CODES({variable})"], meta[f"VALUES({variable})"]
            by_code[variable] = dict(zip(labels, codes, strict=True))
        indicator = meta["HEADING"][0]
        assert meta["CONTVARIABLE"] == [indicator]
        for m, label in zip(meta[f"CODES({indicator})"], meta[f"VALUES({indicator})"],
                            strict=True):
            column = names[m]
            assert label == column.label.get(lang)
            assert meta[f"UNITS({label})"] == [column.unit.get(lang) if column.unit else "-"]
            assert meta[f"LAST-UPDATED({label})"] == [moment.strftime("%Y%m%d %H:%M")]
            if column.decimals is not None:
                assert meta[f"PRECISION({indicator},{label})"] == str(column.decimals)
        period = meta["STUB"][0]
        for label, code in by_code[period].items():
            parsed = Period.parse(code)
            assert parsed is not None
            assert label.casefold() == parsed.label().get(lang).casefold()
        # The dot-codes' meanings, in this language.
        symbols = {}
        for key, value in meta.items():
            if key.startswith("DATASYMBOL"):
                dots = "-" if key == "DATASYMBOLNIL" else "." * int(key[-1])
                symbols[f'"{dots}"'] = value[0]
        meaning = {s: m.get(lang) for s, m in dataset.missing_symbols().items()}
        read = {}
        for row in data.to_dict("records"):
            key = tuple(by_code[v][row[v]] for v in variables)
            read[key] = row["DATA"]
        absent = {k: v for k, v in read.items() if k not in cells}
        assert all(v == '"."' for v in absent.values())
        for key, text in cells.items():
            assert same(read[key], text, symbols, meaning), (key, read[key], text)
        if dataset.completeness is not None:
            frame = table(example_site, dataset)
            levels = dict(zip(frame[dataset.period], frame[dataset.completeness.id],
                              strict=True))
            from generator.i18n import value_label

            for label, code in by_code[period].items():
                assert meta[f"VALUENOTE({period},{label})"] == [
                    value_label("completeness", levels[code], lang)]


def test_px_symbols_of_a_table_with_them(example_site: Path, catalog: Catalog) -> None:
    """The example's district table has ".." and "x" cells: PX's ".." and "...", each with
    the catalog's meaning in both languages."""
    path = example_site / "datasets/dan-so-huyen/dan-so-huyen.px"
    text = path.read_text(encoding="utf-8")
    data = text.split("DATA=")[1]
    assert '".."' in data and '"..."' in data
    assert 'DATASYMBOL2="Chưa có số liệu";\nDATASYMBOL2[en]="Not available";' in text
    assert 'DATASYMBOL3="Số liệu bảo mật, không công bố";\n' \
           'DATASYMBOL3[en]="Suppressed for confidentiality";' in text


# --- JSON-stat -------------------------------------------------------------------------


@pytest.mark.parametrize("dataset_id", datasets())
def test_jsonstat_reads_back_and_is_valid(example_site: Path, catalog: Catalog,
                                          dataset_id: str) -> None:
    dataset = catalog.dataset(dataset_id)
    path = example_site / f"datasets/{dataset_id}/{dataset_id}.jsonstat.json"
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    jsonschema.validate(data, SCHEMA)
    assert data["updated"] == release_time(example_site, dataset).astimezone(
        ZoneInfo(catalog.site.timezone)).isoformat()
    assert data["label"] == dataset.title.vi and data["extension"]["en"]["label"] == \
        dataset.title.en
    assert data["role"]["time"] == [dataset.period] and data["role"]["metric"] == [MEASURE]
    frame = pyjstat.Dataset.read(text).write("dataframe", naming="id")
    cells = expected(example_site, dataset)
    status = data.get("status") or {}
    ids = data["id"]
    read = {}
    for i, row in enumerate(frame.to_dict("records")):
        read[tuple(str(row[d]) for d in ids)] = (row["value"], status.get(str(i)))
    for key, csv_text in cells.items():
        value, symbol = read[key]
        if csv_text in dataset.missing_symbols():
            assert pd.isna(value) and symbol == csv_text
        else:
            assert value == float(csv_text) and symbol is None
    # Labels in both languages, units and decimals of each indicator.
    indicator = data["dimension"][MEASURE]
    for column in dataset.columns:
        if column.id not in indicator["category"]["index"]:
            continue
        assert indicator["category"]["label"][column.id] == column.label.vi
        assert indicator["extension"]["en"]["category"]["label"][column.id] == column.label.en
        unit = indicator["category"]["unit"][column.id]
        assert unit["label"] == (column.unit.vi if column.unit else "")
        if column.decimals is not None:
            assert unit["decimals"] == column.decimals
    for d in ids:
        assert data["dimension"][d]["extension"]["en"]["label"]


# --- SDMX-CSV --------------------------------------------------------------------------


@pytest.mark.parametrize("dataset_id", datasets())
def test_sdmx_csv_reads_back(example_site: Path, catalog: Catalog, dataset_id: str) -> None:
    dataset = catalog.dataset(dataset_id)
    path = example_site / f"datasets/{dataset_id}/{dataset_id}.sdmx.csv"
    message = read_sdmx(str(path))
    [read] = message.data
    assert read.short_urn == f"Dataflow=PHOBIEN:{dataset_id.upper().replace('-', '_')}(1.0)"
    frame = read.data
    assert {"TIME_PERIOD", "INDICATOR", "OBS_VALUE", "OBS_STATUS", "UNIT_MEASURE",
            "DECIMALS"} <= set(frame.columns)
    dims = ["TIME_PERIOD" if k == dataset.period else k.upper() for k in keys(dataset)]
    cells = expected(example_site, dataset)
    assert len(frame) == len(cells)  # one observation per (row, indicator)
    units = {c.id: c.unit.vi if c.unit else "" for c in dataset.columns}
    # pysdmx reads a file without its structure by guessing each column's type, so that
    # the code 06130 comes back as 6130: codes are compared without leading zeros here,
    # and the file's own text is compared exactly below.
    loose = {(*(k.lstrip("0") for k in key[:-1]), key[-1]): v for key, v in cells.items()}
    for row in frame.to_dict("records"):
        key = (*[str(row[d]).lower().replace("-s", "-h") if d == "TIME_PERIOD"
                 else str(row[d]).lstrip("0") for d in dims], row["INDICATOR"])
        csv_text = loose[key]
        if csv_text in dataset.missing_symbols():
            assert pd.isna(row["OBS_VALUE"]) or row["OBS_VALUE"] == ""
            assert row["OBS_STATUS"] == csv_text
        else:
            assert float(row["OBS_VALUE"]) == float(csv_text)
        assert row["UNIT_MEASURE"] == units[row["INDICATOR"]]
    with path.open(encoding="utf-8", newline="") as f:
        lines = list(csv.DictReader(f))
    written = {(*[line[d].lower().replace("-s", "-h") if d == "TIME_PERIOD" else line[d]
                  for d in dims], line["INDICATOR"]) for line in lines}
    assert written == set(cells)


# --- where they are offered ------------------------------------------------------------


def test_offered_on_each_dataset_page_and_in_the_catalogs(example_site: Path) -> None:
    dcat = (example_site / "catalog.jsonld").read_text(encoding="utf-8")
    for dataset_id in datasets():
        names = [f"{dataset_id}.px", f"{dataset_id}.jsonstat.json", f"{dataset_id}.sdmx.csv"]
        for page in (f"datasets/{dataset_id}/index.html", f"en/datasets/{dataset_id}/index.html"):
            html = (example_site / page).read_text(encoding="utf-8")
            for name in names:
                assert f'{name}" download>' in html, (page, name)
        for name in names:
            assert f"datasets/{dataset_id}/{name}" in dcat
    # A release's vintage frozen by this version holds them too, as the build left them.
    vintage = example_site / "datasets/cpi-thang/2026-10"
    for suffix in (".px", ".jsonstat.json", ".sdmx.csv"):
        assert (vintage / f"cpi-thang{suffix}").read_bytes() == \
            (example_site / f"datasets/cpi-thang/cpi-thang{suffix}").read_bytes()
    assert "PX (PC-Axis, cho PxWeb)" in (example_site / "datasets/cpi-thang/index.html") \
        .read_text(encoding="utf-8")
    assert "PX (PC-Axis, for PxWeb)" in (example_site / "en/datasets/cpi-thang/index.html") \
        .read_text(encoding="utf-8")


# --- nothing early ---------------------------------------------------------------------


@pytest.fixture
def site(example_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(example_site, copy)
    return copy


def test_a_future_month_planted_in_each_file_fails_verification(site: Path) -> None:
    """A hurried hand adds November 2026 (out on 6 December) to each file of the CPI."""
    folder = site / "datasets/cpi-thang"
    px = folder / "cpi-thang.px"
    text = px.read_text(encoding="utf-8")
    text = text.replace('CODES("Kỳ báo cáo")="2023-01",',
                        'CODES("Kỳ báo cáo")="2026-11","2023-01",')
    px.write_text(text, encoding="utf-8")
    stat = folder / "cpi-thang.jsonstat.json"
    data = json.loads(stat.read_text(encoding="utf-8"))
    data["dimension"]["ky"]["category"]["index"].append("2026-11")
    stat.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    sdmx = folder / "cpi-thang.sdmx.csv"
    with sdmx.open("a", encoding="utf-8") as f:
        f.write("dataflow,PHOBIEN:CPI_THANG(1.0),I,2026-11,chi_so_chung,101.1,,%,2\r\n")
    found = check(site)
    for name in ("cpi-thang.px", "cpi-thang.jsonstat.json", "cpi-thang.sdmx.csv"):
        assert any(f.startswith(f"datasets/cpi-thang/{name}: [embargo] line")
                   and "a row of 2026-11, not yet released" in f for f in found), (name, found)


def test_a_release_still_to_come_planted_in_each_file_fails_verification(site: Path) -> None:
    """2026-q3's estimate is out, its preliminary figure is not: marking the period's
    figures preliminary in each file is caught, by the file's name."""
    folder = site / "datasets/grdp-quy"
    px = folder / "grdp-quy.px"
    text = px.read_text(encoding="utf-8")
    old = 'VALUENOTE("Kỳ báo cáo","Quý III/2026")="Ước tính";'
    assert old in text
    px.write_text(text.replace(old, 'VALUENOTE("Kỳ báo cáo","Quý III/2026")="Sơ bộ";'),
                  encoding="utf-8")
    stat = folder / "grdp-quy.jsonstat.json"
    data = json.loads(stat.read_text(encoding="utf-8"))
    data["dimension"]["ky"]["extension"]["completeness"]["2026-q3"] = "preliminary"
    stat.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    sdmx = folder / "grdp-quy.sdmx.csv"
    lines = sdmx.read_text(encoding="utf-8").splitlines()
    lines = [line.replace(",estimate", ",preliminary") if ",2026-Q3," in line else line
             for line in lines]
    sdmx.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    found = check(site)
    for name in ("grdp-quy.px", "grdp-quy.jsonstat.json", "grdp-quy.sdmx.csv"):
        assert any(f.startswith(f"datasets/grdp-quy/{name}: [embargo] line")
                   and "figures of 2026-q3 (preliminary), a release not yet out" in f
                   for f in found), (name, found)


def test_a_restricted_product_named_in_a_px_file_fails_verification(site: Path) -> None:
    """PX is text a reader opens: the scan for restricted products reads it, as it reads
    a CSV (a hurried hand pastes the leaders' report into a note)."""
    px = site / "datasets/cpi-thang/cpi-thang.px"
    text = px.read_text(encoding="utf-8")
    px.write_text(text.replace("DATA=", 'NOTE="Xem Báo cáo nhanh phục vụ lãnh đạo tỉnh";\nDATA=',
                               1), encoding="utf-8")
    assert "datasets/cpi-thang/cpi-thang.px: [restricted] mentions the restricted product " \
        "'Báo cáo nhanh phục vụ lãnh đạo tỉnh'" in check(site)
