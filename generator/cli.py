"""The ``phobien`` command: check, build, serve and publish the portal.

Every user error ends in a plain message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import click

from generator import clock as clock_mod
from generator import engine, i18n, terminal
from generator.check import load_catalog
from generator.engine import EngineError, choice
from generator.problems import CatalogError
from generator.project import CONFIG, Project
from generator.publish import run as publish_mod
from generator.publish.lock import DEFAULT_WAIT
from generator.publish.served import served_place
from generator.verify import VerificationError
from generator.words.staff import CATALOG_VALID, ERROR_PREFIX
from generator.words.staff import COMMANDS as WORDS
from generator.words.staff import WORKBOOK_COMMANDS as WORKBOOK_WORDS


class StaffError(click.ClickException):
    """A user error, said wholly in the staff's language: click's own prefix is English."""

    def __init__(self, message: str, lang: str) -> None:
        super().__init__(message)
        self.lang = lang

    def show(self, file: Any = None) -> None:
        prefix = ERROR_PREFIX.get(self.lang, ERROR_PREFIX["en"])
        click.echo(f"{prefix}: {self.format_message()}",
                   file=file or sys.stderr)


def _project() -> Path:
    return Path.cwd()


def _guess_lang(catalog_dir: Path) -> str:
    """The site's first language, read leniently: even a broken catalog gets messages in
    its staff's language when site.yml says which one."""
    import yaml

    try:
        data = yaml.safe_load((catalog_dir / "site.yml").read_text(encoding="utf-8"))
        first = data["languages"][0]
        return first if first in ("vi", "en") else "vi"
    except Exception:  # any unreadable site.yml: Vietnamese, the default
        return "vi"


def _setup_logging(verbose: bool, lang: str) -> None:
    terminal.setup_logging((choice.logger_name(), "phobien"), lang, verbose)
    # mkdocs-material announces its end of life on every build; staff need not see it.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _site_lang() -> str:
    """The staff's language before the command line is read: the site's first one."""
    try:
        return _guess_lang(Project.read(CONFIG).catalog_dir)
    except Exception:  # an unreadable mkdocs.yml: the messages in Vietnamese, the default
        return "vi"


def _check_as_of(as_of: str | None, lang: str) -> None:
    """A wrong --as-of said before anything starts, in the staff's words."""
    if as_of:
        try:
            clock_mod.parse_moment(as_of, ZoneInfo("UTC"))
        except clock_mod.ClockError as exc:
            raise StaffError(exc.text(lang), lang) from None


@click.group(cls=terminal.StaffGroup, site_lang=_site_lang,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="phobien")
def cli() -> None:
    """phobien: a statistics office's catalog and release calendar in, a static site out."""


@cli.command()
@click.option(
    "--catalog",
    "catalog_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Catalog folder [default: the one mkdocs.yml names, else catalog].",
)
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=None,
    help="Language of the messages (default: the site's first language).",
)
def check(catalog_dir: Path | None, lang: str | None) -> None:
    """Check the whole catalog and report every problem at once."""
    catalog_dir = catalog_dir or Project.read(CONFIG).catalog_dir
    lang = lang or _guess_lang(catalog_dir)
    try:
        catalog = load_catalog(catalog_dir, display_root=catalog_dir.parent, sources=True)
    except CatalogError as exc:
        click.echo(exc.report(lang), err=True)
        sys.exit(1)
    public = catalog.public()
    click.echo(CATALOG_VALID[lang].format(products=len(catalog.products),
                                          public=len(public.products)))


F = TypeVar("F", bound=Callable[..., Any])


def _as_of_option(func: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        default=None,
        metavar="WHEN",
        help="Build the site as it will be at WHEN (ISO 8601; office time zone if none).",
    )(func)


