"""Turning checked rows into the project's data model.

Each checked row becomes rows of the data files: sources, body, accounts, settlement items, funds, debt, staff,
population, ratio components and published ratios.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from finance.addbody.codes import PUBLISHED_ITEMS, SETTLEMENT_TABLE_TITLE, SETTLEMENT_TABLES, TABLE_TITLES, Codes
from finance.addbody.reading import Row


@dataclass
class Plan:
    """What adding the file will write, by data file (rows as dicts keyed by column)."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    bodies: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, kind)

    def add(self, name: str, row: dict[str, str]) -> None:
        """Queue one row for ``name`` (a spec name such as ``settlement``)."""
        self.rows.setdefault(name, []).append(row)


def _thousand(row: Row) -> tuple[str, str]:
    """The amount in 千円 and the unit it was printed in (円 amounts are whole thousands, checked before)."""
    if row.amount is None:
        return "", "千円"
    if row.unit == "百万円":
        return str(int(row.amount) * 1000), "百万円"
    if row.unit == "円":
        return str(int(row.amount) // 1000), "千円"
    return str(int(row.amount)), "千円"


def _lines(row: Row) -> str:
    page = row.page
    if not page or page.startswith("http"):
        return ""
    digits = re.sub(r"^p\.?\s*", "", page, flags=re.IGNORECASE)
    return f"p.{digits}"


def _deficit_like(table: str) -> bool:
    return table in ("real_deficit_ratio", "consolidated_real_deficit_ratio", "funding_shortfall_ratio")


def plan_rows(rows: Sequence[Row], codes: Codes, existing_sources: Sequence[Mapping[str, str]]) -> Plan:
    """The data-model rows for the checked flat rows (sources reused when title, publisher and date match)."""
    plan = Plan()
    known = {(s["title_ja"], s["publisher_ja"], s["published"]): s["source_id"] for s in existing_sources}
    used_ids = {s["source_id"] for s in existing_sources}
    source_ids: dict[tuple[str, str, str], str] = {}
    urls: dict[tuple[str, str, str], str] = {}
    for row in rows:
        if row.page.startswith("http"):
            urls.setdefault(row.source, row.page)
    for row in sorted(rows, key=lambda r: (r.code, r.source)):
        if row.source in source_ids:
            continue
        if row.source in known:
            source_ids[row.source] = known[row.source]
            continue
        n = 1
        while f"A{row.code}_{n}" in used_ids:
            n += 1
        new_id = f"A{row.code}_{n}"
        used_ids.add(new_id)
        source_ids[row.source] = new_id
        title, publisher, published = row.source
        plan.add(
            "sources",
            {
                "source_id": new_id, "title_ja": title, "title_en": "", "publisher_ja": publisher,
                "published": published, "url": urls.get(row.source, ""), "date_basis": "",
                "kind": "settlement_card", "note": "python -m finance add で追加",
            },
        )  # fmt: skip
    for code in dict.fromkeys(r.code for r in rows):
        first = next(r for r in rows if r.code == code)
        plan.bodies.append((code, first.name, first.kind))
        plan.add(
            "municipalities",
            {
                "municipality_code": code, "name_ja": first.name, "name_kana": "", "name_en": "",
                "prefecture_ja": first.prefecture, "prefecture_en": "", "kind": first.kind, "similar_group": "",
                "similar_group_year": "", "source_id": source_ids[first.source],
            },
        )  # fmt: skip
        for account, ja, en, kind in (
            ("ordinary", "普通会計", "Ordinary account", "集計"),
            ("general_etc", "一般会計等", "General accounts (health law scope)", "集計"),
            ("all", "全会計", "All accounts", "集計"),
            ("enterprise_all", "公営企業会計（合計）", "Public enterprises (together)", "集計"),
        ):
            plan.add(
                "accounts",
                {
                    "municipality_code": code, "account": account, "name_ja": ja, "name_en": en, "kind": kind,
                    "law_application": "", "in_general_etc": "yes" if account == "general_etc" else "",
                    "source_id": source_ids[first.source], "note": "",
                },
            )  # fmt: skip
    for row in rows:
        _plan_row(plan, row, codes, source_ids[row.source])
    return plan


def _plan_row(plan: Plan, row: Row, codes: Codes, source_id: str) -> None:
    ja, _ = codes.name(row.table, row.item)
    # the settlement tables of one document are one table (a 決算カード prints totals and items together),
    # so that the pages find each breakdown with the total it adds up to
    table = SETTLEMENT_TABLE_TITLE if row.table in SETTLEMENT_TABLES else TABLE_TITLES[row.table]
    provenance = {"source_id": source_id, "source_table": table, "source_lines": _lines(row), "note": ""}
    base = {"municipality_code": row.code, "fiscal_year": str(row.year)}
    amount, unit = _thousand(row)
    if row.table in SETTLEMENT_TABLES:
        plan.add(
            "settlement",
            {**base, "account": "ordinary", "item": row.item, "label_ja": ja, "amount_thousand_yen": amount,
             "published_unit": unit, "rounding": "exact", "figure_kind": row.figure_kind, "part_of": "", **provenance},
        )  # fmt: skip
    elif row.table == "funds":
        plan.add(
            "funds",
            {**base, "account": "ordinary", "fund": row.item, "measure": "balance_end", "label_ja": ja,
             "amount_thousand_yen": amount, "published_unit": unit, "rounding": "exact",
             "figure_kind": row.figure_kind, "part_of": "", **provenance},
        )  # fmt: skip
    elif row.table == "debt":
        plan.add(
            "debt",
            {**base, "account": "ordinary", "measure": row.item, "label_ja": ja, "amount_thousand_yen": amount,
             "published_unit": unit, "rounding": "exact", "figure_kind": row.figure_kind, **provenance},
        )  # fmt: skip
    elif row.table == "staff":
        plan.add(
            "staff",
            {**base, "as_of": f"{row.year}-04-01", "account": "ordinary", "category": row.item, "label_ja": ja,
             "count": "" if row.amount is None else str(int(row.amount)), "figure_kind": row.figure_kind, **provenance},
        )  # fmt: skip
    elif row.table == "population":
        as_of = {"juki_jan1": f"{row.year + 1}-01-01", "juki_fy_end": f"{row.year + 1}-03-31"}.get(
            row.item, f"{row.year}-10-01"
        )
        if row.amount is not None:
            plan.add(
                "population",
                {**base, "population": str(int(row.amount)), "basis": row.item, "as_of": as_of,
                 "figure_kind": row.figure_kind, **provenance},
            )  # fmt: skip
    elif row.item in PUBLISHED_ITEMS:
        indicator = row.table + ("_single" if row.item == "published_single_year" else "")
        account = "enterprise_all" if row.table == "funding_shortfall_ratio" else "general_etc"
        status = "ok" if row.amount is not None else ("missing" if not row.dash else _dash_status(row.table))
        plan.add(
            "ratios",
            {**base, "account": account, "indicator": indicator, "scenario": "", "published_text": row.printed or "",
             "value": "" if row.amount is None else str(row.amount), "status": status, "surplus_value": "",
             "early_threshold": "", "rebuilding_threshold": "", "figure_kind": row.figure_kind, **provenance},
        )  # fmt: skip
    else:
        account = "enterprise_all" if row.table == "funding_shortfall_ratio" else "general_etc"
        plan.add(
            "ratio_components",
            {**base, "account": account, "indicator": row.table, "scenario": "", "component": row.item,
             "label_ja": ja, "amount_thousand_yen": amount, "published_unit": unit, "rounding": "exact",
             "figure_kind": row.figure_kind, "part_of": "", **provenance},
        )  # fmt: skip


def _dash_status(table: str) -> str:
    return "no_deficit" if _deficit_like(table) else "non_positive"
