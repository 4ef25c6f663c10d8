"""The handout and print images of the canonical views, made in the background after start.

A visitor who opens the handout PDF or a figure's print image of a body's default view should never wait for
Chromium. After a worker has started, one worker of the machine (the one that takes the lock file next to the
render slots) walks the canonical views (:func:`finance.viewstate.canonical_views`, set by
``MIERUKA_PRERENDER``) and renders, through the same memoised functions the routes use, so the files land in the
rendered-files store under the keys a visitor's request looks up:

* the handout PDF (A4, colour) and so its numbered figures;
* every figure of every page with figures as a PNG print image (2 columns, colour).

It yields to visitors: one render at a time, never a queue place (a full set of render slots makes it wait and try
again), and after each render it pauses as long as the render took, so at most half of one core goes to it. A
worker recycled later finds the files cached and is done at once. It logs what it made and how long it took.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import IO, Any

from flask import Flask

from finance import repository, viewstate

log = logging.getLogger("mieruka.prerender")
RETRY_S = 5.0


class _State:
    server: Flask | None = None
    bodies: tuple[str, ...] = ("none",)
    base: str = ""
    folder: Path | None = None
    lock: IO[bytes] | None = None
    thread: threading.Thread | None = None


_state = _State()


def configure(server: Flask, bodies: tuple[str, ...], base: str, folder: Path) -> None:
    """Remember the app, what to render (``Settings.prerender``), the printed origin and the lock file's folder."""
    _state.server, _state.bodies, _state.base, _state.folder = server, bodies, base, folder


def jobs() -> list[tuple[str, Callable[[], object]]]:
    """Every render of the canonical views as (label, call), in the order they are made."""
    from layouts import figurekit as kit
    from web import figurekit, handout  # the routes' own memoised renders

    out: list[tuple[str, Callable[[], object]]] = []
    base = _state.base
    for view in viewstate.canonical_views(repository.get(), _state.bodies):
        m, y, mode, lang = view.municipality, view.year, view.mode, view.locale
        assert y is not None
        out.append((f"handout {m} {y}", partial(handout.handout_pdf, m, y, mode, lang, "a4", "color", base)))
        for page in figurekit.PAGES:
            for parts in kit.parts(figurekit.page_tree(page, m, y, mode, lang)):
                call = partial(figurekit.export, page, parts.key, "png", m, y, mode, lang, "2col", "color", base)
                out.append((f"figure {m} {y} {page}/{parts.key}", call))
    return out


def run(stop: threading.Event) -> int:
    """Make every job (waiting while the render slots are busy); return how many were made. Never raises."""
    from web import renderqueue

    assert _state.server is not None
    with _state.server.app_context():  # the stores are the app's
        return _run(stop, renderqueue)


def _run(stop: threading.Event, renderqueue: Any) -> int:
    started, done = time.monotonic(), 0
    try:
        todo = jobs()
    except Exception:
        log.exception("pre-render: the canonical views could not be listed")
        return 0
    for label, call in todo:
        while not stop.is_set():
            began = time.monotonic()
            try:
                call()
            except renderqueue.Busy:
                stop.wait(RETRY_S)  # visitors first
                continue
            except renderqueue.ExportsOff:
                log.info("pre-render: exports are off on this server (no Chromium)")
                return done
            except Exception:
                log.exception("pre-render: %s failed", label)
            else:
                done += 1
            stop.wait(time.monotonic() - began)  # at most half of a core
            break
        if stop.is_set():
            break
    log.info("pre-render: %d of %d files ready in %.1f s", done, len(todo), time.monotonic() - started)
    return done


def start() -> bool:
    """In a worker after start: take the machine's pre-render lock if free and render in a daemon thread.

    Returns whether this worker renders. The lock (``flock``) is held for the worker's life and released by the
    kernel when it exits, so a recycled worker's successor takes over.
    """
    if _state.bodies == ("none",) or _state.folder is None or _state.server is None or _state.thread is not None:
        return False
    handle = (_state.folder / "prerender.lock").open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _state.lock = handle
    _state.thread = threading.Thread(target=run, args=(threading.Event(),), name="prerender", daemon=True)
    _state.thread.start()
    return True
