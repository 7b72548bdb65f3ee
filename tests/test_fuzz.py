"""Hostile and broken catalogs, generated: every one is loaded, checked or built, and each
either succeeds or fails with a plain message naming file and field (or line), never
with a traceback, and never leaves half a site behind.

The catalog is the minimal fixture plus a calendar, a release rule and a small dataset,
so that every kind of file is there to break. Hypothesis mutates it: values of the wrong
type, required keys deleted, unknown keys added, ids duplicated, references left
dangling, bad dates and times, 100,000-character strings, odd Unicode (NFD, zero-width
joiners and spaces, right-to-left marks and overrides, emoji), broken YAML bytes, YAML
aliases that recurse or explode, hostile tags, odd file names, symbolic links out.

How many examples: ``PHOBIEN_FUZZ_EXAMPLES`` (default 200 for the in-process test, a
tenth of it, at least 20, for the ones that run the real command). CI runs the
defaults (Hypothesis, seeing ``CI``, then draws the same examples every run);
``PHOBIEN_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`` explores further. A failure
prints the mutations that made it (``steps``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.catalog.load import Catalog
from generator.check import load_catalog
from generator.problems import MESSAGES, CatalogError
from tests.conftest import AS_OF, FIXTURES, ROOT

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
EXAMPLES = int(os.environ.get("PHOBIEN_FUZZ_EXAMPLES", "200"))
CLI_EXAMPLES = max(20, EXAMPLES // 10)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # Temporary folders are made inside the test for each example, never by a
    # function-scoped fixture shared across examples.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ_CLI = settings(FUZZ, max_examples=CLI_EXAMPLES)

# --- the catalog that gets broken ---------------------------------------------------------

CPI_RULE = 'releases:\n  - {period: month, day: 6, time: "09:00"}\n'
CALENDAR = """year: 2026
status: approved
approval:
  approver: {vi: "Cục trưởng", en: "Director"}
  date: 2025-12-20
  decision: "100/QĐ-CTK"
days_off: [2026-12-31]
working_days: [2026-12-26]
releases:
  - product: tong-dieu-tra
    period: ket-qua-so-bo
    completeness: official
    date: 2026-10-15
    time: "14:00"
    title: {vi: "Kết quả sơ bộ Tổng điều tra", en: "Preliminary census results"}
  - product: nien-giam
    period: "2025"
    completeness: official
    date: 2026-06-30
  - product: vi-du-lieu
    period: "2026"
    completeness: official
    month: 2026-12
adjustments:
  - type: moved
    release: cpi/2026-10
    from: 2026-11-06
    to: 2026-11-09
    time: "10:00"
    announced: 2026-11-01 10:00
    reason: {vi: "Trùng lịch họp báo.", en: "It clashed with a press conference."}
  - type: added
    announced: 2026-11-02 09:00
    reason: {vi: "Bổ sung theo yêu cầu.", en: "Added on request."}
    add:
      product: tong-dieu-tra
      period: ket-qua-nhanh
      completeness: official
      date: 2026-12-15
"""
DATASET = """id: chi-so
product: cpi
title: {vi: "Chỉ số giá", en: "Price index"}
description: {vi: "Bộ dữ liệu thử.", en: "A test dataset."}
source:
  file: sources/chi-so.csv
  numbers: vietnamese
period: ky
columns:
  - {source: "Kỳ", id: ky, label: {vi: "Kỳ", en: "Period"}, type: period}
  - {source: "Mã", id: ma, label: {vi: "Mã tỉnh", en: "Code"}, type: code}
  - {source: "Tên", id: ten, label: {vi: "Tỉnh", en: "Province"}, type: string}
  - {source: "Chỉ số", id: chi_so, label: {vi: "Chỉ số", en: "Index"}, type: number}
