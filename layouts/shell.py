"""The frame of every page: skip link, header with selectors, navigation, page container and footer."""

from __future__ import annotations

from dash import dcc, html

from finance.text import DEFAULT_LOCALE, t
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


def nav_links(locale: str, pathname: str, query: str = "") -> list[object]:
    """Navigation links that keep the current view (municipality, year, language) in their query string."""
    links = []
    for path, key in PAGES_IN_NAV:
        label: list[object] = [t(key, locale)]
        if path == pathname:  # dcc.Link takes no aria attributes: say it in words for screen readers
            label.append(html.Span(t("app.current_page", locale), className="visually-hidden"))
        css = "nav-link" + (" is-current" if path == pathname else "")
        links.append(html.Li(dcc.Link(label, href=path + query, className=css)))
    return links


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
                    html.Nav(
                        html.Ul(nav_links(locale, "/"), id=ids.NAV),
                        className="site-nav",
                        **{"aria-label": t("app.nav_label", locale)},
                    ),
                ],
                className="site-header site-chrome",
            ),
            html.Main(html.Div(id=ids.PAGE_CONTENT), id="main", tabIndex="-1"),
            html.Footer(html.Div(id=ids.FOOTER_TEXT), className="site-footer site-chrome"),
        ],
        className="app-root",
    )
