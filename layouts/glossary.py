"""用語集 / Glossary: every term of the resident pages with a plain explanation and its official definition."""

from __future__ import annotations

from dash import html

from finance.text import catalog, html_lang, t
from layouts import components, ids


def terms() -> list[str]:
    """The glossary keys in catalog order."""
    seen: dict[str, None] = {}
    for key in catalog("ja"):
        if key.startswith("glossary.") and key.endswith(".title"):
            seen[key.split(".")[1]] = None
    return list(seen)


def layout(locale: str) -> html.Div:
    """The glossary (static: it is rebuilt when the language changes)."""
    entries = [
        html.Div(
            [
                html.Dt(t(f"glossary.{key}.title", locale), id=f"{ids.GLOSSARY_TERM}-{key}"),
                html.Dd(
                    [
                        html.P(
                            [html.Strong(t("resident.glossary.plain", locale)), " ", t(f"glossary.{key}.plain", locale)]
                        ),
                        html.P(
                            [
                                html.Strong(t("resident.glossary.official", locale)),
                                " ",
                                t(f"glossary.{key}.official", locale),
                            ]
                        ),
                        components.clarity_feedback(f"glossary.{key}.plain", locale),
                    ]
                ),
            ],
            className="glossary-entry",
        )
        for key in terms()
    ]
    return html.Div(
        html.Div(
            [
                html.H1(t("resident.glossary.heading", locale)),
                html.P(t("resident.glossary.lede", locale), className="lede"),
                html.Dl(entries, className="glossary"),
            ],
            id=ids.GLOSSARY_CONTENT,
        ),
        className="page page-glossary",
        lang=html_lang(locale),
    )
