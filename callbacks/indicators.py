"""Indicators callback: parse the view → one memoised call (domain query + page builder)."""

from __future__ import annotations

from dash import Dash, Input, Output

from finance import documents, indicators, queries, repository, viewstate
from finance.text import t
from layouts import documents as documents_layout
from layouts import figurekit, ids, statichtml, terms
from layouts import indicators as indicators_layout
from web.cache import cache


@cache.memoize()
def render(municipality: str, year: int, locale: str) -> list[object]:
    """The filled indicators page of a valid view; memoised whole, keyed by primitives and the data version."""
    ds = repository.get()
    name = queries.municipality_name(ds, municipality, locale) or municipality
    page = indicators.page(ds, municipality, year)
    tree = indicators_layout.content(page, name, queries.account_names(ds, municipality, locale), locale)
    tree = [*tree, *documents_layout.section(documents.tables(ds, municipality, "indicators", locale), locale)]
    return terms.english(figurekit.decorate(tree, "indicators", municipality, year, "total", locale), locale, name)


def update_indicators(state: object) -> list[object]:
    """The indicators page for the stored view; an explicit message when nothing valid is selected."""
    view = viewstate.checked(repository.get(), state)
    if view is None or view.year is None:
        return [t("app.no_municipality", view.locale if view else "ja")]
    return render(view.municipality, view.year, view.locale)


def register(app: Dash) -> None:
    """Bind the indicators callback to ``app``."""
    app.callback(Output(ids.INDICATORS_CONTENT, "children"), Input(ids.STATE_STORE, "data"))(
        statichtml.frozen(update_indicators)
    )
