"""Compare callback: view state + the chosen municipalities → one domain call → the page builder."""

from __future__ import annotations

from dataclasses import replace

from dash import Dash, Input, Output

from finance import compare, picker, queries, repository, viewstate
from finance.load import Dataset
from finance.text import is_japanese, t
from layouts import compare as compare_layout
from layouts import ids, statichtml, terms

SEARCH_SHOWN = 12
"""Bodies a search offers at most (the typed text narrows it further)."""


def chosen_codes(ds: Dataset, view: viewstate.ViewState) -> list[str]:
    """The compared bodies: the link's ``with``, else the bodies with their own documents and the body shown."""
    if view.bodies:
        return list(view.bodies)
    default = set(ds.seed_codes) | {view.municipality}
    return sorted(default)[: compare.MAX_CODES]


def choices(state: object, query: object = None) -> list[object]:
    """The choice: the chosen bodies with a link taking each out, and the offered ones (the bodies with their own
    documents, the body shown and those matching the typed text — name, かな or 団体コード, any body; never a list
    of all) with a link adding each. Each link is this page with another ``with``."""
    ds = repository.get()
    view = viewstate.checked(ds, state)
    if view is None:
        return []
    locale = view.locale
    chosen = chosen_codes(ds, view)
    found = picker.search(ds, query, SEARCH_SHOWN) if isinstance(query, str) else None
    matches = [e.code for g in found.groups for e in g.entries] if found else []
    names = {code: (ja if is_japanese(locale) or not en else en) for code, ja, en in queries.municipalities(ds)}

    def href(codes: list[str]) -> str:
        return "/compare" + replace(view, figure=None, bodies=tuple(codes)).as_query()

    taken = [(c, names[c], href([x for x in chosen if x != c])) for c in chosen if c in names]
    candidates = [*sorted(ds.seed_codes | {view.municipality}), *matches]
    offered = [(c, names[c], href([*chosen, c])) for c in dict.fromkeys(candidates) if c not in chosen and c in names]
    return terms.english(compare_layout.choice(taken, offered, locale), locale)


def update_compare(state: object) -> list[object]:
    """The comparison of the chosen bodies for the stored view's year."""
    ds = repository.get()
    view = viewstate.checked(ds, state)
    if view is None or view.year is None:
        return [t("app.no_municipality", view.locale if view else "ja")]
    codes = chosen_codes(ds, view)
    return terms.english(
        compare_layout.content(compare.compare(ds, codes, view.year, view.locale), view.locale), view.locale
    )


def register(app: Dash) -> None:
    """Bind the compare callbacks to ``app``."""
    app.callback(
        Output(ids.COMPARE_SELECT, "children"), Input(ids.STATE_STORE, "data"), Input(ids.COMPARE_SEARCH, "value")
    )(choices)
    app.callback(Output(ids.COMPARE_CONTENT, "children"), Input(ids.STATE_STORE, "data"))(
        statichtml.frozen(update_compare)
    )
