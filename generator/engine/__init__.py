"""The site engine adapter: the only code that imports MkDocs (or another engine).

The core hands the engine what to build and gets files back; it never imports the
engine. The commands reach it through the two functions below, which load the adapter
only when called: importing any other part of phobien loads no site engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.engine.errors import EngineError

if TYPE_CHECKING:
    from generator.catalog.load import Catalog

__all__ = ["EngineError", "build_site", "serve"]


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
    """Build the site into ``site_dir`` as of ``as_of`` (see ``engine.build``). ``catalog``:
    the full catalog, when the caller has loaded it already (it is loaded once a build).
    ``clock_source``: where ``as_of`` came from, when the caller read the clock itself;
    ``lang``: the language of the catalog's messages, when the staff chose one."""
    from generator.engine import build

    return build.build_site(config_file, site_dir, as_of, strict, publish_log, recording,
                            scheduled, catalog, clock_source, lang)


def serve(config_file: Path, dev_addr: str, lang: str = "vi") -> None:
    """Serve a live preview of the site; a failed build shows in the browser, its
    problems in ``lang`` (see ``engine.build``)."""
    from generator.engine import build

    build.serve(config_file, dev_addr, lang)
