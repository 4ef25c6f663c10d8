"""Every reproducing check of the Kushiro sewer plan (seed-figures.md §3, KS-1 … KS-11), on the loaded data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finance import calc, formatting
from tests.helpers import one, rows

KS = "012068"
YEARS = tuple(range(2002, 2012))
INCOME = "Ⅲ 今後の経営状況の見通し（①法適用企業）収益的収支"


def ent(ds, year, item, account="sewer", table=INCOME):
    return one(ds, "enterprise", municipality_code=KS, fiscal_year=year, account=account, item=item, source_table=table)


def test_figure_kinds_follow_the_plan_columns(dataset):
    kinds = rows(dataset, "enterprise", municipality_code=KS, item="ent_total_revenue", source_table=INCOME)
    by_year = dict(zip(kinds["fiscal_year"].astype(int), kinds["figure_kind"], strict=True))
    assert by_year == {
        **dict.fromkeys(range(2002, 2006), "決算"),
        2006: "決算見込",
        **dict.fromkeys(range(2007, 2012), "計画"),
    }


@pytest.mark.parametrize("year", YEARS)
def test_ks4_income_statement_adds_up(dataset, year):
    a = ent(dataset, year, "ent_operating_revenue")
    assert a == ent(dataset, year, "ent_fee_revenue") + ent(dataset, year, "ent_operating_revenue_other") + ent(
        dataset, year, "ent_rainwater_charge"
    )
    c = ent(dataset, year, "ent_total_revenue")
    assert c == a + ent(dataset, year, "ent_non_operating_revenue")
    d = ent(dataset, year, "ent_total_expenses")
    assert d == ent(dataset, year, "ent_operating_expenses") + ent(dataset, year, "ent_non_operating_expenses")
    assert ent(dataset, year, "ent_ordinary_profit") == c - d
    # enterprise 経常収支比率 = C / D (KS-9), rounded to one decimal
    printed = one(
        dataset, "ratios", "value", municipality_code=KS, fiscal_year=year, indicator="ent_ordinary_balance_ratio"
    )
    assert formatting.decimal_places(calc.ratio_percent(c, d), 1, "round") == Decimal(str(printed))


@pytest.mark.parametrize("year", YEARS[1:])
def test_ks4_accumulated_deficit_rolls_forward_with_net_profit(dataset, year):
    assert ent(dataset, year, "ent_accumulated_deficit") == ent(dataset, year - 1, "ent_accumulated_deficit") + ent(
        dataset, year, "ent_net_profit"
    )


@pytest.mark.parametrize("year", YEARS[4:])
def test_ks4_bad_debt_and_shortfall_ratios(dataset, year):
    assert ent(dataset, year, "ent_bad_debt") == ent(dataset, year, "ent_current_liabilities") - ent(
        dataset, year, "ent_current_assets"
    )
    scale = ent(dataset, year, "ent_business_scale")
    shortfall = calc.ratio_percent(ent(dataset, year, "ent_fund_shortfall"), scale)
    printed = one(
        dataset,
        "ratios",
        "value",
        municipality_code=KS,
        fiscal_year=year,
        account="sewer",
        indicator="funding_shortfall_ratio",
    )
    assert formatting.decimal_places(shortfall, 1, "round") == Decimal(str(printed))  # 118.353 → 118.4: rounding
    bad = calc.ratio_percent(ent(dataset, year, "ent_bad_debt"), scale)
    printed_bad = one(
        dataset, "ratios", "value", municipality_code=KS, fiscal_year=year, indicator="ent_bad_debt_ratio"
    )
    assert formatting.decimal_places(bad, 1, "round") == Decimal(str(printed_bad))


def test_ks4_h18_shortfall_is_above_the_20_percent_line(dataset):
    assert (
        one(
            dataset,
            "ratios",
            "value",
            municipality_code=KS,
            fiscal_year=2006,
            account="sewer",
            indicator="funding_shortfall_ratio",
        )
        == 118.4
    )
    assert formatting.decimal_places(calc.ratio_percent(6_233_850, 5_267_189), 1, "truncate") == Decimal("118.3")


@pytest.mark.parametrize("year", YEARS)
def test_ks4_accumulated_deficit_ratio(dataset, year):
    ratio = calc.ratio_percent(-ent(dataset, year, "ent_accumulated_deficit"), ent(dataset, year, "ent_business_scale"))
    printed = one(
        dataset,
        "ratios",
        "value",
        municipality_code=KS,
        fiscal_year=year,
        account="sewer",
        indicator="ent_accumulated_deficit_ratio",
    )
    assert formatting.decimal_places(ratio, 1, "round") == Decimal(str(printed))


def test_ks1_summary_matches_the_tables(dataset):
    legal = ent(dataset, 2006, "ent_bonds_outstanding", table="Ⅲ 今後の経営状況の見通し（①法適用企業）資本的収支")
    non_legal = rows(
        dataset,
        "enterprise",
        municipality_code=KS,
        fiscal_year=2006,
        account="sewer_tokkan",
        item="ent_bonds_outstanding",
    )
    assert len(non_legal) == 1
    total = legal + int(non_legal.iloc[0]["amount_thousand_yen"])
    assert total == 45_067_803 + 5_940_162
    assert formatting.decimal_places(Decimal(total) / 1000, 0, "round") == 51_008
    assert ent(dataset, 2006, "ent_bad_debt") == 6_229_339
    assert (
        one(
            dataset,
            "enterprise",
            municipality_code=KS,
            fiscal_year=2006,
            item="ent_bad_debt",
            source_table="Ⅰ 2 財政指標等",
        )
        == 6_229_000
    )


@pytest.mark.parametrize("year", YEARS)
def test_ks5_capital_account_shortfall_chain(dataset, year):
    table = "Ⅲ 今後の経営状況の見通し（①法適用企業）資本的収支"
    shortfall = ent(dataset, year, "ent_cap_shortfall", table=table)
    assert shortfall == ent(dataset, year, "ent_cap_expenditure_total", table=table) - ent(
        dataset, year, "ent_cap_revenue_net", table=table
    )
    if year == 2006:  # H18: 補てん財源不足額 = 不良債務 (L)
        gap = ent(dataset, year, "ent_cap_financing_shortfall", table=table)
        assert (
            gap
            == shortfall - ent(dataset, year, "ent_cap_financing_total", table=table)
            == ent(dataset, year, "ent_bad_debt")
        )


def test_every_recorded_kushiro_discrepancy_names_a_loaded_figure(dataset):
    recorded = rows(dataset, "discrepancies", municipality_code=KS)
    assert len(recorded) >= 20
    notices = {(i.file, i.line) for i in dataset.notices if i.file == "enterprise.csv"}
    assert len(notices) == 6  # the six printed totals that do not add up: loaded as printed, shown as notices


NON_LEGAL = "Ⅲ 今後の経営状況の見通し（②法非適用企業）"


def tokkan(ds, year, item):
    found = rows(ds, "enterprise", municipality_code=KS, fiscal_year=year, account="sewer_tokkan", item=item)
    found = found[found["source_table"].str.contains("法非適用") & ~found["source_table"].str.contains("繰入金")]
    assert len(found) == 1, (year, item, len(found))
    return int(found.iloc[0]["amount_thousand_yen"])


@pytest.mark.parametrize("year", range(2002, 2007))
def test_ks7_non_legal_account_chain(dataset, year):
    a = tokkan(dataset, year, "ent_total_revenue")
    assert a == tokkan(dataset, year, "ent_operating_revenue") + tokkan(dataset, year, "ent_non_operating_revenue")
    d = tokkan(dataset, year, "ent_total_expenses")
    e = tokkan(dataset, year, "ent_income_balance")
    assert e == a - d
    i = tokkan(dataset, year, "ent_cap_balance")
    assert i == tokkan(dataset, year, "ent_cap_revenue_total") - tokkan(dataset, year, "ent_cap_expenditure_total")
    assert tokkan(dataset, year, "ent_balance_after_capital") == e + i
    surplus = tokkan(dataset, year, "ent_real_balance_surplus")
    assert surplus == tokkan(dataset, year, "ent_formal_balance") - tokkan(dataset, year, "ent_carryover_financing")
    ratio = calc.ratio_percent(a, d + tokkan(dataset, year, "ent_cap_bond_redemption"))  # 収益的収支比率
    printed = one(
        dataset, "ratios", "value", municipality_code=KS, fiscal_year=year, indicator="ent_revenue_expenditure_ratio"
    )
    assert formatting.decimal_places(ratio, 1, "round") == Decimal(str(printed))


@pytest.mark.parametrize("year", range(2002, 2012))
def test_ks6_transfers_match_the_income_statement(dataset, year):
    transfers = rows(
        dataset, "enterprise", municipality_code=KS, fiscal_year=year, account="sewer", item="ent_transfer_income"
    )
    assert len(transfers) == 1
    income_transfer = int(transfers.iloc[0]["amount_thousand_yen"])
    assert income_transfer == ent(dataset, year, "ent_subsidy_other_accounts") + ent(
        dataset, year, "ent_rainwater_charge"
    )


def stat(ds, year, item):
    return one(ds, "operating_stats", "value", municipality_code=KS, fiscal_year=year, item=item)


@pytest.mark.parametrize("year", range(2007, 2012))
def test_ks11_operating_statistics(dataset, year):
    rate = (
        Decimal(stat(dataset, year, "ent_flush_toilet_population"))
        * 100
        / Decimal(stat(dataset, year, "ent_treated_area_population"))
    )
    assert formatting.decimal_places(rate, 1, "round") == Decimal(str(stat(dataset, year, "ent_flush_toilet_rate")))
    fee = one(
        dataset, "enterprise", municipality_code=KS, fiscal_year=year, account="sewer_combined", item="ent_fee_revenue"
    )
    unit_fee = Decimal(fee) * 1000 / Decimal(stat(dataset, year, "ent_billed_volume"))
    assert formatting.decimal_places(unit_fee, 1, "round") == Decimal(str(stat(dataset, year, "ent_unit_fee")))
    assert fee == ent(dataset, year, "ent_fee_revenue")  # from H19 the combined fee revenue is the legal account's


def test_ks11_changes_are_differences_of_consecutive_years(dataset):
    for year in range(2003, 2012):
        for item in ("ent_treated_area_population", "ent_flush_toilet_population", "ent_billed_volume"):
            assert stat(dataset, year, f"{item}_change") == stat(dataset, year, item) - stat(dataset, year - 1, item)
