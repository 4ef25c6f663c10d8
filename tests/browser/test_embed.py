"""Embeds and permalinks in a real browser: /embed/* framed by a page of another origin, and a shared link."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest

from finance import narrative, queries
from layouts import ids
from tests.browser.conftest import _free_port, run_gunicorn, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def host_origin() -> str:
    """The origin of the page that embeds the chart (another loopback port)."""
    return f"http://127.0.0.1:{_free_port()}"


@pytest.fixture(scope="module")
def framed_server_url(tmp_path_factory, host_origin) -> Iterator[str]:
    """The app under gunicorn, as the session fixture starts it, with MIERUKA_FRAME_ANCESTORS = the host origin."""
    yield from run_gunicorn(tmp_path_factory, {"MIERUKA_FRAME_ANCESTORS": host_origin})


def _serve_host(tmp_path_factory, host_origin: str, server: str) -> Iterator[str]:
    """A tiny page on ``host_origin`` with the <iframe> code the site offers for two figures of ``server``."""
    folder = tmp_path_factory.mktemp("host")
    src = f"{server}/embed/overview-trend?m=012149&y=2013"
    items = f"{server}/embed/revenue/revenue-items?m=012149&y=2013"  # any figure of a page
    (folder / "index.html").write_text(
        '<!doctype html><html lang="ja"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        "<title>広報ページ</title></head><body>"
        f'<h1>市の広報</h1><iframe src="{src}" title="歳入・歳出の推移" width="100%" height="520" '
        'style="border:0;max-width:800px"></iframe>'
        f'<iframe id="items" src="{items}" title="歳入の内訳" width="100%" height="520" '
        'style="border:0;max-width:800px"></iframe></body></html>',
        encoding="utf-8",
    )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    port = int(host_origin.rsplit(":", 1)[1])
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield host_origin + "/index.html"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def host_page(tmp_path_factory, host_origin, framed_server_url) -> Iterator[str]:
    """The host page framing the server configured to allow its origin."""
    yield from _serve_host(tmp_path_factory, host_origin, framed_server_url)


@pytest.fixture(scope="module")
def default_host_page(tmp_path_factory, server_url) -> Iterator[str]:
    """A host page on another loopback origin framing the server with default settings (no origin configured)."""
    yield from _serve_host(tmp_path_factory, f"http://127.0.0.1:{_free_port()}", server_url)


def test_brw_embed_with_default_settings_shows_its_chart_on_another_site(default_host_page, page_factory):
    page = page_factory(900, 700)
    page.goto(default_host_page)
    frame = page.frame_locator("iframe").first
    frame.locator(f"#{ids.EMBED_GRAPH} .main-svg .trace").first.wait_for(timeout=30_000)
    frame.locator(".embed-title").get_by_text("稚内市の歳入・歳出の推移").wait_for()
    items = page.frame_locator("#items")
    items.locator(f"#{ids.EMBED_GRAPH} .main-svg .trace").first.wait_for(timeout=30_000)
    screenshot(page, "embed-default-settings-in-iframe")
    assert page.errors == []


def test_brw_embed_renders_inside_an_iframe_of_another_origin(host_page, page_factory, dataset):
    page = page_factory(900, 700)
    page.goto(host_page)
    frame = page.frame_locator("iframe").first
    sentence = narrative.total_sentence(queries.overview(dataset, "012149", 2013), "ja")
    assert sentence
    frame.locator(f"#{ids.EMBED_SENTENCE}").get_by_text(sentence).wait_for(timeout=30_000)
    frame.locator(f"#{ids.EMBED_GRAPH} .main-svg .trace").first.wait_for(timeout=30_000)
    frame.locator(".embed-title").get_by_text("稚内市の歳入・歳出の推移").wait_for()
    assert "出典" in frame.locator(".embed-footer").inner_text()
    assert not frame.locator(".site-header").is_visible()  # no site chrome inside the frame
    items = page.frame_locator("#items")
    items.locator(".embed-title").get_by_text("稚内市 歳入の内訳").wait_for(timeout=30_000)
    items.locator(f"#{ids.EMBED_GRAPH} .main-svg .trace").first.wait_for(timeout=30_000)
    assert "出典" in items.locator(".embed-footer").inner_text()
    screenshot(page, "embed-overview-trend-in-iframe")
    assert page.errors == []


def test_brw_permalink_restores_municipality_year_language_and_sentence(server_url, page_factory, dataset):
    page = page_factory()
    page.goto(server_url + "/?m=015130&y=2010&lang=en")
    sentence = narrative.total_sentence(queries.overview(dataset, "015130", 2010), "en")
    assert sentence
    page.locator(f"#{ids.OVERVIEW_SENTENCE}").get_by_text(sentence).wait_for(timeout=30_000)
    assert "Nakatonbetsu" in page.inner_text(f"#{ids.MUNICIPALITY_SELECT}")
    assert "FY2010" in page.inner_text(f"#{ids.YEAR_SELECT}")
    assert page.is_checked(f"#{ids.LANG_RADIO} input[value='en']")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "m=015130" in page.url and "y=2010" in page.url and "lang=en" in page.url
    assert page.errors == []
