"""Read model of the resident pages: where the money comes from and goes, savings, debt, staff and enterprises.

Every amount keeps its provenance (:class:`~finance.queries.Source`), its precision and its kind (決算, 決算見込,
計画). Missing figures stay ``None`` — never zero. Per-resident values are recomputed with
:func:`finance.calc.per_resident_yen` (rounded half up) and carry the :class:`~finance.queries.Population` used.

Two things are never mixed: a municipality's own 一般会計 款 list (``expenditure_kan``, e.g. Wakkanai's 職員費) and
the statistical 目的別 classification (``expenditure_function``); they are separate subjects here and on screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from finance import calc, queries
from finance.load import Dataset
from finance.queries import KIND_ORDER, Fact, Population, Source
from finance.schemas import UNIT_FACTORS
from finance.text import is_japanese, t

MODES: tuple[str, ...] = ("total", "per_resident", "share")
"""How an amount chart shows its values: the amount, the amount per resident, or the share of the total."""

REVENUE_GROUPS: tuple[str, ...] = ("自主", "依存", "混在")
NATURE_GROUPS: tuple[str, ...] = ("義務的", "投資的", "その他")
_SUBTOTALS = {"rev_own_source_total": "自主", "rev_dependent_total": "依存"}
_TOTAL_ITEM = {
    "revenue": "rev_total",
    "expenditure_kan": "exp_total",
    "expenditure_function": "exp_total",
    "expenditure_nature": "exp_total",
}
EXPENDITURE_FUNCTION_SUBJECTS: tuple[str, ...] = ("expenditure_function", "expenditure_kan")
"""Where the money went by purpose: the statistical 目的別 list first, else the municipality's own 款 list."""

MAX_TAX_YEN = 100_000_000
"""The largest amount accepted by the tax-split calculator (a bound for untrusted input)."""

HOUSEHOLD_MONTHLY_INCOME_YEN = 300_000
"""The household of 「家計に例えると」: a monthly income of 30万円 (the year's revenue is scaled to 12 months of it)."""


@dataclass(frozen=True)
class Line:
    """One bar of a breakdown: an item, fund, account or staff category in one year.

    Attributes:
        key: the item, fund, account or category code.
        label_ja: the heading exactly as printed in the source.
        name_ja: the standard Japanese name (reference list), used for charts.
        name_en: the English name.
        group: 自主 / 依存 / 混在 for revenue, 義務的 / 投資的 / その他 for expenditure by nature, else "".
        depth: 0 for an item, 1 for an 「うち」 line that is part of the line above.
        value: 千円 (or persons for staff); ``None`` = missing.
        per_resident: yen per resident (persons per 1,000 residents for staff are in :class:`StaffLine`).
        share: percent of the total (unrounded), ``None`` without a total.
        figure_kind: 決算, 決算見込 or 計画.
        rounding: ``exact``, ``truncated``, ``rounded``, ``approx``, or ``computed`` for sums made here.
        published_unit: the unit the source printed.
        source: the document, table and lines.
    """

    key: str
    label_ja: str
    name_ja: str
    name_en: str
    group: str
    depth: int
    value: int | None
    per_resident: int | None
    share: Decimal | None
    figure_kind: str
    rounding: str
    published_unit: str
    source: Source

    def name(self, locale: str) -> str:
        """The display name in ``locale``."""
        return self.name_ja if is_japanese(locale) else self.name_en

    def mode_value(self, mode: str) -> int | Decimal | None:
        """The value shown in ``mode`` (``total`` 千円, ``per_resident`` 円, ``share`` %)."""
        if mode == "per_resident":
            return self.per_resident
        if mode == "share":
            return self.share
        return self.value


