"""Peers and the seed documents against the national tables, on the real data."""

from __future__ import annotations

from finance import crosscheck, peers


def test_peer_groups_are_named_counted_and_never_count_a_dash_as_zero(dataset):
    view = peers.peer_view(dataset, "012092", "future_burden_ratio", 2013)  # 夕張市 H25
    assert view is not None and view.value == 748.7 and view.population == 9801
    groups = {d.group: d for d in view.distributions}
    assert set(groups) == {"prefecture", "kind_band", "all"}
    assert groups["prefecture"].prefecture_ja == "北海道"
    assert groups["kind_band"].band == (5_000, 10_000)
    everyone = groups["all"]
    assert everyone.count + everyone.not_calculated == 1742  # 1,742 municipalities in the H25 table
    assert everyone.not_calculated > 0 and everyone.minimum > 0  # «-» bodies counted apart, not as 0
    assert everyone.minimum <= everyone.q1 <= everyone.median <= everyone.q3 <= everyone.maximum == 748.7
    assert [m.published_text for m in view.means] == ["65.9", "51.0"]  # 北海道の市町村平均, 全国市町村平均


def test_a_prefecture_is_compared_with_the_prefectures(dataset):
    view = peers.peer_view(dataset, "310000", "real_debt_service_ratio", 2015)  # 鳥取県 H27
    assert view is not None and view.value == 12.4
    (only,) = view.distributions
    assert (only.kind, only.count) == ("都道府県", 47)
    assert [m.group for m in view.means] == ["all_prefectures"]


def test_peers_are_computed_once_per_indicator_and_year(dataset):
    first = peers.distributions(dataset, "ordinary_balance_ratio", 2020)
    assert peers.distributions(dataset, "ordinary_balance_ratio", 2020) is first


def test_kushiro_plan_and_nakatonbetsu_population_differences_are_shown_with_both_sources(dataset):
    kushiro = {(c.fiscal_year, c.subject): c for c in crosscheck.checks(dataset, "012068")}
    h18 = kushiro[(2006, "real_debt_service_ratio")]
    assert (h18.document_text, h18.national_text, h18.agree) == ("16.4(H18)", "17.0", False)
    assert (h18.document.source_id, h18.national.source_id) == ("KS", "MIC_SHUYOU_CITY_2006")
    assert kushiro[(2006, "fiscal_capability_index")].agree  # 0.481 printed, 0.48 in the table: same at 2 places
    nakatonbetsu = [c for c in crosscheck.checks(dataset, "015130") if c.subject == "population"]
    differ = [c for c in nakatonbetsu if not c.agree]
    assert [(c.document_text, c.national_text) for c in differ] == [("1,943", "1,947")]
    assert differ[0].national.source_id == "MIC_JUKI_2012_03_31"


def test_wakkanai_booklet_agrees_with_the_national_tables(dataset):
    assert all(c.agree for c in crosscheck.checks(dataset, "012149"))


def test_the_differences_are_recorded_as_csv_with_both_sources(dataset):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(crosscheck.to_csv(dataset, only_differ=True))))
    assert rows and {r["result"] for r in rows} == {"differ"}
    kushiro = [r for r in rows if r["municipality_code"] == "012068" and r["fiscal_year"] == "2006"]
    assert kushiro[0]["subject"] == "real_debt_service_ratio" and kushiro[0]["national_value"] == "17.0"
    assert kushiro[0]["document_source"].startswith("KS ") and kushiro[0]["national_source"].startswith("MIC_SHUYOU")
    people = [r for r in rows if r["municipality_code"] == "015130" and r["subject"] == "population"]
    assert (people[0]["document_value"], people[0]["national_value"]) == ("1,943", "1,947")
    every = list(csv.DictReader(io.StringIO(crosscheck.to_csv(dataset))))
    assert {r["result"] for r in every} == {"agree", "differ"} and len(every) > len(rows)
    assert all(r["result"] == "agree" for r in every if r["municipality_code"] == "012149")  # 稚内市: all agree
