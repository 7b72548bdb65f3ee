"""What a build's output depends on besides its inputs: phobien's own code and the
releases of the packages it runs on.

The publish's input digest and the page cache both ask, so the code is read once a process
and the two agree on what "the same code" means.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata as metadata
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # generator/: phobien's own code and theme

_CODE: str | None = None


def code_digest() -> str:
    """phobien's code and theme, by content (an editable install keeps its version number
    through every change): computed once per process."""
    global _CODE
    if _CODE is None:
        sha = hashlib.sha256()
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                sha.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
                sha.update(path.read_bytes() + b"\0")
        _CODE = sha.hexdigest()
    return _CODE


def dependencies() -> list[tuple[str, str]]:
    """The installed version of each package phobien needs: an upgrade changes pages."""
    out: list[tuple[str, str]] = []
    with contextlib.suppress(metadata.PackageNotFoundError):
        for requirement in metadata.requires("phobien") or []:
            if "extra ==" in requirement:
                continue
            name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
            with contextlib.suppress(metadata.PackageNotFoundError):
                out.append((name, metadata.version(name)))
    return out
