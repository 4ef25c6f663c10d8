"""Committee material from the pages' figures: a figure titled as a ratio is a ratio, never an amount."""

from __future__ import annotations

import pytest

from finance.text import t
from layouts import figurekit
from web import figurekit as kit_routes

RATIOS = (
    "real_deficit_ratio",
    "consolidated_real_deficit_ratio",
    "real_debt_service_ratio",
    "future_burden_ratio",
    "funding_shortfall_ratio",
)


@pytest.mark.parametrize(("code", "year"), [("012149", 2013), ("015130", 2011), ("012068", 2013)])
def test_no_figure_titled_as_a_ratio_shows_an_amount(dash_app, code, year):
    names = tuple(t(f"indicator.{ind}.name", "ja") for ind in RATIOS)
    with dash_app.server.test_request_context():
        parts = figurekit.parts(kit_routes.page_tree("indicators", code, year, "total", "ja"))
    titled = [p for p in parts if p.title.endswith(names)]
    assert titled  # the ratios' trend charts
    for p in titled:
        header = " ".join(p.table[0]) if p.table else ""
        assert "千円" not in header and "金額" not in header, (p.key, p.title, header)
    breakdowns = [p for p in parts if "千円" in " ".join(p.table[0] if p.table else [])]
    for p in breakdowns:  # a numerator breakdown says so in its title
        assert "—" in p.title, (p.key, p.title)
