"""Computation of a ratio from its canonical components, and the computed value cut by the legal rule.

The formulas themselves are data (``reference/components.csv``) evaluated by :mod:`finance.components`; this module
gathers one body's printed component rows (built once per process and body) and computes from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pandas as pd

from finance import components as comp
from finance import formatting, queries
from finance.indicators.definitions import component_catalog, registry
from finance.load import Dataset


@dataclass(frozen=True)
class Computed:
    """A ratio computed from its canonical components.

    Attributes:
        value: the unrounded ratio in percent; ``None`` when not computed (numerator ≤ 0 or a surplus).
        numerator: the numerator in 千円 (for deficit ratios the deficit, negative when in surplus).
        denominator: the denominator in 千円.
        surplus: for deficit ratios in surplus, the surplus ratio (unrounded).
        parts: the canonical values used, ``{component: 千円}``.
        singles: for the 3-year 実質公債費比率, the unrounded single years behind the mean (oldest first).
    """

    value: Decimal | None
    numerator: int | None
    denominator: int | None
    surplus: Decimal | None
    parts: dict[str, int]
    singles: tuple[Decimal, ...] = ()

    @property
    def not_computed(self) -> bool:
        """Whether the ratio is «—» by its numerator (not a missing component)."""
        return self.value is None


def body_components(ds: Dataset, code: str) -> comp.BodyComponents:
    """The component rows of one body, ready to compute (built once per process and body)."""
    key = ("components", code)
    found = ds.memo.get(key)
    if found is None:
        catalog = component_catalog(ds)
        rows = [
            dict(r, scenario=r["scenario"] or "", part_of=r["part_of"] or "")
            for r in ds.records("ratio_components", code)
        ]
        for row in rows:
            row["fiscal_year"] = int(row["fiscal_year"])  # type: ignore[call-overload]
            amount = row["amount_thousand_yen"]
            row["amount_thousand_yen"] = None if amount is None or amount is pd.NA else int(amount)  # type: ignore[call-overload]
        scales: dict[int, int] = {}
        for r in ds.records("settlement", code):
            if (
                r["item"] == "base_standard_fiscal_scale"
                and r["figure_kind"] == "決算"
                and queries.number(r["amount_thousand_yen"]) is not None
            ):
                scales.setdefault(int(r["fiscal_year"]), int(r["amount_thousand_yen"]))  # type: ignore[call-overload]
        found = comp.BodyComponents(rows, catalog, scales)
        ds.memo[key] = found
    return found  # type: ignore[return-value]


def standard_fiscal_scale(ds: Dataset, code: str, year: int) -> int | None:
    """標準財政規模 (千円) of a settlement year: from any ratio's components, else the settlement table (決算)."""
    body = body_components(ds, code)
    for indicator in body.catalog.by_indicator:
        values = body.values(year, indicator)
        if "standard_fiscal_scale" in values.values:
            return values.values["standard_fiscal_scale"]
    return body.scales.get(year)


def compute(
    ds: Dataset, indicator: str, code: str, year: int, *, scenario: str = "", source_table: str | None = None
) -> Computed | None:
    """Compute ``indicator`` for a body and settlement year from its canonical components.

    Returns ``None`` when the components do not allow it (nothing printed, or an input missing).
    """
    body = body_components(ds, code)
    if not body.catalog.indicator(indicator):
        return None
    result = body.ratio(year, indicator, scenario, source_table)
    if result.status == "incomplete":
        return None
    return Computed(
        result.value, result.numerator, result.denominator, result.surplus, dict(result.values), result.singles
    )


def legal_cut(rule: str) -> Literal["truncate", "round"]:
    """How a rounding rule cuts a computed value: ``round`` for ``round``, else ``truncate``."""
    return "round" if rule == "round" else "truncate"


def legal_value(ds: Dataset, indicator: str, value: Decimal) -> Decimal:
    """A computed value cut to the published precision by the legal rule (the 計算値 as it would be published)."""
    info = registry(ds).get(indicator)
    return formatting.decimal_places(
        value, info.decimals if info else 1, legal_cut(info.rounding if info else "truncate")
    )
