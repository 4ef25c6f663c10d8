"""Two server instances share one Redis cache: a figure computed by instance A is served by instance B from Redis.

A real ``redis-server`` (installed with apt when missing) and two real gunicorn instances on free loopback ports,
both with ``MIERUKA_REDIS_URL`` pointing at it. Every process started here is stopped in a ``finally``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from layouts import ids
from tests.conftest import DATA, ROOT


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ensure_redis_server() -> str:
    """The redis-server binary; installed from Debian's packages when missing (as root, else with sudo)."""
    found = shutil.which("redis-server")
    if found:
        return found
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env, timeout=300)
    subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "redis-server"],
        check=True,
        env=env,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )
    found = shutil.which("redis-server")
    assert found, "redis-server is still missing after apt-get install redis-server"
    return found


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory) -> Iterator[int]:
    """A throw-away redis-server on a free loopback port (no persistence)."""
    binary = _ensure_redis_server()
    port = _free_port()
    log = tmp_path_factory.mktemp("redis") / "redis.log"
    cmd = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--daemonize", "no"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 20
        while True:
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start:\n{log.read_text()}") from None
                time.sleep(0.1)
        client.close()
        yield port
    finally:
        _stop(proc)


def _start_instance(redis_port: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "MIERUKA_DATA_DIR": str(DATA),
        "MIERUKA_BIND": f"127.0.0.1:{port}",
        "MIERUKA_WORKERS": "1",
        "MIERUKA_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "MIERUKA_ACCESS_LOG": str(log.with_suffix(".access")),
        "MIERUKA_PRERENDER": "none",  # the background renders are tested on their own (test_prerender)
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(gunicorn), "--config", "gunicorn.conf.py", "app:server"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return proc, f"http://127.0.0.1:{port}"


def _wait_healthy(proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def instances(redis_port, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """Two independent gunicorn instances (separate masters and ports) sharing the Redis cache."""
    folder = tmp_path_factory.mktemp("instances")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        urls = []
        for name in ("a", "b"):
            proc, url = _start_instance(redis_port, folder / f"{name}.log")
            procs.append(proc)
            urls.append(url)
        for proc, url, name in zip(procs, urls, ("a", "b"), strict=True):
            _wait_healthy(proc, url, folder / f"{name}.log")
        yield urls[0], urls[1]
    finally:
        for proc in procs:
            _stop(proc)


def _overview(url: str, municipality: str, year: int) -> tuple[bytes, float]:
    output = f"{ids.OVERVIEW_CONTENT}.children"
    value = {"municipality": municipality, "year": year, "locale": "ja"}
    body = {
        "output": output,
        "outputs": {"id": ids.OVERVIEW_CONTENT, "property": "children"},
        "inputs": [{"id": ids.STATE_STORE, "property": "data", "value": value}],
        "changedPropIds": [f"{ids.STATE_STORE}.data"],
    }
    request = urllib.request.Request(
        url + "/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        data = response.read()
    return data, time.perf_counter() - start


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"answers differ at byte {at}: A …{a[at - 120 : at + 60]!r}… B …{b[at - 120 : at + 60]!r}…"


def _stats(client: redis.Redis) -> tuple[set[bytes], int, int]:
    info = client.info("stats")
    return set(client.scan_iter(match="*", count=1000)), int(info["keyspace_hits"]), int(info["keyspace_misses"])


def test_instance_b_serves_what_instance_a_computed(instances, redis_port):
    url_a, url_b = instances
    client = redis.Redis(host="127.0.0.1", port=redis_port)
    try:
        assert client.dbsize() == 0

        # A computes the Wakkanai 2013 overview: the result lands in Redis.
        answer_a, _ = _overview(url_a, "012149", 2013)
        keys_a, hits_a, misses_a = _stats(client)
        assert keys_a, "instance A stored nothing in Redis"
        assert all(key.startswith(b"mieruka-") for key in keys_a)

        # B gets the same request: same answer, no new key, and Redis counted hits but no misses for it.
        answer_b, _ = _overview(url_b, "012149", 2013)
        keys_b, hits_b, misses_b = _stats(client)
        assert answer_b == answer_a, _first_difference(answer_a, answer_b)
        assert keys_b == keys_a, f"instance B wrote new keys: {keys_b - keys_a}"
        assert hits_b > hits_a
        assert misses_b == misses_a, "instance B missed the cache for a result A had computed"

        # The other way round, for a municipality nobody asked for yet: B computes, A reads it.
        answer_b2, _ = _overview(url_b, "015130", 2011)
        keys_b2, hits_b2, misses_b2 = _stats(client)
        assert keys_b2 > keys_b, "instance B stored nothing for a new municipality"
        assert misses_b2 > misses_b
        answer_a2, _ = _overview(url_a, "015130", 2011)
        keys_a2, hits_a2, misses_a2 = _stats(client)
        assert answer_a2 == answer_b2, _first_difference(answer_b2, answer_a2)
        assert keys_a2 == keys_b2
        assert hits_a2 > hits_b2 and misses_a2 == misses_b2
    finally:
        client.close()
