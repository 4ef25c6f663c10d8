"""Read model: questions the pages ask of a :class:`~finance.load.Dataset`, answered with provenance.

Every figure comes back as a :class:`Fact` that carries its value together with the document, table, lines
and publication date it was transcribed from, its precision and whether it is 決算, 決算見込 or 計画.
Functions take primitives (municipality code, fiscal year) so that callers can cache them by arguments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, cast

import pandas as pd

from finance import calc, provenance
from finance.load import Dataset
from finance.schemas import UNIT_FACTORS
from finance.text import is_japanese

KIND_ORDER = {"決算": 0, "決算見込": 1, "計画": 2}


@dataclass(frozen=True)
class Source:
    """Where a figure was published."""

    source_id: str
    title_ja: str
    title_en: str
    publisher_ja: str
    published: str
    table: str
    lines: str
    url: str = ""
    edition: str = ""  # national tables: the row's reference date or fiscal year (their publication date is not kept)
    short_ja: str = ""  # the document's short name for cards ("" = use the title)
    short_en: str = ""
    page_map: str = ""  # transcription lines → document pages (finance/provenance.py), "" when none is known

    @property
    def page(self) -> str | None:
        """The document page (``"p.12"``, ``"pp.20–21"``), ``None`` when unknown.

        Given on the row, or found from the transcription lines through the source's page map; the line numbers
        themselves are never shown to readers.
        """
        return provenance.page_label(self.lines, self.page_map) or None

    def short_title(self, japanese: bool) -> str:
        """The document's short name in Japanese or English (the full title when none is given)."""
        if japanese:
            return self.short_ja or self.title_ja
        return self.short_en or self.title_en


@dataclass(frozen=True)
class Fact:
    """One figure with its provenance.

    Attributes:
        value: the amount in 千円 (or the count / percentage for non-money figures); ``None`` = missing.
        published_unit: the unit the source printed (千円, 万円, 百万円 …).
        rounding: ``exact``, ``truncated``, ``rounded`` or ``approx``.
        figure_kind: 決算, 決算見込 or 計画.
        account: the account or basis code.
        label_ja: the heading as printed.
        note: what a reader must know.
        source: the document, table and lines.
    """

    value: int | None
    published_unit: str
    rounding: str
    figure_kind: str
    account: str
    label_ja: str
    note: str
    source: Source


@dataclass(frozen=True)
class Population:
    """The population used for per-resident figures, with its basis and reference date."""

    value: int
    basis: str
    as_of: str
    source: Source


@dataclass(frozen=True)
class PerResident:
    """A per-resident value computed from an amount and a population, compared with the published one if any."""

    yen: int | None
    published_yen: int | None
    population: Population | None

    @property
    def differs(self) -> bool:
        """Whether the published per-resident value differs from the recomputed one."""
        return self.yen is not None and self.published_yen is not None and self.yen != self.published_yen


@dataclass(frozen=True)
class PublishedRatio:
    """A published indicator value with its status and the thresholds printed beside it."""

    indicator: str
    value: float | None
    status: str
    surplus_value: float | None
    early_threshold: float | None
    rebuilding_threshold: float | None
    published_text: str
    figure_kind: str
    account: str
    source: Source
    decimals: int | None = None  # the number of decimals printed (6.99 → 2); None when no number is printed


_PRINTED_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


def printed_decimals(published_text: str) -> int | None:
    """The number of decimals of the first number printed in a cell (``"6.99%"`` → 2, ``"—"`` → ``None``)."""
    match = _PRINTED_NUMBER.search(published_text or "")
    return None if match is None else len(match.group(1) or "")


@dataclass(frozen=True)
class Overview:
    """The headline figures of one municipality and fiscal year."""

    municipality_code: str
    fiscal_year: int
    revenue: Fact | None
    expenditure: Fact | None
    real_balance: Fact | None
    revenue_per_resident: PerResident
    expenditure_per_resident: PerResident
    fund_balance: Fact | None
    debt_outstanding: Fact | None
    ratios: tuple[PublishedRatio, ...]

    @property
    def has_settlement(self) -> bool:
        """Whether any settlement total exists for this year."""
        return self.revenue is not None or self.expenditure is not None


def _sources(ds: Dataset) -> dict[str, dict[str, object]]:
    found = ds.memo.get("sources")
    if found is None:
        found = {str(r["source_id"]): r for r in ds["sources"].to_dict("records")}
        ds.memo["sources"] = found
    return found  # type: ignore[return-value]


