"""URL parameters are untrusted: every value is checked against the data, bad ones fall back to defaults."""

from __future__ import annotations

import pytest

from finance import viewstate


def test_valid_query_round_trips(dataset):
    state = viewstate.resolve(dataset, viewstate.parse_query("?m=015130&y=2010&lang=en"))
    assert state == viewstate.ViewState("015130", 2010, "en")
    assert state.mode == "total" and state.figure is None
    assert state.as_query() == "?m=015130&y=2010&lang=en"  # links without mode or figure stay as they were
    assert viewstate.parse_query(state.as_query()) == {"m": "015130", "y": "2010", "lang": "en"}


@pytest.mark.parametrize("mode", ["total", "per_resident", "share"])
@pytest.mark.parametrize("figure", [None, "revenue-trend", "overview-trend", "debt_accounts", "a", "x" * 64])
def test_mode_and_figure_round_trip(dataset, mode, figure):
    state = viewstate.ViewState("012149", 2012, "en", mode, figure)
    query = state.as_query()
    assert viewstate.resolve(dataset, viewstate.parse_query(query)) == state
    assert viewstate.checked(dataset, state.as_dict()) == state
    assert ("mode=" in query) == (mode != "total") and ("fig=" in query) == (figure is not None)


def test_query_parameters_come_in_one_documented_order():
    state = viewstate.ViewState("012149", 2013, "ja", "per_resident", "revenue-trend")
    assert state.as_query() == "?m=012149&y=2013&mode=per_resident&fig=revenue-trend&lang=ja"
    assert viewstate.ViewState("012068", None, "en", "share").as_query() == "?m=012068&mode=share&lang=en"
    assert state.without_figure().as_query() == "?m=012149&y=2013&mode=per_resident&lang=ja"


@pytest.mark.parametrize(
    "mode", ["", "TOTAL", "per-resident", "per_resident ", "<script>", "share;", "x" * 1000, "総額"]
)
def test_unknown_mode_gives_total(dataset, mode):
    state = viewstate.resolve(dataset, {"m": "012149", "y": "2013", "mode": mode})
    assert state.mode == "total" and "mode=" not in state.as_query()


@pytest.mark.parametrize("mode", [None, 1, True, ["share"], {"v": "share"}, b"share"])
def test_non_text_mode_gives_total(dataset, mode):
    assert viewstate.resolve(dataset, {"m": "012149", "mode": mode}).mode == "total"
    assert viewstate.checked_mode(mode) == "total"


@pytest.mark.parametrize(
    "figure",
    [
        "",
        "Revenue-Trend",
        "revenue trend",
        "revenue.trend",
        "../etc/passwd",
        "<script>alert(1)</script>",
        "x" * 65,
        "図",
        "revenue-trend\n",  # a trailing newline would pass a "$"-anchored pattern
        "revenue-trend\\n",
        None,
        7,
        ["revenue-trend"],
    ],
)
def test_invalid_figure_gives_none(dataset, figure):
    state = viewstate.resolve(dataset, {"m": "012149", "y": "2013", "fig": figure})
    assert state.figure is None and "fig=" not in state.as_query()


def test_forged_figure_in_a_query_string_is_dropped(dataset):
    params = viewstate.parse_query("?m=012149&fig=%3Cimg%20src%3Dx%3E&mode=share%00")
    state = viewstate.resolve(dataset, params)
    assert (state.figure, state.mode) == (None, "total")


@pytest.mark.parametrize("year_text", ["平成22年度", "H22", "2010年度", "FY2010"])
def test_year_in_any_notation(dataset, year_text):
    assert viewstate.resolve(dataset, {"m": "015130", "y": year_text}).year == 2010