sort: [ky]
chart: {type: line, x: ky, y: [chi_so]}
"""
SOURCE = """Kỳ,Mã,Tên,Chỉ số
2026-09,01,Hà Nội,"101,25"
2026-10,20,Lạng Sơn,..
2026-11,08,Tuyên Quang,"99,90"
"""


def base_files() -> dict[str, bytes]:
    """Every file of the catalog to break, by its path below ``catalog/``."""
    root = FIXTURES / "site_minimal/catalog"
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    files["products/cpi.yml"] += CPI_RULE.encode()
    files["calendars/2026.yml"] = CALENDAR.encode()
    files["datasets/chi-so.yml"] = DATASET.encode()
    files["sources/chi-so.csv"] = SOURCE.encode()
    return files


BASE = base_files()
YAML_FILES = sorted(p for p in BASE if p.endswith(".yml"))

# --- odd values ---------------------------------------------------------------------------

VIETNAMESE = [
    "Chỉ số giá tiêu dùng",
    "Niên giám thống kê tỉnh Lạng Sơn",
    "Đồng bằng sông Cửu Long",
    "Tổng điều tra dân số và nhà ở",
]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
DIRECTION = ["\u202e", "\u202d", "\u202c", "\u200f", "\u200e", "\u2066", "\u2067", "\u2069"]
EMOJI = ["📈", "👩‍💻", "🇻🇳", "🏳️‍🌈", "1️⃣"]
ODD_CHARS = [*ZERO_WIDTH, *DIRECTION, *EMOJI, "\u0301", "\u0323", "\u00a0", "\u2028", "\t",
             "<", "&", '"', "'", "\\", "{{", "%", "\r"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


odd_text = st.one_of(
    st.sampled_from(VIETNAMESE).map(nfd),
    st.lists(st.sampled_from([*ODD_CHARS, "a", "ệ", " ", "-"]), max_size=12).map("".join),
    st.sampled_from(VIETNAMESE).flatmap(
        lambda s: st.sampled_from(ODD_CHARS).map(lambda c: c.join(s.split(" ")))
    ),
    st.sampled_from(["\u202egnp.exe", "\u0301\u0301\u0301", "", " ", "\u3000", "null", "~",
                     "yes", "0x1F", "1e400", "-0", ".nan", "2026-02-30", "🇻🇳" * 50]),
    st.text(max_size=30),  # anything Hypothesis finds odd, control characters included
)
huge_text = st.sampled_from(["ệ", "a", "Đ", "\u200b", "📈", "a\u0301"]).map(
    lambda c: (c * 100_000)[:100_000]
)
wrong_type = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["vi", "en", "id", "x"]), st.integers(), max_size=3),
    st.just([]),
    st.just({}),
    odd_text,
)
bad_moments = st.one_of(
    st.sampled_from([
        "2026-02-30", "2026-13-01", "2026-00-10", "25:00", "24:00", "9h", "09:60", "9:5",
        "2026-13", "2026-00", "2026-1", "0001-01-01", "9999-12-31", "", " ", "tomorrow",
        "2026-11-06T09:00+25:00", "2026-11-06 09:00 +07:00", "2026-11-06T09:00:00Z",
        "06/11/2026", "١٢:٠٠", "２０２６-１１-０６", nfd("tháng 11"),
    ]),
    st.dates(),
    st.datetimes(),
    st.integers(min_value=-10, max_value=100_000),
    st.times().map(str),
)
unknown_slug = st.one_of(
    st.sampled_from(["khong-co", "bussiness", "gia-ca-", "Gia-Ca", "tong_hop", "cpi/2026-10"]),
    odd_text,
)

# --- mutations ------------------------------------------------------------------------------

Path_ = tuple[str | int, ...]


@dataclass
class Catalog_:
    """A catalog being broken: parsed YAML where it is still data, bytes where not."""

    data: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, bytes | None] = field(default_factory=dict)  # None: the file is gone
    links: dict[str, str] = field(default_factory=dict)  # symbolic links to make
    steps: list[str] = field(default_factory=list)

    def __repr__(self) -> str:  # the steps, not 100,000 characters of data
        return f"Catalog_(steps={self.steps!r:.2000})"

    @classmethod
    def base(cls) -> Catalog_:
        data = {p: yaml.safe_load(BASE[p].decode()) for p in YAML_FILES}
        return cls(data=data, raw={p: b for p, b in BASE.items() if p not in data})

    def content(self, path: str) -> bytes | None:
        if path in self.data:
            return dump(self.data[path])
        return self.raw.get(path)

    def files(self) -> dict[str, bytes | None]:
        return {path: self.content(path) for path in sorted({*self.data, *self.raw})}

    def write(self, root: Path) -> Path:
        catalog = root / "catalog"
        catalog.mkdir(parents=True)
        for path, content in self.files().items():
            if content is None:
                continue
            target = catalog / path
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            except (FileExistsError, NotADirectoryError, IsADirectoryError):
                continue  # two mutations made a file and a folder of one name: keep one
        (root / "outside").mkdir()
        (root / "outside/secret.yml").write_text("id: HEMMELIG-9931\nyear: HEMMELIG-9931\n")
        for path, to in self.links.items():
            target = catalog / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            target.unlink(missing_ok=True)
            target.symlink_to(to)
        return catalog


def dump(value: Any) -> bytes:
    text = yaml.dump(value, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10**9)
    return str(text).encode()


def walk(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from walk(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from walk(child, (*path, i))


def parent_of(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _data_path(draw: st.DrawFn, cat: Catalog_, want: Callable[[Path_, Any], bool]
               ) -> tuple[str, Path_] | None:
    candidates = sorted(
        ((file, path) for file, data in cat.data.items() for path, value in walk(data)
         if path and want(path, value)),
        key=repr,
    )
    return draw(st.sampled_from(candidates)) if candidates else None


def _set(cat: Catalog_, file: str, path: Path_, value: Any) -> None:
    parent_of(cat.data[file], path)[path[-1]] = value


def wrong_value(draw: st.DrawFn, cat: Catalog_) -> str:
    found = _data_path(draw, cat, lambda p, v: True)
    if found is None:
        return "nothing to replace"
    file, path = found
    value = draw(wrong_type)
    _set(cat, file, path, value)
    return f"{file} {path} = {value!r:.80}"


def delete_key(draw: st.DrawFn, cat: Catalog_) -> str:
    found = _data_path(draw, cat, lambda p, v: True)
    if found is None:
        return "nothing to delete"
    file, path = found
    del parent_of(cat.data[file], path)[path[-1]]
    return f"{file} del {path}"


def unknown_key(draw: st.DrawFn, cat: Catalog_) -> str:
    mappings = sorted(
        ((file, path) for file, data in cat.data.items() for path, value in walk(data)
         if isinstance(value, dict)),
        key=repr,
    )
    if not mappings:
        return "no mapping"
    file, path = draw(st.sampled_from(mappings))
    key = draw(st.one_of(st.sampled_from(["cylce", "Name", "id ", "ñame", "vi\u200b"]), odd_text))
    target = cat.data[file]
    for part in path:
        target = target[part]
    target[key] = draw(wrong_type)
    return f"{file} {path} unknown key {key!r:.40}"


def duplicate(draw: st.DrawFn, cat: Catalog_) -> str:
    choice = draw(st.sampled_from(["list", "product", "release"]))
    if choice == "list":
        file = draw(st.sampled_from(["audiences.yml", "units.yml", "topics.yml"]))
        if isinstance(cat.data.get(file), list) and cat.data[file]:
            cat.data[file].append(cat.data[file][0])
    elif choice == "product":
        source = draw(st.sampled_from(sorted(p for p in cat.data if p.startswith("products/"))))
        name = draw(st.sampled_from(["products/cpi-2.yml", "products/ban-sao.yaml"]))
        cat.data[name] = cat.data[source]
    else:
        calendar = cat.data.get("calendars/2026.yml")
        if isinstance(calendar, dict) and isinstance(calendar.get("releases"), list):
            calendar["releases"].append(draw(st.sampled_from(calendar["releases"] or [None])))
    return f"duplicate {choice}"


REFERENCE = {"unit", "audiences", "topics", "product", "release"}


def dangling(draw: st.DrawFn, cat: Catalog_) -> str:
    found = _data_path(draw, cat, lambda p, v: any(part in REFERENCE for part in p
                                                    if isinstance(part, str)))
    if found is None:
        return "no reference"
    file, path = found
    _set(cat, file, path, draw(unknown_slug))
    return f"{file} {path} dangling"


MOMENT_KEYS = {"date", "time", "month", "announced", "from", "to", "prepared", "days_off",
               "working_days", "year", "day", "months_after", "start", "period"}


def bad_moment(draw: st.DrawFn, cat: Catalog_) -> str:
    found = _data_path(draw, cat, lambda p, v: any(part in MOMENT_KEYS for part in p
                                                    if isinstance(part, str)))
    if found is None:
        return "no moment"
    file, path = found
    value = draw(bad_moments)
    _set(cat, file, path, value)
    return f"{file} {path} = {value!r}"


def _text_path(draw: st.DrawFn, cat: Catalog_) -> tuple[str, Path_] | None:
    return _data_path(draw, cat, lambda p, v: isinstance(v, str))


def huge(draw: st.DrawFn, cat: Catalog_) -> str:
    found = _text_path(draw, cat)
    if found is None:
        return "no text"
    file, path = found
    _set(cat, file, path, draw(huge_text))
    return f"{file} {path} huge"


def odd_unicode(draw: st.DrawFn, cat: Catalog_) -> str:
    found = _text_path(draw, cat)
    if found is None:
        return "no text"
    file, path = found
    value = parent_of(cat.data[file], path)[path[-1]]
    how = draw(st.sampled_from(["nfd", "insert", "wrap", "replace"]))
    if how == "nfd":
        value = nfd(value)
    elif how == "insert":
        at = draw(st.integers(0, len(value)))
        value = value[:at] + draw(st.sampled_from(ODD_CHARS)) + value[at:]
    elif how == "wrap":
        value = draw(st.sampled_from(DIRECTION)) + value + draw(st.sampled_from(EMOJI))
    else:
        value = draw(odd_text)
    _set(cat, file, path, value)
    return f"{file} {path} {how}"


RAW_INSERTS = [
    b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\x07", b"\t", b"{", b"[", b"]", b": :",
    b"&a", b"*b", b"---\n", b"...\n", b"%YAML 1.1\n", b"? ", b"!!binary ", b"|", b"\r",
    b"\xef\xbb\xbf", b"\xe2\x80\xae", b"'", b'"', b"#", b"\n  - ",
]
BOMB = (b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + b"".join(b"%c: &%c [%s]\n" % (c, c, b",".join([b"*%c" % (c - 1)] * 9))
                   for c in range(ord("b"), ord("k"))))
HOSTILE = [
    BOMB,
    b"id: &x [*x]\n",
    b"a: &x {b: *x}\n",
    b"[" * 600 + b"]" * 600 + b"\n",
    b"- " * 300 + b"x\n",
    b"!!python/object/apply:os.system ['touch /tmp/phobien-fuzz-pwned']\n",
    b"id: !!python/name:os.system\n",
    b"--- !<tag:yaml.org,2002:python/object:object> {}\n",
    b"a: !!timestamp 2026-02-30\n",
    b"a: !!int x\n",
    b"a: !!float 1e99999\n",
    b"a: 1\n---\nb: 2\n",
    b"",
    b"\n\n# nothing here\n",
    b"null\n",
    b"- 1\n- 2\n",
    b"just text\n",
    "id: cpi\nname: {vi: \"\u202e\", en: \"x\"}\n".encode(),
]


def raw_bytes(draw: st.DrawFn, cat: Catalog_) -> str:
    file = draw(st.sampled_from(sorted({*cat.data, *cat.raw})))
    content = cat.content(file) or b""
    how = draw(st.sampled_from(["truncate", "insert", "utf16", "hostile", "crlf", "tabs"]))
    if how == "truncate":
        content = content[: draw(st.integers(0, len(content)))]
    elif how == "insert":
        at = draw(st.integers(0, len(content)))
        content = content[:at] + draw(st.sampled_from(RAW_INSERTS)) + content[at:]
    elif how == "utf16":
        content = content.decode("utf-8", "replace").encode("utf-16")
    elif how == "hostile":
        content = draw(st.sampled_from(HOSTILE))
    elif how == "crlf":
        content = content.replace(b"\n", b"\r\n")
    else:
        content = content.replace(b"  ", b"\t")
    cat.data.pop(file, None)
    cat.raw[file] = content
    return f"{file} raw {how}"


UNQUOTED_DATES = ["2026-02-30", "2026-04-31", "2026-11-06 25:00", "2026-13-01", "0000-01-01",
                  "9999-12-31", "2026-11-06T09:00:00+25:00", "2026-1-6", "2026-11-06 9:00",
                  "1900-02-29", "2100-12-31", "20261106"]
UNQUOTED_TIMES = ["9:00", "25:00", "09:00:00", "9.00", "24:00", "-1:00", "09:60", "9:0"]


def raw_moment(draw: st.DrawFn, cat: Catalog_) -> str:
    """Dates and times as staff type them, unquoted: YAML itself reads them first."""
    file = draw(st.sampled_from(["calendars/2026.yml", "products/cpi.yml"]))
    content = (cat.content(file) or b"").decode("utf-8", "replace")
    dates = list(re.finditer(r"\d{4}-\d{2}-\d{2}", content))
    times = list(re.finditer(r"['\"]?\d{2}:\d{2}['\"]?", content))
    found = draw(st.sampled_from(dates + times)) if dates + times else None
    if found is None:
        return "no moment"
    bad = draw(st.sampled_from(UNQUOTED_DATES if found in dates else UNQUOTED_TIMES))
    cat.data.pop(file, None)
    cat.raw[file] = (content[: found.start()] + bad + content[found.end():]).encode()
    return f"{file} {found.group()} -> {bad}"


ODD_NAMES = [
    "products/Sản phẩm.yml", nfd("products/chỉ-số.yml"), "products/.an.yml", "products/a b.yml",
    "products/\u202egnp.yml", "products/x.YML", "products/\u200bcpi.yml", "calendars/2027.yml",
    "calendars/hai-nghin.yml", "datasets/📈.yml", "products/cpi.yml.bak", "products/-.yml",
]


def files_(draw: st.DrawFn, cat: Catalog_) -> str:
    how = draw(st.sampled_from(["delete", "rename", "directory", "link-out", "link-dir"]))
    file = draw(st.sampled_from(sorted({*cat.data, *cat.raw})))
    content = cat.content(file)
    if how == "delete":
        cat.data.pop(file, None)
        cat.raw[file] = None
    elif how == "rename":
        name = draw(st.sampled_from(ODD_NAMES))
        cat.data.pop(file, None)
        cat.raw[file] = None
        cat.raw[name] = content
    elif how == "directory":
        # a folder where a file is expected
        cat.data.pop(file, None)
        cat.raw[file] = None
        cat.raw[file + "/x.yml"] = b"id: x\n"
    elif how == "link-out":
        cat.data.pop(file, None)
        cat.raw[file] = None
        cat.links[file] = draw(st.sampled_from([
            "../" * (file.count("/") + 1) + "outside/secret.yml", "/etc/hostname", "/dev/zero",
            "/nonexistent", "/proc/self/environ",
        ]))
    else:
        # a whole folder of the catalog is a link to one outside it
        for name in [n for n in {*cat.data, *cat.raw} if n.startswith("calendars/")]:
            cat.data.pop(name, None)
            cat.raw.pop(name, None)
        cat.links["calendars"] = "../outside"
    return f"{file} {how}"


MUTATIONS = [wrong_value, delete_key, unknown_key, duplicate, dangling, bad_moment, raw_moment,
             huge, odd_unicode, raw_bytes, files_]


@st.composite
def broken(draw: st.DrawFn, kinds: tuple[Callable[[st.DrawFn, Catalog_], str], ...]
           = tuple(MUTATIONS)) -> Catalog_:
    cat = Catalog_.base()
    for _ in range(draw(st.integers(1, 3))):
        step = draw(st.sampled_from(kinds))
        cat.steps.append(step(draw, cat))
    return cat


def odd_but_valid_text(draw: st.DrawFn, cat: Catalog_) -> str:
    """A text of the catalog (a name, a reason, a label) made odd but kept valid, so that
    the build goes on to render it into pages, feeds, datasets and images."""
    found = _data_path(draw, cat, lambda p, v: isinstance(v, str) and p[-1] in ("vi", "en"))
    if found is None:
        return "no text"
    file, path = found
    value = draw(st.one_of(huge_text, odd_text, st.sampled_from(VIETNAMESE).map(nfd)))
    if not value.strip():
        value += "x"
    _set(cat, file, path, value)
    return f"{file} {path} odd text {value[:20]!r}"


def strange() -> st.SearchStrategy[Catalog_]:
    return broken((odd_but_valid_text,))


# --- what must hold ---------------------------------------------------------------------------


def line_count(catalog: Path, display: str) -> int | None:
    path = catalog.parent / display
    try:
        return path.read_bytes().count(b"\n") + 1 if path.is_file() else None
    except OSError:
        return None


def assert_plain_error(exc: CatalogError, catalog: Path) -> None:
    assert exc.problems, "a CatalogError with no problem in it"
    for problem in exc.problems:
        where = problem.format("en")
        assert problem.code in MESSAGES, where
        assert problem.file.startswith("catalog/"), where
        # A file that is missing (or is not a readable file) is itself the place; any
        # other problem says which field or which line.
        if problem.code not in ("missing-file", "file-outside-catalog"):
            assert problem.field or problem.line, where
        if problem.line is not None:
            lines = line_count(catalog, problem.file)
            assert problem.line >= 1, where
            assert lines is None or problem.line <= lines, f"{where}: the file has {lines} lines"
    for lang in ("vi", "en"):
        report = exc.report(lang)
        assert "Traceback" not in report
        assert all(p.file in report for p in exc.problems)
    assert "HEMMELIG-9931" not in exc.report("en"), "a file outside catalog/ was read"


@contextmanager
def project_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="phobien-fuzz-") as tmp:
        yield Path(tmp)


def test_the_unbroken_base_loads() -> None:
    """The catalog the fuzzing breaks is itself valid: a failure below is the mutation's."""
    with project_dir() as tmp:
        catalog = Catalog_.base().write(tmp)
        loaded = load_catalog(catalog)
        assert {p.id for p in loaded.products} >= {"cpi", "tong-dieu-tra"}
        assert [d.id for d in loaded.datasets] == ["chi-so"]
        assert loaded.calendars[0].adjustments


