"""The page table: the only place where paths and page layouts are tied together."""

from __future__ import annotations

from collections.abc import Callable

from dash import html

from layouts import (
    compare,
    debt,
    embed,
    enterprise,
    expenditure,
    funds,
    glossary,
    household,
    indicators,
    not_found,
    overview,
    revenue,
    staff,
    tax,
    terms,
)

PAGES: dict[str, Callable[[str], html.Div]] = {
    "/": overview.layout,
    "/indicators": indicators.layout,
    "/revenue": revenue.layout,
    "/expenditure": expenditure.layout,
    "/funds": funds.layout,
    "/debt": debt.layout,
    "/staff": staff.layout,
    "/enterprise": enterprise.layout,
    "/household": household.layout,
    "/tax": tax.layout,
    "/glossary": glossary.layout,
    "/compare": compare.layout,
}


def page_layout(pathname: str | None, locale: str) -> html.Div:
    """The layout for a path, or the not-found page."""
    if is_embed(pathname):
        return embed.layout(locale)
    return terms.english(PAGES.get(pathname or "/", not_found.layout)(locale), locale)


def is_embed(pathname: str | None) -> bool:
    """Whether the path is an allowed embed (``/embed/<figure>``; unknown figures are not found)."""
    return embed.figure_of(pathname) is not None


def validation_layout() -> list[html.Div]:
    """Every page skeleton, so Dash can check callbacks whose outputs live on pages not yet shown."""
    return [*(build("ja") for build in PAGES.values()), embed.layout("ja")]
