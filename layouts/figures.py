"""All Plotly figures, built with graph_objects, and the one template that gives them their look.

Builders are pure: tidy DataFrames (from ``finance.queries``) and a locale in, ``go.Figure`` out.
Missing years stay gaps (no bar), never zero; the x axis is numeric so non-contiguous years are spaced truthfully.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from finance import formatting
from finance.text import is_japanese, t

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


PHONE_PLOT_PX = 290
"""The plot width of a chart on a 360 px phone (the narrowest screen the site is made for)."""


def year_ticks(years: list[int], labels: list[str], font_px: float = 16) -> dict[str, object]:
    """Year-axis tick settings whose labels never overlap at 360 px: upright when side by side they would not
    fit the space a year gets on a phone (years sit on a numeric axis, so a cluster of years is as tight as the
    whole span makes it)."""
    per_year = PHONE_PLOT_PX / (max(years) - min(years) + 1.4)
    widest = max((_text_px(part, font_px) for label in labels for part in label.split("<br>")), default=0.0)
    return {"tickangle": -90 if per_year < widest + 6 else 0, "automargin": True}


def one_point_note(locale: str) -> dict[str, object]:
    """The note of a 「推移」 chart with a single year: 「前年の数値は資料にありません」 above the plot."""
    return {
        "text": t("figuredata.one_point", locale),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 1.0,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 14},
    }


def totals_bar(series: pd.DataFrame, *, locale: str) -> go.Figure:
    """Revenue and expenditure by fiscal year (億円), one bar pair per year that has data.

    Args:
        series: columns ``fiscal_year``, ``revenue``, ``expenditure`` (千円; missing = NA).
        locale: ``"ja"`` or ``"en"`` for labels and number formats.
    """
    if series.empty:
        return empty(t("common.no_data", locale))
    years = [int(y) for y in series["fiscal_year"]]
    labels = [formatting.fiscal_year_label(y, "ja", "short") if is_japanese(locale) else str(y) for y in years]
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
    fig.update_xaxes(
        tickmode="array",
        tickvals=years,
        ticktext=labels,
        range=[min(years) - 0.7, max(years) + 0.7],
        **year_ticks(years, labels),
    )
    if len(years) == 1:  # one year is a value, not a trend
        for trace in fig.data:
            trace.update(text=trace.customdata, textposition="outside", cliponaxis=False)
        fig.add_annotation(one_point_note(locale))
    return fig


# ---------------------------------------------------------------------------------------------
# Indicators (健全化判断比率 and related)
# ---------------------------------------------------------------------------------------------

LINE_STYLES = {  # threshold lines: distinguishable by dash pattern and label, not by colour alone
    "caution": {"color": "#8a5300", "dash": "dot"},
    "early": {"color": "#8a5300", "dash": "dash"},
    "management": {"color": "#8a5300", "dash": "dash"},
    "rebuilding": {"color": "#a11d1d", "dash": "solid"},
}


def indicator_trend(
    points: list[tuple[int, float | None, str]],
    lines: list[tuple[str, float, str]],
    *,
    locale: str,
    decimals: int = 1,
    guide_band: tuple[float, float, str] | None = None,
    secondary: tuple[str, list[tuple[int, float | None, str]]] | None = None,
    unit: str = "%",
) -> go.Figure:
    """A published indicator over the years against its threshold lines.

    Args:
        points: ``(year, value, figure_kind)``; ``None`` values («—», missing) are left out, never drawn as 0.
        lines: ``(level, value, label)`` of the thresholds in force (drawn as labelled horizontal lines, the
            zone above the early line lightly shaded).
        locale: ``"ja"`` or ``"en"``.
        decimals: published precision for hover labels.
        guide_band: ``(low, high, label)`` of a guideline band (経常収支比率 70–80 %), labelled as a guideline.
        secondary: ``(label, points)`` of a related series drawn thin and dotted (the single-year values behind
            a three-year average).
        unit: the value axis title (``%``; an index names itself).
    """
    drawn = [(y, v, k) for y, v, k in points if v is not None]
    if not drawn:
        return empty(t("indicators.no_value", locale))
    years = sorted({y for y, _, _ in points} | {y for y, _, _ in (secondary[1] if secondary else [])})
    fig = go.Figure()
    if secondary is not None:
        extra = [(y, v, k) for y, v, k in secondary[1] if v is not None]
        fig.add_trace(
            go.Scatter(
                x=[y for y, _, _ in extra],
                y=[v for _, v, _ in extra],
                mode="lines+markers",
                name=secondary[0],
                line={"color": PALETTE[5], "width": 1.5, "dash": "dot"},
                marker={"size": 7, "symbol": "diamond"},
                hovertemplate=f"%{{y:.{decimals}f}}%<extra>{secondary[0]}</extra>",
            )
        )
    actual = [(y, v) for y, v, k in drawn if k == "決算"]
    later = [(y, v, k) for y, v, k in drawn if k != "決算"]
    fmt = f"%{{y:.{decimals}f}}%"
    if actual:
        fig.add_trace(
            go.Scatter(
                x=[y for y, _ in actual],
                y=[v for _, v in actual],
                mode="lines+markers+text",
                name=t("kind.決算", locale),
                line={"color": PALETTE[0], "width": 3},
                marker={"size": 10},
                text=[f"{v:.{decimals}f}" for _, v in actual],
                textposition="top center",
                hovertemplate=fmt + "<extra>%{x}</extra>",
            )
        )
    if later:
        bridge = [actual[-1]] if actual and actual[-1][0] < later[0][0] else []
        fig.add_trace(
            go.Scatter(
                x=[y for y, _ in bridge] + [y for y, _, _ in later],
                y=[v for _, v in bridge] + [v for _, v, _ in later],
                mode="lines+markers+text",
                name=t("indicators.legend_later", locale),
                line={"color": PALETTE[0], "width": 2, "dash": "dash"},
                marker={"size": 10, "symbol": "circle-open", "line": {"width": 2}},
                text=[""] * len(bridge) + [f"{v:.{decimals}f}" for _, v, _ in later],
                textposition="top center",
                customdata=[""] * len(bridge) + [t(f"kind.{k}", locale) for _, _, k in later],
                hovertemplate=fmt + " %{customdata}<extra>%{x}</extra>",
            )
        )
    top = max([v for _, v, _ in drawn] + [v for _, v, _ in (secondary[1] if secondary else []) if v is not None])
    # threshold lines and bands as plain layout shapes (add_hline/add_hrect validate each call: ~10 ms apiece)
    shapes: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    for level, value, label in lines:
        style = LINE_STYLES.get(level, LINE_STYLES["early"])
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": value,
                "y1": value,
                "line": {"color": style["color"], "dash": style["dash"], "width": 2},
            }
        )
        annotations.append(
            {
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "yref": "y",
                "y": value,
                "yanchor": "bottom",
                "text": label,
                "showarrow": False,
                "font": {"size": 14},
            }
        )
        top = max(top, value)
    early = [v for level, v, _ in lines if level in ("early", "management")]
    if early:
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": early[0],
                "y1": top * 1.15,
                "fillcolor": "#f0b400",
                "opacity": 0.08,
                "line": {"width": 0},
                "layer": "below",
            }
        )
    if guide_band is not None:
        low, high, label = guide_band
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": low,
                "y1": high,
                "fillcolor": PALETTE[2],
                "opacity": 0.10,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "yref": "y",
                "y": low,
                "yanchor": "bottom",
                "text": label,
                "showarrow": False,
                "font": {"size": 14},
            }
        )
        top = max(top, high)
    fig.update_layout(shapes=shapes, annotations=annotations)
    labels = [formatting.fiscal_year_label(y, "ja", "short") if is_japanese(locale) else str(y) for y in years]
    fig.update_layout(
        template=TEMPLATE, height=340, yaxis_title=unit, yaxis_range=[0, top * 1.2], showlegend=bool(later or secondary)
    )
    if len(drawn) > 6:  # many points: only the latest value is written on the chart (all are in the hover and table)
        for trace in fig.data:
            if trace.type == "scatter" and trace.text is not None and len(trace.text):
                trace.meta = {PRINT_TEXT: list(trace.text)}  # print images write every value
                trace.text = [""] * (len(trace.text) - 1) + [trace.text[-1]]
    fig.update_xaxes(
        tickmode="array",
        tickvals=years,
        ticktext=labels,
        range=[min(years) - 0.7, max(years) + 0.7],
        tickfont={"size": 13 if len(years) > 6 else 16},
        **year_ticks(years, labels, 13 if len(years) > 6 else 16),
    )
    if len(drawn) == 1:  # one year is a value, not a trend
        fig.add_annotation(one_point_note(locale))
    return fig


def parts_bar(parts: list[tuple[str, int]], *, locale: str) -> go.Figure:
    """The printed parts of a ratio's numerator as horizontal bars (億円): additions right, deductions left.

    Args:
        parts: ``(label, signed amount in 千円)`` in the printed order; deductions are negative.
        locale: ``"ja"`` or ``"en"``.
    """
    if not parts:
        return empty(t("common.no_data", locale))
    labels = [label for label, _ in parts]
    values = [amount / 100_000 for _, amount in parts]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker={
                "color": [PALETTE[0] if v >= 0 else PALETTE[1] for v in values],
                "pattern": {"shape": ["" if v >= 0 else "/" for v in values]},
            },
            customdata=[formatting.yen_oku_man(a, locale=locale) for _, a in parts],
            hovertemplate="%{customdata}<extra></extra>",
            text=[f"{v:,.1f}" for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        height=80 + 44 * len(parts),
        xaxis_title=t("overview.axis_amount", locale),
        margin={"l": 8, "r": 8, "t": 8, "b": 48},
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


# ---------------------------------------------------------------------------------------------
# Resident pages (revenue, expenditure, funds, debt, staff, enterprises, household, tax use)
# ---------------------------------------------------------------------------------------------

KIND_PATTERNS = {"決算": "", "決算見込": "/", "計画": "x"}  # estimates hatched, plans cross-hatched (and labelled)
KIND_OPACITY = {"決算": 1.0, "決算見込": 0.75, "計画": 0.55}
GROUP_COLOURS = {  # the same group keeps its colour on every page
    "total": "#595959",
    "own_source": PALETTE[0],
    "dependent": PALETTE[1],
    "mixed": PALETTE[6],
    "mandatory": PALETTE[1],
    "investment": PALETTE[2],
    "other": PALETTE[0],
}


def breakdown_bars(
    frame: pd.DataFrame, *, axis_title: str, locale: str, legend: dict[str, str] | None = None
) -> go.Figure:
    """One year's items as horizontal bars (long Japanese labels stay readable on a phone), first item on top.

    Args:
        frame: columns ``label``, ``value`` (float in chart units; NA = missing), ``text`` (the formatted value),
            ``group`` (colour key, may be ""), ``kind`` (決算 / 決算見込 / 計画).
        axis_title: the unit of the value axis (億円, 円, %, 人 …).
        locale: ``"ja"`` or ``"en"``.
        legend: the words of the group colours (``{"own_source": "自主財源", …}``); each colour drawn gets its entry.
    """
    if frame.empty:
        return empty(t("common.no_data", locale))
    present = frame["value"].notna()
    labels = list(frame["label"])
    colours = [GROUP_COLOURS.get(str(g), PALETTE[0]) for g in frame["group"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=[lb for lb, p in zip(labels, present, strict=True) if p],
            x=[float(v) for v in frame.loc[present, "value"]],
            orientation="h",
            marker={
                "color": [c for c, p in zip(colours, present, strict=True) if p],
                "pattern": {"shape": [KIND_PATTERNS.get(str(k), "") for k in frame.loc[present, "kind"]]},
            },
            text=list(frame.loc[present, "text"]),
            textposition="auto",
            insidetextanchor="end",
            cliponaxis=False,
            customdata=list(frame.loc[present, "text"]),
            hovertemplate="%{y}: %{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    _legend_entries(fig, frame.loc[present], legend or {}, locale)
    missing = [lb for lb, p in zip(labels, present, strict=True) if not p]
    if missing:  # a missing figure is said in words at the axis, never drawn as a zero-length bar
        fig.add_trace(
            go.Scatter(
                y=missing,
                x=[0] * len(missing),
                mode="text",
                text=[t("common.no_data", locale)] * len(missing),
                textposition="middle right",
                hoverinfo="skip",
                showlegend=False,
            )
        )
    numbers = [float(v) for v in frame.loc[present, "value"]] or [0.0]
    low, high = min(0.0, *numbers), max(0.0, *numbers)
    fig.update_layout(
        template=TEMPLATE,
        height=max(220, 68 * len(labels) + 80),
        margin={"t": 24, "r": 12, "b": 48, "l": 8},
        xaxis_title=axis_title,
        separators=".,",
        bargap=0.55,
        uniformtext={"minsize": 14, "mode": "hide"},
        # each label sits above its bar, so long Japanese headings never squeeze the bars on a phone
        annotations=[
            {
                "text": label,
                "x": 0,
                "xref": "paper",
                "y": label,
                "yref": "y",
                "yshift": 25,
                "xanchor": "left",
                "showarrow": False,
                "font": {"size": 16},
            }
            for label in labels
        ],
    )
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], showticklabels=False, ticks="")
    span = (high - low) or 1.0
    fig.update_xaxes(
        automargin=True,
        range=[low - (0.05 * span if low < 0 else 0), high + 0.3 * span],
        tickformat=",.0f" if high >= 1000 else None,  # 50,000 not "50k": yen and persons read as written
    )
    return fig


def _legend_entries(fig: go.Figure, shown: pd.DataFrame, legend: dict[str, str], locale: str) -> None:
    """Legend-only entries (no data, no category): one per group colour drawn, one per estimate/plan pattern."""
    groups = [g for g in dict.fromkeys(str(g) for g in shown["group"]) if g in legend]
    kinds = [k for k in dict.fromkeys(str(k) for k in shown["kind"]) if k in KIND_PATTERNS and k != "決算"]
    if len(groups) < 2 and not kinds:
        return
    for group in groups if len(groups) > 1 else []:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=legend[group],
                marker={"symbol": "square", "size": 14, "color": GROUP_COLOURS.get(group, PALETTE[0])},
                hoverinfo="skip",
            )
        )
    for kind in kinds:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t(f"figuredata.kind.{kind}", locale),
                marker={"symbol": "square-x-open" if kind == "計画" else "square-open", "size": 14, "color": "#595959"},
                hoverinfo="skip",
            )
        )
    fig.update_layout(showlegend=True)


def trend_bars(frame: pd.DataFrame, *, axis_title: str, locale: str) -> go.Figure:
    """Series over the years as grouped bars on a numeric year axis (missing years are gaps, spaced truthfully).

    決算見込 bars are hatched and 計画 bars cross-hatched and lighter; the year labels say which kind they are.

    Args:
        frame: columns ``fiscal_year`` (int), ``series`` (code), ``name`` (legend), ``value`` (chart units; NA =
            missing), ``text`` (formatted), ``kind``.
        axis_title: the unit of the value axis.
        locale: ``"ja"`` or ``"en"``.
    """
    shown = frame[frame["value"].notna()] if not frame.empty else frame
    if shown.empty:
        return empty(t("common.no_data", locale))
    years = sorted({int(y) for y in shown["fiscal_year"]})
    kinds = {int(y): str(k) for y, k in zip(shown["fiscal_year"], shown["kind"], strict=True) if str(k) != "決算"}
    fig = go.Figure()
    for index, (series, block) in enumerate(shown.groupby("series", sort=False)):
        colour = GROUP_COLOURS.get(str(series), PALETTE[index % len(PALETTE)])
        fig.add_trace(
            go.Bar(
                x=[int(y) for y in block["fiscal_year"]],
                y=[float(v) for v in block["value"]],
                name=str(block["name"].iloc[0]),
                marker={
                    "color": colour,
                    "opacity": [KIND_OPACITY.get(str(k), 1.0) for k in block["kind"]],
                    "pattern": {"shape": [KIND_PATTERNS.get(str(k), "") for k in block["kind"]]},
                },
                customdata=[
                    f"{txt}（{t(f'kind.{k}', locale)}）" if k != "決算" and is_japanese(locale) else str(txt)
                    for txt, k in zip(block["text"], block["kind"], strict=True)
                ],
                hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
            )
        )

    def tick(year: int) -> str:
        label = formatting.fiscal_year_label(year, "ja", "short") if is_japanese(locale) else str(year)
        kind = kinds.get(year)
        return f"{label}<br>{t(f'resident.kind_short.{kind}', locale)}" if kind else label

    fig.update_layout(
        template=TEMPLATE,
        barmode="group",
        height=380,
        yaxis_title=axis_title,
        separators=".,",
        showlegend=len(set(shown["series"])) > 1,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        margin={"t": 40, "r": 8, "b": 72, "l": 56},
    )
    ticks = [tick(y) for y in years]
    fig.update_xaxes(
        tickmode="array",
        tickvals=years,
        ticktext=ticks,
        range=[min(years) - 0.7, max(years) + 0.7],
        **year_ticks(years, ticks),  # many years on a phone: upright labels, no overlap
    )
    if len(years) == 1:  # one year is a value, not a trend: the bars say their values
        for trace in fig.data:
            trace.update(text=trace.customdata, textposition="outside", cliponaxis=False)
        fig.add_annotation(one_point_note(locale))
        if fig.layout.showlegend:  # the note above the plot, the legend above the note
            fig.update_layout(legend_y=1.12, margin_t=72)
    if float(shown["value"].abs().max()) >= 1000:  # 500,000 not "500k": amounts read as written
        fig.update_yaxes(tickformat=",.0f")
    return fig


# ---------------------------------------------------------------------------------------------
# 広報 figure kit: a page's figure made self-contained for print (title, 出典, 基準日, QR code inside the image)
# ---------------------------------------------------------------------------------------------

PRINT_DPI = 300
PRINT_TEXT = "print_text"
"""Key of a trace's ``meta`` holding every value label when the screen shows only some (long trends)."""
PRINT_SCALE = 2  # layout px → image px; at 300 dpi one layout px is 1/150 inch and the 16 px font prints at 7.7 pt
PRINT_SIZES_MM = {"1col": (85, 80), "2col": (175, 110)}
"""Width × height in mm: one and two columns of an A4 newsletter (text width ≈ 175 mm, column ≈ 85 mm)."""
QR_MM = 16  # the smallest size phones read reliably from paper at arm's length
GRAY_PALETTE = ["#1a1a1a", "#8c8c8c", "#c4c4c4", "#595959", "#d9d9d9", "#a6a6a6", "#000000"]
"""The palette's colours in print greys, in the same order: neighbours differ by at least 25 % lightness."""


