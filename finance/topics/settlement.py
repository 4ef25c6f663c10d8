"""Settlement breakdowns: where the money comes from and goes in one year, their groups, trends and pages.

Two things are never mixed: a municipality's own 一般会計 款 list (``expenditure_kan``, e.g. Wakkanai's 職員費) and
the statistical 目的別 classification (``expenditure_function``); they are separate subjects here and on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from finance import calc, queries, schemas
from finance.load import Dataset
from finance.queries import KIND_ORDER, Fact, Population, Source
from finance.schemas import UNIT_FACTORS
from finance.text import t
from finance.topics.common import Breakdown, Line, Trend, build_trend, int_or_none, row_line, trend_record

REVENUE_GROUPS: tuple[str, ...] = schemas.REVENUE_GROUPS
"""Revenue groups: ``own_source`` (自主財源), ``dependent`` (依存財源), ``mixed`` (a 「その他」 line of both)."""
NATURE_GROUPS: tuple[str, ...] = schemas.NATURE_GROUPS
"""Expenditure-by-nature groups: ``mandatory`` (義務的経費), ``investment`` (投資的経費), ``other``."""
_SUBTOTALS = {"rev_own_source_total": "own_source", "rev_dependent_total": "dependent"}
_TOTAL_ITEM = {
    "revenue": "rev_total",
    "expenditure_kan": "exp_total",
    "expenditure_function": "exp_total",
    "expenditure_nature": "exp_total",
}
EXPENDITURE_FUNCTION_SUBJECTS: tuple[str, ...] = ("expenditure_function", "expenditure_kan")
"""Where the money went by purpose: the statistical 目的別 list first, else the municipality's own 款 list."""


def _item_names(ds: Dataset) -> pd.DataFrame:
    return ds["items"].set_index("item")


