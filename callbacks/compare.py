"""Compare callback: view state + the chosen municipalities → one domain call → the page builder."""

from __future__ import annotations

from dash import Dash, Input, Output

from finance import compare, queries, repository, viewstate
from finance.text import is_japanese, t
from layouts import compare as compare_layout
from layouts import ids, terms


def choices(state: object) -> tuple[list[dict[str, str]], list[str]]:
    """Checklist options (the seed bodies and the body shown, not 1,919) and the default choice (all of them)."""
    ds = repository.get()
    view = viewstate.checked(ds, state)
    locale = view.locale if view else "ja"
    offered = ds.seed_codes | ({view.municipality} if view else set())
    options = [
        {"label": ja if is_japanese(locale) or not en else en, "value": code}
        for code, ja, en in queries.municipalities(ds)
        if code in offered or not ds.seed_codes
    ]
    return options, [o["value"] for o in options][: compare.MAX_CODES]


def update_compare(state: object, chosen: object) -> list[object]:
    """The comparison for the stored view's year; untrusted choices are filtered against the known codes."""
    ds = repository.get()
    view = viewstate.checked(ds, state)
    if view is None or view.year is None:
        return [t("app.no_municipality", view.locale if view else "ja")]
    codes = [c for c in chosen if isinstance(c, str)] if isinstance(chosen, list) else []
    return terms.english(
        compare_layout.content(compare.compare(ds, codes, view.year, view.locale), view.locale), view.locale
    )


def register(app: Dash) -> None:
    """Bind the compare callbacks to ``app``."""
    app.callback(
        Output(ids.COMPARE_SELECT, "options"), Output(ids.COMPARE_SELECT, "value"), Input(ids.STATE_STORE, "data")
    )(choices)
    app.callback(
        Output(ids.COMPARE_CONTENT, "children"), Input(ids.STATE_STORE, "data"), Input(ids.COMPARE_SELECT, "value")
    )(update_compare)