def print_pixels(size: str) -> tuple[int, int]:
    """Layout width and height (px) of a print size; the image is :data:`PRINT_SCALE` times larger."""
    width_mm, height_mm = PRINT_SIZES_MM[size]
    per_mm = PRINT_DPI / PRINT_SCALE / 25.4
    return round(width_mm * per_mm), round(height_mm * per_mm)


def _gray(colour: str) -> str:
    """A colour as the grey of the same lightness; the palette's colours map to :data:`GRAY_PALETTE`."""
    value = colour.strip().lower()
    palette = [c.lower() for c in PALETTE]
    if value in palette:
        return GRAY_PALETTE[palette.index(value)]
    if value.startswith("#") and len(value) in (4, 7):
        digits = value[1:] if len(value) == 7 else "".join(ch * 2 for ch in value[1:])
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        level = round(0.2126 * r + 0.7152 * g + 0.0722 * b)
        return f"#{level:02x}{level:02x}{level:02x}"
    if value.startswith("rgba(") or value.startswith("rgb("):
        numbers = [float(n) for n in value[value.index("(") + 1 : -1].split(",")]
        level = round(0.2126 * numbers[0] + 0.7152 * numbers[1] + 0.0722 * numbers[2])
        alpha = f",{numbers[3]}" if len(numbers) == 4 else ""
        return f"rgba({level},{level},{level}{alpha})" if alpha else f"rgb({level},{level},{level})"
    return colour


