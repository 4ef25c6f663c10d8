"""The flat file's format: its columns, tables and the codes each table accepts, and the empty template.

The codes are the public interface: indicator tables use the canonical components of ``reference/components.csv``;
settlement tables use the item codes of ``reference/items.csv`` (named after the lines of the ministry's 決算カード).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from finance import components as comp
from finance.schemas import MUNICIPALITY_KINDS

HEADER = (
    "municipality_code",
    "name_ja",
    "kind",
    "prefecture_ja",
    "fiscal_year",
    "table",
    "item",
    "amount",
    "unit",
    "figure_kind",
    "source_title",
    "source_publisher",
    "source_published",
    "source_page",
)
"""The columns of the flat file, in this order."""

INDICATOR_TABLES = (
    "real_deficit_ratio",
    "consolidated_real_deficit_ratio",
    "real_debt_service_ratio",
    "future_burden_ratio",
    "funding_shortfall_ratio",
)
SETTLEMENT_TABLES: Mapping[str, tuple[str, ...]] = {
    "totals": ("total", "balance", "fiscal_base"),
    "revenue": ("revenue",),
    "expenditure_function": ("expenditure_function",),
    "expenditure_nature": ("expenditure_nature",),
}
OTHER_TABLES = ("funds", "debt", "staff", "population")
TABLES = (*INDICATOR_TABLES, *SETTLEMENT_TABLES, *OTHER_TABLES)
PUBLISHED_ITEMS = ("published", "published_single_year")
FIGURE_KINDS = ("決算", "決算見込", "計画")
MONEY_UNITS = {"円": None, "千円": 1, "百万円": 1000}
FUND_ITEMS = {
    "fund_fiscal_adjustment": ("財政調整基金", "Fiscal adjustment fund"),
    "fund_debt_reduction": ("減債基金", "Debt reduction fund"),
    "fund_specific": ("その他特定目的基金", "Other specific-purpose funds"),
    "fund_total": ("積立金現在高 計", "Funds in total"),
}
DEBT_ITEMS = {
    "outstanding_end": ("地方債現在高", "Local bonds outstanding at year end"),
    "issued": ("地方債発行額", "Local bonds issued in the year"),
}
STAFF_ITEMS = {
    "total": ("職員数 合計", "Staff in total"),
    "general": ("一般職員等", "General staff"),
    "education": ("教育公務員", "Teaching staff"),
    "temporary": ("臨時職員", "Temporary staff"),
}
POPULATION_ITEMS = {
    "juki_jan1": ("住民基本台帳人口（1月1日現在）", "Resident register population (1 January)"),
    "juki_fy_end": ("住民基本台帳人口（年度末）", "Resident register population (31 March)"),
    "census": ("国勢調査人口", "Census population"),
}
TABLE_TITLES = {
    "totals": "決算規模・収支",
    "revenue": "歳入",
    "expenditure_function": "歳出（目的別）",
    "expenditure_nature": "歳出（性質別）",
    "funds": "積立金現在高",
    "debt": "地方債現在高",
    "staff": "職員数",
    "population": "人口",
    "real_deficit_ratio": "実質赤字比率の算定",
    "consolidated_real_deficit_ratio": "連結実質赤字比率の算定",
    "real_debt_service_ratio": "実質公債費比率の算定",
    "future_burden_ratio": "将来負担比率の算定",
    "funding_shortfall_ratio": "資金不足比率の算定",
}
SETTLEMENT_TABLE_TITLE = "決算の状況（普通会計）"
NOT_COMPUTED = ("—", "-", "－", "―", "ー", "‐", "…")


@dataclass(frozen=True)
class Codes:
    """The codes a flat file may use, read from the data folder's reference files."""

    items: Mapping[str, tuple[str, str, str]]  # item -> (statement, name_ja, name_en)
    components: comp.Catalog

    def item_codes(self, table: str) -> list[str]:
        """Every accepted ``item`` of a table."""
        if table in INDICATOR_TABLES:
            return [
                *comp.inputs(self.components, table),
                *PUBLISHED_ITEMS[: 2 if table == "real_debt_service_ratio" else 1],
            ]
        if table in SETTLEMENT_TABLES:
            return [k for k, (statement, _, _) in self.items.items() if statement in SETTLEMENT_TABLES[table]]
        return list(
            {"funds": FUND_ITEMS, "debt": DEBT_ITEMS, "staff": STAFF_ITEMS, "population": POPULATION_ITEMS}[table]
        )

    def name(self, table: str, item: str) -> tuple[str, str]:
        """The official name (ja, en) of an item."""
        if table in INDICATOR_TABLES:
            if item in PUBLISHED_ITEMS:
                return (
                    ("公表された比率", "Published ratio")
                    if item == "published"
                    else ("単年度の比率", "Single-year ratio")
                )
            c = self.components.indicator(table)[item]
            return c.name_ja, c.plain_en
        if table in SETTLEMENT_TABLES:
            _, ja, en = self.items[item]
            return ja, en
        return {"funds": FUND_ITEMS, "debt": DEBT_ITEMS, "staff": STAFF_ITEMS, "population": POPULATION_ITEMS}[table][
            item
        ]


def read_codes(data_dir: Path) -> Codes:
    """The reference codes of a data folder (items and canonical components)."""
    items: dict[str, tuple[str, str, str]] = {}
    with (data_dir / "reference" / "items.csv").open(encoding="utf-8-sig", newline="") as handle:
        for r in csv.DictReader(handle):
            items[r["item"]] = (r["statement"], r["name_ja"], r["name_en"])
    with (data_dir / "reference" / "components.csv").open(encoding="utf-8-sig", newline="") as handle:
        catalog = comp.catalog(list(csv.DictReader(handle)))
    return Codes(items, catalog)


def template(codes: Codes) -> str:
    """An empty flat file: the header, then every table's codes with their official names as ``#`` comments."""
    out = io.StringIO()
    out.write("# 自分のまちを追加する / Add a body: fill one row per figure below the header, then run\n")
    out.write("#   python -m finance add FILE.csv --data data\n")
    out.write("# kind: " + " / ".join(MUNICIPALITY_KINDS) + "; figure_kind: " + " / ".join(FIGURE_KINDS) + "\n")
    out.write("# unit: 円 / 千円 / 百万円 (money), 人 (staff, population), % (published ratios)\n")
    out.write("# amount: as printed (1,234 ▲56 △7); «—» or - = not computed; blank = missing (never 0)\n")
    for table in TABLES:
        out.write(f"# --- table={table} ({TABLE_TITLES[table]})\n")
        for item in codes.item_codes(table):
            ja, en = codes.name(table, item)
            out.write(f"#   item={item}  {ja} / {en}\n")
    out.write(",".join(HEADER) + "\n")
    return out.getvalue()
