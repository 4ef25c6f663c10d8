"""Resident pages in headless Chromium: the phone flow (year + per-resident switch) and screenshots of every page."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser.conftest import WAIT_MS, screenshot
from tests.browser.test_smoke import wait_for_text

pytestmark = pytest.mark.browser

PAGES = (  # path, query, the content id, a text the page must show
    ("/revenue", "?m=012149&y=2013", ids.REVENUE_CONTENT, "自主財源 77億6,854万円（31.5%）"),
    ("/expenditure", "?m=015130&y=2010", ids.EXPENDITURE_CONTENT, "義務的経費"),
    ("/funds", "?m=015130&y=2011", ids.FUNDS_CONTENT, "財政調整基金 2億2,800万円"),
    ("/debt", "?m=012149&y=2013", ids.DEBT_CONTENT, "約174億円（63.5%）"),
    ("/staff", "?m=015130&y=2010", ids.STAFF_CONTENT, "類似団体"),
    ("/enterprise", "?m=012068&y=2006", ids.ENTERPRISE_CONTENT, "62億3,385万円"),
    ("/household", "?m=012149&y=2013", ids.HOUSEHOLD_CONTENT, "月54,085円"),
    ("/tax", "?m=012149&y=2013", ids.TAX_CONTENT, "22,810円"),
    ("/glossary", "?m=012149&y=2013", ids.GLOSSARY_CONTENT, "自主財源"),
)


def test_brw101_phone_year_and_per_resident_switch(server_url, page_factory):
    page = page_factory(390, 844)
    page.goto(server_url + "/revenue?m=012149&y=2013")
    sentence = f"#{ids.REVENUE_SENTENCE}"
    wait_for_text(page, sentence, "平成25年度の歳入決算額は約246億円")
    page.click(f"#{ids.MODE_LINKS} a:has-text('市民1人あたり')")
    wait_for_text(page, sentence, "平成25年度の市民1人あたりの歳入決算額は668,054円")
    assert "mode=per_resident" in page.url
    page.click(f"#{ids.YEAR_SELECT}")
    page.get_by_role("option", name="平成24年度（2012年度）").click()
    wait_for_text(
        page, sentence, "平成24年度の市民1人あたりの歳入決算額は664,996円と、前年度と比較して3,809円減少しています。"
    )
    assert "y=2012" in page.url
    assert "市民1人あたり" in page.inner_text(f"#{ids.MODE_LINKS} a.is-current")
    text = page.inner_text(f"#{ids.REVENUE_CONTENT}")
    assert "平成24年度の歳入の内訳は、登録されている資料にありません。" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "revenue-wakkanai-h24-per-resident-390")
    assert page.errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_brw102_every_resident_page(server_url, page_factory, width):
    page = page_factory(width, 844 if width == 390 else 900)
    for path, query, content, expected in PAGES:
        page.goto(server_url + path + query)
        try:
            wait_for_text(page, f"#{content}", expected)
        except Exception as exc:  # say which page, and what it showed
            shown = page.inner_text(f"#{content}")[:1000] if page.query_selector(f"#{content}") else "(no content)"
            raise AssertionError(f"{path}{query}: {expected!r} not shown; the page shows: {shown}") from exc
        if path not in ("/glossary",):
            page.wait_for_selector(f"#{content} .js-plotly-plot .main-svg", timeout=WAIT_MS)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        small = page.evaluate(
            """() => [...document.querySelectorAll('main p, main li, main summary, main td, main th, main label')]
                 .filter(e => e.offsetParent && parseFloat(getComputedStyle(e).fontSize) < 15.5)
                 .map(e => e.tagName + ':' + e.innerText.slice(0, 20))"""
        )
        assert small == [], (path, small[:5])
        screenshot(page, f"{path.strip('/')}-{width}")
    assert page.errors == []


def test_brw103_no_data_state_and_tax_input(server_url, page_factory):
    page = page_factory(390, 844)
    # a prefecture: the national settlement table (決算状況調) covers municipalities only, so no year has revenue
    page.goto(server_url + "/revenue?m=310000&y=2015")
    wait_for_text(
        page, f"#{ids.REVENUE_CONTENT}", "鳥取県の歳入（一般会計・普通会計の決算）は、登録されている資料にありません"
    )
    assert page.query_selector(f"#{ids.REVENUE_CONTENT} .js-plotly-plot") is None  # no empty frame
    screenshot(page, "revenue-prefecture-no-data-390")
    page.goto(server_url + "/tax?m=012149&y=2013")
    wait_for_text(page, f"#{ids.TAX_SENTENCE}", "22,810円は「民生費」")
    page.fill(f"#{ids.TAX_AMOUNT_INPUT}", "50000")
    page.press(f"#{ids.TAX_AMOUNT_INPUT}", "Enter")
    wait_for_text(page, f"#{ids.TAX_SENTENCE}", "あなたの50,000円のうち11,405円は「民生費」")
    assert page.errors == []
