"""Reusable page pieces. Builders receive ids and texts; they never invent ids or read data."""

from __future__ import annotations

from dash import html

from finance import formatting
from finance.queries import Source
from finance.status import ICONS, Status
from finance.text import t


def source_note(source: Source | None, locale: str, *, kind: str = "決算") -> html.P | None:
    """The source line every figure carries: 「出典: 発行者「資料名」（2014-10発行）表名、102行」."""
    if source is None:
        return None
    text = t(
        "app.source_line",
        locale,
        publisher=source.publisher_ja,
        title=source.title_ja if locale == "ja" else source.title_en,
        published=source.published,
        table=source.table,
    )
    if source.lines:
        text += t("app.source_lines_suffix", locale, lines=source.lines)
    children: list[object] = [text]
    if kind != "決算":
        children = [html.Strong(t(f"kind.{kind}", locale) + " "), text]
    return html.P(children, className="source-note")


def kpi_card(
    title: str, value: str, details: list[str], source: html.P | None, *, missing: bool = False
) -> html.Section:
    """A headline card: title, big value, a few plain lines and the source."""
    body: list[object] = [
        html.H3(title, className="card-title"),
        html.P(value, className="card-value" + (" card-value-missing" if missing else "")),
    ]
    body += [html.P(line, className="card-detail") for line in details]
    if source is not None:
        body.append(source)
    return html.Section(body, className="card kpi-card")


def status_badge(status: Status, locale: str) -> html.P:
    """A status shown by an icon and words (never colour alone)."""
    return html.P(
        [
            html.Span(ICONS[status], className="status-icon", **{"aria-hidden": "true"}),
            html.Span(t(f"status.{status.value}", locale)),
        ],
        className=f"status status-{status.value}",
    )


def ratio_card(
    name: str, plain: str, value: str, status: Status, threshold_lines: list[str], source: html.P | None, locale: str
) -> html.Section:
    """One soundness ratio: plain name with the official one, the value as published, status and thresholds."""
    body: list[object] = [
        html.H3(
            [html.Span(plain, className="ratio-plain"), html.Span(name, className="ratio-official")],
            className="card-title",
        ),
        html.P(value, className="card-value"),
        status_badge(status, locale),
        html.Ul([html.Li(line) for line in threshold_lines], className="threshold-list"),
    ]
    if source is not None:
        body.append(source)
    return html.Section(body, className="card ratio-card")


def year_label(year: int, locale: str, kind: str = "決算") -> str:
    """The label of a fiscal year in selectors: 「平成25年度（2013年度）」, "FY2013"; plan-only years say so."""
    label = (
        f"{formatting.fiscal_year_label(year, 'ja')}（{year}年度）"
        if locale == "ja"
        else formatting.fiscal_year_label(year, "en")
    )
    if kind != "決算":
        label += t(f"kind_suffix.{kind}", locale)
    return label


def simple_table(header: list[str], rows: list[list[str]]) -> html.Table:
    """An accessible data table: column headers scoped to columns, the first cell of each row to its row."""
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody([html.Tr([html.Th(r[0], scope="row"), *[html.Td(c) for c in r[1:]]]) for r in rows]),
        ],
        className="table",
    )
