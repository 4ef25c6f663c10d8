"""Import benchmark: time to read the ministry's national tables and write data/national, and peak memory.

Usage: .venv/bin/python bench/national_import.py [SOURCE_DIR] [--repeat N]

SOURCE_DIR defaults to data/official (the subset the tests read); give the complete folder of the ministry's
files to time the full import. Prints the time of each run (read + resolve, then write to a temporary folder),
the rows written per file and the peak resident memory of the process. Not a timed test: numbers only.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from finance.national.build import build  # noqa: E402
from finance.national.output import write  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(ROOT / "data" / "official"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source = Path(args.source)
    files = sorted(p for p in source.rglob("*") if p.suffix in (".xls", ".xlsx", ".csv") and p.name != "MANIFEST.csv")
    print(f"source: {source.name} ({len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB)")
    reads, writes = [], []
    counts: dict[str, int] = {}
    for run in range(args.repeat):
        start = time.perf_counter()
        out = build(source)
        middle = time.perf_counter()
        with tempfile.TemporaryDirectory() as target:
            counts = write(out, Path(target))
        end = time.perf_counter()
        reads.append(middle - start)
        writes.append(end - middle)
        print(f"run {run + 1}: read+resolve {middle - start:.2f} s, write {end - middle:.2f} s")
    print(f"median: read+resolve {statistics.median(reads):.2f} s, write {statistics.median(writes):.2f} s")
    for name, count in counts.items():
        print(f"  {name}: {count} rows")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
