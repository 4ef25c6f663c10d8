"""The canonical handout and print images are made in the background after start, by one worker, and a visitor's
request is then answered from the rendered-files store without a new render (real gunicorn, real Chromium)."""

from __future__ import annotations

import re
import time
import urllib.request
from pathlib import Path

from finance import viewstate
from tests.integration.test_faults import _start
from tests.integration.test_multi_instance import _stop

BODY = "012092"  # a body of the national tables: its default view has few figures, so the test stays short
READY = re.compile(r"pre-render: (\d+) of (\d+) files ready")


def _files(cache: Path) -> set[Path]:
    return {p for p in cache.glob("*/files/*") if p.is_file()}


def _kind(path: Path) -> str:
    """What a store entry holds (its value's type and first bytes), for the failure message."""
    import pickle

    with path.open("rb") as handle:
        handle.read(4)  # the entry's expiry time
        return repr(pickle.load(handle))[:80]


def test_canonical_renders_are_ready_before_a_visitor_asks(tmp_path: Path, dataset):
    proc, url, log = _start(tmp_path, MIERUKA_PRERENDER=BODY)
    cache = next(tmp_path.glob("cache-*"))
    try:
        deadline = time.monotonic() + 600  # generous: a loaded 2-core machine; the state is waited for, not a time
        while not (found := READY.search(log.read_text(errors="replace"))):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.5)
        made, listed = int(found.group(1)), int(found.group(2))
        assert made == listed >= 2  # the handout and at least one print image
        before = _files(cache)
        assert len(before) >= made
        view = viewstate.resolve(dataset, {"m": BODY})
        with urllib.request.urlopen(f"{url}/handout.pdf{view.as_query()}", timeout=120) as response:
            assert response.headers["Content-Type"] == "application/pdf"
            assert response.read().startswith(b"%PDF")
        new = _files(cache) - before
        assert not new, [(view.as_query(), _kind(p)) for p in new]  # answered from the store: nothing was rendered
    finally:
        _stop(proc)
    text = log.read_text(errors="replace")
    assert text.count("pre-rendering the canonical views in the background") == 1  # one worker of the two
