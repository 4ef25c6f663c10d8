"""Embeddable figures at ``/embed/<figure>``: one chart with its title, one sentence, source and date, no chrome.

The shell's header and footer (class ``site-chrome``) are hidden by CSS when the page holds an ``.embed-root``.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from finance import formatting
from finance.indicators import SOUNDNESS, Section
from finance.queries import Source
from finance.text import html_lang, t
from layouts import components, figurekit, figures, ids
from layouts import indicators as indicators_layout

PREFIX = "/embed/"
FIGURES: tuple[str, ...] = ("overview-trend", *(f"indicator-{name}" for name in SOUNDNESS))
"""The figures that may be embedded (an allow-list: anything else is the not-found page)."""


def figure_of(pathname: object) -> str | None:
    """The embeddable figure of a path, else ``None``: one of :data:`FIGURES` (``/embed/overview-trend``) or any
    figure of a page as ``<page>/<key>`` (``/embed/revenue/revenue-items`` → ``revenue/revenue-items``)."""
    if not isinstance(pathname, str) or not pathname.startswith(PREFIX):
        return None
    figure = pathname[len(PREFIX) :]
    if figure in FIGURES:
        return figure
    page, _, key = figure.partition("/")
    if page in figurekit.PAGES and figurekit.KEY_PATTERN.fullmatch(key):
        return figure
    return None


def layout(locale: str) -> html.Div:
    """The embed skeleton; the embed callback fills it."""
    return html.Div(
        dcc.Loading(html.Div(id=ids.EMBED_CONTENT), type="dot"), className="embed-root", lang=html_lang(locale)
    )


def _frame(
    title: str, sentence: str, body: object, source: Source | None, as_of: str, link: str, locale: str
) -> list[object]:
    footer: list[object] = []
    note = components.source_note(source, locale)
    if note is not None:
        footer.append(note)
    if source is not None:
        footer.append(html.P(as_of, className="as-of"))
    footer.append(
        html.P(
            html.A(t("tools.embed_open", locale), href=link, target="_blank", rel="noopener"), className="embed-open"
        )
    )
    return [
        html.H1(title, className="embed-title"),
        html.P(sentence, id=ids.EMBED_SENTENCE, className="embed-sentence"),
        body,
        html.Div(footer, className="embed-footer"),
    ]


EMBED_GRAPH_HEIGHT = 300  # with the title, sentence and source it fits the 520 px <iframe> the site offers


def _graph(figure: dict[str, object], locale: str, height: int = EMBED_GRAPH_HEIGHT) -> dcc.Graph:
    layout = dict(figure.get("layout") or {})  # type: ignore[call-overload]
    layout["height"] = height
    figure = {**figure, "layout": layout}
    return dcc.Graph(
        id=ids.EMBED_GRAPH,
        figure=figure,
        config={**figures.GRAPH_CONFIG, "locale": html_lang(locale), "displayModeBar": False},
        className="graph embed-graph",
        responsive=True,
        style={"height": f"{height}px"},  # dcc.Graph is 450 px tall unless told
    )


def trend_content(
    series: pd.DataFrame, sentence: str | None, name: str, query: str, as_of: str, locale: str
) -> list[object]:
    """The overview's revenue and expenditure trend as an embed."""
    title = t("tools.embed_trend_title", locale, name=name)
    if series.empty:
        return _frame(title, t("tools.embed_no_data", locale), html.Div(), None, as_of, "/" + query, locale)
    source = series["source"].iloc[-1]
    body = _graph(figures.totals_bar(series, locale=locale).to_plotly_json(), locale)
    return _frame(title, sentence or t("tools.embed_no_data", locale), body, source, as_of, "/" + query, locale)


def indicator_content(section: Section | None, name: str, year: int, query: str, as_of: str, locale: str) -> list:
    """One soundness ratio over the years against its lines, as an embed."""
    if section is None:
        return [html.P(t("tools.embed_no_data", locale), id=ids.EMBED_SENTENCE, className="embed-sentence")]
    evaluation = section.evaluation
    indicator = evaluation.indicator
    official = t(f"indicator.{indicator}.name", locale)
    title = t("tools.embed_indicator_title", locale, name=name, indicator=official)
    sentence = t(
        "tools.embed_indicator_sentence",
        locale,
        year=formatting.fiscal_year_label(year, locale),
        indicator=official,
        value=indicators_layout._value_text(section, locale),
        status=t(f"status.{evaluation.status.value}", locale),
    )
    published = evaluation.published
    source = published.source if published is not None else (section.trend[-1].source if section.trend else None)
    body: object = html.P(t("tools.embed_no_data", locale), className="empty-state")
    if section.has_numbers:
        figure = figures.indicator_trend(
            [(p.year, p.value, p.figure_kind) for p in section.trend],
            indicators_layout._threshold_lines(section, locale),
            locale=locale,
            decimals=indicators_layout._decimals(indicator),
        )
        body = _graph(figure.to_plotly_json(), locale)
    return _frame(title, sentence, body, source, as_of, "/indicators" + query, locale)


def height_of(figure: dict[str, object]) -> int:
    """The chart height of an embedded page figure: its own (long lists stay readable), at least the default."""
    own = (figure.get("layout") or {}).get("height")  # type: ignore[attr-defined]
    return max(EMBED_GRAPH_HEIGHT, int(own)) if isinstance(own, (int, float)) else EMBED_GRAPH_HEIGHT


def figure_content(parts: figurekit.FigureParts | None, name: str, as_of: str, link: str, locale: str) -> list[object]:
    """Any figure of a page as an embed: its title, first sentence, chart, sources and reference date."""
    if parts is None:
        return [html.P(t("tools.embed_no_data", locale), id=ids.EMBED_SENTENCE, className="embed-sentence")]
    footer: list[object] = [html.P(line, className="source-note") for line in figurekit.compact_sources(parts.sources)]
    footer.append(html.P(as_of, className="as-of"))
    footer.append(
        html.P(
            html.A(t("tools.embed_open", locale), href=link, target="_blank", rel="noopener"), className="embed-open"
        )
    )
    sentence = parts.sentences[0] if parts.sentences else ""
    return [
        html.H1(t("tools.figure_title", locale, name=name, title=parts.title), className="embed-title"),
        html.P(sentence, id=ids.EMBED_SENTENCE, className="embed-sentence"),
        _graph(parts.figure, locale, height_of(parts.figure)),
        html.Div(footer, className="embed-footer"),
    ]
