"""Static images of Plotly figures through kaleido and the Debian Chromium: one long-lived export process.

Starting Chromium costs ≈2 s and a started kaleido server renders a figure in ≈0.2–0.5 s, but its Chromium holds
≈500 MB. Under gunicorn one export process serves every worker: the master starts it (``gunicorn.conf.py``,
:func:`start_process`) and publishes its Unix socket in ``MIERUKA_EXPORT_SOCKET``; workers send the figure JSON
and get the bytes back (:func:`render`). The process renders one figure at a time and exits with the master.
Without that variable (development server, tests with the Flask test client) — or if the process has gone —
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
FORMATS = ("png", "svg", "pdf")
MAX_MESSAGE = 64 * 1024 * 1024
TIMEOUT_S = 60

_lock = threading.Lock()
_started_in: int | None = None  # the pid whose kaleido server is running (a forked child must start its own)


class ExportError(RuntimeError):
    """The export process could not render the figure."""


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


def serve(path: str, parent: int) -> None:
    """Run the export process: answer render requests on the Unix socket ``path`` until ``parent`` exits."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run the clean-up below when the master stops us
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
    finally:
        server.close()
        stop()
        with contextlib.suppress(OSError):
            os.unlink(path)
            os.rmdir(os.path.dirname(path))


def start_process() -> tuple[subprocess.Popen[bytes], str]:
    """Start the export process for this (master) process; returns it and its socket path."""
    folder = tempfile.mkdtemp(prefix="mieruka-export-")
    path = str(Path(folder) / "export.sock")
    process = subprocess.Popen(
        [sys.executable, "-c", f"from callbacks import imaging; imaging.serve({path!r}, {os.getpid()})"],
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
    if path and os.path.exists(path):
        try:
            return _render_remote(path, figure.to_json(), fmt, scale)
        except (OSError, ConnectionError):
            pass  # the export process is gone: render here rather than fail the reader
    return _render_here(figure.to_plotly_json(), fmt, scale)


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
