"""Indicator registry and engine for the fiscal-health ratios.

Each ratio is computed from its printed components, compared with the published value, rated against its
lines, and its change is explained.

Rules (domain notes §1.4–§1.8):

* Published ratios win. A ratio recomputed from components is shown beside the published value and a
  difference beyond the rounding step is flagged (a match with truncation *or* rounding is accepted).
* The 3-year 実質公債費比率 is the mean of the unrounded single-year ratios, truncated to one decimal.
* 将来負担比率, 実質赤字比率 and 連結実質赤字比率 with a numerator at or below zero are «—» (not computed):
  never a negative ratio and never zero. A surplus is reported as the 黒字 ratio beside the «—».
* Thresholds printed beside a value win; otherwise the legal table applies; the 実質赤字比率 early line
  of a 市町村 depends on 標準財政規模 and, when not printed, is computed with the documented formula
  and labelled as an estimate (推計).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from finance import calc, formatting, queries, status
from finance.load import Dataset
from finance.status import Lines, Status

Rounding = Literal["truncate", "round", "as_printed"]

SOUNDNESS: tuple[str, ...] = (
    "real_deficit_ratio",
    "consolidated_real_deficit_ratio",
    "real_debt_service_ratio",
    "future_burden_ratio",
)
"""The four 健全化判断比率 in the law's order."""

LEGAL_BASIS: Mapping[str, str] = {
    "real_deficit_ratio": "財政健全化法 第2条第1号",
    "consolidated_real_deficit_ratio": "財政健全化法 第2条第2号",
    "real_debt_service_ratio": "財政健全化法 第2条第3号",
    "real_debt_service_ratio_single": "財政健全化法 第2条第3号（各年度の比率）",
    "future_burden_ratio": "財政健全化法 第2条第4号",
    "funding_shortfall_ratio": "財政健全化法 第22条",
    "ordinary_balance_ratio": "地方財政状況調査（法律上の基準なし）",
    "fiscal_capability_index": "地方交付税法（基準財政収入額・需要額）",
}
"""Where each indicator is defined."""

COMPONENTS: Mapping[str, tuple[str, ...]] = {
    "real_debt_service_ratio_single": ("A", "B", "A-B", "C", "D", "C-D"),
    "future_burden_ratio": ("A", "B", "A-B", "C", "D", "C-D"),
    "real_deficit_ratio": ("差引",),
    "consolidated_real_deficit_ratio": ("差引",),
}
"""The printed components an indicator is computed from (Wakkanai form; Nakatonbetsu uses ①–⑩)."""


@dataclass(frozen=True)
class Indicator:
    """One indicator of the registry.

    Attributes:
        code: registry key (also the catalog key under ``indicator.``).
        name_ja: official Japanese name.
        name_en: English name.
        unit: ``percent`` or ``index``.
        decimals: published precision.
        rounding: how published values are cut (``truncate``, ``round`` or ``as_printed``).
        direction: ``lower_is_better``, ``higher_is_better`` or ``neutral``.
        legal: ``law`` for the health-law ratios, else ``statistic`` or ``guideline``.
        legal_basis: where it is defined.
        components: printed components it is computed from (empty: published values only).
    """

    code: str
    name_ja: str
    name_en: str
    unit: str
    decimals: int
    rounding: Rounding
    direction: str
    legal: str
    legal_basis: str
    components: tuple[str, ...]


def registry(ds: Dataset) -> dict[str, Indicator]:
    """Every indicator of ``indicators.csv``, with its legal basis and components."""
    out: dict[str, Indicator] = {}
    for row in ds["indicators"].itertuples(index=False):
        code = str(row.indicator)
        out[code] = Indicator(
            code,
            str(row.name_ja),
            str(row.name_en),
            str(row.unit),
            int(row.decimals),  # type: ignore[arg-type]
            str(row.published_rounding),  # type: ignore[arg-type]
            str(row.direction),
            str(row.legal),
            LEGAL_BASIS.get(code, ""),
            COMPONENTS.get(code, ()),
        )
    return out


# ---------------------------------------------------------------------------------------------
# Computation from components
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Computed:
    """A ratio recomputed from printed components.

    Attributes:
        value: the unrounded ratio in percent; ``None`` when not computed (numerator ≤ 0 or a surplus).
        numerator: the numerator in 千円 (for deficits: the deficit, negative when in surplus).
        denominator: the denominator in 千円.
        surplus: for deficit ratios in surplus, the surplus ratio (unrounded).
        parts: the components used, ``{code: 千円}``.
    """

    value: Decimal | None
    numerator: int | None
    denominator: int | None
    surplus: Decimal | None
    parts: dict[str, int]


