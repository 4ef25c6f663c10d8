"""Comparison of several municipalities on per-resident figures and indicators, with the median of the set.

No ranking and no composite score: rows stay in code order, each value keeps its own year and source, and the
median is computed only over the values that exist (missing is never zero). Per-resident figures make towns of
very different size comparable; each municipality's latest settled year up to the chosen one is used and shown.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from finance import calc, queries
from finance.load import Dataset

MEASURES: tuple[tuple[str, str], ...] = (
    ("revenue_per_resident", "yen"),
    ("expenditure_per_resident", "yen"),
    ("real_debt_service_ratio", "percent"),
    ("future_burden_ratio", "percent"),
    ("ordinary_balance_ratio", "percent"),
)
"""The compared measures and their units (the catalog key is ``compare.measure.<code>``)."""

MAX_CODES = 20


@dataclass(frozen=True)
class Cell:
    """One municipality's value of one measure, with the year it belongs to and its source."""

    municipality_code: str
    name: str
    value: float | None
    year: int | None
    status: str
    source: queries.Source | None
    account: str = ""  # the basis of the figure (一般会計 and 普通会計 totals differ)


@dataclass(frozen=True)
class Row:
    """One measure across the chosen municipalities, with their median."""

    measure: str
    unit: str
    cells: tuple[Cell, ...]
    median: float | None


def _settled_years(ds: Dataset, code: str, year: int) -> list[int]:
    return [y for y, kind in queries.year_kinds(ds, code).items() if kind == "決算" and y <= year][::-1]


def _per_resident(ds: Dataset, code: str, name: str, year: int, item: str) -> Cell:
    for candidate in _settled_years(ds, code, year):
        fact = queries.settlement_fact(ds, code, candidate, item)
        pop = queries.population(ds, code, candidate)
        if fact is not None and fact.value is not None and pop is not None and fact.figure_kind == "決算":
            value = calc.per_resident_yen(fact.value, pop.value)
            return Cell(code, name, None if value is None else float(value), candidate, "ok", fact.source, fact.account)
    return Cell(code, name, None, None, "missing", None)


def _ratio(ds: Dataset, code: str, name: str, year: int, indicator: str) -> Cell:
    account = "ordinary" if indicator == "ordinary_balance_ratio" else "general_etc"
    for candidate in _settled_years(ds, code, year):
        for ratio in queries.published_ratios(ds, code, candidate, account):
            if ratio.indicator == indicator and ratio.figure_kind == "決算":
                return Cell(code, name, ratio.value, candidate, ratio.status, ratio.source, ratio.account)
    return Cell(code, name, None, None, "missing", None)


def compare(ds: Dataset, codes: list[str], year: int, locale: str = "ja") -> tuple[Row, ...]:
    """The comparison table of ``codes`` (unknown codes dropped, at most :data:`MAX_CODES`) up to ``year``."""
    chosen = [c for c in dict.fromkeys(codes) if c in ds.codes][:MAX_CODES]
    rows = []
    for measure, unit in MEASURES:
        cells = []
        for code in sorted(chosen):
            name = queries.municipality_name(ds, code, locale) or code
            if measure.endswith("_per_resident"):
                item = "rev_total" if measure.startswith("revenue") else "exp_total"
                cells.append(_per_resident(ds, code, name, year, item))
            else:
                cells.append(_ratio(ds, code, name, year, measure))
        values = [c.value for c in cells if c.value is not None]
        rows.append(Row(measure, unit, tuple(cells), statistics.median(values) if values else None))
    return tuple(rows)
