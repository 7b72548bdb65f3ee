"""The ``phobien`` command as staff run it: real processes, plain messages, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.golden import assert_golden


def phobien(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def break_catalog(project: Path) -> None:
    cat = project / "catalog"
    cpi = cat / "products/cpi.yml"
    cpi.write_text(
        cpi.read_text(encoding="utf-8")
        .replace("unit: tong-hop", "unit: khong-co")
        .replace("[leaders, business, public]", "[leaders, bussiness]")
        .replace("cycle: monthly", "cycle: monthly\ncylce: weekly"),
        encoding="utf-8",
    )
    (cat / "products/hong.yml").write_text("id: hong\nname: [\n", encoding="utf-8")
    topics = cat / "topics.yml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace("id: dan-so", "id: Dân-số"), encoding="utf-8"
    )


def test_check_passes_on_valid_catalog(minimal: Path) -> None:
    result = phobien("check", cwd=minimal)
    assert result.returncode == 0, result.stderr
    assert "Danh mục hợp lệ: 5 sản phẩm (4 hiển thị công khai)." in result.stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_reports_every_problem(minimal: Path, lang: str) -> None:
    break_catalog(minimal)
    result = phobien("check", "--lang", lang, cwd=minimal)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert_golden(f"check_broken_{lang}.txt", result.stderr)


def test_check_speaks_the_sites_language_by_default(minimal: Path) -> None:
    break_catalog(minimal)
    assert "Danh mục có" in phobien("check", cwd=minimal).stderr
    site = minimal / "catalog/site.yml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("[vi, en]", "[en, vi]"), encoding="utf-8"
    )
    assert "The catalog has" in phobien("check", cwd=minimal).stderr


def test_build_fails_plainly_on_a_bad_catalog(minimal: Path, tmp_path: Path) -> None:
    break_catalog(minimal)
    result = phobien("build", "--site-dir", str(tmp_path / "out"), cwd=minimal)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "catalog/products/cpi.yml:10 cylce: khóa không hợp lệ 'cylce'" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.slow
def test_build_with_as_of_and_site_dir(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = phobien("build", "--as-of", "2027-02-11T09:00", "--site-dir", str(out), cwd=minimal)
    assert result.returncode == 0, result.stderr
    assert ("Dựng trang theo thời điểm 11/02/2027 09:00 (giờ Việt Nam, UTC+7), lấy từ thời "
            "điểm đã chọn (--as-of)") in result.stderr
    assert (out / "products/cpi/index.html").is_file()


def test_bad_as_of_is_a_plain_error(minimal: Path, tmp_path: Path) -> None:
    result = phobien("build", "--as-of", "tomorrow", "--site-dir", str(tmp_path / "o"), cwd=minimal)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Lỗi: 'tomorrow' không phải một ngày hay một thời điểm theo ISO 8601" in result.stderr


@pytest.mark.slow
def test_publish_of_a_moment_to_come_makes_a_preview_only(minimal: Path) -> None:
    result = phobien("publish", "--as-of", "2099-01-01", "--lang", "en", cwd=minimal)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "Preview as of 2099-01-01T00:00:00+07:00 in preview/ (not published)" in result.stdout
    assert (minimal / "preview/index.html").is_file() and not (minimal / "public").exists()


def test_yaml_extension_is_read_too(minimal: Path) -> None:
    cat = minimal / "catalog/products"
    (cat / "cpi.yml").rename(cat / "cpi.yaml")
    assert "5 sản phẩm" in phobien("check", cwd=minimal).stdout


@pytest.mark.slow
def test_errors_are_said_wholly_in_the_staffs_language(minimal: Path) -> None:
    # click's own "Error:" prefix was English before a Vietnamese message.
    (minimal / "catalog/products/cpi.yml").write_text("id: cpi\n", encoding="utf-8")
    for lang, prefix in (("vi", "Lỗi: "), ("en", "Error: ")):
        done = subprocess.run([sys.executable, "-m", "generator", "publish", "--lang", lang],
                              cwd=minimal, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode != 0
        failure = [line for line in done.stderr.splitlines() if not line.startswith("[")]
        assert failure and failure[0].startswith(prefix), done.stderr[:300]
        if lang == "vi":
            assert "Error" not in done.stderr