def _debt_service_single(parts: Mapping[str, int]) -> tuple[int, int] | None:
    """Numerator and denominator of a single-year 実質公債費比率 in either printed form."""
    if "A-B" in parts and "C-D" in parts:
        return parts["A-B"], parts["C-D"]
    if all(k in parts for k in ("①", "⑧", "⑨", "⑩")):
        added = sum(parts.get(k, 0) for k in ("①", "②", "③", "④", "⑤", "⑥", "⑦"))
        deducted = parts["⑧"] + parts["⑨"]
        return added - deducted, parts["⑩"] - deducted
    return None


def standard_fiscal_scale(ds: Dataset, code: str, year: int) -> int | None:
    """標準財政規模 (千円) of a settlement year: a ratio table's C, else the settlement table's figure."""
    for indicator in ("real_debt_service_ratio_single", "future_burden_ratio"):
        parts = queries.components(ds, code, year, indicator)
        if "C" in parts:
            return parts["C"]
    fact = queries.settlement_fact(ds, code, year, "base_standard_fiscal_scale", ("ordinary", "general", "general_etc"))
    return fact.value if fact is not None and fact.figure_kind == "決算" else None


def compute(
    ds: Dataset, indicator: str, code: str, year: int, *, scenario: str = "", source_table: str | None = None
) -> Computed | None:
    """Recompute ``indicator`` for a municipality and settlement year from its printed components.

    Returns ``None`` when the data has no components for it.
    """
    if indicator == "real_debt_service_ratio_single":
        parts = queries.components(ds, code, year, indicator, scenario=scenario, source_table=source_table)
        pair = _debt_service_single(parts)
        if pair is None:
            return None
        return Computed(calc.ratio_percent(*pair), pair[0], pair[1], None, parts)
    if indicator == "future_burden_ratio":
        parts = queries.components(ds, code, year, indicator)
        if "A-B" not in parts or "C-D" not in parts:
            return None
        value = calc.soundness_ratio(parts["A-B"], parts["C-D"])
        return Computed(value, parts["A-B"], parts["C-D"], None, parts)
    if indicator in ("real_deficit_ratio", "consolidated_real_deficit_ratio"):
        return _deficit_ratio(ds, indicator, code, year)
    if indicator == "real_debt_service_ratio":
        singles = [compute(ds, "real_debt_service_ratio_single", code, y) for y in (year - 2, year - 1, year)]
        if any(s is None or s.value is None for s in singles):
            return None
        mean = calc.three_year_mean(s.value for s in singles if s is not None)
        return Computed(mean, None, None, None, {})
    return None


def _deficit_ratio(ds: Dataset, indicator: str, code: str, year: int) -> Computed | None:
    frame = ds.rows("ratio_components", code)
    rows = frame[
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["indicator"] == "consolidated_real_deficit_ratio")
        & (frame["component"] == "差引")
    ]
    if indicator == "real_deficit_ratio":
        rows = rows[rows["account"] == "general"]
    s = standard_fiscal_scale(ds, code, year)
    if rows.empty or rows["amount_thousand_yen"].isna().any() or s is None:
        return None
    balance = int(rows["amount_thousand_yen"].sum())
    parts = dict(zip(rows["account"], rows["amount_thousand_yen"].astype(int), strict=True))
    if balance >= 0:  # a surplus: the ratio is «—» and the surplus ratio is reported beside it
        return Computed(None, -balance, s, calc.ratio_percent(balance, s), parts)
    return Computed(calc.ratio_percent(-balance, s), -balance, s, None, parts)


# ---------------------------------------------------------------------------------------------
# Comparison with the published value
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """How a recomputed value relates to the published one at the published precision."""

    truncated: Decimal
    rounded: Decimal
    published: Decimal

    @property
    def matches(self) -> bool:
        """Whether the published value equals the computed one cut or rounded to the published decimals."""
        return self.published in (self.truncated, self.rounded)

    @property
    def rule(self) -> str:
        """``truncate``, ``round``, ``both`` (the two agree) or ``neither``."""
        hits = [name for name, v in (("truncate", self.truncated), ("round", self.rounded)) if v == self.published]
        return "both" if len(hits) == 2 else (hits[0] if hits else "neither")


