"""Docs that cannot drift: every catalog field, problem code and command is documented,
in both languages, and the command help in the staff guide is the code's own."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from generator.catalog import model
from generator.cli import cli
from generator.problems import MESSAGES
from tests.conftest import ROOT

GUIDES = {"vi": ROOT / "docs/staff/guide.md", "en": ROOT / "docs/en/staff/guide.md"}
USER_GUIDES = {"vi": ROOT / "docs/help.md", "en": ROOT / "docs/en/help.md"}
CLI_BLOCK = re.compile(r"<!-- phobien:cli -->\n(.*?)<!-- /phobien:cli -->\n", re.S)
MODELS: list[type[BaseModel]] = [
    model.Site,
    model.Office,
    model.Contact,
    model.Audience,
    model.Unit,
    model.Topic,
    model.Product,
    model.Discontinued,
    model.ReleaseRule,
    model.Calendar,
    model.Approval,
    model.ScheduledRelease,
    model.Adjustment, model.Dataset, model.Source, model.Column, model.Chart,
    model.MediaContact, model.ReleaseNote, model.Attachment, model.Correction,
]


def field_names() -> set[str]:
    names = set()
    for cls in MODELS:
        for name, info in cls.model_fields.items():
            names.add(info.alias or name)
    return names


def allowed_values() -> set[str]:
    values: set[str] = set()
    for alias in (
        model.Completeness,
        model.Form,
        model.Cycle,
        model.Dissemination,
        model.Access,
        model.PeriodKind,
        model.CalendarStatus,
        model.AdjustmentType,
        model.ColumnType,
    ):
        values |= {str(v) for v in typing.get_args(alias)}
    return values


def cli_help() -> str:
    """The help of every command, as the staff guide shows it."""
    runner = CliRunner()
    parts = [runner.invoke(cli, ["--help"], prog_name="phobien", terminal_width=80).output]
    for name in sorted(cli.commands):  # type: ignore[attr-defined]
        result = runner.invoke(cli, [name, "--help"], prog_name="phobien", terminal_width=80)
        parts.append(f"$ phobien {name} --help\n{result.output}")
    return "```text\n" + "\n".join(parts) + "```\n"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_catalog_field_is_documented(lang: str) -> None:
    guide = GUIDES[lang].read_text(encoding="utf-8")
    missing = sorted(n for n in field_names() if f"`{n}`" not in guide)
    assert not missing, f"{GUIDES[lang]} does not document: {missing}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_allowed_value_is_documented(lang: str) -> None:
    guide = GUIDES[lang].read_text(encoding="utf-8")
    missing = sorted(v for v in allowed_values() if f"`{v}`" not in guide)
    assert not missing, f"{GUIDES[lang]} does not list the values: {missing}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_publish_steps_are_quoted_as_publish_prints_them(lang: str) -> None:
    """The guide shows the four steps in the words the staff will read in their terminal."""
    from generator.words.staff import STEPS

    guide = " ".join(GUIDES[lang].read_text(encoding="utf-8").split())
    for number, key in enumerate(("check", "build", "verify", "switch"), start=1):
        assert f"`[{number}/4] {STEPS[key][lang]} ...`" in guide, key


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_code_is_documented(lang: str) -> None:
    guide = GUIDES[lang].read_text(encoding="utf-8")
    missing = sorted(code for code in MESSAGES if f"`{code}`" not in guide)
    assert not missing, f"{GUIDES[lang]} does not explain: {missing}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_is_documented(lang: str) -> None:
    guide = GUIDES[lang].read_text(encoding="utf-8")
    for name in cli.commands:  # type: ignore[attr-defined]
        assert f"phobien {name}" in guide, name
    for target in ("make publish", "make test", "make check", "make serve"):
        assert target in guide, target


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_command_help_in_the_guide_is_generated(lang: str) -> None:
    """PHOBIEN_UPDATE_GOLDEN=1 rewrites the block from the code."""
    import os

    path = GUIDES[lang]
    guide = path.read_text(encoding="utf-8")
    match = CLI_BLOCK.search(guide)
    assert match, "the guide lost its <!-- phobien:cli --> block"
    expected = cli_help()
    if os.environ.get("PHOBIEN_UPDATE_GOLDEN") == "1":
        guide = guide.replace(match.group(1), expected)
        path.write_text(guide, encoding="utf-8")
        match = CLI_BLOCK.search(guide)
        assert match
    assert match.group(1) == expected


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_user_guide_covers_feeds_and_downloads(lang: str) -> None:
    guide = USER_GUIDES[lang].read_text(encoding="utf-8")
    for needle in (
        "webcal://",
        "calendar/all.ics",
        "feed.xml",
        "Google Calendar",
        "Outlook",
        "Apple",
        "revisions.csv",
        "calendar/week",
        "event.ics",
    ):
        assert needle in guide, needle


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_user_guide_says_how_to_cite(lang: str) -> None:
    """The "Cite this" section's name and each citation file, as the code names them."""
    from generator import i18n
    from generator.outputs import citations

    guide = USER_GUIDES[lang].read_text(encoding="utf-8")
    assert f"## {i18n.t('cite_heading', lang) if lang == 'vi' else 'Citing'}\n" in guide
    assert f"**{i18n.t('cite_heading', lang)}**" in guide
    for name in citations.FILES:
        assert f"`{name}`" in guide, name