def source_of(ds: Dataset, row: Mapping[str, object] | pd.Series) -> Source:
    """The :class:`Source` of a data row (joins ``sources.csv`` for title and publication date)."""
    src = _sources(ds)[str(row["source_id"])]
    return Source(
        str(row["source_id"]),
        str(src["title_ja"]),
        str(src["title_en"] or src["title_ja"]),
        str(src["publisher_ja"]),
        str(src["published"]),
        str(row["source_table"]),
        str(row["source_lines"]),
        str(src.get("url") or ""),
        _edition(src, row),
        str(src.get("short_ja") or ""),
        str(src.get("short_en") or ""),
        str(src.get("pages") or ""),
    )


def _edition(src: Mapping[str, object], row: Mapping[str, object] | pd.Series) -> str:
    """For a national statistical table: the row's reference date or fiscal year (``"2014-01-01"``, ``"2013"``)."""
    if src.get("kind") != "statistics":
        return ""
    as_of = row.get("as_of") if hasattr(row, "get") else None
    if isinstance(as_of, str) and as_of:
        return as_of
    year = row.get("fiscal_year") if hasattr(row, "get") else None
    return "" if year is None or pd.isna(year) else str(int(str(year)))  # type: ignore[arg-type]


def number(x: object) -> float | None:
    """A float from a data cell, ``None`` for a missing one."""
    return None if pd.isna(x) else float(x)  # type: ignore[arg-type,call-overload]


def _value(x: object) -> int | None:
    return None if pd.isna(x) else int(x)  # type: ignore[call-overload]


def _fact(ds: Dataset, row: Mapping[str, object] | pd.Series) -> Fact:
    return Fact(
        _value(row["amount_thousand_yen"]),
        str(row["published_unit"]),
        str(row["rounding"]),
        str(row["figure_kind"]),
        str(row["account"]),
        str(row.get("label_ja", "")),
        str(row["note"]),
        source_of(ds, row),
    )


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


def municipalities(ds: Dataset) -> list[tuple[str, str, str]]:
    """``(code, name_ja, name_en)`` of every municipality, in code order."""
    return list(ds.municipality_list)


def municipality_name(ds: Dataset, code: str, locale: str = "ja") -> str | None:
    """The name of a body in ``locale`` (the Japanese name where no English one is recorded); ``None`` if unknown."""
    row = ds.body(code)
    if row is None:
        return None
    english = row.get("name_en")
    if not is_japanese(locale) and isinstance(english, str) and english:
        return english
    return str(row["name_ja"])


def body_kind_and_name(ds: Dataset, code: str) -> tuple[str | None, str]:
    """The kind (市, 町, 村, 特別区, 指定都市, 都道府県) and Japanese name of a body; ``(None, "")`` if unknown."""
    row = ds.body(code)
    return (None, "") if row is None else (str(row["kind"]), str(row["name_ja"]))


_YEAR_TABLES = ("settlement", "ratios", "enterprise", "funds", "debt")


def year_kinds(ds: Dataset, code: str, own_documents: bool = False) -> dict[int, str]:
    """Each fiscal year with any figure, mapped to its most certain kind (決算 before 決算見込 before 計画).

    ``own_documents``: only the rows of the body's own documents (not the national tables). Asked on every
    request (each callback re-checks the view), so it is memoised per municipality.
    """
    key = ("year_kinds", code, own_documents)
    found = ds.memo.get(key)
    if found is not None:
        return dict(cast("dict[int, str]", found))
    best: dict[int, str] = {}
    for name in _YEAR_TABLES:
        frame = ds.rows(name, code)
        if own_documents and "source_id" in frame.columns:
            frame = frame[~frame["source_id"].isin(ds.national_source_ids)]
        block = frame[["fiscal_year", "figure_kind"]].dropna()
        for year, kind in zip(block["fiscal_year"].astype(int), block["figure_kind"], strict=True):
            if year not in best or KIND_ORDER[kind] < KIND_ORDER[best[year]]:
                best[year] = kind
    result = dict(sorted(best.items()))
    ds.memo[key] = result
    return dict(result)


def fiscal_years(ds: Dataset, code: str) -> list[int]:
    """Fiscal years with any figure for a municipality (settlement, ratios, enterprise, funds, debt), ascending."""
    return list(year_kinds(ds, code))


