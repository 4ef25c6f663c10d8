"""Real-browser check on a phone: three bodies that only the national tables cover, found by typing their name."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser.conftest import screenshot
from tests.browser.test_smoke import wait_for_text

pytestmark = pytest.mark.browser

BODIES = (  # (typed, link text, expected on the page: the body's value, its lines, its peer groups)
    (
        "札幌",
        "札幌市",
        ("令和6年度", "早期健全化基準 25.0%", "財政再生基準 35.0%", "全国の指定都市", "北海道の市区町村"),
    ),
    (
        "泊村",
        "泊村",
        ("令和6年度", "泊村: 算定されない（「-」）", "全国の市町村（人口0〜4,999人）", "北海道の市区町村"),
    ),
    ("鳥取県", "鳥取県", ("令和6年度", "早期健全化基準 25.0%", "全国の都道府県", "都道府県")),
)


def test_brw181_a_phone_finds_three_national_bodies_by_typing(server_url, page_factory):
    page = page_factory(390, 844)
    page.goto(server_url + "/indicators?m=012149&y=2013")
    content = f"#{ids.INDICATORS_CONTENT}"
    wait_for_text(page, content, "89.3%", timeout=60_000)  # the first page of a worker builds the peer tables
    for typed, name, expected in BODIES:
        field = page.locator(f"#{ids.PICKER_INPUT}")
        field.fill("")
        field.type(typed, delay=30)  # as a person types: the list follows after a short pause
        link = page.locator(f"#{ids.PICKER_RESULTS} a.picker-link", has_text=name).first
        link.wait_for(timeout=30_000)
        link.focus()
        page.keyboard.press("Enter")  # the keyboard opens it
        wait_for_text(page, content, f"{name}の財政の健全さ", timeout=60_000)
        wait_for_text(page, content, "似た団体とくらべる", timeout=60_000)
        text = page.inner_text(content)
        for words in expected:
            assert words in text, (name, words)
        assert "中央値" in text and "団体数" in text
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        screenshot(page, f"national-{name}-390")
    assert page.errors == []
