"""Data downloads: the tables behind the pages as CSV (UTF-8 with BOM, Excel-safe) and XLSX.

Pure: builds a :class:`Table` from the read models (:mod:`finance.queries`, :mod:`finance.indicators`,
:mod:`finance.topics`) and serialises it. Every table carries units in its column names, the source document,
table and publication date on each row, and a header block with the municipality, year and data version.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return) are prefixed with an apostrophe; numbers, negative ones included, are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from finance import figuremodel, formatting, indicators, queries
from finance.load import Dataset
from finance.queries import Source
from finance.text import is_japanese, t
from finance.topics.common import Breakdown
from finance.topics.settlement import function_breakdown, settlement_breakdown

Cell = str | int | float | None
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
INDICATOR_DATASETS = (
    *indicators.SOUNDNESS,
    "real_debt_service_ratio_single",
    "funding_shortfall_ratio",
    "ordinary_balance_ratio",
    "fiscal_capability_index",
)


@dataclass(frozen=True)
class Table:
    """One downloadable table.

    Attributes:
        dataset: the dataset id (``totals``, ``indicators`` …), used in file names.
        title: what the table is, in the view's language.
        meta: ``(label, value)`` lines of the header block (municipality, year, data version).
        header: column names, with units (「金額（千円）」).
        rows: the cells; numbers are ``int``/``float``, missing values ``None``.
        note: the source note row written after the table.
    """

    dataset: str
    title: str
    meta: tuple[tuple[str, str], ...]
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str


def neutralise(cell: Cell) -> Cell:
    """A text cell made safe for spreadsheets (``"=cmd"`` → ``"'=cmd"``); numbers and ``None`` unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


def _source_cells(source: Source | None, locale: str) -> tuple[Cell, ...]:
    if source is None:
        return (None, None, None, None)
    title = source.title_ja if is_japanese(locale) else source.title_en
    return (f"{source.publisher_ja}「{title}」", source.table, source.lines or None, source.published)


def _source_header(locale: str) -> tuple[str, ...]:
    return tuple(t(f"tools.col_{k}", locale) for k in ("source", "table", "lines", "published"))


