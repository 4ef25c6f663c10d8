"""Benchmark of the 広報 figure kit and the committee handout through real gunicorn (2 workers, 1 export process).

    .venv/bin/python bench/exports.py [--out bench/EXPORTS.md]

Measures over HTTP on loopback, with a fresh FileSystemCache: the first image of a worker (kaleido starts its
Chromium), warm uncached exports per format (each a different figure, so nothing is cached), the same export again
(cached), the handout HTML and PDF uncached and cached, and the memory of the worker with its export Chromium.
Prints a Markdown table and writes it to ``--out``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lib

REPO = Path(__file__).resolve().parent.parent
VIEW = "m=012149&y=2013"
FIGURES = [  # (page, key) of Wakkanai H25, each exported once per format
    ("revenue", "revenue-trend"),
    ("revenue", "revenue-groups"),
    ("revenue", "revenue-items"),
    ("expenditure", "expenditure-trend"),
    ("expenditure", "expenditure-function"),
    ("debt", "debt-accounts"),
    ("debt", "debt-trend"),
    ("staff", "staff-counts"),
]


def fetch(url: str) -> tuple[float, int]:
    """Milliseconds and bytes of one GET (status must be 200)."""
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
        assert response.status == 200, url
    return (time.perf_counter() - start) * 1000, len(body)


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and all its descendants (MB, from /proc/*/smaps_rollup): memory shared
    between Chromium's processes counted once, unlike the sum of their RSS."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        stack.extend(children.get(current, []))
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "EXPORTS.md")
    args = parser.parse_args()
    out_dir = REPO / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-cache-") as cache_dir:
        env = {"MIERUKA_CACHE_TYPE": "FileSystemCache", "MIERUKA_CACHE_DIR": cache_dir}
        with lib.gunicorn("exports", REPO, out_dir, env, workers=2) as server:
            base = server.url
            pss_before = tree_pss_mb(server.pid)
            ms, size = fetch(f"{base}/figure/overview/overview-trend.png?{VIEW}&size=2col")
            rows.append(
                ("first image (the export process starts its Chromium), PNG 2 columns", f"{ms:,.0f} ms", f"{size:,} B")
            )
            for fmt, size_key in (("png", "1col"), ("png", "2col"), ("svg", "2col"), ("pdf", "2col")):
                timings, sizes = [], []
                for page, key in FIGURES:
                    ms, size = fetch(f"{base}/figure/{page}/{key}.{fmt}?{VIEW}&size={size_key}")
                    timings.append(ms)
                    sizes.append(size)
                label = f"uncached {fmt.upper()} {size_key} (n = {len(FIGURES)} figures)"
                rows.append(
                    (
                        label,
                        f"median {statistics.median(timings):,.0f} ms, max {max(timings):,.0f} ms",
                        f"median {statistics.median(sizes):,.0f} B",
                    )
                )
            cached = [fetch(f"{base}/figure/revenue/revenue-items.png?{VIEW}&size=2col")[0] for _ in range(20)]
            rows.append(("cached PNG (same figure again, n = 20)", f"median {statistics.median(cached):,.1f} ms", ""))
            ms, size = fetch(f"{base}/handout?{VIEW}")
            rows.append(("handout HTML A4, uncached (renders every figure as SVG)", f"{ms:,.0f} ms", f"{size:,} B"))
            ms, size = fetch(f"{base}/handout?{VIEW}&paper=a3")
            rows.append(("handout HTML A3, figures cached", f"{ms:,.0f} ms", f"{size:,} B"))
            ms, size = fetch(f"{base}/handout.pdf?{VIEW}")
            rows.append(("handout PDF A4, figures cached (Chromium prints)", f"{ms:,.0f} ms", f"{size:,} B"))
            ms, size = fetch(f"{base}/handout.pdf?m=015130&y=2011")
            rows.append(("handout PDF A4 of another view, nothing cached", f"{ms:,.0f} ms", f"{size:,} B"))
            cached = [fetch(f"{base}/handout.pdf?{VIEW}")[0] for _ in range(10)]
            rows.append(("handout PDF again (cached, n = 10)", f"median {statistics.median(cached):,.1f} ms", ""))
            pss_after = tree_pss_mb(server.pid)
            rows.append(
                (
                    "memory (PSS) of gunicorn master, 2 workers, export process and its Chromium",
                    f"{pss_before:,.0f} MB before, {pss_after:,.0f} MB after",
                    "",
                )
            )
    lines = [
        "# Figure kit and handout benchmark",
        "",
        f"`bench/exports.py`, {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores; two gunicorn sync "
        "workers sharing one export process, fresh FileSystemCache, Wakkanai 平成25年度 unless said.",
        "",
        "| what | time | size |",
        "|---|---:|---:|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
