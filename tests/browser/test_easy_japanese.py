"""やさしい日本語 in headless Chromium: chosen with the language switch, kept in the URL, Japanese to the browser."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import AXE, _serious
from tests.browser.test_smoke import wait_for_text

pytestmark = pytest.mark.browser


def test_brw_easy_japanese_from_the_switch_and_from_a_link(server_url, page_factory):
    page = page_factory(390, 844)
    page.goto(server_url + "/revenue?m=012149&y=2013&lang=en")
    wait_for_text(page, f"#{ids.REVENUE_CONTENT}", "Revenue")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click(f"#{ids.LANG_RADIO} label:has(input[value='easy'])")
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", "平成25年度の入ったお金（歳入）は約246億円です。")
    assert "lang=easy" in page.url
    assert page.evaluate("document.documentElement.lang") == "ja"  # やさしい日本語 is Japanese
    assert page.is_checked(f"#{ids.LANG_RADIO} input[value='easy']")
    assert page.locator(".page-revenue").get_attribute("lang") == "ja"
    nav = page.text_content(f"#{ids.NAV}") or ""  # on a phone the menu is closed: its text, not what is shown
    assert "入ったお金" in nav and "借金" in nav
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "revenue-wakkanai-h25-easy-390")
    found = _serious(page, AXE.read_text(encoding="utf-8"))
    assert found == [], "\n  ".join(found)

    page.goto(server_url + "/debt?m=012149&y=2013&lang=easy")  # a shared link opens in easy Japanese again
    wait_for_text(page, f"#{ids.DEBT_CONTENT}", "市民1人あたり約110万円です。")
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert page.errors == []
