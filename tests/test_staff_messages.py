"""Every line a command prints is in the staff's language, the prefixes included: the
build's log lines, click's own errors for a bad option, a wrong --as-of. Real processes
on the minimal project, as a staff member runs them."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import terminal
from tests.test_cli import break_catalog, phobien

# English words a Vietnamese staff member must never read (MkDocs' and click's own).
ENGLISH = ["Error", "Usage", "Cleaning", "Building", "Documentation", "as-of", "seconds",
           "INFO", "WARNING", "Try", "Aborted", "Invalid", "No such", "Missing", "option",
           "Serving", "Watching", "not one of", "is not", "built in"]
# Vietnamese words of phobien's own lines an English-reading staff member must not get.
VIETNAMESE = ["Lỗi", "Dựng", "Dọn", "giây", "Cảnh báo", "thư mục", "không", "Xem", "giờ"]


def no_words(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w])", text)]


def lines(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


@pytest.mark.slow
def test_publish_says_every_line_in_vietnamese(minimal: Path) -> None:
    result = phobien("publish", cwd=minimal)
    out = lines(result)
    assert result.returncode == 0, out
    assert no_words(out, ENGLISH) == [], out
    # The moment, in words, and where it came from: no --as-of was given.
    assert re.search(r"Dựng trang theo thời điểm \d\d/\d\d/\d{4} \d\d:\d\d \(giờ Việt Nam, "
                     r"UTC\+7\), lấy từ giờ hệ thống", out), out
    assert re.search(r"Đã dựng xong trang web trong \d+,\d\d giây", out), out
    # Each step's time as Vietnamese write a number: a decimal comma, and "giây".
    assert re.search(r"\[1/4\] kiểm tra danh mục: \d+,\d giây", out), out
    assert not re.search(r"\d\.\d s\b", out), out

    english = lines(phobien("publish", "--force", "--lang", "en", cwd=minimal))
    assert "taken from the system clock" in english and "Site built in" in english, english
    assert re.search(r"\[1/4\] check the catalog: \d+\.\d s", english), english
    assert no_words(english, VIETNAMESE) == [], english


@pytest.mark.slow
def test_publish_on_a_moment_of_source_date_epoch_says_so(minimal: Path) -> None:
    import os

    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(time.time()) - 3600)}
    result = subprocess.run([sys.executable, "-m", "generator", "publish"], cwd=minimal,
                            env=env, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "lấy từ biến SOURCE_DATE_EPOCH" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["build", "--bogus"], "Lỗi: không có tùy chọn '--bogus'.",
         "Error: No such option '--bogus'."),
        (["build", "--lang", "fr"],
         "Lỗi: giá trị không hợp lệ cho '--lang': 'fr' không phải một trong các giá trị "
         "'vi', 'en'.", None),
        (["publish", "--wait", "x"],
         "Lỗi: giá trị không hợp lệ cho '--wait': 'x' không phải một số.",
         "Error: Invalid value for '--wait': 'x' is not a valid float"),
        (["publish", "--target"], "Lỗi: tùy chọn '--target' cần một giá trị.",
         "Error: Option '--target' requires an argument."),
        (["next", "--format", "xml"],
         "Lỗi: giá trị không hợp lệ cho '--format': 'xml' không phải một trong các giá trị "
         "'text', 'iso'.", "Error: Invalid value for '--format': 'xml' is not one of"),
        (["chek"], "Lỗi: không có lệnh 'chek'.", "Error: No such command 'chek'."),
        (["check", "extra"], "Lỗi: thừa đối số (extra)", "Error: Got unexpected extra argument"),
        (["build", "--as-of", "tomorrow"],
         "Lỗi: 'tomorrow' không phải một ngày hay một thời điểm theo ISO 8601 (ví dụ "
         "2026-12-06T09:00)",
         "Error: 'tomorrow' is not an ISO 8601 date or date-time"),
        (["serve", "--as-of", "mai"],
         "Lỗi: 'mai' không phải một ngày hay một thời điểm theo ISO 8601",
         "Error: 'mai' is not an ISO 8601 date"),
        (["publish", "--as-of", "2099-01-01", "--target", "x"],
         "Lỗi: --as-of dựng một bản xem trước cho cán bộ, không bao giờ được công bố",
         "Error: --as-of builds a staff preview, which is never published to a target."),
        (["rollback"], "Lỗi: ", "Error: "),
    ],
)
def test_a_bad_command_line_is_said_in_the_staffs_language(
        minimal: Path, args: list[str], vi: str, en: str | None) -> None:
    result = phobien(*args, cwd=minimal)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert vi in result.stderr, result.stderr
    assert no_words(lines(result), ENGLISH) == [], result.stderr
    if "--lang" not in args:
        english = phobien(args[0], "--lang", "en", *args[1:], cwd=minimal)
        assert english.returncode != 0 and en is not None
        assert en in english.stderr, english.stderr
        assert no_words(lines(english), VIETNAMESE) == [], english.stderr


def test_the_help_hint_names_the_command(minimal: Path) -> None:
    result = phobien("build", "--bogus", cwd=minimal)
    assert result.stderr.splitlines()[-1] == "Xem cách dùng: phobien build -h"
    assert "Usage" not in result.stderr and "Try" not in result.stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_failed_build_is_said_in_the_staffs_language(minimal: Path, tmp_path: Path,
                                                       lang: str) -> None:
    break_catalog(minimal)
    result = phobien("build", "--site-dir", str(tmp_path / "out"), "--lang", lang,
                     cwd=minimal)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    if lang == "vi":
        assert result.stderr.startswith("Lỗi: Danh mục có"), result.stderr
        assert result.stderr.rstrip().endswith("Lỗi: Dựng trang web thất bại vì lỗi ở trên")
        assert no_words(result.stderr, ENGLISH) == [], result.stderr
    else:
        # The catalog's messages follow --lang too, not only the command's own lines.
        assert result.stderr.startswith("Error: The catalog has"), result.stderr
        assert result.stderr.rstrip().endswith("Error: The build stopped on the error above")


@pytest.mark.server
def test_serve_says_its_lines_in_vietnamese(minimal: Path) -> None:
    """The preview server's own lines ("Serving on", "Watching paths") in the staff's
    words, its clock stamp kept."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a",
                             f"127.0.0.1:{port}"], cwd=minimal, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8")
    seen: list[str] = []
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            seen.append(line)
            if "Xem trước tại" in line:
                break
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    out = "".join(seen)
    assert re.search(rf"^\[\d\d:\d\d:\d\d\] Xem trước tại http://127.0.0.1:{port}/$", out,
                     re.M), out
    assert "Theo dõi thay đổi trong:" in out and "Đang dựng trang web…" in out, out
    assert no_words(out, ENGLISH) == [], out

    bad = phobien("serve", "-a", "nonsense", cwd=minimal)
    assert "Lỗi: -a/--dev-addr phải có dạng IP:CỔNG" in bad.stderr, bad.stderr
    assert no_words(bad.stderr, ENGLISH) == [], bad.stderr


