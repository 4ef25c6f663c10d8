"""Done-when of the figure model: every figure download (CSV) of the three seed bodies, for every year they have,
holds numbers as numbers under a header that carries the unit; no column holds display text of a number.

The figures of a page are the figure tools' own list (:func:`layouts.figurekit.parts` of the page's render). The
app runs with a per-process cache so each page is rendered once per year and its figures are then written from
the cached render, as in production.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from finance import queries
from finance.config import Settings
from layouts import figurekit
from tests.conftest import DATA
from web import figurekit as kit_routes

SEEDS = ("012149", "015130", "012068")  # 稚内市, 中頓別町, 釧路市
UNIT_HEADER = re.compile(r"[（(](千円|円|%|人|指数)[）)]$")
"""A numeric column: its header ends with its unit."""
DISPLAYED_NUMBER = re.compile(r"^[▲△−-]?約?[\d,]+(\.\d+)?\s*(円|千円|万円|億円|%|人|ポイント)?$|\d(万|億)円")
"""What a number looks like on the page (「323億2,136万円」, 「1,626円」, 「18.0%」): never in a download column."""


@pytest.fixture(scope="module")
def kit():
    import app as app_module

    settings = Settings(data_dir=DATA, cache_type="SimpleCache")
    built = app_module.build_app(settings)
    return built, built.server.test_client()


def _csv_table(body: bytes) -> tuple[list[str], list[list[str]]]:
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))
    start = rows.index([]) + 1  # after the header block
    end = len(rows) - 1 - rows[::-1].index([])  # before the source note
    return rows[start], rows[start + 1 : end]


def check_figure_csv(body: bytes, where: str) -> int:
    """Assert the typed shape of one figure CSV; the number of numeric cells checked."""
    header, rows = _csv_table(body)
    assert rows, where
    checked = 0
    for index, name in enumerate(header):
        cells = [row[index] for row in rows]
        if UNIT_HEADER.search(name):
            for cell in cells:
                if cell != "":  # missing is empty, never 0 and never 「データなし」
                    float(cell)  # raises: not a number
                    checked += 1
        else:
            shown = [c for c in cells if DISPLAYED_NUMBER.search(c.strip())]
            assert not shown, (where, name, shown[:3])
    return checked


@pytest.mark.parametrize("code", SEEDS)
def test_every_figure_download_of_every_year_is_typed(kit, dataset, code):
    built, client = kit
    figures = cells = 0
    for year in queries.fiscal_years(dataset, code):
        for page in figurekit.PAGES:
            with built.server.test_request_context():
                keys = [p.key for p in figurekit.parts(kit_routes.page_tree(page, code, year, "total", "ja"))]
            for key in keys:
                response = client.get(f"/download/figure/{page}/{key}.csv?m={code}&y={year}")
                assert response.status_code == 200, (code, year, page, key)
                cells += check_figure_csv(response.data, f"{code} {year} {page}/{key}")
                figures += 1
    assert figures and cells


@pytest.mark.parametrize("mode", ["per_resident", "share"])
def test_the_modes_write_their_own_unit(kit, mode):
    _, client = kit
    response = client.get(f"/download/figure/revenue/revenue-trend.csv?m=012149&y=2013&mode={mode}")
    header, _ = _csv_table(response.data)
    unit = "円" if mode == "per_resident" else "%"
    assert all(name.endswith(f"（{unit}）") for name in header[1:-1]), header  # 歳入合計（円）, 自主財源（%） …
    check_figure_csv(response.data, mode)


def test_the_measured_cases_are_numbers_now(kit):
    _, client = kit
    header, rows = _csv_table(client.get("/download/figure/revenue/revenue-trend.csv?m=012149&y=2013").data)
    assert header[:2] == ["年度", "歳入合計（千円）"]
    assert rows[0][:2] == ["平成11年度", "32321365"]  # was 「323億2,136万円」
    header, rows = _csv_table(client.get("/download/figure/debt/debt-accounts.csv?m=012149&y=2013").data)
    per_resident = header.index("市民1人あたり（円）")
    assert [r[per_resident] for r in rows[:2]] == ["742588", "1626"]  # was 「約74万円」 and 「1,626円」 in one column
