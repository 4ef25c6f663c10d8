"""「資料に載っている数値」: every printed figure of the page's documents, table by table, as printed."""

from __future__ import annotations

from dash import html

from finance import formatting
from finance.documents import Column, DocumentTable, ProjectsTable
from finance.text import is_japanese, t
from layouts import components, terms


def _column_label(column: Column, table: DocumentTable, locale: str) -> str:
    if column.fiscal_year is None:
        return t("documents.time_reference", locale, published=table.source.published)
    label = formatting.fiscal_year_label(column.fiscal_year, locale)
    if is_japanese(locale) and column.fiscal_year >= 2019 and table.source.published[:4] < "2019":
        label += f"（{t('documents.printed_heisei', locale, year=column.fiscal_year - 1988)}）"
    if column.figure_kind and column.figure_kind != "決算":
        label += t("terms.in_brackets", locale, text=t(f"resident.kind_short.{column.figure_kind}", locale))
    return label


def _printed(text: str, locale: str) -> object:
    """A heading or note as the (Japanese) document prints it: marked as Japanese on an English page."""
    return text if is_japanese(locale) or not terms.has_japanese(text) else terms.ja_term(text)


def _table(table: DocumentTable, locale: str) -> html.Details:
    header = [t("documents.item", locale), *[_column_label(c, table, locale) for c in table.columns]]
    rows = []
    for row in table.rows:
        cells: list[object] = [_printed(row.label, locale)]
        for column, cell in zip(table.columns, row.cells, strict=True):
            if cell is None:
                cells.append("")
                continue
            text = cell.text
            if column.figure_kind is None and cell.figure_kind and cell.figure_kind != "決算":
                text += t("documents.cell_kind", locale, kind=t(f"resident.kind_short.{cell.figure_kind}", locale))
            cells.append(_printed(text, locale))
        rows.append(cells)
    count = t("documents.count", locale, count=table.figure_count)
    return html.Details(
        [
            html.Summary([_printed(table.source.table, locale), f" — {count}"]),
            components.resident_table(header, rows),  # the summary above names the table
            *[html.P(_printed(note, locale), className="chart-note") for note in table.notes],
            components.source_note(table.source, locale),
        ],
        className="data-table document-table",
    )


def projects_section(table: ProjectsTable | None, locale: str) -> list[object]:
    """「借金の返済が重い理由となった大型事業」: the document's table of past projects and their bonds."""
    if table is None:
        return []
    header = [t(f"documents.projects.{key}", locale) for key in PROJECT_COLUMNS]
    rows = [
        [
            _printed(cell, locale)
            for cell in (p.name, p.account, p.aid, p.years, p.total_cost, p.bond_kind, p.bonds, p.redemption_end)
        ]
        for p in table.projects
    ]
    return [
        html.Section(
            [
                html.H2(t("documents.projects.title", locale)),
                html.P(t("documents.projects.explain", locale), className="explain"),
                components.resident_table(header, rows, caption=t("documents.projects.title", locale)),
                components.source_note(table.source, locale),
            ],
            className="section chart-section projects",
        )
    ]


PROJECT_COLUMNS = ("name", "account", "aid", "years", "total_cost", "bond_kind", "bonds", "redemption_end")


def section(tables: tuple[DocumentTable, ...], locale: str) -> list[object]:
    """The section (nothing when the page's documents print no further figure)."""
    if not tables:
        return []
    return [
        html.Section(
            [
                html.H2(t("documents.title", locale)),
                html.P(t("documents.explain", locale), className="explain"),
                *[_table(table, locale) for table in tables],
            ],
            className="section chart-section document-figures",
        )
    ]
