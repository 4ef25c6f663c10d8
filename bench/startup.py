"""Start-up with the built-in data (``data/`` + ``data/national/``): load + validate time, memory, request latency.

Usage: .venv/bin/python bench/startup.py [--repeat 3] [--samples 60] [--markdown]

Each run is a fresh interpreter doing what the server does once at start (``repository.init("data")``), then
calling the overview and indicators callbacks uncached (NullCache) for the three seed bodies and for random
bodies of the national tables, so that a page of a body with a few rows and one of the 1,788 bodies can be
compared. Prints numbers; not a test. Targets (issue 18): load + validate ≤ 3 s and ≤ 500 MB RSS; request
latency independent of the number of bodies.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, random, resource, statistics, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
from finance import repository
t1 = time.perf_counter(); c1 = time.process_time()
ds = repository.init("data")
t2 = time.perf_counter(); c2 = time.process_time()
rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from flask import Flask
from web.cache import cache
from callbacks import indicators, overview
from finance import viewstate
server = Flask("bench")
cache.init_app(server, config={"CACHE_TYPE": "NullCache"})
rng = random.Random(7)
national = sorted(ds.codes - ds.seed_codes)
timings = {"seed": [], "national": []}
with server.app_context():
    for group, codes in (("seed", sorted(ds.seed_codes)), ("national", national)):
        for _ in range(int(sys.argv[1])):
            view = viewstate.resolve(ds, {"m": rng.choice(codes)}).as_dict()
            for fn in (overview.update_overview, indicators.update_indicators):
                fn(view)  # first call of a body builds its per-body memo
                s = time.perf_counter(); fn(view); timings[group].append((time.perf_counter() - s) * 1000)
def pct(v, q):
    v = sorted(v); return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
print(json.dumps({
    "bodies": len(ds.codes), "rows": sum(len(f) for f in ds.tables.values()),
    "import_s": t1 - t0, "load_validate_s": t2 - t1, "load_validate_cpu_s": c2 - c1,
    "rss_after_load_mb": rss_after_load, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "latency": {k: {"p50": statistics.median(v), "p95": pct(v, 0.95), "n": len(v)} for k, v in timings.items()},
}))
"""


def run_once(samples: int) -> dict[str, object]:
    """One fresh interpreter: start-up and latency."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(samples)],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    runs = [run_once(args.samples) for _ in range(args.repeat)]
    wall = statistics.median(float(r["load_validate_s"]) for r in runs)  # type: ignore[arg-type]
    cpu = statistics.median(float(r["load_validate_cpu_s"]) for r in runs)  # type: ignore[arg-type]
    rss = max(float(r["rss_after_load_mb"]) for r in runs)  # type: ignore[arg-type]
    peak = max(float(r["rss_peak_mb"]) for r in runs)  # type: ignore[arg-type]
    lat = {g: statistics.median(float(r["latency"][g]["p50"]) for r in runs) for g in ("seed", "national")}  # type: ignore[index]
    p95 = {g: statistics.median(float(r["latency"][g]["p95"]) for r in runs) for g in ("seed", "national")}  # type: ignore[index]
    first = runs[0]
    if not args.markdown:
        print(json.dumps({"load_average_1min": load, "runs": runs}, indent=2))
        return
    print(
        f"`bench/startup.py --repeat {args.repeat} --samples {args.samples}`: {first['bodies']:,} bodies, "
        f"{first['rows']:,} rows in all tables; 1-min load average at start {load:.1f} on {os.cpu_count()} cores.\n"
    )
    print("| measure | median of runs | target | verdict |")
    print("| --- | ---: | ---: | --- |")
    print(f"| load + validate, wall (s) | {wall:.2f} | ≤ 3 | {'met' if wall <= 3 else '**missed**'} |")
    print(f"| load + validate, CPU (s) | {cpu:.2f} | | |")
    print(f"| RSS after load (MB) | {rss:.0f} | ≤ 500 | {'met' if rss <= 500 else '**missed**'} |")
    print(f"| peak RSS incl. requests (MB) | {peak:.0f} | | |")
    for g in ("seed", "national"):
        print(f"| overview + indicators callbacks, {g} bodies, p50 / p95 (ms) | {lat[g]:.1f} / {p95[g]:.1f} | | |")
    walls = ", ".join(f"{float(r['load_validate_s']):.2f}" for r in runs)  # type: ignore[arg-type]
    cpus = ", ".join(f"{float(r['load_validate_cpu_s']):.2f}" for r in runs)  # type: ignore[arg-type]
    print(f"\nWall times per run: {walls} s (CPU {cpus} s).")


if __name__ == "__main__":
    main()