@dataclass(frozen=True)
class Breakdown:
    """One year's amounts by item: the lines, their total and the population used per resident.

    Attributes:
        subject: ``revenue``, ``expenditure_kan``, ``expenditure_function``, ``expenditure_nature``, ``revenue_groups``,
            ``nature_groups``, ``funds`` or ``debt``.
        fiscal_year: the year.
        account: the account or basis of the lines (``general``, ``ordinary`` …).
        lines: the lines in display order.
        total: the total the shares are taken of, if the source prints one.
        population: the population used for per-resident values.
    """

    subject: str
    fiscal_year: int
    account: str
    lines: tuple[Line, ...]
    total: Line | None
    population: Population | None
    printed_shares: tuple[tuple[str, str, str], ...] = ()  # (key, printed share, recomputed) where they differ

    def printed_share(self, key: str) -> tuple[str, str] | None:
        """The share the source printed for ``key`` and the recomputed one, where they differ (discrepancies.csv)."""
        for line_key, printed, computed in self.printed_shares:
            if line_key == key:
                return printed, computed
        return None

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing to show."""
        return not self.lines

    @property
    def source(self) -> Source | None:
        """The source of the lines (all lines of a breakdown come from one table)."""
        if self.total is not None:
            return self.total.source
        return self.lines[0].source if self.lines else None

    @property
    def figure_kind(self) -> str:
        """The least certain kind among the lines (決算 unless an estimate or plan is included)."""
        kinds = [ln.figure_kind for ln in self.lines] or ["決算"]
        return max(kinds, key=lambda k: KIND_ORDER.get(k, 0))

    def line(self, key: str) -> Line | None:
        """The line of ``key`` (or the total), if present."""
        if self.total is not None and self.total.key == key:
            return self.total
        return next((ln for ln in self.lines if ln.key == key), None)


@dataclass(frozen=True)
class Trend:
    """Several series over the years, as a tidy frame.

    ``frame`` columns: ``fiscal_year`` (int), ``series`` (code), ``name_ja``, ``name_en``, ``value`` (Int64, 千円 or
    persons), ``per_resident`` (Int64 円), ``share`` (object: Decimal percent or None), ``figure_kind``, ``rounding``.
    A year without a figure has no row (a gap on the chart), never a zero row.
    """

    frame: pd.DataFrame
    sources: tuple[Source, ...]
    populations: tuple[Population, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether there is no figure at all."""
        return self.frame.empty

    @property
    def years(self) -> list[int]:
        """The years with any figure, ascending."""
        return sorted({int(y) for y in self.frame["fiscal_year"]})


_TREND_COLUMNS = [
    "fiscal_year",
    "series",
    "name_ja",
    "name_en",
    "value",
    "per_resident",
    "share",
    "figure_kind",
    "rounding",
]


def _trend(
    records: list[dict[str, object]], sources: Iterable[Source | None], pops: Iterable[Population | None]
) -> Trend:
    frame = pd.DataFrame.from_records(records, columns=_TREND_COLUMNS)
    frame = frame.astype({"value": "Int64", "per_resident": "Int64"})
    if not frame.empty:
        frame["fiscal_year"] = frame["fiscal_year"].astype(int)
    unique_sources = tuple(dict.fromkeys(s for s in sources if s is not None))
    unique_pops = tuple(dict.fromkeys(p for p in pops if p is not None))
    return Trend(frame, unique_sources, unique_pops)


def _record(
    year: int, series: str, name_ja: str, name_en: str, line: Line | Fact, pop: Population | None
) -> dict[str, object]:
    value = line.value
    per = line.per_resident if isinstance(line, Line) else calc.per_resident_yen(value, pop.value if pop else None)
    share = line.share if isinstance(line, Line) else None
    return {
        "fiscal_year": year,
        "series": series,
        "name_ja": name_ja,
        "name_en": name_en,
        "value": value,
        "per_resident": per,
        "share": share,
        "figure_kind": line.figure_kind,
        "rounding": line.rounding,
    }


# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------


def _value(x: object) -> int | None:
    return None if pd.isna(x) else int(x)  # type: ignore[call-overload]


