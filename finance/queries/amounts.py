"""Settled amounts with provenance: settlement items and totals, year-end stocks, populations and per-resident values.

Each figure is the preferred row of its year: 決算 before 決算見込 before 計画, the listed account order, then the
finest published unit; the overview's headline figures are assembled here (:func:`overview`).
"""

from __future__ import annotations

import pandas as pd

from finance import calc
from finance.load import Dataset
from finance.queries.model import KIND_ORDER, Fact, Overview, PerResident, Population
from finance.queries.ratios import published_ratios
from finance.queries.sources import fact_of, source_of
from finance.schemas import UNIT_FACTORS


def _best(frame: pd.DataFrame, accounts: tuple[str, ...]) -> pd.Series | None:
    """The preferred row: actual before estimate before plan, the listed account order, then the finest unit."""
    if frame.empty:
        return None
    ranked = frame.assign(
        _kind=frame["figure_kind"].map(KIND_ORDER),
        _acc=frame["account"].map({a: i for i, a in enumerate(accounts)}).fillna(len(accounts)),
        _unit=frame["published_unit"].map(UNIT_FACTORS) if "published_unit" in frame else 0,
    ).sort_values(["_kind", "_acc", "_unit"], kind="stable")
    return ranked.iloc[0]


_TOTAL_ACCOUNTS = ("general", "ordinary")


def settlement_fact(
    ds: Dataset, code: str, year: int, item: str, accounts: tuple[str, ...] = _TOTAL_ACCOUNTS
) -> Fact | None:
    """The preferred settlement figure of an item for one year (see :func:`_best` for the order)."""
    rows = [
        r
        for r in ds.records("settlement", code)
        if r["fiscal_year"] == year and r["item"] == item and r["account"] in accounts
    ]
    if not rows:
        return None
    order = {a: i for i, a in enumerate(accounts)}
    best = min(
        rows,
        key=lambda r: (
            KIND_ORDER[str(r["figure_kind"])],
            order[str(r["account"])],
            UNIT_FACTORS.get(str(r["published_unit"]), 0),
        ),
    )
    return fact_of(ds, best)


def population(ds: Dataset, code: str, year: int) -> Population | None:
    """The population of the year for per-resident figures (年度末住基 preferred, as in the sources)."""
    frame = ds.rows("population", code)
    rows = frame[
        (frame["municipality_code"] == code) & (frame["fiscal_year"] == year) & (frame["figure_kind"] == "決算")
    ]
    if rows.empty:
        return None
    order = {"juki_fy_end": 0, "juki_jan1": 1, "juki": 2, "census": 3}
    row = rows.assign(_b=rows["basis"].map(order).fillna(9)).sort_values("_b").iloc[0]
    return Population(int(row["population"]), str(row["basis"]), str(row["as_of"]), source_of(ds, row))


def _published_per_resident(ds: Dataset, code: str, year: int, subject: str, account: str) -> int | None:
    frame = ds.rows("per_resident", code)
    rows = frame[
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["subject"] == subject)
        & (frame["account"] == account)
    ]
    return None if rows.empty else int(rows.iloc[0]["yen_per_resident"])


def per_resident(ds: Dataset, code: str, year: int, fact: Fact | None, subject: str) -> PerResident:
    """The per-resident value of ``fact`` (recomputed) with the published value for comparison."""
    pop = population(ds, code, year)
    if fact is None:
        return PerResident(None, None, pop)
    computed = calc.per_resident_yen(fact.value, pop.value if pop else None)
    return PerResident(computed, _published_per_resident(ds, code, year, subject, fact.account), pop)


def latest_stock(ds: Dataset, table: str, code: str, year: int, **filters: str) -> Fact | None:
    """A year-end stock (fund balance, debt outstanding) for exactly ``year``, preferring actual figures."""
    frame = ds.rows(table, code)
    mask = frame["fiscal_year"] == year
    for column, value in filters.items():
        mask &= frame[column] == value
    best = _best(frame[mask], ("ordinary", "general", "general_etc", "all"))
    return None if best is None else fact_of(ds, best)


def overview(ds: Dataset, code: str, year: int) -> Overview:
    """Headline figures for the overview page."""
    revenue = settlement_fact(ds, code, year, "rev_total")
    expenditure = settlement_fact(ds, code, year, "exp_total")
    return Overview(
        municipality_code=code,
        fiscal_year=year,
        revenue=revenue,
        expenditure=expenditure,
        real_balance=settlement_fact(ds, code, year, "bal_real_balance"),
        revenue_per_resident=per_resident(ds, code, year, revenue, "rev_total"),
        expenditure_per_resident=per_resident(ds, code, year, expenditure, "exp_total"),
        fund_balance=latest_stock(ds, "funds", code, year, fund="fund_total", measure="balance_end"),
        debt_outstanding=latest_stock(ds, "debt", code, year, measure="outstanding_end"),
        ratios=published_ratios(ds, code, year),
    )


def totals_series(ds: Dataset, code: str) -> pd.DataFrame:
    """Settled (決算) revenue and expenditure totals by year, one row per year with any of them.

    Columns ``fiscal_year``, ``revenue``, ``expenditure`` (千円, ``<NA>`` where the year has no figure) and
    ``source`` (the :class:`Source` of the revenue figure, else of the expenditure figure).
    """
    frame = ds.rows("settlement", code)
    rows = frame[
        (frame["municipality_code"] == code)
        & (frame["figure_kind"] == "決算")
        & frame["item"].isin(["rev_total", "exp_total"])
        & frame["account"].isin(_TOTAL_ACCOUNTS)
    ]
    records = []
    for year in sorted(rows["fiscal_year"].dropna().astype(int).unique()):
        revenue = settlement_fact(ds, code, year, "rev_total")
        expenditure = settlement_fact(ds, code, year, "exp_total")
        chosen = revenue or expenditure
        records.append(
            {
                "fiscal_year": year,
                "revenue": revenue.value if revenue else None,
                "expenditure": expenditure.value if expenditure else None,
                "source": chosen.source if chosen else None,
            }
        )
    out = pd.DataFrame.from_records(records, columns=["fiscal_year", "revenue", "expenditure", "source"])
    return out.astype({"fiscal_year": "Int64", "revenue": "Int64", "expenditure": "Int64"})
