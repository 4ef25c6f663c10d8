"""The indicator engine, table-driven: every worked example of the seeds and the boundaries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finance import calc, formatting, indicators
from finance.status import Lines, Status, classify, classify_published

WK, NT, KS = "012149", "015130", "012068"


def test_registry_carries_definition_data(dataset):
    reg = indicators.registry(dataset)
    for code in indicators.SOUNDNESS:
        entry = reg[code]
        assert entry.legal == "law" and entry.rounding == "truncate" and entry.legal_basis.startswith("財政健全化法")
        assert entry.direction == "lower_is_better"
    assert (reg["real_deficit_ratio"].decimals, reg["future_burden_ratio"].decimals) == (2, 1)
    assert reg["future_burden_ratio"].components == (
        "future_burden",
        "usable_funds",
        "usable_specific_revenue",
        "debt_in_future_demand",
        "standard_fiscal_scale",
        "debt_service_in_demand",
    )
    assert reg["real_debt_service_ratio_single"].components == reg["real_debt_service_ratio"].components


@pytest.mark.parametrize(
    ("indicator", "year", "value", "rule"),
    [
        ("real_debt_service_ratio_single", 2013, "14.770", "round"),  # 1,539,877 / 10,425,613 → printed 14.8
        ("future_burden_ratio", 2013, "89.374", "truncate"),  # printed 89.3, never 89.4
    ],
)
def test_wakkanai_h25_calculations(dataset, indicator, year, value, rule):
    evaluation = indicators.evaluate(dataset, indicator, WK, year)
    assert evaluation.computed.value.quantize(Decimal("0.001")) == Decimal(value)
    assert evaluation.comparison.rule == rule
    assert not evaluation.flagged


def test_wakkanai_h25_deficit_ratios_are_surpluses(dataset):
    real = indicators.evaluate(dataset, "real_deficit_ratio", WK, 2013)
    assert real.computed.value is None
    assert formatting.decimal_places(real.computed.surplus, 2, "truncate") == Decimal("1.49")
    assert real.status is Status.NO_DEFICIT and real.comparison.matches
    consolidated = indicators.evaluate(dataset, "consolidated_real_deficit_ratio", WK, 2013)
    assert consolidated.computed.numerator == -2_715_597
    assert consolidated.comparison.published == Decimal("21.01") and consolidated.comparison.matches


def test_wakkanai_h25_lines_and_statuses(dataset):
    expected = {
        "real_deficit_ratio": (12.96, 20.0, "published", Status.NO_DEFICIT),
        "consolidated_real_deficit_ratio": (17.96, 30.0, "published", Status.NO_DEFICIT),
        "real_debt_service_ratio": (25.0, 35.0, "published", Status.SOUND),
        "future_burden_ratio": (350.0, None, "published", Status.SOUND),
    }
    for code, (early, rebuilding, basis, state) in expected.items():
        evaluation = indicators.evaluate(dataset, code, WK, 2013)
        assert (evaluation.rated.lines.early, evaluation.rated.lines.rebuilding) == (early, rebuilding)
        assert evaluation.rated.early_basis == basis and evaluation.status is state
    debt = indicators.evaluate(dataset, "real_debt_service_ratio", WK, 2013)
    assert debt.rated.lines.caution == 18.0
    assert (debt.distance.level, debt.distance.line, debt.distance.points) == ("caution", 18.0, Decimal("2.1"))
    burden = indicators.evaluate(dataset, "future_burden_ratio", WK, 2013)
    assert (burden.distance.level, burden.distance.points) == ("early", Decimal("260.7"))


def test_before_the_law_no_line_applies(dataset):
    evaluation = indicators.evaluate(dataset, "real_debt_service_ratio", NT, 2005)  # H17: 26.0 %, before FY2007
    assert evaluation.published.value == 26.0 and evaluation.status is Status.NOT_RATED and evaluation.distance is None


@pytest.mark.parametrize(
    ("year", "value", "state", "next_level", "points"),
    [
        (2008, 28.3, Status.EARLY, "rebuilding", "6.7"),  # H20: 財政健全化団体
        (2009, 25.6, Status.EARLY, "rebuilding", "9.4"),
        (2010, 21.7, Status.CAUTION, "early", "3.3"),  # H22: plan completed, still above 18 %
    ],
)
def test_nakatonbetsu_debt_service_history(dataset, year, value, state, next_level, points):
    evaluation = indicators.evaluate(dataset, "real_debt_service_ratio", NT, year)
    assert evaluation.published.value == value
    assert evaluation.status is state
    assert (evaluation.distance.level, evaluation.distance.points) == (next_level, Decimal(points))


def test_nakatonbetsu_deficit_lines_are_estimated_from_the_standard_fiscal_scale(dataset):
    real = indicators.evaluate(dataset, "real_deficit_ratio", NT, 2010)
    assert real.rated.early_basis == "estimate" and real.rated.lines.early == 15.0  # S = 26.18億円 < 50億円
    consolidated = indicators.evaluate(dataset, "consolidated_real_deficit_ratio", NT, 2010)
    assert consolidated.rated.lines.early == 20.0
    assert consolidated.rated.lines.rebuilding == 35.0  # FY2010 transitional line
    assert consolidated.status is Status.NO_DEFICIT


def test_not_computed_future_burden_is_a_dash_not_zero(dataset):
    evaluation = indicators.evaluate(dataset, "future_burden_ratio", NT, 2011)
    assert evaluation.published.status == "non_positive" and evaluation.published.value is None
    assert evaluation.status is Status.NOT_COMPUTED and evaluation.distance is None


def test_kushiro_sewer_shortfall_is_above_the_management_line(dataset):
    evaluation = indicators.evaluate(dataset, "funding_shortfall_ratio", KS, 2006, account="sewer")
    assert evaluation.published.value == 118.4 and evaluation.published.figure_kind == "決算見込"
    assert evaluation.rated.lines.early == 20.0 and evaluation.rated.management
    assert evaluation.status is Status.MANAGEMENT
    assert (evaluation.distance.level, evaluation.distance.points) == ("management", Decimal("-98.4"))
    earlier = indicators.evaluate(dataset, "funding_shortfall_ratio", KS, 2005, account="sewer")
    assert earlier.status is Status.SOUND


@pytest.mark.parametrize(("year", "legal_line"), [(2008, 40.0), (2009, 40.0), (2010, 35.0), (2011, 30.0), (2013, 30.0)])
def test_transitional_consolidated_rebuilding_line(dataset, year, legal_line):
    assert indicators.legal_lines(dataset, WK, "consolidated_real_deficit_ratio", year).rebuilding == legal_line


@pytest.mark.parametrize(
    ("value", "printed", "expected"),
    [
        (17.9, "ok", Status.SOUND),
        (24.9, "ok", Status.CAUTION),
        (18.0, "ok", Status.CAUTION),  # at a line counts as crossed
        (25.0, "ok", Status.EARLY),
        (34.99, "ok", Status.EARLY),
        (35.0, "ok", Status.REBUILDING),
        (None, "ok", Status.NO_DATA),
        (None, "missing", Status.NO_DATA),
        (None, "no_deficit", Status.NO_DEFICIT),
        (None, "non_positive", Status.NOT_COMPUTED),
    ],
)
def test_status_boundaries(value, printed, expected):
    assert classify_published(value, printed, Lines(25.0, 35.0, 18.0)) is expected


def test_no_lines_means_not_rated():
    assert classify(500.0, Lines(None, None)) is Status.NOT_RATED


@pytest.mark.parametrize(("numerator", "denominator"), [(0, 100), (-5, 100), (5, 0), (None, 100), (5, None)])
def test_non_positive_numerator_or_bad_denominator_is_not_computed(numerator, denominator):
    assert calc.soundness_ratio(numerator, denominator) is None


def test_comparison_flags_a_difference_beyond_rounding():
    assert indicators.compare(16.7, Decimal("16.638"), 1).rule == "neither"  # NT-4 据置 H25 column
    assert indicators.compare(15.9, Decimal("15.953"), 1).rule == "truncate"
    assert indicators.compare(14.3, Decimal("14.298"), 1).rule == "round"
    assert indicators.compare(1.49, Decimal("1.4923"), 2).rule == "both"


def test_trend_uses_the_most_certain_figure_per_year(dataset):
    points = {p.year: p for p in indicators.trend(dataset, "real_debt_service_ratio", NT)}
    assert [points[y].value for y in (2005, 2008, 2009, 2010)] == [26.0, 28.3, 25.6, 21.7]
    # the plan's 決算見込 18.7 for H23 gives way to the settled 18.7 of the national table
    assert (points[2011].figure_kind, points[2011].value) == ("決算", 18.7)
    assert points[2011].source.source_id == "MIC_SHUYOU_CITY_2011"
    # the plan's main projection (推計) 13.8 / 10.9 gives way to the settled values of the national tables
    assert (points[2013].figure_kind, points[2013].value) == ("決算", 12.4)
    assert points[2014].value == 8.6
    plan = [r for r in dataset.records("ratios", NT) if r["figure_kind"] == "計画" and r["fiscal_year"] == 2013]
    assert 13.8 in {r["value"] for r in plan if r["indicator"] == "real_debt_service_ratio"}  # kept, not merged


def test_change_drivers_add_up_exactly(dataset):
    drivers = indicators.change_drivers(dataset, "real_debt_service_ratio_single", NT, 2011)
    assert formatting.decimal_places(drivers.before, 3, "round") == Decimal("17.614")
    assert formatting.decimal_places(drivers.after, 3, "round") == Decimal("16.785")
    assert drivers.numerator_effect + drivers.denominator_effect == drivers.total
    assert drivers.numerator_effect < 0 < drivers.denominator_effect  # the burden fell, so did the yardstick S
    assert indicators.change_drivers(dataset, "future_burden_ratio", WK, 2013) is None  # only one year printed
