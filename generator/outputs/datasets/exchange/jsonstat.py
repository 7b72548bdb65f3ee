"""JSON-stat 2.0: the dataset as JSON-stat clients (and PxWeb's API) read it.

JSON-stat has one label per item. Vietnamese, the site's first language, is in every
``label``; English is in ``extension.en`` beside it, in the same shape (the dataset's
``label``, ``source`` and ``note``; each dimension's ``label`` and category labels and
units), so that a client that knows nothing of it reads a plain Vietnamese dataset and one
that does can swap the words. Missing values are ``null`` with the table's symbol in
``status``; which release each period's figures belong to is in the period dimension's
``extension.completeness`` (the code) and ``category.note`` (its words).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from generator.catalog.model import Text
from generator.outputs.datasets.exchange.cube import (
    ABSENT,
    Cube,
    Dimension,
    level_label,
    number_texts,
)

BLOCK = 100_000  # cells written at a time


def write_jsonstat(cube: Cube, path: Path, office: Text, moment: dt.datetime | None,
                   zone: dt.tzinfo) -> None:
    """The file, its cells streamed: ``value`` and ``status`` are written a block at a time
    between the rest, which ``json`` writes."""
    head = _head(cube, office, moment, zone)
    text = json.dumps(head, ensure_ascii=False, indent=1)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write(text.removesuffix("\n}") + ',\n "value": [')
        f.writelines(_values(cube))
        f.write('],\n "status": {')
        f.writelines(_status(cube))
        f.write("}\n}\n")


def _head(cube: Cube, office: Text, moment: dt.datetime | None,
          zone: dt.tzinfo) -> dict[str, Any]:
    ds = cube.dataset
    head: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": ds.title.get("vi"),
        "source": office.get("vi"),
    }
    if moment is not None:
        head["updated"] = moment.astimezone(zone).isoformat()
    if ds.notes is not None:
        head["note"] = [ds.notes.get("vi")]
    head["id"] = [d.id for d in cube.dimensions]
    head["size"] = cube.size
    head["role"] = {"time": [d.id for d in cube.dimensions if d.role == "time"],
                    "metric": [d.id for d in cube.dimensions if d.role == "metric"]}
    head["dimension"] = {d.id: _dimension(cube, d) for d in cube.dimensions}
    meanings = ds.missing_symbols()
    head["extension"] = {
        "lang": "vi",
        "en": {"label": ds.title.get("en"), "source": office.get("en"),
               **({"note": [ds.notes.get("en")]} if ds.notes else {})},
        "status": {s: {"vi": m.get("vi"), "en": m.get("en")} for s, m in meanings.items()},
    }
    return head


def _dimension(cube: Cube, d: Dimension) -> dict[str, Any]:
    category: dict[str, Any] = {
        "index": d.codes,
        "label": dict(zip(d.codes, d.labels["vi"], strict=True)),
    }
    en: dict[str, Any] = {"label": d.label.get("en"),
                          "category": {"label": dict(zip(d.codes, d.labels["en"], strict=True))}}
    if d.role == "metric":
        category["unit"] = {c.id: _unit(c.unit, "vi", cube.decimals[c.id]) for c in d.columns}
        en["category"]["unit"] = {c.id: _unit(c.unit, "en", cube.decimals[c.id])
                                  for c in d.columns}
    extension: dict[str, Any] = {"en": en}
    if d.levels:
        levels = {c: d.levels[c] for c in d.codes if c in d.levels}
        category["note"] = {c: [level_label(v, "vi")] for c, v in levels.items()}
        en["category"]["note"] = {c: [level_label(v, "en")] for c, v in levels.items()}
        extension["completeness"] = levels
    return {"label": d.label.get("vi"), "category": category, "extension": extension}


def _unit(unit: Text | None, lang: str, decimals: int) -> dict[str, Any]:
    return {"label": unit.get(lang) if unit else "", "decimals": decimals}


def _values(cube: Cube) -> Iterator[str]:
    for start in range(0, len(cube.values), BLOCK):
        texts = number_texts(cube.values[start:start + BLOCK])
        texts[texts == ""] = "null"
        yield ("," if start else "") + ",".join(texts.tolist())


def _status(cube: Cube) -> Iterator[str]:
    """Only the cells with a symbol, keyed by their place in ``value`` (JSON-stat's
    sparse form); a cell without a row has none and is ``null`` alone."""
    symbols = np.array([json.dumps(s, ensure_ascii=False) for s in cube.symbols], dtype=object)
    first = True
    for start in range(0, len(cube.marks), BLOCK):
        marks = cube.marks[start:start + BLOCK]
        where = np.flatnonzero(marks != cube.symbols.index(ABSENT))
        for i, mark in zip((where + start).tolist(), marks[where].tolist(), strict=True):
            yield ("" if first else ", ") + f'"{i}": {symbols[mark]}'
            first = False
