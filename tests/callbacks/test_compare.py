"""The comparison page: per-resident figures and indicators side by side, the median, no ranking."""

from __future__ import annotations

from callbacks import compare as compare_callbacks
from finance import compare
from tests.callbacks.test_callbacks import texts

STATE = {"municipality": "012149", "year": 2013, "locale": "ja"}


def test_values_keep_their_year_basis_and_source(dataset):
    rows = {r.measure: r for r in compare.compare(dataset, ["015130", "012149", "012068"], 2013)}
    revenue = {c.municipality_code: c for c in rows["revenue_per_resident"].cells}
    assert (revenue["012149"].value, revenue["012149"].year, revenue["012149"].account) == (668_054, 2013, "general")
    # Nakatonbetsu's latest settlement up to FY2013 is FY2011 (ordinary account): 3,768 百万円 / 1,943 人
    assert (revenue["015130"].value, revenue["015130"].year, revenue["015130"].account) == (1_939_269, 2011, "ordinary")
    assert revenue["012068"].value is None  # no general/ordinary settlement for Kushiro: missing, not zero
    assert rows["revenue_per_resident"].median == (668_054 + 1_939_269) / 2
    debt = {c.municipality_code: c for c in rows["real_debt_service_ratio"].cells}
    assert (debt["015130"].value, debt["015130"].year) == (12.4, 2013)  # settled, from the national table
    assert debt["015130"].source is not None and debt["015130"].source.source_id == "MIC_SHUYOU_CITY_2013"
    burden = {c.municipality_code: c for c in rows["future_burden_ratio"].cells}
    assert burden["015130"].status == "non_positive" and burden["012068"].value == 146.5  # 釧路市 H25, national
    assert rows["future_burden_ratio"].median == 117.9  # of 146.5 and 89.3: the «-» of 中頓別町 is not a number
    assert [c.municipality_code for c in rows["ordinary_balance_ratio"].cells] == ["012068", "012149", "015130"]


def test_untrusted_choices_are_filtered(dataset):
    assert (
        compare.compare(dataset, ["999999", "<x>", "012149", "012149"], 2013)[0].cells[0].municipality_code == "012149"
    )
    assert len(compare.compare(dataset, ["999999"], 2013)[0].cells) == 0


def test_callbacks(dash_app):
    options, chosen = compare_callbacks.choices(STATE)
    assert chosen == ["012068", "012149", "015130"] and {"label": "稚内市", "value": "012149"} in options
    text = texts(compare_callbacks.update_compare(STATE, chosen))
    assert "市民1人あたりの歳入" in text and "668,054円" in text and "中央値" in text and "普通会計" in text
    assert texts(compare_callbacks.update_compare(STATE, "garbage")) == "くらべる市町村を1つ以上選んでください。"
    assert compare_callbacks.update_compare({"municipality": "0"}, ["012149"]) == ["市町村を選んでください。"]


def test_any_body_can_be_found_and_added_without_losing_the_ticks(dash_app):
    options, chosen = compare_callbacks.choices(STATE, "夕張", ["012149", "015130"])
    assert chosen == ["012149", "015130"]  # the ticks are kept; the match is offered, not ticked
    assert {"label": "夕張市", "value": "012092"} in options and {"label": "稚内市", "value": "012149"} in options
    options, chosen = compare_callbacks.choices(STATE, "014036", [*chosen, "012092", "<script>"])
    assert chosen == ["012149", "015130", "012092"]  # a forged code is dropped
    assert {o["value"] for o in options} >= {"012092", "014036", "012149"} and len(options) < 20  # never all bodies
    text = texts(compare_callbacks.update_compare(STATE, ["012149", "012092"]))
    assert "夕張市" in text and "中央値" in text