def grayscale(node: object) -> object:
    """A figure (plain dict) with every colour replaced by its print grey; structure and data unchanged."""
    if isinstance(node, dict):
        out: dict[str, object] = {}
        for key, value in node.items():
            if key in ("color", "fillcolor", "bgcolor", "bordercolor", "fgcolor", "linecolor", "gridcolor"):
                if isinstance(value, str):
                    out[key] = _gray(value)
                    continue
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    out[key] = [_gray(v) for v in value]
                    continue
            if key == "colorway" and isinstance(value, list):
                out[key] = [_gray(v) if isinstance(v, str) else v for v in value]
                continue
            out[key] = grayscale(value)
        return out
    if isinstance(node, list):
        return [grayscale(v) for v in node]
    return node


def wrap(text: str, width_px: float, font_px: float) -> list[str]:
    """Lines of ``text`` that fit ``width_px`` (full-width characters count 1 em, others 0.55 em)."""
    import unicodedata

    def advance(ch: str) -> float:
        return font_px * (1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55)

    lines: list[str] = []
    line = ""
    for ch in text:
        if line and sum(map(advance, line)) + advance(ch) > width_px:
            # break after the last 、；space in the final quarter of the line, so numbers are not cut
            cut = max(line.rfind(b) for b in ("、", "；", " ", "　", "）"))
            if cut >= len(line) * 3 // 4:
                lines.append(line[: cut + 1].rstrip())
                line = line[cut + 1 :].lstrip()
            else:
                lines.append(line)
                line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


