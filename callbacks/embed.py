"""Embed callback: the path's figure and the stored view → one memoised render of the embed."""

from __future__ import annotations

from dash import Dash, Input, Output

from finance import indicators, narrative, queries, repository, viewstate
from finance.text import t
from layouts import embed, figurekit, ids, statichtml
from web import figurekit as figurekit_routes
from web.cache import cache


@cache.memoize()
def render(figure: str, municipality: str, year: int, locale: str, mode: str = "total") -> list[object]:
    """The filled embed of a valid figure and view; memoised whole."""
    ds = repository.get()
    name = queries.municipality_name(ds, municipality, locale) or municipality
    if "/" in figure:  # any figure of a page: <page>/<key>
        page, key = figure.split("/", 1)
        parts = figurekit.find(figurekit_routes.page_tree(page, municipality, year, mode, locale), key)
        view = viewstate.ViewState(
            municipality, year, locale, mode if page in figurekit_routes.RESIDENT_PAGES else "total", key
        )
        link = ("/" if page == "overview" else f"/{page}") + view.as_query()
        as_of = figurekit_routes.as_of_line(view, ds.version)
        return embed.figure_content(parts, name, as_of, link, locale)
    query = viewstate.ViewState(municipality, year, locale).as_query()
    as_of = figurekit_routes.as_of_line(viewstate.ViewState(municipality, year, locale), ds.version)
    if figure == "overview-trend":
        sentence = narrative.total_sentence(queries.overview(ds, municipality, year), locale)
        return embed.trend_content(queries.totals_series(ds, municipality), sentence, name, query, as_of, locale)
    indicator = figure.removeprefix("indicator-")
    page = indicators.page(ds, municipality, year)
    section = next((s for s in page.soundness if s.evaluation.indicator == indicator), None)
    return embed.indicator_content(section, name, year, query, as_of, locale)


def update_embed(pathname: str | None, state: object) -> list[object]:
    """The embed of the path's figure for the stored view; a plain message when nothing valid is selected."""
    view = viewstate.checked(repository.get(), state)
    figure = embed.figure_of(pathname)
    if view is None or view.year is None or figure is None:
        return [t("app.no_municipality", view.locale if view else "ja")]
    return render(figure, view.municipality, view.year, view.locale, view.mode)


def register(app: Dash) -> None:
    """Bind the embed callback to ``app``."""
    app.callback(Output(ids.EMBED_CONTENT, "children"), Input(ids.URL, "pathname"), Input(ids.STATE_STORE, "data"))(
        statichtml.frozen(update_embed)
    )
