"""Small helpers for tests: one figure out of the loaded data (failing loudly if it is not exactly one), and Dash
component trees compared as data."""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection

import pandas as pd
import plotly
from dash.development.base_component import Component


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


def component_data(tree: object, keys_to_strip: Collection[str] = frozenset()) -> object:
    """A Dash component tree as plain data: each component a ``{"type", "namespace", "props"}`` dict (its
    ``to_plotly_json()``, props in name order), its children and component-valued props likewise, lists for lists
    and tuples.

    ``keys_to_strip``: prop names dropped from every component of the tree (``id``, ``className``, ``style``…); the
    keys of plain dicts inside a prop (a figure, a style) are kept. Leaf values go through plotly's JSON encoder, so
    numpy arrays, ``Decimal`` and NaN compare as the browser would receive them.
    """
    if isinstance(tree, Component):
        data = tree.to_plotly_json()
        props = data["props"]
        return {
            "type": data["type"],
            "namespace": data["namespace"],
            "props": {
                key: component_data(props[key], keys_to_strip) for key in sorted(props) if key not in keys_to_strip
            },
        }
    if isinstance(tree, (list, tuple)):
        return [component_data(item, keys_to_strip) for item in tree]
    if isinstance(tree, dict):
        return {key: component_data(value, keys_to_strip) for key, value in tree.items()}
    return json.loads(json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder))


def assert_component_equal(left: object, right: object, *, keys_to_strip: Collection[str] = frozenset()) -> None:
    """Assert that two Dash component trees (or lists of components and texts) are the same as data.

    Both are compared as :func:`component_data`: the same component types, in the same order, with the same props
    (``keys_to_strip`` left out at every level) and the same texts. On a difference the message is a unified diff
    of the two trees as indented JSON, one value a line.
    """
    left_data = component_data(left, keys_to_strip)
    right_data = component_data(right, keys_to_strip)
    if left_data == right_data:
        return
    diff = difflib.unified_diff(
        json.dumps(left_data, indent=1, ensure_ascii=False).splitlines(),
        json.dumps(right_data, indent=1, ensure_ascii=False).splitlines(),
        fromfile="left",
        tofile="right",
        lineterm="",
        n=6,
    )
    raise AssertionError("component trees differ:\n" + "\n".join(diff))
