"""Embed callback: the path's figure and the stored view → one memoised render of the embed."""

from __future__ import annotations

from dash import Dash, Input, Output

from callbacks.cache import cache
from finance import indicators, narrative, queries, repository, viewstate
from finance.text import t
from layouts import embed, ids


@cache.memoize()
def render(figure: str, municipality: str, year: int, locale: str) -> list[object]:
    """The filled embed of a valid figure and view; memoised whole."""
    ds = repository.get()
    name = queries.municipality_name(ds, municipality, locale) or municipality
    query = viewstate.ViewState(municipality, year, locale).as_query()
    if figure == "overview-trend":
        sentence = narrative.total_sentence(queries.overview(ds, municipality, year), locale)
        return embed.trend_content(queries.totals_series(ds, municipality), sentence, name, query, ds.version, locale)
    indicator = figure.removeprefix("indicator-")
    page = indicators.page(ds, municipality, year)
    section = next((s for s in page.soundness if s.evaluation.indicator == indicator), None)
    return embed.indicator_content(section, name, year, query, ds.version, locale)


def update_embed(pathname: str | None, state: object) -> list[object]:
    """The embed of the path's figure for the stored view; a plain message when nothing valid is selected."""
    view = viewstate.checked(repository.get(), state)
    figure = embed.figure_of(pathname)
    if view is None or view.year is None or figure is None:
        return [t("app.no_municipality", view.locale if view else "ja")]
    return render(figure, view.municipality, view.year, view.locale)


def register(app: Dash) -> None:
    """Bind the embed callback to ``app``."""
    app.callback(Output(ids.EMBED_CONTENT, "children"), Input(ids.URL, "pathname"), Input(ids.STATE_STORE, "data"))(
        update_embed
    )
