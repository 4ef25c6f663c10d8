"""The figure kit and the handout as people use them, in headless Chromium: copy a figure's link and open it, download
a print image from the page and read its QR code, and print the handout (the presenter mode: test_present.py)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import WAIT_MS, screenshot

pytestmark = pytest.mark.browser

REVENUE = "/revenue?m=012149&y=2013&lang=ja"


def _open_kit(page, key: str):
    block = page.locator(f"#figure-{key} details.figure-kit")
    block.locator("summary").first.click()  # its own summary (the <iframe> code inside has one too)
    return block


def test_brw301_copy_link_of_a_figure_and_open_it(server_url, page_factory):
    page = page_factory(390, 844)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page.goto(server_url + REVENUE)
    page.wait_for_selector("#figure-revenue-items", timeout=WAIT_MS)
    block = _open_kit(page, "revenue-items")
    expected = f"{server_url}/revenue?m=012149&y=2013&fig=revenue-items&lang=ja"
    # shown with this site's origin, added by the <details> toggle event (asynchronous): wait for that state
    expect(block.locator(".figure-permalink")).to_have_text(expected, timeout=WAIT_MS)
    block.locator("button.copy-link").click()
    page.wait_for_function("() => document.querySelector('#figure-revenue-items .copy-status').textContent !== ''")
    assert block.locator(".copy-status").inner_text() == "コピーしました"
    assert page.evaluate("navigator.clipboard.readText()") == expected
    screenshot(page, "figure-kit-open-390")

    other = page_factory(390, 844)
    other.goto(expected)
    other.wait_for_selector("#figure-revenue-items.figure-selected", timeout=WAIT_MS)
    top = other.evaluate("document.querySelector('#figure-revenue-items').getBoundingClientRect().top")
    assert 0 <= top < 844  # the chosen figure is on screen, not at the top of the page
    screenshot(other, "figure-kit-permalink-selected-390")
    assert page.errors == [] and other.errors == []


def test_brw302_print_image_downloads_from_the_page_with_a_working_qr_code(server_url, page_factory, tmp_path):
    page = page_factory()
    page.goto(server_url + REVENUE)
    page.wait_for_selector("#figure-revenue-trend", timeout=WAIT_MS)
    block = _open_kit(page, "revenue-trend")
    with page.expect_download() as info:
        block.get_by_text("PNG（1段幅 85mm）").first.click()
    download = info.value
    assert download.suggested_filename == "mieruka-012149-2013-revenue-trend-1col.png"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        assert image.width == 1004
    zbarimg = shutil.which("zbarimg")
    assert zbarimg
    code = subprocess.run([zbarimg, "--quiet", "--raw", str(path)], capture_output=True, text=True, check=True)
    link = code.stdout.strip()
    assert link == f"{server_url}/s/012149/2013/revenue/revenue-trend"
    other = page_factory(390, 844)
    other.goto(link)  # the printed code opens the live page with the figure chosen
    other.wait_for_selector("#figure-revenue-trend.figure-selected", timeout=WAIT_MS)
    assert other.url == f"{server_url}/revenue?m=012149&y=2013&fig=revenue-trend&lang=ja"


def test_brw303_handout_prints_on_a4_with_numbered_figures(server_url, page_factory, tmp_path):
    page = page_factory(1280, 900)
    page.goto(server_url + "/handout?m=012149&y=2013&lang=ja")
    assert page.locator(".figure").count() >= 15
    assert page.locator(".fignum").first.inner_text() == "図1"
    page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    screenshot(page, "handout-a4-screen-1280")
    page.emulate_media(media="print")
    assert not page.locator("nav.screen-only").is_visible()  # the format links are not printed
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) > 5
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4 portrait, from the page's CSS
    assert page.errors == []
