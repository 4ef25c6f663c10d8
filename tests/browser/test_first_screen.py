"""Real-browser checks of the first phone screen (issue 16): the overview answers without scrolling, the menu opens
by keyboard, and wide tables scroll inside their own region (no horizontal page scroll at 360 px)."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser.conftest import WAIT_MS, screenshot
from tests.browser.test_smoke import wait_for_text

pytestmark = pytest.mark.browser

PHONE = (390, 844)

BOTTOM = """(s) => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().bottom : null; }"""


@pytest.mark.parametrize(
    ("code", "name"),
    [("012149", "稚内市"), ("015130", "中頓別町"), ("012068", "釧路市"), ("012092", "夕張市")],  # 夕張市: national only
)
def test_brw_overview_answers_in_the_first_phone_screen(server_url, page_factory, code, name):
    page = page_factory(*PHONE)
    page.goto(server_url + f"/?m={code}")  # the default year: the latest (FY2024 of the national indicators)
    verdict = f"#{ids.OVERVIEW_VERDICT}"
    wait_for_text(page, f"#{ids.OVERVIEW_CONTENT} h1", f"{name}の財政 — 令和6年度決算")
    wait_for_text(page, verdict, "健全化判断比率")
    answer = page.inner_text(f"#{ids.OVERVIEW_ANSWER}")
    assert "歳入" in answer and "歳出" in answer and answer.count("1人あたり") == 2
    # the amounts are FY2019's (the national amounts end there), said so, with a link to that year
    assert "歳入・歳出は、いちばん新しい決算額（令和元年度）です。" in answer
    earlier = page.locator(f"#{ids.OVERVIEW_ANSWER} .answer-year a")
    assert earlier.get_attribute("href") == f"/?m={code}&y=2019&lang=ja"
    assert page.evaluate("window.scrollY") == 0
    for selector in (f"#{ids.OVERVIEW_CONTENT} h1", ".answer-per-resident", verdict):
        bottom = page.evaluate(BOTTOM, selector)
        assert bottom is not None and 0 < bottom <= PHONE[1], (selector, bottom)
    link = page.locator(f"{verdict} a", has_text="4つの指標をくわしく")
    assert link.get_attribute("href") == f"/indicators?m={code}&y=2024&lang=ja"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    if code in ("012149", "012092"):
        screenshot(page, f"overview-first-screen-{code}-390")
    assert page.errors == []


def test_brw_yubari_h25_verdict_names_the_rebuilding_line(server_url, page_factory):
    page = page_factory(*PHONE)
    page.goto(server_url + "/?m=012092&y=2013")
    wait_for_text(page, f"#{ids.OVERVIEW_VERDICT}", "実質公債費比率は財政再生基準以上です（47.2%）")
    text = page.inner_text(f"#{ids.OVERVIEW_VERDICT}")
    assert "実質赤字比率、連結実質赤字比率はデータがありません" in text and "未満" not in text
    assert page.evaluate(BOTTOM, f"#{ids.OVERVIEW_VERDICT}") <= PHONE[1]
    page.locator(f"#{ids.OVERVIEW_VERDICT} a", has_text="4つの指標をくわしく").click()
    page.wait_for_url("**/indicators?m=012092&y=2013&lang=ja", timeout=WAIT_MS)
    wait_for_text(page, f"#{ids.INDICATORS_CONTENT} h1", "夕張市", timeout=2 * WAIT_MS)  # peers are built once
    assert page.errors == []


def test_brw_phone_menu_opens_and_is_walked_by_keyboard(server_url, page_factory):
    page = page_factory(*PHONE)
    page.goto(server_url + "/?m=012149&y=2013")
    wait_for_text(page, f"#{ids.OVERVIEW_CONTENT} h1", "稚内市")
    summary = page.locator(f"#{ids.NAV_MENU_LABEL}")
    assert summary.is_visible() and summary.bounding_box()["y"] < 80  # beside the site's name
    link = page.locator(f"#{ids.NAV} a", has_text="財政の健全さ")
    assert not link.is_visible()  # closed on a phone
    summary.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.getElementById('{ids.NAV_MENU}').open === true", timeout=WAIT_MS)
    assert link.is_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('nav') !== null && document.activeElement.tagName")
    assert focused == "A"  # the first link of the menu follows the button
    screenshot(page, "menu-open-390")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    page.wait_for_function(f"document.getElementById('{ids.NAV_MENU}').open === false", timeout=WAIT_MS)
    assert page.errors == []


def test_brw_desktop_shows_the_navigation_without_a_menu(server_url, page_factory):
    page = page_factory(1280, 900)
    page.goto(server_url + "/?m=012149&y=2013")
    wait_for_text(page, f"#{ids.OVERVIEW_CONTENT} h1", "稚内市")
    assert page.locator(f"#{ids.NAV} a", has_text="財政の健全さ").is_visible()
    assert not page.locator(f"#{ids.NAV_MENU_LABEL}").is_visible()
    assert page.errors == []


TABLES = """() => {
  const regions = [...document.querySelectorAll('main .table-scroll')];
  const cramped = [...document.querySelectorAll('main table th, main table td')].filter(c => {
    const text = c.innerText.trim();
    const range = document.createRange();
    range.selectNodeContents(c);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;  // line boxes of the text
    return c.getClientRects().length && !c.querySelector('br') && text.length >= 4 && lines >= 3
      && lines * 2 > text.length;  // fewer than two characters a line
  }).map(c => c.innerText.trim());
  return {
    scroll: document.documentElement.scrollWidth,
    regions: regions.length,
    unlabelled: regions.filter(r => r.getAttribute('role') !== 'region' || r.getAttribute('tabindex') !== '0'
      || !r.getAttribute('aria-label')).length,
    wide: regions.filter(r => r.scrollWidth > r.clientWidth).map(r => r.getAttribute('aria-label')),
    captions: [...document.querySelectorAll('main .table-scroll caption')].filter(c => c.getClientRects().length)
      .map(c => c.innerText),
    cramped,
  };
}"""


@pytest.mark.parametrize(
    ("path", "content", "ready"),
    [
        ("/indicators?m=012068&y=2008", ids.INDICATORS_CONTENT, "公営企業"),
        ("/compare?m=012149&y=2013", ids.COMPARE_CONTENT, "中央値"),
    ],
)
def test_brw_tables_at_360_scroll_inside_their_region(server_url, page_factory, path, content, ready):
    page = page_factory(360, 800)
    page.goto(server_url + path)
    wait_for_text(page, f"#{content}", ready, timeout=2 * WAIT_MS)  # a loaded machine: the first page of a worker
    page.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
    found = page.evaluate(TABLES)
    assert found["scroll"] <= 360, found
    assert found["regions"] > 0 and found["unlabelled"] == 0, found
    assert found["cramped"] == [], found  # never one character per line
    assert found["captions"], found
    if found["wide"]:  # a wide table is reachable by keyboard and scrolls on its own
        region = page.locator(f"main .table-scroll[aria-label='{found['wide'][0]}']").first
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(e) => e.scrollLeft > 0", arg=region.element_handle(), timeout=WAIT_MS)
    screenshot(page, "tables-360" + path.split("?")[0].replace("/", "-"))
    assert page.errors == []
