"""Does the site stay up? ``GET /`` times while two clients trickle at 1 byte/s, and while three uncached handout PDFs
are requested at once — on the shipped configuration (gthread) and, for comparison, on sync workers.

Run from the repository root: ``.venv/bin/python bench/stays_up.py`` → ``bench/STAYS_UP.md``. Loopback only;
every server started is stopped by its PID; each phase is bounded in time.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.test_export_process import _browsers  # noqa: E402
from tests.integration.test_faults import GUNICORN  # noqa: E402
from tests.integration.test_multi_instance import _free_port, _stop, _wait_healthy  # noqa: E402
from tests.integration.test_stays_up import SLOW_BODY, SLOW_HEADERS, _handout, time_get, trickle  # noqa: E402

OUT = ROOT / "bench" / "STAYS_UP.md"


def start(tmp: Path, worker: str, **extra: str) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    log = tmp / f"gunicorn-{port}.log"
    env = {
        **os.environ,
        "MIERUKA_BIND": f"127.0.0.1:{port}",
        "MIERUKA_CACHE_TYPE": "FileSystemCache",  # the shipped default (importing the tests' helpers sets NullCache)
        "MIERUKA_CACHE_DIR": str(tmp / f"cache-{port}"),
        "MIERUKA_ACCESS_LOG": str(tmp / f"access-{port}.log"),
        **extra,
    }
    threads = ["--threads", "1"] if worker == "sync" else []  # with threads > 1 gunicorn runs gthread for "sync"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(GUNICORN), "--config", "gunicorn.conf.py", "-k", worker, *threads, "app:server"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    _wait_healthy(proc, f"http://127.0.0.1:{port}", log)
    return proc, port


def timed_index(port: int, until: threading.Event | None, count: int, limit_s: float) -> list[float]:
    times: list[float] = []
    deadline = time.monotonic() + limit_s
    while len(times) < count and time.monotonic() < deadline and not (until and until.is_set()):
        try:
            status, seconds = time_get(port)
            times.append(seconds if status == 200 else float("inf"))
        except OSError:
            times.append(float("inf"))
        time.sleep(0.5)
    return times


def summary(times: list[float]) -> str:
    if not times:
        return "no answer"
    finite = [t for t in times if t != float("inf")]
    failed = len(times) - len(finite)
    text = f"n={len(times)}, median {statistics.median(finite):.3f} s, max {max(finite):.3f} s" if finite else ""
    return text + (f", {failed} failed" if failed else "")


def slow_clients(tmp: Path, worker: str) -> str:
    proc, port = start(tmp, worker)
    stop = threading.Event()
    threads = [
        threading.Thread(target=trickle, args=(port, p, stop, 40), daemon=True) for p in (SLOW_HEADERS, SLOW_BODY)
    ]
    try:
        for thread in threads:
            thread.start()
        time.sleep(2.0)
        # a sync worker blocks for as long as the trickle lasts: gunicorn's 30 s timeout ends it, so cap each GET
        return summary(timed_index(port, None, 8, 60))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
        _stop(proc)


def handouts(tmp: Path, worker: str) -> str:
    proc, port = start(tmp, worker)
    papers = ["a4", "a3", "a4&palette=gray"]
    browsers = 0
    try:
        with ThreadPoolExecutor(3) as pool:
            started = time.monotonic()
            futures = [pool.submit(_handout, port, f"/handout.pdf?m=012149&y=2013&paper={p}") for p in papers]
            done = threading.Event()
            threading.Thread(target=lambda: ([f.result() for f in futures], done.set()), daemon=True).start()
            time.sleep(0.5)
            times: list[float] = []
            deadline = time.monotonic() + 240
            while not done.is_set() and time.monotonic() < deadline:
                times += timed_index(port, done, 1, 30)
                browsers = max(browsers, _browsers(proc.pid))
            answers = [(f.result()[0], round(time.monotonic() - started, 1)) for f in futures]
        statuses = ", ".join(str(s) for s, _ in answers)
        return f"{summary(times)}; handouts answered {statuses} within {max(t for _, t in answers)} s; " \
               f"Chromium browsers at most {browsers}"  # fmt: skip
    finally:
        _stop(proc)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="mieruka-bench-") as folder:
        tmp = Path(folder)
        for worker in ("gthread", "sync"):
            rows.append((worker, "two clients at 1 byte/s", slow_clients(tmp, worker)))
        rows.append(("gthread", "three uncached handout PDFs at once", handouts(tmp, "gthread")))
    lines = [
        "# Does the site stay up? (`bench/stays_up.py`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other work (client and server on the same cores, loopback), "
        "2 gunicorn workers (`gunicorn.conf.py`; `-k sync --threads 1` for the comparison). "
        "Times are of `GET /` (one new connection each, 0.5 s apart) while the attack lasts. Target: under 1 s.",
        "",
        "| workers | while | `GET /` |",
        "| --- | --- | --- |",
        *(f"| {w} | {what} | {result} |" for w, what, result in rows),
        "",
        "Render slots: default (2 at once, 4 waiting). The trickling clients send request headers or a request body "
        "one byte a second for 40 s. With sync workers each of them holds a whole worker until gunicorn's timeout, "
        "which is why the shipped configuration uses threaded workers.",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines))


if __name__ == "__main__":
    main()
