"""``data/datapackage.json``: the Frictionless Data Package descriptor, generated from the specs."""

from __future__ import annotations

from typing import Any

from finance.schemas.foreign_keys import FOREIGN_KEYS
from finance.schemas.kinds import CODE6
from finance.schemas.seed import SPECS


def datapackage() -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the data folder, generated from :data:`SPECS`."""
    resources = []
    for spec in SPECS:
        fields = []
        for col in spec.columns:
            fld: dict[str, Any] = {"name": col.name, "type": col.kind.frictionless_type}
            if col.title_ja:
                fld["title"] = col.title_ja
            if col.description:
                fld["description"] = col.description
            constraints: dict[str, Any] = {"required": col.required}
            if col.allowed:
                constraints["enum"] = list(col.allowed)
            if col.kind is CODE6:
                constraints["pattern"] = r"\d{6}"
            fld["constraints"] = constraints
            fields.append(fld)
        schema: dict[str, Any] = {"fields": fields, "primaryKey": list(spec.key), "missingValues": [""]}
        fks = [
            {"fields": list(cols), "reference": {"resource": ref, "fields": list(ref_cols)}}
            for name, cols, ref, ref_cols in FOREIGN_KEYS
            if name == spec.name
        ]
        if fks:
            schema["foreignKeys"] = fks
        resources.append(
            {
                "name": spec.name.replace("_", "-"),
                "path": spec.path,
                "title": spec.title_ja,
                "description": spec.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "mieruka-settlements",
        "title": "Mieruka 市町村決算データ",
        "description": "Settlement (決算) figures of Japanese municipalities transcribed from published documents, "
        "with provenance. "
        "Amounts in thousand yen; empty cells are missing, never zero.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }
