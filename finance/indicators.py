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
from typing import Literal, cast

import pandas as pd

from finance import calc, crosscheck, formatting, peers, queries, status
from finance import components as comp
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
        components: canonical components it is computed from (empty: published values only).
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
            tuple(comp.inputs(component_catalog(ds), code)),
        )
    return out


# ---------------------------------------------------------------------------------------------
# Computation from components
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Computed:
    """A ratio computed from its canonical components.

    Attributes:
        value: the unrounded ratio in percent; ``None`` when not computed (numerator ≤ 0 or a surplus).
        numerator: the numerator in 千円 (for deficit ratios the deficit, negative when in surplus).
        denominator: the denominator in 千円.
        surplus: for deficit ratios in surplus, the surplus ratio (unrounded).
        parts: the canonical values used, ``{component: 千円}``.
        singles: for the 3-year 実質公債費比率, the unrounded single years behind the mean (oldest first).
    """

    value: Decimal | None
    numerator: int | None
    denominator: int | None
    surplus: Decimal | None
    parts: dict[str, int]
    singles: tuple[Decimal, ...] = ()

    @property
    def not_computed(self) -> bool:
        """Whether the ratio is «—» by its numerator (not a missing component)."""
        return self.value is None


def component_catalog(ds: Dataset) -> comp.Catalog:
    """The canonical components of ``reference/components.csv`` (built once per process)."""
    found = ds.memo.get("component_catalog")
    if found is None:
        found = comp.catalog(cast("list[dict[str, object]]", ds["components"].to_dict("records")))
        ds.memo["component_catalog"] = found
    return found  # type: ignore[return-value]


def body_components(ds: Dataset, code: str) -> comp.BodyComponents:
    """The component rows of one body, ready to compute (built once per process and body)."""
    key = ("components", code)
    found = ds.memo.get(key)
    if found is None:
        catalog = component_catalog(ds)
        rows = [
            dict(r, scenario=r["scenario"] or "", part_of=r["part_of"] or "")
            for r in ds.records("ratio_components", code)
        ]
        for row in rows:
            row["fiscal_year"] = int(row["fiscal_year"])  # type: ignore[call-overload]
            amount = row["amount_thousand_yen"]
            row["amount_thousand_yen"] = None if amount is None or amount is pd.NA else int(amount)  # type: ignore[call-overload]
        scales: dict[int, int] = {}
        for r in ds.records("settlement", code):
            if (
                r["item"] == "base_standard_fiscal_scale"
                and r["figure_kind"] == "決算"
                and queries.number(r["amount_thousand_yen"]) is not None
            ):
                scales.setdefault(int(r["fiscal_year"]), int(r["amount_thousand_yen"]))  # type: ignore[call-overload]
        found = comp.BodyComponents(rows, catalog, scales)
        ds.memo[key] = found
    return found  # type: ignore[return-value]


def standard_fiscal_scale(ds: Dataset, code: str, year: int) -> int | None:
    """標準財政規模 (千円) of a settlement year: from any ratio's components, else the settlement table (決算)."""
    body = body_components(ds, code)
    for indicator in body.catalog.by_indicator:
        values = body.values(year, indicator)
        if "standard_fiscal_scale" in values.values:
            return values.values["standard_fiscal_scale"]
    return body.scales.get(year)


def compute(
    ds: Dataset, indicator: str, code: str, year: int, *, scenario: str = "", source_table: str | None = None
) -> Computed | None:
    """Compute ``indicator`` for a body and settlement year from its canonical components.

    Returns ``None`` when the components do not allow it (nothing printed, or an input missing).
    """
    body = body_components(ds, code)
    if not body.catalog.indicator(indicator):
        return None
    result = body.ratio(year, indicator, scenario, source_table)
    if result.status == "incomplete":
        return None
    return Computed(
        result.value, result.numerator, result.denominator, result.surplus, dict(result.values), result.singles
    )


# ---------------------------------------------------------------------------------------------
# Comparison with the published value
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """How a computed value relates to the published one at the precision it was printed with.

    Attributes:
        truncated: the computed value truncated to the printed decimals.
        rounded: the computed value rounded half up to the printed decimals.
        published: the published value.
        legal_rule: the indicator's rule (``truncate`` for the 健全化判断比率, ``round``, ``as_printed``).
        decimals: the printed number of decimals.
    """

    truncated: Decimal
    rounded: Decimal
    published: Decimal
    legal_rule: str = "as_printed"
    decimals: int = 1

    @property
    def legal(self) -> Decimal:
        """The computed value under the legal rule."""
        return self.rounded if self.legal_rule == "round" else self.truncated

    @property
    def matches(self) -> bool:
        """Whether the published value equals the computed one under the legal rule (either rule if as printed)."""
        if self.legal_rule == "as_printed":
            return self.published in (self.truncated, self.rounded)
        return self.published == self.legal

    @property
    def rule(self) -> str:
        """``truncate``, ``round``, ``both`` (the two agree) or ``neither``."""
        hits = [name for name, v in (("truncate", self.truncated), ("round", self.rounded)) if v == self.published]
        return "both" if len(hits) == 2 else (hits[0] if hits else "neither")


