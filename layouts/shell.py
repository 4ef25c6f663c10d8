"""The frame of every page: skip link, header with selectors, navigation, the display-mode switch of the resident
pages, page container and footer."""

from __future__ import annotations

from collections.abc import Mapping

from dash import dcc, html

from finance.picker import Result
from finance.text import DEFAULT_LOCALE, t
from finance.topics.common import MODES
from finance.viewstate import DEFAULT_MODE
from layouts import ids

PAGES_IN_NAV: tuple[tuple[str, str], ...] = (
    ("/", "nav.overview"),
    ("/indicators", "nav.indicators"),
    ("/revenue", "nav.revenue"),
    ("/expenditure", "nav.expenditure"),
    ("/funds", "nav.funds"),
    ("/debt", "nav.debt"),
    ("/staff", "nav.staff"),
    ("/enterprise", "nav.enterprise"),
    ("/household", "nav.household"),
    ("/tax", "nav.tax"),
    ("/compare", "nav.compare"),
    ("/glossary", "nav.glossary"),
)

INDEX_STRING = """<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""
"""Dash's page template with its scripts in a plain ``<div>``: Dash's own wraps them in a ``<footer>``, a second
``contentinfo`` landmark beside the site's footer (axe: landmark-no-duplicate-contentinfo, landmark-unique)."""

MODE_PAGES: frozenset[str] = frozenset(("/revenue", "/expenditure", "/funds", "/debt", "/staff", "/enterprise"))
"""The pages whose amounts follow the total / per-resident / share switch (it is hidden elsewhere)."""


def nav_links(locale: str, pathname: str, query: str = "") -> list[object]:
    """Navigation links that keep the current view (municipality, year, mode, language) in their query string."""
    links = []
    for path, key in PAGES_IN_NAV:
        label: list[object] = [t(key, locale)]
        if path == pathname:  # dcc.Link takes no aria attributes: say it in words for screen readers
            label.append(html.Span(t("app.current_page", locale), className="visually-hidden"))
        css = "nav-link" + (" is-current" if path == pathname else "")
        links.append(html.Li(dcc.Link(label, href=path + query, className=css)))
    return links


def nav_menu(locale: str) -> html.Details:
    """The page links in a native disclosure: on a phone a one-line 「メニュー」 button that opens them (keyboard and
    screen readers know a <summary>; no script needed), on a wide screen always shown (CSS, ``::details-content``).
    """
    return html.Details(
        [
            html.Summary(t("firstscreen.menu", locale), id=ids.NAV_MENU_LABEL, className="nav-summary"),
            html.Ul(nav_links(locale, "/"), id=ids.NAV),
        ],
        id=ids.NAV_MENU,
        className="nav-menu",
    )


def mode_links(locale: str, pathname: str, queries: Mapping[str, str], current: str) -> list[object]:
    """The choices of the display-mode switch: links to this page in each mode (``queries``: mode → query string).

    Plain links, not a Dash radio widget: the mode is part of the URL, a link to each mode works with a keyboard, a
    screen reader and without script, and its markup is ours (Dash's RadioItems re-rendered its labels with
    ``aria-selected``, an attribute a label may not have). The shown mode is marked in words and by its frame.
    """
    links = []
    for mode in MODES:
        label: list[object] = [t(f"resident.mode.{mode}", locale)]
        if mode == current:  # dcc.Link takes no aria attributes: say it in words for screen readers
            label.append(html.Span(t("resident.mode.shown", locale), className="visually-hidden"))
        css = "mode-link" + (" is-current" if mode == current else "")
        links.append(html.Li(dcc.Link(label, href=pathname + queries.get(mode, ""), className=css)))
    return links


def mode_switch(locale: str) -> html.Div:
    """The one switch every amount chart of the resident pages follows: total, per resident, share of the total.

    Its value lives in the URL (``mode``), not in the browser: the chrome callback writes the links and shows the
    switch on :data:`MODE_PAGES` only.
    """
    return html.Div(
        [
            html.Span(
                t("resident.mode.label", locale), id=ids.MODE_LABEL, className="mode-label", **{"aria-hidden": "true"}
            ),
            html.Ul(mode_links(locale, "/", {}, DEFAULT_MODE), id=ids.MODE_LINKS, className="mode-links"),
        ],
        id=ids.MODE_GROUP,
        className="mode-switch",
        role="group",
        hidden=True,
        **{"aria-label": t("resident.mode.label", locale)},
    )


