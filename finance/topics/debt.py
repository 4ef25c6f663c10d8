"""Borrowing (地方債): outstanding debt by account, the part covered by 交付税措置, and 公債費 over the years."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from finance import calc, queries
from finance.load import Dataset
from finance.queries import KIND_ORDER, Fact, Population, Source
from finance.schemas import UNIT_FACTORS
from finance.topics.common import (
    Breakdown,
    Line,
    Trend,
    account_names,
    build_trend,
    int_or_none,
    population_value,
    row_line,
    trend_record,
)
from finance.topics.settlement import item_trend

DEBT_TOTAL_ACCOUNTS = ("all",)
"""The account whose outstanding debt is the whole: shares are taken of it."""


@dataclass(frozen=True)
class DebtCoverage:
    """The part of the debt the state is expected to cover through 地方交付税 (交付税措置), and the rest.

    Attributes:
        outstanding: 地方債残高 of the account.
        covered: the part expected to be covered by 交付税措置 (as printed).
        burden: outstanding − covered: the municipality's own burden (computed; approximate if either is).
        burden_per_resident: yen per resident.
        population: the population used.
    """

    outstanding: Fact
    covered: Fact
    burden: int
    burden_per_resident: int | None
    population: Population | None

    @property
    def approximate(self) -> bool:
        """Whether the burden rests on an approximate (「約」) figure."""
        return "approx" in (self.outstanding.rounding, self.covered.rounding)


@dataclass(frozen=True)
class DebtPage:
    """Borrowing: outstanding debt by account, the part covered by 交付税措置, repayments (公債費) over time."""

    municipality_code: str
    fiscal_year: int
    by_account: Breakdown
    coverage: DebtCoverage | None
    outstanding_trend: Trend
    debt_service_trend: Trend
    population: Population | None


def debt_by_account(ds: Dataset, code: str, year: int) -> Breakdown:
    """Year-end outstanding debt by account (as printed), with the whole-municipality total where printed."""
    frame = ds.rows("debt", code)
    rows = frame[
        (frame["fiscal_year"] == year) & (frame["measure"] == "outstanding_end") & frame["amount_thousand_yen"].notna()
    ]
    pop = queries.population(ds, code, year)
    if rows.empty:
        return Breakdown("debt", year, "", (), None, pop)
    rows = rows.assign(_u=rows["published_unit"].map(UNIT_FACTORS), _k=rows["figure_kind"].map(KIND_ORDER))
    rows = rows.sort_values(["_k", "_u"], kind="stable").drop_duplicates("account")
    names = account_names(ds, code)
    total_rows = rows[rows["account"].isin(DEBT_TOTAL_ACCOUNTS)]
    total_value = int_or_none(total_rows.iloc[0]["amount_thousand_yen"]) if not total_rows.empty else None

    def make(row: pd.Series) -> Line:
        account = str(row["account"])
        name_ja, name_en = names.get(account, (str(row["label_ja"]), str(row["label_ja"])))
        return row_line(
            ds, row, key=account, name_ja=name_ja, name_en=name_en, group="", depth=0, total=total_value, pop=pop
        )

    total = make(total_rows.iloc[0]) if not total_rows.empty else None
    order = {account: i for i, account in enumerate(names)}
    parts = tuple(
        sorted(
            (make(r) for _, r in rows[~rows["account"].isin(DEBT_TOTAL_ACCOUNTS)].iterrows()),
            key=lambda ln: order.get(ln.key, len(order)),
        )
    )
    return Breakdown("debt", year, "", parts, total, pop)


def debt_coverage(ds: Dataset, code: str, year: int) -> DebtCoverage | None:
    """The 交付税措置 part of the ordinary-account debt and the municipality's own burden, where printed."""
    frame = ds.rows("debt", code)
    base = frame[frame["fiscal_year"] == year]
    covered_rows = base[(base["measure"] == "lat_covered_end") & base["amount_thousand_yen"].notna()]
    if covered_rows.empty:
        return None
    covered = queries.fact_of(ds, covered_rows.iloc[0])
    outstanding = queries.latest_stock(ds, "debt", code, year, measure="outstanding_end", account=covered.account)
    if outstanding is None or outstanding.value is None or covered.value is None:
        return None
    pop = queries.population(ds, code, year)
    burden = outstanding.value - covered.value
    return DebtCoverage(outstanding, covered, burden, calc.per_resident_yen(burden, population_value(pop)), pop)


def _debt_trend(ds: Dataset, code: str) -> Trend:
    frame = ds.rows("debt", code)
    rows = frame[(frame["measure"] == "outstanding_end") & frame["amount_thousand_yen"].notna()]
    names = account_names(ds, code)
    records: list[dict[str, object]] = []
    sources: list[Source | None] = []
    pops: list[Population | None] = []
    for year in sorted({int(y) for y in rows["fiscal_year"]}):
        pop = queries.population(ds, code, year)
        for line in debt_by_account(ds, code, year).lines:
            name_ja, name_en = names.get(line.key, (line.name_ja, line.name_en))
            records.append(trend_record(year, line.key, name_ja, name_en, line, pop))
            sources.append(line.source)
            pops.append(pop)
    return build_trend(records, sources, pops)


DEBT_SERVICE_ITEMS = ("expk_debt_service", "expn_debt_service")
"""公債費 as a 款 of the city's own list and as 性質別 — two series, never merged."""


def debt_page(ds: Dataset, code: str, year: int) -> DebtPage:
    """Debt by account, the 交付税措置 part, outstanding debt and 公債費 over the years."""
    return DebtPage(
        code,
        year,
        debt_by_account(ds, code, year),
        debt_coverage(ds, code, year),
        _debt_trend(ds, code),
        item_trend(ds, code, DEBT_SERVICE_ITEMS),
        queries.population(ds, code, year),
    )
