"""Resident-page read model on the real data: revenue, expenditure, funds, debt, staff, enterprises, household, tax."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finance import explain
from finance.topics.debt import debt_page
from finance.topics.enterprise import enterprise_page
from finance.topics.funds import funds_page
from finance.topics.household import household, tax_split
from finance.topics.settlement import expenditure_page, nature_groups, revenue_page
from finance.topics.staff import staff_page


def test_wakkanai_h25_revenue_items_and_groups(dataset):
    page = revenue_page(dataset, "012149", 2013)
    tax = page.items.line("rev_local_tax")
    assert tax is not None and tax.value == 4_443_990 and tax.label_ja == "市税"
    assert explain.amount_text(tax.value, tax.rounding, "ja") == "44億4,399万円"
    own = page.groups.line("own_source")
    assert own is not None and own.value == 7_768_540 and own.rounding == "truncated"  # printed subtotal, not a sum
    assert explain.amount_text(own.value, own.rounding, "ja") == "77億6,854万円"
    assert explain.share_text(own.share, "ja") == "31.5%"
    assert explain.share_text(page.groups.line("dependent").share, "ja") == "68.5%"
    assert page.items.population is not None and page.items.population.value == 36_898
    assert page.items.total is not None and page.items.total.per_resident == 668_054


def test_revenue_breakdown_ignores_stray_narrative_figures(dataset):
    # FY1999 holds only totals and a 億円 narrative figure of 地方交付税: no breakdown, no groups
    page = revenue_page(dataset, "012149", 1999)
    assert page.items.is_empty and page.groups.is_empty
    assert set(page.trend.frame.loc[page.trend.frame["fiscal_year"] == 1999, "series"]) == {"total"}


def test_trend_keeps_missing_years_out_and_spacing_true(dataset):
    trend = revenue_page(dataset, "012149", 2013).trend
    # H11, H16, H21–H25 of the booklet and R1 of the national 決算状況調: no invented years
    assert trend.years == [1999, 2004, 2009, 2010, 2011, 2012, 2013, 2019]
    assert not (trend.frame["value"] == 0).any()


def test_nakatonbetsu_revenue_groups_keep_the_mixed_line_apart(dataset):
    groups = revenue_page(dataset, "015130", 2010).groups
    assert [ln.key for ln in groups.lines] == ["own_source", "dependent", "mixed"]
    assert groups.line("own_source").value == 372_000  # 地方税 + 分担金 + 使用料 + 繰入金 + 諸収入 (no 「うち」 lines)
    assert groups.line("mixed").value == 213_000
    assert sum(ln.value for ln in groups.lines) == 3_828_000


def test_nakatonbetsu_expenditure_by_nature(dataset):
    page = expenditure_page(dataset, "015130", 2010)
    assert page.by_function.is_empty  # the town's data has no purpose list
    personnel = page.by_nature.line("expn_personnel")
    assert personnel is not None and personnel.value == 473_000  # 人件費 473 百万円
    groups = {ln.key: ln.value for ln in page.nature_groups.lines}
    assert groups == {"mandatory": 1_608_000, "investment": 397_000, "other": 1_705_000}


def test_nakatonbetsu_missing_item_is_not_zero(dataset):
    nature = expenditure_page(dataset, "015130", 2008).by_nature
    assert nature.line("expn_other") is None  # printed blank: absent, never 0
    groups = {ln.key: ln.value for ln in nature_groups(dataset, "015130", 2008).lines}
    assert groups["other"] == 3_164_000 - 1_598_000 - 328_000  # the remainder of the printed total


def test_wakkanai_expenditure_uses_the_citys_own_kan_list(dataset):
    page = expenditure_page(dataset, "012149", 2013)
    assert page.by_function.subject == "expenditure_kan"
    staff = page.by_function.line("expk_staff")
    assert staff is not None and staff.value == 2_715_780 and staff.name_ja == "職員費"
    assert page.by_nature.is_empty


def test_funds(dataset):
    nt = funds_page(dataset, "015130", 2011)
    assert [ln.value for ln in nt.balances.lines] == [228_000, 614_000, 1_121_000]
    assert nt.balances.total is not None and nt.balances.total.value == 1_963_000
    wk = funds_page(dataset, "012149", 2013)
    assert wk.balances.is_empty
    flows = wk.flows.frame
    deposit = flows[(flows["fiscal_year"] == 2013) & (flows["series"] == "deposit")].iloc[0]
    assert deposit["value"] == 557_824 and deposit["per_resident"] == 15_118  # the booklet prints 15,118円


def test_debt_by_account_and_coverage(dataset):
    page = debt_page(dataset, "012149", 2013)
    assert page.by_account.total is not None and page.by_account.total.value == 40_500_000
    ordinary = page.by_account.line("ordinary")
    assert ordinary is not None and ordinary.value == 27_400_000
    cov = page.coverage
    assert cov is not None and cov.burden == 10_000_000 and cov.approximate
    text = explain.coverage_sentence(cov, 2013, "ja")
    assert "約274億円" in text and "約174億円（63.5%）" in text and "約100億円" in text and "約27万円" in text
    service = page.debt_service_trend.frame
    assert list(service["series"]) == ["expk_debt_service"] and list(service["value"]) == [3_464_860]


def test_kushiro_debt_by_account(dataset):
    lines = debt_page(dataset, "012068", 2006).by_account.lines
    values = {ln.key: ln.value for ln in lines}
    assert values["sewer"] + values["sewer_tokkan"] == values["sewer_combined"] == 51_007_965


def test_staff_against_similar_municipalities(dataset):
    lines = {ln.category: ln for ln in staff_page(dataset, "015130", 2010).lines}
    general = lines["general"]
    assert general.count == 46 and general.peer_count == Decimal("45")
    assert general.published_per_thousand == Decimal("23.1") and general.peer_per_thousand == Decimal("22.84")
    assert explain.per_thousand_text(general.per_thousand, "ja") == "23.1人"
    costs = staff_page(dataset, "015130", 2010).cost_trend.frame
    assert costs.loc[costs["fiscal_year"] == 2010, "value"].iloc[0] == 473_000


def test_kushiro_sewer_enterprise(dataset):
    page = enterprise_page(dataset, "012068", 2006)
    sewer = page.accounts[0]
    assert sewer.account == "sewer"
    values = sewer.year_values(2006)
    assert values["ent_fund_shortfall"] == 6_233_850  # H18 資金不足額 (決算見込)
    assert values["ent_accumulated_deficit"] == -5_777_464
    assert sewer.kind_of(2005) == "決算" and sewer.kind_of(2006) == "決算見込" and sewer.kind_of(2007) == "計画"
    assert sewer.served_population[2006].basis == "treated_area"
    staff = sewer.staff.frame
    assert list(staff["value"]) == [69, 74, 66, 62, 61, 60, 54, 52, 51, 51]
    text = explain.enterprise_sentence(sewer, 2006, "total", "ja")
    assert "平成18年度（決算見込）の釧路市下水道事業会計は" in text and "62億3,385万円" in text


def test_wakkanai_and_nakatonbetsu_have_no_enterprise_statements(dataset):
    assert enterprise_page(dataset, "012149", 2013).accounts == ()
    assert enterprise_page(dataset, "015130", 2010).accounts == ()


def test_household_scaling(dataset):
    house = household(dataset, "012149", 2013)
    assert house.monthly_income_yen == 300_000
    assert sum(ln.monthly_yen for ln in house.revenue) == pytest.approx(300_000, abs=5)
    salary = next(ln for ln in house.revenue if ln.key == "salary")
    assert salary.monthly_yen == 54_085  # 市税 4,443,990千円 ÷ 歳入 24,649,840千円 × 30万円
    assert house.spending_subject == "expenditure_kan"
    nt = household(dataset, "015130", 2010)
    assert nt.spending_subject == "expenditure_nature"
    assert household(dataset, "012068", 2006).is_empty


def test_tax_split(dataset):
    split = tax_split(dataset, "012149", 2013, 100_000)
    assert split.subject == "expenditure_kan"
    assert split.shares[0].key == "expk_welfare" and split.shares[0].yen == 22_810
    assert abs(sum(s.yen for s in split.shares) - 100_000) <= len(split.shares)
    assert tax_split(dataset, "015130", 2010, 10_000).subject == "expenditure_nature"
    assert tax_split(dataset, "012068", 2006, 10_000).is_empty
    with pytest.raises(ValueError):
        tax_split(dataset, "012149", 2013, -1)


def test_trend_sentences(dataset):
    trend = expenditure_page(dataset, "012149", 2013).trend
    assert (
        explain.trend_sentence(trend, "total", 2013, "total", "expenditure", "ja")
        == "平成25年度の歳出決算額は約243億円と、前年度と比較して約3億4千万円減少しています。"
    )
    revenue = revenue_page(dataset, "012149", 2012).trend
    assert (
        explain.trend_sentence(revenue, "total", 2012, "per_resident", "revenue", "ja")
        == "平成24年度の市民1人あたりの歳入決算額は664,996円と、前年度と比較して3,809円減少しています。"
    )
    assert "前年度の数値は資料にありません" in explain.trend_sentence(revenue, "total", 2009, "total", "revenue", "ja")
    assert "資料にありません" in explain.trend_sentence(revenue, "total", 2005, "total", "revenue", "ja")
