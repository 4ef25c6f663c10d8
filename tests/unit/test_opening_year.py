"""The year a body opens on (:func:`finance.queries.opening`): the latest year whose pages answer.

Rule: the latest settled 歳入/歳出 total (documents or national tables), else the latest settled indicator of the
general accounts, else the latest year with any figure, saying whether it holds only plans or only a public
enterprise's figures. An explicit ``y=`` always wins.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from finance import overview, queries, viewstate
from finance.load import load_dataset

ROOT = Path(__file__).resolve().parents[2]
WAKKANAI, NAKATONBETSU, KUSHIRO, YUBARI, HOKKAIDO = "012149", "015130", "012068", "012092", "010006"

COLUMNS = {
    "settlement": ["municipality_code", "fiscal_year", "item", "account", "figure_kind", "source_id"],
    "ratios": ["municipality_code", "fiscal_year", "indicator", "account", "figure_kind", "scenario", "source_id"],
    "enterprise": ["municipality_code", "fiscal_year", "account", "figure_kind", "source_id"],
    "funds": ["municipality_code", "fiscal_year", "figure_kind", "source_id"],
    "debt": ["municipality_code", "fiscal_year", "figure_kind", "source_id"],
}


class Tables:
    """The few tables the rule reads, for one invented body."""

    def __init__(self, **rows: list[dict[str, object]]) -> None:
        self.memo: dict[object, object] = {}
        self.national_source_ids: frozenset[str] = frozenset()
        self.frames = {name: pd.DataFrame(rows.get(name, []), columns=cols) for name, cols in COLUMNS.items()}

    def rows(self, name: str, code: str) -> pd.DataFrame:
        return self.frames[name]


def _row(year: int, kind: str = "決算", **cells: object) -> dict[str, object]:
    return {"municipality_code": "999999", "fiscal_year": year, "figure_kind": kind, "source_id": "X", **cells}


def test_later_indicators_win_over_the_latest_settlement_total():
    tables = Tables(
        settlement=[_row(2013, item="rev_total", account="general"), _row(2019, item="exp_total", account="ordinary")],
        ratios=[_row(2024, indicator="future_burden_ratio", account="general_etc", scenario="")],
    )
    assert queries.opening(tables, "999999") == queries.Opening(2024, "indicators")  # type: ignore[arg-type]
    assert queries.latest_settlement_year(tables, "999999") == 2019  # type: ignore[arg-type]
    assert queries.latest_settlement_year(tables, "999999", before=2019) == 2013  # type: ignore[arg-type]


def test_a_year_with_both_opens_as_a_settlement_year():
    tables = Tables(
        settlement=[_row(2019, item="rev_total", account="general")],
        ratios=[_row(2019, indicator="future_burden_ratio", account="general_etc", scenario="")],
    )
    assert queries.opening(tables, "999999") == queries.Opening(2019, "settlement")  # type: ignore[arg-type]


def test_a_planned_settlement_does_not_count_as_one():
    tables = Tables(
        settlement=[
            _row(2011, item="rev_total", account="ordinary"),
            _row(2014, "計画", item="rev_total", account="ordinary"),
        ]
    )
    assert queries.opening(tables, "999999") == queries.Opening(2011, "settlement")  # type: ignore[arg-type]


def test_without_settlement_the_latest_general_indicator_year():
    tables = Tables(
        ratios=[
            _row(2008, indicator="real_debt_service_ratio", account="general_etc", scenario=""),
            _row(2011, indicator="funding_shortfall_ratio", account="sewer", scenario=""),
            _row(2012, indicator="real_debt_service_ratio", account="general_etc", scenario="plan_a"),
        ],
        enterprise=[_row(2011, account="sewer")],
    )
    assert queries.opening(tables, "999999") == queries.Opening(2008, "indicators")  # type: ignore[arg-type]


def test_only_enterprise_figures_are_said_to_be_so():
    tables = Tables(
        enterprise=[_row(2010, account="sewer"), _row(2011, account="sewer")],
        ratios=[_row(2011, indicator="funding_shortfall_ratio", account="sewer", scenario="")],
    )
    assert queries.opening(tables, "999999") == queries.Opening(2011, "enterprise")  # type: ignore[arg-type]


def test_only_plans_are_said_to_be_so():
    tables = Tables(debt=[_row(2010)], settlement=[_row(2014, "計画", item="rev_total", account="ordinary")])
    assert queries.opening(tables, "999999") == queries.Opening(2014, "plan")  # type: ignore[arg-type]


def test_a_body_without_figures_has_no_year():
    assert queries.opening(Tables(), "999999") == queries.Opening(None, "none")  # type: ignore[arg-type]


def test_bundled_bodies_open_on_their_latest_year(dataset):
    """FY2024, the national indicators' latest year; the overview shows FY2019's amounts, said to be FY2019's."""
    for code in (WAKKANAI, NAKATONBETSU, KUSHIRO, YUBARI):  # Kushiro's own documents end in H23 (sewer, plans)
        assert queries.opening(dataset, code) == queries.Opening(2024, "indicators"), code
        assert viewstate.resolve(dataset, {"m": code}).year == 2024
        page = overview.page(dataset, code, 2024)
        assert not page.overview.has_settlement
        assert page.latest_amounts is not None and page.latest_amounts.fiscal_year == 2019
        assert overview.page(dataset, code, 2019).latest_amounts is None  # a year with its own amounts
    assert viewstate.resolve(dataset, {}) == viewstate.ViewState(WAKKANAI, 2024, "ja")
    yubari = overview.page(dataset, YUBARI, 2024).latest_amounts
    assert yubari is not None and yubari.revenue is not None and yubari.revenue.value is not None


def test_a_prefecture_opens_on_its_latest_indicators(dataset):
    opening = queries.opening(dataset, HOKKAIDO)
    assert opening.basis == "indicators" and opening.year == max(queries.fiscal_years(dataset, HOKKAIDO))


@pytest.mark.parametrize(("code", "year"), [(WAKKANAI, "2013"), (KUSHIRO, "H24"), (YUBARI, "2024"), (YUBARI, "R1")])
def test_an_explicit_year_is_kept(dataset, code, year):
    expected = {"2013": 2013, "H24": 2012, "2024": 2024, "R1": 2019}[year]
    assert viewstate.resolve(dataset, {"m": code, "y": year}).year == expected


def test_without_the_national_tables_the_documents_decide(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("official", "national"))
    ds = load_dataset(target)
    assert queries.opening(ds, WAKKANAI) == queries.Opening(2013, "settlement")
    assert queries.opening(ds, NAKATONBETSU) == queries.Opening(2011, "settlement")  # H24–H26 are plans
    assert queries.opening(ds, KUSHIRO) == queries.Opening(2008, "indicators")
