"""Real-browser checks of the indicators page."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser.conftest import WAIT_MS, screenshot
from tests.browser.test_smoke import wait_for_text

pytestmark = pytest.mark.browser


def test_brw101_wakkanai_h25_ratios_against_their_lines(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/indicators?m=012149&y=2013")
    content = f"#{ids.INDICATORS_CONTENT}"
    wait_for_text(page, content, "89.3%")
    text = page.inner_text(content)
    for expected in ("15.9%", "早期健全化基準 25.0%", "財政再生基準 35.0%", "早期健全化基準 350.0%",
                     "—（黒字1.49%）", "—（黒字21.01%）", "該当なし（赤字なし）"):  # fmt: skip
        assert expected in text, expected
    page.wait_for_selector(".indicator-section > .figure-block > .graph .main-svg .trace", timeout=WAIT_MS)
    screenshot(page, "indicators-wakkanai-h25-1280")
    assert page.errors == []


def test_brw102_kushiro_sewer_above_the_management_line_on_a_phone(server_url, page_factory):
    page = page_factory(390, 844)
    page.goto(server_url + "/indicators?m=012068&y=2006")
    content = f"#{ids.INDICATORS_CONTENT}"
    wait_for_text(page, content, "経営健全化基準（20.0%）を98.4ポイント上回っています。")
    text = page.inner_text(content)
    assert "118.4%" in text and "経営健全化基準以上" in text and "経営健全化計画" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "indicators-kushiro-h18-390")
    assert page.errors == []
