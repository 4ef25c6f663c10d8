"""Callbacks are plain functions: called directly with what the browser would send."""

from __future__ import annotations

from dash import dcc, html

from callbacks import overview, shell
from layouts import ids
from tests.helpers import assert_component_equal


def texts(component) -> str:
    """All visible text under a component tree, with runs of white space collapsed."""
    return " ".join(_texts(component).split())


def _texts(component) -> str:
    if isinstance(component, (list, tuple)):
        return " ".join(_texts(c) for c in component)
    if isinstance(component, str):
        return component
    children = getattr(component, "children", None)
    return _texts(children) if children is not None else ""


def test_sync_state_from_url_fills_selectors(dash_app):
    search, names, municipality, years, year, mode, locale, store = shell.sync_state(
        "?m=012149&y=2012&lang=ja", None, None, None, None, ids.URL
    )
    assert (municipality, year, mode, locale) == ("012149", 2012, "total", "ja")
    assert search == "?m=012149&y=2012&lang=ja"
    assert {"label": "稚内市", "value": "012149"} in names
    labels = {o["value"]: o["label"] for o in years}
    assert years[0]["value"] == 2024  # the national tables reach FY2024; the booklet's year stays
    assert labels[2013] == "平成25年度（2013年度）"
    assert {o["value"] for o in names} == {"012149", "015130", "012068"}  # not 1,919 options: the picker finds the rest
    assert store == {
        "municipality": "012149",
        "year": 2012,
        "locale": "ja",
        "mode": "total",
        "figure": None,
        "bodies": (),
    }


def test_sync_state_from_selectors_writes_the_url(dash_app):
    search, _, municipality, years, year, mode, locale, _ = shell.sync_state(
        "?m=012149&y=2013", "015130", 2009, "total", "en", ids.MUNICIPALITY_SELECT
    )
    assert (municipality, year, mode, locale) == ("015130", 2009, "total", "en")
    assert search == "?m=015130&y=2009&lang=en"
    labels = {o["value"]: o["label"] for o in years}
    assert labels[2013] == "FY2013"  # the plan's year is settled in the national tables (決算 before 計画)
    assert labels[2011] == "FY2011"


def test_sync_state_permalink_with_mode_and_figure(dash_app):
    search, _, municipality, _, year, mode, locale, store = shell.sync_state(
        "?fig=revenue-trend&lang=en&mode=per_resident&y=H24&m=012149", None, None, None, None, ids.URL
    )
    assert (municipality, year, mode, locale) == ("012149", 2012, "per_resident", "en")
    assert search == "?m=012149&y=2012&mode=per_resident&fig=revenue-trend&lang=en"  # one stable order
    assert store == {
        "municipality": "012149",
        "year": 2012,
        "locale": "en",
        "mode": "per_resident",
        "figure": "revenue-trend",
        "bodies": (),
    }


def test_sync_state_mode_switch_writes_the_url_and_keeps_the_figure(dash_app):
    url = "?m=012149&y=2013&fig=revenue-items&lang=ja"
    search, *_, mode, _, store = shell.sync_state(url, "012149", 2013, "share", "ja", ids.MODE_LINKS)
    assert mode == "share" and store["mode"] == "share"
    assert search == "?m=012149&y=2013&mode=share&fig=revenue-items&lang=ja"
    search, *_ = shell.sync_state(search, "012149", 2012, "share", "ja", ids.YEAR_SELECT)
    assert search == "?m=012149&y=2012&mode=share&fig=revenue-items&lang=ja"  # another year keeps mode and figure
    search, *_ = shell.sync_state(search, "012149", 2012, "total", "ja", ids.MODE_LINKS)
    assert search == "?m=012149&y=2012&fig=revenue-items&lang=ja"  # back to totals: no mode parameter


def test_sync_state_forged_mode_and_figure_fall_back(dash_app):
    for bad in ("<script>", "Per_Resident", "total%00", "x" * 100):
        search, *_, mode, _, store = shell.sync_state(
            f"?m=012149&y=2013&mode={bad}&fig={bad}", None, None, None, None, ids.URL
        )
        assert mode == "total" and store["figure"] is None
        assert search == "?m=012149&y=2013&lang=ja"
    _, *_, mode, _, store = shell.sync_state("?m=012149", "012149", 2013, ["share"], "ja", ids.MODE_LINKS)
    assert mode == "total" and store["mode"] == "total"