@pytest.mark.parametrize(
    "search",
    [
        "?m=999999&y=2013",
        "?m=012149&y=1800",
        "?m=<script>&lang=xx",
        "?y=2013;DROP",
        "?" + "m=1&" * 400,
        None,
        42,
        "?m=012149&y=2100",
        "?m[]=1&lang[]=en",
    ],
)
def test_bad_parameters_fall_back_to_a_valid_view(dataset, search):
    state = viewstate.resolve(dataset, viewstate.parse_query(search))  # type: ignore[arg-type]
    assert state.municipality in {"012068", "012149", "015130"}
    assert state.locale in {"ja", "en"}
    assert state.year is None or state.year in range(1999, 2031)


def test_default_is_the_latest_year_of_the_first_municipality_with_a_settlement(dataset):
    assert viewstate.resolve(dataset, {}) == viewstate.ViewState("012149", 2024, "ja")  # the national indicators'


def test_municipality_without_settlement_gets_its_latest_year(dataset):
    state = viewstate.resolve(dataset, {"m": "012068"})
    assert state.year is not None


@pytest.mark.parametrize(
    "data",
    [
        None,
        "x",
        {"municipality": "012149", "year": "2013", "locale": "ja"},
        {"municipality": "999999", "year": 2013, "locale": "ja"},
        {"municipality": "012149", "year": 1850, "locale": "ja"},
        {"municipality": "012149", "year": True, "locale": "ja"},
        {"municipality": "012149", "year": 2013, "locale": "fr"},
        {"municipality": "012149", "year": 2013, "locale": ["ja"]},
        {"municipality": "012149", "year": 2013, "locale": "ja", "mode": "everything"},
        {"municipality": "012149", "year": 2013, "locale": "ja", "mode": None},
        {"municipality": "012149", "year": 2013, "locale": "ja", "mode": ["share"]},
        {"municipality": "012149", "year": 2013, "locale": "ja", "mode": {"x": 1}},
        {"municipality": "012149", "year": 2013, "locale": "ja", "figure": "<b>"},
        {"municipality": "012149", "year": 2013, "locale": "ja", "figure": ""},
        {"municipality": "012149", "year": 2013, "locale": "ja", "figure": "x" * 65},
        {"municipality": "012149", "year": 2013, "locale": "ja", "figure": 3},
        {"municipality": "012149", "year": 2013, "locale": "ja", "figure": ["revenue-trend"]},
    ],
)
def test_forged_store_data_is_rejected(dataset, data):
    assert viewstate.checked(dataset, data) is None


def test_store_without_mode_or_figure_is_a_total_view(dataset):
    view = viewstate.checked(dataset, {"municipality": "012149", "year": 2013, "locale": "ja"})
    assert view == viewstate.ViewState("012149", 2013, "ja", "total", None)
    stored = {"municipality": "012149", "year": 2013, "locale": "en", "mode": "share", "figure": "debt-accounts"}
    assert viewstate.checked(dataset, stored) == viewstate.ViewState("012149", 2013, "en", "share", "debt-accounts")


def test_easy_japanese_is_a_language_of_the_url(dataset):
    state = viewstate.resolve(dataset, viewstate.parse_query("?m=012149&y=2013&lang=easy"))
    assert state.locale == "easy"
    assert state.as_query() == "?m=012149&y=2013&lang=easy"
    assert viewstate.checked(dataset, state.as_dict()) == state
    assert viewstate.resolve(dataset, viewstate.parse_query("?m=012149&y=2013&lang=EASY")).locale == "ja"


def test_canonical_views_are_the_default_views_of_the_named_bodies(dataset):
    documents = viewstate.canonical_views(dataset, ("documents",))
    assert [v.municipality for v in documents] == sorted(dataset.seed_codes)
    assert all(v == viewstate.resolve(dataset, {"m": v.municipality}) for v in documents)
    assert all((v.locale, v.mode) == ("ja", "total") and v.year is not None for v in documents)
    named = viewstate.canonical_views(dataset, ("012092", "999999"))  # a body of the national tables; an unknown code
    assert [v.municipality for v in named] == ["012092"]
    assert viewstate.canonical_views(dataset, ("none",)) == []
