"""The site engine adapter: the only code that imports MkDocs (or another engine).

The core hands the engine what to build and gets files back; it never imports the
engine. The commands reach it through the two functions below, which load the adapter
only when called: importing any other part of phobien loads no site engine.
"""

from __future__ import annotations

from pathlib import Path

from generator.engine.errors import EngineError

__all__ = ["EngineError", "build_site", "serve"]


def build_site(
    config_file: Path,
    site_dir: Path,
    as_of: str | None,
    strict: bool = True,
    publish_log: Path | None = None,
    recording: bool = False,
    scheduled: bool = False,
) -> dict[str, list[str]]:
    """Build the site into ``site_dir`` as of ``as_of`` (see ``engine.build``)."""
    from generator.engine import build

    return build.build_site(config_file, site_dir, as_of, strict, publish_log, recording,
                            scheduled)


def serve(config_file: Path, dev_addr: str) -> None:
    """Serve a live preview of the site (see ``engine.build``)."""
    from generator.engine import build

    build.serve(config_file, dev_addr)
