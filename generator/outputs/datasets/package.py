"""The Frictionless Data Package that describes a dataset's CSV.
"""

from __future__ import annotations

from typing import Any

from generator.catalog.load import Dataset
from generator.outputs.datasets.built import Download

TABLE_SCHEMA_TYPES = {
    "string": "string",
    "code": "string",
    "period": "string",
    "completeness": "string",
    "integer": "integer",
    "number": "number",
    "date": "date",
}


def datapackage(dataset: Dataset, csv_file: Download, context: dict[str, str]) -> dict[str, Any]:
    """A Frictionless Data Package describing the CSV with a Table Schema."""
    symbols = dataset.missing_symbols()
    fields = []
    for column in dataset.columns:
        spec: dict[str, Any] = {
            "name": column.id,
            "title": column.label.get("vi"),
            "type": TABLE_SCHEMA_TYPES[column.type],
            "description": " / ".join(
                x
                for x in (
                    column.label.get("en"),
                    column.unit.get("vi") if column.unit else "",
                    column.note.get("vi") if column.note else "",
                )
                if x
            ),
        }
        if column.type == "date":
            spec["format"] = "%Y-%m-%d"
        fields.append(spec)
    return {
        "profile": "tabular-data-package",
        "name": dataset.id,
        "title": dataset.title.get("vi"),
        "description": dataset.description.get("vi"),
        "resources": [
            {
                "name": dataset.id,
                "path": csv_file.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv_file.size,
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": {
                    "fields": fields,
                    "missingValues": ["", *symbols],
                },
            }
        ],
        "phobien": {
            "title_en": dataset.title.get("en"),
            "description_en": dataset.description.get("en"),
            "missing": {s: {"vi": m.get("vi"), "en": m.get("en")} for s, m in symbols.items()},
            "neutralised": "Text cells starting with = + - @ carry a leading apostrophe.",
            **context,
        },
    }