@pytest.mark.slow
@FUZZ
@given(broken())
def test_load_catalog_succeeds_or_names_file_and_field(cat: Catalog_) -> None:
    with project_dir() as tmp:
        catalog = cat.write(tmp)
        try:
            loaded = load_catalog(catalog)
        except CatalogError as exc:
            assert_plain_error(exc, catalog)
        else:
            assert isinstance(loaded, Catalog)
            # What was loaded is NFC wherever it came from.
            models = [loaded.site, *loaded.audiences, *loaded.units, *loaded.topics,
                      *loaded.products, *loaded.calendars, *loaded.datasets]
            for model in models:
                for _, value in walk(model.model_dump()):
                    if isinstance(value, str):
                        assert value == unicodedata.normalize("NFC", value), repr(value)
    assert not Path("/tmp/phobien-fuzz-pwned").exists()


# --- the real command -------------------------------------------------------------------------


def phobien(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PHOBIEN_AS_OF", "SOURCE_DATE_EPOCH")}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=240,
        env={**env, "PYTHONPATH": str(ROOT)},
    )


def project(tmp: Path, cat: Catalog_) -> Path:
    root = tmp / "project"
    root.mkdir()
    cat.write(root)
    minimal = FIXTURES / "site_minimal"
    shutil.copytree(minimal / "docs", root / "docs")
    shutil.copy(minimal / "mkdocs.yml", root / "mkdocs.yml")
    return root


