"""Cache keys and storage are ours, on a real gunicorn: a forged Host header neither makes a cache entry nor reaches a
printed link, and thousands of cheap callbacks cannot evict a rendered PDF (two stores, each bounded in bytes).
"""

from __future__ import annotations

import http.client
import json
import time
from pathlib import Path

from layouts import ids
from tests.integration.test_faults import _start
from tests.integration.test_multi_instance import _stop

VIEW = "m=012149&y=2013"
STATE = {"m": "012149", "y": 2013, "mode": "total", "lang": "ja"}


def _store(cache: Path, name: str) -> list[Path]:
    """The entries of one store (``results`` or ``files``) of the current version."""
    return [p for p in cache.glob(f"*/{name}/*") if p.is_file() and not p.name.startswith("__wz_cache")]


def _get(port: int, path: str, host: str | None = None) -> tuple[int, bytes, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.monotonic()
    conn.request("GET", path, headers={"Host": host} if host else {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body, time.monotonic() - started


def test_a_forged_host_header_makes_no_cache_entry_and_no_printed_link(tmp_path):
    proc, url, log = _start(tmp_path)
    port = int(url.rsplit(":", 1)[1])
    cache = tmp_path / f"cache-{port}"
    path = f"/figure/revenue/revenue-trend.svg?{VIEW}&size=1col"
    try:
        status, first, _ = _get(port, path)
        assert status == 200
        entries = len(_store(cache, "files"))
        for host in ("аррӏе.com", "evil.example:8050", "127.0.0.1:1"):  # a look-alike Cyrillic name among them
            status, body, seconds = _get(port, path, host.encode("idna").decode() if host[0] > "z" else host)
            assert status == 200 and body == first  # the same file, from the cache
            assert seconds < 5
        assert len(_store(cache, "files")) == entries
        status, handout, _ = _get(port, f"/handout?{VIEW}", "evil.example")
        assert status == 200
        assert b"evil" not in handout and f"http://127.0.0.1:{port}/handout?".encode() in handout  # the bind address
    finally:
        _stop(proc)
    assert "Traceback" not in log.read_text(errors="replace")


def test_with_a_public_url_other_hosts_are_refused(tmp_path):
    proc, url, _ = _start(tmp_path, MIERUKA_PUBLIC_URL="https://zaisei.example.jp")
    port = int(url.rsplit(":", 1)[1])
    try:
        assert _get(port, "/", "evil.example")[0] == 400
        assert _get(port, "/", "zaisei.example.jp")[0] == 200
        assert _get(port, "/health")[0] == 200  # loopback: the container's health check
    finally:
        _stop(proc)


def _tax(conn: http.client.HTTPConnection, amount: int) -> int:
    body = {
        "output": f"{ids.TAX_CONTENT}.children",
        "outputs": {"id": ids.TAX_CONTENT, "property": "children"},
        "inputs": [
            {"id": ids.STATE_STORE, "property": "data", "value": STATE},
            {"id": "tax-amount-input", "property": "value", "value": amount},
        ],
        "changedPropIds": ["tax-amount-input.value"],
    }
    conn.request("POST", "/_dash-update-component", body=json.dumps(body), headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    return response.status


def test_six_thousand_cheap_callbacks_leave_a_cached_pdf_cached(tmp_path):
    # a 1 MB bound for cheap results, so that they are evicted many times over during the run
    proc, url, log = _start(tmp_path, MIERUKA_CACHE_MB="1")
    port = int(url.rsplit(":", 1)[1])
    cache = tmp_path / f"cache-{port}"
    pdf = f"/handout.pdf?{VIEW}&paper=a4"
    try:
        status, first, uncached = _get(port, pdf)
        assert status == 200 and first.startswith(b"%PDF")
        files_before = {p.name for p in _store(cache, "files")}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.monotonic()
        statuses = [_tax(conn, 1000 + n) for n in range(6000)]
        cheap_seconds = time.monotonic() - started
        conn.close()
        assert set(statuses) == {200}
        results_bytes = sum(p.stat().st_size for p in _store(cache, "results"))
        assert results_bytes < 2 * 1024 * 1024  # bounded: 1 MB plus what two workers write between measurements
        assert files_before <= {p.name for p in _store(cache, "files")}
        status, again, cached = _get(port, pdf)
        assert status == 200 and again == first
        assert cached < 1.0, f"cached PDF took {cached:.2f} s (uncached {uncached:.2f} s)"
        (tmp_path / "numbers.txt").write_text(
            f"uncached handout {uncached:.2f} s; 6000 tax callbacks {cheap_seconds:.1f} s; "
            f"results store {results_bytes} bytes; cached handout afterwards {cached:.3f} s\n"
        )
        print("\n" + (tmp_path / "numbers.txt").read_text())  # noqa: T201
    finally:
        _stop(proc)
    assert "Traceback" not in log.read_text(errors="replace")
