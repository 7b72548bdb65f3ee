"""The catalog model and its validation: every kind of error is reported with its file,
line and field, all at once, in Vietnamese or English."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from generator.check import load_catalog
from generator.problems import CatalogError, Problem
from tests.conftest import copy_example


def problems_of(project: Path) -> list[Problem]:
    with pytest.raises(CatalogError) as info:
        load_catalog(project / "catalog")
    return info.value.problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


def test_valid_catalog_loads(minimal: Path) -> None:
    catalog = load_catalog(minimal / "catalog")
    assert [p.id for p in catalog.products] == [
        "cpi",
        "mat-lanh-dao",
        "nien-giam",
        "tong-dieu-tra",
        "vi-du-lieu",
    ]
    assert catalog.site.timezone == "Asia/Ho_Chi_Minh"
    assert catalog.product("nien-giam").price == 150000


def test_public_view_drops_restricted_products(minimal: Path) -> None:
    public = load_catalog(minimal / "catalog").public()
    assert "mat-lanh-dao" not in [p.id for p in public.products]
    assert "mat-lanh-dao" not in public.files


def test_unknown_key_names_file_line_and_allowed_keys(minimal: Path) -> None:
    cpi = minimal / "catalog/products/cpi.yml"
    edit(cpi, "cycle: monthly", "cycle: monthly\ncylce: monthly")
    problem = only(problems_of(minimal), "unknown-key")
    assert problem.file == "catalog/products/cpi.yml"
    assert problem.line == line_of(cpi, "cylce")
    assert problem.field == "cylce"
    assert "'cylce'" in problem.message("en") and "cycle" in problem.message("en")
    assert "khóa không hợp lệ 'cylce'" in problem.message("vi")


def test_wrong_type(minimal: Path) -> None:
    path = minimal / "catalog/products/nien-giam.yml"
    edit(path, "periodic: true", 'periodic: "có"')
    problem = only(problems_of(minimal), "wrong-type")
    assert (problem.field, problem.line) == ("periodic", line_of(path, "periodic:"))
    assert "true or false" in problem.message("en")
    assert "true hoặc false" in problem.message("vi")


def test_a_field_error_in_a_product_is_one_problem_not_one_per_file_naming_it(
        tmp_path: Path) -> None:
    """The example's CPI is named by its dataset, three release notes and the calendars:
    a wrong type in one of its fields is that one problem, with no "unknown product"
    for each of them before it."""
    project = copy_example(tmp_path / "project")
    path = project / "catalog/products/cpi.yml"
    edit(path, "periodic: true", 'periodic: "có"')
    problems = problems_of(project)
    assert [p.code for p in problems] == ["wrong-type"], [str(p) for p in problems]
    assert (problems[0].file, problems[0].field) == ("catalog/products/cpi.yml", "periodic")
    # Still reported: a real unknown product, and the dataset and the documents of a
    # product made restricted (its access was written right: those checks do not wait).
    edit(project / "catalog/datasets/iip-thang.yml", "product: iip", "product: iip-cu")
    edit(path, "access: public", "access: restricted")
    codes = sorted(p.code for p in problems_of(project))
    assert codes == ["dataset-not-public", *["documents-not-public"] * 2,
                     "unknown-reference", "wrong-type"], codes


@pytest.mark.parametrize(("old", "new", "field", "limit"), [
    ("    day: 6", "    day: 32", "releases[0].day", {"vi": "không quá 31", "en": "at most 31"}),
    ("cycle: monthly", "cycle: monthly\nprice: -5", "price",
     {"vi": "từ 0 trở lên", "en": "0 or more"}),
])
def test_a_number_out_of_range_is_said_in_the_staffs_words(
        tmp_path: Path, old: str, new: str, field: str, limit: dict[str, str]) -> None:
    """pydantic words its limits in English ("Input should be less than or equal to
    31"): the message gives the limit in the staff's language, every word of it."""
    project = copy_example(tmp_path / "project")
    path = project / "catalog/products/cpi.yml"
    edit(path, old, new)
    problem = only(problems_of(project), "out-of-range")
    assert problem.field == field
    assert limit["vi"] in problem.message("vi") and limit["en"] in problem.message("en")
    assert not re.search(r"Input|should|than", problem.message("vi")), problem.message("vi")


@pytest.mark.parametrize(("typed", "read"), [("250.000", "250.0"), ("12.50", "12.5")])
def test_a_value_is_quoted_as_typed_not_as_yaml_read_it(
        minimal: Path, typed: str, read: str) -> None:
    """Staff write prices as 250.000; YAML reads 250.0. The message quotes what they wrote."""
    path = minimal / "catalog/products/cpi.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"price: {typed}\n", encoding="utf-8")
    problem = only(problems_of(minimal), "wrong-type")
    assert (problem.field, problem.line) == ("price", line_of(path, "price:"))
    for lang in ("vi", "en"):
        message = problem.message(lang)
        assert f" {typed} " in message and f" {read} " not in message, message


def test_missing_required_field(minimal: Path) -> None:
    path = minimal / "catalog/products/cpi.yml"
    edit(path, 'source: {vi: "Điều tra giá tiêu dùng", en: "Consumer price survey"}\n', "")
    problem = only(problems_of(minimal), "missing-field")
    assert problem.field == "source" and problem.file.endswith("cpi.yml")
    assert problem.line == 1  # a missing field is reported at the top of its mapping
    assert "'source'" in problem.message("en")


@pytest.mark.parametrize(
    ("old", "new", "field", "kind_en"),
    [
        (
            "audiences: [leaders, business, public]",
            "audiences: [leaders, bussiness, public]",
            "audiences[1]",
            "audience",
        ),
        ("unit: tong-hop", "unit: tong-hopp", "unit", "unit"),
        ("topics: [gia-ca]", "topics: [gia-ca, gia]", "topics[1]", "topic"),
    ],
)
def test_unknown_references(minimal: Path, old: str, new: str, field: str, kind_en: str) -> None:
    path = minimal / "catalog/products/cpi.yml"
    edit(path, old, new)
    problem = only(problems_of(minimal), "unknown-reference")
    assert problem.field == field
    assert problem.line == line_of(path, new.split(":")[0] + ":")
    assert problem.message("en").startswith(f"unknown {kind_en} ")
    assert "Declared:" in problem.message("en")


def test_unknown_audience_message_lists_known(minimal: Path) -> None:
    edit(
        minimal / "catalog/products/cpi.yml",
        "[leaders, business, public]",
        "[leaders, bussiness, public]",
    )
    problem = only(problems_of(minimal), "unknown-reference")
    assert problem.format("en") == (
        "catalog/products/cpi.yml:12 audiences[1]: unknown audience 'bussiness'. "
        "Declared: business, leaders, public [unknown-reference]"
    )


def test_duplicate_product_ids(minimal: Path) -> None:
    src = (minimal / "catalog/products/cpi.yml").read_text(encoding="utf-8")
    (minimal / "catalog/products/cpi-2.yml").write_text(src, encoding="utf-8")
    found = problems_of(minimal)
    dup = only(found, "duplicate-id")
    assert dup.file.endswith("cpi.yml") or dup.file.endswith("cpi-2.yml")
    assert "already used at catalog/products/cpi" in dup.message("en")
    # and the id no longer matches the copy's file name
    assert only(found, "id-file-mismatch").file.endswith("cpi-2.yml")


def test_duplicate_ids_in_a_list_file(minimal: Path) -> None:
    path = minimal / "catalog/topics.yml"
    with path.open("a", encoding="utf-8") as f:
        f.write('- id: gia-ca\n  name: {vi: "Giá", en: "Prices again"}\n')
    problem = only(problems_of(minimal), "duplicate-id")
    assert (problem.file, problem.line, problem.field) == ("catalog/topics.yml", 5, "[2].id")
    assert "catalog/topics.yml:1" in problem.message("vi")


@pytest.mark.parametrize("bad", ["Chi-so-gia", "chỉ-số", "cpi_2026", "-cpi", "cpi--2", "a" * 81])
def test_bad_slugs(minimal: Path, bad: str) -> None:
    path = minimal / "catalog/topics.yml"
    edit(path, "id: dan-so", f'id: "{bad}"')
    problem = only(problems_of(minimal), "bad-slug")
    assert (problem.file, problem.field) == ("catalog/topics.yml", "[1].id")
    assert problem.line == line_of(path, bad)


def test_invalid_yaml_reports_line_and_no_traceback(minimal: Path) -> None:
    path = minimal / "catalog/products/cpi.yml"
    edit(path, "cycle: monthly", "cycle: [monthly")
    problem = only(problems_of(minimal), "invalid-yaml")
    assert problem.file == "catalog/products/cpi.yml"
    assert problem.line is not None and problem.line >= line_of(path, "cycle:")


def test_duplicate_yaml_key(minimal: Path) -> None:
    path = minimal / "catalog/products/cpi.yml"
    edit(path, "access: public", "access: public\naccess: restricted")
    problem = only(problems_of(minimal), "duplicate-key")
    assert (problem.field, problem.line) == ("access", line_of(path, "access: restricted"))


def test_bad_enum_value_lists_allowed(minimal: Path) -> None:
    edit(minimal / "catalog/products/cpi.yml", "cycle: monthly", "cycle: weekly")
    problem = only(problems_of(minimal), "bad-value")
    assert problem.field == "cycle"
    assert "'weekly'" in problem.message("en")
    assert "monthly, quarterly, six-monthly" in problem.message("en")


def test_missing_translation_follows_site_languages(minimal: Path) -> None:
    path = minimal / "catalog/products/cpi.yml"
    edit(path, ', en: "Consumer price index"}', "}")
    problem = only(problems_of(minimal), "missing-translation")
    assert (problem.field, problem.line) == ("name", line_of(path, "name:"))
    # A Vietnamese-only site needs no English.
    edit(minimal / "catalog/site.yml", "languages: [vi, en]", "languages: [vi]")
    load_catalog(minimal / "catalog")


def test_on_request_needs_obtain(minimal: Path) -> None:
    path = minimal / "catalog/products/vi-du-lieu.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("obtain")))
    problem = only(problems_of(minimal), "obtain-required")
    assert problem.line == line_of(path, "access:")


def test_cycle_must_agree_with_periodic(minimal: Path) -> None:
    edit(minimal / "catalog/products/tong-dieu-tra.yml", "cycle: irregular", "cycle: annual")
    problem = only(problems_of(minimal), "cycle-periodic-mismatch")
    assert "non-periodic" in problem.message("en")


def test_every_problem_reported_at_once(minimal: Path) -> None:
    cat = minimal / "catalog"
    edit(cat / "products/cpi.yml", "unit: tong-hop", "unit: khong-co\nmau: do")
    edit(cat / "products/nien-giam.yml", "price: 150000", "price: nhiều")
    edit(cat / "topics.yml", "id: dan-so", "id: Dan So")
    (cat / "products/hong.yml").write_text("id: hong\nname: [\n", encoding="utf-8")
    codes = sorted(p.code for p in problems_of(minimal))
    # The renamed topic leaves two dangling references, and cpi's unit is checked even
    # though the same file also has an unknown key.
    assert codes == [
        "bad-slug",
        "invalid-yaml",
        "unknown-key",
        "unknown-reference",
        "unknown-reference",
        "unknown-reference",
        "wrong-type",
    ]


def test_missing_files(minimal: Path) -> None:
    (minimal / "catalog/units.yml").unlink()
    found = problems_of(minimal)
    assert any(p.code == "missing-file" and p.file == "catalog/units.yml" for p in found)


def test_nfd_input_is_stored_as_nfc(minimal: Path) -> None:
    path = minimal / "catalog/products/cpi.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    name = load_catalog(minimal / "catalog").product("cpi").name.vi
    assert name == "Chỉ số giá tiêu dùng" and unicodedata.is_normalized("NFC", name or "")


def test_report_is_bilingual(minimal: Path) -> None:
    edit(minimal / "catalog/products/cpi.yml", "cycle: monthly", "cycle: weekly")
    with pytest.raises(CatalogError) as info:
        load_catalog(minimal / "catalog")
    assert info.value.report("vi").startswith("Danh mục có 1 lỗi:")
    assert info.value.report("en").startswith("The catalog has 1 problem(s):")
