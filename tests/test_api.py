"""The static API under /api/v1/: its files against their shipped JSON Schemas and against
the calendar; nothing restricted or early in it; the same bytes on a rebuild; its docs."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from generator.check import load_catalog
from generator.outputs import api
from generator.releases.plan import plan
from tests.conftest import AS_OF, ROOT, build, copy_example, served
from tests.test_docs import USER_GUIDES
from tests.test_verify import check, site  # noqa: F401  (site: the fixture, a site's copy)

URL = "https://thongke.langson.example/"
NOW = dt.datetime.fromisoformat(AS_OF).replace(tzinfo=dt.timezone(dt.timedelta(hours=7)))
FULL = load_catalog(ROOT / "catalog")
SCHEDULE = plan(FULL.public(), NOW)


def api_files(built: Path) -> dict[str, Any]:
    """Every file of the API below /api/v1/, by its address, read as JSON."""
    root = built / "api/v1"
    return {p.relative_to(built).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(root.rglob("*.json"))}


def validator(built: Path, schema_url: str) -> Draft202012Validator:
    """The validator of the schema at ``schema_url``, as the site serves it, with the
    shared shapes it refers to, and format checks (date-time needs rfc3339-validator)."""
    schemas = {p: d for p, d in api_files(built).items() if p.startswith("api/v1/schema/")}
    registry: Registry = Registry().with_resources(
        (d["$id"], Resource.from_contents(d)) for d in schemas.values())
    schema = schemas[schema_url.removeprefix(URL)]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.slow  # the example site, built
def test_every_api_file_validates_against_the_schema_it_names(example_site: Path) -> None:
    files = api_files(example_site)
    data = {p: d for p, d in files.items() if not p.startswith("api/v1/schema/")}
    kinds = {d["$schema"].rsplit("/", 1)[-1] for d in data.values()}
    assert kinds == {f"{kind}.json" for kind in api.KINDS}
    for document in data.values():
        validator(example_site, document["$schema"]).validate(document)  # raises if not
    # The format checks are on: a time without its zone is refused.
    assert "date-time" in Draft202012Validator.FORMAT_CHECKER.checkers
    releases = files["api/v1/releases.json"]
    releases["releases"][0]["time"]["time"] = "2026-01-06T09:00:00"
    with pytest.raises(ValidationError, match="date-time"):
        validator(example_site, releases["$schema"]).validate(releases)


@pytest.mark.slow  # the example site, built
def test_the_index_links_every_file_and_every_link_leads_to_a_file(example_site: Path) -> None:
    files = api_files(example_site)
    index = files["api/v1/index.json"]
    listed = {index["files"][k]["url"] for k in ("products", "releases", "changes")}
    listed |= {m["url"] for m in index["files"]["months"]}
    listed |= set(index["schemas"].values())
    listed |= {d["url"] for d in files["api/v1/changes/index.json"]["days"]}
    assert {URL + p for p in files} - {URL + "api/v1/index.json"} == listed
    links = set(re.findall(r'"(https://thongke\.langson\.example/[^"]*)"',
                           json.dumps(files, ensure_ascii=False)))
    assert len(links) > 500
    for link in links:
        path = link.removeprefix(URL)
        target = example_site / path / "index.html" if path.endswith("/") else example_site / path
        assert target.is_file(), link


@pytest.mark.slow  # the example site, built
def test_products_are_the_public_catalog_in_both_languages(example_site: Path) -> None:
    products = api_files(example_site)["api/v1/products.json"]["products"]
    listed = [p for p in FULL.products if p.access != "restricted"]
    assert [p["id"] for p in products] == [p.id for p in listed]
    cpi = next(p for p in products if p["id"] == "cpi")
    assert cpi["name"] == {"vi": "Chỉ số giá tiêu dùng", "en": "Consumer price index"}
    assert cpi["cycle"] == {"id": "monthly", "label": {"vi": "Hằng tháng", "en": "Monthly"}}
    assert cpi["page"]["en"] == URL + "en/products/cpi/"
    assert cpi["calendar"]["vi"] == URL + "calendar/products/cpi.ics"
    assert cpi["datasets"][0]["files"]["csv"] == URL + "datasets/cpi-thang/cpi-thang.csv"
    assert {a["id"] for a in cpi["audiences"]} and cpi["completeness"]
    on_request = next(p for p in products if p["access"]["id"] == "on-request")
    assert on_request["datasets"] == [] and on_request["obtain"]["vi"]


@pytest.mark.slow  # the example site, built
def test_releases_carry_the_calendar_with_zones_precision_and_adjustments(
        example_site: Path) -> None:
    files = api_files(example_site)
    releases = files["api/v1/releases.json"]["releases"]
    assert [r["id"] for r in releases] == [r.id for r in SCHEDULE.releases]
    months = files["api/v1/index.json"]["files"]["months"]
    by_month = [r for m in months for r in files[m["url"].removeprefix(URL)]["releases"]]
    assert [r["id"] for r in by_month] == [r["id"] for r in releases]  # each once, in order
    assert all(r["time"]["month"] == m["month"] for m in months
               for r in files[m["url"].removeprefix(URL)]["releases"])
    assert {r["time"]["precision"] for r in releases} == {"minute", "day", "month"}
    for entry in releases:
        release = SCHEDULE.by_id[entry["id"]]
        assert entry["status"]["id"] == release.status
        time = entry["time"]["time"]
        assert time is None if release.moment is None else \
            dt.datetime.fromisoformat(time) == release.moment and time.endswith("+07:00")
        assert bool(entry["datasets"]) <= release.is_public  # never before its time
    moved = next(r for r in releases if r["id"] == "bao-cao-kt-xh-quy/2026-q4")
    assert moved["scheduled"]["time"] == "2027-01-06T09:00:00+07:00"
    assert moved["time"] == {"time": "2027-01-07T14:00:00+07:00", "precision": "minute",
                             "date": "2027-01-07", "month": "2027-01"}
    assert moved["adjustments"] == [{
        "kind": "moved", "announced": "2026-11-24T15:00:00+07:00",
        "reason": {"vi": "Để công bố cùng buổi họp báo tổng kết năm 2026 của tỉnh.",
                   "en": "To be released at the province's 2026 year-end press conference."},
        "before": {"time": "2027-01-06T09:00:00+07:00", "precision": "minute",
                   "date": "2027-01-06", "month": "2027-01"},
        "after": moved["time"]}]
    # Every month of every year with releases has its file, an empty month too: a month
    # whose only release moves away keeps its address (the publish refuses to drop one).
    years = sorted({m["month"][:4] for m in months})
    assert [m["month"] for m in months] == [f"{y}-{n:02d}" for y in years for n in range(1, 13)]
    assert all(f"api/v1/releases/{m['month']}.json" in files for m in months)
    window = next(r for r in releases if r["time"]["precision"] == "month")
    assert window["time"]["time"] is None and window["status"]["id"] == "provisional"
    assert any(r["datasets"] for r in releases)


@pytest.mark.slow  # the example site, built
def test_a_day_of_changes_says_what_became_public_that_day(example_site: Path) -> None:
    files = api_files(example_site)
    days = files["api/v1/changes/index.json"]["days"]
    assert [d["date"] for d in days] == sorted((d["date"] for d in days), reverse=True)
    assert days[0]["date"] <= AS_OF[:10]
    adjusted = files["api/v1/changes/2026-11-24.json"]["changes"]
    assert [(c["kind"], c["release"], c["time"]) for c in adjusted] == [
        ("moved", "bao-cao-kt-xh-quy/2026-q4", "2026-11-24T15:00:00+07:00")]
    released = {c["release"] for d in days
                for c in files[d["url"].removeprefix(URL)]["changes"] if c["kind"] == "released"}
    assert released == {r.id for r in SCHEDULE.releases if r.is_public}
    assert files["api/v1/index.json"]["modified"] == "2026-11-24T15:00:00+07:00"


@pytest.mark.slow  # the example site, built
def test_nothing_restricted_or_early_is_served_in_the_api(example_site: Path) -> None:
    restricted = [p for p in FULL.products if p.access == "restricted"]
    needles = [f"/{p.id}".encode() for p in restricted]
    needles += [t.encode() for p in restricted for t in (p.name.vi, p.name.en) if t]
    # An announcement of a release to come, never its datasets' folder.
    early = [f"datasets/{d.id}/{r.id.removeprefix(r.product.id + '/')}/".encode()
             for r in SCHEDULE.releases if not r.is_public
             for d in FULL.public().datasets_of(r.product.id)]
    assert early
    seen = 0
    for path, data in served(example_site):
        if "api/v1" not in path.as_posix():
            continue
        seen += 1
        assert not any(n in data for n in needles), path
        assert not any(e in data for e in early), path
    assert seen > 20


@pytest.mark.slow  # the example site, built
def test_a_later_adjustment_and_a_later_clock_change_no_byte(
        example_site: Path, tmp_path: Path) -> None:
    """Dated by what is public, not by the build: half an hour later, with an adjustment
    to be announced next week already typed in, the API is the same bytes."""
    project = copy_example(tmp_path / "project")
    calendar = project / "catalog/calendars/2027.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + """\
  - type: cancelled
    release: thong-ke-gioi/2026
    announced: 2026-12-02 10:00
    reason: {vi: "Lý do chưa công bố", en: "A reason not yet announced"}