def test_chrome_shows_the_mode_switch_on_resident_pages_only(dash_app):
    state = {"municipality": "012149", "year": 2013, "locale": "en", "mode": "share", "figure": "revenue-trend"}
    *_, nav, _, modes, label, aria_label, hidden = shell.chrome_text(state, "/revenue")
    assert hidden is False
    assert label == aria_label == "Show"
    assert_component_equal(  # links to this page in each mode, keeping the figure; the shown one said in words
        modes,
        [
            html.Li(
                dcc.Link(["Total"], href="/revenue?m=012149&y=2013&fig=revenue-trend&lang=en", className="mode-link")
            ),
            html.Li(
                dcc.Link(
                    ["Per resident"],
                    href="/revenue?m=012149&y=2013&mode=per_resident&fig=revenue-trend&lang=en",
                    className="mode-link",
                )
            ),
            html.Li(
                dcc.Link(
                    ["Share", html.Span(" (shown)", className="visually-hidden")],
                    href="/revenue?m=012149&y=2013&mode=share&fig=revenue-trend&lang=en",
                    className="mode-link is-current",
                )
            ),
        ],
    )
    hrefs = [link.children.href for link in nav]
    assert "/debt?m=012149&y=2013&mode=share&lang=en" in hrefs  # the mode goes along, the figure stays behind
    assert all("fig=" not in h for h in hrefs)
    for path in ("/", "/indicators", "/household", "/tax", "/glossary", "/compare", "/embed/overview-trend", None):
        assert shell.chrome_text(state, path)[-1] is True, path
    for path in ("/expenditure", "/funds", "/debt", "/staff", "/enterprise"):
        assert shell.chrome_text(state, path)[-1] is False, path


def test_overview_shows_wakkanai_h25_headline(dash_app):
    content = overview.update_overview({"municipality": "012149", "year": 2013, "locale": "ja"})
    text = texts(content)
    assert "稚内市の財政 — 平成25年度決算" in text
    assert "246億4,984万円" in text and "市民1人あたり 668,054円" in text
    assert "平成25年度の歳出決算額は約243億円と、前年度と比較して約3億4千万円減少しています。" in text
    assert "15.9%" in text and "89.3%" in text and "—（黒字1.49%）" in text
    assert "早期健全化基準 12.96%" in text
    assert "出典:" in text and "2014-10" in text


def test_overview_in_english(dash_app):
    text = texts(overview.update_overview({"municipality": "012149", "year": 2013, "locale": "en"}))
    assert "¥24,649.84 million" in text and "¥668,054 per resident" in text
    assert "Real debt-service ratio ( 実質公債費比率 )" in text  # the official term: its own span, marked lang="ja"


def test_overview_without_settlement_says_so(dash_app):
    text = texts(overview.update_overview({"municipality": "012068", "year": 2006, "locale": "ja"}))
    assert "決算の数値は、登録されている資料にありません" in text
    assert "0円" not in text


def test_overview_marks_estimates(dash_app):
    text = texts(overview.update_overview({"municipality": "015130", "year": 2011, "locale": "ja"}))
    # the plan's 決算見込 18.7 for FY2011 gives way to the settled 18.7 of the national table, with its source
    assert "18.7%" in text and "全市町村の主要財政指標" in text


def test_forged_state_gets_a_friendly_message(dash_app):
    assert overview.update_overview({"municipality": "999999", "year": 2013, "locale": "ja"}) == [
        "市町村を選んでください。"
    ]
    assert overview.update_overview("garbage") == ["市町村を選んでください。"]


def test_route_unknown_path_gives_not_found(dash_app):
    page = shell.route("/nope", {"municipality": "012149", "year": 2013, "locale": "en"})
    assert "Page not found" in texts(page)


def test_footer_names_sources_and_version(dash_app, dataset):
    footer = shell.footer({"municipality": "015130", "year": 2011, "locale": "ja"})
    text = texts(footer)
    assert "中頓別町 公債費負担適正化計画" in text and dataset.version in text
    assert isinstance(footer[1], html.Ul)