def _item_names(ds: Dataset) -> pd.DataFrame:
    return ds["items"].set_index("item")


def _account_names(ds: Dataset, code: str) -> dict[str, tuple[str, str]]:
    frame = ds.rows("accounts", code)
    rows = frame[frame["municipality_code"] == code]
    return {str(r.account): (str(r.name_ja), str(r.name_en)) for r in rows.itertuples(index=False)}


def _pop_value(pop: Population | None) -> int | None:
    return pop.value if pop else None


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


def _line(
    ds: Dataset,
    row: pd.Series,
    *,
    key: str,
    name_ja: str,
    name_en: str,
    group: str,
    depth: int,
    total: int | None,
    pop: Population | None,
    value_column: str = "amount_thousand_yen",
) -> Line:
    value = _value(row[value_column])
    per = calc.per_resident_yen(value, _pop_value(pop)) if value_column == "amount_thousand_yen" else None
    return Line(
        key=key,
        label_ja=str(row.get("label_ja", "")),
        name_ja=name_ja,
        name_en=name_en,
        group=group,
        depth=depth,
        value=value,
        per_resident=per,
        share=calc.share_percent(value, total),
        figure_kind=str(row["figure_kind"]),
        rounding=str(row.get("rounding", "exact")),
        published_unit=str(row.get("published_unit", "")),
        source=queries.source_of(ds, row),
    )


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


# ---------------------------------------------------------------------------------------------
# Settlement breakdowns (revenue, expenditure)
# ---------------------------------------------------------------------------------------------


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
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & frame["item"].isin(codes - set(_SUBTOTALS))
        & frame["amount_thousand_yen"].notna()
    ]
    totals = frame[
        (frame["municipality_code"] == code) & (frame["fiscal_year"] == year) & (frame["item"] == total_item)
    ]
    itemised = set(zip(totals["account"], totals["source_table"], strict=True))
    rows = rows[[(a, t) in itemised for a, t in zip(rows["account"], rows["source_table"], strict=True)]]
    block = _best_block(rows)
    pop = queries.population(ds, code, year)
    if block.empty:
        return Breakdown(statement, year, "", (), None, pop)
    account, table = str(block.iloc[0]["account"]), str(block.iloc[0]["source_table"])
    total_rows = frame[
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["item"] == total_item)
        & (frame["account"] == account)
        & (frame["source_table"] == table)
    ]
    total_line = None
    total_value = None
    if not total_rows.empty:
        trow = total_rows.iloc[0]
        total_value = _value(trow["amount_thousand_yen"])
        meta = items.loc[total_item]
        total_line = _line(
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
            _line(
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
    recorded = ds["discrepancies"]
    shares = recorded[
        (recorded["file"] == "settlement.csv")
        & (recorded["municipality_code"] == code)
        & (recorded["fiscal_year"] == year)
        & (recorded["account"] == account)
        & recorded["item"].isin(keys)
        & recorded["published"].astype(str).str.endswith("%")
    ]
    printed = tuple(
        (str(r["item"]), str(r["published"]), str(r["computed"]).split(" ")[0]) for _, r in shares.iterrows()
    )
    return Breakdown(statement, year, account, tuple(lines), total_line, pop, printed)


def _group_lines(
    ds: Dataset, code: str, year: int, base: Breakdown, groups: tuple[str, ...], names: dict[str, tuple[str, str]]
) -> Breakdown:
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
            (frame["municipality_code"] == code)
            & (frame["fiscal_year"] == year)
            & frame["item"].isin(list(_SUBTOTALS))
            & (frame["account"] == base.account)
            & (frame["source_table"] == like.source.table)
        ]
        for _, row in rows.iterrows():
            group = _SUBTOTALS[str(row["item"])]
            printed[group] = _line(
                ds,
                row,
                key=group,
                name_ja=names[group][0],
                name_en=names[group][1],
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
                    names[group][0],
                    names[group][1],
                    group,
                    sums[group],
                    like,
                    total=total,
                    population=base.population,
                )
            )
    return Breakdown(subject, year, base.account, tuple(lines), base.total, base.population)


