"""What the build verification found is said in the staff's language: every failure's
code has its words in Vietnamese and English, each fills every value it names, and a
publish refused for a hand-written page says so in Vietnamese (in English with --lang en)."""

from __future__ import annotations

import ast
import re
import string
import unicodedata
from pathlib import Path

import pytest

from generator.verify import Failure, VerificationError
from generator.words.staff import VERIFY_DETAILS
from tests.conftest import ROOT, copy_example
from tests.test_cli import phobien
from tests.test_docs import failed_publish

# English words a Vietnamese reader must not meet in a failure's words.
ENGLISH = ["loads", "from", "broken", "link", "not", "released", "line", "figures",
           "mentions", "names", "host", "release", "table", "row", "the", "of", "a",
           "does", "parse", "readable", "calendar", "day", "chart", "period", "column"]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def failure_calls() -> list[tuple[str, ast.Call]]:
    """Every ``Failure(check, file, code, ...)`` of generator/, where it is."""
    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id == "Failure":
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def test_every_failure_names_a_code_with_words_in_both_languages() -> None:
    calls = failure_calls()
    assert len(calls) >= 25  # all the checks of generator/verify/
    used = set()
    for where, call in calls:
        assert len(call.args) >= 3, where
        code = call.args[2]
        assert isinstance(code, ast.Constant) and isinstance(code.value, str), where
        assert code.value in VERIFY_DETAILS, where
        used.add(code.value)
        words = VERIFY_DETAILS[code.value]
        assert set(words) == {"vi", "en"}, where
        # The params given are those the words name, no more, no fewer.
        given: set[str] = set()
        if len(call.args) > 3:
            params = call.args[3]
            assert isinstance(params, ast.Dict), where
            given = {k.value for k in params.keys if isinstance(k, ast.Constant)}
        assert given == fields(words["en"]) == fields(words["vi"]), where
    assert used == set(VERIFY_DETAILS), "words no failure uses"


@pytest.mark.parametrize("code", sorted(VERIFY_DETAILS))
def test_each_failure_reads_whole_in_each_language(code: str) -> None:
    sample = {name: "7" for name in fields(VERIFY_DETAILS[code]["en"])}
    failure = Failure("embargo", "thu/index.html", code, sample)
    vi, en = failure.format("vi"), failure.format("en")
    for text in (vi, en):
        assert "{" not in text and "}" not in text, text
        assert text.startswith("thu/index.html: [embargo] "), text
    assert unicodedata.is_normalized("NFC", vi)
    assert vi != en
    words = set(re.findall(r"\w+", vi.split("] ", 1)[1]))
    assert words.isdisjoint(ENGLISH), (vi, sorted(words & set(ENGLISH)))
    assert re.search(r"[ạ-ỹđơưăâêô]", vi), vi  # Vietnamese, with its diacritics
    assert failure.detail == failure.said("en")


def test_a_failed_verification_lists_each_failure_in_the_staffs_words() -> None:
    hosts = Failure("hosts", "thu/index.html", "loads-from", {
        "tag": "script", "attr": "src", "value": "https://cdn.example.com/x.js",
        "host": "cdn.example.com"})
    link = Failure("links", "thu/index.html", "broken-link", {"href": "missing.md"})
    error = VerificationError([hosts, link])
    assert error.text("vi").splitlines()[1:] == [
        '  thu/index.html: [hosts] <script src="https://cdn.example.com/x.js"> tải tệp từ '
        "máy chủ khác cdn.example.com",
        "  thu/index.html: [links] liên kết hỏng missing.md",
    ]
    # The English, as the checks always said it: for logs, and str() for tracebacks.
    assert error.text("en").splitlines()[1:] == [
        '  thu/index.html: [hosts] <script src="https://cdn.example.com/x.js"> loads from '
        "cdn.example.com",
        "  thu/index.html: [links] broken link missing.md",
    ]
    assert str(error) == error.text("en")


# A hand-written page as a staff member writes one: a script from a CDN, a link to a page
# that is not there (raw HTML, which the build passes on and only the verification reads).
PAGE = """# Thử nghiệm

<script src="https://cdn.example.com/x.js"></script>

<a href="missing.md">Trang còn thiếu</a>
"""


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "hosts", "links", "header"), [
    ("vi", "tải tệp từ máy chủ khác cdn.example.com", "liên kết hỏng missing.md",
     "Bản dựng không qua được bước kiểm tra:"),
    ("en", "loads from cdn.example.com", "broken link missing.md",
     "The built site failed verification:"),
])
def test_a_refused_publish_says_what_failed_in_the_staffs_language(
        tmp_path: Path, lang: str, hosts: str, links: str, header: str) -> None:
    project = copy_example(tmp_path / "project")
    (project / "docs/thu.md").write_text(PAGE, encoding="utf-8")
    result = phobien("publish", "--lang", lang, cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    said = result.stderr
    assert header in said, said
    assert f'  thu/index.html: [hosts] <script src="https://cdn.example.com/x.js"> {hosts}' \
        in said.splitlines(), said
    assert f"  thu/index.html: [links] {links}" in said.splitlines(), said
    if lang == "vi":
        failures = [line for line in said.splitlines() if line.startswith("  thu/")]
        for line in failures:
            words = set(re.findall(r"\w+", line.split("] ", 1)[1]))
            assert words.isdisjoint(ENGLISH), line
    assert not (project / "public").exists()
    # Word for word the staff guide's example of a refused publish (tests/test_docs.py
    # ties that example to the code; this ties it to a real publish).
    assert said.rstrip("\n").endswith(failed_publish(lang)[1]), said