@cli.command()
@_as_of_option
@click.option(
    "--site-dir",
    default="site",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder.",
)
@click.option(
    "-f",
    "--config-file",
    default=CONFIG,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
)
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the messages (default: the site's first language).")
@click.option("-v", "--verbose", is_flag=True)
def build(as_of: str | None, site_dir: Path, config_file: Path, lang: str | None,
          verbose: bool) -> None:
    """Build the site (pages, feeds, datasets) into SITE_DIR, never a published one."""
    given, lang = lang, _lang_of(config_file, lang)
    _refuse_served(site_dir, lang)
    _check_as_of(as_of, lang)
    _setup_logging(verbose, lang)
    try:
        engine.build_site(config_file, site_dir, as_of, lang=given)
    except EngineError as exc:
        raise StaffError(terminal.engine_text(str(exc), lang), lang) from None


def _lang_of(config_file: Path, lang: str | None) -> str:
    return lang or _guess_lang(Project.read(config_file).catalog_dir)


def _refuse_served(folder: Path, lang: str, words: str = "served") -> None:
    """A build writes in place: never into what readers are served (a preview there
    would show figures before their release)."""
    target = served_place(folder)
    if target is not None:
        raise StaffError(WORDS[words][lang].format(folder=folder, target=target), lang)


@cli.command()
@_as_of_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option(
    "-f",
    "--config-file",
    default=CONFIG,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
)
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the messages (default: the site's first language).")
def serve(as_of: str | None, dev_addr: str, config_file: Path, lang: str | None) -> None:
    """Preview the site; edits to the catalog or docs reload the page."""
    import tempfile

    # MkDocs builds the preview into a new folder under the temporary folder (TMPDIR).
    lang = _lang_of(config_file, lang)
    _refuse_served(Path(tempfile.gettempdir()), lang, "served_tmp")
    _check_as_of(as_of, lang)
    _setup_logging(False, lang)
    if as_of:
        os.environ["PHOBIEN_AS_OF"] = as_of
    try:
        engine.serve(config_file, dev_addr, lang)  # a broken catalog shows in the browser
    except EngineError as exc:
        raise StaffError(terminal.engine_text(str(exc), lang), lang) from None


@cli.command()
@_as_of_option
@click.option("--target", default=None, metavar="T",
              help="Published folder, or user@host:/path for a server over SSH "
              "[default: public].")
@click.option("--ssh", default="ssh", show_default=True,
              help="The ssh command for a remote target (options such as -i KEY).")
@click.option("-f", "--config-file", default=CONFIG, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None)
@click.option("--force", is_flag=True, help="Build and switch even when nothing changed.")
@click.option("--wait", default=DEFAULT_WAIT, show_default=True, metavar="SECONDS",
              type=click.FloatRange(min=0),
              help="How long to wait for another publish of the same target to end.")
@click.option("--at", "at", default=None, metavar="WHEN",
              help="Build the site as of WHEN ahead of time, then switch TARGET to it at "
              "WHEN, on the second (ISO 8601, office time zone if none; 'next': the next "
              "release moment). WHEN already past: publish now.")
@click.option("--within", default=None, metavar="DURATION",
              help="With --at: only if WHEN is at most DURATION away (20m, 1h, 90s); "
              "otherwise a plain publish now. For timers.")
def publish(as_of: str | None, target: str | None, ssh: str, config_file: Path,
            lang: str | None, force: bool, wait: float, at: str | None,
            within: str | None) -> None:
    """Check, build into a fresh folder, verify, then switch TARGET to it atomically.

    With --as-of WHEN still to come, builds a staff preview into preview/ instead: a
    preview shows releases before their time and never reaches the public target.
    """
    catalog_dir = Project.read(config_file).catalog_dir
    lang = lang or _guess_lang(catalog_dir)
    _setup_logging(False, lang)
    if at is not None or within is not None:
        _publish_at(config_file, target, ssh, lang, force, wait, at, within, as_of)
        return
    try:
        if as_of:
            full = load_catalog(catalog_dir, display_root=catalog_dir.parent)
            moment = clock_mod.resolve(as_of, full.site.zone)
            if moment.preview:
                if target is not None:
                    raise StaffError(WORDS["preview_target"][lang], lang)
                _refuse_served(Path("preview"), lang)
                engine.build_site(config_file, Path("preview"), as_of)
                click.echo(WORDS["preview"][lang].format(when=moment.now.isoformat()))
                return
        result = publish_mod.publish(config_file, target or "public", as_of, ssh=ssh,
                                     say=lambda line: click.echo(line, err=True), force=force,
                                     lang=lang, wait=wait)
    except CatalogError as exc:
        raise StaffError(exc.report(lang), lang) from None
    except publish_mod.PublishError as exc:
        raise StaffError(WORDS["failed"][lang] + exc.text(lang), lang) from None
    except clock_mod.ClockError as exc:
        raise StaffError(WORDS["failed"][lang] + exc.text(lang), lang) from None
    except VerificationError as exc:
        raise StaffError(WORDS["failed"][lang] + exc.text(lang), lang) from None
    except EngineError as exc:
        raise StaffError(WORDS["failed"][lang] + terminal.engine_text(str(exc), lang),
                         lang) from None
    _say_result(result, target, lang)


def _say_result(result: publish_mod.Result, target: str | None, lang: str) -> None:
    if result.unchanged:
        click.echo(WORDS["unchanged"][lang])
        _say_next(result.next_release, lang)
        return
    click.echo(WORDS["published"][lang].format(version=result.version,
                                               target=target or "public"))
    if result.newly_public:
        click.echo(WORDS["newly"][lang] + listed(result.newly_public, lang))
    _say_next(result.next_release, lang)


def _publish_at(config_file: Path, target: str | None, ssh: str, lang: str, force: bool,
                wait: float, at: str | None, within: str | None, as_of: str | None) -> None:
    """``publish --at WHEN [--within DURATION]``: see generator/publish/scheduled.py."""
    from generator.publish import scheduled

    if at is None:
        raise StaffError(WORDS["within_alone"][lang], lang)
    if as_of:
        raise StaffError(WORDS["at_as_of"][lang], lang)
    try:
        span = scheduled.parse_duration(within) if within is not None else None
    except ValueError:
        raise StaffError(WORDS["bad_within"][lang].format(value=within), lang) from None
    try:
        result = scheduled.publish_at(config_file, target or "public", at, within=span,
                                      ssh=ssh, say=lambda line: click.echo(line, err=True),
                                      force=force, lang=lang, wait=wait)
    except scheduled.Stopped as exc:
        raise StaffError(exc.text(lang), lang) from None
    except CatalogError as exc:
        raise StaffError(WORDS["failed"][lang] + exc.report(lang), lang) from None
    except publish_mod.PublishError as exc:
        raise StaffError(WORDS["failed"][lang] + exc.text(lang), lang) from None
    except clock_mod.ClockError:
        raise StaffError(WORDS["bad_at"][lang].format(value=at), lang) from None
    except VerificationError as exc:
        raise StaffError(WORDS["failed"][lang] + exc.text(lang), lang) from None
    except EngineError as exc:
        raise StaffError(WORDS["failed"][lang] + terminal.engine_text(str(exc), lang),
                         lang) from None
    _say_result(result, target, lang)


NEWLY_SHOWN = 20


def listed(ids: Sequence[str], lang: str, limit: int = NEWLY_SHOWN) -> str:
    """The first ``limit`` identifiers, and how many more: a national office's first
    publish makes thousands of releases public at once (300 kB of terminal at size M),
    and the publish log keeps them all.

    >>> listed(["cpi/2026-10", "iip/2026-10", "grdp/2026-q3"], "vi", limit=2)
    'cpi/2026-10, iip/2026-10 … và 1 đợt khác (đủ cả trong nhật ký xuất bản)'
    >>> listed(["cpi/2026-10", "iip/2026-10"], "en", limit=2)
    'cpi/2026-10, iip/2026-10'
    """
    shown = ", ".join(ids[:limit])
    if len(ids) <= limit:
        return shown
    return shown + WORDS["more"][lang].format(count=len(ids) - limit)


@cli.command()
@click.option("--target", default="public", show_default=True, metavar="T")
@click.option("--ssh", default="ssh", show_default=True)
@click.option("--to", "to", default=None, metavar="VERSION",
              help="The version to return to [default: the one before the served one].")
@click.option("-f", "--config-file", default=None, type=click.Path(dir_okay=False,
              path_type=Path), help="The catalog to verify against [default: the one the "
              "served version was built from].")
@click.option("--wait", default=DEFAULT_WAIT, show_default=True, metavar="SECONDS",
              type=click.FloatRange(min=0),
              help="How long to wait for a publish of the same target to end.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None)
def rollback(target: str, ssh: str, to: str | None, config_file: Path | None, wait: float,
             lang: str | None) -> None:
    """Switch TARGET back to an earlier version, atomically, once it passes verification
    against today's catalog and clock."""
    lang = lang or _guess_lang(Project.read(config_file or CONFIG).catalog_dir)
    try:
        version = publish_mod.rollback(target, ssh=ssh, config_file=config_file, to=to,
                                       wait=wait, lang=lang)
    except publish_mod.PublishError as exc:
        raise StaffError(exc.text(lang), lang) from None
    except CatalogError as exc:
        raise StaffError(exc.report(lang), lang) from None
    click.echo(f"{target} → {version}")


@cli.command("next")
@click.option("--catalog", "catalog_dir", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="Catalog folder [default: the one mkdocs.yml names, else catalog].")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None)
@click.option("--format", "fmt", type=click.Choice(["text", "iso"]), default="text",
              show_default=True, help="iso: only the moment, for scripts and timers.")
def next_(catalog_dir: Path | None, lang: str | None, fmt: str) -> None:
    """When the next release falls due: the site must be published again then."""
    catalog_dir = catalog_dir or Project.read(CONFIG).catalog_dir
    lang = lang or _guess_lang(catalog_dir)
    try:
        catalog = load_catalog(catalog_dir, display_root=catalog_dir.parent, sources=True)
    except CatalogError as exc:
        raise StaffError(exc.report(lang), lang) from None
    now = clock_mod.resolve(None, catalog.site.zone).now
    moment = publish_mod.next_release(catalog, now)
    if fmt == "iso":
        click.echo(moment.isoformat() if moment else "")
        return
    _say_next(moment, lang)
    for release in publish_mod.due_at(catalog, now):
        click.echo(f"  {release.id}: {release.label(lang)}")


def _say_next(moment: dt.datetime | None, lang: str) -> None:
    if moment is None:
        click.echo(WORDS["no_next"][lang])
        return
    when = i18n.format_when(moment.date(), moment.time(), None, lang,
                            zone=moment.tzinfo or dt.UTC)
    click.echo(WORDS["next"][lang].format(when=when, iso=moment.isoformat()))



@cli.command()
@click.argument("year", type=int)
@click.option("--out", "out", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the documents.")
@click.option("--catalog", "catalog_dir", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="Catalog folder [default: the one mkdocs.yml names, else catalog].")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the documents and messages (default: the site's first "
              "language).")
def annex(year: int, out: Path, catalog_dir: Path | None, lang: str | None) -> None:
    """Write YEAR's release calendar as the annex of its approval decision (DOCX, XLSX)
    and, once approved, each adjustment as a notice (DOCX)."""
    from generator import annex as annex_mod
    from generator.words.staff import ANNEX_COMMAND

    catalog_dir = catalog_dir or Project.read(CONFIG).catalog_dir
    lang = lang or _guess_lang(catalog_dir)
    try:
        catalog = load_catalog(catalog_dir, display_root=catalog_dir.parent)
        written = annex_mod.write(catalog, year, out, lang)
    except CatalogError as exc:
        raise StaffError(exc.report(lang), lang) from None
    except annex_mod.NoCalendar as exc:
        raise StaffError(exc.text(lang), lang) from None
    for path in written.files:
        click.echo(ANNEX_COMMAND["written"][lang].format(path=path))
    if written.draft:
        click.echo(ANNEX_COMMAND["draft"][lang].format(year=year))


@cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--catalog", "catalog_dir", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="Catalog folder [default: the one mkdocs.yml names, else catalog].")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the messages (default: the site's first language).")
def export_(file: Path, catalog_dir: Path | None, lang: str | None) -> None:
    """Write the whole catalog as a workbook (FILE.xlsx) to edit in Excel."""
    from generator.workbook.export import served_in, write_workbook

    project = Project.read(CONFIG)
    catalog_dir = catalog_dir or project.catalog_dir
    lang = lang or _guess_lang(catalog_dir)
    place = served_in(file, project.docs_dir)
    if place is not None:
        raise StaffError(WORKBOOK_WORDS["served"][lang].format(file=file, place=place), lang)
    try:
        load_catalog(catalog_dir, display_root=catalog_dir.parent)
        rows = write_workbook(catalog_dir, file)
    except CatalogError as exc:
        click.echo(exc.report(lang), err=True)
        sys.exit(1)
    click.echo(WORKBOOK_WORDS["exported"][lang].format(file=file, rows=rows))


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--catalog", "catalog_dir", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="Catalog folder [default: the one mkdocs.yml names, else catalog].")
@click.option("--delete", is_flag=True,
              help="Delete the catalog files whose rows the workbook no longer has.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the messages (default: the site's first language).")
def import_(file: Path, catalog_dir: Path | None, delete: bool, lang: str | None) -> None:
    """Write a workbook (FILE.xlsx) back into the YAML catalog, all or nothing."""
    from generator.workbook.importing import import_workbook
    from generator.workbook.reading import WorkbookError

    catalog_dir = catalog_dir or Project.read(CONFIG).catalog_dir
    lang = lang or _guess_lang(catalog_dir)
    try:
        outcome = import_workbook(file, catalog_dir, delete)
    except WorkbookError as exc:
        click.echo(exc.report(lang), err=True)
        sys.exit(1)
    words = WORKBOOK_WORDS
    click.echo(words["imported"][lang].format(
        file=file, catalog=catalog_dir, new=len(outcome.new), changed=len(outcome.changed),
        same=len(outcome.same)))
    for kind, names in (("written", [*outcome.new, *outcome.changed]),
                        ("deleted", outcome.deleted), ("kept", outcome.kept)):
        for name in names:
            click.echo(words[kind][lang].format(file=name))



def main() -> None:
    try:
        cli(prog_name="phobien", standalone_mode=True)
    except clock_mod.ClockError as exc:  # pragma: no cover - the commands say most
        lang = _site_lang()
        click.echo(f"{ERROR_PREFIX[lang]}: {exc.text(lang)}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
