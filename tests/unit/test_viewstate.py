"""URL parameters are untrusted: every value is checked against the data, bad ones fall back to defaults."""

from __future__ import annotations

import pytest

from finance import viewstate


def test_valid_query_round_trips(dataset):
    state = viewstate.resolve(dataset, viewstate.parse_query("?m=015130&y=2010&lang=en"))
    assert state == viewstate.ViewState("015130", 2010, "en")
    assert viewstate.parse_query(state.as_query()) == {"m": "015130", "y": "2010", "lang": "en"}


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


def test_default_is_the_latest_settlement_of_the_first_municipality_with_one(dataset):
    assert viewstate.resolve(dataset, {}) == viewstate.ViewState("012149", 2013, "ja")


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
    ],
)
def test_forged_store_data_is_rejected(dataset, data):
    assert viewstate.checked(dataset, data) is None
