"""Static images of Plotly figures through kaleido and the Debian Chromium: one long-lived export process.

Starting Chromium costs ≈2 s and a started kaleido server renders a figure in ≈0.2–0.5 s, but its Chromium holds
≈500 MB. Under gunicorn one export process serves every worker: the master starts a small supervisor
(``gunicorn.conf.py``, :func:`start_process`, :func:`supervise`) and publishes the Unix socket in
``MIERUKA_EXPORT_SOCKET``; workers send the figure JSON and get the bytes back (:func:`render`). The export
process renders one figure at a time. To bound Chromium's memory it is replaced after ``MIERUKA_EXPORT_RECYCLE``
renders (default 200), and the supervisor starts a new one whenever it exits or dies; workers wait up to
:data:`RESTART_WAIT_S` for it and never start a Chromium of their own (:class:`ExportUnavailable` → 503).
Everything exits with the master. Without that variable (development server, tests with the Flask test client)
the calling process starts its own kaleido server on first use.

PNGs get their print resolution written into the file (``pHYs``), SVGs their size in mm, PDFs are scaled to the
printed width, so layout programs place them at the intended size.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import plotly.graph_objects as go

SOCKET_ENV = "MIERUKA_EXPORT_SOCKET"
RECYCLE_ENV = "MIERUKA_EXPORT_RECYCLE"
RESTART_WAIT_S = 20
FORMATS = ("png", "svg", "pdf")
MAX_MESSAGE = 64 * 1024 * 1024
TIMEOUT_S = 60

_lock = threading.Lock()
_started_in: int | None = None  # the pid whose kaleido server is running (a forked child must start its own)


class ExportError(RuntimeError):
    """The export process could not render the figure."""


class ExportUnavailable(RuntimeError):
    """The shared export process did not answer within :data:`RESTART_WAIT_S` (it is being restarted)."""


def available() -> bool:
    """Whether a Chromium for exports is installed (``BROWSER_PATH``, as kaleido reads it, or ``chromium``)."""
    import shutil

    given = os.environ.get("BROWSER_PATH")
    if given:
        return os.access(given, os.X_OK)
    return bool(shutil.which("chromium") or shutil.which("chromium-browser"))


# --- kaleido in this process ------------------------------------------------------------------------------------


def _ensure_server() -> None:
    global _started_in
    if _started_in == os.getpid():
        return
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # mathjax=False: no CDN <script>
    _started_in = os.getpid()
    atexit.register(stop)


def stop() -> None:
    """Stop this process's kaleido server (at exit; safe to call when none runs)."""
    global _started_in
    if _started_in != os.getpid():
        return
    import kaleido

    try:
        kaleido.stop_sync_server(silence_warnings=True)
    finally:
        _started_in = None


def _render_here(figure: dict[str, object], fmt: str, scale: float) -> bytes:
    with _lock:
        _ensure_server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "kopts is ignored if using a server"
            return bytes(go.Figure(figure).to_image(format=fmt, scale=scale if fmt == "png" else 1))


# --- the shared export process -----------------------------------------------------------------------------------


def _send(conn: socket.socket, payload: bytes) -> None:
    conn.sendall(struct.pack(">I", len(payload)) + payload)


def _receive(conn: socket.socket) -> bytes:
    def exactly(n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = conn.recv(min(left, 1 << 20))
            if not chunk:
                raise ConnectionError("export connection closed")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    (length,) = struct.unpack(">I", exactly(4))
    if length > MAX_MESSAGE:
        raise ConnectionError("export message too large")
    return exactly(length)


def serve(path: str, parent: int, max_renders: int = 0) -> None:
    """Run the export process: answer render requests on the Unix socket ``path`` until ``parent`` exits.

    With ``max_renders`` it also exits after that many renders (the supervisor then starts a fresh one).
    """
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run the clean-up below when the master stops us
    renders = 0
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o600)
    server.listen(16)
    server.settimeout(2.0)
    try:
        while True:
            try:
                conn, _ = server.accept()
            except TimeoutError:
                if os.getppid() != parent:  # the gunicorn master is gone
                    return
                continue
            with conn:
                conn.settimeout(TIMEOUT_S)
                try:
                    request = json.loads(_receive(conn))
                    fmt, scale = request["format"], float(request["scale"])
                    if fmt not in FORMATS:
                        raise ValueError(f"unknown format {fmt!r}")
                    _send(conn, b"\x00" + _render_here(request["figure"], fmt, scale))
                except Exception as exc:  # reported to the worker, which shows a plain error; never kills the loop
                    with contextlib.suppress(OSError):
                        _send(conn, b"\x01" + f"{type(exc).__name__}: {exc}".encode())
            renders += 1
            if max_renders and renders >= max_renders:
                return  # recycled: Chromium's memory goes with us
    finally:
        server.close()
        with contextlib.suppress(OSError):
            os.unlink(path)
        stop()


