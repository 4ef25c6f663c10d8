"""Overview callback: view state → one memoised domain query → the page builder."""

from __future__ import annotations

from dash import Dash, Input, Output

from callbacks import cache
from finance import queries, repository, viewstate
from finance.text import t
from layouts import ids
from layouts import overview as overview_layout


def update_overview(state: object) -> list[object]:
    """The overview content for the stored view; an explicit message when nothing is selected."""
    view = viewstate.checked(repository.get(), state)
    if view is None or view.year is None:
        return [t("app.no_municipality", view.locale if view else "ja")]
    page = cache.overview_page(view.municipality, view.year)
    name = queries.municipality_name(repository.get(), view.municipality, view.locale) or view.municipality
    return overview_layout.content(page, name, view.locale)


def register(app: Dash) -> None:
    """Bind the overview callback to ``app``."""
    app.callback(Output(ids.OVERVIEW_CONTENT, "children"), Input(ids.STATE_STORE, "data"))(update_overview)
