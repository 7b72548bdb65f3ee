"""Publish: build into a fresh folder, then switch the public target to it atomically.

The last stage of the pipeline. A reader of the published folder sees either the whole
old site or the whole new one: the target is a symbolic link that is replaced in one
``rename``, which POSIX guarantees to be atomic, and versions are never edited in place.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

log = logging.getLogger("phobien")

KEEP_VERSIONS = 5


def build_site(config_file: Path, site_dir: Path, as_of: str | None, strict: bool = True) -> None:
    """The one build: MkDocs with the phobien plugin, strict, into ``site_dir``."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    if as_of:
        config.plugins["phobien"].config["as_of"] = as_of
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def versions_dir(target: Path) -> Path:
    """Published versions live beside the target: ``public`` → ``.public.versions/``."""
    return target.parent / f".{target.name}.versions"


def publish(config_file: Path, target: Path, as_of: str | None) -> str:
    """Build a new version and make ``target`` point at it. Returns the version's name."""
    versions = versions_dir(target)
    versions.mkdir(parents=True, exist_ok=True)
    name = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    staging = versions / f"{name}.partial"
    build_site(config_file, staging, as_of)
    final = versions / name
    staging.rename(final)  # only complete builds ever carry a version name
    _switch(target, final)
    _prune(versions, keep=KEEP_VERSIONS, current=final)
    return name


def _switch(target: Path, version: Path) -> None:
    link = target.parent / f".{target.name}.next"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(version, target.parent), target_is_directory=True)
    if target.exists() and not target.is_symlink():
        # A plain folder from before phobien managed the target: keep it as a version.
        target.rename(versions_dir(target) / f"previous-{version.name}")
    os.replace(link, target)


def _prune(versions: Path, keep: int, current: Path) -> None:
    """Keep the newest ``keep`` versions; drop older ones and any build left half-done."""
    for partial in versions.glob("*.partial"):
        shutil.rmtree(partial)
    done = sorted((p for p in versions.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in done[:-keep]:
        if old != current:
            shutil.rmtree(old)
