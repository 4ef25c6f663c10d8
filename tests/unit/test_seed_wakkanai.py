"""Every reproducing check of the Wakkanai booklet (seed-figures.md §1, WK-1 … WK-10), on the loaded data."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from finance import calc, formatting, indicators, narrative, queries
from tests.helpers import one, rows

WK = "012149"
S_H25 = 12_924_171


def wk1(ds, item):
    return one(
        ds,
        "settlement",
        municipality_code=WK,
        fiscal_year=2013,
        account="general",
        item=item,
        source_table="1 平成25年度 稚内市の歳入・歳出決算状況（一般会計）",
    )


def test_wk1_own_source_items_sum_to_printed_subtotal(dataset):
    parts = rows(dataset, "settlement", municipality_code=WK, fiscal_year=2013, part_of="rev_own_source_total")
    assert len(parts) == 8
    assert int(parts["amount_thousand_yen"].sum()) == wk1(dataset, "rev_own_source_total")
    assert formatting.yen_oku_man(int(parts["amount_thousand_yen"].sum())) == "77億6,854万円"


def test_wk1_dependent_items_total_and_difference(dataset):
    parts = rows(dataset, "settlement", municipality_code=WK, fiscal_year=2013, part_of="rev_dependent_total")
    assert len(parts) == 14
    assert formatting.yen_oku_man(int(parts["amount_thousand_yen"].sum())) == "168億8,130万円"
    assert wk1(dataset, "rev_own_source_total") + wk1(dataset, "rev_dependent_total") == wk1(dataset, "rev_total")
    spending = rows(dataset, "settlement", municipality_code=WK, fiscal_year=2013, part_of="exp_total")
    assert len(spending) == 14
    assert int(spending["amount_thousand_yen"].sum()) == wk1(dataset, "exp_total")
    assert formatting.yen_oku_man(wk1(dataset, "rev_total") - wk1(dataset, "exp_total")) == "3億5,674万円"
    assert wk1(dataset, "bal_formal_balance") == 356_740


def test_wk1_man_yen_totals_are_truncated_thousand_yen_totals(dataset):
    for item in ("rev_total", "exp_total"):
        exact = one(dataset, "settlement", municipality_code=WK, fiscal_year=2013, item=item, published_unit="千円")
        assert wk1(dataset, item) == exact // 10 * 10  # truncation below 万
    assert formatting.yen_oku_man(24_293_107, mode="round") != formatting.yen_oku_man(wk1(dataset, "exp_total"))


PRINTED_SHARES = {  # 構成比 as printed (lines 61–85)
    "rev_local_tax": "18.0",
    "rev_contributions": "0.5",
    "rev_fees": "2.8",
    "rev_property_income": "0.9",
    "rev_donations": "0.1",
    "rev_transfers_in": "0.7",
    "rev_carryover": "1.3",
    "rev_miscellaneous": "7.2",
    "rev_own_source_total": "31.5",
    "rev_transfer_taxes": "1.1",
    "rev_interest_grant": "0.0",
    "rev_dividend_grant": "0.0",
    "rev_stock_transfer_grant": "0.1",
    "rev_consumption_tax_grant": "1.7",
    "rev_golf_tax_grant": "0.0",
    "rev_automobile_acquisition_grant": "0.3",
    "rev_national_facilities_grant": "0.1",
    "rev_special_local_grant": "0.0",
    "rev_local_allocation_tax": "33.4",
    "rev_traffic_safety_grant": "0.0",
    "rev_national_disbursements": "14.8",
    "rev_prefectural_disbursements": "4.3",
    "rev_local_bonds": "12.7",
    "rev_dependent_total": "68.5",
    "expk_assembly": "0.7",
    "expk_general_affairs": "6.4",
    "expk_welfare": "22.8",
    "expk_health": "9.0",
    "expk_labour": "0.2",
    "expk_agriculture": "3.2",
    "expk_commerce": "4.0",
    "expk_civil_engineering": "12.8",
    "expk_fire": "2.4",
    "expk_education": "12.1",
    "expk_debt_service": "14.3",
    "expk_miscellaneous": "0.8",
    "expk_staff": "11.2",
    "expk_disaster_recovery": "0.1",
}


def test_wk1_shares_recompute_except_two_recorded_discrepancies(dataset):
    mismatched = set()
    for item, printed in PRINTED_SHARES.items():
        total = wk1(dataset, "rev_total" if item.startswith("rev_") else "exp_total")
        share = calc.share_percent(wk1(dataset, item), total)
        if formatting.decimal_places(share, 1, "round") != Decimal(printed):
            mismatched.add(item)
    assert mismatched == {"rev_property_income", "rev_miscellaneous"}
    recorded = set(rows(dataset, "discrepancies", municipality_code=WK, file="settlement.csv")["item"])
    assert mismatched <= recorded


@pytest.mark.parametrize("year", [1999, 2004, 2009, 2010, 2011, 2012, 2013])
def test_wk2_real_settlement_is_balance_plus_deposits_minus_withdrawals(dataset, year):
    balance = one(dataset, "settlement", municipality_code=WK, fiscal_year=year, item="bal_real_balance")
    deposit = one(dataset, "funds", municipality_code=WK, fiscal_year=year, measure="deposit")
    withdrawal = one(dataset, "funds", municipality_code=WK, fiscal_year=year, measure="withdrawal")
    printed = one(dataset, "settlement", municipality_code=WK, fiscal_year=year, item="bal_wk_real_settlement")
    assert balance + deposit - withdrawal == printed


def test_wk2_h25_real_balance_from_the_consolidated_table(dataset):
    parts = queries.components(dataset, WK, 2013, "consolidated_real_deficit_ratio", account="general")
    assert parts["①"] - parts["②"] == 356_737  # 形式収支
    assert parts["①"] - parts["②"] - parts["③"] == parts["差引"] == 192_863
    assert one(dataset, "settlement", municipality_code=WK, fiscal_year=2013, item="bal_real_balance") == 192_863


def test_wk2_narrative_sentence_is_reproduced(dataset):
    current = queries.settlement_fact(dataset, WK, 2013, "exp_total")
    previous = queries.settlement_fact(dataset, WK, 2012, "exp_total")
    assert narrative.expenditure_change_sentence(current, previous, 2013, "ja") == (
        "平成25年度の歳出決算額は約243億円と、前年度と比較して約3億4千万円減少しています。"
    )


def test_wk3_per_resident_table_reproduces_40_of_42_cells(dataset):
    published = rows(dataset, "per_resident", municipality_code=WK)
    assert len(published) == 42
    differing = []
    for row in published.itertuples(index=False):
        year = int(row.fiscal_year)
        if row.subject.startswith("fund_total."):
            amount = one(dataset, "funds", municipality_code=WK, fiscal_year=year, measure=row.subject.split(".")[1])
        else:
            fact = queries.settlement_fact(dataset, WK, year, row.subject)
            amount = fact.value
        pop = queries.population(dataset, WK, year).value
        if calc.per_resident_yen(amount, pop) != row.yen_per_resident:
            differing.append((year, row.subject))
    assert sorted(differing) == [(2010, "bal_wk_real_settlement"), (2012, "bal_wk_real_settlement")]
    recorded = rows(dataset, "discrepancies", municipality_code=WK, file="per_resident.csv")
    assert sorted(zip(recorded["fiscal_year"].astype(int), recorded["item"], strict=True)) == sorted(differing)


def test_wk3_headline_per_resident_revenue(dataset):
    ov = queries.overview(dataset, WK, 2013)
    assert ov.revenue.value == 24_649_844
    assert ov.revenue_per_resident.population.value == 36_898
    assert ov.revenue_per_resident.yen == 668_054 == ov.revenue_per_resident.published_yen
    assert ov.expenditure_per_resident.yen == 658_385


def test_wk5_surplus_ratios(dataset):
    general = queries.components(dataset, WK, 2013, "consolidated_real_deficit_ratio", account="general")["差引"]
    for mode in ("truncate", "round"):
        assert formatting.decimal_places(calc.ratio_percent(general, S_H25), 2, mode) == Decimal("1.49")
    surpluses = rows(
        dataset, "ratio_components", municipality_code=WK, indicator="consolidated_real_deficit_ratio", component="差引"
    )
    assert len(surpluses) == 11
    total = int(surpluses["amount_thousand_yen"].sum())
    assert total == 2_715_597
    assert formatting.decimal_places(calc.ratio_percent(total, S_H25), 2, "truncate") == Decimal("21.01")
    printed = rows(
        dataset, "ratios", municipality_code=WK, fiscal_year=2013, indicator="consolidated_real_deficit_ratio"
    )
    assert float(printed.iloc[0]["surplus_value"]) == 21.01


def test_wk5_published_ratios_and_thresholds(dataset):
    by = {r.indicator: r for r in queries.published_ratios(dataset, WK, 2013)}
    assert by["real_debt_service_ratio"].value == 15.9
    assert by["future_burden_ratio"].value == 89.3
    assert by["real_deficit_ratio"].status == "no_deficit" and by["real_deficit_ratio"].value is None
    assert by["consolidated_real_deficit_ratio"].early_threshold == pytest.approx(
        by["real_deficit_ratio"].early_threshold + 5
    )


def test_wk5_early_threshold_formula_does_not_reproduce_published_value(dataset):
    formula = calc.early_threshold_real_deficit(S_H25)
    assert formatting.decimal_places(formula, 2, "round") == Decimal("13.02")
    assert formatting.decimal_places(formula, 2, "truncate") == Decimal("13.01")
    published = one(
        dataset, "ratios", "early_threshold", municipality_code=WK, fiscal_year=2013, indicator="real_deficit_ratio"
    )
    assert published == 12.96
    assert not rows(dataset, "discrepancies", discrepancy_id="WK-5-early-threshold").empty


def test_wk8_every_account_result_follows_its_printed_formula(dataset):
    table = rows(dataset, "ratio_components", municipality_code=WK, indicator="consolidated_real_deficit_ratio")
    kinds = dict(zip(dataset["accounts"]["account"], dataset["accounts"]["law_application"], strict=False))
    for account, block in table.groupby("account"):
        parts = dict(zip(block["component"], block["amount_thousand_yen"].astype(int), strict=True))
        if kinds.get(account) == "法適用":
            expected = parts["①"] - parts["②"] + parts["③"]
        else:
            expected = parts["①"] - parts["②"] - parts["③"] + parts.get("A", 0)
        assert expected == parts["差引"], account


def test_wk9_real_debt_service_single_year(dataset):
    parts = queries.components(dataset, WK, 2013, "real_debt_service_ratio")
    quasi = sum(parts[f"quasi_{i}"] for i in (1, 2, 3, 4))  # the booklet's ①–④ of 準元利償還金
    assert parts["principal_interest"] + quasi == parts["burden_total"] == 4_425_112
    assert parts["specific_revenue"] + parts["debt_service_in_demand"] == parts["deduction_total"] == 2_885_235
    assert parts["burden_total"] - parts["deduction_total"] == parts["numerator"] == 1_539_877
    assert parts["standard_fiscal_scale"] - parts["denominator_deduction"] == parts["denominator"] == 10_425_613
    computed = indicators.compute(dataset, "real_debt_service_ratio_single", WK, 2013)
    assert (computed.numerator, computed.denominator) == (1_539_877, 10_425_613)
    ratio = computed.value
    assert ratio.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP) == Decimal("14.770")
    assert formatting.percent(ratio, decimals=1, mode="round") == "14.8%"
    assert (
        one(
            dataset,
            "ratios",
            "value",
            municipality_code=WK,
            fiscal_year=2013,
            indicator="real_debt_service_ratio_single",
        )
        == 14.8
    )


def test_wk9_three_year_average_is_truncated_mean(dataset):
    singles = [
        one(dataset, "ratios", "value", municipality_code=WK, fiscal_year=y, indicator="real_debt_service_ratio_single")
        for y in (2011, 2012, 2013)
    ]
    mean = calc.three_year_mean(Decimal(str(v)) for v in singles)
    assert formatting.decimal_places(mean, 1, "truncate") == Decimal("15.9")


def test_wk10_future_burden_ratio_truncated_not_rounded(dataset):
    parts = queries.components(dataset, WK, 2013, "future_burden_ratio")
    assert parts["future_burden"] - parts["deduction_total"] == parts["numerator"] == 9_317_831
    ratio = indicators.compute(dataset, "future_burden_ratio", WK, 2013).value
    assert formatting.percent(ratio, decimals=1, mode="truncate") == "89.3%"
    assert formatting.percent(ratio, decimals=1, mode="round") == "89.4%"
    assert [
        formatting.yen_oku_man(parts[k], mode="round")
        for k in ("future_burden", "deduction_total", "numerator", "denominator")
    ] == [
        "393億6,497万円",
        "300億4,714万円",
        "93億1,783万円",
        "104億2,561万円",
    ]  # narrative lines 537–539


def test_wk4_narrative_figures(dataset):
    lat = wk1(dataset, "rev_local_allocation_tax")
    assert formatting.yen_approx(lat) == "約82億4千万円"
    debts = rows(dataset, "debt", municipality_code=WK, fiscal_year=2013, measure="outstanding_end")
    by_account = dict(zip(debts["account"], debts["amount_thousand_yen"].astype(int), strict=False))
    assert by_account["ordinary"] + by_account["enterprise_all"] + by_account["special_all"] == pytest.approx(
        by_account["all"], abs=100_000
    )  # 274 + 130 + 0.6 ≈ 405 億円
    covered = one(dataset, "debt", municipality_code=WK, fiscal_year=2013, measure="lat_covered_end")
    assert covered == pytest.approx(by_account["ordinary"] * 0.635, abs=100_000)  # 63.5 % ≈ 174億円
    staff = one(dataset, "staff", "count", municipality_code=WK, fiscal_year=2013, category="general_admin")
    assert (
        staff == one(dataset, "staff", "count", municipality_code=WK, fiscal_year=1999, category="general_admin") - 148
    )