def test_a_warning_keeps_its_text_behind_the_staffs_prefix() -> None:
    """A warning from the engine that matters still shows, behind the staff's prefix; a
    routine line with no words for the staff is kept out of sight."""
    import logging

    warning = logging.LogRecord("mkdocs", logging.WARNING, "", 0, "A link is broken", None,
                                None)
    assert terminal.StaffFormatter("vi").format(warning) == "Cảnh báo: A link is broken"
    assert terminal.StaffFormatter("en").format(warning) == "Warning: A link is broken"
    quiet = terminal.QuietEngine("vi")
    routine = logging.LogRecord("mkdocs", logging.INFO, "", 0,
                                "The directory contains stale files.", None, None)
    assert quiet.filter(warning) and not quiet.filter(routine)


@pytest.mark.parametrize(("lang", "said"), [
    ("vi", "Lỗi: không có tệp cấu hình 'mkdocs.yml': hãy chạy lệnh trong thư mục dự án"),
    ("en", "Error: there is no config file 'mkdocs.yml': run the command in the project's"),
])
def test_a_command_run_outside_the_project_says_where_to_run_it(tmp_path: Path, lang: str,
                                                                said: str) -> None:
    result = phobien("build", "--lang", lang, cwd=tmp_path)
    assert result.returncode != 0 and said in result.stderr, result.stderr
    if lang == "vi":
        assert no_words(result.stderr, ENGLISH) == [], result.stderr


def test_a_failed_verification_is_said_in_the_staffs_language() -> None:
    from generator.verify import Failure, VerificationError

    named = Failure("named-hosts", "about/index.html", "names-hosts", {"hosts": "cdn.example.com"})
    error = VerificationError([named] * 21)
    vi = error.text("vi").splitlines()
    assert vi[0] == "Bản dựng không qua được bước kiểm tra:"
    assert vi[1] == ("  about/index.html: [named-hosts] ghi địa chỉ của máy chủ khác: "
                     "cdn.example.com")
    assert vi[-1] == "  ... và 1 lỗi khác"
    assert str(error).startswith("The built site failed verification:")
