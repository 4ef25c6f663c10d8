"""The pandera schema of a file: every text cell checked by its column's kind, required cells not empty."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

from finance.schemas.columns import TableSpec


def _by_unique_value(check: Callable[[str], bool]) -> Callable[[pd.Series], pd.Series | bool]:
    """A vectorised pandera check: the text rule runs once per distinct value, not once per cell.

    Data files repeat most values (codes, units, sources), so a national file of millions of cells is checked
    in well under a second per column. Empty cells pass here; the ``required`` check rejects them.
    """

    def run(series: pd.Series) -> pd.Series | bool:
        bad = [value for value in pd.unique(series.to_numpy(dtype=object)) if value != "" and not check(value)]
        return ~series.isin(bad) if bad else True  # a scalar True passes the whole column at once

    return run


def _not_empty(series: pd.Series) -> pd.Series | bool:
    """Required cells: checked on the distinct values first, cell by cell only when an empty one exists."""
    if "" not in set(pd.unique(series.to_numpy(dtype=object))):
        return True
    return series != ""


def pandera_schema(spec: TableSpec) -> pa.DataFrameSchema:
    """A pandera schema checking the text cells of ``spec`` (all columns read as ``str``).

    Each check's ``error`` is ``"<kind message key>"`` so that failures map to catalog messages.
    """
    columns: dict[str, pa.Column] = {}
    for col in spec.columns:
        checks = [pa.Check(_by_unique_value(col.kind.check), error=col.kind.message)]
        if col.required:
            checks.insert(0, pa.Check(_not_empty, error="required"))
        columns[col.name] = pa.Column(None, checks=checks, nullable=True, required=True)  # cells are text, never NaN
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=False,  # duplicate keys are found by the loader with integer row keys
    )