def _number(value: float | Decimal | None, decimals: int | None = None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = float(round(value, decimals if decimals is not None else 3))
    return value


def _totals(ds: Dataset, code: str, year: int, locale: str) -> tuple[str, tuple[str, ...], list[tuple[Cell, ...]]]:
    series = queries.totals_series(ds, code)
    header = tuple(t(f"tools.col_{k}", locale) for k in ("year", "year_label", "revenue", "expenditure"))
    rows: list[tuple[Cell, ...]] = []
    for r in series.itertuples(index=False):
        fy = int(r.fiscal_year)  # type: ignore[arg-type]
        rows.append(
            (
                fy,
                formatting.fiscal_year_label(fy, locale),
                _int(r.revenue),
                _int(r.expenditure),
                *_source_cells(r.source if isinstance(r.source, Source) else None, locale),
            )
        )
    return t("tools.title_totals", locale), header + _source_header(locale), rows


def _int(value: object) -> int | None:
    if value is None or value is pd.NA:
        return None
    return int(value)  # type: ignore[call-overload,no-any-return]


def _ratio_value(value: float | None) -> float | None:
    return None if value is None else float(value)


def _indicators(ds: Dataset, code: str, year: int, locale: str) -> tuple[str, tuple[str, ...], list[tuple[Cell, ...]]]:
    page = indicators.page(ds, code, year)
    names = queries.account_names(ds, code, locale)
    header = tuple(
        t(f"tools.col_{k}", locale)
        for k in ("indicator", "account", "value", "unit", "published_text", "status", "early", "rebuilding", "kind")
    )
    rows: list[tuple[Cell, ...]] = []
    for section in (*page.soundness, *page.enterprises, *page.others):
        ev = section.evaluation
        published = ev.published
        if published is None:
            continue
        rows.append(
            (
                t(f"indicator.{ev.indicator}.name", locale),
                names.get(section.account, section.account),
                _ratio_value(published.value),
                t("tools.unit_index" if ev.indicator == "fiscal_capability_index" else "tools.unit_percent", locale),
                published.published_text or None,
                t(f"status.{ev.status.value}", locale),
                ev.rated.lines.early,
                ev.rated.lines.rebuilding,
                t(f"kind.{published.figure_kind}", locale),
                *_source_cells(published.source, locale),
            )
        )
    title = t("tools.title_indicators", locale, year=formatting.fiscal_year_label(year, locale))
    return title, header + _source_header(locale), rows


def _indicator_series(
    indicator: str,
) -> Callable[[Dataset, str, int, str], tuple[str, tuple[str, ...], list[tuple[Cell, ...]]]]:
    def build(ds: Dataset, code: str, year: int, locale: str) -> tuple[str, tuple[str, ...], list[tuple[Cell, ...]]]:
        frame = ds.rows("ratios", code)
        accounts = sorted(set(frame.loc[frame["indicator"] == indicator, "account"]))
        names = queries.account_names(ds, code, locale)
        header = tuple(
            t(f"tools.col_{k}", locale)
            for k in ("year", "year_label", "account", "value", "status", "early", "rebuilding", "kind", "scenario")
        )
        rows: list[tuple[Cell, ...]] = []
        for account in accounts:
            for point in indicators.trend(ds, indicator, code, account):
                ev = indicators.evaluate(ds, indicator, code, point.year, account)
                rows.append(
                    (
                        point.year,
                        formatting.fiscal_year_label(point.year, locale),
                        names.get(account, account),
                        _ratio_value(point.value),
                        t(f"status.{ev.status.value}", locale),
                        ev.rated.lines.early,
                        ev.rated.lines.rebuilding,
                        t(f"kind.{point.figure_kind}", locale),
                        point.scenario or None,
                        *_source_cells(point.source, locale),
                    )
                )
        title = t("tools.title_indicator", locale, name=t(f"indicator.{indicator}.name", locale))
        return title, header + _source_header(locale), rows

    return build


def _breakdown_rows(bd: Breakdown, locale: str) -> list[tuple[Cell, ...]]:
    lines = [*bd.lines, *([bd.total] if bd.total is not None else [])]
    return [
        (
            line.name(locale),
            line.label_ja,
            t(f"tools.group.{line.group}", locale) if line.group else None,
            line.value,
            _number(line.share, 2),
            line.per_resident,
            t(f"kind.{line.figure_kind}", locale),
            *_source_cells(line.source, locale),
        )
        for line in lines
    ]


def _breakdown(
    fetch: Callable[[Dataset, str, int], Breakdown], title_key: str
) -> Callable[[Dataset, str, int, str], tuple[str, tuple[str, ...], list[tuple[Cell, ...]]]]:
    def build(ds: Dataset, code: str, year: int, locale: str) -> tuple[str, tuple[str, ...], list[tuple[Cell, ...]]]:
        header = tuple(
            t(f"tools.col_{k}", locale)
            for k in ("item", "item_printed", "group", "amount", "share", "per_resident", "kind")
        )
        title = t(title_key, locale, year=formatting.fiscal_year_label(year, locale))
        return title, header + _source_header(locale), _breakdown_rows(fetch(ds, code, year), locale)

    return build


def _revenue(ds: Dataset, code: str, year: int) -> Breakdown:
    return settlement_breakdown(ds, code, year, "revenue")


def _expenditure_nature(ds: Dataset, code: str, year: int) -> Breakdown:
    return settlement_breakdown(ds, code, year, "expenditure_nature")


Builder = Callable[[Dataset, str, int, str], tuple[str, tuple[str, ...], list[tuple[Cell, ...]]]]

DATASETS: dict[str, Builder] = {
    "totals": _totals,
    "indicators": _indicators,
    **{f"indicator-{name}": _indicator_series(name) for name in INDICATOR_DATASETS},
    "revenue": _breakdown(_revenue, "tools.title_revenue"),
    "expenditure": _breakdown(function_breakdown, "tools.title_expenditure"),
    "expenditure-nature": _breakdown(_expenditure_nature, "tools.title_expenditure_nature"),
}
"""Every downloadable dataset (an allow-list: anything else is not found)."""


def build(ds: Dataset, dataset: str, code: str, year: int, locale: str) -> Table:
    """The table of ``dataset`` for a valid view (the caller checks the view and the dataset name).

    Raises:
        KeyError: ``dataset`` is not one of :data:`DATASETS`.
    """
    title, header, rows = DATASETS[dataset](ds, code, year, locale)
    return Table(dataset, title, meta_block(ds, code, year, locale, title), header, tuple(rows),
                 t("tools.source_note", locale))  # fmt: skip


def meta_block(ds: Dataset, code: str, year: int, locale: str, title: str) -> tuple[tuple[str, str], ...]:
    """The header block of a download: what the table is, the municipality, the year and the data version."""
    name = queries.municipality_name(ds, code, locale) or code
    return (
        (t("tools.meta_title", locale), title),
        (t("tools.meta_municipality", locale), f"{name}（{code}）" if is_japanese(locale) else f"{name} ({code})"),
        (t("tools.meta_year", locale), formatting.fiscal_year_label(year, locale)),
        (t("tools.meta_version", locale), ds.version),
    )


def figure_table(
    dataset: str, title: str, meta: tuple[tuple[str, str], ...], data: figuremodel.DataTable,
    sources: Sequence[str], locale: str,
) -> Table:  # fmt: skip
    """The data table of a figure, written from its typed model.

    Numbers are written as numbers, one unit per column with the unit in the header, missing figures as empty
    cells (never 0).

    Args:
        dataset: the file name part (``revenue-items``).
        title: the figure title.
        meta: the header block (municipality, year, data version).
        data: the figure's typed table.
        sources: the figure's source lines, written after the table.
        locale: the language of the unit words in the headers.
    """
    header, rows = data.typed(locale)
    return Table(dataset, title, meta, header, rows, " / ".join(sources))


def _safe_row(row: Sequence[Cell]) -> list[Cell]:
    return [neutralise(c) for c in row]


def to_csv(table: Table) -> bytes:
    """UTF-8 with BOM, CRLF line ends: header block, blank line, column names, rows, blank line, source note."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for label, value in table.meta:
        writer.writerow(_safe_row([label, value]))
    writer.writerow([])
    writer.writerow(_safe_row(table.header))
    for row in table.rows:
        writer.writerow(["" if c is None else c for c in _safe_row(row)])
    writer.writerow([])
    writer.writerow(_safe_row([table.note]))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """An XLSX workbook with one sheet: header block, bold column names, numeric cells and a source note row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.dataset[:31]
    for label, value in table.meta:
        sheet.append(_safe_row([label, value]))
    sheet.append([])
    sheet.append(_safe_row(table.header))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(_safe_row(row))
    sheet.append([])
    sheet.append(_safe_row([table.note]))
    for cells in sheet.iter_rows(min_row=header_row + 1):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