def _thin_bars(figure: dict[str, object], layout: dict[str, object], plot_h: float) -> None:
    """Keep horizontal bars thin enough that the labels printed above them (``yshift``) stay clear of the bar."""
    traces = [tr for tr in figure.get("data") or [] if isinstance(tr, dict)]  # type: ignore[attr-defined]
    bars = [tr for tr in traces if tr.get("type") == "bar" and tr.get("orientation") == "h"]
    if not bars:
        return
    categories = {str(v) for tr in traces for v in (tr.get("y") or [])}
    band = plot_h / max(len(categories), 1)
    thickness = 0.45 * 68  # the on-screen bar (bargap 0.55 of a 68 px band) leaves room for the label above it
    layout["bargap"] = max(float(layout.get("bargap") or 0), 1 - thickness / band)  # type: ignore[arg-type]


def _own_plot_height(figure: dict[str, object], factor: float) -> int:
    """The on-screen plot height of a figure that sets its own (long lists), scaled by ``factor``; 0 if none."""
    own = (figure.get("layout") or {}).get("height")  # type: ignore[attr-defined]
    return round((own - 72) * factor) if isinstance(own, (int, float)) else 0


def _print_layout(
    figure: dict[str, object], width: int, height: int, plot_h: int, margin: dict[str, int], font_size: int
) -> dict[str, object]:
    """The page figure's layout at a print size: legend on top, no title, room for long tick labels."""
    layout = dict(figure.get("layout") or {})  # type: ignore[call-overload]
    layout.pop("height", None)
    layout.pop("width", None)
    _thin_bars(figure, layout, plot_h)
    layout.update(
        template=TEMPLATE,
        width=width,
        height=height,
        margin=margin,
        font={"family": FONT, "size": font_size, "color": "#1a1a1a"},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"},
        yaxis={**(layout.get("yaxis") or {}), "automargin": True},  # long tick labels (700,000) widen the margin
        title=None,
    )
    return layout


