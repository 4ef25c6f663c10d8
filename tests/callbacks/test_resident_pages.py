"""Resident-page callbacks called directly, as the browser would call them; figure builders by structure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc

from callbacks import resident
from layouts import figures, ids
from tests.callbacks.test_callbacks import texts

WK = {"municipality": "012149", "year": 2013, "locale": "ja"}
NT = {"municipality": "015130", "year": 2010, "locale": "ja"}
KS = {"municipality": "012068", "year": 2006, "locale": "ja"}


def _find(component, predicate):
    """Every component under ``component`` for which ``predicate`` holds."""
    found = []
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        if predicate(node):
            found.append(node)
        children = getattr(node, "children", None)
        if children is not None and not isinstance(children, str):
            stack.append(children)
    return found


def _graphs(content):
    return _find(content, lambda c: isinstance(c, dcc.Graph) and isinstance(getattr(c, "id", None), dict))


def test_revenue_wakkanai_h25(dash_app):
    text = texts(resident.update_revenue(WK))
    assert "自主財源 77億6,854万円（31.5%）" in text and "依存財源 168億8,130万円（68.5%）" in text
    assert "市税 4,443,990 120,440円 18.0%" in text  # the table row (千円, per resident, share)
    items = next(g for g in _graphs(resident.update_revenue(WK)) if g.id["index"] == "revenue-items")
    assert "44億4,399万円" in list(go.Figure(items.figure).data[0].text)  # the graph holds the figure as a plain dict
    assert "出典:" in text and "2014-10" in text
    per = texts(resident.update_revenue({**WK, "mode": "per_resident"}))
    assert "市民1人あたりの歳入決算額は668,054円" in per
    assert "人口36,898人（年度末の住民基本台帳人口、2014-03-31）" in per


def test_revenue_year_without_items_says_so(dash_app):
    text = texts(resident.update_revenue({**WK, "year": 2012}))
    assert "平成24年度の歳入の内訳は、登録されている資料にありません。" in text
    assert "内訳がある年度: 平成25年度" in text


def test_mode_comes_from_the_stored_view(dash_app):
    total = texts(resident.update_revenue(WK))  # a store without a mode (older data) shows totals
    assert total == texts(resident.update_revenue({**WK, "mode": "total"}))
    assert "平成25年度の歳入決算額は約246億円" in total
    share = texts(resident.update_revenue({**WK, "mode": "share"}))
    assert "平成25年度の歳入に占める自主財源の割合は31.5%です" in share
    for forged in ("<script>", "", None, ["share"], 1):  # a forged mode makes the whole store untrusted
        assert resident.update_revenue({**WK, "mode": forged}) == ["市町村を選んでください。"]


def test_expenditure_labels_the_citys_own_headings(dash_app):
    text = texts(resident.update_expenditure(WK))
    assert "稚内市の一般会計の款" in text and "職員費" in text
    assert "平成25年度の歳出決算額は約243億円と、前年度と比較して約3億4千万円減少しています。" in text
    assert "性質別の歳出は、登録されている資料にありません" in text
    nt = texts(resident.update_expenditure(NT))
    assert "目的別（使いみち別）の歳出は、登録されている資料にありません" in nt
    assert "人件費 473,000" in nt  # 人件費 473 百万円


def test_pages_for_kushiro_without_settlement_say_so(dash_app):
    content = resident.update_funds(KS)
    assert "基金の数値は、登録されている資料にありません" in texts(content)
    assert _graphs(content) == []  # no empty chart
    # revenue and expenditure: Kushiro's documents give none, the national 決算状況調 gives FY2019's totals
    for update, subject in ((resident.update_revenue, "歳入"), (resident.update_expenditure, "歳出")):
        text = texts(update(KS))
        assert f"平成18年度の{subject}決算額の数値は、登録されている資料にありません" in text
        assert "市町村別決算状況調" in text and "令和元年度" in text


def test_funds_and_debt(dash_app):
    funds = texts(resident.update_funds({**NT, "year": 2011}))
    assert "財政調整基金 2億2,800万円（11.6%）" in funds
    wk = texts(resident.update_funds({**WK, "mode": "per_resident"}))
    assert "15,118円" in wk and "末の基金残高は、登録されている資料にありません" in wk
    debt = texts(resident.update_debt(WK))
    assert "約405億円" in debt and "約174億円（63.5%）" in debt
    assert "公債費" in debt


def test_staff_against_similar_municipalities(dash_app):
    text = texts(resident.update_staff(NT))
    assert (
        "職員数 (a+b+c)は48人（人口1,000人あたり24.1人）で、同じくらいの規模の市町村（類似団体）の47人より1人多く"
        in text
    )
    assert "一般職員 a 46 23.1人 23.1人 45（22.8人）" in text
    assert "4億7,300万円" in texts(resident.update_staff(NT))


def test_enterprise_kushiro_sewer(dash_app):
    content = resident.update_enterprise(KS)
    text = texts(content)
    assert "平成18年度（決算見込）の釧路市下水道事業会計は、収入57億6,106万円に対して支出49億6,191万円でした。" in text
    assert "資金不足額）は62億3,385万円です。" in text
    assert "計画" in text
    assert len(_graphs(content)) >= 3
    empty = texts(resident.update_enterprise(WK))
    assert "公営企業の収支の数値は、登録されている資料にありません" in empty


def test_household_and_tax(dash_app):
    house = texts(resident.update_household(WK))
    assert "月収300,000円" in house and "月54,085円" in house and "例え方のルール" in house
    tax = texts(resident.update_tax(WK, 100000))
    assert "22,810円は「民生費」" in tax and "税金は一度まとめて" in tax and "款" in tax
    assert "性質別" in texts(resident.update_tax(NT, "10000"))


@pytest.mark.parametrize("amount", [-1, 1.5, "abc", None, True, 10**12, "1e400", float("nan")])
def test_tax_rejects_bad_amounts(dash_app, amount):
    assert "整数で入力してください" in texts(resident.update_tax(WK, amount))


def test_forged_state(dash_app):
    assert resident.update_revenue({"municipality": "999999", "year": 2013, "locale": "ja"}) == [
        "市町村を選んでください。"
    ]
    assert resident.update_tax("garbage", 1) == ["市町村を選んでください。"]


def test_english(dash_app):
    text = texts(resident.update_revenue({**WK, "locale": "en"}))
    assert "Own-source revenue ¥7,768.54 million (31.5%)" in text


def test_graph_ids_are_pattern_matching(dash_app):
    graphs = _graphs(resident.update_revenue(WK))
    assert {g.id["type"] for g in graphs} == {ids.RESIDENT_GRAPH}
    assert {g.id["index"] for g in graphs} == {"revenue-trend", "revenue-groups", "revenue-items"}


def test_breakdown_bars_structure():
    frame = pd.DataFrame(
        {
            "label": ["市税", "地方交付税", "寄附金"],
            "value": [44.4, 82.3, None],
            "text": ["44億", "82億", "データなし"],
            "group": ["own_source", "dependent", "own_source"],
            "kind": ["決算", "決算", "決算"],
        }
    )
    fig = figures.breakdown_bars(frame, axis_title="億円", locale="ja")
    bars = fig.data[0]
    assert bars.orientation == "h" and list(bars.y) == ["市税", "地方交付税"]  # the missing item has no bar
    assert fig.data[1].mode == "text" and list(fig.data[1].text) == ["データなし"]
    assert list(fig.layout.yaxis.categoryarray) == ["寄附金", "地方交付税", "市税"]  # first item on top
    assert [a.text for a in fig.layout.annotations] == ["市税", "地方交付税", "寄附金"]  # labels above the bars


def test_trend_bars_structure():
    frame = pd.DataFrame(
        {
            "fiscal_year": [1999, 2004, 2005, 2006],
            "series": ["total"] * 4,
            "name": ["歳入"] * 4,
            "value": [323.2, 240.6, 250.0, 260.0],
            "text": ["a", "b", "c", "d"],
            "kind": ["決算", "決算", "決算見込", "計画"],
        }
    )
    fig = figures.trend_bars(frame, axis_title="億円", locale="ja")
    bar = fig.data[0]
    assert list(bar.x) == [1999, 2004, 2005, 2006]  # numeric: 1999→2004 is five years apart
    assert list(bar.marker.pattern.shape) == ["", "", "/", "x"]
    assert list(fig.layout.xaxis.ticktext)[2:] == ["H17<br>決算見込", "H18<br>計画"]
    assert figures.trend_bars(frame.iloc[0:0], axis_title="億円", locale="ja").layout.annotations
