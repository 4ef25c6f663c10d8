"""A soak under attack: 50 ordinary visitors plus the attack mix of issue 14 against one gunicorn (shipped config).

Visitors (threads, 1–3 s of reading between requests) open pages, fire the callbacks a page fires and fetch an
already rendered print image. Meanwhile: two clients trickle requests at 1 byte/s, one requests uncached handout
PDFs back to back, one sends forged tax callbacks with ever new amounts (cache eviction), one replays the
adversarial corpus, one asks for figures with forged Host headers. Reports the visitors' p50/p95/max and errors,
what the attackers got, and the RSS of the server's process tree over time.

Run: ``.venv/bin/python bench/soak_attack.py [--seconds 300]`` → ``bench/SOAK_ATTACK.md``. Loopback only, bounded in
time; the server is stopped by its PID.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stays_up import start  # noqa: E402
from tests.http_corpus import make_requests  # noqa: E402
from tests.integration.test_export_process import _descendants  # noqa: E402
from tests.integration.test_multi_instance import _stop  # noqa: E402
from tests.integration.test_stays_up import SLOW_BODY, SLOW_HEADERS, trickle  # noqa: E402

OUT = ROOT / "bench" / "SOAK_ATTACK.md"
VISITORS = 50
STATE = {"m": "012149", "y": 2013, "mode": "total", "lang": "ja"}
PAGES = ["/", "/revenue", "/expenditure", "/indicators", "/funds", "/debt", "/household", "/tax", "/compare"]
CONTENT = ["overview", "revenue", "expenditure", "indicators", "funds", "debt", "household"]
FIGURE = "/figure/revenue/revenue-trend.png?m=012149&y=2013&size=1col"


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
            timeout: float = 120) -> int:  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def callback(content: str, extra: list[dict[str, object]] | None = None) -> bytes:
    inputs = [{"id": "app-state-store", "property": "data", "value": STATE}, *(extra or [])]
    body = {
        "output": f"{content}-content.children",
        "outputs": {"id": f"{content}-content", "property": "children"},
        "inputs": inputs,
        "changedPropIds": ["app-state-store.data"],
    }
    return json.dumps(body).encode()


class Record:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.statuses: Counter[str] = Counter()

    def add(self, status: int | str, seconds: float | None = None) -> None:
        with self.lock:
            self.statuses[str(status)] += 1
            if seconds is not None:
                self.times.append(seconds)


def visitor(port: int, stop: threading.Event, record: Record, seed: int) -> None:
    rng = random.Random(seed)
    json_headers = {"Content-Type": "application/json"}
    while not stop.is_set():
        roll = rng.random()
        started = time.monotonic()
        try:
            if roll < 0.4:
                status = request(port, "GET", rng.choice(PAGES) + "?m=012149&y=2013")
            elif roll < 0.9:
                status = request(port, "POST", "/_dash-update-component", callback(rng.choice(CONTENT)), json_headers)
            else:
                status = request(port, "GET", FIGURE)
        except OSError as exc:
            record.add(type(exc).__name__)
            continue
        record.add(status, time.monotonic() - started)
        stop.wait(rng.uniform(1.0, 3.0))


def attacker(name: str, port: int, stop: threading.Event, records: dict[str, Record]) -> None:
    record = records.setdefault(name, Record())
    n = 0
    corpus: list[dict[str, object]] = []
    if name == "corpus":
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/_dash-dependencies")
        corpus = make_requests.build(json.loads(conn.getresponse().read()))
        conn.close()
    while not stop.is_set():
        n += 1
        try:
            if name == "trickle":
                trickle(port, SLOW_HEADERS if n % 2 else SLOW_BODY, stop, 60)
                status: int | str = "trickled"
            elif name == "handouts":  # a new view each time: never cached
                mode = ["total", "per_resident", "share"][n % 3]
                paper = ["a4", "a3"][(n // 3) % 2]
                palette = ["color", "gray"][(n // 6) % 2]
                lang = ["ja", "en"][(n // 12) % 2]
                path = f"/handout.pdf?m=012149&y=2013&paper={paper}&palette={palette}&lang={lang}"
                status = request(port, "GET", path + (f"&mode={mode}" if mode != "total" else ""))
            elif name == "tax":
                extra = [{"id": "tax-amount-input", "property": "value", "value": 1000 + n}]
                body = callback("tax", extra)
                status = request(port, "POST", "/_dash-update-component", body, {"Content-Type": "application/json"})
                stop.wait(0.05)
            elif name == "corpus":
                item = corpus[n % len(corpus)]
                body = (
                    bytes.fromhex(str(item["body_hex"])) if "body_hex" in item else str(item.get("body", "")).encode()
                )
                headers = {"Content-Type": str(item["content_type"])} if item["content_type"] else {}
                status = request(port, str(item["method"]), str(item["path"]), body or None, headers)
                stop.wait(0.05)
            else:  # forged Host headers
                status = request(port, "GET", FIGURE, headers={"Host": f"evil{n}.example"})
                stop.wait(0.2)
        except OSError as exc:
            status = type(exc).__name__
        record.add(status)


def rss_mb(master: int) -> float:
    total = 0
    for pid in [master, *_descendants(master)]:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=300)
    seconds = min(parser.parse_args().seconds, 900)
    with tempfile.TemporaryDirectory(prefix="mieruka-soak-") as folder:
        proc, port = start(Path(folder), "gthread")
        stop = threading.Event()
        visitors = Record()
        attacks: dict[str, Record] = {}
        rss: list[tuple[int, float]] = []
        try:
            assert request(port, "GET", FIGURE) == 200  # the figure visitors fetch is rendered once before
            threads = [threading.Thread(target=visitor, args=(port, stop, visitors, n), daemon=True)
                       for n in range(VISITORS)]  # fmt: skip
            for name in ("trickle", "trickle", "handouts", "tax", "corpus", "hosts"):
                threads.append(threading.Thread(target=attacker, args=(name, port, stop, attacks), daemon=True))
            started = time.monotonic()
            for thread in threads:
                thread.start()
            while time.monotonic() - started < seconds:
                rss.append((round(time.monotonic() - started), rss_mb(proc.pid)))
                time.sleep(10)
            stop.set()
            for thread in threads:
                thread.join(timeout=150)
        finally:
            stop.set()
            _stop(proc)
    times = sorted(visitors.times)
    p95 = times[int(len(times) * 0.95)] if times else float("nan")
    errors = sum(c for s, c in visitors.statuses.items() if not s.isdigit() or int(s) >= 500)
    lines = [
        "# Soak under attack (`bench/soak_attack.py`; the plain soak is `bench/soak.py`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {seconds} s, on {platform.machine()} with "
        f"{os.cpu_count()} cores shared with other work; clients and server on the same cores (loopback); shipped "
        "gunicorn.conf.py (2 gthread workers × 8 threads), render slots 2 + queue 4.",
        "",
        f"**{VISITORS} visitors**: {len(times)} requests, p50 {statistics.median(times):.3f} s, p95 {p95:.3f} s, "
        f"max {times[-1]:.3f} s; statuses {dict(visitors.statuses)}; **errors (5xx or no answer): {errors}**.",
        "",
        "| attacker | answers |",
        "| --- | --- |",
        *(f"| {name} | {dict(r.statuses)} |" for name, r in attacks.items()),
        "",
        "RSS of the server's process tree (master, workers, export process and Chromium), MB:",
        "",
        "| s | " + " | ".join(str(t) for t, _ in rss) + " |",
        "|---|" + "---|" * len(rss),
        "| MB | " + " | ".join(f"{m:.0f}" for _, m in rss) + " |",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines))


if __name__ == "__main__":
    main()