def axis_unit(figure: dict[str, object]) -> str:
    """The unit of a figure's value axis (its axis title: 億円, 円, %, 人), or ""."""
    data = [tr for tr in figure.get("data") or [] if isinstance(tr, dict)]  # type: ignore[attr-defined]
    horizontal = any(tr.get("type") == "bar" and tr.get("orientation") == "h" for tr in data)
    axis = ((figure.get("layout") or {}).get("xaxis" if horizontal else "yaxis")) or {}  # type: ignore[attr-defined]
    title = axis.get("title") or {}
    return str(title.get("text") or "") if isinstance(title, dict) else str(title)


def _text_px(text: object, font_px: float) -> float:
    """The rendered width of a label (full-width characters 1 em, others 0.6 em)."""
    import unicodedata

    return sum(font_px * (1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6) for ch in str(text))


def _with_values(
    figure: dict[str, object], layout: dict[str, object], plot_w: float, plot_h: float
) -> dict[str, object]:
    """The figure with every bar and point carrying its value as text, outside the bar and never hidden.

    Horizontal bars get room at the value end of the axis for their longest label; upright bars get their value
    (the hover text when the screen shows none) above or below the bar, turned upright when the bars are narrow.
    """
    font = 12
    traces = [dict(tr) for tr in figure.get("data") or [] if isinstance(tr, dict)]  # type: ignore[attr-defined]
    upright = [tr for tr in traces if tr.get("type") == "bar" and tr.get("orientation") != "h" and tr.get("y")]
    bars_drawn = sum(len(tr.get("y") or []) for tr in upright)
    turn = bars_drawn * _text_px("0" * 9, font) > plot_w  # labels side by side would overlap
    needed_x = needed_y = 0.0
    for tr in traces:
        meta = tr.get("meta")
        if isinstance(meta, dict) and PRINT_TEXT in meta:
            tr["text"] = meta[PRINT_TEXT]
        if tr.get("type") != "bar":
            continue
        if tr.get("orientation") == "h":
            texts = list(tr.get("text") or [])
            needed_x = max([needed_x, *(_text_px(x, font) + 8 for x in texts)])
        else:
            if not tr.get("text"):
                tr["text"] = list(tr.get("customdata") or tr.get("y") or [])
            texts = list(tr.get("text") or [])
            longest = max((_text_px(x, font) for x in texts), default=0.0)
            needed_y = max(needed_y, (longest if turn else font * 1.4) + 6)
            tr["textangle"] = -90 if turn else 0
        tr.update(textposition="outside", cliponaxis=False, constraintext="none", textfont={"size": font})
    layout["uniformtext"] = {"mode": False}
    for axis, needed, span_px in (("xaxis", needed_x, plot_w), ("yaxis", needed_y, plot_h)):
        if not needed:
            continue
        values = [
            float(v)
            for tr in traces
            if tr.get("type") == "bar"
            for v in (tr.get("x") if axis == "xaxis" else tr.get("y")) or []
            if isinstance(v, (int, float))
        ]
        if not values:
            continue
        low, high = min(0.0, *values), max(0.0, *values)
        share = min(needed / span_px, 0.6)  # the part of the axis the labels take
        span = (high - low) or 1.0
        grow = span * share / (1 - share)
        current = dict(layout.get(axis) or {})  # type: ignore[call-overload]
        current["range"] = [low - (grow if low < 0 else 0), high + (grow if high > 0 else 0)]
        current["autorange"] = False
        layout[axis] = current
    return {**figure, "data": traces}


