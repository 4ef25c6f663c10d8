"""Evaluation of one indicator value (published, computed, compared, rated) and its series over the years."""

from __future__ import annotations

from dataclasses import dataclass

from finance import formatting, queries
from finance.indicators.comparison import Comparison, compare
from finance.indicators.computation import Computed, body_components, compute, legal_cut, legal_value
from finance.indicators.definitions import registry
from finance.indicators.thresholds import Distance, RatedLines, distance_to_next, lines_for, rate
from finance.load import Dataset
from finance.status import Status


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
        legal = None if computed.value is None else formatting.decimal_places(computed.value, decimals, legal_cut(rule))
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
