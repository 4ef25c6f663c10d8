"""Resident-page callbacks: view state (its display mode included, or + the tax amount) → one memoised domain
query → one page builder."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from dash import Dash, Input, Output

from finance import documents, queries, repository, viewstate
from finance.text import t
from finance.topics.debt import debt_page
from finance.topics.enterprise import enterprise_page
from finance.topics.funds import funds_page
from finance.topics.household import MAX_TAX_YEN
from finance.topics.household import household as household_of
from finance.topics.settlement import expenditure_page, revenue_page
from finance.topics.staff import staff_page
from layouts import (
    debt,
    enterprise,
    expenditure,
    figurekit,
    funds,
    household,
    ids,
    revenue,
    staff,
    statichtml,
    tax,
    terms,
)
from layouts import documents as documents_layout
from web import cache


def checked_amount(amount: object) -> int | None:
    """A whole number of yen between 0 and :data:`MAX_TAX_YEN`, or ``None`` for anything else."""
    if isinstance(amount, bool) or not isinstance(amount, (int, float, str)):
        return None
    try:
        value = Decimal(str(amount).strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value != value.to_integral_value() or value < 0 or value > MAX_TAX_YEN:
        return None
    return int(value)


def _view(state: object) -> tuple[viewstate.ViewState | None, str]:
    view = viewstate.checked(repository.get(), state)
    return view, (view.locale if view else "ja")


def _name(view: viewstate.ViewState) -> str:
    return queries.municipality_name(repository.get(), view.municipality, view.locale) or view.municipality


def _no_view(locale: str) -> list[object]:
    return [t("app.no_municipality", locale)]


RENDERERS: dict[str, tuple[Callable[..., object], Callable[..., list[object]]]] = {
    "revenue": (revenue_page, revenue.content),
    "expenditure": (expenditure_page, expenditure.content),
    "funds": (funds_page, funds.content),
    "debt": (debt_page, debt.content),
    "staff": (staff_page, staff.content),
    "enterprise": (enterprise_page, enterprise.content),
}


@cache.cache.memoize()
def render(page: str, municipality: str, year: int, mode: str, locale: str) -> list[object]:
    """One resident page of a valid view, memoised whole (domain query and builder), keyed by primitives."""
    ds = repository.get()
    fetch, build = RENDERERS[page]
    name = queries.municipality_name(ds, municipality, locale) or municipality
    tree = build(fetch(ds, municipality, year), name, mode, locale)  # type: ignore[call-arg]
    if page == "debt":
        tree = [*tree, *documents_layout.projects_section(documents.projects(ds, municipality, locale), locale)]
    tree = [*tree, *documents_layout.section(documents.tables(ds, municipality, page, locale), locale)]
    return terms.english(figurekit.decorate(tree, page, municipality, year, mode, locale), locale, name)


@cache.cache.memoize()
def render_household(municipality: str, year: int, locale: str) -> list[object]:
    """「家計に例えると」 of a valid view, memoised whole."""
    ds = repository.get()
    name = queries.municipality_name(ds, municipality, locale) or municipality
    tree = household.content(household_of(ds, municipality, year), name, locale)
    return terms.english(figurekit.decorate(tree, "household", municipality, year, "total", locale), locale, name)


def _page_callback(page: str) -> Callable[[object], list[object]]:
    def update(state: object) -> list[object]:
        view, locale = _view(state)
        if view is None or view.year is None:
            return _no_view(locale)
        return render(page, view.municipality, view.year, view.mode, locale)

    return update


update_revenue = _page_callback("revenue")
update_expenditure = _page_callback("expenditure")
update_funds = _page_callback("funds")
update_debt = _page_callback("debt")
update_staff = _page_callback("staff")
update_enterprise = _page_callback("enterprise")


def update_household(state: object) -> list[object]:
    """「家計に例えると」 for the stored view."""
    view, locale = _view(state)
    if view is None or view.year is None:
        return _no_view(locale)
    return render_household(view.municipality, view.year, locale)


def update_tax(state: object, amount: object) -> list[object]:
    """The entered amount divided in the year's expenditure shares; a plain message for an invalid amount."""
    view, locale = _view(state)
    if view is None or view.year is None:
        return _no_view(locale)
    yen = checked_amount(amount)
    if yen is None:
        return tax.invalid(locale)
    name = _name(view)
    return terms.english(tax.content(cache.tax_split(view.municipality, view.year, yen), name, locale), locale, name)


PAGES = (  # the display mode comes with the view (URL ``mode``, the shell's one switch)
    (ids.REVENUE_CONTENT, update_revenue),
    (ids.EXPENDITURE_CONTENT, update_expenditure),
    (ids.FUNDS_CONTENT, update_funds),
    (ids.DEBT_CONTENT, update_debt),
    (ids.STAFF_CONTENT, update_staff),
    (ids.ENTERPRISE_CONTENT, update_enterprise),
)


def register(app: Dash) -> None:
    """Bind the resident-page callbacks to ``app``."""
    for content_id, update in PAGES:
        app.callback(Output(content_id, "children"), Input(ids.STATE_STORE, "data"))(statichtml.frozen(update))
    app.callback(Output(ids.HOUSEHOLD_CONTENT, "children"), Input(ids.STATE_STORE, "data"))(
        statichtml.frozen(update_household)
    )
    app.callback(
        Output(ids.TAX_CONTENT, "children"), Input(ids.STATE_STORE, "data"), Input(ids.TAX_AMOUNT_INPUT, "value")
    )(statichtml.frozen(update_tax))
