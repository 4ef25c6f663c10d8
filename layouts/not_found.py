"""The page shown for unknown paths (the server also answers them with HTTP 404)."""

from __future__ import annotations

from dash import dcc, html

from finance.text import html_lang, t


def layout(locale: str) -> html.Div:
    """A friendly 404 with a way back."""
    return html.Div(
        [
            html.H1(t("app.not_found_title", locale)),
            html.P(t("app.not_found_text", locale)),
            dcc.Link(t("nav.overview", locale), href="/"),
        ],
        className="page page-not-found",
        lang=html_lang(locale),
    )
