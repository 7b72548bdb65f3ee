"""The ``phobien`` command: check, build, serve and publish the portal.

Every user error ends in a plain message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import clock as clock_mod
from . import publish as publish_mod
from .catalog import load_catalog
from .problems import CatalogError

CONFIG = "mkdocs.yml"


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


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s- %(message)s"))
    for name in ("mkdocs", "phobien"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG if verbose else logging.INFO)
        logger.propagate = False
    # mkdocs-material announces its end of life on every build; staff need not see it.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="phobien")
def cli() -> None:
    """phobien: a statistics office's catalog and release calendar in, a static site out."""


@cli.command()
@click.option(
    "--catalog",
    "catalog_dir",
    default="catalog",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Catalog folder.",
)
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=None,
    help="Language of the messages (default: the site's first language).",
)
def check(catalog_dir: Path, lang: str | None) -> None:
    """Check the whole catalog and report every problem at once."""
    lang = lang or _guess_lang(catalog_dir)
    try:
        catalog = load_catalog(catalog_dir, display_root=catalog_dir.parent)
    except CatalogError as exc:
        click.echo(exc.report(lang), err=True)
        sys.exit(1)
    public = catalog.public()
    counts = {
        "vi": f"Danh mục hợp lệ: {len(catalog.products)} sản phẩm "
        f"({len(public.products)} hiển thị công khai).",
        "en": f"The catalog is valid: {len(catalog.products)} products "
        f"({len(public.products)} shown publicly).",
    }
    click.echo(counts[lang])


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
@click.option("-v", "--verbose", is_flag=True)
def build(as_of: str | None, site_dir: Path, config_file: Path, verbose: bool) -> None:
    """Build the site (pages, feeds, datasets) into SITE_DIR."""
    _setup_logging(verbose)
    publish_mod.build_site(config_file, site_dir, as_of)


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
def serve(as_of: str | None, dev_addr: str, config_file: Path) -> None:
    """Preview the site; edits to the catalog or docs reload the page."""
    from mkdocs.commands import serve as mk_serve

    _setup_logging(False)
    if as_of:
        os.environ["PHOBIEN_AS_OF"] = as_of
    mk_serve.serve(str(config_file), dev_addr=dev_addr, livereload=True)


@cli.command()
@_as_of_option
@click.option(
    "--target",
    default="public",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Published folder.",
)
@click.option(
    "-f",
    "--config-file",
    default=CONFIG,
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
)
def publish(as_of: str | None, target: Path, config_file: Path) -> None:
    """Check, build into a fresh folder, then switch TARGET to it atomically."""
    _setup_logging(False)
    if as_of:
        # A preview shows releases before their time: it must never reach the public.
        raise click.UsageError(
            "--as-of builds a staff preview, which is never published. Preview with: "
            f"phobien build --as-of {as_of} --site-dir preview"
        )
    version = publish_mod.publish(config_file, target, as_of)
    click.echo(f"Published {version} → {target}/ . View it: python -m http.server -d {target}")


def main() -> None:
    try:
        cli(standalone_mode=True)
    except clock_mod.ClockError as exc:  # pragma: no cover - click handles most
        click.echo(str(exc), err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