def compare(published: float, computed: Decimal, decimals: int) -> Comparison:
    """Compare a published value with a recomputed one at the published number of decimals."""
    return Comparison(
        formatting.decimal_places(computed, decimals, "truncate"),
        formatting.decimal_places(computed, decimals, "round"),
        formatting.decimal_places(Decimal(str(published)), decimals, "round"),
    )


# ---------------------------------------------------------------------------------------------
# Lines, status and distance
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatedLines:
    """The lines in force for a value, and where the early line comes from."""

    lines: Lines
    early_basis: Literal["published", "law", "estimate", "none"]
    management: bool = False  # 資金不足比率: the early line is the 経営健全化基準


def lines_for(
    ds: Dataset, indicator: str, code: str, year: int, published: queries.PublishedRatio | None
) -> RatedLines:
    """Thresholds of a value: printed ones first, then the legal table, then the S-dependent estimate."""
    printed_early = published.early_threshold if published else None
    printed_rebuilding = published.rebuilding_threshold if published else None
    legal = status.legal_lines(ds, code, indicator, year)
    if indicator == "funding_shortfall_ratio":
        frame = ds["thresholds"]
        rows = frame[(frame["indicator"] == indicator) & (frame["level"] == "management")]
        management = float(rows["value"].iloc[0]) if not rows.empty else None
        early = printed_early if printed_early is not None else management
        return RatedLines(Lines(early, None), "published" if printed_early is not None else "law", True)
    basis: Literal["published", "law", "estimate", "none"] = "law"
    early = legal.early
    if printed_early is not None:
        early, basis = printed_early, "published"
    elif early is None and indicator in ("real_deficit_ratio", "consolidated_real_deficit_ratio"):
        s = standard_fiscal_scale(ds, code, year)
        if s is not None and status.body_kind(ds, code) == "市町村":
            estimate = calc.early_threshold_real_deficit(s) + (5 if indicator.startswith("consolidated") else 0)
            early, basis = float(formatting.decimal_places(estimate, 2, "round")), "estimate"
    rebuilding = printed_rebuilding if printed_rebuilding is not None else legal.rebuilding
    caution = legal.caution if indicator == "real_debt_service_ratio" else None
    return RatedLines(Lines(early, rebuilding, caution), basis if early is not None else "none")


def rate(value: float | None, published_status: str, rated: RatedLines) -> Status:
    """The status of a value; for 資金不足比率 the early line is the 経営健全化基準."""
    result = status.classify_published(value, published_status, rated.lines)
    if rated.management and result is Status.EARLY:
        return Status.MANAGEMENT
    return result


@dataclass(frozen=True)
class Distance:
    """How far a value is from the next line above it (or how far above the highest line it reached)."""

    level: Literal["caution", "early", "rebuilding", "management"]
    line: float
    points: Decimal  # positive: below the line by this many points; zero or negative: at or above it


def distance_to_next(value: float | None, rated: RatedLines) -> Distance | None:
    """The next line above ``value``; if all lines are crossed, the highest crossed line (negative points)."""
    if value is None:
        return None
    lines: list[tuple[Literal["caution", "early", "rebuilding", "management"], float]] = []
    if rated.lines.caution is not None:
        lines.append(("caution", rated.lines.caution))
    if rated.lines.early is not None:
        lines.append(("management" if rated.management else "early", rated.lines.early))
    if rated.lines.rebuilding is not None:
        lines.append(("rebuilding", rated.lines.rebuilding))
    if not lines:
        return None
    shown = Decimal(str(value))
    for level, line in sorted(lines, key=lambda item: item[1]):
        if shown < Decimal(str(line)):
            return Distance(level, line, Decimal(str(line)) - shown)
    level, line = max(lines, key=lambda item: item[1])
    return Distance(level, line, Decimal(str(line)) - shown)


# ---------------------------------------------------------------------------------------------
# Evaluation of one value and trends
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """Everything the page says about one indicator of one municipality and year."""

    indicator: str
    year: int
    published: queries.PublishedRatio | None
    computed: Computed | None
    comparison: Comparison | None
    rated: RatedLines
    status: Status
    distance: Distance | None

    @property
    def flagged(self) -> bool:
        """Whether the recomputed value differs from the published one beyond the rounding step."""
        return self.comparison is not None and not self.comparison.matches


def _published(ds: Dataset, indicator: str, code: str, year: int, account: str) -> queries.PublishedRatio | None:
    for ratio in queries.published_ratios(ds, code, year, account):
        if ratio.indicator == indicator:
            return ratio
    return None