OpeningBasis = Literal["settlement", "indicators", "enterprise", "plan", "other", "none"]
"""What the year a body opens on holds: a settlement total, indicators, only a public enterprise's figures, only
plans (計画・決算見込), other figures (a fund or debt stock), or nothing at all."""

_OPENING_ACCOUNTS = ("general", "ordinary", "general_etc")
"""The accounts whose indicators count for the opening year (the general accounts, not an enterprise's)."""


@dataclass(frozen=True)
class Opening:
    """The year a body opens on and what its figures are there (see :func:`opening`)."""

    year: int | None
    basis: OpeningBasis


def opening(ds: Dataset, code: str) -> Opening:
    """The year a body opens on: the latest year whose pages answer, from the documents or the national tables.

    In order:

    1. the latest year with a settled (決算) 歳入 or 歳出 total or a settled indicator of the general accounts
       (健全化判断比率, 経常収支比率 …): ``settlement`` when that year has the totals, else ``indicators``;
    2. else the latest year with any figure, saying what it is: only plans (計画・決算見込), only a public
       enterprise's figures, or other figures.

    The latest published year wins: FY2024 for a body of the national 主要財政指標, although the national amounts
    (決算状況調) end in FY2019 — the overview of such a year shows the latest settled amounts beside its ratios,
    labelled with their own year (:func:`latest_settlement_year`). Memoised per body.
    """
    key = ("opening", code)
    found = ds.memo.get(key)
    if isinstance(found, Opening):
        return found
    result = _opening(ds, code)
    ds.memo[key] = result
    return result


def latest_settlement_year(ds: Dataset, code: str, before: int | None = None) -> int | None:
    """The latest year (before ``before``, if given) with a settled (決算) 歳入 or 歳出 total, or ``None``."""
    frame = ds.rows("settlement", code)
    settled = frame[(frame["figure_kind"] == "決算") & frame["item"].isin(["rev_total", "exp_total"])]
    if before is not None:
        settled = settled[settled["fiscal_year"] < before]
    return None if settled.empty else int(settled["fiscal_year"].max())


def _opening(ds: Dataset, code: str) -> Opening:
    amounts = latest_settlement_year(ds, code)
    rated = latest_indicator_year(ds, code)
    if amounts is not None and (rated is None or amounts >= rated):
        return Opening(amounts, "settlement")
    if rated is not None:
        return Opening(rated, "indicators")
    ratios = ds.rows("ratios", code)
    kinds = year_kinds(ds, code)
    if not kinds:
        return Opening(None, "none")
    year = max(kinds)
    if kinds[year] != "決算":
        return Opening(year, "plan")
    tables = {name for name in _YEAR_TABLES if (ds.rows(name, code)["fiscal_year"] == year).any()}
    enterprise_only = not ratios[ratios["fiscal_year"] == year]["account"].isin(_OPENING_ACCOUNTS).any()
    if tables <= {"enterprise", "ratios"} and enterprise_only:
        return Opening(year, "enterprise")
    return Opening(year, "other")


def latest_indicator_year(ds: Dataset, code: str) -> int | None:
    """The latest year with a settled indicator of the general accounts (健全化判断比率, 経常収支比率 …).

    The year the indicators page opens a body on from the picker (FY2024 for the national 主要財政指標).
    """
    ratios = ds.rows("ratios", code)
    rated = ratios[(ratios["figure_kind"] == "決算") & ratios["account"].isin(_OPENING_ACCOUNTS)]
    if "scenario" in rated.columns:
        rated = rated[rated["scenario"] == ""]
    return None if rated.empty else int(rated["fiscal_year"].max())


def default_year(ds: Dataset, code: str) -> int | None:
    """The year a body opens on (:func:`opening`); ``None`` for a body without any figure."""
    return opening(ds, code).year


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
    return _fact(ds, best)


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
    return None if best is None else _fact(ds, best)


def published_ratios(ds: Dataset, code: str, year: int, account: str = "general_etc") -> tuple[PublishedRatio, ...]:
    """The published indicator values of a year for one account (the four 健全化判断比率 for ``general_etc``)."""
    rows = [
        r
        for r in ds.records("ratios", code)
        if r["fiscal_year"] == year and r["account"] == account and r["scenario"] == ""
    ]
    out: list[PublishedRatio] = []
    for row in sorted(rows, key=lambda r: KIND_ORDER[str(r["figure_kind"])]):  # stable: file order within a kind
        if any(r.indicator == row["indicator"] for r in out):
            continue
        out.append(
            PublishedRatio(
                str(row["indicator"]),
                number(row["value"]),
                str(row["status"]),
                number(row["surplus_value"]),
                number(row["early_threshold"]),
                number(row["rebuilding_threshold"]),
                str(row["published_text"]),
                str(row["figure_kind"]),
                str(row["account"]),
                source_of(ds, row),
                printed_decimals(str(row["published_text"])),
            )
        )
    return tuple(out)


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


