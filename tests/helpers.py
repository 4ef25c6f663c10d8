"""Small accessors for tests: one figure out of the loaded data, failing loudly if it is not exactly one."""

from __future__ import annotations

import pandas as pd


def rows(ds, table: str, **filters: object) -> pd.DataFrame:
    """Rows of ``table`` matching every ``column=value`` filter."""
    frame = ds[table]
    mask = pd.Series(True, index=frame.index)
    for column, value in filters.items():
        mask &= frame[column] == value
    return frame[mask]


def one(ds, table: str, column: str = "amount_thousand_yen", **filters: object):
    """The single value of ``column`` in the one row matching ``filters``."""
    found = rows(ds, table, **filters)
    assert len(found) == 1, f"{table} {filters}: {len(found)} rows"
    value = found.iloc[0][column]
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value
