"""A body the project has never seen, added from one flat CSV, shown by a real browser.

The round trip a finance officer makes: ``finance add --template`` → fill the file (here the invented 見本村 of
``tests/fixtures/flat/village.csv``, components only, no published ratio) → ``finance add`` → the server started on
that data shows the overview with per-resident figures, the revenue and expenditure pages, and the computed ratios
with their lines and the calculation table (算出の状況).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from layouts import ids
from tests.browser.conftest import run_gunicorn, screenshot
from tests.browser.test_smoke import wait_for_text
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.browser
VILLAGE = "483010"


@pytest.fixture(scope="module")
def village_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("village") / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("official"))
    python = sys.executable
    template = subprocess.run(
        [python, "-m", "finance", "add", "--template", "--data", str(folder)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    filled = folder.parent / "mihon.csv"
    rows = (ROOT / "tests/fixtures/flat/village.csv").read_text(encoding="utf-8").splitlines()[2:]
    filled.write_text(template.stdout + "\n".join(rows) + "\n", encoding="utf-8")  # the template, then the figures
    added = subprocess.run(
        [python, "-m", "finance", "add", str(filled), "--data", str(folder)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert added.returncode == 0, added.stdout
    assert "見本村（483010、村）を追加しました。" in added.stdout
    check = subprocess.run(
        [python, "-m", "finance", "ratios", "--data", str(folder), "--m", VILLAGE, "--y", "2023"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "計算値 computed: 6.4547%" in check.stdout and "legal: 6.4%" in check.stdout
    yield from run_gunicorn(tmp_path_factory, {"MIERUKA_DATA_DIR": str(folder)})


def test_brw701_added_village_overview_per_resident_and_ratios(village_url, page_factory):
    page = page_factory(390, 844)
    page.goto(f"{village_url}/?m={VILLAGE}&y=2023")
    wait_for_text(page, "h1", "見本村の財政 — 令和5年度決算")
    content = f"#{ids.OVERVIEW_CONTENT}"
    wait_for_text(page, content, "村民1人あたり 1,801,203円")  # 3,512,345千円 ÷ 1,950人
    wait_for_text(page, content, "6.4%（計算値）")  # the 3-year 実質公債費比率 from components only
    screenshot(page, "any-body-village-overview-390")
    assert page.errors == []


def test_brw702_added_village_revenue_and_expenditure(village_url, page_factory):
    page = page_factory(1280, 900)
    page.goto(f"{village_url}/revenue?m={VILLAGE}&y=2023")
    wait_for_text(page, f"#{ids.REVENUE_CONTENT}", "地方交付税")
    wait_for_text(page, f"#{ids.REVENUE_CONTENT}", "19億500万円")
    page.goto(f"{village_url}/expenditure?m={VILLAGE}&y=2023&mode=per_resident")
    wait_for_text(page, f"#{ids.EXPENDITURE_CONTENT}", "民生費")
    wait_for_text(page, f"#{ids.EXPENDITURE_CONTENT}", "村民1人あたり")
    screenshot(page, "any-body-village-expenditure")
    assert page.errors == []


def test_brw703_added_village_indicators_with_lines_and_calculation_table(village_url, page_factory):
    page = page_factory(1280, 900)
    page.goto(f"{village_url}/indicators?m={VILLAGE}&y=2023")
    content = f"#{ids.INDICATORS_CONTENT}"
    wait_for_text(page, content, "6.4%（計算値）")
    wait_for_text(page, content, "早期健全化基準 25.0%")
    wait_for_text(page, content, "財政再生基準 35.0%")
    wait_for_text(page, content, "将来負担比率")
    for summary in page.locator(f"{content} details > summary").all():
        summary.click()
    wait_for_text(page, content, "地方債の元利償還金")
    wait_for_text(page, content, "250,000")  # the calculation table (千円)
    text = page.inner_text(content)
    assert "算定されません" in text  # 将来負担比率: numerator −2億円 → «—», never 0 and never negative
    screenshot(page, "any-body-village-indicators")
    assert page.errors == []
