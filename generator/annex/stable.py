"""The same inputs, the same bytes: a DOCX or XLSX file repacked with fixed zip entries
(the annex, its notices, and the catalog workbook of ``generator/workbook/export.py``).

python-docx and openpyxl write each zip member with the time of writing, and openpyxl
stamps the workbook's "modified" property with it as well: two runs on one catalog would
differ. The documents carry the moment they are about instead (the approval's date, an
adjustment's announcement), set by their writers in the core properties.
"""

from __future__ import annotations

import io
import re
import zipfile

# 1980-01-01, the zip format's first day, as generator/outputs/datasets/xlsx.py uses.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)</dcterms:created>")


def repack(data: bytes) -> bytes:
    """``data`` (a zip) with every member's date fixed, in the order written, and the
    "modified" property set to the "created" one."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                created = _CREATED.search(body)
                if created:
                    body = _MODIFIED.sub(rb"\g<1>" + created[1] + rb"\g<2>", body)
            entry = zipfile.ZipInfo(item.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # "Unix" whatever the machine
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()
