"""Static parts of a page as one component each: the HTML is escaped and faithful, live parts stay components, and
the server keeps the same Python tree for its own readers."""

from __future__ import annotations

import json

from dash import dcc, html

from layouts import figurekit, ids, statichtml
from tests.helpers import assert_component_equal


def _components(payload: object) -> list[str]:
    """The component types in a callback's JSON, as the browser's renderer would mount them."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "namespace" in value and "type" in value:
                found.append(str(value["type"]))
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(payload)
    return found


def _json(tree: object) -> object:
    import plotly

    return json.loads(json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder))


def test_text_and_attributes_are_escaped_and_written_with_their_html_names():
    node = html.Div(
        [
            html.P(["1 < 2 & ", html.Strong('"3"'), " <script>alert(1)</script>"], className="note"),
            html.Td("a", colSpan=2, style={"fontSize": 16, "lineHeight": 1.5, "textAlign": "right"}),
            html.Details([html.Summary("s")], open=True),
            html.Br(),
            html.A("x", href='/p?a=1&b="2"', **{"aria-label": "<x>", "data-key": "k"}),
        ]
    )
    assert statichtml.inner_html(node) == (
        '<p class="note">1 &lt; 2 &amp; <strong>&#34;3&#34;</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>'
        '<td colspan="2" style="font-size:16px;line-height:1.5;text-align:right">a</td>'
        "<details open><summary>s</summary></details>"
        "<br>"
        '<a aria-label="&lt;x&gt;" data-key="k" href="/p?a=1&amp;b=&#34;2&#34;">x</a>'
    )


def test_numbers_are_written_as_the_browser_writes_them():
    assert statichtml.outer_html(html.Span([1.0, " ", 2.5, " ", 3])) == "<span>1 2.5 3</span>"


def test_a_dictionary_id_is_written_as_dash_writes_it():
    assert statichtml.dom_id({"type": "t", "index": "a/b"}) == '{"index":"a/b","type":"t"}'
    assert statichtml.dom_id({"type": "t", "index": "収入"}) == '{"index":"収入","type":"t"}'


def test_live_parts_stay_components_and_static_parts_become_one_each():
    live_graph = dcc.Graph(id="g", figure={})
    table = html.Table([html.Tr([html.Td(str(i)) for i in range(50)]) for _ in range(20)])
    tree = [
        html.Section([html.H2("title"), live_graph, html.Div([table], className="table-scroll")]),
        html.Div([html.Span("kept live")], id=ids.OVERVIEW_SENTENCE),  # an id a callback may address
        html.Div([html.Span("pattern")], id={"type": "other-pattern", "index": 1}),
        html.Div([html.A("csv", href="/x", id={"type": ids.DOWNLOAD_LINK, "index": "k-csv"})]),
    ]
    frozen = statichtml.freeze(tree)
    assert_component_equal(
        frozen,
        [
            html.Section(  # an element holding only text gains nothing: left as it is; so is the live graph
                [html.H2("title"), dcc.Graph(id="g", figure={}), statichtml.StaticHtml(tree[0].children[2])]
            ),
            html.Div([html.Span("kept live")], id=ids.OVERVIEW_SENTENCE),  # addressed: kept, with its children
            html.Div([html.Span("pattern")], id={"type": "other-pattern", "index": 1}),  # a pattern id: kept too
            statichtml.StaticHtml(tree[3]),  # a document-only id does not keep its block live
        ],
    )
    payload = _json(frozen)
    assert _json(tree) != payload and len(_components(_json(tree))) > 1000  # the original is left as it was
    # a document-only id is written into the HTML the way Dash writes it, so scripts and tests find it
    link_block = payload[3]
    assert link_block["type"] == "StaticHtml" and link_block["props"]["tag"] == "div"
    assert (
        'id="{&#34;index&#34;:&#34;k-csv&#34;,&#34;type&#34;:&#34;tools-download-link&#34;}"'
        in (link_block["props"]["html"])
    )
    # the server's readers walk the same Python objects as before
    assert any(node is table for node in figurekit.walk(frozen))


def test_the_root_element_keeps_the_props_react_needs():
    node = html.Div([html.Table([html.Tr(html.Td("1"))])], className="table-scroll", tabIndex="0", role="region")
    payload = _json(statichtml.StaticHtml(node))
    assert payload == {
        "type": "StaticHtml",
        "namespace": "mieruka",
        "props": {
            "tag": "div",
            "attributes": {"className": "table-scroll", "role": "region", "tabIndex": "0"},
            "html": "<table><tr><td>1</td></tr></table>",
        },
    }


def test_no_callback_addresses_a_document_only_id(dash_app):
    addressed: set[str] = set()
    for key, spec in dash_app.callback_map.items():
        for item in [*spec["inputs"], *spec.get("state", [])]:
            addressed.add(str(item["id"]))
        addressed.update(part for part in key.strip(".").split("...") if part)
    text = " ".join(addressed)
    for kind in statichtml.DOCUMENT_ONLY:
        assert kind not in text
