"""Accessibility in a real browser: axe-core on every page (no serious or critical violations) and keyboard use.

axe-core comes from npm (``tests/browser/package.json``; ``scripts/setup.sh dev`` runs
``npm ci --prefix tests/browser``)
and is injected into each page with Playwright. Every page of :data:`layouts.PAGES` is checked for 稚内市 2013, plus
the not-found page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import layouts
from layouts import ids
from tests.browser.conftest import WAIT_MS

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
QUERY = "?m=012149&y=2013"
PATHS = [*layouts.PAGES, "/no-such-page"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser` (scripts/setup.sh dev does)")
    return AXE.read_text(encoding="utf-8")


def _ready(page) -> None:
    """The page content is rendered: a heading inside <main> and no Dash callback pending."""
    page.wait_for_selector("main h1", timeout=WAIT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
        " && document.querySelector('#main').innerText.length > 20",
        timeout=WAIT_MS,
    )
    page.wait_for_timeout(300)


def violations(page, axe_source: str, landmarks: bool = False) -> list[str]:
    """axe-core's serious and critical findings (and, with ``landmarks``, landmark findings of any impact)."""
    page.evaluate(axe_source + "\n;0")  # evaluated through the DevTools protocol: the site's CSP stays on
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n      " + "\n      ".join(v["nodes"])
        for v in result
        if v["impact"] in ("serious", "critical") or (landmarks and v["id"].startswith("landmark"))
    ]


def _serious(page, axe_source: str) -> list[str]:
    return violations(page, axe_source)


@pytest.mark.parametrize("path", PATHS)
def test_a11y001_no_serious_axe_violations(server_url, page_factory, axe_source, path):
    page = page_factory()
    page.goto(server_url + path + QUERY)
    _ready(page)
    found = _serious(page, axe_source)
    assert found == [], f"{path}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("path", ["/handout", "/present"])
def test_a11y003_handout_and_presenter_mode_have_no_serious_axe_violations(server_url, page_factory, axe_source, path):
    page = page_factory()
    page.goto(server_url + path + QUERY, timeout=3 * WAIT_MS)  # a cold cache draws every chart of the handout
    page.wait_for_selector(".figure h3")
    found = _serious(page, axe_source)
    assert found == [], f"{path}:\n  " + "\n  ".join(found)


def test_a11y002_keyboard_reaches_the_controls_with_visible_focus(server_url, page_factory):
    page = page_factory()
    page.goto(server_url + "/" + QUERY)
    _ready(page)
    wanted = {
        "municipality": f"#{ids.MUNICIPALITY_SELECT}",
        "year": f"#{ids.YEAR_SELECT}",
        "language": f"#{ids.LANG_RADIO}",
        "first nav link": f"#{ids.NAV} li:first-child a",
    }
    reached: dict[str, dict[str, str]] = {}
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """(wanted) => {
                const el = document.activeElement;
                const hit = Object.entries(wanted).find(([, sel]) => [...document.querySelectorAll(sel)]
                    .some(c => c === el || c.contains(el)));
                if (!hit) return null;
                const style = getComputedStyle(el);
                return {name: hit[0], outline: style.outlineStyle, width: style.outlineWidth,
                        shadow: style.boxShadow, tag: el.tagName};
            }""",
            wanted,
        )
        if info and info["name"] not in reached:
            reached[info["name"]] = info
        if len(reached) == len(wanted):
            break
    assert set(reached) == set(wanted), f"Tab reached only {sorted(reached)}"
    for name, info in reached.items():
        visible = (info["outline"] != "none" and info["width"] != "0px") or info["shadow"] not in ("", "none")
        assert visible, f"focus on {name} is not visible: {info}"
