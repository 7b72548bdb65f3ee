"""The exchange formats: PX for PxWeb, JSON-stat 2.0 and SDMX-CSV 2.0, written from a
dataset's finished latest files (``cube``) once the other formats are closed, so that a
big table is never held in two shapes at once."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from generator.catalog.load import Dataset
from generator.catalog.model import Text
from generator.outputs.datasets.built import Download
from generator.outputs.datasets.exchange.cube import NotACube, read_cube
from generator.outputs.datasets.exchange.jsonstat import write_jsonstat
from generator.outputs.datasets.exchange.px import write_px
from generator.outputs.datasets.exchange.sdmx import write_sdmx
from generator.problems import Problem

log = logging.getLogger("phobien")

# format → the file's name after the dataset's id
SUFFIXES = {"px": ".px", "jsonstat": ".jsonstat.json", "sdmx": ".sdmx.csv"}


def write_exchange(dataset: Dataset, directory: Path, decimals: dict[str, int], carried: int,
                   office: Text, moment: dt.datetime | None, zone: dt.tzinfo,
                   lang: str = "vi") -> list[Download]:
    """The three files beside the others in ``directory``; none for a table that is not a
    cube (a list of things, keyed by a free text), which the log says in ``lang``: a
    notice, since the dataset's other files are as good as ever."""
    from generator.outputs.datasets.writers import _download

    try:
        cube = read_cube(dataset, directory, decimals, carried)
    except NotACube as exc:
        notice = Problem("not-a-cube", f"catalog/datasets/{dataset.id}.yml", field="columns",
                         params={"reason": exc.words()})
        log.warning("%s", notice.format(lang))
        return []
    names = {fmt: dataset.id + suffix for fmt, suffix in SUFFIXES.items()}
    write_px(cube, directory / names["px"], office, moment, zone)
    write_jsonstat(cube, directory / names["jsonstat"], office, moment, zone)
    write_sdmx(cube, directory / names["sdmx"])
    return [_download(directory, fmt, name) for fmt, name in names.items()]
