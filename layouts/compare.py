"""Comparison page: several municipalities side by side on per-resident figures and indicators, with the median."""

from __future__ import annotations

from dash import dcc, html

from finance import formatting
from finance.compare import Cell, Row
from finance.text import html_lang, t
from layouts import components, ids, terms


def layout(locale: str) -> html.Div:
    """The page skeleton: the municipality checklist is filled and read by the compare callback."""
    return html.Div(
        [
            html.H1(t("compare.heading", locale)),
            html.P(t("compare.lede", locale), className="lede"),
            html.Fieldset(
                [
                    html.Legend(t("compare.choose", locale)),
                    html.Div(id=ids.COMPARE_SELECT, className="compare-choice"),
                    html.Label(t("compare_search.label", locale), htmlFor=ids.COMPARE_SEARCH, className="compare-add"),
                    dcc.Input(
                        id=ids.COMPARE_SEARCH,
                        type="search",
                        debounce=True,
                        maxLength=40,
                        autoComplete="off",
                        placeholder=t("compare_search.placeholder", locale),
                        className="compare-search",
                    ),
                    html.P(t("compare_search.hint", locale), className="compare-hint"),
                ]
            ),
            dcc.Loading(html.Div(id=ids.COMPARE_CONTENT), type="dot"),
        ],
        className="page page-compare",
        lang=html_lang(locale),
    )


def choice(chosen: list[tuple[str, str, str]], offered: list[tuple[str, str, str]], locale: str) -> list[object]:
    """The chosen bodies, each with a link that takes it out, and the offered ones, each with a link that adds it.

    ``(code, name, href)`` each. Plain links: the choice lives in the URL (``with``), so a committee can quote the
    comparison by its link, and a keyboard, a screen reader and a browser without script can all use it.
    """
    return [
        html.Ul(
            [
                html.Li(
                    [
                        html.Span(name, className="compare-name"),
                        dcc.Link(t("compare_search.remove", locale, name=name), href=href, className="compare-remove"),
                    ]
                )
                for _, name, href in chosen
            ],
            className="compare-chosen",
            **{"aria-label": t("compare_search.chosen", locale)},
        ),
        html.Ul(
            [
                html.Li(
                    terms.english(
                        dcc.Link(t("compare_search.add", locale, name=name), href=href, className="compare-add-link"),
                        locale,
                        name,
                    )
                )
                for _, name, href in offered
            ],
            className="compare-offered",
            **{"aria-label": t("compare_search.offered", locale)},
        )
        if offered
        else None,
    ]


def _value(cell: Cell, unit: str, locale: str) -> str:
    if cell.value is None:
        return (
            formatting.published_ratio(None, cell.status, None, 1, locale)
            if cell.status != "missing"
            else t("common.no_data", locale)
        )
    if unit == "yen":
        return formatting.yen(int(cell.value), locale=locale)
    return formatting.percent(cell.value, decimals=1, mode="truncate", locale=locale)


def _row_table(row: Row, locale: str) -> html.Section:
    lines = [
        [
            cell.name,
            _value(cell, row.unit, locale),
            formatting.fiscal_year_label(cell.year, locale) if cell.year else "—",
            t(f"compare.basis.{cell.account}", locale) if cell.account else "—",
        ]
        for cell in row.cells
    ]
    median = _value(
        Cell("", "", row.median, None, "ok" if row.median is not None else "missing", None), row.unit, locale
    )
    lines.append([t("compare.median", locale), median, "", ""])
    title = t(f"compare.measure.{row.measure}", locale)
    return html.Section(
        [
            html.H2(title),
            components.simple_table(  # in its own focusable region, named by the caption
                [
                    t("compare.col_name", locale),
                    t("compare.col_value", locale),
                    t("compare.col_year", locale),
                    t("compare.col_basis", locale),
                ],
                lines,
                caption=title,
            ),
        ],
        className="section",
    )


def content(rows: tuple[Row, ...], locale: str) -> list[object]:
    """The comparison tables (code order, never ranked) with the median of the chosen set."""
    if not rows or not rows[0].cells:
        return [html.P(t("compare.none", locale), className="empty-state")]
    return [html.P(t("compare.note", locale)), *[_row_table(row, locale) for row in rows]]
