"""Permalinks in headless Chromium: the URL holds the whole view (municipality, year, page, display mode, language,
selected figure) and opening it restores the same view."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser.conftest import screenshot
from tests.browser.test_smoke import wait_for_text

pytestmark = pytest.mark.browser

SENTENCE_JA = "平成24年度の市民1人あたりの歳入決算額は664,996円と、前年度と比較して3,809円減少しています。"
SHARE_JA = "平成24年度の歳入に占める自主財源の割合の数値は、登録されている資料にありません。"  # no breakdown for H24
SWITCH = f"#{ids.MODE_GROUP}"
MODE_NAMES = {"総額": "total", "市民1人あたり": "per_resident", "割合": "share", "Total": "total",
              "Per resident": "per_resident", "Share": "share"}  # fmt: skip


def _checked_mode(page) -> str:
    """The mode whose link is marked as shown (its words without the screen reader's 「（表示中）」)."""
    text = page.eval_on_selector(f"#{ids.MODE_LINKS} a.is-current", "el => el.firstChild.textContent")
    return MODE_NAMES[text]


def _click_mode(page, name: str) -> None:
    page.click(f"#{ids.MODE_LINKS} a:has-text('{name}')")


def _query(page) -> str:
    return page.evaluate("window.location.search")


def test_brw201_permalink_restores_per_resident_view(server_url, page_factory):
    page = page_factory(390, 844)
    page.goto(server_url + "/revenue?m=012149&y=2012&mode=per_resident&lang=ja")
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", SENTENCE_JA)
    assert page.inner_text(f"#{ids.MUNICIPALITY_SELECT}").strip() == "稚内市"
    assert "平成24年度（2012年度）" in page.inner_text(f"#{ids.YEAR_SELECT}")
    assert _checked_mode(page) == "per_resident"
    assert page.is_visible(f"#{ids.MODE_GROUP}")
    assert _query(page) == "?m=012149&y=2012&mode=per_resident&lang=ja"  # the URL stays as it was opened

    _click_mode(page, "割合")  # switching in the page writes the URL
    wait_for_text(page, f"#{ids.REVENUE_CONTENT}", SHARE_JA)
    page.wait_for_function("() => window.location.search.includes('mode=share')")
    assert _query(page) == "?m=012149&y=2012&mode=share&lang=ja"

    page.reload()  # the URL is the memory: the reloaded page comes back in the same mode
    wait_for_text(page, f"#{ids.REVENUE_CONTENT}", SHARE_JA)
    assert _checked_mode(page) == "share"

    _click_mode(page, "総額")  # back to totals: the parameter goes away
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", "平成24年度の歳入決算額は")
    page.wait_for_function("() => !window.location.search.includes('mode=')")
    assert _query(page) == "?m=012149&y=2012&lang=ja"
    page.go_back()  # back/forward restore the mode as well
    wait_for_text(page, f"#{ids.REVENUE_CONTENT}", SHARE_JA)
    assert _checked_mode(page) == "share"
    screenshot(page, "permalink-revenue-h24-share-390")
    assert page.errors == []


def test_brw202_english_permalink_keeps_the_mode(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/revenue?m=012149&y=2012&mode=per_resident&lang=en")
    wait_for_text(
        page,
        f"#{ids.REVENUE_SENTENCE}",
        "In FY2012, settled revenue per resident was ¥664,996, down ¥3,809 on the previous year.",
    )
    assert _checked_mode(page) == "per_resident"
    assert page.inner_text(f"#{ids.MODE_GROUP}").split() == ["Show", "Total", "Per", "resident", "(shown)", "Share"]
    assert page.get_attribute(f"#{ids.MODE_GROUP}", "aria-label") == "Show"
    assert page.get_attribute(f"{SWITCH}", "aria-label") == "Show"
    page.get_by_text("日本語", exact=True).click()  # another language keeps the mode
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", SENTENCE_JA)
    assert _query(page) == "?m=012149&y=2012&mode=per_resident&lang=ja"
    assert page.get_attribute(f"{SWITCH}", "aria-label") == "表示"
    page.get_by_text("English", exact=True).click()
    wait_for_text(
        page,
        f"#{ids.REVENUE_SENTENCE}",
        "In FY2012, settled revenue per resident was ¥664,996, down ¥3,809 on the previous year.",
    )
    page.reload()
    wait_for_text(
        page,
        f"#{ids.REVENUE_SENTENCE}",
        "In FY2012, settled revenue per resident was ¥664,996, down ¥3,809 on the previous year.",
    )
    assert _checked_mode(page) == "per_resident"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.errors == []


def test_brw203_mode_follows_navigation_and_the_switch_shows_where_used(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/revenue?m=012149&y=2013&mode=per_resident&fig=revenue-trend&lang=ja")
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", "平成25年度の市民1人あたりの歳入決算額は668,054円")
    nav = f"#{ids.NAV}"
    page.wait_for_selector(f"{nav} a[href='/debt?m=012149&y=2013&mode=per_resident&lang=ja']")  # no fig in nav
    page.click(f"{nav} a[href^='/debt?']")
    wait_for_text(page, f"#{ids.DEBT_CONTENT}", "平成25年度の地方債残高を市民1人あたりにすると")
    assert _query(page) == "?m=012149&y=2013&mode=per_resident&lang=ja"  # mode kept, the figure dropped
    assert _checked_mode(page) == "per_resident"
    page.click(f"{nav} a[href^='/?']")  # the overview has no switch: hidden, and the mode waits in the URL
    wait_for_text(page, f"#{ids.OVERVIEW_CONTENT}", "246億4,984万円")
    assert page.is_hidden(f"#{ids.MODE_GROUP}")
    assert "mode=per_resident" in _query(page)
    page.click(f"{nav} a[href^='/revenue?']")
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", "平成25年度の市民1人あたりの歳入決算額は668,054円")
    assert page.is_visible(f"#{ids.MODE_GROUP}") and _checked_mode(page) == "per_resident"
    assert page.errors == []


STAND_IN = """(key) => {  // a tall page with a figure section at its end, outside Dash's own tree
    const above = document.createElement('div');
    above.style.height = '3000px';
    const section = document.createElement('section');
    section.id = 'figure-' + key;
    section.textContent = 'stand-in figure';
    section.style.height = '200px';
    const below = above.cloneNode();
    document.body.append(above, section, below);
}"""


def test_brw204_selected_figure_is_scrolled_to_marked_and_focused_once(server_url, page_factory):
    """The mechanism of ``fig``, on a stand-in section with the id a figure section carries (``figure-<key>``)."""
    page = page_factory()
    key = "permalink-test"
    page.goto(server_url + f"/revenue?m=012149&y=2013&fig={key}&lang=ja")
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", "平成25年度の歳入決算額は約246億円")
    page.evaluate(STAND_IN, key)
    target = f"#{ids.FIGURE_ANCHOR}-{key}"
    page.wait_for_selector(f"{target}.figure-selected")
    page.wait_for_function("(s) => document.activeElement === document.querySelector(s)", arg=target)
    assert page.get_attribute(target, "tabindex") == "-1"
    box = page.eval_on_selector(target, "el => el.getBoundingClientRect().top")
    assert 0 <= box < 100, box  # scrolled to the top of the viewport
    style = page.eval_on_selector(
        target, "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert style == "solid 3px"

    page.evaluate("window.scrollTo(0, 0); document.body.focus()")
    page.click(f"#{ids.YEAR_SELECT}")  # another year keeps the figure in the URL but does not jump again
    page.get_by_role("option", name="平成24年度（2012年度）").click()
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", "平成24年度の歳入決算額は")
    assert _query(page) == f"?m=012149&y=2012&fig={key}&lang=ja"
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") == 0
    assert page.is_visible(f"{target}.figure-selected")

    page.click(f"#{ids.NAV} a[href^='/debt?']")  # another page drops the figure and its mark
    wait_for_text(page, f"#{ids.DEBT_CONTENT}", "地方債")
    assert "fig=" not in _query(page)
    page.wait_for_function("(s) => !document.querySelector(s + '.figure-selected')", arg=target)
    assert page.errors == []


def test_brw205_invalid_figure_is_ignored(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/revenue?m=012149&y=2013&fig=%3Cimg%20src%3Dx%3E&mode=bogus&lang=ja")
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", "平成25年度の歳入決算額は約246億円")
    page.wait_for_function("() => window.location.search === '?m=012149&y=2013&lang=ja'")
    assert _checked_mode(page) == "total"
    assert page.query_selector(".figure-selected") is None
    assert page.errors == []


def test_brw206_mode_switch_by_keyboard_with_visible_focus(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/revenue?m=012149&y=2013&mode=per_resident&lang=ja")
    wait_for_text(page, f"#{ids.REVENUE_SENTENCE}", "平成25年度の市民1人あたりの歳入決算額は668,054円")
    page.locator("body").focus()
    current = f"#{ids.MODE_LINKS} a.is-current"
    for _ in range(40):  # Tab reaches the shown mode's link (after the header controls and navigation)
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", current):
            break
    focused = page.evaluate(
        """() => { const el = document.activeElement, style = getComputedStyle(el);
                   return [el.firstChild.textContent, style.outlineStyle, style.outlineWidth]; }"""
    )
    assert focused[0] == "市民1人あたり", focused
    assert focused[1] != "none" and focused[2] != "0px", focused
    page.keyboard.press("Tab")  # the next link: 割合
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.location.search.includes('mode=share')")
    wait_for_text(page, f"#{ids.REVENUE_CONTENT}", "平成25年度の歳入に占める自主財源の割合は31.5%です")
    assert page.errors == []