REVENUE_GROUP_NAMES = {
    "自主": ("自主財源", "Own-source revenue"),
    "依存": ("依存財源", "Dependent revenue"),
    "混在": ("自主・依存の混在（その他）", "Mixed (other)"),
}
NATURE_GROUP_NAMES = {
    "義務的": ("義務的経費", "Mandatory expenditure"),
    "投資的": ("投資的経費", "Investment expenditure"),
    "その他": ("その他の経費", "Other expenditure"),
}


def revenue_groups(ds: Dataset, code: str, year: int, base: Breakdown | None = None) -> Breakdown:
    """自主財源 / 依存財源 (and the mixed 「その他」 line some sources print) of one year."""
    base = base or settlement_breakdown(ds, code, year, "revenue")
    return _group_lines(ds, code, year, base, REVENUE_GROUPS, REVENUE_GROUP_NAMES)


def nature_groups(ds: Dataset, code: str, year: int, base: Breakdown | None = None) -> Breakdown:
    """義務的経費 / 投資的経費 / その他の経費 of one year (性質別)."""
    base = base or settlement_breakdown(ds, code, year, "expenditure_nature")
    return _group_lines(ds, code, year, base, NATURE_GROUPS, NATURE_GROUP_NAMES)


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
    rows = frame[(frame["municipality_code"] == code) & frame["item"].isin(list(items))]
    return sorted({int(y) for y in rows["fiscal_year"].dropna()})


