"""SDMX-CSV 2.0: the dataset as SDMX tools (the IMF's among them) read it.

One line an observation: a table of several number columns (CPI's four indices) gives one
observation per (period, indicator), the indicator a dimension (``INDICATOR``) and the
value in the one measure ``OBS_VALUE``. The structure is declared by the first three
columns (``STRUCTURE``, ``STRUCTURE_ID``, ``ACTION``); then the dimensions (each code column
by its id in capitals, ``TIME_PERIOD``, ``INDICATOR``), the measure, and the attributes:
``OBS_STATUS`` (the table's own symbol where a value is missing), ``UNIT_MEASURE`` (the
unit, in Vietnamese), ``DECIMALS``, ``COMPLETENESS`` (which release the figure belongs to)
and the names of the codes (``TEN`` beside ``MA``). A cell the table has no row for has no
line: SDMX data need not be a full cube.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import repeat
from pathlib import Path

import numpy as np
import numpy.typing as npt

from generator.outputs.datasets.exchange.cube import MEASURE, Cube, Dimension, number_texts

BLOCK = 10_000  # cells (rows of the table) written at a time: their lines are Python text
TIME = "TIME_PERIOD"
INDICATOR = "INDICATOR"
COMPLETENESS = "COMPLETENESS"
AGENCY = "PHOBIEN"
ACTION = "I"  # information: the whole dataset as it stands, not a change to apply


def structure_id(dataset_id: str) -> str:
    """The dataflow's SDMX reference: ids are letters, digits and underscores.

    >>> structure_id("cpi-thang")
    'PHOBIEN:CPI_THANG(1.0)'
    """
    return f"{AGENCY}:{sdmx_id(dataset_id)}(1.0)"


def sdmx_id(name: str) -> str:
    return name.upper().replace("-", "_")


def sdmx_period(code: str) -> str:
    """A period as SDMX writes it: ``2026-Q3``, ``2026-S1`` for a half, ``2026-11``.

    >>> sdmx_period("2026-q3"), sdmx_period("2026-h1"), sdmx_period("2026-11")
    ('2026-Q3', '2026-S1', '2026-11')
    """
    return code.upper().replace("-H", "-S")


def period_of(text: str) -> str:
    """The catalog's period back from its SDMX form (what the verification reads).

    >>> period_of("2026-Q3"), period_of("2026-S1"), period_of("2026-9M")
    ('2026-q3', '2026-h1', '2026-9m')
    """
    return text.lower().replace("-s", "-h")


def header(cube: Cube) -> list[str]:
    dims = cube.dimensions
    names = [TIME if d.role == "time" else INDICATOR if d.id == MEASURE else sdmx_id(d.id)
             for d in dims]
    levels = [COMPLETENESS] if cube.dataset.completeness is not None else []
    extra = [sdmx_id(d.named.id) for d in dims if d.named is not None]
    return ["STRUCTURE", "STRUCTURE_ID", "ACTION", *names, "OBS_VALUE", "OBS_STATUS",
            "UNIT_MEASURE", "DECIMALS", *levels, *extra]


def write_sdmx(cube: Cube, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(header(cube))
        for rows in _rows(cube):
            out.writerows(rows)


def _rows(cube: Cube) -> Iterator[Iterator[tuple[str, ...]]]:
    """A block of cells' lines at a time, each column built by numpy, not per line."""
    dims = cube.dimensions[:-1]
    measures = cube.measures
    width = len(measures)
    sizes = [len(d.codes) for d in dims]
    fixed = ["dataflow", structure_id(cube.dataset.id), ACTION]
    units = np.array([c.unit.get("vi") if c.unit else "" for c in measures], dtype=object)
    decimals = np.array([str(cube.decimals[c.id]) for c in measures], dtype=object)
    ids = np.array([c.id for c in measures], dtype=object)
    symbols = np.array(cube.symbols, dtype=object)
    for start in range(0, len(cube.present), BLOCK):
        cells = np.flatnonzero(cube.present[start:start + BLOCK]) + start
        if not len(cells):
            continue
        places = np.unravel_index(cells, sizes)
        columns: list[npt.NDArray[np.object_]] = []
        for d, place in zip(dims, places, strict=True):
            codes = [sdmx_period(c) for c in d.codes] if d.role == "time" else d.codes
            columns.append(np.repeat(np.array(codes, dtype=object)[place], width))
        columns.append(np.tile(ids, len(cells)))
        where = (cells[:, None] * width + np.arange(width)).ravel()
        columns.append(number_texts(cube.values[where]))
        columns.append(symbols[cube.marks[where]])
        columns.append(np.tile(units, len(cells)))
        columns.append(np.tile(decimals, len(cells)))
        if cube.dataset.completeness is not None:
            columns.append(_levels(dims, places, width))
        for d, place in zip(dims, places, strict=True):
            if d.named is not None:
                columns.append(np.repeat(np.array(d.labels["vi"], dtype=object)[place], width))
        count = len(where)
        yield zip(*(repeat(f, count) for f in fixed), *(c.tolist() for c in columns),
                  strict=False)


def _levels(dims: list[Dimension], places: tuple[npt.NDArray[np.intp], ...],
            width: int) -> npt.NDArray[np.object_]:
    """Each observation's completeness: its period's."""
    for d, place in zip(dims, places, strict=True):
        if d.role == "time":
            by_period = np.array([d.levels.get(c, "") for c in d.codes], dtype=object)
            return np.repeat(by_period[place], width)
    return np.full(len(places[0]) * width, "", dtype=object)