def picker(locale: str) -> html.Div:
    """The body finder: a search field and the matching bodies as links, grouped by 都道府県 (works with a keyboard,
    a screen reader and on a phone; the URL parameter ``m`` stays the only state)."""
    return html.Div(
        [
            html.Label(t("picker.label", locale), htmlFor=ids.PICKER_INPUT, id=ids.PICKER_LABEL),
            dcc.Input(
                id=ids.PICKER_INPUT,
                type="search",
                debounce=0.3,
                autoComplete="off",
                placeholder=t("picker.placeholder", locale),
                className="picker-input",
                inputMode="search",
            ),
            html.P(t("picker.hint", locale), id=ids.PICKER_HINT, className="picker-hint"),
            html.Div(
                id=ids.PICKER_RESULTS,
                className="picker-results",
                role="region",
                **{"aria-live": "polite", "aria-labelledby": ids.PICKER_LABEL},
            ),
        ],
        className="control control-picker",
    )


def picker_results(result: Result, pathname: str, locale: str, queries_by_code: dict[str, str]) -> list[object]:
    """The matches of a query: a count sentence, then one list of links per 都道府県 (never a rank)."""
    if not result.query.strip():
        return []
    if not result.total:
        return [html.P(t("picker.none", locale, query=result.query), className="picker-count")]
    out: list[object] = [
        html.P(t("picker.count", locale, query=result.query, count=f"{result.total:,}"), className="picker-count")
    ]
    for group in result.groups:
        links = [
            html.Li(
                dcc.Link(
                    [
                        entry.name_ja if locale == "ja" or not entry.name_en else f"{entry.name_en} ({entry.name_ja})",
                        html.Span(f" {entry.code}", className="picker-code"),
                    ],
                    href=pathname + queries_by_code[entry.code],
                    className="picker-link",
                )
            )
            for entry in group.entries
        ]
        out.append(
            html.Section(
                [html.H3(group.prefecture_ja, className="picker-group"), html.Ul(links, className="picker-list")],
                className="picker-prefecture",
            )
        )
    if result.total > result.shown:
        out.append(html.P(t("picker.more", locale, count=f"{result.total - result.shown:,}"), className="picker-more"))
    return out


def layout() -> html.Div:
    """The shell. Controls start empty; the state callback fills them from the URL."""
    locale = DEFAULT_LOCALE
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.STATE_STORE),
            html.A(t("app.skip_to_content", locale), href="#main", id=ids.SKIP_LINK, className="skip-link"),
            html.Header(
                [
                    html.Div(
                        [
                            html.P(t("common.site_name", locale), id=ids.HEADER_TITLE, className="site-title"),
                        ],
                        className="brand",
                    ),
                    # before the selectors: on a phone the menu button sits beside the site's name
                    html.Nav(
                        nav_menu(locale),
                        className="site-nav",
                        **{"aria-label": t("app.nav_label", locale)},
                    ),
                    html.Div(
                        [
                            html.Div(
                                [
                                    html.Label(
                                        t("app.municipality", locale),
                                        htmlFor=ids.MUNICIPALITY_SELECT,
                                        id=ids.MUNICIPALITY_LABEL,
                                    ),
                                    dcc.Dropdown(
                                        id=ids.MUNICIPALITY_SELECT, clearable=False, searchable=True, className="select"
                                    ),
                                ],
                                className="control",
                            ),
                            picker(locale),
                            html.Div(
                                [
                                    html.Label(t("app.year", locale), htmlFor=ids.YEAR_SELECT, id=ids.YEAR_LABEL),
                                    dcc.Dropdown(
                                        id=ids.YEAR_SELECT, clearable=False, searchable=False, className="select"
                                    ),
                                ],
                                className="control",
                            ),
                            html.Div(
                                [
                                    dcc.RadioItems(
                                        id=ids.LANG_RADIO,
                                        options=[
                                            {"label": "日本語", "value": "ja"},
                                            {"label": "English", "value": "en"},
                                            {"label": "やさしい日本語", "value": "easy"},
                                        ],
                                        value=locale,
                                        inline=True,
                                        className="lang-radio",
                                        inputClassName="lang-input",
                                        labelClassName="lang-label",
                                    ),
                                ],
                                className="control control-lang",
                                role="group",
                                **{"aria-label": t("app.language", locale)},
                            ),
                        ],
                        className="controls",
                    ),
                ],
                className="site-header site-chrome",
            ),
            html.Main([mode_switch(locale), html.Div(id=ids.PAGE_CONTENT)], id="main", tabIndex="-1"),
            html.Footer(html.Div(id=ids.FOOTER_TEXT), className="site-footer site-chrome"),
        ],
        className="app-root",
    )
