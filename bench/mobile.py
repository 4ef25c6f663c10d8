"""Numbers on a phone: when the headline figure and every chart are visible, on Lighthouse's mobile profile.

Profile (Chromium DevTools protocol, as Lighthouse's "mobile" preset): CPU 4× slower, 1.6 Mbit/s down, 0.75 Mbit/s
up, 150 ms round trip; a 390 × 844 viewport; a new browser context per run (cold HTTP cache). Side by side in one
run, alternating the order (A B C D, D C B A, …):

- ``app``: this app as served (the first view: the page in its HTML, static SVG charts);
- ``app-no-first-view``: the same with ``MIERUKA_FIRST_VIEW=0`` (the page waits for the scripts and callbacks);
- ``dash-defaults``: ``MIERUKA_FIRST_VIEW=0 MIERUKA_COMPRESS=0 MIERUKA_PLOTLY_BUNDLE=full``;
- ``static``: the app's HTML of the same URL with every script removed, served as a file with its stylesheet —
  the limit: what the network and the browser need for the text alone.

"Headline visible" is when the browser paints the headline figure: the page's text nodes holding it are marked, as
the parser adds them, for the Element Timing API, whose ``renderTime`` is the paint of that text (ms from navigation
start; text that is hidden is not painted and has no time). "Every chart visible" is when the expected number of
charts have painted their text, all in the first view (static SVG charts) or all in the live app (plotly) —
whichever comes first. First contentful paint is reported beside them. A page whose main thread is busy running
scripts, or whose stylesheet has not arrived, paints nothing, so these times are what a reader sees.

Usage: .venv/bin/python bench/mobile.py [--path "/?m=012149&y=2013"] [--headline 246億4,984万円] [-n 3] [--markdown]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import tempfile
import threading
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from first_visit import ARGS as CHROMIUM_ARGS
from first_visit import CHROMIUM
from lib import gunicorn, median

ROOT = Path(__file__).resolve().parent.parent
CPU_SLOWDOWN = 4
DOWN_BPS, UP_BPS, RTT_MS = 1.6e6 / 8, 0.75e6 / 8, 150
TIMEOUT_MS = 90_000
WATCH = """([headline]) => {
    const painted = {headline: [], first: {}, live: {}};
    window.__mierukaPainted = painted;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            if (entry.identifier === "headline") { painted.headline.push(entry.renderTime); continue; }
            const chart = entry.element && entry.element.closest("[data-chart]");
            if (!chart) { continue; }
            const side = chart.closest("#react-entry-point") ? painted.live : painted.first;
            const key = chart.getAttribute("data-chart");
            side[key] = Math.min(side[key] ?? Infinity, entry.renderTime);
        }
    }).observe({type: "element", buffered: true});
    let charts = 0;
    const mark = (root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent) { continue; }
            if (node.data.includes(headline)) { parent.setAttribute("elementtiming", "headline"); }
            const chart = parent.closest("svg.static-chart, .js-plotly-plot");
            if (chart && node.data.trim()) {
                if (!chart.hasAttribute("data-chart")) { chart.setAttribute("data-chart", String(charts++)); }
                parent.setAttribute("elementtiming", "chart");
            }
        }
    };
    new MutationObserver((records) => {
        for (const record of records) {
            for (const node of record.addedNodes) {
                if (node.nodeType === Node.TEXT_NODE && node.parentNode) { mark(node.parentNode); }
                else if (node.nodeType === Node.ELEMENT_NODE) { mark(node); }
            }
        }
    }).observe(document, {childList: true, subtree: true});
}"""
"""Installed before the page's own scripts run (and before its HTML is parsed)."""
SEEN = """(expected) => {
    const painted = window.__mierukaPainted;
    const allOf = (side) => {
        const times = Object.values(side);
        return times.length >= expected ? Math.max(...times) : null;
    };
    const sides = [allOf(painted.first), allOf(painted.live)].filter((t) => t !== null);
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return {
        headline: painted.headline.length ? Math.min(...painted.headline) : null,
        charts: sides.length ? Math.min(...sides) : null,
        fcp: paint ? paint.startTime : null,
    };
}"""


def _throttled(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": RTT_MS, "downloadThroughput": DOWN_BPS, "uploadThroughput": UP_BPS},
    )


