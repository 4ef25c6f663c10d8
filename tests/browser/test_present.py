"""Presenter mode (/present) in headless Chromium at a projector's 1280 × 720: slides of one screen, moved by the
keyboard (← →, PageUp/PageDown, Home/End) with a counter, chart labels of at least 24 px, the focus visible."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS, WAIT_MS

pytestmark = pytest.mark.browser

PRESENT = "/present?m=012149&y=2013&lang=ja"

AT_TOP = "n => Math.abs(document.querySelectorAll('.slide')[n].getBoundingClientRect().top) < 2"
"""Whether slide ``n`` (0-based) is the one on screen: its top at the top of the viewport."""

CHART_FONTS = """() => Array.from(document.querySelectorAll('.figure img.chart')).map(img => {
  const svg = atob(img.getAttribute('src').split(',')[1]);
  const box = svg.match(/viewBox="[\\d.]+ [\\d.]+ ([\\d.]+) [\\d.]+"/);
  const sizes = Array.from(svg.matchAll(/font-size: ?([\\d.]+)px/g), m => parseFloat(m[1]));
  return {scale: img.clientWidth / parseFloat(box[1]), smallest: Math.min(...sizes), id: img.closest('section').id};
})"""
"""For every chart: its on-screen scale (shown width ÷ drawn width) and the smallest font it draws."""


def _counter(page, n: int, total: int) -> None:
    expect(page.locator(".slide-counter")).to_have_text(f"スライド {n} / {total}", timeout=WAIT_MS)
    page.wait_for_function(AT_TOP, arg=n - 1, timeout=WAIT_MS)


def _shot(page, name: str) -> None:
    """The screen as the audience sees it (not the whole scroll), under build/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_brw304_presenter_slides_move_with_the_keyboard_and_charts_read_on_a_projector(server_url, page_factory):
    page = page_factory(1280, 720)
    page.goto(server_url + PRESENT, timeout=3 * WAIT_MS)  # 23 charts drawn for the projector on first request
    expect(page.locator(".slide-counter")).to_have_attribute("data-slide", "1", timeout=WAIT_MS)  # script ran
    total = page.locator(".slide").count()
    assert total > 20  # cover, summary (two slides), 23 figures
    _counter(page, 1, total)

    page.keyboard.press("ArrowRight")
    _counter(page, 2, total)
    _shot(page, "presenter-1280x720-summary")
    # the slide shown has the keyboard focus, and the focus is visible
    assert page.evaluate("document.activeElement === document.querySelectorAll('.slide')[1]")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("PageDown")
    _counter(page, 3, total)
    page.keyboard.press("PageUp")
    _counter(page, 2, total)
    page.keyboard.press("ArrowLeft")
    _counter(page, 1, total)
    page.keyboard.press("End")
    _counter(page, total, total)
    page.keyboard.press("ArrowRight")  # the last slide stays the last
    _counter(page, total, total)
    page.keyboard.press("Home")
    _counter(page, 1, total)

    # one figure a screen: a figure slide is the viewport's height, its chart drawn at ≥ 24 px on screen
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    _counter(page, 5, total)
    height = page.evaluate("document.querySelectorAll('.slide')[4].getBoundingClientRect().height")
    assert abs(height - 720) < 2
    _shot(page, "presenter-1280x720-figure")
    charts = page.evaluate(CHART_FONTS)
    assert len(charts) == total - 3
    for chart in charts:
        assert chart["smallest"] * chart["scale"] >= 24, chart
    heading = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.figure h3')).fontSize)")
    assert 28 <= heading <= 44  # large, but not dwarfing the chart's labels
    assert page.errors == []