def evaluate(ds: Dataset, indicator: str, code: str, year: int, account: str = "general_etc") -> Evaluation:
    """Published value, recomputation, lines, status and distance of ``indicator`` in ``year``."""
    published = _published(ds, indicator, code, year, account)
    computed = compute(ds, indicator, code, year) if account == "general_etc" else None
    decimals = registry(ds)[indicator].decimals if indicator in registry(ds) else 1
    comparison = None
    if published is not None and computed is not None:
        if published.value is not None and computed.value is not None:
            comparison = compare(published.value, computed.value, decimals)
        elif published.surplus_value is not None and computed.surplus is not None:
            comparison = compare(published.surplus_value, computed.surplus, decimals)
    rated = lines_for(ds, indicator, code, year, published)
    if published is not None:
        value, printed_status = published.value, published.status
    elif computed is not None:
        value = None if computed.value is None else float(computed.value)
        printed_status = "ok" if computed.value is not None else ("no_deficit" if computed.surplus else "non_positive")
    else:
        value, printed_status = None, "missing"
    return Evaluation(
        indicator,
        year,
        published,
        computed,
        comparison,
        rated,
        rate(value, printed_status, rated),
        distance_to_next(value, rated) if printed_status == "ok" else None,
    )


@dataclass(frozen=True)
class TrendPoint:
    """One year of an indicator's published series."""

    year: int
    value: float | None
    status: str
    figure_kind: str
    scenario: str
    source: queries.Source


SCENARIO_ORDER = {"": 0, "推計": 1, "据置": 2}


def trend(ds: Dataset, indicator: str, code: str, account: str = "general_etc") -> list[TrendPoint]:
    """The published series of an indicator, one point per settlement year.

    Per year the most certain figure wins (決算 before 決算見込 before 計画), then the main scenario (none, then
    the plan's 推計), then the most specific table (a plan's summary table before narrative mentions).
    """
    rows = [r for r in ds.records("ratios", code) if r["indicator"] == indicator and r["account"] == account]
    ranked = sorted(rows, key=lambda r: (int(r["fiscal_year"]), queries.KIND_ORDER[str(r["figure_kind"])],  # type: ignore[call-overload]
                                         SCENARIO_ORDER.get(str(r["scenario"]), 9)))  # fmt: skip
    points = []
    seen: set[int] = set()
    for row in ranked:
        if int(row["fiscal_year"]) in seen:  # type: ignore[call-overload]
            continue
        seen.add(int(row["fiscal_year"]))  # type: ignore[call-overload]
        points.append(
            TrendPoint(
                int(row["fiscal_year"]),  # type: ignore[call-overload]
                queries.number(row["value"]),
                str(row["status"]),
                str(row["figure_kind"]),
                str(row["scenario"]),
                queries.source_of(ds, row),
            )
        )
    return points


# ---------------------------------------------------------------------------------------------
# Why did it change
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeDrivers:
    """A ratio's change split exactly into the part due to its numerator and the part due to its denominator.

    ``total = numerator_effect + denominator_effect`` where the numerator effect is measured at the old
    denominator: r1 − r0 = (N1 − N0)/D0 + (N1/D1 − N1/D0), all in percentage points.
    """

    before: Decimal
    after: Decimal
    numerator_effect: Decimal
    denominator_effect: Decimal
    numerator_before: int
    numerator_after: int
    denominator_before: int
    denominator_after: int

    @property
    def total(self) -> Decimal:
        """The whole change in points."""
        return self.after - self.before


def decompose(
    numerator_before: int, denominator_before: int, numerator_after: int, denominator_after: int
) -> ChangeDrivers:
    """Split a ratio's change into numerator and denominator drivers (exact, in points)."""
    n0, d0, n1, d1 = (Decimal(v) for v in (numerator_before, denominator_before, numerator_after, denominator_after))
    before, after = n0 * 100 / d0, n1 * 100 / d1
    numerator_effect = (n1 - n0) * 100 / d0
    return ChangeDrivers(
        before,
        after,
        numerator_effect,
        after - before - numerator_effect,
        numerator_before,
        numerator_after,
        denominator_before,
        denominator_after,
    )


