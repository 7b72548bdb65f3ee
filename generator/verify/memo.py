"""What an earlier verification found: files that passed, pages' ids and links, and the
distinct periods and releases of the dataset tables."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any


class Memo:
    """The files that passed the checks of ``_check_file`` in an earlier verification.

    A file is known by its device, inode, size and modification time: the work folder's
    files are written once under a new name and renamed into place, never changed, so the
    same inode with the same size and time is the same bytes. A page is written anew by
    every build, so it is known by its bytes' SHA-256, and its ids and links are kept: the
    link check runs over the whole site every time, against the files there now.
    Remembered only for the same restricted names and host: a product made restricted
    since has every file read again.

    A dataset table (a CSV, known as a file is) brings its distinct rows of the columns
    the embargo check reads (period, completeness, release), with their line: what they
    are is the file's; whether each may be public is judged again every time, against
    the calendar as of the build.
    """

    VERSION = "4"  # 2: the host check came; 3: pages by their bytes; 4: tables

    def __init__(self, path: Path | None, needles: list[str], host: str = "") -> None:
        self.path = path
        self.digest = hashlib.sha256(
            "\0".join([self.VERSION, host, *needles]).encode()).hexdigest()
        self.known: set[str] = set()
        self.fresh: set[str] = set()
        self.pages: dict[str, list[list[str]]] = {}
        self.kept: dict[str, list[list[str]]] = {}
        self.tables: dict[str, dict[str, Any]] = {}
        self.tables_kept: dict[str, dict[str, Any]] = {}
        if path is not None and path.is_file():
            with contextlib.suppress(ValueError, OSError):
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("needles") == self.digest:
                    self.known = set(data.get("passed", []))
                    self.pages = dict(data.get("pages", {}))
                    self.tables = dict(data.get("tables", {}))

    @staticmethod
    def key(path: Path) -> str:
        st = path.stat()
        return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"

    def passed(self, path: Path) -> bool:
        return self.path is not None and self.key(path) in self.known

    def add(self, path: Path) -> None:
        self.fresh.add(self.key(path))

    @staticmethod
    def _sha(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def page(self, path: Path) -> tuple[set[str], list[str]] | None:
        """A page's ids and links, if the same bytes passed before."""
        if self.path is None or not self.pages:
            return None
        sha = self._sha(path)
        found = self.pages.get(sha)
        if found is None:
            return None
        self.kept[sha] = found
        return set(found[0]), list(found[1])

    def add_page(self, path: Path, ids: set[str], links: list[str]) -> None:
        if self.path is not None:
            self.kept[self._sha(path)] = [sorted(ids), links]

    def table(self, path: Path, columns: list[str]) -> dict[str, Any] | None:
        """A table's distinct rows of ``columns``, if the same file was read before."""
        if self.path is None:
            return None
        key = self.key(path) + ":" + "\0".join(columns)
        found = self.tables.get(key)
        if found is not None:
            self.tables_kept[key] = found
        return found

    def add_table(self, path: Path, columns: list[str], rows: dict[str, Any]) -> None:
        if self.path is not None:
            self.tables_kept[self.key(path) + ":" + "\0".join(columns)] = rows

    def save(self, files: list[Path]) -> None:
        """Keep what this site holds: the memo never grows past one site's files."""
        if self.path is None:
            return
        present = {self.key(p) for p in files if p.suffix != ".html"}
        passed = sorted((self.known | self.fresh) & present)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps({"needles": self.digest, "passed": passed,
                                       "pages": self.kept, "tables": self.tables_kept}))
        os.replace(partial, self.path)