def components(
    ds: Dataset,
    code: str,
    year: int,
    indicator: str,
    *,
    account: str = "general_etc",
    scenario: str = "",
    source_table: str | None = None,
) -> dict[str, int]:
    """The printed components of an indicator, ``{component: amount}``; scenario rows override common ones.

    When several printed tables hold components for the same year (a plan's projections), ``source_table``
    chooses one; without it the most complete table is used.
    """
    rows = [
        r
        for r in ds.records("ratio_components", code)
        if r["fiscal_year"] == year
        and r["indicator"] == indicator
        and r["account"] == account
        and r["scenario"] in ("", scenario)
    ]
    if source_table is not None:
        rows = [r for r in rows if r["source_table"] == source_table]
    else:
        tables: dict[str, set[object]] = {}
        for r in rows:
            tables.setdefault(str(r["source_table"]), set()).add(r["component"])
        if len(tables) > 1:  # several printed tables: take the most complete one (the last of equals)
            most = max(len(c) for c in tables.values())
            chosen = [t for t, c in tables.items() if len(c) == most][-1]
            rows = [r for r in rows if r["source_table"] == chosen]
    result: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: r["scenario"] != ""):  # "" first, the scenario's rows override them
        value = _value(row["amount_thousand_yen"])
        if value is not None:
            result[str(row["component"])] = value
    return result


REGISTERED_TABLES: tuple[tuple[str, str], ...] = (
    ("settlement", "settlement"),
    ("ratios", "indicators"),
    ("ratio_components", "components"),
    ("enterprise", "enterprise"),
    ("funds", "funds"),
    ("debt", "debt"),
    ("staff", "staff"),
)


def registered(ds: Dataset, code: str) -> tuple[str, ...]:
    """What the data holds for a body, as catalog keys under ``registered.`` (memoised per body).

    Every table with a row, and ``plan`` when any figure is a plan (計画) or an estimate (決算見込).
    """
    key = ("registered", code)
    found = ds.memo.get(key)
    if found is None:
        topics = [topic for table, topic in REGISTERED_TABLES if not ds.rows(table, code).empty]
        if any((ds.rows(t, code)["figure_kind"] != "決算").any() for t, _ in REGISTERED_TABLES):
            topics.append("plan")
        found = tuple(topics)
        ds.memo[key] = found
    return found  # type: ignore[return-value]


def discrepancy_notes(
    ds: Dataset, file: str, code: str, year: int, account: str, items: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """The recorded notes (ja, en) of ``discrepancies.csv`` for a figure: where a source does not reconcile."""
    frame = ds["discrepancies"]
    rows = frame[
        (frame["file"] == file)
        & (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["account"] == account)
        & frame["item"].isin(items)
    ]
    return tuple(zip(rows["description_ja"].astype(str), rows["description_en"].astype(str), strict=True))


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


def sources_used(ds: Dataset, code: str) -> tuple[Source, ...]:
    """The documents a municipality's figures come from (for the footer), in id order; memoised per municipality."""
    key = ("sources_used", code)
    found = ds.memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    ids: set[str] = set()
    for name in ("settlement", "ratios", "enterprise", "funds", "debt", "staff", "population"):
        ids |= set(ds.rows(name, code)["source_id"])
    sources = _sources(ds)
    result = tuple(
        Source(
            i,
            str(sources[i]["title_ja"]),
            str(sources[i]["title_en"] or sources[i]["title_ja"]),
            str(sources[i]["publisher_ja"]),
            str(sources[i]["published"]),
            "",
            "",
        )
        for i in sorted(ids)
    )
    ds.memo[key] = result
    return result


def account_names(ds: Dataset, code: str, locale: str = "ja") -> dict[str, str]:
    """Account codes of a municipality mapped to their names in ``locale``."""
    frame = ds.rows("accounts", code)
    rows = frame[frame["municipality_code"] == code]
    column = "name_ja" if is_japanese(locale) else "name_en"
    return dict(zip(rows["account"], rows[column], strict=True))