def grouped_trend(ds: Dataset, code: str, statement: str) -> Trend:
    """Each year's total and group totals (revenue: 自主 / 依存 / 混在; expenditure: 義務的 / 投資的 / その他).

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
            records.append(_record(year, "total", str(meta["name_ja"]), str(meta["name_en"]), total, pop))
            sources.append(total.source)
            pops.append(pop)
        for ln in groups.lines:
            records.append(_record(year, ln.key, ln.name_ja, ln.name_en, ln, pop))
            sources.append(ln.source)
    return _trend(records, sources, pops)


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
            record = _record(year, item, str(meta["name_ja"]), str(meta["name_en"]), fact, pop)
            total = queries.settlement_fact(ds, code, year, "exp_total", (fact.account,))
            record["share"] = calc.share_percent(fact.value, total.value if total else None)
            records.append(record)
            sources.append(fact.source)
            pops.append(pop)
    return _trend(records, sources, pops)


# ---------------------------------------------------------------------------------------------
# Pages: revenue, expenditure
# ---------------------------------------------------------------------------------------------


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
    """Revenue items, 自主 / 依存 groups and the multi-year trend of one municipality and year."""
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


# ---------------------------------------------------------------------------------------------
# Funds (基金) and debt (地方債)
# ---------------------------------------------------------------------------------------------

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
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["measure"] == "balance_end")
        & frame["amount_thousand_yen"].notna()
    ]
    pop = queries.population(ds, code, year)
    if rows.empty:
        return Breakdown("funds", year, "", (), None, pop)
    rows = rows.sort_values("figure_kind", key=lambda s: s.map(KIND_ORDER), kind="stable")
    rows = rows.drop_duplicates("fund")
    total_rows = rows[rows["fund"] == "fund_total"]
    total_value = _value(total_rows.iloc[0]["amount_thousand_yen"]) if not total_rows.empty else None

    def make(row: pd.Series) -> Line:
        fund = str(row["fund"])
        return _line(
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
    rows = frame[
        (frame["municipality_code"] == code)
        & frame["measure"].isin(list(measures))
        & frame["amount_thousand_yen"].notna()
    ]
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
                fact = queries._fact(ds, row)
                record = _record(year, series, names[0], names[1], fact, pop)
                if measure == "balance_end":
                    whole = year_rows[(year_rows["measure"] == measure) & (year_rows["fund"] == "fund_total")]
                    whole_value = _value(whole.iloc[0]["amount_thousand_yen"]) if not whole.empty else None
                    record["share"] = calc.share_percent(fact.value, whole_value)
                records.append(record)
                sources.append(fact.source)
                pops.append(pop)
    return _trend(records, sources, pops)


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
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["measure"] == "outstanding_end")
        & frame["amount_thousand_yen"].notna()
    ]
    pop = queries.population(ds, code, year)
    if rows.empty:
        return Breakdown("debt", year, "", (), None, pop)
    rows = rows.assign(_u=rows["published_unit"].map(UNIT_FACTORS), _k=rows["figure_kind"].map(KIND_ORDER))
    rows = rows.sort_values(["_k", "_u"], kind="stable").drop_duplicates("account")
    names = _account_names(ds, code)
    total_rows = rows[rows["account"].isin(DEBT_TOTAL_ACCOUNTS)]
    total_value = _value(total_rows.iloc[0]["amount_thousand_yen"]) if not total_rows.empty else None

    def make(row: pd.Series) -> Line:
        account = str(row["account"])
        name_ja, name_en = names.get(account, (str(row["label_ja"]), str(row["label_ja"])))
        return _line(
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
    base = frame[(frame["municipality_code"] == code) & (frame["fiscal_year"] == year)]
    covered_rows = base[(base["measure"] == "lat_covered_end") & base["amount_thousand_yen"].notna()]
    if covered_rows.empty:
        return None
    covered = queries._fact(ds, covered_rows.iloc[0])
    outstanding = queries.latest_stock(ds, "debt", code, year, measure="outstanding_end", account=covered.account)
    if outstanding is None or outstanding.value is None or covered.value is None:
        return None
    pop = queries.population(ds, code, year)
    burden = outstanding.value - covered.value
    return DebtCoverage(outstanding, covered, burden, calc.per_resident_yen(burden, _pop_value(pop)), pop)


def _debt_trend(ds: Dataset, code: str) -> Trend:
    frame = ds.rows("debt", code)
    rows = frame[
        (frame["municipality_code"] == code)
        & (frame["measure"] == "outstanding_end")
        & frame["amount_thousand_yen"].notna()
    ]
    names = _account_names(ds, code)
    records: list[dict[str, object]] = []
    sources: list[Source | None] = []
    pops: list[Population | None] = []
    for year in sorted({int(y) for y in rows["fiscal_year"]}):
        pop = queries.population(ds, code, year)
        for line in debt_by_account(ds, code, year).lines:
            name_ja, name_en = names.get(line.key, (line.name_ja, line.name_en))
            records.append(_record(year, line.key, name_ja, name_en, line, pop))
            sources.append(line.source)
            pops.append(pop)
    return _trend(records, sources, pops)


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


# ---------------------------------------------------------------------------------------------
# Staff (職員数)
# ---------------------------------------------------------------------------------------------


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
    rows = frame[
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["dataset"] == dataset)
        & (frame["subject"] == subject)
    ]
    return None if rows.empty or pd.isna(rows.iloc[0]["value"]) else Decimal(str(rows.iloc[0]["value"]))


def _published_staff_per_thousand(ds: Dataset, code: str, year: int) -> Decimal | None:
    frame = ds.rows("ratios", code)
    rows = frame[
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["indicator"] == "staff_per_1000")
        & frame["value"].notna()
    ]
    return None if rows.empty else Decimal(str(rows.iloc[0]["value"]))


STAFF_ORDER = ("total", "total_excl_fire", "general", "general_admin", "education", "temporary", "enterprise")


def staff_lines(ds: Dataset, code: str, year: int) -> tuple[StaffLine, ...]:
    """The staff counts of one year, in category order (all accounts; each labelled as printed)."""
    frame = ds.rows("staff", code)
    rows = frame[(frame["municipality_code"] == code) & (frame["fiscal_year"] == year) & frame["count"].notna()]
    pop = queries.population(ds, code, year)
    published = _published_staff_per_thousand(ds, code, year)
    out = []
    ordered = rows.assign(_o=rows["category"].map({c: i for i, c in enumerate(STAFF_ORDER)}))
    for _, row in ordered.sort_values(["_o", "account"], kind="stable").iterrows():
        category = str(row["category"])
        count = int(row["count"])
        per = calc.per_thousand_residents(count, _pop_value(pop))
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
    rows = frame[(frame["municipality_code"] == code) & frame["count"].notna()]
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
    return _trend(records, sources, ())


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


# ---------------------------------------------------------------------------------------------
# Public enterprises (公営企業)
# ---------------------------------------------------------------------------------------------

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
        return {str(r.series): _value(r.value) for r in rows.itertuples(index=False)}

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
    frame = ds["operating_stats"]
    out: dict[int, Population] = {}
    for acc in (account, "sewer_combined"):
        rows = frame[
            (frame["municipality_code"] == code)
            & (frame["account"] == acc)
            & (frame["item"] == "ent_treated_area_population")
            & frame["value"].notna()
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
        (frame["municipality_code"] == code)
        & (frame["account"] == account)
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
            fact = queries._fact(ds, match.iloc[0])
            name_ja = str(meta.loc[item, "name_ja"]) if item in meta.index else fact.label_ja
            name_en = str(meta.loc[item, "name_en"]) if item in meta.index else fact.label_ja
            records.append(_record(year, item, name_ja, name_en, fact, pop))
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
    staff = ds["staff"]
    staff_account = "sewer_combined" if account == "sewer" else account
    staff_rows = staff[
        (staff["municipality_code"] == code)
        & (staff["account"] == staff_account)
        & (staff["source_table"].str.contains("年度別目標"))
    ]
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
        _trend(records, sources, served.values()),
        _trend(staff_records, staff_sources, ()),
        served,
    )


def enterprise_page(ds: Dataset, code: str, year: int) -> EnterprisePage:
    """Every public-enterprise account with income statements, over the years."""
    frame = ds.rows("enterprise", code)
    rows = frame[
        (frame["municipality_code"] == code)
        & frame["item"].isin(["ent_total_revenue", "ent_total_expenses"])
        & frame["amount_thousand_yen"].notna()
    ]
    names = _account_names(ds, code)
    accounts = sorted(set(rows["account"]), key=lambda a: (a != "sewer", a))
    return EnterprisePage(code, year, tuple(_enterprise_account(ds, code, a, names) for a in accounts))


# ---------------------------------------------------------------------------------------------
# Household analogy (家計に例えると) and the tax split (あなたの税金の使いみち)
# ---------------------------------------------------------------------------------------------

HOUSEHOLD_REVENUE = {
    "rev_local_tax": "salary",
    "rev_contributions": "side_income",
    "rev_fees": "side_income",
    "rev_property_income": "side_income",
    "rev_donations": "side_income",
    "rev_miscellaneous": "side_income",
    "rev_transfers_in": "savings_withdrawal",
    "rev_carryover": "leftover",
    "rev_local_bonds": "loan",
    "rev_other": "other_income",
}
"""Revenue items → household items (domain notes §6.7). Everything else decided by the state or the prefecture
(交付税, 国庫・道支出金, 譲与税, 交付金) is 「親からの仕送り」 (``support``)."""
HOUSEHOLD_REVENUE_ORDER = (
    "salary",
    "side_income",
    "support",
    "savings_withdrawal",
    "leftover",
    "loan",
    "other_income",
)

HOUSEHOLD_NATURE = {
    "expn_personnel": "food",
    "expn_social_assistance": "medical",
    "expn_debt_service": "loan_repayment",
    "expn_goods_services": "utilities",
    "expn_maintenance": "repairs",
    "expn_subsidies": "community",
    "expn_reserves": "savings",
    "expn_investments": "investment",
    "expn_loans": "lending",
    "expn_transfers_out": "allowance_children",
    "expn_construction": "house_car",
    "expn_other": "other_spending",
    "expn_prior_year_deficit": "other_spending",
}
"""性質別 items → household items (domain notes §6.7)."""
HOUSEHOLD_SPENDING_ORDER = (
    "food",
    "medical",
    "loan_repayment",
    "utilities",
    "repairs",
    "community",
    "allowance_children",
    "house_car",
    "savings",
    "investment",
    "lending",
    "other_spending",
)


@dataclass(frozen=True)
class HouseholdLine:
    """One household item: its monthly yen and the settlement items it stands for.

    Attributes:
        key: household item code (``salary``, ``food`` …) or, for a 款 list, the 款 item code.
        monthly_yen: the scaled amount per month (rounded half up), ``None`` if an item is missing.
        items: the settlement item codes mapped to it.
        share: percent of the year's total (unrounded).
        item_names_ja: the headings of those items as printed.
        item_names_en: their English names.
    """

    key: str
    monthly_yen: int | None
    items: tuple[str, ...]
    share: Decimal | None
    item_names_ja: tuple[str, ...] = ()
    item_names_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class Household:
    """The year's budget scaled to a household with a monthly income.

    Attributes:
        monthly_income_yen: the household's monthly income (the whole year's revenue is 12 of them).
        factor: yen of household money per yen of the municipality's revenue (unrounded).
        revenue: household income lines.
        spending: household spending lines (性質別 mapped to household items; a 款 list scaled under its own names).
        spending_subject: ``expenditure_nature``, ``expenditure_kan``, ``expenditure_function`` or "" (none).
        revenue_total: the revenue total used.
        expenditure_total: the expenditure total scaled with the same factor.
        population: the population (for the per-resident comparison).
    """

    municipality_code: str
    fiscal_year: int
    monthly_income_yen: int
    factor: Decimal | None
    revenue: tuple[HouseholdLine, ...]
    spending: tuple[HouseholdLine, ...]
    spending_subject: str
    revenue_total: Line | None
    expenditure_total: Line | None
    expenditure_monthly_yen: int | None
    source: Source | None

    @property
    def is_empty(self) -> bool:
        """Whether the year has no itemised revenue to scale."""
        return not self.revenue


def _scaled(value: int | None, factor: Decimal) -> int | None:
    """千円 → household yen per month."""
    if value is None:
        return None
    return calc.round_half_up(Decimal(value) * 1000 * factor / 12)


def household(ds: Dataset, code: str, year: int, monthly_income_yen: int = HOUSEHOLD_MONTHLY_INCOME_YEN) -> Household:
    """The year's revenue and expenditure scaled so that the revenue is ``monthly_income_yen`` a month.

    Mapping rules: revenue items go to household items by :data:`HOUSEHOLD_REVENUE` (state and prefectural money
    is support from parents); 性質別 spending by :data:`HOUSEHOLD_NATURE`; a 款 list is scaled under its own
    headings because purposes have no household equivalent. 「うち」 lines are left out (their parent counts them).
    """
    revenue = settlement_breakdown(ds, code, year, "revenue")
    total = revenue.total
    if revenue.is_empty or total is None or total.value is None or total.value <= 0:
        return Household(code, year, monthly_income_yen, None, (), (), "", None, None, None, None)
    factor = Decimal(monthly_income_yen * 12) / (Decimal(total.value) * 1000)

    def grouped(
        lines: tuple[Line, ...], mapping: dict[str, str], order: tuple[str, ...], default: str, base: int
    ) -> tuple[HouseholdLine, ...]:
        sums: dict[str, list[Line]] = {}
        for ln in lines:
            if ln.depth:
                continue
            sums.setdefault(mapping.get(ln.key, default), []).append(ln)
        out = []
        for key in order:
            members = sums.get(key)
            if not members:
                continue
            values = [m.value for m in members]
            value = None if any(v is None for v in values) else sum(v for v in values if v is not None)
            out.append(
                HouseholdLine(
                    key,
                    _scaled(value, factor),
                    tuple(m.key for m in members),
                    calc.share_percent(value, base),
                    tuple(m.label_ja for m in members),
                    tuple(m.name_en for m in members),
                )
            )
        return tuple(out)

    income = grouped(revenue.lines, HOUSEHOLD_REVENUE, HOUSEHOLD_REVENUE_ORDER, "support", total.value)
    nature = settlement_breakdown(ds, code, year, "expenditure_nature")
    spending: tuple[HouseholdLine, ...] = ()
    subject = ""
    exp_total = nature.total
    if not nature.is_empty and nature.total is not None and nature.total.value:
        spending = grouped(
            nature.lines, HOUSEHOLD_NATURE, HOUSEHOLD_SPENDING_ORDER, "other_spending", nature.total.value
        )
        subject = "expenditure_nature"
    else:
        purpose = function_breakdown(ds, code, year)
        if not purpose.is_empty and purpose.total is not None and purpose.total.value:
            exp_total = purpose.total
            subject = purpose.subject
            spending = tuple(
                HouseholdLine(ln.key, _scaled(ln.value, factor), (ln.key,), ln.share, (ln.label_ja,), (ln.name_en,))
                for ln in purpose.lines
                if ln.depth == 0
            )
    return Household(
        code,
        year,
        monthly_income_yen,
        factor,
        income,
        spending,
        subject,
        total,
        exp_total,
        _scaled(exp_total.value, factor) if exp_total else None,
        total.source,
    )


@dataclass(frozen=True)
class TaxShare:
    """One purpose's part of the resident's amount."""

    key: str
    name_ja: str
    name_en: str
    yen: int
    share: Decimal


@dataclass(frozen=True)
class TaxSplit:
    """A resident's amount divided in the year's expenditure shares.

    Attributes:
        amount_yen: the amount entered.
        subject: ``expenditure_function`` (統計の目的別), ``expenditure_kan`` (the city's own 款 list) or
            ``expenditure_nature`` (性質別, only when the data has no purpose list); "" if there is nothing to split by.
        shares: the parts, largest first.
        total: the expenditure total the shares are of.
    """

    municipality_code: str
    fiscal_year: int
    amount_yen: int
    subject: str
    shares: tuple[TaxShare, ...]
    total: Line | None

    @property
    def is_empty(self) -> bool:
        """Whether the year has no expenditure list to split by."""
        return not self.shares


def tax_split(ds: Dataset, code: str, year: int, amount_yen: int) -> TaxSplit:
    """Divide ``amount_yen`` across the year's expenditure by purpose (else by nature), in their shares.

    Each part is rounded half up to whole yen; the parts may therefore differ from the amount by a few yen.

    Raises:
        ValueError: the amount is negative or above :data:`MAX_TAX_YEN`.
    """
    if amount_yen < 0 or amount_yen > MAX_TAX_YEN:
        raise ValueError(f"amount out of range: {amount_yen}")
    basis = function_breakdown(ds, code, year)
    if basis.is_empty:
        basis = settlement_breakdown(ds, code, year, "expenditure_nature")
    if basis.is_empty or basis.total is None or not basis.total.value:
        return TaxSplit(code, year, amount_yen, "", (), None)
    shares = []
    for ln in basis.lines:
        if ln.depth or ln.share is None:
            continue
        shares.append(
            TaxShare(ln.key, ln.name_ja, ln.name_en, calc.round_half_up(Decimal(amount_yen) * ln.share / 100), ln.share)
        )
    shares.sort(key=lambda s: s.share, reverse=True)
    return TaxSplit(code, year, amount_yen, basis.subject, tuple(shares), basis.total)