def supervise(path: str, parent: int) -> None:
    """Keep one export process (:func:`serve`) running on ``path`` until ``parent`` (the master) exits.

    A process that exits (recycled) or dies is replaced at once; one that keeps dying young is retried with a
    growing pause (1 s … 30 s).
    """
    max_renders = int(os.environ.get(RECYCLE_ENV) or "200")
    child: subprocess.Popen[bytes] | None = None

    def finish(*_: object) -> None:
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        with contextlib.suppress(OSError):
            os.unlink(path)
        with contextlib.suppress(OSError):
            os.rmdir(os.path.dirname(path))
        sys.exit(0)

    signal.signal(signal.SIGTERM, finish)
    pause = 1.0
    me = os.getpid()
    code = f"from web import imaging; imaging.serve({path!r}, {me}, {max_renders})"
    while os.getppid() == parent:
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-c", code], cwd=str(Path(__file__).resolve().parent.parent))
        while child.poll() is None:
            try:
                child.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                if os.getppid() != parent:
                    finish()
        if os.getppid() != parent:
            break
        pause = 1.0 if time.monotonic() - started > 60 or child.returncode == 0 else min(pause * 2, 30.0)
        if child.returncode != 0:
            time.sleep(pause)
    finish()


def start_process() -> tuple[subprocess.Popen[bytes], str]:
    """Start the export supervisor for this (master) process; returns it and the socket path."""
    folder = tempfile.mkdtemp(prefix="mieruka-export-")
    path = str(Path(folder) / "export.sock")
    process = subprocess.Popen(
        [sys.executable, "-c", f"from web import imaging; imaging.supervise({path!r}, {os.getpid()})"],
        cwd=str(Path(__file__).resolve().parent.parent),
    )
    deadline = time.monotonic() + 30
    while not os.path.exists(path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # the workers are forked after this returns: the socket is there for them
    return process, path


def _render_remote(path: str, figure_json: str, fmt: str, scale: float) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(TIMEOUT_S)
        conn.connect(path)
        header = json.dumps({"format": fmt, "scale": scale})
        _send(conn, f'{header[:-1]}, "figure": {figure_json}}}'.encode())  # Plotly's own JSON (numpy included)
        answer = _receive(conn)
    if answer[:1] != b"\x00":
        raise ExportError(answer[1:].decode(errors="replace"))
    return answer[1:]


def _raw(figure: go.Figure, fmt: str, scale: float) -> bytes:
    path = os.environ.get(SOCKET_ENV)
    if not path:
        return _render_here(figure.to_plotly_json(), fmt, scale)
    deadline = time.monotonic() + RESTART_WAIT_S
    payload = figure.to_json()
    while True:  # the export process may be between two lives (recycled or restarted): wait for it, bounded
        try:
            return _render_remote(path, payload, fmt, scale)
        except (OSError, ConnectionError):
            if time.monotonic() > deadline:
                raise ExportUnavailable(path) from None
            time.sleep(0.2)


# --- the public call ---------------------------------------------------------------------------------------------


def render(figure: go.Figure, fmt: str, *, width_mm: float, dpi: int) -> bytes:
    """The figure as ``png``, ``svg`` or ``pdf`` bytes that print ``width_mm`` wide (height in proportion).

    PNG: rendered at ``dpi`` for that width, with the resolution recorded in the file. SVG: the root element gets
    its size in mm (the drawing is unchanged). PDF: the page is scaled to that width (text stays text).
    """
    width_px = float(figure.layout.width or 700)
    scale = round(width_mm / 25.4 * dpi) / width_px  # a whole number of pixels for the printed width
    data = _raw(figure, fmt, scale)
    if fmt == "png":
        return _with_dpi(data, dpi)
    height_mm = width_mm * float(figure.layout.height or 500) / width_px
    if fmt == "svg":
        return _svg_in_mm(data, width_mm, height_mm)
    return _pdf_scaled(data, width_mm)


def _with_dpi(png: bytes, dpi: int) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        out = io.BytesIO()
        image.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()


def _svg_in_mm(svg: bytes, width_mm: float, height_mm: float) -> bytes:
    head, sep, rest = svg.partition(b">")
    head = re.sub(rb' width="[0-9.]+"', f' width="{width_mm:.1f}mm"'.encode(), head, count=1)
    head = re.sub(rb' height="[0-9.]+"', f' height="{height_mm:.1f}mm"'.encode(), head, count=1)
    return head + sep + rest


def _pdf_scaled(pdf: bytes, width_mm: float) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        page.scale_by(width_mm / 25.4 * 72 / float(page.mediabox.width))
    writer.add_metadata({"/Title": "Mieruka figure", "/Creator": "Mieruka (見える化)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