def assert_no_traceback(result: subprocess.CompletedProcess[str], cat: Catalog_) -> None:
    context = f"{cat.steps}\n{result.stderr[-3000:]}"
    assert result.returncode in (0, 1, 2), context
    assert "Traceback" not in result.stderr, context
    assert "Traceback" not in result.stdout, context
    if result.returncode:
        assert any(w in result.stderr for w in ("catalog/", "Error:", "Lỗi:")), context


def partial_leftovers(work: Path) -> list[str]:
    return sorted(str(p) for p in work.rglob("*.partial*")) if work.exists() else []


def assert_feeds_parse(site: Path, cat: Catalog_) -> None:
    """Whatever the catalog said, the feeds are well-formed: a calendar app or a feed
    reader refuses a whole file for one bad character."""
    for feed in sorted(site.rglob("feed.xml")):
        try:
            ET.fromstring(feed.read_bytes())
        except ET.ParseError as exc:
            raise AssertionError(f"{cat.steps}: {feed.relative_to(site)}: {exc}") from None
    for ics in sorted(site.rglob("*.ics")):
        data = ics.read_bytes()
        data.decode("utf-8")
        assert all(len(line) <= 75 for line in data.split(b"\r\n")), (cat.steps, ics)
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data), (cat.steps, ics)
        icalendar.Calendar.from_ical(data)


