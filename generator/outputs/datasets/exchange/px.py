"""PX (PC-Axis): the file a national office's PxWeb loads, bilingual.

Vietnamese is the file's language and English its second (``LANGUAGES="vi","en"``): every
keyword that holds words is written twice, the ``[en]`` one right after its Vietnamese
one, the order PxWeb writes and readers (pyaxis) expect. The period, each code column and
the indicator (the number columns, ``CONTVARIABLE``) are the variables: the period and the
codes in the rows (``STUB``), the indicator across (``HEADING``). Missing values are PX's
dot-codes, each with its meaning (``DATASYMBOL1`` to ``6``, ``DATASYMBOLNIL`` for "-").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from generator.catalog.model import Text
from generator.outputs.datasets.exchange.cube import (
    ABSENT,
    Cube,
    Dimension,
    level_label,
    number_texts,
)
from generator.releases.plan import Period
from generator.words.site import EXCHANGE

LANGUAGES = ("vi", "en")
NIL = "-"
DOTS = [".", "..", "...", "....", ".....", "......"]  # DATASYMBOL1 to DATASYMBOL6
BLOCK = 20_000  # rows of DATA written at a time
TLIST = {"month": "M1", "quarter": "Q1", "half": "H1", "year": "A1"}


def dot_codes(symbols: list[str]) -> dict[str, str]:
    """Each of the cube's symbols as a PX dot-code: "-" is PX's nil; a cell without a
    row, or without a value and a symbol, is "."; the others take "..", "..." and so on
    in catalog order (the sixth and later share "......").

    >>> dot_codes(["", "-", "..", "x"])
    {'': '.', '-': '-', '..': '..', 'x': '...'}
    """
    out = {ABSENT: DOTS[0]}
    free = iter(DOTS[1:])
    for symbol in symbols:
        if symbol == ABSENT:
            continue
        out[symbol] = NIL if symbol == NIL else next(free, DOTS[-1])
    return out


def write_px(cube: Cube, path: Path, office: Text, moment: dt.datetime | None,
             zone: dt.tzinfo) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.writelines(_keywords(cube, office, moment, zone))
        f.write("DATA=\n")
        f.writelines(_data(cube))
        f.write(";\n")


def _keywords(cube: Cube, office: Text, moment: dt.datetime | None,
              zone: dt.tzinfo) -> Iterator[str]:
    ds = cube.dataset
    dims, indicator = cube.dimensions[:-1], cube.dimensions[-1]
    when = _px_time((moment or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).astimezone(zone))
    shown = max(cube.decimals.values(), default=0)
    yield _line("AXIS-VERSION", ["2013"])
    yield _line("CODEPAGE", ["utf-8"])
    yield _line("LANGUAGE", ["vi"])
    yield _line("LANGUAGES", list(LANGUAGES))
    yield _line("CREATION-DATE", [when])
    yield f"DECIMALS={min(max(cube.carried, shown), 15)};\n"
    yield f"SHOWDECIMALS={min(shown, 6)};\n"
    yield _line("MATRIX", [ds.id])
    yield _line("SUBJECT-CODE", [ds.product])
    yield from _both("SUBJECT-AREA", lambda lg: [ds.title.get(lg)])
    yield from _both("DESCRIPTION", lambda lg: [ds.description.get(lg)])
    yield from _both("TITLE", lambda lg: [EXCHANGE["by"][lg].format(
        contents=ds.title.get(lg),
        dimensions=", ".join(d.label.get(lg) for d in cube.dimensions))])
    yield from _both("CONTENTS", lambda lg: [ds.title.get(lg)])
    yield from _both("STUB", lambda lg: [d.label.get(lg) for d in dims])
    yield from _both("HEADING", lambda lg: [indicator.label.get(lg)])
    yield from _both("CONTVARIABLE", lambda lg: [indicator.label.get(lg)])
    for d in cube.dimensions:
        yield from _both("VALUES", lambda lg, d=d: d.labels[lg], lambda lg, d=d: [d.label.get(lg)])
    for d in dims:
        timeval = _timeval(d)
        if timeval is not None:
            for lg in LANGUAGES:
                yield (f'TIMEVAL{_lang(lg)}("{_clean(d.label.get(lg))}")='
                       f"TLIST({timeval[0]}),{_values(timeval[1])};\n")
    for d in cube.dimensions:
        yield from _both("CODES", lambda lg, d=d: d.codes, lambda lg, d=d: [d.label.get(lg)])
    for i, column in enumerate(indicator.columns):
        def item(lg: str, i: int = i) -> list[str]:
            return [indicator.labels[lg][i]]

        yield from _both("PRECISION", None, lambda lg, i=i: [indicator.label.get(lg),
                                                             indicator.labels[lg][i]],
                         number=cube.decimals[column.id])
        yield from _both("LAST-UPDATED", lambda lg: [when], item)
        yield from _both("UNITS", lambda lg, c=column: [c.unit.get(lg) if c.unit else "-"], item)
    yield from _both("SOURCE", lambda lg: [office.get(lg)])
    if ds.notes is not None:
        yield from _both("NOTE", lambda lg: [ds.notes.get(lg) if ds.notes else ""])
    yield from _level_notes(cube, dims)
    yield from _symbols(cube)


def _level_notes(cube: Cube, dims: list[Dimension]) -> Iterator[str]:
    """Which release each period's figures belong to: a note on the period's value."""
    for d in dims:
        for code, level in d.levels.items():
            if code not in d.codes:
                continue
            at = d.codes.index(code)
            yield from _both(
                "VALUENOTE", lambda lg, level=level: [level_label(level, lg)],
                lambda lg, at=at, d=d: [d.label.get(lg), d.labels[lg][at]])


def _symbols(cube: Cube) -> Iterator[str]:
    meanings = cube.dataset.missing_symbols()
    absent = Text(**EXCHANGE["absent"])
    for symbol, code in dot_codes(cube.symbols).items():
        meaning = meanings.get(symbol, absent)
        key = "DATASYMBOLNIL" if code == NIL else f"DATASYMBOL{len(code)}"
        yield from _both(key, lambda lg, m=meaning: [m.get(lg)])


def _data(cube: Cube) -> Iterator[str]:
    """The cells in cube order, a row of the indicator's values a line."""
    width = len(cube.measures)
    codes = np.array([f'"{dot_codes(cube.symbols)[s]}"' for s in cube.symbols], dtype=object)
    for start in range(0, len(cube.values), BLOCK * width):
        values = cube.values[start:start + BLOCK * width]
        texts = number_texts(values)
        missing = np.isnan(values)
        texts[missing] = codes[cube.marks[start:start + len(values)][missing]]
        rows = texts.reshape(-1, width)
        yield from map(_joined, rows.tolist())


