"""The build and the preview server, through MkDocs: what the commands ask of the engine."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.catalog.load import Catalog
from generator.engine.errors import EngineError
from generator.engine.plugin import PhobienPlugin
from generator.engine.preview import serve as preview_serve


def build_site(
    config_file: Path,
    site_dir: Path,
    as_of: str | None,
    strict: bool = True,
    publish_log: Path | None = None,
    recording: bool = False,
    scheduled: bool = False,
    catalog: Catalog | None = None,
    clock_source: str | None = None,
    lang: str | None = None,
) -> dict[str, list[str]]:
    """The one build: MkDocs with the phobien plugin, strict, into ``site_dir``. Returns
    what it made anew rather than from the caches (``"datasets"``: ``id@release`` for
    each vintage it froze)."""
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        plugin = config.plugins["phobien"]
        if as_of:
            plugin.config["as_of"] = as_of
        if publish_log is not None:
            plugin.config["publish_log"] = str(publish_log)
        plugin.config["recording"] = recording
        plugin.config["scheduled"] = scheduled
        plugin.config["clock_source"] = clock_source
        if lang is not None:
            plugin.config["lang"] = lang
        assert isinstance(plugin, PhobienPlugin)
        plugin.preloaded = catalog
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise EngineError(str(exc)) from exc
    return dict(plugin.content.rebuilt)


def serve(config_file: Path, dev_addr: str, lang: str = "vi") -> None:
    """The preview server: rebuilds and reloads the page when the catalog or docs change;
    while a build fails, every page shows why, in ``lang`` (``engine.preview``)."""
    try:
        preview_serve(str(config_file), dev_addr, lang)
    except MkDocsException as exc:
        raise EngineError(str(exc)) from exc
