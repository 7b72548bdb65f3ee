"""Problems found in the catalog: a stable code, a place, and a message in the staff's language.

Every check collects problems into a list instead of raising at the first one, so that a
statistician fixing the catalog sees everything that is wrong in one run. The CLI and the
MkDocs plugin format the same list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from generator.words.staff import MESSAGES, REPORT_HEADER

Lang = str  # "vi" or "en"



@dataclass(frozen=True)
class Problem:
    """One thing wrong in the catalog, with where it is."""

    code: str
    file: str
    line: int | None = None
    field: str = ""
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)

    def message(self, lang: Lang = "vi") -> str:
        template = MESSAGES[self.code].get(lang) or MESSAGES[self.code]["en"]
        # A parameter may itself be bilingual (``{"vi": ..., "en": ...}``), such as the
        # name of an expected type.
        params = {
            k: (v.get(lang) or v.get("en")) if isinstance(v, Mapping) else v
            for k, v in self.params.items()
        }
        return template.format(**params)

    def location(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where} {self.field}".rstrip()

    def format(self, lang: Lang = "vi") -> str:
        """``catalog/products/cpi.yml:12 audiences[1]: unknown audience 'x'. ...``"""
        return f"{self.location()}: {self.message(lang)} [{self.code}]"

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.field, self.code)


class CatalogError(Exception):
    """The catalog has problems; carries all of them, never only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report("en"))

    def report(self, lang: Lang = "vi") -> str:
        header = REPORT_HEADER.get(lang, REPORT_HEADER["en"]).format(count=len(self.problems))
        return "\n".join([header, *(f"  {p.format(lang)}" for p in self.problems)])


def field_path(loc: Iterable[str | int]) -> str:
    """Render a location such as ``("audiences", 1)`` as ``audiences[1]``.

    >>> field_path(["office", "name", "vi"])
    'office.name.vi'
    >>> field_path(["audiences", 1])
    'audiences[1]'
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