def compare(published: float, computed: Decimal, decimals: int, legal_rule: str = "as_printed") -> Comparison:
    """Compare a published value with a computed one at the printed number of decimals."""
    return Comparison(
        formatting.decimal_places(computed, decimals, "truncate"),
        formatting.decimal_places(computed, decimals, "round"),
        formatting.decimal_places(Decimal(str(published)), decimals, "round"),
        legal_rule,
        decimals,
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
    notes: tuple[tuple[str, str], ...] = ()  # recorded discrepancies of the published value (ja, en)

    @property
    def flagged(self) -> bool:
        """Whether the computed value differs from the published one under the legal rule."""
        return self.comparison is not None and not self.comparison.matches

    @property
    def is_computed(self) -> bool:
        """Whether the value shown is computed from components (計算値) because none is published."""
        return self.published is None and self.computed is not None


def _published(ds: Dataset, indicator: str, code: str, year: int, account: str) -> queries.PublishedRatio | None:
    for ratio in queries.published_ratios(ds, code, year, account):
        if ratio.indicator == indicator:
            return ratio
    return None


def evaluate(ds: Dataset, indicator: str, code: str, year: int, account: str = "general_etc") -> Evaluation:
    """Published value, computation from components, lines, status and distance of ``indicator`` in ``year``.

    The published value is shown as printed. Where none is published, the value computed from the components
    under the legal rule (計算値) is rated instead.
    """
    published = _published(ds, indicator, code, year, account)
    computed = compute(ds, indicator, code, year) if account == "general_etc" else None
    info = registry(ds).get(indicator)
    decimals = info.decimals if info else 1
    rule = info.rounding if info else "as_printed"
    comparison = None
    if published is not None and computed is not None:
        printed = published.decimals if published.decimals is not None else decimals
        if published.value is not None and computed.value is not None:
            comparison = compare(published.value, computed.value, printed, rule)
        elif published.surplus_value is not None and computed.surplus is not None:
            comparison = compare(published.surplus_value, computed.surplus, printed, rule)
    rated = lines_for(ds, indicator, code, year, published)
    if published is not None:
        value, printed_status = published.value, published.status
    elif computed is not None:
        legal = None if computed.value is None else formatting.decimal_places(computed.value, decimals, _cut(rule))
        value = None if legal is None else float(legal)
        printed_status = (
            "ok" if computed.value is not None else ("no_deficit" if computed.surplus is not None else "non_positive")
        )
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
        queries.discrepancy_notes(ds, "ratios.csv", code, year, account, (indicator, f"{indicator}:"))
        if comparison is None or not comparison.matches  # a recorded difference shows even without components
        else (),
    )


def _cut(rule: str) -> Literal["truncate", "round"]:
    return "round" if rule == "round" else "truncate"


def legal_value(ds: Dataset, indicator: str, value: Decimal) -> Decimal:
    """A computed value cut to the published precision by the legal rule (the 計算値 as it would be published)."""
    info = registry(ds).get(indicator)
    return formatting.decimal_places(value, info.decimals if info else 1, _cut(info.rounding if info else "truncate"))


@dataclass(frozen=True)
class TrendPoint:
    """One year of an indicator's published series."""

    year: int
    value: float | None
    status: str
    figure_kind: str
    scenario: str
    source: queries.Source
    computed: bool = False  # a 計算値 from the components (no published value for that year)


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
    if account == "general_etc":
        points += _computed_points(ds, indicator, code, seen)
    return sorted(points, key=lambda p: p.year)


