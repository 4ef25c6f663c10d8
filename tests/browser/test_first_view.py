"""The first view in headless Chromium: the page readable with JavaScript off, and replaced by the live page (the
same text) once the app has its content."""

from __future__ import annotations

import pytest

from layouts import ids
from tests.browser.conftest import WAIT_MS, screenshot
from tests.browser.test_smoke import wait_for_text

pytestmark = pytest.mark.browser


def _page_without_javascript(browser, width: int, height: int):
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="ja-JP", java_script_enabled=False
    )
    return context, context.new_page()


def test_brw401_overview_and_indicators_are_read_with_javascript_off(server_url, browser):
    context, page = _page_without_javascript(browser, 390, 844)
    try:
        page.goto(server_url + "/?m=012149&y=2013")
        text = page.inner_text("main")
        assert "稚内市の財政 — 平成25年度決算" in text
        assert "246億4,984万円" in text and "市民1人あたり 668,054円" in text  # 歳入, per resident
        assert "242億9,310万円" in text and "市民1人あたり 658,385円" in text  # 歳出
        assert "4つの指標はすべて早期健全化基準未満です。" in text
        assert page.evaluate("document.documentElement.lang") == "ja"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, "first-view-overview-no-js-390")
        # every navigation link and language is a plain link that works without scripts
        page.click("nav summary")  # the phone menu is a native disclosure: it opens without scripts
        page.click("nav >> text=財政の健全さ")
        page.wait_for_url("**/indicators?m=012149&y=2013*")
        text = page.inner_text("main")
        assert "実質赤字比率" in text and "—（黒字1.49%）" in text and "早期健全化基準 12.96%" in text
        assert "実質公債費比率" in text and "将来負担比率" in text
        page.click("text=English")
        page.wait_for_url("**lang=en*")
        english = page.inner_text("main")
        assert "Wakkanai: fiscal soundness in the FY2013 settlement" in english
        assert page.evaluate("document.documentElement.lang") == "en"  # set by the server, not only by the app
    finally:
        context.close()


def test_brw402_the_live_page_replaces_the_first_view_with_the_same_text(server_url, page_factory):
    page = page_factory(1280, 900)
    page.goto(server_url + "/enterprise?m=012068&y=2006", wait_until="commit")
    page.wait_for_selector("#first-view", state="attached", timeout=WAIT_MS)
    first = page.inner_text("#first-view main")
    assert "62億3,385万円" in first  # the numbers are there before the app has started
    wait_for_text(page, f"#{ids.ENTERPRISE_CONTENT}", "62億3,385万円")
    page.wait_for_selector("#first-view", state="detached", timeout=WAIT_MS)
    live = page.inner_text("main")
    for line in ("釧路市の公営企業 — 平成18年度", "収入57億6,106万円に対して支出49億6,191万円でした。"):
        assert line in first and line in live
    assert page.evaluate(f"document.querySelectorAll('#{ids.ENTERPRISE_CONTENT}').length") == 1
    page.wait_for_selector(f"#{ids.ENTERPRISE_CONTENT} .js-plotly-plot .main-svg", timeout=WAIT_MS)
    assert page.errors == []


def _held(page, pattern: str):
    """Hold the page's requests matching ``pattern`` until the returned function is called (then let all pass)."""
    held: list = []
    released: list = []

    def hold(route) -> None:
        route.continue_() if released else held.append(route)

    page.route(pattern, hold)

    def release() -> None:
        released.append(True)
        for route in held:
            route.continue_()

    return release


def test_brw403_a_disclosure_opened_in_the_first_view_stays_open_in_the_live_page(server_url, page_factory):
    """A reader who opens a card's 出典 before the app has started finds it still open after the swap."""
    page = page_factory(390, 844)
    release = _held(page, "**/_dash-component-suites/**")  # the app waits until the reader has acted on the first view
    page.goto(server_url + "/?m=012149&y=2013&lang=ja", wait_until="commit")
    card = page.locator("#first-view .kpi-card").first
    card.locator(".source-summary").click(timeout=WAIT_MS)
    card.locator(".source-note").wait_for(state="visible", timeout=WAIT_MS)
    assert page.locator("#first-view").count() == 1  # the app has not taken over yet
    release()
    page.wait_for_selector("#first-view", state="detached", timeout=WAIT_MS)
    live = page.locator(".kpi-card").first
    live.locator(".source-note").wait_for(state="visible", timeout=WAIT_MS)
    assert "稚内市政策調整部財政経営課" in live.locator(".source-note").inner_text()
    assert page.locator(".kpi-card .source-note:visible").count() == 1  # only the one the reader opened
    assert page.errors == []


def test_brw404_the_swap_does_not_move_the_page(server_url, page_factory):
    """The live page's heading stands where the first view's stood before any script ran (the components' own
    styles, which Dash's scripts add, included): no jump when the app takes over on a phone."""
    page = page_factory(390, 844)
    release = _held(page, "**/_dash-component-suites/**")  # no script has run yet
    page.goto(server_url + "/?m=012092&y=2024&lang=ja", wait_until="commit")
    heading = "#first-view main h1"
    page.wait_for_selector(heading, timeout=WAIT_MS)
    before = page.evaluate(f"document.querySelector('{heading}').getBoundingClientRect().top")
    release()
    page.wait_for_selector("#first-view", state="detached", timeout=WAIT_MS)
    wait_for_text(page, f"#{ids.OVERVIEW_CONTENT} h1", "夕張市の財政 — 令和6年度決算")
    after = page.evaluate(f"document.querySelector('#{ids.OVERVIEW_CONTENT} h1').getBoundingClientRect().top")
    assert abs(after - before) <= 2, (before, after)
    assert page.evaluate(f"document.getElementById('{ids.LANG_RADIO}').getBoundingClientRect().height") <= 50
    assert page.errors == []


def test_brw405_the_app_starts_from_the_page_without_fetching_it_again(server_url, page_factory):
    """The layout, the callback graph and the page's first answers are in the HTML: the app takes over without a
    request for them, and answers the reader's next choice from the network as before."""
    page = page_factory(390, 844)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/_dash-" in r.url and "suites" not in r.url else None)
    page.goto(server_url + "/revenue?m=012068&y=2006", wait_until="commit")
    page.wait_for_selector("#first-view", state="detached", timeout=WAIT_MS)
    wait_for_text(page, f"#{ids.REVENUE_CONTENT} h1", "釧路市の歳入（入ったお金） — 平成18年度")
    page.wait_for_selector(f"#{ids.REVENUE_CONTENT} .js-plotly-plot .main-svg", timeout=WAIT_MS)
    assert fetched == []  # no _dash-layout, no _dash-dependencies, no callback
    page.click(f"#{ids.LANG_RADIO} label:has(input[value='en'])")
    wait_for_text(page, f"#{ids.REVENUE_CONTENT} h1", "Kushiro")
    assert any("/_dash-update-component" in url for url in fetched)  # a new view is asked for as before
    assert page.errors == []