def _static_copy(base: str, path: str, folder: Path) -> None:
    """The app's HTML of ``path`` without scripts, with its stylesheets saved beside it."""
    with urllib.request.urlopen(base + path, timeout=30) as response:
        page = response.read().decode()
    page = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.S)
    for n, href in enumerate(re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', page)):
        with urllib.request.urlopen(base + href, timeout=30) as response:
            (folder / f"style{n}.css").write_bytes(response.read())
        page = page.replace(f'href="{href}"', f'href="/style{n}.css"')
    (folder / "index.html").write_text(page)


def _serve_folder(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def _visit(browser, url: str, headline: str, expected: int) -> dict[str, float | None]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ja-JP", is_mobile=True)
    try:
        page = context.new_page()
        _throttled(context, page)
        page.add_init_script(f"({WATCH})({json.dumps([headline], ensure_ascii=False)})")
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(
            f"(expected) => {{ const s = ({SEEN})(expected); return s.headline !== null && s.charts !== null; }}",
            arg=expected,
            timeout=TIMEOUT_MS,
            polling=100,
        )
        got = page.evaluate(SEEN, expected)
        seen = {key: None if got[key] is None else float(got[key]) for key in ("headline", "charts", "fcp")}
        return seen
    finally:
        context.close()


def measure(path: str, headline: str, n: int) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    configs = {
        "app": {},
        "app-no-first-view": {"MIERUKA_FIRST_VIEW": "0"},
        "dash-defaults": {"MIERUKA_FIRST_VIEW": "0", "MIERUKA_COMPRESS": "0", "MIERUKA_PLOTLY_BUNDLE": "full"},
    }
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        urls = {}
        for name, env in configs.items():
            server = stack.enter_context(gunicorn(f"mobile-{name}", ROOT, out, env))
            urls[name] = server.url + path
        _static_copy(urls["app"].removesuffix(path), path, Path(tmp))
        static_url, static_server = _serve_folder(Path(tmp))
        stack.callback(static_server.shutdown)
        urls["static"] = static_url + "/index.html"
        runs: dict[str, list[dict[str, float | None]]] = {name: [] for name in urls}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                warm = browser.new_page()
                for name in configs:  # unmeasured: warm the server caches, count the charts
                    warm.goto(urls[name], wait_until="networkidle", timeout=TIMEOUT_MS)
                expected = int(warm.evaluate("document.querySelectorAll('#react-entry-point .js-plotly-plot').length"))
                warm.close()
                names = list(urls)
                for i in range(n):
                    for name in names if i % 2 == 0 else list(reversed(names)):
                        runs[name].append(_visit(browser, urls[name], headline, expected))
            finally:
                browser.close()

    def med(rows: list[dict[str, float | None]], key: str) -> float | None:
        values = [r[key] for r in rows if r[key] is not None]
        return median(values) if len(values) == len(rows) and values else None  # type: ignore[arg-type]

    return {
        "path": path,
        "headline": headline,
        "charts_expected": expected,
        "profile": (
            f"CPU {CPU_SLOWDOWN}× slower, {DOWN_BPS * 8 / 1e6:.1f}/{UP_BPS * 8 / 1e6:.2f} Mbit/s, {RTT_MS} ms RTT"
        ),
        "results": {
            name: {
                "headline_ms": med(rows, "headline"),
                "charts_ms": med(rows, "charts"),
                "fcp_ms": med(rows, "fcp"),
                "runs": rows,
            }
            for name, rows in runs.items()
        },
    }


def markdown(result: dict[str, object]) -> str:
    rows = result["results"]
    assert isinstance(rows, dict)
    static = rows["static"]["headline_ms"]
    lines = [
        f"Page `{result['path']}`, headline 「{result['headline']}」, {result['charts_expected']} charts; "
        f"{result['profile']}; median of {len(rows['app']['runs'])} runs, each in a new context.",
        "",
        "| configuration | first contentful paint (ms) | headline visible (ms) | every chart visible (ms) "
        "| headline ÷ static copy |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in rows.items():
        head, charts, fcp = row["headline_ms"], row["charts_ms"], row["fcp_ms"]
        ratio = f"{head / static:.2f}" if head and static else "—"
        cells = ("—" if value is None else f"{value:,.0f}" for value in (fcp, head, charts))
        lines.append(f"| {name} | {' | '.join(cells)} | {ratio} |")
    app = rows["app"]
    verdicts = [
        ("headline visible ≤ 1,000 ms", app["headline_ms"] is not None and app["headline_ms"] <= 1000),
        ("every chart visible ≤ 2,500 ms", app["charts_ms"] is not None and app["charts_ms"] <= 2500),
        (
            "headline ≤ 1.5 × the static copy",
            bool(app["headline_ms"] and static and app["headline_ms"] <= 1.5 * static),
        ),
    ]
    lines += ["", *(f"- {name}: **{'met' if ok else 'missed'}**" for name, ok in verdicts)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/?m=012149&y=2013")
    parser.add_argument("--headline", default="246億4,984万円")
    parser.add_argument("-n", type=int, default=3)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    result = measure(args.path, args.headline, args.n)
    print(markdown(result) if args.markdown else json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
