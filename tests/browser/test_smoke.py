"""Real-browser smoke tests (headless Chromium): what residents and council members see."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser.conftest import WAIT_MS, screenshot

pytestmark = pytest.mark.browser


def wait_for_text(page, selector: str, text: str, timeout: int = WAIT_MS) -> None:
    page.wait_for_function(
        "([s, t]) => { const el = document.querySelector(s); return el && el.innerText.includes(t); }",
        arg=[selector, text],
        timeout=timeout,
    )


def test_brw001_overview_shows_wakkanai_h25(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/?m=012149&y=2013")
    wait_for_text(page, f"#{ids.OVERVIEW_CONTENT}", "246億4,984万円")
    text = page.inner_text(f"#{ids.OVERVIEW_CONTENT}")
    assert "市民1人あたり 668,054円" in text
    assert "平成25年度の歳出決算額は約243億円と、前年度と比較して約3億4千万円減少しています。" in text
    page.wait_for_selector(f"#{ids.OVERVIEW_TREND_GRAPH} .main-svg .trace", timeout=WAIT_MS)
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK JP\"', '稚内')")
    screenshot(page, "overview-wakkanai-h25-1280")
    assert page.errors == []


def test_brw002_phone_language_and_year_change(server_url, page_factory):
    page = page_factory(390, 844)
    page.goto(server_url + "/?m=012149&y=2013")
    wait_for_text(page, f"#{ids.OVERVIEW_SENTENCE}", "約243億円")
    page.get_by_text("English", exact=True).click()
    wait_for_text(page, f"#{ids.OVERVIEW_SENTENCE}", "In FY2013, expenditure was about ¥24.3 billion")
    assert "lang=en" in page.url
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click(f"#{ids.YEAR_SELECT}")
    page.get_by_role("option", name="FY2012").click()
    wait_for_text(page, f"#{ids.OVERVIEW_SENTENCE}", "In FY2012, expenditure was about ¥24.6 billion")
    assert "y=2012" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no horizontal scroll
    screenshot(page, "overview-wakkanai-h24-en-390")
    assert page.errors == []


def test_brw003_permalink_restores_view(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/?m=015130&y=2010&lang=en")
    wait_for_text(page, f"#{ids.OVERVIEW_CONTENT}", "Nakatonbetsu: finances in the FY2010 settlement")
    text = page.inner_text(f"#{ids.OVERVIEW_CONTENT}")
    assert "In FY2010, revenue was ¥3,828.00 million and expenditure ¥3,710.00 million." in text
    screenshot(page, "overview-nakatonbetsu-h22-en-1280")
    assert page.errors == []


def test_brw004_municipality_without_settlement_and_404(server_url, page_factory):
    page = page_factory(390, 844)
    page.goto(server_url + "/?m=012068&y=2008")  # its documents: sewer and plans, no 決算 total
    wait_for_text(page, f"#{ids.OVERVIEW_CONTENT}", "決算の数値は、登録されている資料にありません")
    screenshot(page, "overview-kushiro-390")
    response = page.goto(server_url + "/no-such-page")
    assert response.status == 404
    wait_for_text(page, f"#{ids.PAGE_CONTENT}", "ページが見つかりません")
    # the only console error is the browser's note about the page's own 404 status
    assert [e for e in page.errors if "404 (NOT FOUND)" not in e] == []


def test_brw005_compare_municipalities_on_a_phone(server_url, page_factory):
    page = page_factory(390, 844)
    page.goto(server_url + "/compare?m=012149&y=2013")
    wait_for_text(page, f"#{ids.COMPARE_CONTENT}", "中央値")
    text = page.inner_text(f"#{ids.COMPARE_CONTENT}")
    assert "668,054円" in text and "1,939,269円" in text and "普通会計" in text
    page.get_by_role("link", name="中頓別町を外す").click()  # take Nakatonbetsu out: the median follows
    wait_for_text(page, f"#{ids.COMPARE_CONTENT}", "中央値\t668,054円")
    assert "with=" in page.url  # the choice is in the link, to be quoted
    page.fill(f"#{ids.COMPARE_SEARCH}", "夕張")  # any body of the national tables, found by typing
    page.press(f"#{ids.COMPARE_SEARCH}", "Enter")
    page.get_by_role("link", name="＋ 夕張市を加える").click()
    wait_for_text(page, f"#{ids.COMPARE_CONTENT}", "夕張市")
    assert "012092" in page.url and page.get_by_role("link", name="稚内市を外す").count() == 1  # the others stay
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "compare-390")
    assert page.errors == []
