"""Faults on real processes (loopback, bounded): a worker killed under load, unreadable data at start, Redis gone.

Every process started here is stopped by its PID in a ``finally``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis

from tests.conftest import DATA, ROOT
from tests.integration.test_multi_instance import _ensure_redis_server, _free_port, _overview, _stop, _wait_healthy
from tests.integration.test_startup import run_gunicorn_until_exit

GUNICORN = Path(sys.executable).with_name("gunicorn")
WAKKANAI_2013 = "246億4,984万円"  # revenue of 稚内市 in the FY2013 settlement, as the overview prints it


def _start(tmp: Path, **extra: str) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = _free_port()
    log = tmp / f"gunicorn-{port}.log"
    env = {
        **os.environ,
        "MIERUKA_DATA_DIR": str(DATA),
        "MIERUKA_BIND": f"127.0.0.1:{port}",
        "MIERUKA_CACHE_TYPE": "FileSystemCache",
        "MIERUKA_CACHE_DIR": str(tmp / f"cache-{port}"),
        "MIERUKA_ACCESS_LOG": str(tmp / f"access-{port}.log"),
        "MIERUKA_PRERENDER": "none",  # the background renders are tested on their own (test_prerender)
        **extra,
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(GUNICORN), "--config", "gunicorn.conf.py", "app:server"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(proc, url, log)
    return proc, url, log


def _workers(master: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            # the master's children are its workers and the export process (web/imaging.py)
            if int(stat.rsplit(")", 1)[1].split()[1]) == master and b"gunicorn" in command:
                found.append(int(entry.name))
    return sorted(found)


def _text(answer: bytes) -> str:
    """A callback answer as readable text (Dash escapes non-ASCII characters as \\uXXXX)."""
    return json.dumps(json.loads(answer), ensure_ascii=False)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return bytes(response.read())


# --- (a) a worker killed under load ------------------------------------------------------------------


def test_worker_killed_under_load_loses_at_most_the_requests_in_flight(tmp_path):
    proc, url, _log = _start(tmp_path, MIERUKA_WORKERS="2")
    try:
        deadline = time.monotonic() + 20
        while len(_workers(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        before = _workers(proc.pid)
        assert len(before) == 2
        stop = threading.Event()
        results: list[str] = []
        lock = threading.Lock()

        def user(n: int) -> None:
            years = (2009, 2010, 2011, 2012, 2013)
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    if i % 2:
                        _get(url + "/?m=012149&y=2013")
                    else:
                        _overview(url, "012149", years[(n + i) % len(years)])
                    outcome = "ok"
                except (OSError, AssertionError) as exc:  # connection reset, HTTP 5xx, timeout
                    outcome = f"failed: {exc!r}"
                with lock:
                    results.append(outcome)

        with ThreadPoolExecutor(max_workers=6) as pool:
            for n in range(6):
                pool.submit(user, n)
            time.sleep(2.0)
            os.kill(before[0], signal.SIGKILL)
            time.sleep(3.0)
            stop.set()
        failed = [r for r in results if r != "ok"]
        # a threaded worker answers several requests at once: only those it was answering can fail — each of the 6
        # users has at most one in flight, and everything after the kill succeeds (the last ones below)
        assert len(failed) <= 6, failed
        assert all(r == "ok" for r in results[-12:]), results[-12:]
        assert len(results) > 50, f"too little load to mean anything: {len(results)} requests"
        deadline = time.monotonic() + 20
        while len(_workers(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        after = _workers(proc.pid)
        assert len(after) == 2 and before[0] not in after  # the master replaced the worker
        assert WAKKANAI_2013 in _text(_overview(url, "012149", 2013)[0])
    finally:
        _stop(proc)


# --- (b) the data folder missing or unreadable at start -----------------------------------------------


def _start_app(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MIERUKA_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-c", "import app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def _broken_copy(tmp_path: Path, how: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    target = data / "settlement.csv"
    if how == "directory":
        target.unlink()
        target.mkdir()
    elif how == "shift_jis":
        target.write_bytes(target.read_text(encoding="utf-8").encode("cp932", errors="replace"))
    elif how == "binary":
        target.write_bytes(bytes(range(256)) * 4)
    elif how == "folder_is_a_file":
        shutil.rmtree(data)
        data.write_text("not a folder\n", encoding="utf-8")
    return data


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("directory", "settlement.csv"),
        ("shift_jis", "settlement.csv 2行目"),
        ("binary", "settlement.csv"),
        ("folder_is_a_file", "データのフォルダが見つかりません"),
    ],
)
def test_unreadable_data_is_a_clear_message(tmp_path, how, expected):
    result = _start_app(_broken_copy(tmp_path, how))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "データに誤りがあるため起動できません" in result.stderr or "データのフォルダ" in result.stderr
    assert expected in result.stderr, result.stderr[-2000:]


def test_gunicorn_with_unreadable_file_exits_1(tmp_path):
    data = _broken_copy(tmp_path, "shift_jis")
    result = run_gunicorn_until_exit(data, f"127.0.0.1:{_free_port()}")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "settlement.csv 2行目" in output and "UTF-8" in output


# --- (c) Redis killed mid-run ---------------------------------------------------------------------------


def test_redis_killed_mid_run_pages_and_callbacks_still_answer(tmp_path):
    binary = _ensure_redis_server()
    port = _free_port()
    cmd = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    with (tmp_path / "redis.log").open("wb") as out:
        server = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    proc = None
    try:
        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.1)
        proc, url, _log = _start(tmp_path, MIERUKA_WORKERS="2", MIERUKA_REDIS_URL=f"redis://127.0.0.1:{port}/0")
        cached, _ = _overview(url, "012149", 2013)
        assert WAKKANAI_2013 in _text(cached)
        assert client.dbsize() > 0  # the answer went through Redis
        client.close()
        server.kill()
        server.wait(timeout=10)
        for _ in range(3):  # both workers, cached and new keys
            assert _overview(url, "012149", 2013)[0] == cached
            assert "<title>見える化" in _get(url + "/revenue?m=012149&y=2013").decode()
            assert "自治体の財政" in _text(_get(url + "/_dash-layout"))
            other, _ = _overview(url, "015130", 2010)
            assert "中頓別町" in _text(other)
        assert proc.poll() is None
    finally:
        if proc is not None:
            _stop(proc)
        _stop(server)
