"""axe-core in every state a reader can reach, not only the first render (issue 16).

One browser page per width walks the states by using the site: every page in Japanese; the display modes by clicking
the switch; the language by clicking its radio, then every page in English and in やさしい日本語; /compare after
choosing bodies; a figure's tools opened; the handout and an embed. Each state must have no serious or critical
finding and no landmark finding of any impact (one banner, one contentinfo, unique landmarks).

To keep CI short the combinations are not multiplied: pages and modes at both widths in Japanese, the other
languages and the special states at one width each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import layouts
from layouts import ids
from layouts.shell import MODE_PAGES
from tests.browser.conftest import SHOTS, WAIT_MS
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
QUERY = "?m=012149&y=2013"
MODE_WORDS = {"per_resident": "市民1人あたり", "share": "割合", "total": "総額"}

PENDING = """() => {
    // Dash's callbacks go through fetch: count the ones in flight so a state is judged once they have answered.
    window.__miPending = 0;
    const fetch0 = window.fetch;
    window.fetch = function (...args) {
        const url = String(args[0] && args[0].url || args[0]);
        if (!url.includes('_dash-update-component')) return fetch0.apply(this, args);
        window.__miPending += 1;
        return fetch0.apply(this, args).finally(() => { window.__miPending -= 1; });
    };
}"""

SETTLED = """([path, locale]) => {
    if (location.pathname !== path) return false;
    if (window.__miPending !== 0) return false;
    if (document.querySelector('[data-dash-is-loading="true"]')) return false;
    const lang = document.querySelector('#app-lang-radio input:checked');
    if (!lang || lang.value !== locale) return false;
    const main = document.querySelector('#main');
    return !!(main && main.querySelector('h1') && main.textContent.length > 20);
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser` (scripts/setup.sh dev does)")
    return AXE.read_text(encoding="utf-8")


def _findings(page, axe_source: str) -> list[str]:
    """Serious and critical findings, and landmark findings of any impact."""
    return violations(page, axe_source, landmarks=True)


class Walk:
    """One browser page that visits states and records what axe finds in each."""

    def __init__(self, page, server_url: str, axe_source: str) -> None:
        self.page = page
        self.url = server_url
        self.axe = axe_source
        self.found: dict[str, list[str]] = {}
        self.checked: list[str] = []
        page.add_init_script(f"({PENDING})()")

    def settle(self, path: str, locale: str) -> None:
        """Wait until the page's callbacks have answered and its content is there (the indicators page renders
        thousands of components: on a 2-core machine shared with other work it took two minutes at 390 px)."""
        try:
            self.page.wait_for_function(SETTLED, arg=[path, locale], polling=250, timeout=3 * WAIT_MS)
        except Exception as exc:  # say which part of the state never came
            seen = self.page.evaluate(
                """() => ({path: location.pathname, pending: window.__miPending,
                    loading: !!document.querySelector('[data-dash-is-loading="true"]'),
                    lang: (document.querySelector('#app-lang-radio input:checked') || {}).value,
                    h1: !!document.querySelector('#main h1')})"""
            )
            raise AssertionError(f"{path} ({locale}) did not settle: {seen}") from exc

    def check(self, name: str) -> None:
        self.checked.append(name)
        found = _findings(self.page, self.axe)
        if found:
            self.found[name] = found

    def open(self, path: str, locale: str = "ja") -> None:
        self.page.goto(f"{self.url}{path}{QUERY}&lang={locale}")
        self.settle(path, locale)
        self.check(f"{path} {locale}")

    def mode(self, path: str, mode: str) -> None:
        self.page.click(f"#{ids.MODE_LINKS} a:has-text('{MODE_WORDS[mode]}')")
        self.page.wait_for_function(
            "([mode, word]) => (mode === 'total' ? !location.search.includes('mode=')"
            " : location.search.includes('mode=' + mode))"
            " && document.querySelector('#app-mode-links a.is-current').textContent.startsWith(word)",
            arg=[mode, MODE_WORDS[mode]],
            timeout=WAIT_MS,
        )
        self.settle(path, "ja")
        self.check(f"{path} ja mode={mode}")

    def report(self) -> str:
        return "\n".join(f"{state}:\n  " + "\n  ".join(found) for state, found in self.found.items())


@pytest.mark.parametrize("width", [390, 1280])
def test_a11y101_every_page_and_mode_in_japanese(server_url, page_factory, axe_source, width):
    walk = Walk(page_factory(width, 844 if width == 390 else 900), server_url, axe_source)
    for path in [*layouts.PAGES, "/no-such-page"]:
        walk.open(path)
        if path in MODE_PAGES:
            walk.mode(path, "per_resident")
            walk.mode(path, "share")
    assert len(walk.checked) == len(layouts.PAGES) + 1 + 2 * len(MODE_PAGES)
    assert walk.found == {}, walk.report()


def test_a11y102_languages_compare_tools_handout_and_embed(server_url, page_factory, axe_source):
    page = page_factory(1280, 900)
    walk = Walk(page, server_url, axe_source)

    walk.open("/revenue")  # the language switch, used on a page with the mode switch shown
    for locale, label in (("en", "English"), ("easy", "やさしい日本語"), ("ja", "日本語")):
        page.click(f"#{ids.LANG_RADIO} label:has(input[value='{locale}'])")
        page.wait_for_function("(l) => location.search.includes('lang=' + l)", arg=locale, timeout=WAIT_MS)
        walk.settle("/revenue", locale)
        walk.check(f"/revenue after choosing {label}")

    for locale in ("en", "easy"):
        for path in layouts.PAGES:
            walk.open(path, locale)

    walk.open("/compare")  # choose bodies: take one out, then add it back (links that change the URL's ``with``)
    for action, link in (("removal", ".compare-remove"), ("addition", ".compare-add-link")):
        before = page.url
        page.locator(f"#{ids.COMPARE_SELECT} {link}").first.click()
        page.wait_for_function("(u) => location.href !== u", arg=before, timeout=WAIT_MS)
        walk.settle("/compare", "ja")
        page.wait_for_selector(f"#{ids.COMPARE_CONTENT} .table-scroll[role='region'][tabindex='0']", timeout=WAIT_MS)
        walk.check(f"/compare ja after the {action} of one body")

    walk.open("/revenue")  # a figure's tools opened
    page.locator(".figure-kit > summary").first.click()
    page.wait_for_selector(".figure-kit[open] .figure-permalink", timeout=WAIT_MS)
    walk.check("/revenue ja with a figure's tools open")

    page.goto(f"{server_url}/handout{QUERY}")
    page.wait_for_selector(".figure h3", timeout=WAIT_MS)
    walk.check("/handout")

    page.goto(f"{server_url}/embed/overview-trend{QUERY}")
    page.wait_for_selector(f"#{ids.EMBED_GRAPH} .main-svg .trace", timeout=WAIT_MS)
    page.wait_for_function("() => window.__miPending === 0", timeout=WAIT_MS)
    walk.check("/embed/overview-trend")

    assert walk.found == {}, walk.report()
    # /revenue, 3 languages, 2 × every page, /compare and 2 choices, /revenue and its tools, handout, embed
    assert len(walk.checked) == 1 + 3 + 2 * len(layouts.PAGES) + 1 + 2 + 1 + 1 + 2


def test_a11y103_a_card_shows_its_source_page_and_opens_the_full_line(server_url, page_factory):
    """A card ends with a short 出典 (document and page); one tap opens the full line; no transcription line."""
    page = page_factory(390, 844)
    page.goto(f"{server_url}/{QUERY}&lang=ja")
    card = page.locator(".kpi-card").first
    summary = card.locator(".source-summary")
    summary.wait_for(timeout=WAIT_MS)
    assert summary.inner_text().startswith("出典: 稚内市財政の状況 p.")
    assert not card.locator(".source-note").is_visible()
    summary.click()
    full = card.locator(".source-note")
    full.wait_for(state="visible", timeout=WAIT_MS)
    assert "稚内市政策調整部財政経営課" in full.inner_text() and "行" not in full.inner_text().split("発行）")[-1]
    SHOTS.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=str(SHOTS / "card-source-open-390.png"))
    assert page.errors == []
