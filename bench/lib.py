"""Shared helpers of the benchmarks: free ports, gunicorn servers stopped by PID, statistics, callback bodies.

Only the standard library is used here, so every benchmark script can import it with the project's venv.
"""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

STATE_STORE = "app-state-store"
# (municipality, year) rotated by the callback benchmarks: three municipalities of the bundled data.
VIEWS: tuple[tuple[str, int], ...] = (("012149", 2013), ("015130", 2011), ("012068", 2006))
BROWSER_HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate, br, zstd"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else math.nan


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100): the smallest value with at least p % of the values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return float(ordered[rank - 1])


@dataclass
class Server:
    """One gunicorn master started by :func:`gunicorn`; stopped by its PID."""

    name: str
    url: str
    pid: int
    log: Path
    access_log: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 90) -> dict[str, object]:
    """Poll ``/health`` until it answers 200 (bounded by ``timeout_s``); fail if the process died."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return dict(json.loads(response.read()))
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url}/health did not answer within {timeout_s:.0f} s")


@contextmanager
def gunicorn(name: str, app_dir: Path, out_dir: Path, extra_env: dict[str, str], workers: int = 2) -> Iterator[Server]:
    """Start ``gunicorn --config gunicorn.conf.py app:server`` of ``app_dir`` on a free loopback port.

    The access log records the worker PID and the server-side time of each request. The master is stopped with
    SIGTERM by PID (SIGKILL to its process group after 30 s) when the block ends, whatever happens inside it.
    """
    port = free_port()
    log = out_dir / f"server-{name}.log"
    access = out_dir / f"access-{name}.log"
    env = {
        **os.environ,
        "MIERUKA_BIND": f"127.0.0.1:{port}",
        "MIERUKA_WORKERS": str(workers),
        "MIERUKA_ACCESS_LOG": str(access),
        "MIERUKA_PRERENDER": "none",  # the background renders are tested on their own (test_prerender)
        **extra_env,
    }
    gunicorn_bin = app_dir / ".venv" / "bin" / "gunicorn"
    cmd = [
        str(gunicorn_bin),
        "--config",
        "gunicorn.conf.py",
        "--access-logformat",
        '%(p)s "%(m)s %(U)s" %(s)s %(B)s %(M)s',
        "app:server",
    ]
    with log.open("wb") as log_file:
        proc = subprocess.Popen(
            cmd, cwd=app_dir, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(name=name, url=f"http://127.0.0.1:{port}", pid=proc.pid, log=log, access_log=access, env=extra_env)
    try:
        wait_healthy(server.url, proc)
        yield server
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes], grace_s: float = 30) -> None:
    """SIGTERM the process by PID; SIGKILL its process group if it has not exited after ``grace_s``."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@dataclass(frozen=True)
class StateCallback:
    """A callback whose only input is the view state (``app-state-store.data``)."""

    output: str  # Dash's output string, e.g. "overview-content.children" or "..a.b...c.d.."
    outputs: object  # the "outputs" member of the request body (a dict, or a list for multi-output callbacks)

    @property
    def label(self) -> str:
        return self.output.strip(".").replace("...", " + ")

    @property
    def is_page(self) -> bool:
        """A page's main content (``<page>-content.children``), as opposed to shell bits like the footer."""
        return self.output.endswith("-content.children") and not self.output.startswith("..")

    def body(self, municipality: str, year: int, locale: str = "ja") -> str:
        """The JSON body Dash's renderer posts when the view state changes."""
        value = {"municipality": municipality, "year": year, "locale": locale}
        changed = [f"{STATE_STORE}.data"]
        return json.dumps(
            {
                "output": self.output,
                "outputs": self.outputs,
                "inputs": [{"id": STATE_STORE, "property": "data", "value": value}],
                "changedPropIds": changed,
                "parsedChangedPropsIds": changed,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


def _outputs(output: str) -> object:
    def one(spec: str) -> dict[str, str]:
        ident, prop = spec.rsplit(".", 1)
        return {"id": ident, "property": prop}

    if output.startswith(".."):
        return [one(part) for part in output.strip(".").split("...")]
    return one(output)


def state_callbacks(base_url: str) -> list[StateCallback]:
    """Callbacks of the running app (from ``/_dash-dependencies``) whose only input is the view state."""
    found = []
    for dep in get_json(base_url + "/_dash-dependencies"):  # type: ignore[union-attr]
        inputs = dep.get("inputs", [])
        if dep.get("state") or dep.get("clientside_function") or len(inputs) != 1:
            continue
        if inputs[0].get("id") != STATE_STORE or inputs[0].get("property") != "data":
            continue
        output = str(dep["output"])
        if "{" in output:  # pattern-matching ids need real component ids; not a view-state page callback
            continue
        found.append(StateCallback(output=output, outputs=_outputs(output)))
    return found


def machine_info(app_dir: Path) -> dict[str, str]:
    """nproc, memory, CPU model, OS, Python and package versions of the app's venv, tools, date."""

    def run(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
            return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr).strip() else ""
        except (OSError, subprocess.TimeoutExpired):
            return "not available"

    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    os_name = ""
    os_release = Path("/etc/os-release")
    if os_release.exists():
        for line in os_release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    python = str(app_dir / ".venv" / "bin" / "python")
    packages = (
        "dash plotly pandas numpy Flask Werkzeug Flask-Caching cachelib Flask-Compress brotli gunicorn redis playwright"
    )
    versions = run(
        [
            python,
            "-c",
            "import importlib.metadata as m, sys\n"
            f"names = {packages.split()!r}\n"
            "out = []\n"
            "for n in names:\n"
            "    try: out.append(f'{n} {m.version(n)}')\n"
            "    except m.PackageNotFoundError: out.append(f'{n} -')\n"
            "print(', '.join(out))",
        ]
    )
    revision = os.environ.get("MIERUKA_BENCH_REVISION") or run(
        ["git", "-C", str(app_dir), "rev-parse", "--short", "HEAD"]
    )
    if not revision or "not a git" in revision or revision == "not available":
        revision = "unknown (not a git checkout; set MIERUKA_BENCH_REVISION)"
    else:
        dirty = subprocess.run(
            ["git", "-C", str(app_dir), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if dirty and "MIERUKA_BENCH_REVISION" not in os.environ:
            revision += " + uncommitted changes"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "nproc": str(os.cpu_count()),
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "cpu": cpu or "unknown",
        "os": f"{os_name} (kernel {os.uname().release})",
        "python": run([python, "--version"]),
        "packages": versions,
        "chromium": run(["/usr/bin/chromium", "--version"]),
        "wrk": run(["wrk", "--version"]),
        "app_dir": str(app_dir),
        "revision": revision,
    }