def _computed_points(ds: Dataset, indicator: str, code: str, published_years: set[int]) -> list[TrendPoint]:
    """計算値 for the years that have components but no published value."""
    body = body_components(ds, code)
    if not body.catalog.indicator(indicator):
        return []
    points = []
    for year in body.years():
        if year in published_years or not body.has_components(year, indicator):
            continue
        computed = compute(ds, indicator, code, year)
        if computed is None:
            continue
        rows = body.calculation_rows(year, indicator)
        kinds = sorted({str(r["figure_kind"]) for r in rows}, key=lambda k: queries.KIND_ORDER.get(k, 9))
        value = None if computed.value is None else float(legal_value(ds, indicator, computed.value))
        status = (
            "ok" if computed.value is not None else ("no_deficit" if computed.surplus is not None else "non_positive")
        )
        points.append(
            TrendPoint(year, value, status, kinds[0] if kinds else "決算", "", queries.source_of(ds, rows[0]), True)
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
    """One line of a calculation table (算出の状況): a canonical component or a printed sub-item of one.

    Attributes:
        component: the code as printed (a canonical code, or the document's own numbered or lettered item).
        label_ja: the heading as printed (the official name where the component is not printed itself).
        amount: 千円.
        canonical: the canonical component this line is or belongs to.
        role: ``input``, ``composite``, ``part`` (a printed sub-item), ``check``, ``numerator`` or ``denominator``.
        sign: +1 added to the numerator, −1 deducted from it, 0 outside the numerator.
        depth: 0 for a canonical component, 1 or more for printed sub-items.
        summed: whether the amount is the sum of the printed sub-items (the total itself is not printed).
        borrowed: whether the amount comes from another ratio's table of the same year (標準財政規模, 算入公債費等).
        label_en: the English name of a canonical component or an account ("" for the document's own sub-items,
            which have no English name).
    """

    component: str
    label_ja: str
    amount: int
    canonical: str = ""
    role: str = "input"
    sign: int = 0
    depth: int = 0
    summed: bool = False
    borrowed: bool = False
    label_en: str = ""


def _numerator_signs(catalog: comp.Catalog, indicator: str, values: dict[str, int]) -> dict[str, int]:
    own = catalog.indicator(indicator)
    formula = catalog.formula(indicator, "numerator") or {}
    return comp._substitute(formula, values, own)


def parts(ds: Dataset, indicator: str, code: str, year: int) -> list[Part]:
    """The calculation table (算出の状況) of an indicator for a year.

    Canonical components come in the form's order, each followed by the sub-items the document printed for it;
    the most complete printed table is used when several exist.
    """
    body = body_components(ds, code)
    catalog = body.catalog
    own = catalog.indicator(indicator)
    if not own or not body.has_components(year, indicator):
        return []
    table = body.best_table(year, indicator)
    rows = body.calculation_rows(year, indicator, "", table)
    values = body.values(year, indicator, "", table)
    signs = _numerator_signs(catalog, indicator, values.values)
    out: list[Part] = []

    def children(parent: str, account: str | None, depth: int) -> None:
        for row in rows:
            if str(row["part_of"]) != parent or (account is not None and str(row["account"]) != account):
                continue
            amount = row["amount_thousand_yen"]
            if amount is None:
                continue
            by_account = depth == 1 and parent in _BY_ACCOUNT
            out.append(
                Part(
                    str(row["component"]),
                    _account_label(ds, code, row) if by_account else str(row["label_ja"]),
                    int(amount),  # type: ignore[call-overload]
                    parents[0],
                    "part",
                    0,
                    depth,
                    label_en=_account_label(ds, code, row, "en") if by_account else "",
                )
            )
            children(str(row["component"]), str(row["account"]), depth + 1)

    for code_ in catalog.codes(indicator):
        info = own[code_]
        printed = next((r for r in rows if str(r["component"]) == code_ and r["amount_thousand_yen"] is not None), None)
        parents = [code_]
        if printed is not None:
            out.append(
                Part(code_, str(printed["label_ja"]) or info.name_ja, int(printed["amount_thousand_yen"]),  # type: ignore[call-overload]
                     code_, info.role, signs.get(code_, 0), 0, label_en=info.plain_en)
            )  # fmt: skip
        elif code_ in values.values and info.role in ("input", "composite"):
            out.append(
                Part(code_, info.name_ja, values.values[code_], code_, info.role, signs.get(code_, 0), 0,
                     summed=code_ not in values.borrowed, borrowed=code_ in values.borrowed, label_en=info.plain_en)
            )  # fmt: skip
        else:
            continue
        children(code_, None, 1)
    return out


_BY_ACCOUNT = {"consolidated_real_balance"}
"""Canonical components whose printed parts are one per account (each account's balance)."""


def _account_label(ds: Dataset, code: str, row: Mapping[str, object], locale: str = "ja") -> str:
    names = queries.account_names(ds, code, locale)
    return names.get(str(row["account"]), str(row["label_ja"]) if locale == "ja" else "")


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
    peers: tuple[peers.PeerView, ...] = ()
    checks: tuple[crosscheck.Check, ...] = ()  # seed documents against the national tables (all years)

    @property
    def empty(self) -> bool:
        """Whether the data has nothing for this page."""
        return not any(s.trend for s in (*self.soundness, *self.enterprises, *self.others))


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
        for ind in ("ordinary_balance_ratio", "fiscal_capability_index", "laspeyres_index", "bond_restriction_ratio")
        if not mine[(mine["indicator"] == ind) & (mine["account"] == "ordinary")].empty
        and (
            ind != "bond_restriction_ratio"
            or not mine[(mine["indicator"] == ind) & (mine["fiscal_year"] == year)].empty
        )
    ]  # 起債制限比率: only in the years that publish it (H17–H19 in the national tables)
    return IndicatorsPage(
        code,
        year,
        [_section(ds, ind, code, year) for ind in SOUNDNESS],
        [_section(ds, "funding_shortfall_ratio", code, year, acc) for acc in enterprise_accounts],
        others,
        peers.for_body(ds, code, year),
        crosscheck.checks(ds, code) if code in ds.seed_codes else (),
    )
