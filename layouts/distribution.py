"""A light, static box plot drawn on the server: each group's distribution with the body's own value marked.

One row per group: a thin line from the minimum to the maximum, a box from the 25 % to the 75 % value, a thick
line at the median, and a diamond at the body's value (the same on every row, so the eye reads where the body sits
in each group). Drawn as an SVG string straight from the numbers — no browser, no plotly.js — and shown as an image
whose ``alt`` text and the table beside it give every number. Greyscale-safe: shapes, not colours, carry meaning.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640
ROW_H = 56  # the group's name above its box
AXIS_H = 28
PAD = 34  # room for the first and last tick labels
FONT = "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif"


@dataclass(frozen=True)
class Row:
    """One group of the plot."""

    label: str
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low``–``high`` (steps of 1, 2 or 5 × 10ⁿ)."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, tick = [], first
    while tick <= high + step * 1e-9:
        ticks.append(round(tick, 10))
        tick += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def svg(rows: Sequence[Row], value: float | None, value_label: str, number: Callable[[float], str]) -> str:
    """The plot as SVG text; ``value`` is the body's own (``None``: not calculated, no diamond)."""
    points = [v for r in rows for v in (r.minimum, r.maximum)] + ([value] if value is not None else [])
    ticks = _nice_ticks(min(points), max(points))
    low, high = ticks[0], ticks[-1]
    plot_w = WIDTH - PAD * 2

    def x(v: float) -> float:
        return PAD + (v - low) / (high - low) * plot_w

    height = 8 + ROW_H * len(rows) + AXIS_H + (30 if value is not None else 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="{FONT}" font-size="15">',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    top = 8
    axis_y = top + ROW_H * len(rows)
    for tick in ticks:
        tx = x(tick)
        parts.append(f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{axis_y}" stroke="#d8d8d8" stroke-width="1"/>')
        parts.append(
            f'<text x="{tx:.1f}" y="{axis_y + 19}" text-anchor="middle" fill="#333333">{escape(number(tick))}</text>'
        )
    for i, row in enumerate(rows):
        cy = top + ROW_H * i + 36
        parts += [
            f'<text x="{PAD - 20}" y="{cy - 16:.1f}" fill="#1a1a1a">{escape(row.label)}</text>',
            f'<line x1="{x(row.minimum):.1f}" y1="{cy:.1f}" x2="{x(row.maximum):.1f}" y2="{cy:.1f}" '
            'stroke="#555555" stroke-width="2"/>',
            f'<rect x="{x(row.q1):.1f}" y="{cy - 9:.1f}" width="{max(x(row.q3) - x(row.q1), 1.5):.1f}" height="18" '
            'fill="#dde6f0" stroke="#2f4f6f" stroke-width="1.5"/>',
            f'<line x1="{x(row.median):.1f}" y1="{cy - 11:.1f}" x2="{x(row.median):.1f}" y2="{cy + 11:.1f}" '
            'stroke="#1a1a1a" stroke-width="3.5"/>',
        ]
        if value is not None:
            vx = x(value)
            parts.append(
                f'<path d="M{vx:.1f},{cy - 8:.1f} L{vx + 8:.1f},{cy:.1f} L{vx:.1f},{cy + 8:.1f} '
                f'L{vx - 8:.1f},{cy:.1f} Z" fill="#b3261e" stroke="#ffffff" stroke-width="1.5"/>'
            )
    if value is not None:
        ly = axis_y + AXIS_H + 14
        parts.append(
            f'<path d="M{PAD - 6:.1f},{ly - 7:.1f} l7,7 l-7,7 l-7,-7 Z" fill="#b3261e" '
            'stroke="#ffffff" stroke-width="1.5"/>'
        )
        parts.append(f'<text x="{PAD + 8:.1f}" y="{ly + 5:.1f}" fill="#1a1a1a">{escape(value_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def data_uri(text: str) -> str:
    """An SVG as a ``data:`` URI for an ``<img>`` (allowed by the site's CSP ``img-src``)."""
    return "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
