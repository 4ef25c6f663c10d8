"""Savings (基金): year-end balances by fund, and deposits and withdrawals over the years."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from finance import calc, queries
from finance.load import Dataset
from finance.queries import KIND_ORDER, Population, Source
from finance.topics.common import Breakdown, Line, Trend, build_trend, int_or_none, row_line, trend_record

FUND_ORDER = ("fund_fiscal_adjustment", "fund_debt_reduction", "fund_specific", "fund_total")
FUND_NAMES = {
    "fund_fiscal_adjustment": ("財政調整基金", "Fiscal adjustment fund"),
    "fund_debt_reduction": ("減債基金", "Debt reduction fund"),
    "fund_specific": ("その他特定目的基金", "Other specific-purpose funds"),
    "fund_total": ("基金合計", "All funds"),
}
FLOW_NAMES = {"deposit": ("積立", "Deposits"), "withdrawal": ("取崩", "Withdrawals")}


@dataclass(frozen=True)
class FundsPage:
    """The municipality's savings: balances by fund, deposits and withdrawals."""

    municipality_code: str
    fiscal_year: int
    balances: Breakdown
    balance_trend: Trend
    flows: Trend
    population: Population | None


def fund_balances(ds: Dataset, code: str, year: int) -> Breakdown:
    """Year-end balances by fund with the printed total (only the total when the source prints no split)."""
    frame = ds.rows("funds", code)
    rows = frame[
        (frame["fiscal_year"] == year) & (frame["measure"] == "balance_end") & frame["amount_thousand_yen"].notna()
    ]
    pop = queries.population(ds, code, year)
    if rows.empty:
        return Breakdown("funds", year, "", (), None, pop)
    rows = rows.sort_values("figure_kind", key=lambda s: s.map(KIND_ORDER), kind="stable")
    rows = rows.drop_duplicates("fund")
    total_rows = rows[rows["fund"] == "fund_total"]
    total_value = int_or_none(total_rows.iloc[0]["amount_thousand_yen"]) if not total_rows.empty else None

    def make(row: pd.Series) -> Line:
        fund = str(row["fund"])
        return row_line(
            ds,
            row,
            key=fund,
            name_ja=FUND_NAMES[fund][0],
            name_en=FUND_NAMES[fund][1],
            group="",
            depth=0,
            total=total_value,
            pop=pop,
        )

    total = make(total_rows.iloc[0]) if not total_rows.empty else None
    parts = [make(r) for _, r in rows[rows["fund"] != "fund_total"].iterrows()]
    parts.sort(key=lambda ln: FUND_ORDER.index(ln.key))
    lines = tuple(parts) if parts else ((total,) if total else ())
    return Breakdown("funds", year, str(rows.iloc[0]["account"]), lines, total, pop)


def _fund_trend(ds: Dataset, code: str, measures: tuple[str, ...]) -> Trend:
    frame = ds.rows("funds", code)
    rows = frame[frame["measure"].isin(list(measures)) & frame["amount_thousand_yen"].notna()]
    records: list[dict[str, object]] = []
    sources: list[Source | None] = []
    pops: list[Population | None] = []
    for year in sorted({int(y) for y in rows["fiscal_year"]}):
        pop = queries.population(ds, code, year)
        year_rows = rows[rows["fiscal_year"] == year]
        for measure in measures:
            for fund in FUND_ORDER:
                match = year_rows[(year_rows["measure"] == measure) & (year_rows["fund"] == fund)]
                if match.empty:
                    continue
                row = match.iloc[0]
                if measure == "balance_end":
                    series, names = fund, FUND_NAMES[fund]
                else:
                    series, names = measure, FLOW_NAMES[measure]
                fact = queries.fact_of(ds, row)
                record = trend_record(year, series, names[0], names[1], fact, pop)
                if measure == "balance_end":
                    whole = year_rows[(year_rows["measure"] == measure) & (year_rows["fund"] == "fund_total")]
                    whole_value = int_or_none(whole.iloc[0]["amount_thousand_yen"]) if not whole.empty else None
                    record["share"] = calc.share_percent(fact.value, whole_value)
                records.append(record)
                sources.append(fact.source)
                pops.append(pop)
    return build_trend(records, sources, pops)


def funds_page(ds: Dataset, code: str, year: int) -> FundsPage:
    """Balances by fund in ``year``, the balances over the years and the yearly deposits and withdrawals."""
    return FundsPage(
        code,
        year,
        fund_balances(ds, code, year),
        _fund_trend(ds, code, ("balance_end",)),
        _fund_trend(ds, code, ("deposit", "withdrawal")),
        queries.population(ds, code, year),
    )
