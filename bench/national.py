"""National-scale benchmark: load + validate time, resident memory and callback latency at several sizes.

Usage: .venv/bin/python bench/national.py [--sizes 100,1741,17410] [--years 20] [--markdown]

For each size a synthetic dataset in the project's schema is generated once (bench/out/national-N, reused
when present), then a fresh interpreter loads and validates it exactly as the server does at start, and
calls the overview and indicators callbacks for random municipalities and years (uncached: NullCache).
Targets (issue "Performance and scale"): 1,741 × 20 years loads and validates in ≤ 5 s within 1 GB;
callback latency at 17,410 municipalities ≤ 1.2 × that at 100.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

CHILD = r"""
import json, random, resource, statistics, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
from finance import repository
t1 = time.perf_counter()
ds = repository.init(sys.argv[1], 4 * 1024**3)  # what the server does once at start (gunicorn --preload)
t2 = time.perf_counter()
rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from flask import Flask
from web.cache import cache
from callbacks import indicators, overview
server = Flask("bench")
cache.init_app(server, config={"CACHE_TYPE": "NullCache"})  # uncached: every call computes
codes = sorted(ds.codes)
years = sorted({int(y) for y in ds["settlement"]["fiscal_year"].unique()})
rng = random.Random(7)
timings = {"overview": [], "indicators": []}
with server.app_context():
    for _ in range(int(sys.argv[2])):
        state = {"municipality": rng.choice(codes), "year": rng.choice(years), "locale": "ja"}
        for name, fn in (("overview", overview.update_overview), ("indicators", indicators.update_indicators)):
            s = time.perf_counter(); fn(state); timings[name].append((time.perf_counter() - s) * 1000)
def pct(v, q):
    v = sorted(v); return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]
print(json.dumps({
    "rows": sum(len(f) for f in ds.tables.values()), "import_s": t1 - t0, "load_validate_s": t2 - t1,
    "rss_after_load_mb": rss_after_load, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "callbacks": {k: {"p50": statistics.median(v), "p95": pct(v, 0.95), "n": len(v)} for k, v in timings.items()},
}))
"""


def measure(size: int, years: int, samples: int) -> dict[str, object]:
    """Generate (once) and measure one size in a fresh interpreter."""
    folder = OUT / f"national-{size}"
    if not (folder / "settlement.csv").exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate_national.py"),
                "--municipalities",
                str(size),
                "--years",
                str(years),
                "--out",
                str(folder),
            ],
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
        )
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(samples)],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["size"] = size
    return data


def markdown(results: list[dict[str, object]]) -> str:
    """A Markdown section with one row per size and the verdicts against the targets."""
    lines = [
        "| municipalities | rows | load + validate (s) | RSS after load (MB) | peak RSS (MB) "
        "| overview p50 / p95 (ms) | indicators p50 / p95 (ms) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    by_size = {}
    for r in results:
        cb = r["callbacks"]  # type: ignore[index]
        by_size[r["size"]] = cb
        lines.append(
            f"| {r['size']:,} | {r['rows']:,} | {r['load_validate_s']:.2f} | {r['rss_after_load_mb']:.0f} | "
            f"{r['rss_peak_mb']:.0f} | {cb['overview']['p50']:.1f} / {cb['overview']['p95']:.1f} | "
            f"{cb['indicators']['p50']:.1f} / {cb['indicators']['p95']:.1f} |"
        )
    verdicts = []
    national = next((r for r in results if r["size"] == 1741), None)
    if national:
        ok = national["load_validate_s"] <= 5 and national["rss_after_load_mb"] <= 1024  # type: ignore[operator]
        verdicts.append(
            f"- 1,741 × 20 years: load + validate {national['load_validate_s']:.2f} s (target ≤ 5 s), "
            f"RSS {national['rss_after_load_mb']:.0f} MB (target ≤ 1,024 MB): {'met' if ok else 'MISSED'}"
        )
    if 100 in by_size and 17410 in by_size:
        for name in ("overview", "indicators"):
            ratio = by_size[17410][name]["p50"] / by_size[100][name]["p50"]
            verdicts.append(
                f"- {name} callback p50 at 17,410 vs 100 municipalities: ×{ratio:.2f} (target ≤ 1.2): "
                f"{'met' if ratio <= 1.2 else 'MISSED'}"
            )
    return "\n".join([*lines, "", *verdicts])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1741,17410")
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    results = [measure(int(s), args.years, args.samples) for s in args.sizes.split(",")]
    if args.markdown:
        print(
            f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"synthetic data, {args.years} years.\n"
        )
        print(markdown(results))
    else:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
