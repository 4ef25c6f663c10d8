"""Compare callback: view state + the chosen municipalities → one domain call → the page builder."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx

from finance import compare, picker, queries, repository, viewstate
from finance.text import is_japanese, t
from layouts import compare as compare_layout
from layouts import ids, terms

SEARCH_SHOWN = 12
"""Bodies a search adds to the checklist at most (the typed text narrows it further)."""


def choices(state: object, query: object = None, chosen: object = None) -> tuple[list[dict[str, str]], list[str]]:
    """Checklist options and the choice.

    Offered: the bodies with their own documents, the body shown, the bodies already ticked and those matching the
    typed text (``query``: name, かな or 団体コード, any body) — never a list of all. Without a query (a new view)
    the documents' bodies and the body shown are ticked; a search keeps the ticks and only adds unticked matches.
    """
    ds = repository.get()
    view = viewstate.checked(ds, state)
    locale = view.locale if view else "ja"
    kept = [c for c in chosen if isinstance(c, str) and c in ds.codes] if isinstance(chosen, list) else []
    searching = isinstance(query, str)
    found = picker.search(ds, query, SEARCH_SHOWN) if isinstance(query, str) else None
    matches = [e.code for g in found.groups for e in g.entries] if found else []
    offered = ds.seed_codes | ({view.municipality} if view else set()) | set(kept) | set(matches)
    options = [
        {"label": ja if is_japanese(locale) or not en else en, "value": code}
        for code, ja, en in queries.municipalities(ds)
        if code in offered or not ds.seed_codes
    ]
    if searching:
        return options, kept[: compare.MAX_CODES]
    default = (ds.seed_codes | ({view.municipality} if view else set())) if ds.seed_codes else set(offered)
    return options, [o["value"] for o in options if o["value"] in default][: compare.MAX_CODES]


def _choices(state: object, query: object, chosen: object) -> tuple[list[dict[str, str]], list[str]]:
    searching = ctx.triggered_id == ids.COMPARE_SEARCH if ctx.triggered else False
    return choices(state, query if searching else None, chosen)


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
        Output(ids.COMPARE_SELECT, "options"),
        Output(ids.COMPARE_SELECT, "value"),
        Input(ids.STATE_STORE, "data"),
        Input(ids.COMPARE_SEARCH, "value"),
        State(ids.COMPARE_SELECT, "value"),
    )(_choices)
    app.callback(
        Output(ids.COMPARE_CONTENT, "children"), Input(ids.STATE_STORE, "data"), Input(ids.COMPARE_SELECT, "value")
    )(update_compare)
