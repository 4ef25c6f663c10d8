"""Soak test: 50 simulated users for 5 minutes against gunicorn on loopback; errors and worker memory growth.

Usage: ``.venv/bin/python bench/soak.py [--seconds 300] [--users 50]``. Starts its own gunicorn (2 sync workers,
FileSystemCache in a temporary folder, worker recycling off so that a leak cannot hide behind ``max_requests``),
runs the users (threads; each loads a page, its layout and callbacks, then thinks 0.5–2 s), samples the resident
memory (VmRSS) of every worker every 5 s, stops everything it started and writes ``bench/SOAK.md``.
Targets: 0 errors, worker memory growth < 5 % from the end of the warm-up (first 60 s) to the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layouts import ids  # noqa: E402

PAGES = ["/", "/indicators", "/revenue", "/expenditure", "/funds", "/debt", "/staff", "/enterprise", "/household",
         "/tax", "/glossary"]  # fmt: skip
VIEWS = [("012149", y) for y in (1999, 2004, 2009, 2010, 2011, 2012, 2013)]
VIEWS += [("015130", y) for y in range(2007, 2012)] + [("012068", y) for y in range(2002, 2012)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def workers(master: int) -> dict[int, int]:
    """Worker PID -> VmRSS in KiB."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) != master:
                continue
            status = (entry / "status").read_text()
        except OSError:
            continue
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        found[int(entry.name)] = rss
    return found


def overview_body(code: str, year: int, locale: str) -> bytes:
    value = {"municipality": code, "year": year, "locale": locale}
    return json.dumps(
        {
            "output": f"{ids.OVERVIEW_CONTENT}.children",
            "outputs": {"id": ids.OVERVIEW_CONTENT, "property": "children"},
            "inputs": [{"id": ids.STATE_STORE, "property": "data", "value": value}],
            "changedPropIds": [f"{ids.STATE_STORE}.data"],
        }
    ).encode()


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


def request(stats: Stats, kind: str, url: str, body: bytes | None = None) -> None:
    headers = {"Accept-Encoding": "br, gzip"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    start = time.perf_counter()
    error = None
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            response.read()
            if response.status != 200:
                error = f"HTTP {response.status}"
    except Exception as exc:  # every failure counts as an error of the soak
        error = repr(exc)
    stats.record(kind, time.perf_counter() - start, error)


def user(n: int, base: str, stats: Stats, stop: threading.Event) -> None:
    rng = random.Random(n)
    while not stop.is_set():
        code, year = rng.choice(VIEWS)
        locale = "en" if rng.random() < 0.2 else "ja"
        page = rng.choice(PAGES)
        request(stats, "page", f"{base}{page}?m={code}&y={year}&lang={locale}")
        request(stats, "layout", f"{base}/_dash-layout")
        request(stats, "dependencies", f"{base}/_dash-dependencies")
        for _ in range(rng.randint(1, 3)):  # first view, then a year or language switch
            request(stats, "callback", f"{base}/_dash-update-component", overview_body(code, year, locale))
            code, year = rng.choice(VIEWS)
        stop.wait(rng.uniform(0.5, 2.0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--out", default=str(ROOT / "bench" / "SOAK.md"))
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="mieruka-soak-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MIERUKA_BIND": f"127.0.0.1:{port}", "MIERUKA_WORKERS": "2",
           "MIERUKA_CACHE_TYPE": "FileSystemCache", "MIERUKA_CACHE_DIR": str(tmp / "cache"),
           "MIERUKA_ACCESS_LOG": str(tmp / "access.log")}  # fmt: skip
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (tmp / "gunicorn.log").open("wb")
    proc = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "--max-requests", "0", "app:server"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    samples: list[tuple[float, dict[int, int]]] = []
    stats = Stats()
    stop = threading.Event()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        while len(workers(proc.pid)) < 2:
            time.sleep(0.1)
        threads = [threading.Thread(target=user, args=(n, base, stats, stop), daemon=True) for n in range(args.users)]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        while time.monotonic() - start < args.seconds:
            samples.append((time.monotonic() - start, workers(proc.pid)))
            time.sleep(5)
        stop.set()
        for thread in threads:
            thread.join(timeout=40)
        samples.append((time.monotonic() - start, workers(proc.pid)))
        elapsed = time.monotonic() - start
    finally:
        stop.set()
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    write_report(args, stats, samples, elapsed)


def write_report(args: argparse.Namespace, stats: Stats, samples: list[tuple[float, dict[int, int]]], elapsed: float):
    after_warmup = next(s for s in samples if s[0] >= args.warmup)
    final = samples[-1]
    pids = sorted(set(after_warmup[1]) & set(final[1]))
    growth = {pid: (final[1][pid] - after_warmup[1][pid]) / after_warmup[1][pid] * 100 for pid in pids}
    replaced = set(samples[0][1]) != set(final[1])
    total = sum(len(v) for v in stats.latencies.values())
    worst = max(growth.values()) if growth else float("nan")
    ok = not stats.errors and worst < 5 and not replaced
    lines = [
        "# Soak benchmark",
        "",
        f"`bench/soak.py --seconds {args.seconds} --users {args.users}` — gunicorn 2 sync workers (`--max-requests 0`,",
        "so that recycling cannot hide a leak), FileSystemCache, client and server on the same 2 loopback cores.",
        "Each user: a page (random of 11, municipality, year, 20 % English), `/_dash-layout`, `/_dash-dependencies`,",
        "1–3 overview callbacks, then 0.5–2 s of thinking.",
        f"Run: {time.strftime('%Y-%m-%d %H:%M', time.localtime())}, Python {sys.version.split()[0]}.",
        "",
        f"**Result: {'PASS' if ok else 'FAIL'}** — {len(stats.errors)} errors in {total:,} requests "
        f"({total / elapsed:.1f} req/s over {elapsed:.0f} s); worst worker memory growth after the "
        f"{args.warmup} s warm-up {worst:+.2f} % (target 0 errors, < 5 %); "
        f"workers replaced: {'yes' if replaced else 'no'}.",
        "",
        "| request | count | p50 ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for kind, values in sorted(stats.latencies.items()):
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        lines.append(
            f"| {kind} | {len(values):,} | {statistics.median(values) * 1000:.1f} | {p95 * 1000:.1f} | "
            f"{ordered[-1] * 1000:.1f} |"
        )
    lines += ["", "| worker | RSS at start (MiB) | after warm-up | end | growth after warm-up |"]
    lines += ["| --- | ---: | ---: | ---: | ---: |"]
    for pid in pids:
        first = samples[0][1].get(pid, 0)
        lines.append(
            f"| {pid} | {first / 1024:.1f} | {after_warmup[1][pid] / 1024:.1f} | {final[1][pid] / 1024:.1f} | "
            f"{growth[pid]:+.2f} % |"
        )
    lines += ["", "RSS samples every 5 s (MiB, per worker):", "", "```"]
    for t, rss in samples[:: max(1, len(samples) // 20)]:
        lines.append(f"{t:6.0f} s  " + "  ".join(f"{v / 1024:6.1f}" for _, v in sorted(rss.items())))
    lines.append("```")
    if stats.errors:
        lines += ["", "First errors:", "", *[f"- `{e}`" for e in stats.errors[:20]]]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stdout.write("\n".join(lines[8:10]) + "\n")


if __name__ == "__main__":
    main()
