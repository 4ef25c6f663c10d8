"""The comparison page: per-resident figures and indicators side by side, the median, no ranking."""

from __future__ import annotations

from callbacks import compare as compare_callbacks
from finance import compare, repository, viewstate
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


def _links(tree) -> dict[str, str]:
    """Link text → href of a component tree."""
    found: dict[str, str] = {}

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        if node is None or isinstance(node, str):
            return
        href = getattr(node, "href", None)
        if href:
            found[texts(node)] = href
        walk(getattr(node, "children", None))

    walk(tree)
    return found


def test_callbacks(dash_app):
    links = _links(compare_callbacks.choices(STATE))
    # by default the bodies with their own documents and the body shown, each with a link that takes it out
    assert links["稚内市を外す"] == "/compare?m=012149&y=2013&with=012068,015130&lang=ja"
    assert "中頓別町を外す" in links and "釧路市を外す" in links
    text = texts(compare_callbacks.update_compare(STATE))
    assert "市民1人あたりの歳入" in text and "668,054円" in text and "中央値" in text and "普通会計" in text
    assert compare_callbacks.update_compare({"municipality": "0"}) == ["市町村を選んでください。"]


def test_any_body_can_be_found_added_and_quoted_by_its_link(dash_app):
    chosen = {**STATE, "bodies": ["012149", "015130"]}
    links = _links(compare_callbacks.choices(chosen, "夕張"))
    assert links["＋ 夕張市を加える"] == "/compare?m=012149&y=2013&with=012149,015130,012092&lang=ja"
    assert "＋ 釧路市を加える" in links and "稚内市を外す" in links  # the chosen stay chosen
    assert len(links) < 20  # never a list of all bodies
    view = viewstate.resolve(repository.get(), viewstate.parse_query(links["＋ 夕張市を加える"]))
    assert view.bodies == ("012149", "015130", "012092")
    text = texts(compare_callbacks.update_compare(view.as_dict()))
    assert "夕張市" in text and "中央値" in text and "釧路市" not in text
    forged = viewstate.resolve(repository.get(), {"m": "012149", "with": "012149,<script>,999999,012149"})
    assert forged.bodies == ("012149",)  # unknown codes and repeats are dropped
    assert viewstate.checked(repository.get(), {**STATE, "bodies": ["012149", "x"]}) is None  # a forged store
