"""The test helper that compares Dash component trees as data (type, props, children), not as flattened text."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from dash import dcc, html

from tests.helpers import assert_component_equal, component_data


def _card(value: str = "15.9%", *, order: tuple[int, int] = (0, 1), css: str = "card") -> html.Section:
    lines = [html.Li("早期健全化基準 25.0%"), html.Li("財政再生基準 35.0%")]
    return html.Section(
        [
            html.H3("実質公債費比率", className="card-title"),
            html.P(value, className="card-value"),
            html.Ul([lines[i] for i in order], className="threshold-list"),
            dcc.Link("詳しく", href="/indicators?m=012149"),
        ],
        id="card",
        className=css,
    )


def test_equal_trees_pass():
    assert_component_equal(_card(), _card())
    assert_component_equal([_card(), "text", None], (_card(), "text", None))  # a list and a tuple are the same data


def test_a_changed_prop_fails_and_the_message_shows_it():
    with pytest.raises(AssertionError) as failure:
        assert_component_equal(_card(), _card(css="card ratio-card"))
    assert '-  "className": "card",' in str(failure.value) and '+  "className": "card ratio-card",' in str(
        failure.value
    )


def test_a_changed_text_fails():
    with pytest.raises(AssertionError, match=r"15\.9%"):
        assert_component_equal(_card(), _card("16.0%"))


def test_a_changed_child_order_fails():
    with pytest.raises(AssertionError):
        assert_component_equal(_card(), _card(order=(1, 0)))


def test_a_different_component_type_fails():
    with pytest.raises(AssertionError, match='"type": "Div"'):
        assert_component_equal(html.P("a", className="x"), html.Div("a", className="x"))
    with pytest.raises(AssertionError):  # same name, other library
        assert_component_equal(html.Link(href="/a"), dcc.Link(href="/a"))


def test_a_missing_or_extra_child_fails():
    with pytest.raises(AssertionError):
        assert_component_equal(html.P(["a", html.Br()]), html.P(["a"]))
    with pytest.raises(AssertionError):  # one text child is not a list of one text
        assert_component_equal(html.P("a"), html.P(["a"]))


def test_keys_to_strip_drops_those_props_at_every_level():
    left = html.Div([html.P("a", id="p1", className="x", style={"color": "red"})], id="outer")
    right = html.Div([html.P("a", id="p2", className="x")], id="other")
    with pytest.raises(AssertionError):
        assert_component_equal(left, right)
    assert_component_equal(left, right, keys_to_strip={"id", "style"})
    with pytest.raises(AssertionError):  # only the named props go
        assert_component_equal(left, html.Div([html.P("a", id="p1", className="y")]), keys_to_strip={"id", "style"})


def test_keys_of_plain_dicts_inside_a_prop_are_kept():
    left = dcc.Graph(id="g", figure={"data": [{"id": 1}], "layout": {}})
    right = dcc.Graph(id="h", figure={"data": [{"id": 2}], "layout": {}})
    with pytest.raises(AssertionError):
        assert_component_equal(left, right, keys_to_strip={"id"})


def test_wildcard_attributes_and_dict_ids_are_compared():
    left = html.Button("copy", id={"type": "t", "index": "a"}, **{"data-copy": "/a", "aria-label": "copy"})
    assert_component_equal(
        left, html.Button("copy", id={"type": "t", "index": "a"}, **{"data-copy": "/a", "aria-label": "copy"})
    )
    with pytest.raises(AssertionError):
        assert_component_equal(
            left, html.Button("copy", id={"type": "t", "index": "a"}, **{"data-copy": "/b", "aria-label": "copy"})
        )


def test_values_are_compared_as_the_browser_receives_them():
    assert component_data(html.Span([np.int64(3), Decimal("1.5"), float("nan")])) == {
        "type": "Span",
        "namespace": "dash_html_components",
        "props": {"children": [3, 1.5, None]},
    }
    assert_component_equal(
        dcc.Graph(figure={"data": [{"y": np.array([1, 2])}]}), dcc.Graph(figure={"data": [{"y": [1, 2]}]})
    )
