"""Renders are bounded work: at most ``slots`` images or PDFs are made at once on this machine, in every worker.

A render (a cache miss of a print image, the handout's figures or its PDF) takes one of ``slots`` lock files
(``fcntl.flock``: shared by all workers and threads, released by the kernel if a worker dies). When all are taken
it queues: one of ``queue`` waiting places, for at most ``wait_s`` seconds. A full queue, or a wait that runs out,
gets **503** with ``Retry-After`` and a short bilingual page at once — so at most ``slots + queue`` worker
threads are ever busy with renders, and a visitor is never parked behind an unbounded pile of them. Nested
renders of one request (the handout PDF renders its figures) hold one slot. Without Chromium nothing is
rendered: 503 with a plain explanation, the rest of the site keeps working.
"""

from __future__ import annotations

import contextlib
import fcntl
import html
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from flask import Flask, Response

from finance.text import t
from web import imaging

RETRY_AFTER_S = 15


class Busy(RuntimeError):
    """Every render slot stayed taken for the whole wait."""


class ExportsOff(RuntimeError):
    """Chromium is not installed: images and PDFs cannot be made on this server."""


class _Config:
    folder: Path | None = None
    slots: int = 2
    queue: int = 4
    wait_s: float = 30.0


_config = _Config()
_held = threading.local()


def configure(folder: Path, slots: int, queue: int, wait_s: float) -> None:
    """Use ``slots`` and ``queue`` lock files in ``folder`` (private, shared by the workers of this machine)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _config.folder, _config.slots = folder, max(1, slots)
    _config.queue, _config.wait_s = max(0, queue), max(0.0, wait_s)


@contextlib.contextmanager
def slot() -> Iterator[None]:
    """Hold one render slot for the block (re-entrant within a thread).

    Raises:
        Busy: every slot and queue place is taken, or the wait ran out.
        ExportsOff: there is no Chromium to render with.
    """
    if getattr(_held, "depth", 0):
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    if not imaging.available():
        raise ExportsOff
    if _config.folder is None:  # not configured (a bare test app): one at a time in this process
        with _local_lock:
            _held.depth = 1
            try:
                yield
            finally:
                _held.depth = 0
        return
    handle = _take(_config.folder, "slot", _config.slots, 0.0)
    if handle is None:
        ticket = _take(_config.folder, "queue", _config.queue, 0.0)
        if ticket is None:
            raise Busy  # the queue is full
        try:
            handle = _take(_config.folder, "slot", _config.slots, _config.wait_s)
        finally:
            _release(ticket)
        if handle is None:
            raise Busy  # waited long enough
    _held.depth = 1
    try:
        yield
    finally:
        _held.depth = 0
        _release(handle)


_local_lock = threading.Lock()


def _take(folder: Path, kind: str, count: int, wait_s: float) -> int | None:
    """One free ``kind`` lock file of ``count`` (polling up to ``wait_s``), or ``None``."""
    deadline = time.monotonic() + wait_s
    while True:
        for n in range(count):
            handle = os.open(folder / f"{kind}-{n}", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return handle
            except BlockingIOError:
                os.close(handle)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.1)


def _release(handle: int) -> None:
    fcntl.flock(handle, fcntl.LOCK_UN)
    os.close(handle)


def _page(title: str, body: str, status: int, headers: dict[str, str]) -> Response:
    ja, en = (html.escape(t(title, "ja")), html.escape(t(title, "en")))
    text_ja, text_en = (html.escape(t(body, loc, seconds=RETRY_AFTER_S)) for loc in ("ja", "en"))
    back_ja, back_en = html.escape(t("server.busy_back", "ja")), html.escape(t("server.busy_back", "en"))
    page = (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{ja} / {en}</title></head><body>"
        f"<h1>{ja}</h1><p>{text_ja}</p>"
        f'<h2 lang="en">{en}</h2><p lang="en">{text_en}</p>'
        f'<p><a href="/">{back_ja}</a> / <a href="/" lang="en">{back_en}</a></p></body></html>'
    )
    return Response(page, status=status, mimetype="text/html", headers={"Cache-Control": "no-store", **headers})


def register(server: Flask) -> None:
    """Answer :class:`Busy` with 503 + ``Retry-After`` and :class:`ExportsOff` with 503, as friendly pages."""

    @server.errorhandler(Busy)
    def busy(_: Busy) -> Response:
        return _page("server.busy_title", "server.busy_body", 503, {"Retry-After": str(RETRY_AFTER_S)})

    @server.errorhandler(ExportsOff)
    def off(_: ExportsOff) -> Response:
        return _page("server.exports_off_title", "server.exports_off", 503, {})

    @server.errorhandler(imaging.ExportUnavailable)
    def restarting(_: imaging.ExportUnavailable) -> Response:
        return _page("server.busy_title", "server.busy_body", 503, {"Retry-After": str(RETRY_AFTER_S)})
