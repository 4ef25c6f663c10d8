"""The committee summary: every ratio against its lines from the one resolver, a verdict, totals, sources."""

from __future__ import annotations

from finance import committee, indicators
from finance.status import Status


def test_wakkanai_h25_summary_holds_each_ratio_with_both_lines_and_the_totals(dataset):
    summary = committee.summary(dataset, "012149", 2013)
    by = {e.indicator: e for e in summary.ratios}
    assert tuple(by) == indicators.SOUNDNESS  # all four, in the law's order
    debt = by["real_debt_service_ratio"]
    assert debt.published is not None and debt.published.value == 15.9
    assert (debt.rated.lines.early, debt.rated.lines.rebuilding) == (25.0, 35.0)
    burden = by["future_burden_ratio"]
    assert burden.published is not None and burden.published.value == 89.3
    assert (burden.rated.lines.early, burden.rated.lines.rebuilding) == (350.0, None)  # no 財政再生基準 by law
    assert by["real_deficit_ratio"].status is Status.NO_DEFICIT  # «—», never 0
    assert summary.verdict == "sound"
    assert {e.account for e in summary.enterprises} >= {"water", "sewer", "hospital"}
    assert all(e.evaluation.rated.management for e in summary.enterprises)
    assert summary.revenue is not None and summary.revenue.value == 24_649_844
    assert summary.revenue_per_resident.yen == 668_054
    assert [s.source_id for s in summary.sources] == ["WK"] and summary.data_date == "2014-10"
    assert not summary.national_only


def test_yubari_h25_from_the_national_tables_is_past_the_rebuilding_line(dataset):
    summary = committee.summary(dataset, "012092", 2013)
    by = {e.indicator: e for e in summary.ratios}
    assert by["real_debt_service_ratio"].status is Status.REBUILDING  # 47.2 % ≥ 35 %
    assert by["future_burden_ratio"].status is Status.EARLY  # 748.7 % ≥ 350 %; the law sets no higher line
    assert summary.verdict == "rebuilding"
    assert summary.national_only and summary.enterprises == () and not summary.has_totals


def test_a_year_without_data_has_no_verdict_and_nothing_invented(dataset):
    summary = committee.summary(dataset, "012149", 1990)
    assert not summary.has_ratios and summary.verdict == "unknown"
    assert all(e.status is Status.NO_DATA for e in summary.ratios)
    assert summary.enterprise_verdict == "none" and not summary.has_totals


def test_nakatonbetsu_h23_below_the_early_lines_is_told_its_debt_service_needs_permission(dataset):
    summary = committee.summary(dataset, "015130", 2011)
    by = {e.indicator: e for e in summary.ratios}
    assert by["real_debt_service_ratio"].status is Status.CAUTION  # 18.7 % ≥ 18 %
    assert by["future_burden_ratio"].status is Status.NOT_COMPUTED  # «—»: the numerator is negative
    assert summary.verdict == "caution"
