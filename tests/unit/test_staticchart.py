"""Static SVG charts of the first view: every value of the figure drawn, its thresholds and labels, nothing
invented, text escaped — from the same figures the interactive charts show."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from dash import dcc

from layouts import figurekit, staticchart
from web import figurekit as kit_routes

SVG = "{http://www.w3.org/2000/svg}"


def _figures(dash_app, page: str, code: str, year: int) -> list[dict]:
    with dash_app.server.test_request_context():
        tree = kit_routes.page_tree(page, code, year, "total", "ja")
    graphs = [n for n in figurekit.walk(tree) if isinstance(n, dcc.Graph)]
    return [g.figure if isinstance(g.figure, dict) else g.figure.to_plotly_json() for g in graphs]


def _svg(figure: dict) -> ET.Element:
    markup = staticchart.svg(figure)
    return ET.fromstring(markup[: markup.index("</svg>") + 6])


def test_the_overview_trend_draws_one_bar_per_published_value_with_the_years_as_labels(dash_app):
    figure = _figures(dash_app, "overview", "012149", 2013)[0]
    root = _svg(figure)
    values = [v for trace in figure["data"] if trace["type"] == "bar" for v in trace["y"] if v is not None]
    assert len(values) == 16  # 歳入 and 歳出 for 8 years (H11 … R1)
    assert len(root.findall(f"{SVG}rect")) == len(values)
    ticks = [t.text for t in root.findall(f"{SVG}text") if "tick" in (t.get("class") or "")]
    assert ticks == ["H11", "H16", "H21", "H22", "H23", "H24", "H25", "R1"]
    assert int(root.get("height")) + staticchart.LEGEND_ROW == figure["layout"]["height"]  # nothing moves later
    legend = staticchart.svg(figure)[staticchart.svg(figure).index("</svg>") :]
    assert "歳入" in legend and "歳出" in legend


def test_bar_heights_follow_the_values(dash_app):
    figure = _figures(dash_app, "overview", "012149", 2013)[0]
    rects = _svg(figure).findall(f"{SVG}rect")
    heights = [float(r.get("height")) for r in rects]
    values = [v for trace in figure["data"] if trace["type"] == "bar" for v in trace["y"]]
    by_value = sorted(zip(values, heights, strict=True))
    assert [h for _, h in by_value] == sorted(heights)  # a larger amount is never a shorter bar
    ratio = by_value[-1][1] / by_value[0][1]
    assert abs(ratio - by_value[-1][0] / by_value[0][0]) < 0.01  # bars start at zero: heights are proportional


def test_a_ratio_trend_has_its_legal_lines_and_their_labels(dash_app):
    figure = next(
        f
        for f in _figures(dash_app, "indicators", "012149", 2013)
        if any(s.get("type") == "line" for s in f["layout"].get("shapes") or [])
    )
    root = _svg(figure)
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for note in figure["layout"]["annotations"]:
        if note.get("yref") == "y":
            assert note["text"] in texts
    lines = [e for e in root.findall(f"{SVG}line") if e.get("stroke-dasharray") is not None]
    assert lines  # 早期健全化基準 (dashed) and the 許可 line (dotted)
    points = [v for t in figure["data"] if t["type"] == "scatter" for v in t["y"] if v is not None]
    assert len(root.findall(f"{SVG}circle")) == len(points)


def test_horizontal_bars_carry_their_printed_amounts(dash_app):
    figure = _figures(dash_app, "revenue", "012149", 2013)[1]
    texts = [t.text for t in _svg(figure).iter(f"{SVG}text")]
    assert "77億6,854万円" in texts and "168億8,130万円" in texts
    assert "自主財源" in texts and "依存財源" in texts


def test_missing_values_are_left_out_never_drawn_as_zero():
    figure = {
        "data": [{"type": "bar", "name": "a", "x": [2010, 2011, 2012], "y": [5.0, None, 7.0]}],
        "layout": {"height": 300},
    }
    assert len(_svg(figure).findall(f"{SVG}rect")) == 2


def test_text_is_escaped():
    figure = {
        "data": [{"type": "bar", "orientation": "h", "name": "<b>", "x": [1.0], "y": ["<script>"], "text": ["&"]}],
        "layout": {"height": 200, "showlegend": True},
    }
    markup = staticchart.svg(figure)
    assert "<script>" not in markup and "&lt;script&gt;" in markup and "&amp;" in markup
    assert re.search(r"<li>.*&lt;b&gt;</li>", markup)