@pytest.mark.slow
def test_user_guide_is_published(example_site: Path) -> None:
    assert (example_site / "help/index.html").is_file()
    assert (example_site / "en/help/index.html").is_file()
    assert not (example_site / "staff").exists()


def test_every_test_the_threat_model_names_exists() -> None:
    """docs/staff/threat-model.md names, for each control, the test that guards it."""
    text = (ROOT / "docs/staff/threat-model.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+\.py)::(test_\w+)`", text))
    assert len(named) > 20
    missing = [
        f"{file}::{name}"
        for file, name in sorted(named)
        if not re.search(rf"^def {name}\(", (ROOT / "tests" / file).read_text(encoding="utf-8"),
                         re.M)
    ]
    assert not missing, missing


# A command line as the guides give it to cron, systemd or a shell: the command and its
# options, up to the end of the line or a shell operator.
COMMAND_LINE = re.compile(r"phobien (\w+)((?: +(?:--?[\w-]+|\"[^\"]*\"|[^\s`|&>;\"]+))*)")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_documented_command_lines_use_options_that_exist(lang: str) -> None:
    """The cron line and the systemd ExecStart of the guide (and every other command line
    in it) name only options the command has."""
    guide = GUIDES[lang].read_text(encoding="utf-8")
    seen = set()
    for name, rest in COMMAND_LINE.findall(guide):
        command = cli.commands.get(name)  # type: ignore[attr-defined]
        if command is None:
            continue
        known = {opt for param in command.params for opt in param.opts}
        bare = re.sub(r"\"[^\"]*\"", "", rest)  # a quoted --ssh value has its own options
        for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", bare):
            assert option in known | {"--help", "-h"}, f"phobien {name} {option}"
            seen.add((name, option))
    assert {("publish", "--at"), ("publish", "--within"), ("next", "--format")} <= seen
    assert "phobien publish --at next --within 30m" in guide
    for line in re.findall(r"^ExecStart=(.*)$", guide, re.M):
        assert line.startswith("/srv/phobien/.venv/bin/phobien publish"), line


# The section of each staff guide on mkdocs.yml, whose table lists the plugin's options.
SETTINGS_SECTION = {"vi": "## Cấu hình trong `mkdocs.yml`", "en": "## Settings in `mkdocs.yml`"}
NOT_SET = {"vi": "không đặt", "en": "not set"}
INTERNAL = {"vi": "Nội bộ", "en": "Internal"}


def table_rows(markdown: str) -> dict[str, list[str]]:
    """The body rows of the Markdown tables in ``markdown``, by their first cell's code.

    >>> table_rows("| A | B |\\n|---|---|\\n| `x` | `1` |\\ntext\\n")
    {'x': ['`1`']}
    """
    rows = {}
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        key = re.fullmatch(r"`([^`]+)`", cells[0])
        if line.startswith("|") and key:
            rows[key.group(1)] = cells[1:]
    return rows


def section(markdown: str, heading: str) -> str:
    """From ``heading`` to the next heading of the same level."""
    start = markdown.index(heading + "\n")
    end = markdown.find("\n## ", start + len(heading))
    return markdown[start:] if end < 0 else markdown[start:end]


def plugin_options() -> dict[str, tuple[object, str]]:
    """Each option of the MkDocs plugin: its default and its docstring, read from the
    source (MkDocs keeps no attribute docstrings)."""
    import ast

    from generator.engine.plugin import PhobienConfig

    source = (ROOT / "generator/engine/plugin.py").read_text(encoding="utf-8")
    body = next(node for node in ast.parse(source).body
                if isinstance(node, ast.ClassDef) and node.name == "PhobienConfig").body
    docs = {}
    for node, after in zip(body, [*body[1:], None], strict=True):
        if (isinstance(node, ast.Assign) and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)):
            docs[node.targets[0].id] = str(after.value.value)  # type: ignore[attr-defined]
    return {name: (option.default, docs.get(name, "")) for name, option in PhobienConfig._schema}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_plugin_option_is_a_row_of_the_settings_table(lang: str) -> None:
    """The staff guide's section on mkdocs.yml has a table with one row per option of the
    plugin, no more: its default as the code has it, and the options `phobien publish`
    sets marked as internal."""
    guide = GUIDES[lang].read_text(encoding="utf-8")
    rows = table_rows(section(guide, SETTINGS_SECTION[lang]))
    options = plugin_options()
    assert sorted(rows) == sorted(options)
    for name, (default, doc) in options.items():
        shown, meaning = rows[name][0], rows[name][1]
        if default is None:
            assert shown == NOT_SET[lang], name
        else:
            code = str(default).lower() if isinstance(default, bool) else default
            assert shown == f"`{code}`", name
        if "set by ``phobien publish" in doc.lower():
            assert meaning.startswith(INTERNAL[lang]) and "`phobien publish" in meaning, name
        else:
            assert not meaning.startswith(INTERNAL[lang]), name


