"""One export process per gunicorn master: every worker's images come from the same kaleido Chromium; it is
recycled after N renders and restarted when it dies (no worker ever starts a Chromium of its own), and it and its
socket go away with the master."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.integration.test_faults import _get, _start, _workers
from tests.integration.test_multi_instance import _stop

VIEW = "m=012149&y=2013"
KEYS = ["revenue-trend", "revenue-groups", "revenue-items", "expenditure-trend", "expenditure-function"]


def _children(pid: int) -> list[tuple[int, bytes]]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes()
            except (OSError, ValueError):
                continue
            if ppid == pid:
                found.append((int(entry.name), command))
    return found


def _supervisor(master: int) -> int:
    supervisors = [pid for pid, command in _children(master) if b"imaging.supervise" in command]
    assert len(supervisors) == 1, _children(master)
    return supervisors[0]


def _export_process(master: int, timeout: float = 20) -> int:
    """The export process serving now (a child of the master's export supervisor); waits for one to be up."""
    deadline = time.monotonic() + timeout
    while True:
        exporters = [pid for pid, command in _children(_supervisor(master)) if b"imaging.serve" in command]
        if len(exporters) == 1 or time.monotonic() > deadline:
            assert len(exporters) == 1, _children(_supervisor(master))
            return exporters[0]
        time.sleep(0.2)


def _descendants(pid: int) -> list[int]:
    out, stack = [], [pid]
    while stack:
        for child, _ in _children(stack.pop()):
            out.append(child)
            stack.append(child)
    return out


def _browsers(master: int) -> int:
    """Chromium browser processes (not their renderers and helpers) below the master."""
    count = 0
    for pid in _descendants(master):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if command and command[0].endswith(b"chromium") and not any(a.startswith(b"--type=") for a in command):
            count += 1
    return count


def test_workers_share_one_export_process_that_leaves_with_the_master(tmp_path):
    proc, url, log = _start(tmp_path, MIERUKA_EXPORT_RECYCLE="4")
    try:
        exporter = _export_process(proc.pid)
        socket_path = Path(next(line for line in log.read_text().splitlines() if "export process" in line).split()[-1])
        assert socket_path.exists()
        with ThreadPoolExecutor(4) as pool:  # both workers export at the same time
            images = list(pool.map(lambda key: _get(f"{url}/figure/revenue/{key}.png?{VIEW}&size=1col"), KEYS[:3]))
            images += list(pool.map(lambda key: _get(f"{url}/figure/expenditure/{key}.svg?{VIEW}"), KEYS[3:]))
        assert all(image[:8] == b"\x89PNG\r\n\x1a\n" for image in images[:3])
        assert all(b"<svg" in image[:200] for image in images[3:])
        assert len(_workers(proc.pid)) == 2
        assert _browsers(proc.pid) == 1  # one Chromium for both workers, under the export process
        assert all(not _children(worker) for worker in _workers(proc.pid))  # no worker started its own

        recycled = _export_process(proc.pid)  # 6 renders with a limit of 4: replaced once already
        assert recycled != exporter

        os.kill(recycled, signal.SIGKILL)  # the export process dies: the supervisor starts another
        time.sleep(0.5)
        assert _get(f"{url}/figure/debt/debt-trend.png?{VIEW}")[:4] == b"\x89PNG"
        assert _export_process(proc.pid) not in (exporter, recycled)
        assert all(not _children(worker) for worker in _workers(proc.pid))  # rendered by the new one, not a worker
        assert _browsers(proc.pid) == 1
    finally:
        _stop(proc)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(b"imaging." in c for _, c in _children(1) + _children(proc.pid)):
        time.sleep(0.2)
    assert not any(b"imaging." in c for _, c in _children(1))
    assert not socket_path.exists()
