"""Served places: folders a build must never write into.

A publish target is a link (``public``) to a version inside a versions folder beside it
(``.public.versions/``). ``phobien build`` writes in place; into a target, its versions or
the folder that holds them it would change what readers get without verification, and a
``--as-of`` preview there would serve figures before their release.
"""

from __future__ import annotations

import os
from pathlib import Path

VERSIONS = ".versions"


def _versions_of(link: Path) -> Path:
    return link.parent / f".{link.name}{VERSIONS}"


def served_place(folder: Path) -> Path | None:
    """The publish target that ``folder`` is, holds, lies inside, or reaches through a
    link; ``None`` when it is none of these."""
    absolute = Path(os.path.abspath(folder))
    if absolute.is_dir() and not absolute.is_symlink():
        # the folder holding a target: a build would clean the link away
        for child in absolute.iterdir():
            if child.is_symlink() and _versions_of(child).is_dir():
                return child
    for candidate in (absolute, absolute.resolve()):
        for part in (candidate, *candidate.parents):
            name = part.name
            if name.startswith(".") and name.endswith(VERSIONS) and part.is_dir():
                return part.parent / name[1:-len(VERSIONS)]
            if part.is_symlink() and _versions_of(part).is_dir():
                return part
    return None
