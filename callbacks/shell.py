"""Shell callbacks: URL ⇄ selectors and display-mode switch (one circular callback), translated chrome, routing and
the footer."""

from __future__ import annotations

from dataclasses import replace

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, html

from finance import formatting, picker, queries, repository, viewstate
from finance.text import is_japanese, t
from finance.topics.common import MODES
from layouts import components, ids, page_layout, statichtml, terms
from layouts.shell import MODE_PAGES, mode_links, nav_links, picker_results


def sync_state(
    search: str | None, municipality: object, year: object, mode: object, locale: object, triggered: str | None
) -> tuple[object, ...]:
    """Resolve the view from the URL (on load and back/forward) or from the selectors, and write both ways.

    A change of municipality, year, mode or language keeps the selected figure (``fig``) of the URL.
    Returns the query string, municipality options and value, year options and value, mode, locale and the store
    data.
    """
    ds = repository.get()
    query = viewstate.parse_query(search)
    if triggered in (None, ids.URL):
        params: dict[str, object] = dict(query)
    else:
        params = {"m": municipality, "y": year, "mode": mode, "fig": query.get("fig"), "with": query.get("with")}
        params["lang"] = locale
    state = viewstate.resolve(ds, params)
    offered = ds.seed_codes | {state.municipality}  # the bodies of the documents and the one shown; the rest: picker
    names = [  # English: the romanised name (a select cannot mark a language), found by the Japanese one too
        {"label": name_ja, "value": code}
        if is_japanese(state.locale) or not name_en
        else {"label": name_en, "value": code, "search": f"{name_en} {name_ja}"}
        for code, name_ja, name_en in queries.municipalities(ds)
        if code in offered or not ds.seed_codes
    ]
    years = [
        {"label": components.year_label(y, state.locale, kind), "value": y}
        for y, kind in reversed(queries.year_kinds(ds, state.municipality).items())
    ]
    return (
        state.as_query(),
        names,
        state.municipality,
        years,
        state.year,
        state.mode,
        state.locale,
        state.as_dict(),
    )


def chrome_text(state: object, pathname: str | None) -> tuple[object, ...]:
    """Labels, navigation (keeping the view but not its figure), skip link and the display-mode switch (shown on
    the pages that use it) in the chosen language."""
    if not isinstance(pathname, str):
        pathname = None  # the guard lets only text through; a direct call may still pass anything
    view = viewstate.from_store(state)
    locale = view.locale if view else "ja"
    mode_label = t("resident.mode.label", locale)
    here = pathname or "/"
    modes = {m: replace(view, mode=m).as_query() for m in MODES} if view else {}
    return (
        t("common.site_name", locale),
        t("app.municipality", locale),
        t("app.year", locale),
        terms.english(nav_links(locale, here, view.without_figure().as_query() if view else ""), locale),
        t("app.skip_to_content", locale),
        mode_links(locale, here, modes, view.mode if view else viewstate.DEFAULT_MODE),
        mode_label,
        mode_label,
        pathname not in MODE_PAGES,
    )


def route(pathname: str | None, state: object) -> html.Div:
    """The page skeleton for a path (unknown paths get the not-found page)."""
    view = viewstate.from_store(state)
    pathname = pathname if isinstance(pathname, str) else None
    return page_layout(pathname, view.locale if view else "ja")


def picker_text(state: object) -> tuple[str, str, str]:
    """The picker's label, hint and placeholder in the chosen language."""
    view = viewstate.from_store(state)
    locale = view.locale if view else "ja"
    return t("picker.label", locale), t("picker.hint", locale), t("picker.placeholder", locale)


def menu_text(state: object) -> str:
    """The label of the phone menu (the navigation's disclosure) in the chosen language."""
    view = viewstate.from_store(state)
    return t("firstscreen.menu", view.locale if view else "ja")


def footer(state: object) -> list[object]:
    """The documents behind the shown municipality's figures, their dates, and the data version."""
    ds = repository.get()
    view = viewstate.checked(ds, state)
    if view is None:
        return []
    locale = view.locale
    items = [
        html.Li(f"{s.publisher_ja}「{s.title_ja if is_japanese(locale) else s.title_en}」（{s.published}）")
        for s in queries.sources_used(ds, view.municipality)
    ]
    return [
        html.H2(t("app.footer_sources", locale), className="footer-heading"),
        html.Ul(items),
        html.P(t("app.footer_note", locale)),
        html.P(t("app.footer_version", locale, version=ds.version), className="data-version"),
    ]


