"""First and repeat visit of a page in headless Debian Chromium (Playwright): bytes on the wire, time to charts.

For every run a new browser context (empty HTTP cache) loads the page; "charts drawn" is the first moment (polled
every 10 ms, ms from navigation start) at which the page holds at least the expected number of ``.js-plotly-plot``
and every one contains ``.main-svg .trace``. The expected number is counted once per server in an unmeasured
warm-up visit that waits for the network to go idle (it also warms the server's caches). Then the same context
reloads the page: the repeat visit. Configurations are measured alternately (A B, B A, …) so that drift of the
machine hits them alike.

Usage (stand-alone): first_visit.py URL [URL …] --path "/?m=012149&y=2013" -n 7 [--throttle-mbit 10]
"""

from __future__ import annotations

import argparse
import json
import time
from urllib.parse import urlsplit

from lib import median

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHARTS_DRAWN = """(expected) => {
    const gs = document.querySelectorAll('.js-plotly-plot');
    if (gs.length < Math.max(1, expected)) return false;
    for (const g of gs) if (!g.querySelector('.main-svg .trace')) return false;
    return performance.now();
}"""
ENTRIES = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const all = [nav, ...res];
    return {
        transfer: all.reduce((s, e) => s + (e.transferSize || 0), 0),
        decoded: all.reduce((s, e) => s + (e.decodedBodySize || 0), 0),
        requests: all.length,
        ttfb: nav.responseStart,
        dcl: nav.domContentLoadedEventEnd,
        largest: res.map(e => [e.name, e.transferSize]).sort((a, b) => b[1] - a[1]).slice(0, 5),
    };
}"""
TIMEOUT_MS = 60_000


def _throttle(context, page, mbit: float | None, rtt_ms: float) -> None:
    if not mbit:
        return
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = mbit * 1_000_000 / 8
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": rtt_ms, "downloadThroughput": rate, "uploadThroughput": rate},
    )


def _visit(page, url: str, expected: int, reload: bool = False) -> dict[str, object]:
    if reload:
        page.reload(wait_until="domcontentloaded", timeout=TIMEOUT_MS)
    else:
        page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
    drawn = page.wait_for_function(CHARTS_DRAWN, arg=expected, polling=10, timeout=TIMEOUT_MS).json_value()
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)  # late lazy chunks count as bytes of the visit
    entries = page.evaluate(ENTRIES)
    return {"charts_ms": float(drawn), **entries}


def measure(
    urls: dict[str, str],
    path: str,
    n: int,
    throttle_mbit: float | None = None,
    rtt_ms: float = 20,
    repeat: bool = True,
    time_budget_s: float = 240,
) -> dict[str, object]:
    """Measure every configuration in ``urls`` (name → base URL) ``n`` times, bounded by ``time_budget_s``."""
    from playwright.sync_api import sync_playwright

    runs: dict[str, list[dict[str, object]]] = {name: [] for name in urls}
    repeats: dict[str, list[dict[str, object]]] = {name: [] for name in urls}
    expected: dict[str, int] = {}
    foreign: set[str] = set()
    errors: dict[str, list[str]] = {name: [] for name in urls}
    deadline = time.monotonic() + time_budget_s
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:

            def new_page(name: str):
                context = browser.new_context(viewport={"width": 1000, "height": 1600}, locale="ja-JP")
                page = context.new_page()
                page.on("request", lambda r: foreign.add(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
                page.on("console", lambda m: m.type == "error" and errors[name].append(m.text))
                page.on("pageerror", lambda e: errors[name].append(str(e)))
                _throttle(context, page, throttle_mbit, rtt_ms)
                return context, page

            for name, base in urls.items():  # unmeasured warm-up: count the charts, warm the server
                context, page = new_page(name)
                page.goto(base + path, wait_until="networkidle", timeout=TIMEOUT_MS)
                page.wait_for_function(CHARTS_DRAWN, arg=1, polling=50, timeout=TIMEOUT_MS)
                page.wait_for_timeout(500)
                expected[name] = int(page.evaluate("document.querySelectorAll('.js-plotly-plot').length"))
                context.close()
            names = list(urls)
            for i in range(n):
                if time.monotonic() > deadline:
                    break
                for name in names if i % 2 == 0 else list(reversed(names)):
                    context, page = new_page(name)
                    try:
                        runs[name].append(_visit(page, urls[name] + path, expected[name]))
                        if repeat:
                            repeats[name].append(_visit(page, urls[name] + path, expected[name], reload=True))
                    finally:
                        context.close()
        finally:
            browser.close()

    def summary(rows: list[dict[str, object]]) -> dict[str, object]:
        return {
            "n": len(rows),
            "charts_ms": median([float(r["charts_ms"]) for r in rows]),  # type: ignore[arg-type]
            "transfer": median([float(r["transfer"]) for r in rows]),  # type: ignore[arg-type]
            "decoded": median([float(r["decoded"]) for r in rows]),  # type: ignore[arg-type]
            "requests": median([float(r["requests"]) for r in rows]),  # type: ignore[arg-type]
            "ttfb": median([float(r["ttfb"]) for r in rows]),  # type: ignore[arg-type]
            "dcl": median([float(r["dcl"]) for r in rows]),  # type: ignore[arg-type]
            "charts_all": [round(float(r["charts_ms"]), 1) for r in rows],  # type: ignore[arg-type]
            "largest": rows[0]["largest"] if rows else [],
        }

    return {
        "path": path,
        "throttle_mbit": throttle_mbit,
        "rtt_ms": rtt_ms if throttle_mbit else 0,
        "charts_expected": expected,
        "first": {name: summary(rows) for name, rows in runs.items()},
        "repeat": {name: summary(rows) for name, rows in repeats.items()} if repeat else {},
        "foreign_requests": sorted(foreign),
        "console_errors": {name: sorted(set(e))[:5] for name, e in errors.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--path", default="/?m=012149&y=2013")
    parser.add_argument("-n", type=int, default=7)
    parser.add_argument("--throttle-mbit", type=float, default=None)
    args = parser.parse_args()
    urls = {f"s{i}": url.rstrip("/") for i, url in enumerate(args.urls)}
    print(json.dumps(measure(urls, args.path, args.n, args.throttle_mbit), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
