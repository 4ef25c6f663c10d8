"""The foreign keys checked across the project's files (also written into ``datapackage.json``)."""

from __future__ import annotations

from finance.schemas.seed import SPECS

# Foreign keys checked across files: (file, columns) -> (referenced file, columns)
FOREIGN_KEYS: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...] = tuple(
    [
        (s.name, ("municipality_code",), "municipalities", ("municipality_code",))
        for s in SPECS
        if s.name not in ("sources", "municipalities") and "municipality_code" in s.column_names
    ]
    + [
        (s.name, ("source_id",), "sources", ("source_id",))
        for s in SPECS
        if s.name != "sources" and "source_id" in s.column_names
    ]
    + [
        (s.name, ("municipality_code", "account"), "accounts", ("municipality_code", "account"))
        for s in SPECS
        if "account" in s.column_names and s.name not in ("accounts", "discrepancies")
    ]
    + [
        ("settlement", ("item",), "items", ("item",)),
        ("enterprise", ("item",), "enterprise_items", ("item",)),
        ("operating_stats", ("item",), "enterprise_items", ("item",)),
        ("ratios", ("indicator",), "indicators", ("indicator",)),
        ("ratio_components", ("indicator",), "indicators", ("indicator",)),
        ("components", ("indicator",), "indicators", ("indicator",)),
        ("thresholds", ("indicator",), "indicators", ("indicator",)),
    ]
)
