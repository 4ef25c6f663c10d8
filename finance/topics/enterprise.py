"""Public enterprises (公営企業): each account's income statement lines and staff over the years."""

from __future__ import annotations

from dataclasses import dataclass, field

from finance import calc, queries
from finance.load import Dataset
from finance.queries import KIND_ORDER, Population, Source
from finance.schemas import UNIT_FACTORS
from finance.text import is_japanese
from finance.topics.common import Trend, account_names, build_trend, int_or_none, trend_record

ENTERPRISE_SERIES = (
    "ent_total_revenue",
    "ent_total_expenses",
    "ent_net_profit",
    "ent_accumulated_deficit",
    "ent_bonds_outstanding",
    "ent_fund_shortfall",
    "ent_staff_costs",
)
"""The enterprise statement lines a resident page shows (収益的収支, 累積欠損金, 企業債残高, 資金不足額, 職員給与費)."""
ENTERPRISE_BASE = "ent_total_revenue"
"""Shares of enterprise lines are taken of the year's total revenue (収入計)."""


@dataclass(frozen=True)
class EnterpriseAccount:
    """One public-enterprise account over the years.

    Attributes:
        account: the account code.
        name_ja: the account name.
        name_en: the English name.
        trend: the lines of :data:`ENTERPRISE_SERIES`, each year (per resident of the served population).
        staff: staff counts over the years.
        served_population: ``{year: Population}`` — the 処理区域内人口 used per resident.
    """

    account: str
    name_ja: str
    name_en: str
    trend: Trend
    staff: Trend
    served_population: dict[int, Population] = field(default_factory=dict)

    def name(self, locale: str) -> str:
        """The account name in ``locale``."""
        return self.name_ja if is_japanese(locale) else self.name_en

    def year_values(self, year: int) -> dict[str, int | None]:
        """``{series: value}`` of one year (missing series are absent)."""
        frame = self.trend.frame
        rows = frame[frame["fiscal_year"] == year]
        return {str(r.series): int_or_none(r.value) for r in rows.itertuples(index=False)}

    def kind_of(self, year: int) -> str | None:
        """The kind of the year's figures (決算, 決算見込, 計画), ``None`` if the year has none."""
        frame = self.trend.frame
        kinds = list(frame.loc[frame["fiscal_year"] == year, "figure_kind"])
        return max(kinds, key=lambda k: KIND_ORDER.get(k, 0)) if kinds else None


@dataclass(frozen=True)
class EnterprisePage:
    """The public enterprises with statements in the data."""

    municipality_code: str
    fiscal_year: int
    accounts: tuple[EnterpriseAccount, ...]


def _served_population(ds: Dataset, code: str, account: str) -> dict[int, Population]:
    """処理区域内人口 by year: the account's own figure, else the combined sewer figure."""
    frame = ds.rows("operating_stats", code)
    out: dict[int, Population] = {}
    for acc in (account, "sewer_combined"):
        rows = frame[
            (frame["account"] == acc) & (frame["item"] == "ent_treated_area_population") & frame["value"].notna()
        ]
        for _, row in rows.iterrows():
            year = int(row["fiscal_year"])
            if year not in out:
                out[year] = Population(int(row["value"]), "treated_area", "", queries.source_of(ds, row))
        if out:
            break
    return out


def _enterprise_account(ds: Dataset, code: str, account: str, names: dict[str, tuple[str, str]]) -> EnterpriseAccount:
    frame = ds.rows("enterprise", code)
    rows = frame[
        (frame["account"] == account)
        & frame["item"].isin(list(ENTERPRISE_SERIES))
        & frame["amount_thousand_yen"].notna()
    ]
    meta = ds["enterprise_items"].set_index("item")
    served = _served_population(ds, code, account) if account.startswith("sewer") else {}
    records: list[dict[str, object]] = []
    sources: list[Source | None] = []
    for year in sorted({int(y) for y in rows["fiscal_year"]}):
        year_rows = rows[rows["fiscal_year"] == year]
        pop = served.get(year)
        for item in ENTERPRISE_SERIES:
            match = year_rows[year_rows["item"] == item]
            if match.empty:
                continue
            match = match.assign(_u=match["published_unit"].map(UNIT_FACTORS)).sort_values("_u", kind="stable")
            fact = queries.fact_of(ds, match.iloc[0])
            name_ja = str(meta.loc[item, "name_ja"]) if item in meta.index else fact.label_ja
            name_en = str(meta.loc[item, "name_en"]) if item in meta.index else fact.label_ja
            records.append(trend_record(year, item, name_ja, name_en, fact, pop))
            sources.append(fact.source)
        revenue = next(
            (r["value"] for r in records if r["fiscal_year"] == year and r["series"] == ENTERPRISE_BASE), None
        )
        for record in records:
            if record["fiscal_year"] == year:
                value = record["value"]
                record["share"] = calc.share_percent(
                    value if isinstance(value, int) else None, revenue if isinstance(revenue, int) else None
                )
    staff = ds.rows("staff", code)
    staff_account = "sewer_combined" if account == "sewer" else account
    staff_rows = staff[(staff["account"] == staff_account) & (staff["source_table"].str.contains("年度別目標"))]
    staff_records: list[dict[str, object]] = []
    staff_sources: list[Source | None] = []
    for _, row in staff_rows.sort_values("fiscal_year").iterrows():
        staff_records.append(
            {
                "fiscal_year": int(row["fiscal_year"]),
                "series": "staff",
                "name_ja": "職員数",
                "name_en": "Staff",
                "value": int(row["count"]),
                "per_resident": None,
                "share": None,
                "figure_kind": str(row["figure_kind"]),
                "rounding": "exact",
            }
        )
        staff_sources.append(queries.source_of(ds, row))
    name_ja, name_en = names.get(account, (account, account))
    return EnterpriseAccount(
        account,
        name_ja,
        name_en,
        build_trend(records, sources, served.values()),
        build_trend(staff_records, staff_sources, ()),
        served,
    )


def enterprise_page(ds: Dataset, code: str, year: int) -> EnterprisePage:
    """Every public-enterprise account with income statements, over the years."""
    frame = ds.rows("enterprise", code)
    rows = frame[frame["item"].isin(["ent_total_revenue", "ent_total_expenses"]) & frame["amount_thousand_yen"].notna()]
    names = account_names(ds, code)
    accounts = sorted(set(rows["account"]), key=lambda a: (a != "sewer", a))
    return EnterprisePage(code, year, tuple(_enterprise_account(ds, code, a, names) for a in accounts))
