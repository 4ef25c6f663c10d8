"""Print images carry every value: the SVG of every figure of every page of the three seed bodies (each at its
default year; resident pages per resident, the mode of the measured complaint) holds each charted value of the
figure's table as text, and says its mode and unit in the title.

A column of the figure's table is *charted* when its values appear in the image (the amount column of a breakdown
is not: the chart shows the mode's column); its values must then all be there, for every row the chart draws
(rows of years, or the rows whose item the chart names). Rendering is real (kaleido + Chromium): about 70
images, a few minutes on a loaded machine.
"""

from __future__ import annotations

import html
import re

import pytest

from finance import formatting, queries
from finance.config import Settings
from layouts import figurekit
from tests.conftest import DATA
from web import figurekit as kit_routes

SEEDS = ("012149", "015130", "012068")
RESIDENT = {"revenue", "expenditure", "funds", "debt", "staff", "enterprise"}
TEXT = re.compile(r"<(?:text|tspan)[^>]*>([^<]*)<")


@pytest.fixture(scope="module")
def kit():
    import app as app_module

    built = app_module.build_app(Settings(data_dir=DATA, cache_type="SimpleCache"))
    return built, built.server.test_client()


def _svg_texts(body: bytes) -> set[str]:
    return {html.unescape(t).strip() for t in TEXT.findall(body.decode("utf-8")) if t.strip()}


def _forms(text: str, value: object, unit: str) -> set[str]:
    """The ways a table value may be written on a chart: as the table shows it, without its %, or (amounts in
    千円) in 億円 on an amount axis."""
    forms = {text, text.removesuffix("%"), text.removesuffix("%").replace("▲", "-")}
    if unit == "thousand_yen":
        amount = int(value)  # type: ignore[call-overload]
        forms |= {f"{amount / 100_000:,.1f}", f"{-amount / 100_000:,.1f}", formatting.yen_oku_man(amount, locale="ja")}
    elif unit in ("percent", "index"):  # a ratio or index written at another precision than the table's
        forms |= {f"{float(value):.{d}f}" for d in range(4)}  # type: ignore[arg-type]
    return forms


def _missing_values(data, texts: set[str]) -> tuple[list[str], int]:
    """Values of charted columns that the image does not show, and how many charted columns were checked."""

    def shown(form: str) -> bool:  # as a whole text, or a whole text with its kind after it (「…（決算見込）」)
        return form in texts or any(t.startswith(form + "（") for t in texts)

    by_year = data.columns[0].label == "年度"

    def drawn(label: str) -> bool:  # the chart names the row (「一般会計」 for the table's 「差引 一般会計」)
        return label in texts or any(label.endswith(" " + t) for t in texts)

    named = [r for r in data.rows if drawn(r[0].text.strip())]
    top = [r for r in named if not r[0].text.startswith("　")]  # 「うち」 and sub-lines are drawn only when alone
    rows = list(data.rows) if by_year else (top or named)
    missing: list[str] = []
    charted = 0
    for index, column in enumerate(data.columns):
        if not column.numeric:
            continue
        cells = [r[index] for r in rows if r[index].value is not None and r[index].text]
        found = [c for c in cells if any(f and shown(f) for f in _forms(c.text, c.value, column.unit))]
        if len(found) * 2 <= len(cells):
            continue  # a column the chart does not draw (another mode; a few values may equal axis ticks)
        charted += 1
        missing += [f"{column.label}: {c.text}" for c in cells if c not in found]
    return missing, charted


@pytest.mark.parametrize("code", SEEDS)
def test_every_figure_prints_every_value_and_its_mode(kit, dataset, code):
    built, client = kit
    year = queries.default_year(dataset, code)
    failures: list[str] = []
    rendered = 0
    for page in figurekit.PAGES:
        mode = "per_resident" if page in RESIDENT else "total"
        with built.server.test_request_context():
            parts = figurekit.parts(kit_routes.page_tree(page, code, year, mode, "ja"))
        for part in parts:
            response = client.get(f"/figure/{page}/{part.key}.svg?m={code}&y={year}&mode={mode}&size=2col")
            assert response.status_code == 200, (page, part.key)
            rendered += 1
            texts = _svg_texts(response.data)
            if page in RESIDENT:
                assert any("1人あたり" in t for t in texts), (page, part.key)  # the title says the mode
            if part.data is None:
                continue
            missing, charted = _missing_values(part.data, texts)
            if not charted:
                failures.append(f"{page}/{part.key}: no value of its table is in the image")
            failures += [f"{page}/{part.key}: {m}" for m in missing]
    assert rendered
    assert not failures, failures