def _best_block(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the one (account, table, kind) block with most rows; ties: more certain kind, finer unit."""
    if rows.empty:
        return rows
    keys = ["account", "source_table", "figure_kind"]
    sizes = rows.groupby(keys, sort=False).size().rename("_n").reset_index()
    sizes["_k"] = sizes["figure_kind"].map(KIND_ORDER)
    first_unit = rows.groupby(keys, sort=False)["published_unit"].first().map(UNIT_FACTORS).rename("_u").reset_index()
    sizes = sizes.merge(first_unit, on=keys)
    best = sizes.sort_values(["_n", "_k", "_u"], ascending=[False, True, True], kind="stable").iloc[0]
    mask = (
        (rows["account"] == best["account"])
        & (rows["source_table"] == best["source_table"])
        & (rows["figure_kind"] == best["figure_kind"])
    )
    out: pd.DataFrame = rows[mask]
    return out


def _computed_line(
    key: str, name_ja: str, name_en: str, group: str, value: int | None, like: Line, **kw: object
) -> Line:
    """A line computed here (a sum or a remainder) from lines of one table; rounding ``computed``."""
    total = kw.get("total")
    pop = kw.get("population")
    return Line(
        key=key,
        label_ja=name_ja,
        name_ja=name_ja,
        name_en=name_en,
        group=group,
        depth=0,
        value=value,
        per_resident=calc.per_resident_yen(value, pop.value if isinstance(pop, Population) else None),
        share=calc.share_percent(value, total if isinstance(total, int) else None),
        figure_kind=like.figure_kind,
        rounding="computed",
        published_unit=like.published_unit,
        source=like.source,
    )


def settlement_breakdown(ds: Dataset, code: str, year: int, statement: str) -> Breakdown:
    """One year's settlement items of ``statement`` from the one source table that itemises them, with its total.

    ``statement`` is ``revenue``, ``expenditure_kan``, ``expenditure_function`` or ``expenditure_nature``.
    Only a table that prints the total itemises (a stray figure from a narrative is not a breakdown).
    Subtotals (自主財源 計, 依存財源 計) are not lines here (see :func:`revenue_groups`); 「うち」 items have depth 1.
    """
    total_item = _TOTAL_ITEM[statement]
    items = _item_names(ds)
    codes = set(items.index[items["statement"] == statement])
    frame = ds.rows("settlement", code)
    rows = frame[
        (frame["fiscal_year"] == year)
        & frame["item"].isin(codes - set(_SUBTOTALS))
        & frame["amount_thousand_yen"].notna()
    ]
    totals = frame[(frame["fiscal_year"] == year) & (frame["item"] == total_item)]
    itemised = set(zip(totals["account"], totals["source_table"], strict=True))
    rows = rows[[(a, t) in itemised for a, t in zip(rows["account"], rows["source_table"], strict=True)]]
    block = _best_block(rows)
    pop = queries.population(ds, code, year)
    if block.empty:
        return Breakdown(statement, year, "", (), None, pop)
    account, table = str(block.iloc[0]["account"]), str(block.iloc[0]["source_table"])
    total_rows = frame[
        (frame["fiscal_year"] == year)
        & (frame["item"] == total_item)
        & (frame["account"] == account)
        & (frame["source_table"] == table)
    ]
    total_line = None
    total_value = None
    if not total_rows.empty:
        trow = total_rows.iloc[0]
        total_value = int_or_none(trow["amount_thousand_yen"])
        meta = items.loc[total_item]
        total_line = row_line(
            ds,
            trow,
            key=total_item,
            name_ja=str(meta["name_ja"]),
            name_en=str(meta["name_en"]),
            group="",
            depth=0,
            total=total_value,
            pop=pop,
        )
    lines = []
    ordered = block.assign(_o=block["item"].map(items["order"])).sort_values("_o", kind="stable")
    for _, row in ordered.iterrows():
        item = str(row["item"])
        meta = items.loc[item]
        part_of = str(row.get("part_of", ""))
        nested = str(meta["name_ja"]).startswith("うち") or part_of not in ("", total_item, *_SUBTOTALS)
        depth = 1 if nested else 0
        lines.append(
            row_line(
                ds,
                row,
                key=item,
                name_ja=str(meta["name_ja"]),
                name_en=str(meta["name_en"]),
                group=str(meta["group"]),
                depth=depth,
                total=total_value,
                pop=pop,
            )
        )
    keys = tuple(ln.key for ln in lines)
    recorded = ds.rows("discrepancies", code)
    shares = recorded[
        (recorded["file"] == "settlement.csv")
        & (recorded["fiscal_year"] == year)
        & (recorded["account"] == account)
        & recorded["item"].isin(keys)
        & recorded["published"].astype(str).str.endswith("%")
    ]
    printed = tuple(
        (str(r["item"]), str(r["published"]), str(r["computed"]).split(" ")[0]) for _, r in shares.iterrows()
    )
    return Breakdown(statement, year, account, tuple(lines), total_line, pop, printed)


def group_names(group: str) -> tuple[str, str]:
    """The Japanese and English names of a group code, from the catalogs (``own_source``: 自主財源)."""
    return t(f"group.{group}", "ja"), t(f"group.{group}", "en")


def _group_lines(ds: Dataset, code: str, year: int, base: Breakdown, groups: tuple[str, ...]) -> Breakdown:
    """Group totals of a breakdown: printed subtotals where the source prints them, else sums of the items.

    A group whose sum cannot be made (a missing item) is the remainder of the total when all other groups are known.
    """
    subject = "revenue_groups" if base.subject == "revenue" else "nature_groups"
    if base.is_empty:
        return Breakdown(subject, year, base.account, (), base.total, base.population)
    total = base.total.value if base.total else None
    like = base.lines[0]
    printed: dict[str, Line] = {}
    if base.subject == "revenue":
        frame = ds.rows("settlement", code)
        rows = frame[
            (frame["fiscal_year"] == year)
            & frame["item"].isin(list(_SUBTOTALS))
            & (frame["account"] == base.account)
            & (frame["source_table"] == like.source.table)
        ]
        for _, row in rows.iterrows():
            group = _SUBTOTALS[str(row["item"])]
            name_ja, name_en = group_names(group)
            printed[group] = row_line(
                ds,
                row,
                key=group,
                name_ja=name_ja,
                name_en=name_en,
                group=group,
                depth=0,
                total=total,
                pop=base.population,
            )
    sums: dict[str, int | None] = {}
    for group in groups:
        members = [ln for ln in base.lines if ln.depth == 0 and ln.group == group]
        if not members:
            continue
        values = [ln.value for ln in members]
        sums[group] = None if any(v is None for v in values) else sum(v for v in values if v is not None)
    unknown = [g for g, v in sums.items() if v is None and g not in printed]
    if len(unknown) == 1 and total is not None:
        known = [printed[g].value if g in printed else v for g, v in sums.items() if g != unknown[0]]
        if all(k is not None for k in known):
            sums[unknown[0]] = total - sum(k for k in known if k is not None)
    lines = []
    for group in groups:
        if group in printed:
            lines.append(printed[group])
        elif group in sums:
            lines.append(
                _computed_line(
                    group,
                    *group_names(group),
                    group,
                    sums[group],
                    like,
                    total=total,
                    population=base.population,
                )
            )
    return Breakdown(subject, year, base.account, tuple(lines), base.total, base.population)


def revenue_groups(ds: Dataset, code: str, year: int, base: Breakdown | None = None) -> Breakdown:
    """自主財源 / 依存財源 (and the mixed 「その他」 line some sources print) of one year."""
    base = base or settlement_breakdown(ds, code, year, "revenue")
    return _group_lines(ds, code, year, base, REVENUE_GROUPS)


def nature_groups(ds: Dataset, code: str, year: int, base: Breakdown | None = None) -> Breakdown:
    """義務的経費 / 投資的経費 / その他の経費 of one year (性質別)."""
    base = base or settlement_breakdown(ds, code, year, "expenditure_nature")
    return _group_lines(ds, code, year, base, NATURE_GROUPS)


def function_breakdown(ds: Dataset, code: str, year: int) -> Breakdown:
    """Expenditure by purpose: statistical 目的別 if the data has it, else the municipality's own 款 list.

    The subject of the result says which one it is (``expenditure_function`` or ``expenditure_kan``); the two are
    never merged.
    """
    for subject in EXPENDITURE_FUNCTION_SUBJECTS:
        found = settlement_breakdown(ds, code, year, subject)
        if not found.is_empty:
            return found
    return Breakdown("expenditure_kan", year, "", (), None, queries.population(ds, code, year))


def _settlement_years(ds: Dataset, code: str, items: Iterable[str]) -> list[int]:
    frame = ds.rows("settlement", code)
    rows = frame[frame["item"].isin(list(items))]
    return sorted({int(y) for y in rows["fiscal_year"].dropna()})


def grouped_trend(ds: Dataset, code: str, statement: str) -> Trend:
    """Each year's total and its group totals (:data:`REVENUE_GROUPS` or :data:`NATURE_GROUPS`).

    The total is the settled (決算) total of the overview (finest unit); groups exist only for itemised years.
    """
    total_item = "rev_total" if statement == "revenue" else "exp_total"
    items = _item_names(ds)
    codes = [*items.index[items["statement"] == statement], total_item]
    records: list[dict[str, object]] = []
    sources: list[Source | None] = []
    pops: list[Population | None] = []
    for year in _settlement_years(ds, code, codes):
        pop = queries.population(ds, code, year)
        total = queries.settlement_fact(ds, code, year, total_item)
        base = settlement_breakdown(ds, code, year, statement)
        groups = revenue_groups(ds, code, year, base) if statement == "revenue" else nature_groups(ds, code, year, base)
        if total is not None and total.value is not None:
            meta = items.loc[total_item]
            records.append(trend_record(year, "total", str(meta["name_ja"]), str(meta["name_en"]), total, pop))
            sources.append(total.source)
            pops.append(pop)
        for ln in groups.lines:
            records.append(trend_record(year, ln.key, ln.name_ja, ln.name_en, ln, pop))
            sources.append(ln.source)
    return build_trend(records, sources, pops)


def item_trend(ds: Dataset, code: str, items_wanted: tuple[str, ...]) -> Trend:
    """Settlement items over the years (one series per item; the preferred row of each year).

    Args:
        ds: the dataset.
        code: municipality code.
        items_wanted: item codes; items of different statements (款 vs 性質別) stay separate series.
    """
    items = _item_names(ds)
    records: list[dict[str, object]] = []
    sources: list[Source | None] = []
    pops: list[Population | None] = []
    for year in _settlement_years(ds, code, items_wanted):
        pop = queries.population(ds, code, year)
        for item in items_wanted:
            fact = queries.settlement_fact(ds, code, year, item, ("general", "ordinary", "general_etc"))
            if fact is None or fact.value is None:
                continue
            meta = items.loc[item]
            record = trend_record(year, item, str(meta["name_ja"]), str(meta["name_en"]), fact, pop)
            total = queries.settlement_fact(ds, code, year, "exp_total", (fact.account,))
            record["share"] = calc.share_percent(fact.value, total.value if total else None)
            records.append(record)
            sources.append(fact.source)
            pops.append(pop)
    return build_trend(records, sources, pops)


@dataclass(frozen=True)
class RevenuePage:
    """Where the money comes from in one year, and over the years."""

    municipality_code: str
    fiscal_year: int
    items: Breakdown
    groups: Breakdown
    trend: Trend
    total: Fact | None
    previous_total: Fact | None
    population: Population | None


def revenue_page(ds: Dataset, code: str, year: int) -> RevenuePage:
    """Revenue items, own-source / dependent groups and the multi-year trend of one municipality and year."""
    items = settlement_breakdown(ds, code, year, "revenue")
    return RevenuePage(
        code,
        year,
        items,
        revenue_groups(ds, code, year, items),
        grouped_trend(ds, code, "revenue"),
        queries.settlement_fact(ds, code, year, "rev_total"),
        queries.settlement_fact(ds, code, year - 1, "rev_total"),
        queries.population(ds, code, year),
    )


@dataclass(frozen=True)
class ExpenditurePage:
    """Where the money goes in one year: by purpose (目的別 or the city's own 款) and by nature (性質別)."""

    municipality_code: str
    fiscal_year: int
    by_function: Breakdown
    by_nature: Breakdown
    nature_groups: Breakdown
    trend: Trend
    total: Fact | None
    previous_total: Fact | None
    population: Population | None


def expenditure_page(ds: Dataset, code: str, year: int) -> ExpenditurePage:
    """Expenditure by purpose and by nature, the nature groups and the multi-year trend."""
    nature = settlement_breakdown(ds, code, year, "expenditure_nature")
    return ExpenditurePage(
        code,
        year,
        function_breakdown(ds, code, year),
        nature,
        nature_groups(ds, code, year, nature),
        grouped_trend(ds, code, "expenditure_nature"),
        queries.settlement_fact(ds, code, year, "exp_total"),
        queries.settlement_fact(ds, code, year - 1, "exp_total"),
        queries.population(ds, code, year),
    )
