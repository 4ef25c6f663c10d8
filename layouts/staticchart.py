"""A chart as a light static SVG, drawn on the server straight from the figure the page's interactive chart shows.

For the first view (:mod:`web.firstview`): a phone sees the chart with the numbers, before plotly.js has
loaded, and a reader without JavaScript sees it at all. No browser and no kaleido: bars (grouped, vertical or
horizontal), lines with markers, threshold lines and bands, their labels, axes and a legend, in SVG text.

Horizontal positions are percentages of the chart's width, vertical ones pixels of its height, so the chart fills
any column without scaling its text down on a phone.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

from markupsafe import escape

LEFT, RIGHT = 11.0, 2.0  # % of the width: the y tick labels, the right edge
TOP, BOTTOM = 16, 56  # px: above the plot, below it (the x tick labels)
LEGEND_ROW = 28
FALLBACK_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if math.isnan(value) else float(value)


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _label(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class _Chart:
    def __init__(self, figure: dict[str, Any]) -> None:
        self.layout = figure.get("layout") or {}
        template = ((self.layout.get("template") or {}).get("layout")) or {}
        self.colors = list(template.get("colorway") or FALLBACK_COLORS)
        self.traces = [t for t in figure.get("data") or [] if isinstance(t, dict)]
        self.height = int(self.layout.get("height") or 360)
        self.horizontal = any(t.get("type") == "bar" and t.get("orientation") == "h" for t in self.traces)
        self.legend = [
            (str(t.get("name")), self._color(i, t))
            for i, t in enumerate(self.traces)
            if t.get("name") and t.get("showlegend", self.layout.get("showlegend", True)) is not False
        ]
        legend_rows = 1 if len(self.legend) > 1 or self.layout.get("showlegend") else 0
        self.height -= LEGEND_ROW * legend_rows  # the legend is HTML under the SVG
        self.bottom = self.height - BOTTOM
        self.legend_y = self.height if legend_rows else None

    def _color(self, index: int, trace: dict[str, Any]) -> str:
        marker = trace.get("marker") or {}
        color = marker.get("color") or (trace.get("line") or {}).get("color")
        if isinstance(color, str):
            return color
        return self.colors[index % len(self.colors)]

    def _point_color(self, index: int, trace: dict[str, Any], at: int) -> str:
        color = (trace.get("marker") or {}).get("color")
        if isinstance(color, list) and at < len(color) and isinstance(color[at], str):
            return str(color[at])
        return self._color(index, trace)

    # --- value axis ---------------------------------------------------------------------------------------------
    def value_range(self) -> tuple[float, float]:
        axis = self.layout.get("xaxis" if self.horizontal else "yaxis") or {}
        given = axis.get("range")
        if isinstance(given, list) and len(given) == 2 and all(_num(v) is not None for v in given):
            return float(given[0]), float(given[1])
        key = "x" if self.horizontal else "y"
        values = [v for t in self.traces for v in (_num(x) for x in t.get(key) or []) if v is not None]
        shapes = [_num(s.get("y1")) for s in self.layout.get("shapes") or [] if not self.horizontal]
        values += [v for v in shapes if v is not None]
        if not values:
            return 0.0, 1.0
        low, high = min(0.0, min(values)), max(0.0, max(values))
        pad = (high - low) * 0.08 or 1.0
        return (low - pad if low < 0 else low), high + pad

    # --- the vertical chart ---------------------------------------------------------------------------------------
    def vertical(self) -> str:
        low, high = self.value_range()
        xaxis = self.layout.get("xaxis") or {}
        xs = sorted({v for t in self.traces for v in (_num(x) for x in t.get("x") or []) if v is not None})
        given = xaxis.get("range")
        if isinstance(given, list) and len(given) == 2 and all(_num(v) is not None for v in given):
            x_low, x_high = float(given[0]), float(given[1])
        elif xs:
            x_low, x_high = xs[0] - 0.7, xs[-1] + 0.7
        else:
            x_low, x_high = 0.0, 1.0
        span_x = (x_high - x_low) or 1.0

        def px(x: float) -> float:
            return LEFT + (100 - LEFT - RIGHT) * (x - x_low) / span_x

        def py(y: float) -> float:
            return self.bottom - (self.bottom - TOP) * (y - low) / ((high - low) or 1.0)

        out = [self._value_grid(low, high, py)]
        out += self._bands_and_lines(py)
        bars = [(i, t) for i, t in enumerate(self.traces) if t.get("type") == "bar"]
        unit = min((b - a for a, b in itertools.pairwise(xs)), default=1.0) or 1.0
        group = unit * (1 - float(self.layout.get("bargap") or 0.25))
        each = group / max(len(bars), 1)
        for slot, (i, trace) in enumerate(bars):
            for at, (x, y) in enumerate(zip(trace.get("x") or [], trace.get("y") or [], strict=False)):
                xv, yv = _num(x), _num(y)
                if xv is None or yv is None:
                    continue
                left = px(xv - group / 2 + slot * each)
                width = px(xv - group / 2 + (slot + 1) * each) - left
                top, base = sorted((py(yv), py(0.0)))
                out.append(
                    f'<rect x="{left:.3f}%" y="{top:.1f}" width="{max(width, 0.05):.3f}%" '
                    f'height="{max(base - top, 0.5):.1f}" fill="{escape(self._point_color(i, trace, at))}"/>'
                )
        for i, trace in enumerate(self.traces):
            if trace.get("type") == "scatter":
                out += self._line(i, trace, px, py)
        out.append(self._x_ticks(xaxis, xs, px))
        return "".join(out)

    def _value_grid(self, low: float, high: float, py: Any) -> str:
        out = []
        for tick in _nice_ticks(low, high):
            y = py(tick)
            out.append(f'<line x1="{LEFT}%" x2="{100 - RIGHT}%" y1="{y:.1f}" y2="{y:.1f}" stroke="#d9d9d9"/>')
            out.append(f'<text x="{LEFT - 1}%" y="{y + 5:.1f}" text-anchor="end">{_label(tick)}</text>')
        title = ((self.layout.get("yaxis") or {}).get("title") or {}).get("text")
        if title:
            out.append(f'<text x="0" y="{TOP - 4}" class="axis-title">{escape(str(title))}</text>')
        return "".join(out)

    def _bands_and_lines(self, py: Any) -> list[str]:
        out = []
        for shape in self.layout.get("shapes") or []:
            y0, y1 = _num(shape.get("y0")), _num(shape.get("y1"))
            if shape.get("xref") != "paper" or y0 is None or y1 is None:
                continue
            line = shape.get("line") or {}
            if shape.get("type") == "rect":
                top, base = sorted((py(y1), py(y0)))
                out.append(
                    f'<rect x="{LEFT}%" y="{max(top, TOP):.1f}" width="{100 - LEFT - RIGHT}%" '
                    f'height="{max(base - max(top, TOP), 0):.1f}" fill="{escape(str(shape.get("fillcolor", "#eee")))}" '
                    f'opacity="{float(shape.get("opacity", 0.1))}"/>'
                )
            elif shape.get("type") == "line":
                dash = {"dot": "2 4", "dash": "8 5"}.get(str(line.get("dash")), "")
                out.append(
                    f'<line x1="{LEFT}%" x2="{100 - RIGHT}%" y1="{py(y0):.1f}" y2="{py(y1):.1f}" '
                    f'stroke="{escape(str(line.get("color", "#595959")))}" stroke-width="{line.get("width", 2)}"'
                    + (f' stroke-dasharray="{dash}"' if dash else "")
                    + "/>"
                )
        for note in self.layout.get("annotations") or []:
            y = _num(note.get("y"))
            if note.get("xref") == "paper" and note.get("yref") == "y" and y is not None:
                out.append(f'<text x="{LEFT + 1}%" y="{py(y) - 5:.1f}">{escape(str(note.get("text", "")))}</text>')
        return out

    def _line(self, index: int, trace: dict[str, Any], px: Any, py: Any) -> list[str]:
        mode = str(trace.get("mode") or "lines+markers")
        color = escape(self._color(index, trace))
        points = [
            (px(x), py(y))
            for x, y in ((_num(a), _num(b)) for a, b in zip(trace.get("x") or [], trace.get("y") or [], strict=False))
            if x is not None and y is not None
        ]
        out = []
        if "lines" in mode:
            width = (trace.get("line") or {}).get("width", 2)
            for (x1, y1), (x2, y2) in itertools.pairwise(points):
                out.append(
                    f'<line x1="{x1:.3f}%" y1="{y1:.1f}" x2="{x2:.3f}%" y2="{y2:.1f}" stroke="{color}" '
                    f'stroke-width="{width}"/>'
                )
        if "markers" in mode:
            out += [f'<circle cx="{x:.3f}%" cy="{y:.1f}" r="4" fill="{color}"/>' for x, y in points]
        texts = trace.get("text")
        if "text" in mode and isinstance(texts, list):
            for (x, y), text in zip(points, texts, strict=False):
                if text:
                    out.append(f'<text x="{x:.3f}%" y="{y - 10:.1f}" text-anchor="middle">{escape(str(text))}</text>')
        return out

    def _x_ticks(self, xaxis: dict[str, Any], xs: Sequence[float], px: Any) -> str:
        values = xaxis.get("tickvals") or xs
        texts = xaxis.get("ticktext") or [_label(v) for v in values]
        out = [f'<line x1="{LEFT}%" x2="{100 - RIGHT}%" y1="{self.bottom}" y2="{self.bottom}" stroke="#595959"/>']
        upright = xaxis.get("tickangle") in (-90, 90)  # as the interactive chart: year labels read upwards on phones
        for value, text in zip(values, texts, strict=False):
            x = _num(value)
            if x is None:
                continue
            if upright:
                out.append(
                    f'<text x="{px(x):.3f}%" y="{self.bottom + 6}" dx="-5" class="tick upright">'
                    f"{escape(str(text))}</text>"
                )
            else:
                out.append(
                    f'<text x="{px(x):.3f}%" y="{self.bottom + 20}" text-anchor="middle" class="tick">'
                    f"{escape(str(text))}</text>"
                )
        return "".join(out)

    # --- the horizontal chart -----------------------------------------------------------------------------------
    def horizontal_bars(self) -> str:
        low, high = self.value_range()
        bars = [(i, t) for i, t in enumerate(self.traces) if t.get("type") == "bar"]
        categories: list[str] = []
        for _, trace in bars:
            categories += [str(c) for c in trace.get("y") or [] if str(c) not in categories]
        order = (self.layout.get("yaxis") or {}).get("categoryarray")
        if isinstance(order, list):
            categories = [str(c) for c in reversed(order) if str(c) in categories]
        row = (self.bottom - TOP) / max(len(categories), 1)

        def px(x: float) -> float:
            return 2 + 96 * (x - low) / ((high - low) or 1.0)

        out = []
        for i, trace in bars:
            texts = trace.get("text") if isinstance(trace.get("text"), list) else []
            for at, (x, c) in enumerate(zip(trace.get("x") or [], trace.get("y") or [], strict=False)):
                xv = _num(x)
                if xv is None or str(c) not in categories:
                    continue
                top = TOP + row * categories.index(str(c))
                left, right = sorted((px(0.0), px(xv)))
                out.append(
                    f'<text x="{px(0.0):.3f}%" y="{top + 18:.1f}">{escape(str(c))}</text>'
                    f'<rect x="{left:.3f}%" y="{top + 26:.1f}" width="{max(right - left, 0.3):.3f}%" '
                    f'height="{max(row - 34, 8):.1f}" fill="{escape(self._point_color(i, trace, at))}"/>'
                )
                if at < len(texts) and texts[at]:
                    out.append(
                        f'<text x="{(right - 1 if right > 70 else right + 1):.3f}%" '
                        f'y="{top + 26 + max(row - 34, 8) / 2 + 6:.1f}" '
                        f'text-anchor="{"end" if right > 70 else "start"}" class="value'
                        f'{" inside" if right > 70 else ""}">{escape(str(texts[at]))}</text>'
                    )
        return "".join(out)

    def legend_html(self) -> str:
        """The legend as HTML under the chart: it wraps like text, whatever the names' lengths."""
        if self.legend_y is None:
            return ""
        items = "".join(
            f'<li><span class="swatch" style="background:{escape(color)}"></span>{escape(name)}</li>'
            for name, color in self.legend
        )
        return f'<ul class="static-legend" aria-hidden="true">{items}</ul>'


def svg(figure: dict[str, Any]) -> str:
    """The figure as an SVG as wide as its column, as tall as the interactive chart will be (nothing moves when it
    replaces this one). Hidden from screen readers: the page's table of the same figure follows it."""
    chart = _Chart(figure)
    body = chart.horizontal_bars() if chart.horizontal else chart.vertical()
    return (
        f'<svg class="static-chart" width="100%" height="{chart.height}" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">{body}</svg>{chart.legend_html()}'
    )
