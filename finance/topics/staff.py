"""Staff (職員数): counts by category against the population and the 類似団体, and personnel costs over the years."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from finance import calc, queries
from finance.load import Dataset
from finance.queries import Population, Source
from finance.text import t
from finance.topics.common import Trend, build_trend, population_value
from finance.topics.settlement import item_trend


@dataclass(frozen=True)
class StaffLine:
    """One staff count with its per-1,000-residents value and the 類似団体 figure where printed.

    Attributes:
        category: the category code (``total``, ``general`` …).
        account: the account or basis counted.
        label_ja: the heading as printed.
        count: persons.
        as_of: the reference date (1 April) when printed, else "".
        per_thousand: persons per 1,000 residents (unrounded), ``None`` without a population.
        published_per_thousand: the per-1,000 value the source prints, if any.
        peer_count: the 類似団体 count of the same category, if printed.
        peer_per_thousand: the 類似団体 per-1,000 value, if printed.
        figure_kind: 決算, 決算見込 or 計画.
        source: the document, table and lines.
        note: what a reader must know (e.g. fire-fighters excluded).
    """

    category: str
    account: str
    label_ja: str
    count: int
    as_of: str
    per_thousand: Decimal | None
    published_per_thousand: Decimal | None
    peer_count: Decimal | None
    peer_per_thousand: Decimal | None
    figure_kind: str
    source: Source
    note: str


@dataclass(frozen=True)
class StaffPage:
    """Staff numbers by category, against the population and the 類似団体, and personnel costs over the years."""

    municipality_code: str
    fiscal_year: int
    lines: tuple[StaffLine, ...]
    population: Population | None
    count_trend: Trend
    cost_trend: Trend


STAFF_COST_ITEMS = ("expn_personnel", "expk_staff")
"""人件費 (性質別) and Wakkanai's own 款 「職員費」: separate series."""


def _peer(ds: Dataset, code: str, year: int, dataset: str, subject: str) -> Decimal | None:
    frame = ds.rows("peer_values", code)
    rows = frame[(frame["fiscal_year"] == year) & (frame["dataset"] == dataset) & (frame["subject"] == subject)]
    return None if rows.empty or pd.isna(rows.iloc[0]["value"]) else Decimal(str(rows.iloc[0]["value"]))


def _published_staff_per_thousand(ds: Dataset, code: str, year: int) -> Decimal | None:
    frame = ds.rows("ratios", code)
    rows = frame[(frame["fiscal_year"] == year) & (frame["indicator"] == "staff_per_1000") & frame["value"].notna()]
    return None if rows.empty else Decimal(str(rows.iloc[0]["value"]))


STAFF_ORDER = ("total", "total_excl_fire", "general", "general_admin", "education", "temporary", "enterprise")


def staff_lines(ds: Dataset, code: str, year: int) -> tuple[StaffLine, ...]:
    """The staff counts of one year, in category order (all accounts; each labelled as printed)."""
    frame = ds.rows("staff", code)
    rows = frame[(frame["fiscal_year"] == year) & frame["count"].notna()]
    pop = queries.population(ds, code, year)
    published = _published_staff_per_thousand(ds, code, year)
    out = []
    ordered = rows.assign(_o=rows["category"].map({c: i for i, c in enumerate(STAFF_ORDER)}))
    for _, row in ordered.sort_values(["_o", "account"], kind="stable").iterrows():
        category = str(row["category"])
        count = int(row["count"])
        per = calc.per_thousand_residents(count, population_value(pop))
        # the printed 人口千人当たり is of 一般職員 (Nakatonbetsu: 46 / 1,993 = 23.1 in H22)
        out.append(
            StaffLine(
                category=category,
                account=str(row["account"]),
                label_ja=str(row["label_ja"]),
                count=count,
                as_of=str(row["as_of"]) if not pd.isna(row["as_of"]) else "",
                per_thousand=per,
                published_per_thousand=published if category == "general" else None,
                peer_count=_peer(ds, code, year, "staff", category),
                peer_per_thousand=_peer(ds, code, year, "ratios", "staff_per_1000") if category == "general" else None,
                figure_kind=str(row["figure_kind"]),
                source=queries.source_of(ds, row),
                note=str(row["note"]),
            )
        )
    return tuple(out)


def _staff_trend(ds: Dataset, code: str) -> Trend:
    frame = ds.rows("staff", code)
    rows = frame[frame["count"].notna()]
    records: list[dict[str, object]] = []
    sources: list[Source | None] = []
    for year in sorted({int(y) for y in rows["fiscal_year"]}):
        seen: set[str] = set()
        for line in staff_lines(ds, code, year):
            series = f"{line.account}.{line.category}"
            if series in seen:
                continue
            seen.add(series)
            records.append(
                {
                    "fiscal_year": year,
                    "series": series,
                    "name_ja": line.label_ja,
                    "name_en": t(f"resident.staff.category.{line.category}", "en"),
                    "value": line.count,
                    "per_resident": None,
                    "share": None,
                    "figure_kind": line.figure_kind,
                    "rounding": "exact",
                }
            )
            sources.append(line.source)
    return build_trend(records, sources, ())


def staff_page(ds: Dataset, code: str, year: int) -> StaffPage:
    """Staff of one year (with per-1,000 and 類似団体 figures), staff over the years and personnel costs."""
    return StaffPage(
        code,
        year,
        staff_lines(ds, code, year),
        queries.population(ds, code, year),
        _staff_trend(ds, code),
        item_trend(ds, code, STAFF_COST_ITEMS),
    )
