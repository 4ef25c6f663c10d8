"""Callback latency: sequential POSTs to ``/_dash-update-component``, a new TCP connection for every request.

The bodies are the ones Dash's renderer posts when the view state changes (built from ``/_dash-dependencies`` for
the callbacks whose only input is ``app-state-store.data``), rotated over three municipalities. The client sends a
browser's ``Accept-Encoding``, so response compression is part of the figure. A new connection per request lets
both workers serve (the access log records the worker PID of every request; the count of distinct PIDs is
reported). Time = connect + request + full response read, measured in the client with ``perf_counter``.

Usage (stand-alone): latency.py URL [-n 200] [--warm]
"""

from __future__ import annotations

import argparse
import http.client
import json
import time
from pathlib import Path

from lib import BROWSER_HEADERS, VIEWS, StateCallback, median, percentile, state_callbacks


def post_once(host: str, port: int, body: bytes, headers: dict[str, str]) -> tuple[float, int, int]:
    """(milliseconds, status, body bytes) of one POST on a fresh connection."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("POST", "/_dash-update-component", body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    return (time.perf_counter() - start) * 1000, response.status, len(data)


def worker_pids(access_log: Path, start_line: int) -> set[str]:
    if not access_log.exists():
        return set()
    lines = access_log.read_text(errors="replace").splitlines()[start_line:]
    return {line.split(" ", 1)[0] for line in lines if "/_dash-update-component" in line}


def count_lines(path: Path) -> int:
    return len(path.read_text(errors="replace").splitlines()) if path.exists() else 0


def measure(
    base_url: str,
    n: int,
    warm: bool,
    access_log: Path | None = None,
    callbacks: list[StateCallback] | None = None,
    time_budget_s: float = 60,
    headers: dict[str, str] | None = None,
) -> dict[str, object]:
    """Latency of every view-state callback: ``n`` requests each, each callback bounded by ``time_budget_s``."""
    host, port = base_url.removeprefix("http://").split(":")
    headers = headers or BROWSER_HEADERS
    callbacks = callbacks if callbacks is not None else state_callbacks(base_url)
    results: dict[str, object] = {}
    for cb in callbacks:
        bodies = [cb.body(m, y).encode() for m, y in VIEWS]
        if warm:  # fill the shared cache through both workers before measuring
            for body in bodies * 4:
                post_once(host, int(port), body, headers)
        first_line = count_lines(access_log) if access_log else 0
        times: list[float] = []
        statuses: dict[int, int] = {}
        sizes: list[int] = []
        deadline = time.monotonic() + time_budget_s
        for i in range(n):
            if time.monotonic() > deadline:
                break
            ms, status, size = post_once(host, int(port), bodies[i % len(bodies)], headers)
            times.append(ms)
            statuses[status] = statuses.get(status, 0) + 1
            sizes.append(size)
        pids = worker_pids(access_log, first_line) if access_log else set()
        results[cb.label] = {
            "output": cb.output,
            "page": cb.is_page,
            "n": len(times),
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "max": max(times) if times else float("nan"),
            "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "bytes_median": median(sizes),
            "workers": len(pids),
            "truncated_by_time": len(times) < n,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--warm", action="store_true")
    args = parser.parse_args()
    print(json.dumps(measure(args.url.rstrip("/"), args.n, args.warm), indent=2))


if __name__ == "__main__":
    main()
