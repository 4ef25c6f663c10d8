"""Real-browser fixtures: a gunicorn server started on a free loopback port and Debian's headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

CHROMIUM = os.environ.get("MIERUKA_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = ROOT / "build" / "screenshots"
WAIT_MS = 60_000
"""How long a test waits for a state (text, chart, element): generous, because CI has 2 cores for the server,
the browser and the tests, and a full indicators page renders thousands of components. Never a fixed sleep."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_gunicorn(tmp_path_factory, extra_env: dict[str, str]) -> Iterator[str]:
    """Start the app under gunicorn with the bundled data on a free loopback port, yield its URL, stop it."""
    port = _free_port()
    env = {
        **os.environ,
        "MIERUKA_DATA_DIR": str(DATA),
        "MIERUKA_BIND": f"127.0.0.1:{port}",
        "MIERUKA_CACHE_TYPE": "FileSystemCache",
        "MIERUKA_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
        "MIERUKA_ACCESS_LOG": str(tmp_path_factory.mktemp("log") / "access.log"),
        "MIERUKA_PRERENDER": "none",  # the background renders are tested on their own (test_prerender)
        **extra_env,
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    # The server's log goes to a file, never to a pipe nobody reads: once a pipe's 64 KB buffer is full, every
    # worker that logs a line blocks for good, and pages stop answering half-way through a session.
    log_path = tmp_path_factory.mktemp("log") / "server.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "app:server"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                out = log_path.read_text(errors="replace")
                raise RuntimeError(f"gunicorn did not start:\n{out}") from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)  # gunicorn's graceful_timeout is 20 s; more only on a loaded machine
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def server_url(tmp_path_factory) -> Iterator[str]:
    """The app under gunicorn (2 sync workers, preload) with the bundled data, as a user would run it."""
    yield from run_gunicorn(tmp_path_factory, {})


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page_factory(browser):
    """New pages with a console-error collector; ``errors`` lists what the page logged as errors."""
    contexts = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
        contexts.append(context)
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under build/screenshots/ for people to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