def _joined(row: list[str]) -> str:
    return " ".join(row) + "\n"


def _timeval(d: Dimension) -> tuple[str, list[str]] | None:
    """PX's time values (``TLIST(M1),"202401"``) when every period is of one kind PX
    knows; nine-months periods have none."""
    if d.role != "time":
        return None
    periods = [Period.parse(c) for c in d.codes]
    kinds = {p.kind for p in periods if p is not None}
    if None in periods or len(kinds) != 1 or next(iter(kinds)) not in TLIST:
        return None
    kind = next(iter(kinds))
    out = []
    for p in periods:
        assert p is not None
        out.append({"month": f"{p.year}{p.index:02d}", "quarter": f"{p.year}{p.index}",
                    "half": f"{p.year}{p.index}", "year": f"{p.year}"}[kind])
    return TLIST[kind], out


def _both(key: str, values: Iterable[str] | object, names: object = None,
          number: int | None = None) -> Iterator[str]:
    """The keyword in Vietnamese, then in English: ``KEY("name")=...`` and
    ``KEY[en]("name in English")=...``."""
    for lg in LANGUAGES:
        name = ""
        if callable(names):
            name = "(" + ",".join(f'"{_clean(n)}"' for n in names(lg)) + ")"
        text = str(number) if number is not None else _values(values(lg))  # type: ignore[operator]
        yield f"{key}{_lang(lg)}{name}={text};\n"


def _line(key: str, values: list[str]) -> str:
    return f"{key}={_values(values)};\n"


def _values(values: Iterable[str]) -> str:
    return ",".join(f'"{_clean(v)}"' for v in values)


def _lang(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"[{lang}]"


def _clean(text: str) -> str:
    """PX strings hold no double quote, and a reader splits on none but itself: "" (an
    empty value) would read as nothing at all, so it is written as a dash."""
    text = " ".join(str(text).replace('"', "'").split())
    return text or "-"


def _px_time(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%d %H:%M")
