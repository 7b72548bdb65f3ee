"""The bulk download: every public dataset's latest files in one ZIP, with a README.

Deterministic, so that a rebuild with nothing new gives the same bytes and the same
SHA-256 (which the datasets page shows): entries sorted, every timestamp the build's
moment, fixed permissions and host system, a fixed compression method per kind of
file. Files are streamed into the archive block by block, so memory stays flat however
large a dataset is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import i18n
from generator.catalog.load import Catalog
from generator.catalog.model import STANDARD_MISSING, Text
from generator.outputs.datasets.built import Built, DatasetBuild
from generator.words.site import BULK as WORDS
from generator.words.site import BULK_FORMATS as FORMATS

# A regular file, rw-r--r--, as recorded by a Unix zip: the same whoever builds it.
FILE_ATTRIBUTES = (0o100644 & 0xFFFF) << 16
UNIX = 3
ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest moment a ZIP entry can carry
BLOCK = 1 << 20
STORED = (".xlsx", ".parquet")



def bulk_zip(
    catalog: Catalog, build: DatasetBuild, target: Path, moment: dt.datetime
) -> tuple[int, str]:
    """Write ``target``: ``README.txt`` and ``<dataset>/<file>`` for every public dataset's
    latest files. Returns the ZIP's size and SHA-256.

    Written under a temporary name and renamed, so that ``target`` is never half a file.
    """
    local = moment.astimezone(catalog.site.zone) if moment.tzinfo else moment
    stamp = max(local.replace(tzinfo=None), ZIP_EPOCH).timetuple()[:6]
    datasets = _public(catalog, build)
    entries: dict[str, Path | bytes] = {"README.txt": readme(catalog, datasets, local)}
    for built in datasets:
        for download in built.downloads:
            entries[f"{built.dataset.id}/{download.name}"] = built.directory / download.name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name in sorted(entries):
                _add(archive, name, entries[name], stamp)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target.stat().st_size, _sha256(target)


def _public(catalog: Catalog, build: DatasetBuild) -> list[Built]:
    """The latest files of public products only: a caller handing over the wrong catalog
    still puts nothing on request or restricted into the archive."""
    public = {p.id for p in catalog.products if p.access == "public"}
    return [b for _, b in sorted(build.latest.items()) if b.dataset.product in public]


def _add(
    archive: zipfile.ZipFile,
    name: str,
    content: Path | bytes,
    stamp: tuple[int, int, int, int, int, int],
) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    # XLSX is a zip already and Parquet is compressed per page: deflating them again
    # gains nothing and was most of the archive's cost.
    info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
    info.create_system = UNIX
    info.external_attr = FILE_ATTRIBUTES
    if isinstance(content, bytes):
        archive.writestr(info, content)
        return
    # The expected size decides whether the entry needs ZIP64 before any byte is written.
    info.file_size = content.stat().st_size
    with content.open("rb") as source, archive.open(info, "w") as sink:
        shutil.copyfileobj(source, sink, BLOCK)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


# --- README ----------------------------------------------------------------------------


def readme(catalog: Catalog, datasets: list[Built], moment: dt.datetime) -> bytes:
    """What the archive holds, in every site language, one after the other.

    CRLF line ends and a byte-order mark, like the CSV files: Windows Notepad, which
    many offices still open a .txt with, then shows the Vietnamese letters right.
    """
    sections = ["\n".join(_section(catalog, datasets, moment, lg)) for lg in catalog.site.languages]
    text = ("\n\n" + "=" * 72 + "\n\n").join(sections) + "\n"
    return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")




def _section(
    catalog: Catalog, datasets: list[Built], moment: dt.datetime, lang: str
) -> Iterator[str]:
    def w(key: str, **params: object) -> str:
        return WORDS[key][lang].format(**params)

    yield catalog.site.office.name.get(lang)
    yield w("title")
    yield ""
    when = f"{i18n.format_date(moment.date(), lang)} {i18n.format_time(moment, lang)}"
    yield w("date", when=f"{when} ({catalog.site.timezone})")
    yield w("inside", formats=FORMATS[lang])
    yield ""
    yield w("list") + ":"
    if not datasets:
        yield "  " + w("none")
    standard = {s: Text(**m) for s, m in STANDARD_MISSING.items()}
    for built in datasets:
        ds = built.dataset
        rows = w("rows", n=i18n.format_number(built.rows, lang))
        yield f"- {ds.id}/  {ds.title.get(lang)} ({rows})"
        # Most datasets use the standard symbols, listed once below; only a dataset's
        # own symbols are listed beside it, so that no reader applies the wrong meaning.
        if ds.missing_symbols() != standard:
            yield f"    {w('own')}:"
            for symbol, meaning in ds.missing_symbols().items():
                yield f"      {symbol:<4} {meaning.get(lang)}"
    if not any(b.dataset.missing_symbols() == standard for b in datasets):
        return
    yield ""
    yield w("symbols") + ":"
    for symbol, meaning in standard.items():
        yield f"  {symbol:<4} {meaning.get(lang)}"


BULK_NAME = "datasets/all.zip"


@dataclass(frozen=True)
class Bulk:
    """The one-file download of every dataset, as the pages show it."""

    name: str  # address below the site root
    size: int
    sha256: str
    date: dt.date
    path: Path  # the file on disk


def publish_bulk(
    catalog: Catalog, build: DatasetBuild, work_dir: Path, moment: dt.datetime
) -> Bulk | None:
    """The bulk zip for this build, made once per distinct content and moment (cached)."""
    if not build.latest:
        return None
    digest = hashlib.sha256(moment.isoformat().encode())
    for dataset_id in sorted(build.latest):
        for download in build.latest[dataset_id].downloads:
            digest.update(f"{dataset_id}/{download.name}:{download.sha256}".encode())
    folder = work_dir / "bulk" / digest.hexdigest()[:32]
    info = folder / "bulk.json"
    if not info.is_file():
        staging = folder.with_name(folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        size, sha = bulk_zip(catalog, build, staging / "all.zip", moment)
        (staging / "bulk.json").write_text(json.dumps({"size": size, "sha256": sha}))
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    data = json.loads(info.read_text())
    return Bulk(BULK_NAME, data["size"], data["sha256"], moment.date(), folder / "all.zip")
