"""Indicators callback: view state → one memoised domain query → the page builder."""

from __future__ import annotations

from dash import Dash, Input, Output

from callbacks import cache
from finance import queries, repository, viewstate
from finance.text import t
from layouts import ids
from layouts import indicators as indicators_layout


def update_indicators(state: object) -> list[object]:
    """The indicators page for the stored view; an explicit message when nothing valid is selected."""
    ds = repository.get()
    view = viewstate.checked(ds, state)
    if view is None or view.year is None:
        return [t("app.no_municipality", view.locale if view else "ja")]
    page = cache.indicators_page(view.municipality, view.year)
    name = queries.municipality_name(ds, view.municipality, view.locale) or view.municipality
    return indicators_layout.content(page, name, queries.account_names(ds, view.municipality, view.locale), view.locale)


def register(app: Dash) -> None:
    """Bind the indicators callback to ``app``."""
    app.callback(Output(ids.INDICATORS_CONTENT, "children"), Input(ids.STATE_STORE, "data"))(update_indicators)