def change_drivers(ds: Dataset, indicator: str, code: str, year: int) -> ChangeDrivers | None:
    """The drivers of the change from ``year − 1`` to ``year`` where both years have components."""
    if indicator not in ("real_debt_service_ratio_single", "future_burden_ratio"):
        return None
    before = compute(ds, indicator, code, year - 1)
    after = compute(ds, indicator, code, year)
    if (
        before is None
        or after is None
        or None in (before.numerator, before.denominator, after.numerator, after.denominator)
    ):
        return None
    return decompose(before.numerator, before.denominator, after.numerator, after.denominator)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# The indicators page as one query
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One printed component of a calculation table."""

    component: str
    label_ja: str
    amount: int


@dataclass(frozen=True)
class Section:
    """One indicator on the page: its evaluation, published series, printed parts and change drivers."""

    evaluation: Evaluation
    trend: list[TrendPoint]
    parts: list[Part]
    drivers: ChangeDrivers | None
    account: str
    singles: list[TrendPoint]  # 実質公債費比率: the published single-year values behind the 3-year average
    single: Evaluation | None  # 実質公債費比率: the selected year's single-year value and its recomputation

    @property
    def has_numbers(self) -> bool:
        """Whether any year of the series has a numeric value (not only «—»)."""
        return any(p.value is not None for p in self.trend)


@dataclass(frozen=True)
class IndicatorsPage:
    """The soundness ratios, each enterprise's shortfall ratio and the other indicators of one year."""

    municipality_code: str
    year: int
    soundness: list[Section]
    enterprises: list[Section]
    others: list[Section]

    @property
    def empty(self) -> bool:
        """Whether the data has nothing for this page."""
        return not any(s.trend for s in (*self.soundness, *self.enterprises, *self.others))


def parts(ds: Dataset, indicator: str, code: str, year: int) -> list[Part]:
    """The printed calculation table of an indicator (the most complete table when several are printed)."""
    frame = ds.rows("ratio_components", code)
    source = "consolidated_real_deficit_ratio" if indicator == "real_deficit_ratio" else indicator
    if indicator == "real_debt_service_ratio":
        source = "real_debt_service_ratio_single"
    rows = frame[
        (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["indicator"] == source)
        & (frame["scenario"] == "")
    ]
    if indicator in ("real_deficit_ratio", "consolidated_real_deficit_ratio"):
        rows = rows[rows["component"] == "差引"]
        if indicator == "real_deficit_ratio":
            rows = rows[rows["account"] == "general"]
        accounts = ds.rows("accounts", code)
        names = dict(zip(accounts["account"], accounts["name_ja"], strict=True))
        return [
            Part(str(account), names.get(str(account), str(account)), int(amount))
            for account, amount in zip(rows["account"], rows["amount_thousand_yen"].astype(int), strict=True)
        ]
    if len(set(rows["source_table"])) > 1:
        counts = rows.groupby("source_table")["component"].nunique()
        rows = rows[rows["source_table"] == counts.sort_values(kind="stable").index[-1]]
    rows = rows[rows["amount_thousand_yen"].notna()]
    return [
        Part(str(component), str(label), int(amount))
        for component, label, amount in zip(
            rows["component"], rows["label_ja"], rows["amount_thousand_yen"].astype(int), strict=True
        )
    ]


def _section(ds: Dataset, indicator: str, code: str, year: int, account: str = "general_etc") -> Section:
    drivers = None
    if indicator in ("real_debt_service_ratio", "future_burden_ratio"):
        single = "real_debt_service_ratio_single" if indicator == "real_debt_service_ratio" else indicator
        drivers = change_drivers(ds, single, code, year)
    return Section(
        evaluate(ds, indicator, code, year, account),
        trend(ds, indicator, code, account),
        parts(ds, indicator, code, year) if account == "general_etc" else [],
        drivers,
        account,
        trend(ds, "real_debt_service_ratio_single", code, account) if indicator == "real_debt_service_ratio" else [],
        evaluate(ds, "real_debt_service_ratio_single", code, year) if indicator == "real_debt_service_ratio" else None,
    )


def page(ds: Dataset, code: str, year: int) -> IndicatorsPage:
    """Everything the indicators page shows for a municipality and settlement year."""
    ratios = ds.rows("ratios", code)
    mine = ratios[ratios["municipality_code"] == code]
    enterprise_accounts = sorted(set(mine.loc[mine["indicator"] == "funding_shortfall_ratio", "account"]))
    others = [
        _section(ds, ind, code, year, "ordinary")
        for ind in ("ordinary_balance_ratio", "fiscal_capability_index")
        if not mine[(mine["indicator"] == ind) & (mine["account"] == "ordinary")].empty
    ]
    return IndicatorsPage(
        code,
        year,
        [_section(ds, ind, code, year) for ind in SOUNDNESS],
        [_section(ds, "funding_shortfall_ratio", code, year, acc) for acc in enterprise_accounts],
        others,
    )