def _printed(figure: dict[str, object], layout: dict[str, object], gray: bool) -> go.Figure:
    printed: dict[str, object] = {**figure, "layout": layout}
    return go.Figure(grayscale(printed) if gray else printed)


def print_figure(
    figure: dict[str, object],
    *,
    title: str,
    footer: list[str],
    qr_uri: str | None,
    qr_caption: str,
    size: str,
    gray: bool,
) -> go.Figure:
    """A page figure ready for a newsletter: its title above, 出典 and 基準日 below, the QR code bottom right.

    Args:
        figure: the figure exactly as the page shows it (plain dict).
        title: 「稚内市 歳入の推移」.
        footer: the source lines and the reference-date line, printed in this order.
        qr_uri: a ``data:`` URI of the QR code of the figure's short link, or ``None`` for no code.
        qr_caption: the words under the code (「最新の数値はこちら」).
        size: a key of :data:`PRINT_SIZES_MM`.
        gray: use print greys instead of colours (patterns and line dashes already tell series apart).
    """
    width, height = print_pixels(size)
    qr_px = round(QR_MM * PRINT_DPI / PRINT_SCALE / 25.4) if qr_uri else 0
    note_font = 13
    text_width = width - 32 - (qr_px + 16 if qr_uri else 0)
    lines = [part for text in footer for part in wrap(text, text_width, note_font)]
    footer_px = max(len(lines) * (note_font + 5), qr_px + note_font + 8) + 12
    title_font = 22 if size == "2col" else 19
    title_lines = wrap(title, width - 32, title_font)
    margin_t = 20 + len(title_lines) * (title_font + 8) + 34  # title, then the legend row
    margin_b = 64 + footer_px  # axis labels, then the footer block
    margin_l, margin_r = 72, 24
    plot_h = max(height - margin_t - margin_b, 120, _own_plot_height(figure, 0.75))
    margin = {**((figure.get("layout") or {}).get("margin") or {}), "t": margin_t, "b": margin_b, "r": margin_r}  # type: ignore[attr-defined]
    margin.setdefault("l", margin_l)
    plot_w = width - margin["l"] - margin_r
    layout = _print_layout(figure, width, margin_t + margin_b + plot_h, plot_h, margin, 16 if size == "2col" else 14)

    def paper_y(px_from_bottom: float) -> float:
        return (px_from_bottom - margin_b) / plot_h

    def paper_x(px_from_left: float) -> float:
        return (px_from_left - margin["l"]) / plot_w

    def note(text: str, x_px: float, y_px: float, size: int, anchor: str = "left") -> dict[str, object]:
        """Text placed in image pixels (x from the left, y from the bottom), top-anchored."""
        return {
            "text": text,
            "xref": "paper",
            "yref": "paper",
            "x": paper_x(x_px),
            "y": paper_y(y_px),
            "xanchor": anchor,
            "yanchor": "top",
            "align": "left",
            "showarrow": False,
            "font": {"size": size, "family": FONT, "color": "#000000" if size == title_font else "#1a1a1a"},
        }

    total_h = margin_t + margin_b + plot_h
    notes = [
        note("<br>".join(title_lines), 16, total_h - 14, title_font),
        note("<br>".join(lines), 16, footer_px - 4, note_font),
    ]
    images = list(layout.get("images") or [])
    if qr_uri:
        images.append(
            {
                "source": qr_uri,
                "xref": "paper",
                "yref": "paper",
                "x": paper_x(width - 16 - qr_px),
                "y": paper_y(footer_px - 4),
                "sizex": qr_px / plot_w,
                "sizey": qr_px / plot_h,
                "xanchor": "left",
                "yanchor": "top",
                "sizing": "contain",
                "layer": "above",
            }
        )
        notes.append(note(qr_caption, width - 16 - qr_px / 2, footer_px - 8 - qr_px, 11, "center"))
    layout["annotations"] = [*(layout.get("annotations") or []), *notes]
    layout["images"] = images
    return _printed(_with_values(figure, layout, plot_w, plot_h), layout, gray)


HANDOUT_WIDTH = 860  # layout px across the printed text width (≈186 mm): the 16 px font prints at ≈10 pt


def handout_figure(figure: dict[str, object], *, gray: bool) -> go.Figure:
    """A page figure sized for a committee handout: the print width, legend on top, no title (the handout's
    numbered caption is HTML), long lists kept tall enough to read."""
    plot_h = max(220, _own_plot_height(figure, 0.85) or 340)  # the page's proportions
    margin = {**((figure.get("layout") or {}).get("margin") or {}), "t": 40, "b": 70, "r": 24}  # type: ignore[attr-defined]
    return _printed(figure, _print_layout(figure, HANDOUT_WIDTH, plot_h + 110, plot_h, margin, 16), gray)