""", encoding="utf-8")
    later = build(project, tmp_path / "site", as_of="2026-11-25T09:30")
    before, after = api_files(example_site), api_files(later)
    assert after == before
    for path in before:
        assert (later / path).read_bytes() == (example_site / path).read_bytes(), path
    # The same build a week later tells of it, on its day.
    week = build(project, tmp_path / "week", as_of="2026-12-02T11:00")
    changes = api_files(week)["api/v1/changes/2026-12-02.json"]["changes"]
    assert [(c["kind"], c["release"]) for c in changes] == [("cancelled", "thong-ke-gioi/2026")]


@pytest.mark.slow  # the example site, built
def test_a_restricted_product_planted_in_the_api_fails_verification(
        site: Path) -> None:  # noqa: F811 (the fixture)
    """Its bare id (a JSON string, no address around it) and, elsewhere, its name."""
    restricted = next(p for p in FULL.products if p.access == "restricted")
    path = site / "api/v1/products.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["products"].append(dict(document["products"][0], id=restricted.id))
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    path = site / "api/v1/releases.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["releases"][0]["name"]["vi"] = f"Xem thêm: {restricted.name.vi}"
    path.write_text(json.dumps(document), encoding="utf-8")  # \u escapes, as json.dumps does
    assert check(site) == [
        f"api/v1/products.json: [restricted] mentions the restricted product "
        f"'\"{restricted.id}\"'",
        f"api/v1/releases.json: [restricted] mentions the restricted product "
        f"'{restricted.name.vi}'",
    ]


@pytest.mark.slow  # the example site, built
def test_a_release_said_out_early_fails_verification(
        site: Path) -> None:  # noqa: F811 (the fixture)
    waiting = next(r for r in SCHEDULE.releases
                   if r.status == "confirmed" and r.calendar.year == 2026)
    path = site / f"api/v1/releases/{api.month_of(waiting)}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    entry = next(r for r in document["releases"] if r["id"] == waiting.id)
    entry["status"]["id"] = "published"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    tomorrow = site / "api/v1/changes/2026-11-26.json"
    tomorrow.write_text(json.dumps({"date": "2026-11-26", "changes": [
        {"kind": "released", "release": waiting.id}]}), encoding="utf-8")
    assert check(site) == [
        f"api/v1/releases/{api.month_of(waiting)}.json: [embargo] release "
        f"{waiting.id}: said out before its time",
        "api/v1/changes/2026-11-26.json: [embargo] a day on which nothing public happened (yet)",
    ]


def _names(schema: Any) -> set[str]:
    """Every property name and every allowed value a schema declares, however deep."""
    found: set[str] = set()
    if isinstance(schema, dict):
        found |= set(schema.get("properties", {}))
        found |= {v for v in schema.get("enum", []) if isinstance(v, str)}
        for value in schema.values():
            found |= _names(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _names(value)
    return found


SECTION = {"vi": "## Cho nhà phát triển", "en": "## For developers"}
# How the guide names each kind of file (a month's and a day's by an example).
DOCUMENTED_FILES = {"index.json": "index", "products.json": "products",
                    "releases.json": "releases", "releases/2026-11.json": "releases",
                    "changes/index.json": "changes", "changes/2026-11-24.json": "day"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_developers_guide_names_the_files_and_fields_of_the_schemas(lang: str) -> None:
    guide = USER_GUIDES[lang].read_text(encoding="utf-8")
    section = guide[guide.index(SECTION[lang]):]
    section = section[:section.find("\n## ", 1) % (len(section) + 1)]
    quoted = set(re.findall(r"`([^`\n]+)`", section))
    files = {q for q in quoted if q.endswith(".json")}
    assert files == set(DOCUMENTED_FILES)
    assert set(DOCUMENTED_FILES.values()) == set(api.KINDS)
    schemas = {name: json.loads(api.schema_text(name)) for name in api.SCHEMAS}
    declared = set().union(*(_names(s) for s in schemas.values()))
    words = {q for q in quoted if re.fullmatch(r"\$?[a-z][a-z-]*", q)}
    assert words - declared - {"null"} == set()  # every field the guide names exists
    # and every field of a product, a release, an adjustment, a change and a time is named
    items = [schemas["products"]["$defs"]["product"], schemas["releases"]["$defs"]["release"],
             schemas["releases"]["$defs"]["adjustment"], schemas["day"]["$defs"]["change"],
             schemas["common"]["$defs"]["timing"], schemas["index"]]
    assert set().union(*(set(i["properties"]) for i in items)) - words == set()
    # the example is a day's file as the API writes it (fields and kinds only)
    example = json.loads(re.search(r"```json\n(.*?)```", section, re.S)[1])
    assert set(example) <= set(schemas["day"]["properties"])
    assert set(example["changes"][0]) <= set(schemas["day"]["$defs"]["change"]["properties"])
