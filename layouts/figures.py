"""All Plotly figures, built with graph_objects, and the one template that gives them their look.

Builders are pure: tidy DataFrames (from ``finance.queries``) and a locale in, ``go.Figure`` out.
Missing years stay gaps (no bar), never zero; the x axis is numeric so non-contiguous years are spaced truthfully.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from finance import formatting
from finance.text import t

TEMPLATE = "mieruka"
# Okabe–Ito colours: distinguishable with colour-vision deficiencies; paired with patterns and labels.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
FONT = "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, system-ui, sans-serif"

pio.templates[TEMPLATE] = go.layout.Template(
    layout={
        "font": {"family": FONT, "size": 16, "color": "#1a1a1a"},
        "colorway": PALETTE,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"t": 24, "r": 16, "b": 56, "l": 64},
        "hoverlabel": {"font": {"size": 16, "family": FONT}},
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "xaxis": {"showgrid": False, "linecolor": "#595959", "ticks": "outside"},
        "yaxis": {"gridcolor": "#d9d9d9", "zerolinecolor": "#595959"},
        "bargap": 0.25,
    }
)

GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def empty(message: str) -> go.Figure:
    """A blank figure that says why it is blank."""
    fig = go.Figure()
    fig.update_layout(
        template=TEMPLATE,
        xaxis={"visible": False},
        yaxis={"visible": False},
        height=200,
        annotations=[
            {
                "text": message,
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "font": {"size": 16},
            }
        ],
    )
    return fig


def totals_bar(series: pd.DataFrame, *, locale: str) -> go.Figure:
    """Revenue and expenditure by fiscal year (億円), one bar pair per year that has data.

    Args:
        series: columns ``fiscal_year``, ``revenue``, ``expenditure`` (千円; missing = NA).
        locale: ``"ja"`` or ``"en"`` for labels and number formats.
    """
    if series.empty:
        return empty(t("common.no_data", locale))
    years = [int(y) for y in series["fiscal_year"]]
    labels = [formatting.fiscal_year_label(y, "ja", "short") if locale == "ja" else str(y) for y in years]
    fig = go.Figure()
    for column, name_key, pattern in (
        ("revenue", "overview.legend_revenue", ""),
        ("expenditure", "overview.legend_expenditure", "/"),
    ):
        values = series[column]
        present = values.notna()
        fig.add_trace(
            go.Bar(
                x=[y for y, p in zip(years, present, strict=True) if p],
                y=[int(v) / 100_000 for v in values[present]],
                name=t(name_key, locale),
                marker_pattern_shape=pattern,
                customdata=[formatting.yen_oku_man(int(v), locale=locale) for v in values[present]],
                hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        barmode="group",
        height=360,
        yaxis_title=t("overview.axis_amount", locale),
        separators=".,",
    )
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=labels, range=[min(years) - 0.7, max(years) + 0.7])
    return fig
