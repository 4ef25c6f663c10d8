"""The page table: the only place where paths and page layouts are tied together."""

from __future__ import annotations

from collections.abc import Callable

from dash import html

from layouts import indicators, not_found, overview

PAGES: dict[str, Callable[[str], html.Div]] = {
    "/": overview.layout,
    "/indicators": indicators.layout,
}


def page_layout(pathname: str | None, locale: str) -> html.Div:
    """The layout for a path, or the not-found page."""
    return PAGES.get(pathname or "/", not_found.layout)(locale)


def validation_layout() -> list[html.Div]:
    """Every page skeleton, so Dash can check callbacks whose outputs live on pages not yet shown."""
    return [build("ja") for build in PAGES.values()]