@pytest.mark.slow
@FUZZ_CLI
@given(broken())
def test_check_command_never_shows_a_traceback(cat: Catalog_) -> None:
    with project_dir() as tmp:
        root = project(tmp, cat)
        result = phobien("check", cwd=root)
        assert_no_traceback(result, cat)
        if result.returncode:
            assert "catalog/" in result.stderr, result.stderr


# A source table broken as well as the catalog.
SOURCE_BREAKS = st.one_of(
    st.just(None),
    st.sampled_from([
        SOURCE.replace("Hà Nội", nfd("Hà Nội")),
        nfd(SOURCE),  # headers decomposed too
        SOURCE.replace("Lạng Sơn", "<script>alert(1)</script>\u202e"),
        SOURCE.replace("101,25", "một trăm"),
        SOURCE.replace("Chỉ số\n", "Chỉ số,Thêm\n"),
        SOURCE + "2026-12," + "9" * 400 + ",x,1\n",
        SOURCE + '2026-08,"' + "ệ" * 100_000 + '",a,1\n',
        "Kỳ,Mã\n",
        "",
        '"\n',
        SOURCE.replace("2026-10", "2026-1x"),
        SOURCE.replace("Lạng Sơn", "Lạng\x0cSơn\x01\x7f"),
        SOURCE.replace("Hà Nội", "=cmd|' /C calc'!A0"),
    ]).map(str.encode),
    st.sampled_from([b"\xff\xfe\x00K", b"\x00" * 10, SOURCE.encode("utf-16")]),
)