def find_bodies(query: object, state: object, pathname: str | None) -> list[object]:
    """The bodies matching the typed text, as links to the same page for each (the URL stays the only state)."""
    ds = repository.get()
    view = viewstate.from_store(state)
    locale = view.locale if view else "ja"
    result = picker.search(ds, query if isinstance(query, str) else "")
    target = pathname if pathname in _PATHS else "/"
    links = {
        e.code: viewstate.ViewState(
            e.code, queries.latest_indicator_year(ds, e.code) if target == "/indicators" else None, locale
        ).as_query()
        for g in result.groups
        for e in g.entries
    }  # the indicators page opens a body on its latest indicators year; other pages on its default year
    return picker_results(result, target, locale, links)


_PATHS = frozenset(("/", "/indicators", "/revenue", "/expenditure", "/funds", "/debt", "/staff", "/enterprise",
                    "/household", "/tax", "/compare"))  # fmt: skip


def _sync(search: str | None, municipality: object, year: object, locale: object) -> tuple[object, ...]:
    """The state callback: the display mode comes from the URL only (its switch is a set of links)."""
    mode = viewstate.parse_query(search).get("mode")
    out = sync_state(search, municipality, year, mode, locale, ctx.triggered_id if ctx.triggered else None)
    return out[:5] + out[6:]


def register(app: Dash) -> None:
    """Bind the shell callbacks to ``app``."""
    app.callback(
        Output(ids.URL, "search"),
        Output(ids.MUNICIPALITY_SELECT, "options"),
        Output(ids.MUNICIPALITY_SELECT, "value"),
        Output(ids.YEAR_SELECT, "options"),
        Output(ids.YEAR_SELECT, "value"),
        Output(ids.LANG_RADIO, "value"),
        Output(ids.STATE_STORE, "data"),
        Input(ids.URL, "search"),
        Input(ids.MUNICIPALITY_SELECT, "value"),
        Input(ids.YEAR_SELECT, "value"),
        Input(ids.LANG_RADIO, "value"),
    )(_sync)
    app.callback(
        Output(ids.HEADER_TITLE, "children"),
        Output(ids.MUNICIPALITY_LABEL, "children"),
        Output(ids.YEAR_LABEL, "children"),
        Output(ids.NAV, "children"),
        Output(ids.SKIP_LINK, "children"),
        Output(ids.MODE_LINKS, "children"),
        Output(ids.MODE_LABEL, "children"),
        Output(ids.MODE_GROUP, "aria-label"),
        Output(ids.MODE_GROUP, "hidden"),
        Input(ids.STATE_STORE, "data"),
        Input(ids.URL, "pathname"),
    )(chrome_text)
    app.callback(Output(ids.PAGE_CONTENT, "children"), Input(ids.URL, "pathname"), Input(ids.STATE_STORE, "data"))(
        statichtml.frozen(route)
    )
    app.callback(Output(ids.FOOTER_TEXT, "children"), Input(ids.STATE_STORE, "data"))(footer)
    app.callback(
        Output(ids.PICKER_RESULTS, "children"),
        Input(ids.PICKER_INPUT, "value"),
        State(ids.STATE_STORE, "data"),
        State(ids.URL, "pathname"),
    )(find_bodies)
    app.callback(
        Output(ids.PICKER_LABEL, "children"),
        Output(ids.PICKER_HINT, "children"),
        Output(ids.PICKER_INPUT, "placeholder"),
        Input(ids.STATE_STORE, "data"),
    )(picker_text)
    app.callback(Output(ids.NAV_MENU_LABEL, "children"), Input(ids.STATE_STORE, "data"))(menu_text)
    app.clientside_callback(
        ClientsideFunction("mieruka", "setLang"), Output(ids.SKIP_LINK, "title"), Input(ids.STATE_STORE, "data")
    )


__all__ = [
    "chrome_text",
    "find_bodies",
    "footer",
    "formatting",
    "menu_text",
    "picker_text",
    "register",
    "route",
    "sync_state",
]
