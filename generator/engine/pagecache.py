"""The page cache: a page whose inputs did not change is not rendered again.

Two stages, as MkDocs has them. A page's *rendering* (its Markdown to HTML, its table of
contents, title, anchor ids and links to anchors) depends on its own Markdown and front
matter, the Markdown settings and the site's file addresses (its links resolve against
them). Its *output* (the theme's template around it) depends on that, the theme, the
settings, the navigation and what phobien adds to the page's context. Each stage has a
digest, and an entry is reused only under the same digest: there is no invalidation to
get wrong, only inputs to name. This module is plain data and files; the MkDocs side is
in ``plugin.py``.

The store keeps one rendering and one output per page, named by the page and by the
digest (``<page>-<digest>.render.gz``, ``.html.gz``), so that "is it cached" is one
``stat`` and the entries of pages gone or changed are pruned after the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata as metadata
import json
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

VERSION = "2"  # the entries' layout and what the digests cover; 2: outputs as text
# The packages whose release changes what a page looks like.
SHAPING = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2",
           "markupsafe", "properdocs")


def plain(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON data that is the same in every build of the same inputs: objects
    by their class and attributes (never their ``repr``, which may carry an address).

    >>> plain({"b": (1, 2), "a": {3}})
    {'a': [3], 'b': [1, 2]}
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if depth > 6:
        return type(value).__qualname__
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda item: str(item[0]))
        return {str(k): plain(v, depth + 1) for k, v in items}
    if isinstance(value, (list, tuple)):
        return [plain(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v, depth + 1) for v in value), key=str)
    if isinstance(value, Path):
        return str(value)
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        return [kind, plain({k: v for k, v in attributes.items() if not k.startswith("__")},
                            depth + 1)]
    return kind


def digest(*parts: Any) -> str:
    """One SHA-256 over ``parts`` as plain data."""
    text = json.dumps([plain(p) for p in parts], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def versions() -> list[tuple[str, str]]:
    """The installed release of each package that shapes the pages (absent ones too)."""
    out = []
    for name in SHAPING:
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, ""))
    return out


def tree_signature(folders: Iterable[str | Path]) -> str:
    """Every file of the theme's folders by path, size and modification time: a theme's
    10,000 icons are stat-ed, not read (their package's release is in ``versions``)."""
    sha = hashlib.sha256()
    for folder in folders:
        sha.update(str(folder).encode() + b"\0")
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                with contextlib.suppress(OSError):
                    st = os.stat(path)
                    sha.update(f"{os.path.relpath(path, folder)}:{st.st_size}:"
                               f"{st.st_mtime_ns}\0".encode())
    return sha.hexdigest()


class PageStore:
    """The renderings and outputs of one site's pages, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()  # the entries this build read or wrote

    @staticmethod
    def _name(src: str) -> str:
        return hashlib.sha256(src.encode()).hexdigest()[:32]

    def _path(self, src: str, key: str, kind: str) -> Path:
        return self.folder / f"{self._name(src)}-{key[:32]}.{kind}.gz"

    def _read(self, path: Path) -> Any:
        try:
            data = json.loads(zlib.decompress(path.read_bytes()))
        except (OSError, ValueError, zlib.error):
            return None
        self.used.add(path.name)
        return data

    def _write(self, path: Path, data: Any) -> None:
        self._write_bytes(path, json.dumps(data, ensure_ascii=False,
                                           separators=(",", ":")).encode())

    def _write_bytes(self, path: Path, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(zlib.compress(data, 1))
        os.replace(partial, path)
        self.used.add(path.name)

    def rendering(self, src: str, key: str) -> dict[str, Any] | None:
        """The page's rendering under ``key``, if an earlier build made it."""
        found = self._read(self._path(src, key, "render"))
        return found if isinstance(found, dict) else None

    def save_rendering(self, src: str, key: str, rendering: dict[str, Any]) -> None:
        self._write(self._path(src, key, "render"), rendering)

    def has_output(self, src: str, key: str) -> bool:
        path = self._path(src, key, "html")
        if path.is_file():
            self.used.add(path.name)
            return True
        return False

    def output(self, src: str, key: str) -> str | None:
        """The page's output under ``key``: its HTML as it is (no JSON: a page of 100 kB
        is read 30,000 times at national scale)."""
        path = self._path(src, key, "html")
        try:
            html = zlib.decompress(path.read_bytes()).decode("utf-8")
        except (OSError, ValueError, zlib.error):
            return None
        self.used.add(path.name)
        return html

    def save_output(self, src: str, key: str, html: str) -> None:
        self._write_bytes(self._path(src, key, "html"), html.encode("utf-8"))

    def prune(self) -> None:
        """Remove every entry this build did not use: the store holds one site's pages."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                with contextlib.suppress(OSError):
                    path.unlink()