def makefile_targets() -> tuple[set[str], set[str]]:
    """The Makefile's targets, and those with a ``## target:`` help comment."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*)\s*:(?!=)", text, re.M))
    helped = set(re.findall(r"^## ([a-z][\w-]*):", text, re.M))
    return targets, helped


def test_the_readme_names_only_make_targets_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets, helped = makefile_targets()
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", readme))
    assert {"publish", "test", "test-fast"} <= named
    assert not named - targets, f"README names targets the Makefile lacks: {named - targets}"
    assert helped <= targets
    assert not helped - named, f"README does not mention: {helped - named}"
    # The two first commands stay first; the fast loop comes next.
    assert re.findall(r"^make ([\w-]+)", readme, re.M)[:3] == ["publish", "test", "test-fast"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_guide_lists_the_fast_test_loop(lang: str) -> None:
    guide = GUIDES[lang].read_text(encoding="utf-8")
    running = section(guide, {"vi": "## Chạy phobien", "en": "## Running phobien"}[lang])
    commands = {"make publish", "make test", "make test-fast", "make check", "make serve"}
    assert commands <= set(table_rows(running))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_previews_error_page_is_as_the_guide_shows_it(lang: str, tmp_path: Path) -> None:
    """The guide's line for `phobien serve` with a broken catalog is what the error page
    lists for the example catalog broken that way, in that language (serve_errors.py)."""
    import shutil

    import lxml.html

    from generator.check import load_catalog
    from generator.engine.serve_errors import Failure, page
    from generator.problems import CatalogError

    guide = " ".join(GUIDES[lang].read_text(encoding="utf-8").split())
    start = guide.index("- `phobien serve [--as-of WHEN]`")
    paragraph = guide[start:guide.index("- `phobien publish", start)]
    shown = re.search(r"`(catalog/products/cpi\.yml:\d+ [^`]*)`", paragraph)
    assert shown is not None and "--lang" in paragraph
    catalog = shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    cpi = catalog / "products/cpi.yml"
    cpi.write_text(cpi.read_text(encoding="utf-8").replace("periodic: true", 'periodic: "có"'),
                   encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(catalog, display_root=tmp_path)
    html = page(Failure(caught.value.problems), "/", lang, "/s.css")
    listed = [" ".join(li.text_content().split())
              for li in lxml.html.fromstring(html).cssselect("ol.problems li")]
    assert listed == [shown.group(1)]


# The staff guide's part on a refused publish: its example, its table of checks.
FAILED_PUBLISH = {"vi": ("### Khi xuất bản thất bại", "### Các phiên bản"),
                  "en": ("### When publishing fails", "### Versions")}


def failed_publish(lang: str) -> tuple[str, str]:
    """The guide's part on a refused publish, and its example of what the command prints."""
    guide = GUIDES[lang].read_text(encoding="utf-8")
    start, end = (guide.index(h) for h in FAILED_PUBLISH[lang])
    part = guide[start:end]
    shown = re.search(r"```text\n(.*?)\n```", part, re.S)
    assert shown is not None
    return part, shown.group(1)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_refused_publish_is_as_the_guide_shows_it(lang: str) -> None:
    """The guide's example of a refused publish is what the command prints for those
    failures, in that language, word for word (verify/, words/staff.py); its table has a
    row for every check a failure can name, and says how a long list ends."""
    import ast

    from generator.verify import Failure, VerificationError
    from generator.words.staff import COMMANDS, ERROR_PREFIX, VERIFY

    part, shown = failed_publish(lang)
    error = VerificationError([
        Failure("hosts", "thu/index.html", "loads-from", {
            "tag": "script", "attr": "src", "value": "https://cdn.example.com/x.js",
            "host": "cdn.example.com"}),
        Failure("named-hosts", "thu/index.html", "names-hosts", {"hosts": "cdn.example.com"}),
        Failure("links", "thu/index.html", "broken-link", {"href": "missing.md"}),
    ])
    said = f"{ERROR_PREFIX[lang]}: {COMMANDS['failed'][lang]}{error.text(lang)}"
    assert shown == said
    checks = set()
    for path in (ROOT / "generator/verify").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Failure":
                checks.add(typing.cast(ast.Constant, node.args[0]).value)
    assert checks and checks <= set(table_rows(part)), checks - set(table_rows(part))
    assert f"`{VERIFY['more'][lang].format(count='N')}`" in part
