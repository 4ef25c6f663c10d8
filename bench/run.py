"""Run every benchmark against one app directory and write ``bench/RESULTS.md`` (called by ``bench/run.sh``).

Servers (gunicorn, 2 gthread workers each, as shipped, on free loopback ports) are started here and stopped by PID
when their phase ends, whatever happens. Every loop is bounded in count and in time. Raw results go to ``bench/out/``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import first_visit
import latency
import throughput
from lib import get_json, gunicorn, machine_info, state_callbacks

HERE = Path(__file__).resolve().parent
PAGE = "/?m=012149&y=2013"

TARGET_FIRST_BYTES = 700_000  # 0.7 MB (decimal)
TARGET_CHARTS_RATIO = 0.5
TARGET_REPEAT_BYTES = 30_000  # 30 KB (decimal)
TARGET_CACHED_P95 = 5.0  # issue 17: a cache hit answered from stored bytes
TARGET_UNCACHED_P95 = 60.0
TARGET_RPS = 1500.0
QUIET_WAIT_S = 15  # at most this long per phase waiting for other processes to leave the CPU


# --- machine load -------------------------------------------------------------------------------------------------


def _cpu_times() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return idle, sum(fields)


def cpu_idle(sample_s: float = 2.0) -> float:
    """Fraction of CPU time idle over ``sample_s`` seconds, all cores."""
    idle0, total0 = _cpu_times()
    time.sleep(sample_s)
    idle1, total1 = _cpu_times()
    return (idle1 - idle0) / max(1, total1 - total0)


def wait_quiet(
    phase: str, log: list[dict[str, object]], max_wait_s: float = QUIET_WAIT_S, threshold: float = 0.9
) -> None:
    """Wait (bounded) until other processes leave the CPU ≥ ``threshold`` idle; record what was found."""
    start = time.monotonic()
    idle = cpu_idle()
    while idle < threshold and time.monotonic() - start < max_wait_s:
        idle = cpu_idle()
    load1 = float(Path("/proc/loadavg").read_text().split()[0])
    log.append({"phase": phase, "idle": round(idle, 3), "load1": load1, "waited_s": round(time.monotonic() - start)})
    print(f"[{time.strftime('%H:%M:%S')}] {phase}: CPU idle {idle:.0%} before start, load {load1}", flush=True)


# --- formatting ---------------------------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1000:,.1f} KB" if not math.isnan(n) else "–"


def mb(n: float) -> str:
    return f"{n / 1_000_000:.3f} MB" if not math.isnan(n) else "–"


def ms(x: float) -> str:
    return f"{x:,.1f} ms" if not math.isnan(x) and x > 0 else "–"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**missed**")


# --- phases -------------------------------------------------------------------------------------------------------


def national(app_dir: Path, timeout_s: int) -> tuple[str, str]:
    """(status, markdown) of ``bench/national.py --markdown``, looked for in the app dir, then beside this file."""
    for candidate in (app_dir / "bench" / "national.py", HERE / "national.py"):
        if candidate.exists():
            script = candidate
            break
    else:
        return "absent", ""
    python = app_dir / ".venv" / "bin" / "python"
    cwd = script.parent.parent
    proc = subprocess.Popen(
        [str(python), str(script.relative_to(cwd)), "--markdown"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        return f"timed out after {timeout_s} s (stopped)", out
    if proc.returncode != 0:
        return f"failed with exit code {proc.returncode}", out + "\n```\n" + err.strip()[-2000:] + "\n```\n"
    return f"ran `{script.relative_to(cwd)} --markdown` in {cwd}", out


def profile(app_dir: Path, out_dir: Path) -> dict[str, object]:
    env = {
        **os.environ,
        "MIERUKA_CACHE_TYPE": "FileSystemCache",
        "MIERUKA_CACHE_DIR": str(out_dir / "cache-profile"),
    }
    env.pop("MIERUKA_REDIS_URL", None)
    try:
        done = subprocess.run(
            [str(app_dir / ".venv" / "bin" / "python"), str(HERE / "profile_callbacks.py")],
            cwd=app_dir,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))
    except (subprocess.TimeoutExpired, ValueError, IndexError) as exc:
        return {"error": str(exc)}


# --- report -------------------------------------------------------------------------------------------------------


def report(r: dict[str, object]) -> str:
    m: dict[str, str] = r["machine"]  # type: ignore[assignment]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `bench/run.sh` on {m['date']}. Do not edit by hand: rerun `bash bench/run.sh` "
        "(see bench/README.md).",
        "",
        "## Machine",
        "",
        "| item | value |",
        "|---|---|",
        f"| nproc | {m['nproc']} |",
        f"| memory | {m['memory']} |",
        f"| CPU | {m['cpu']} |",
        f"| OS | {m['os']} |",
        f"| Python (app venv) | {m['python']} |",
        f"| packages | {m['packages']} |",
        f"| browser / load tool | {m['chromium']}; {m['wrk']} |",
        f"| app under test | `{m['app_dir']}` at {m['revision']}, data version {r['data_version']} |",
        "",
        "Client (Chromium, wrk, Python) and server share the same cores on loopback: the figures are lower bounds for",
        "a server with its own cores, and mainly useful as comparisons. Medians unless stated; p50/p95 are",
        "nearest-rank percentiles. MB and KB are decimal (10^6, 10^3 bytes).",
        "",
    ]
    quiet: list[dict[str, object]] = r["quiet"]  # type: ignore[assignment]
    busy = [q for q in quiet if float(q["idle"]) < 0.9]  # type: ignore[arg-type]
    lines += [
        "CPU idle measured over 2 s before each phase (other processes on the machine; the run waits up to "
        f"{QUIET_WAIT_S} s for ≥ 90 % idle): "
        + ", ".join(f"{q['phase']} {float(q['idle']):.0%}" for q in quiet)  # type: ignore[arg-type]
        + ".",
    ]
    if busy:
        lines += [
            "",
            f"**Warning:** {len(busy)} phase(s) started while other processes kept the CPU busy; their figures are "
            "pessimistic. Rerun on an idle machine for reference numbers.",
        ]
    lines.append("")

    # summary
    fv = r["first_visit"]
    app_first = fv["first"]["app"]  # type: ignore[index]
    def_first = fv["first"]["default"]  # type: ignore[index]
    app_rep = fv["repeat"]["app"]  # type: ignore[index]
    ratio = app_first["charts_ms"] / def_first["charts_ms"] if def_first["charts_ms"] else math.nan
    slow = r.get("first_visit_throttled")
    slow_ratio = math.nan
    if slow:
        slow_ratio = slow["first"]["app"]["charts_ms"] / slow["first"]["default"]["charts_ms"]  # type: ignore[index]
    cached: dict[str, dict[str, object]] = r["latency_cached"]  # type: ignore[assignment]
    uncached: dict[str, dict[str, object]] = r["latency_uncached"]  # type: ignore[assignment]
    prof: dict[str, dict[str, object]] = r.get("profile", {})  # type: ignore[assignment]
    tput: list[dict[str, object]] = r["throughput"]  # type: ignore[assignment]
    cb_rows = [t for t in tput if str(t["target"]).startswith("POST")]
    best_rps = max((float(t["rps"]) for t in cb_rows), default=math.nan)  # type: ignore[arg-type]

    idle_of = {str(q["phase"]): float(q["idle"]) for q in quiet}  # type: ignore[arg-type]

    def busy_note(phase: str) -> str:
        idle = idle_of.get(phase, 1.0)
        return f"; measured while other processes used the CPU (idle {idle:.0%} at start)" if idle < 0.9 else ""

    def why_latency(label: str, p95: float, target: float) -> str:
        info = prof.get(label, {})
        parts = [f"p95 {ms(p95)} > {target:.0f} ms"]
        if info.get("in_process_ms") is not None:
            parts.append(f"the callback alone takes {ms(float(info['in_process_ms']))} in-process (no HTTP)")  # type: ignore[arg-type]
        if info.get("cache_share") is not None:
            parts.append(f"cache lookups are {float(info['cache_share']):.0%} of it")  # type: ignore[arg-type]
        top = info.get("top_own") or []
        if top:
            parts.append(
                "most goes to " + ", ".join(f"`{name.split(' ')[-1]}` ({share:.0%})" for share, name in top[:3])  # type: ignore[misc]
            )
        return "; ".join(parts)

    lines += ["## Verdict", "", "| target | measured | verdict | why (if missed) |", "|---|---|---|---|"]
    lines.append(
        f"| first visit ≤ 0.7 MB on the wire | {mb(app_first['transfer'])} (n={app_first['n']}) "
        f"| {verdict(app_first['transfer'] <= TARGET_FIRST_BYTES)} | "
        + (
            ""
            if app_first["transfer"] <= TARGET_FIRST_BYTES
            else "largest: "
            + ", ".join(f"{u.split('/')[-1].split('?')[0]} {kb(b)}" for u, b in app_first["largest"][:3])
        )
        + " |"
    )
    why_ratio = ""
    if not ratio <= TARGET_CHARTS_RATIO:
        why_ratio = (
            f"on loopback bytes cost nothing; the time is JS parse/execute and the app's own callback chain on "
            f"shared cores (DOMContentLoaded {ms(app_first['dcl'])} vs {ms(def_first['dcl'])})"
            + busy_note("first visit")
        )
        if not math.isnan(slow_ratio):
            why_ratio += f"; on a {slow['throttle_mbit']:g} Mbit/s link the ratio is {slow_ratio:.2f}"  # type: ignore[index]
    lines.append(
        f"| charts drawn ≤ 0.5 × default Dash | {ms(app_first['charts_ms'])} vs {ms(def_first['charts_ms'])} "
        f"= **{ratio:.2f}×** (n={app_first['n']}/{def_first['n']}) | {verdict(ratio <= TARGET_CHARTS_RATIO)} "
        f"| {why_ratio} |"
    )
    lines.append(
        f"| repeat visit ≤ 30 KB | {kb(app_rep['transfer'])} (n={app_rep['n']}) "
        f"| {verdict(app_rep['transfer'] <= TARGET_REPEAT_BYTES)} | "
        + (
            ""
            if app_rep["transfer"] <= TARGET_REPEAT_BYTES
            else "largest: " + ", ".join(f"{u.split('/')[-1].split('?')[0]} {kb(b)}" for u, b in app_rep["largest"][:3])
        )
        + " |"
    )
    for label, row in cached.items():
        ok = float(row["p95"]) <= TARGET_CACHED_P95  # type: ignore[arg-type]
        lines.append(
            f"| cached p95 ≤ 5 ms: `{label}` | p95 {ms(row['p95'])} (n={row['n']}) | {verdict(ok)} | "  # type: ignore[arg-type]
            + ("" if ok else why_latency(label, float(row["p95"]), TARGET_CACHED_P95) + busy_note("latency, cached"))  # type: ignore[arg-type]
            + " |"
        )
    for label, row in uncached.items():
        ok = float(row["p95"]) <= TARGET_UNCACHED_P95  # type: ignore[arg-type]
        lines.append(
            f"| uncached p95 ≤ 60 ms: `{label}` | p95 {ms(row['p95'])} (n={row['n']}) | {verdict(ok)} | "  # type: ignore[arg-type]
            + (
                ""
                if ok
                else f"p50 {ms(float(row['p50']))}: the domain query, figures and components are computed on every "  # type: ignore[arg-type]
                "request" + busy_note("latency, uncached")
            )
            + " |"
        )
    why_rps = ""
    if not best_rps >= TARGET_RPS:
        rps_limit = {
            label: 2 * 1000 / float(info["in_process_ms"])  # type: ignore[arg-type]
            for label, info in prof.items()
            if isinstance(info, dict) and info.get("in_process_ms")
        }
        why_rps = (
            "a cached request is answered before Flask (web/responsecache.py), but still costs the Python shown in §2 "
            "(in-process, no HTTP), so 2 workers cannot exceed ≈ "
            + ", ".join(f"{v:,.0f} req/s ({k})" for k, v in rps_limit.items() if "content" in k)
            + " even before gunicorn's HTTP parsing and access logging; wrk shares the 2 cores"
            + busy_note("throughput")
        )
    lines.append(
        f"| ≥ 1,500 cached callback req/s (2 workers) | best {best_rps:,.0f} req/s | "
        f"{verdict(best_rps >= TARGET_RPS)} | {why_rps} |"
    )
    lines.append("")

    # first visit
    lines += [
        "## 1. First and repeat visit (Playwright, Debian Chromium, loopback)",
        "",
        f"Page `{fv['path']}`. Every run: new browser context (cold HTTP cache), navigate, wait until every chart "  # type: ignore[index]
        "is drawn (`.js-plotly-plot` count reaches the count seen in an unmeasured warm-up visit, and each contains "
        "`.main-svg .trace`; polled every 10 ms, ms from navigation start), then until the network is idle; bytes = "
        "`transferSize` of the navigation and every resource. Repeat visit = reload in the same context. "
        "Configurations alternate (A B, B A, …). **app** = this app (brotli/gzip, vendored plotly.js basic bundle); "
        "**default** = the same app with `MIERUKA_COMPRESS=0 MIERUKA_PLOTLY_BUNDLE=full` (what Dash does by default).",
        "",
        f"Charts on the page: {fv['charts_expected']}. Requests leaving 127.0.0.1: "  # type: ignore[index]
        f"{len(fv['foreign_requests']) or 'none'}. Console errors: "  # type: ignore[index]
        + (
            "; ".join(f"{k}: {v}" for k, v in fv["console_errors"].items() if v) or "none"  # type: ignore[index]
        )
        + ".",
        "",
        "| config | visit | n | bytes on the wire | decoded | requests | TTFB | DOMContentLoaded | **charts drawn** "
        "| all runs (charts drawn, ms) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]

    def fv_rows(block: dict[str, object], tag: str) -> None:
        for kind in ("first", "repeat"):
            for name, s in block.get(kind, {}).items():  # type: ignore[union-attr]
                if not s["n"]:
                    continue
                lines.append(
                    f"| {name} | {kind}{tag} | {s['n']} | {mb(s['transfer'])} | {mb(s['decoded'])} | "
                    f"{s['requests']:.0f} | {ms(s['ttfb'])} | {ms(s['dcl'])} | **{ms(s['charts_ms'])}** | "
                    f"{', '.join(f'{x:.0f}' for x in s['charts_all'])} |"
                )

    fv_rows(fv, "")  # type: ignore[arg-type]
    if slow:
        fv_rows(slow, f" @ {slow['throttle_mbit']:g} Mbit/s, {slow['rtt_ms']:g} ms RTT")  # type: ignore[index, arg-type]
    lines += [
        "",
        f"Ratio charts drawn app/default: **{ratio:.2f}** on loopback"
        + (f", **{slow_ratio:.2f}** on an emulated {slow['throttle_mbit']:g} Mbit/s link" if slow else "")  # type: ignore[index]
        + " (the emulated link is informational: Chromium's network emulation, same page, no repeat visit).",
        "",
        "Largest transfers of one first visit (app): "
        + ", ".join(f"`{u.split('/')[-1].split('?')[0]}` {kb(b)}" for u, b in app_first["largest"])
        + ".",
        "",
    ]

    # latency
    lines += [
        "## 2. Callback latency (sequential, new TCP connection per request)",
        "",
        "POST `/_dash-update-component` with the body Dash's renderer sends, for every callback whose only input is "
        "`app-state-store.data` (found in `/_dash-dependencies`; clientside callbacks excluded), rotating over "
        "012149/2013, 015130/2011, 012068/2006, with a browser's `Accept-Encoding`. Time = connect + request + "
        "whole response, in the client. Cached = FileSystemCache, warmed first through both workers; uncached = "
        "`MIERUKA_CACHE_TYPE=NullCache`. *workers* = distinct worker PIDs in gunicorn's access log.",
        "",
        "| callback | page? | cache | n | p50 | p95 | max | target p95 | verdict | statuses | workers | "
        "response (median) |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for kind, block, target in (("cached", cached, TARGET_CACHED_P95), ("uncached", uncached, TARGET_UNCACHED_P95)):
        for label, row in block.items():
            lines.append(
                f"| `{label}` | {'yes' if row['page'] else 'shell'} | {kind} | {row['n']} | {ms(row['p50'])} | "  # type: ignore[arg-type]
                f"{ms(row['p95'])} | {ms(row['max'])} | {target:.0f} ms | "  # type: ignore[arg-type]
                f"{verdict(float(row['p95']) <= target)} | {row['statuses']} | {row['workers']} | "  # type: ignore[arg-type]
                f"{row['bytes_median']:.0f} B |"
            )
    if prof:
        lines += [
            "",
            "Where a **cached** request goes (cProfile of 15 warm requests through Flask's test client; shares are "
            "relative to the callback function's time; nested calls overlap, and request hooks that run outside the "
            "callback can appear too):",
            "",
        ]
        for label, info in prof.items():
            if not isinstance(info, dict) or "top_own" not in info:
                continue
            tops = ", ".join(f"`{name}` {share:.0%}" for share, name in info["top_own"])  # type: ignore[union-attr]
            lines.append(
                f"- `{label}`: {ms(float(info['in_process_ms']))} in-process; flask-caching lookups "  # type: ignore[arg-type]
                f"{float(info['cache_share'] or 0):.0%}; {tops}"  # type: ignore[arg-type]
            )
    lines.append("")

    # throughput
    lines += [
        "## 3. Throughput (wrk, loopback, cached)",
        "",
        "`wrk -t2 -cC -d15s --timeout 10s --latency`, browser `Accept-Encoding`; callbacks via "
        "`bench/post_callbacks.lua`, bodies rotating over the three municipalities (and over all page callbacks in "
        "the *rotated* row). Server: this app, 2 gthread workers (8 threads each, as shipped), FileSystemCache "
        "already warm. wrk runs on the same cores as the server. Before each run the harness waits until `/health` "
        "answers within 50 ms again (the previous run's queued requests are drained first).",
        "",
        "| target | connections | req/s | requests | p50 | p90 | p99 | non-2xx/3xx | socket errors | target "
        "| verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for t in tput:
        is_cb = str(t["target"]).startswith("POST")
        errors = t.get("socket_errors") or {}
        err_text = ", ".join(f"{k} {v}" for k, v in errors.items() if v) or "0"  # type: ignore[union-attr]
        if t.get("error"):
            err_text += f" (wrk: {str(t['error'])[:80]})"
        lines.append(
            f"| {t['target']} | {t['connections']} | {float(t['rps']):,.0f} | {t['requests']} | "  # type: ignore[arg-type]
            f"{ms(float(t.get('p50_ms', math.nan)))} | {ms(float(t.get('p90_ms', math.nan)))} | "  # type: ignore[arg-type]
            f"{ms(float(t.get('p99_ms', math.nan)))} | {t['non_2xx_3xx']} | {err_text} | "  # type: ignore[arg-type]
            + ("≥ 1,500 | " + verdict(float(t["rps"]) >= TARGET_RPS) if is_cb else "– | –")  # type: ignore[arg-type]
            + " |"
        )
    lines.append("")

    # national
    status, text = r["national"]  # type: ignore[misc]
    lines += ["## National scale", ""]
    if status == "absent":
        lines += [
            "_Placeholder._ `bench/national.py` does not exist yet. When it does, `bench/run.sh` runs "
            "`.venv/bin/python bench/national.py --markdown` and pastes its output here.",
        ]
    else:
        lines += [f"`bench/national.py`: {status}.", "", text.strip()]
    lines += ["", f"Whole run: {r['elapsed_s']:.0f} s. Raw data: `bench/out/results.json` (not committed).", ""]
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("MIERUKA_BENCH_RUNS", "7")))
    parser.add_argument("--requests", type=int, default=int(os.environ.get("MIERUKA_BENCH_REQUESTS", "200")))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("MIERUKA_BENCH_WRK_SECONDS", "15")))
    parser.add_argument(
        "--throttle-mbit", type=float, default=float(os.environ.get("MIERUKA_BENCH_THROTTLE_MBIT", "10"))
    )
    parser.add_argument("--national-timeout", type=int, default=int(os.environ.get("MIERUKA_BENCH_NATIONAL_S", "300")))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks that stop the servers
    app_dir = args.app_dir.resolve()
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    for pattern in ("server-*.log", "access-*.log", "bodies-*.jsonl", "results.json"):  # only this script's files
        for stale in out_dir.glob(pattern):
            stale.unlink()
    started = time.monotonic()
    quiet: list[dict[str, object]] = []
    r: dict[str, object] = {"machine": machine_info(app_dir), "quiet": quiet}

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    def cache_env(name: str) -> dict[str, str]:
        return {"MIERUKA_CACHE_TYPE": "FileSystemCache", "MIERUKA_CACHE_DIR": str(out_dir / f"cache-{name}")}

    for d in out_dir.glob("cache-*"):
        shutil.rmtree(d, ignore_errors=True)

    with ExitStack() as stack:
        log(f"starting servers from {app_dir}")
        app = stack.enter_context(gunicorn("app", app_dir, out_dir, cache_env("app")))
        default = stack.enter_context(
            gunicorn(
                "default",
                app_dir,
                out_dir,
                {**cache_env("default"), "MIERUKA_COMPRESS": "0", "MIERUKA_PLOTLY_BUNDLE": "full"},
            )
        )
        log(f"app {app.url} (pid {app.pid}), default {default.url} (pid {default.pid})")
        r["data_version"] = get_json(app.url + "/health").get("data_version", "?")  # type: ignore[union-attr]

        wait_quiet("first visit", quiet)
        log(f"first visit: n={args.runs} per config")
        r["first_visit"] = first_visit.measure({"app": app.url, "default": default.url}, PAGE, args.runs)
        if args.throttle_mbit > 0:
            n_slow = min(3, args.runs)
            wait_quiet("first visit, slow link", quiet)
            log(f"first visit on an emulated {args.throttle_mbit:g} Mbit/s link: n={n_slow} per config")
            r["first_visit_throttled"] = first_visit.measure(
                {"app": app.url, "default": default.url},
                PAGE,
                n_slow,
                throttle_mbit=args.throttle_mbit,
                repeat=False,
                time_budget_s=150,
            )

        callbacks = state_callbacks(app.url)
        log("callbacks: " + ", ".join(cb.label for cb in callbacks))
        wait_quiet("latency, cached", quiet)
        log(f"latency cached: n={args.requests} per callback")
        r["latency_cached"] = latency.measure(
            app.url, args.requests, warm=True, access_log=app.access_log, callbacks=callbacks
        )

        wait_quiet("throughput", quiet)
        log(f"throughput: wrk {args.duration} s runs")
        r["throughput"] = throughput.measure(app.url, (20, 100), args.duration, out_dir)

    with gunicorn("nocache", app_dir, out_dir, {"MIERUKA_CACHE_TYPE": "NullCache"}) as nocache:
        wait_quiet("latency, uncached", quiet)
        log(f"latency uncached ({nocache.url}, pid {nocache.pid}): n={args.requests} per callback")
        r["latency_uncached"] = latency.measure(
            nocache.url, args.requests, warm=False, access_log=nocache.access_log, callbacks=callbacks
        )

    log("profiling cached callbacks in-process")
    r["profile"] = profile(app_dir, out_dir)

    log("national scale")
    r["national"] = national(app_dir, args.national_timeout)
    r["elapsed_s"] = time.monotonic() - started
    (out_dir / "results.json").write_text(json.dumps(r, indent=2, ensure_ascii=False, default=str))
    args.out.write_text(report(r), encoding="utf-8")
    log(f"wrote {args.out} in {r['elapsed_s']:.0f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
