"""Pages of bodies that only the national tables cover: the real values, the lines of their kind, peers, picker."""

from __future__ import annotations

import pytest

from callbacks import indicators as indicators_callbacks
from callbacks import shell
from finance import viewstate
from tests.callbacks.test_callbacks import _texts

YUBARI, TOMARI, TOTTORI, SAPPORO = "012092", "014036", "310000", "011002"


def _page(dash_app, code: str, year: int | None = None, locale: str = "ja") -> str:
    from finance import repository

    view = viewstate.resolve(repository.get(), {"m": code, "y": str(year) if year else None, "lang": locale})
    return _texts(indicators_callbacks.update_indicators(view.as_dict()))


def test_yubari_h25_is_above_the_rebuilding_line(dash_app):
    text = _page(dash_app, YUBARI, 2013)
    assert "47.2%" in text and "748.7%" in text
    assert "財政再生基準以上" in text  # 実質公債費比率 47.2 ≥ 35.0
    assert "早期健全化基準以上" in text  # 将来負担比率 748.7 ≥ 350.0 (no rebuilding line for it)
    assert "全国の表（総務省「主要財政指標」）" in text  # says what the national tables publish
    assert "北海道の市区町村" in text and "全国の市町村（人口5,000〜9,999人）" in text  # peers, named and counted
    assert "北海道の市町村平均（公表値）: 10.0" in text  # the published average as published


def test_a_village_without_future_burden_shows_a_dash_not_zero(dash_app):
    text = _page(dash_app, TOMARI, 2024)
    assert "泊村: 算定されない（「-」）" in text
    assert "算定されない（数値がマイナス）" in text
    assert "泊村: 0.0%" not in text and "泊村: 0%" not in text


def test_tottori_h27_against_the_prefecture_lines(dash_app):
    text = _page(dash_app, TOTTORI, 2015)
    assert "12.4%" in text
    assert "早期健全化基準 25.0%" in text and "財政再生基準 35.0%" in text  # the prefecture's lines
    assert "全国の都道府県" in text and "都道府県平均（公表値）: 12.7" in text


def test_the_designated_city_is_compared_with_designated_cities(dash_app):
    text = _page(dash_app, SAPPORO)
    assert "令和6年度" in text  # opens on FY2024
    assert "全国の指定都市" in text


@pytest.mark.parametrize(("query", "code"), [("夕張", YUBARI), ("鳥取県", TOTTORI), ("012092", YUBARI), ("泊", TOMARI)])
def test_the_picker_finds_bodies_by_name_and_code(dash_app, query, code):
    state = {"municipality": "012149", "year": 2013, "locale": "ja", "mode": "total", "figure": None}
    found = shell.find_bodies(query, state, "/indicators")
    assert f"/indicators?m={code}&y=2024&lang=ja" in repr(found)  # the indicators open on their latest year
    assert f"/?m={code}&lang=ja" in repr(shell.find_bodies(query, state, "/"))  # other pages: the default year


def test_the_picker_lists_no_bodies_for_an_empty_query_and_limits_a_long_list(dash_app):
    state = {"municipality": "012149", "year": 2013, "locale": "ja", "mode": "total", "figure": None}
    assert shell.find_bodies("", state, "/") == []
    many = _texts(shell.find_bodies("村", state, "/"))
    assert "件" in many and "ほかに" in many
    assert repr(shell.find_bodies("<script>", state, "/evil")).count("href") == 0


def test_fy2019_settlement_per_resident_on_the_population_of_the_matching_date(dash_app):
    from callbacks import overview

    state = {"municipality": YUBARI, "year": 2019, "locale": "ja", "mode": "total", "figure": None}
    text = _texts(overview.update_overview(state))
    assert "113億1,845万円" in text and "107億4,231万円" in text  # 歳入・歳出 of the 決算状況調 (千円 exact)
    assert "1,456,873円" in text  # 11,318,447 千円 / 7,769 persons
    assert "1月1日現在の住民基本台帳人口、2020-01-01" in text  # the basis named
    later = _texts(overview.update_overview({**state, "year": 2024}))
    assert "令和元年度（2019年度）の市町村別決算状況調のものだけです" in later  # one sentence, no empty frames


def _peer_plots(dash_app, code: str, year: int) -> dict[str, tuple[str, str]]:
    """indicator → (SVG text, alt text) of the peer box plots of the indicators page."""
    import base64

    from finance import repository

    view = viewstate.resolve(repository.get(), {"m": code, "y": str(year)})
    found: dict[str, tuple[str, str]] = {}

    def walk(node, indicator=None):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child, indicator)
            return
        if not hasattr(node, "to_plotly_json"):
            return
        props = node.to_plotly_json()["props"]
        indicator = props.get("data-indicator", indicator)
        if "peer-plot" in str(props.get("className", "")):
            svg = base64.b64decode(props["src"].split(",", 1)[1]).decode("utf-8")
            found[indicator] = (svg, props["alt"])
        walk(props.get("children"), indicator)

    walk(indicators_callbacks.update_indicators(view.as_dict()))
    return found


def test_peer_distributions_are_drawn_with_the_body_marked(dash_app):
    plots = _peer_plots(dash_app, YUBARI, 2013)
    svg, alt = plots["real_debt_service_ratio"]
    assert "北海道の市区町村" in svg and ">夕張市: 47.2%<" in svg  # groups named, the body's value labelled
    groups = svg.count('stroke="#2f4f6f"')  # one box per group
    assert groups >= 3 and svg.count('fill="#b3261e"') == groups + 1  # a diamond on every row, one in the key
    assert "夕張市の値（47.2%）" in alt and "北海道の市区町村の中央値" in alt
    village, alt = _peer_plots(dash_app, TOMARI, 2024)["future_burden_ratio"]
    assert 'fill="#b3261e"' not in village  # «-»: no value to mark, never drawn at 0
    assert "算定されない" in alt
