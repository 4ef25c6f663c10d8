"""Indicators page: the soundness ratios against their legal lines, how each is calculated, and why it moved."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids


def layout(locale: str) -> html.Div:
    """The page skeleton; the indicators callback fills it."""
    return html.Div(
        dcc.Loading(html.Div(id=ids.INDICATORS_CONTENT), type="dot"), className="page page-indicators", lang=locale
    )
