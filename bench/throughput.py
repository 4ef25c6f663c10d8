"""Throughput with wrk on loopback: GET / and the page callbacks (POST, rotating over three municipalities).

Every run is ``wrk -t2 -cC -dDs --timeout 10s --latency`` with a browser's ``Accept-Encoding``; callbacks use
``bench/post_callbacks.lua`` with a file of request bodies (one per line). wrk shares the machine's cores with the
server, so the numbers are a lower bound for a server that has its cores to itself.

Usage (stand-alone): throughput.py URL [--duration 15] [--connections 20 100]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from lib import VIEWS, StateCallback, state_callbacks

HERE = Path(__file__).resolve().parent
LUA = HERE / "post_callbacks.lua"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def parse(output: str) -> dict[str, object]:
    """The figures of wrk's text report."""
    result: dict[str, object] = {"rps": float("nan"), "requests": 0, "non_2xx_3xx": 0, "socket_errors": {}}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["rps"] = float(m.group(1))
    if m := re.search(r"(\d+) requests in ([\d.]+\w+)", output):
        result["requests"] = int(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result["non_2xx_3xx"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        result["socket_errors"] = dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups()), strict=True))
    for pct in ("50", "90", "99"):
        if m := re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", output, re.MULTILINE):
            result[f"p{pct}_ms"] = _ms(m.group(1))
    return result


def drain(url: str, max_wait_s: float = 60) -> float:
    """Wait (bounded) until the server answers ``/health`` within 50 ms again.

    When wrk stops, requests it already sent are still queued in the workers; without this the next run would
    start against that backlog. Returns the seconds waited.
    """
    start = time.monotonic()
    while time.monotonic() - start < max_wait_s:
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(url + "/health", timeout=10) as response:
                response.read()
        except OSError:
            pass
        if time.monotonic() - t0 < 0.05:
            break
        time.sleep(0.5)
    return time.monotonic() - start


def run_wrk(url: str, connections: int, duration_s: int, bodies_file: Path | None = None) -> dict[str, object]:
    drained = drain(url)
    started = time.monotonic()
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration_s}s", "--timeout", "10s", "--latency"]
    if bodies_file is None:
        cmd += ["-H", "Accept-Encoding: gzip, deflate, br, zstd", url + "/"]
    else:
        cmd += ["-s", str(LUA), url, "--", str(bodies_file)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration_s + 60, check=False)
    result = parse(out.stdout)
    result["connections"] = connections
    result["duration_s"] = duration_s
    result["wall_s"] = round(time.monotonic() - started, 1)
    result["drain_s"] = round(drained, 1)
    if out.returncode != 0:
        result["error"] = (out.stderr or out.stdout).strip()[-500:]
    return result


def targets(base_url: str) -> list[tuple[str, list[StateCallback]]]:
    """What wrk hits: the overview callback alone, then all page callbacks rotated together (if more than one)."""
    pages = [cb for cb in state_callbacks(base_url) if cb.is_page]
    out = [(cb.label, [cb]) for cb in pages if cb.output.startswith("overview-")]
    if len(pages) > 1:
        out.append((f"all {len(pages)} page callbacks, rotated", pages))
    return out


def measure(
    base_url: str, connections: tuple[int, ...], duration_s: int, out_dir: Path, get_index: bool = True
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    if get_index:
        rows += [{"target": "GET /", **run_wrk(base_url, c, duration_s)} for c in connections]
    for label, callbacks in targets(base_url):
        lines = [cb.body(m, y) for m, y in VIEWS for cb in callbacks]
        with tempfile.NamedTemporaryFile(
            "w", dir=out_dir, prefix="bodies-", suffix=".jsonl", delete=False, encoding="utf-8"
        ) as f:
            f.write("\n".join(lines) + "\n")
        for c in connections:
            rows.append({"target": f"POST {label}", **run_wrk(base_url, c, duration_s, Path(f.name))})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, nargs="+", default=[20, 100])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = measure(args.url.rstrip("/"), tuple(args.connections), args.duration, Path(tmp))
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