@pytest.mark.slow
@FUZZ_CLI
@given(st.one_of(broken(), strange()), SOURCE_BREAKS)
def test_build_command_never_shows_a_traceback_or_leaves_half_a_site(
    cat: Catalog_, source: bytes | None
) -> None:
    if source is not None:
        cat.raw["sources/chi-so.csv"] = source
        cat.steps.append(f"source {source[:40]!r}")
    with project_dir() as tmp:
        root = project(tmp, cat)
        site = tmp / "site"
        result = phobien("build", "--site-dir", str(site), "--as-of", AS_OF, cwd=root)
        assert_no_traceback(result, cat)
        event(f"build exit {result.returncode}")
        assert not partial_leftovers(root / ".phobien"), cat.steps
        if result.returncode == 0:
            assert (site / "index.html").is_file() and (site / "sitemap.xml").is_file()
            assert_feeds_parse(site, cat)
        else:
            assert not site.exists() or not any(site.iterdir()), (
                f"{cat.steps}: a failed build left {sorted(site.rglob('*'))[:10]}"
            )


@pytest.mark.parametrize("link", ["../../outside/secret.yml", "/etc/hostname"])
def test_a_catalog_file_linked_from_outside_is_refused(link: str) -> None:
    cat = Catalog_.base()
    cat.data.pop("products/cpi.yml")
    cat.links["products/cpi.yml"] = link
    with project_dir() as tmp:
        catalog = cat.write(tmp)
        with pytest.raises(CatalogError) as info:
            load_catalog(catalog)
        [problem] = [p for p in info.value.problems if p.file == "catalog/products/cpi.yml"]
        assert problem.code == "file-outside-catalog"
        assert "outside catalog/" in problem.format("en")
        assert "HEMMELIG" not in info.value.report("en")
