"""The shapes every resident topic shares: a line, a year's breakdown, a trend, and the helpers that make them.

Every amount keeps its provenance (:class:`~finance.queries.Source`), its precision and its kind (決算, 決算見込,
計画). Missing figures stay ``None`` — never zero. Per-resident values are recomputed with
:func:`finance.calc.per_resident_yen` (rounded half up) and carry the :class:`~finance.queries.Population` used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from finance import calc, queries
from finance.load import Dataset
from finance.queries import KIND_ORDER, Fact, Population, Source
from finance.text import is_japanese

MODES: tuple[str, ...] = ("total", "per_resident", "share")
"""How an amount chart shows its values: the amount, the amount per resident, or the share of the total."""


@dataclass(frozen=True)
class Line:
    """One bar of a breakdown: an item, fund, account or staff category in one year.

    Attributes:
        key: the item, fund, account or category code.
        label_ja: the heading exactly as printed in the source.
        name_ja: the standard Japanese name (reference list), used for charts.
        name_en: the English name.
        group: the group code (``own_source`` / ``dependent`` / ``mixed`` for revenue, ``mandatory`` / ``investment`` /
            ``other`` for expenditure by nature, see ``finance.schemas.ITEM_GROUPS``), else "".
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


def build_trend(
    records: list[dict[str, object]], sources: Iterable[Source | None], pops: Iterable[Population | None]
) -> Trend:
    """A :class:`Trend` of ``records`` (see :func:`trend_record`) with its distinct sources and populations."""
    frame = pd.DataFrame.from_records(records, columns=_TREND_COLUMNS)
    frame = frame.astype({"value": "Int64", "per_resident": "Int64"})
    if not frame.empty:
        frame["fiscal_year"] = frame["fiscal_year"].astype(int)
    unique_sources = tuple(dict.fromkeys(s for s in sources if s is not None))
    unique_pops = tuple(dict.fromkeys(p for p in pops if p is not None))
    return Trend(frame, unique_sources, unique_pops)


def trend_record(
    year: int, series: str, name_ja: str, name_en: str, line: Line | Fact, pop: Population | None
) -> dict[str, object]:
    """One row of a trend frame: a line's own per-resident value and share, or a fact's per resident of ``pop``."""
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


def int_or_none(x: object) -> int | None:
    """A table cell as an ``int``, ``None`` where it is missing."""
    return None if pd.isna(x) else int(x)  # type: ignore[call-overload]


def account_names(ds: Dataset, code: str) -> dict[str, tuple[str, str]]:
    """``{account: (name_ja, name_en)}`` of one municipality, in the order of its accounts list."""
    rows = ds.rows("accounts", code)
    return {str(r.account): (str(r.name_ja), str(r.name_en)) for r in rows.itertuples(index=False)}


def population_value(pop: Population | None) -> int | None:
    """The number of residents of ``pop``, ``None`` without a population."""
    return pop.value if pop else None


def row_line(
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
    """The :class:`Line` of one table row: its value, per-resident value, share of ``total`` and source."""
    value = int_or_none(row[value_column])
    per = calc.per_resident_yen(value, population_value(pop)) if value_column == "amount_thousand_yen" else None
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
