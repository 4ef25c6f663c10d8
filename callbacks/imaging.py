"""Static images of Plotly figures through kaleido and the Debian Chromium: one long-lived export process.

Starting Chromium costs ≈2 s; a started kaleido server renders a figure in ≈0.2 s. The server is started lazily,
once per worker process (never in the gunicorn master, whose forks would inherit a broken browser), and is reused
for every export; a lock keeps threaded servers (the development server) to one render at a time. PNGs get their
print resolution written into the file (``pHYs``) so layout programs place them at the intended size.
"""

from __future__ import annotations

import atexit
import io
import os
import re
import threading
import warnings

import plotly.graph_objects as go

_lock = threading.Lock()
_started_in: int | None = None  # the pid that started the server (a forked child must start its own)


def _ensure_server() -> None:
    global _started_in
    if _started_in == os.getpid():
        return
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # mathjax=False: no CDN <script>
    _started_in = os.getpid()
    atexit.register(stop)


def stop() -> None:
    """Stop this process's export server (at exit; safe to call when none runs)."""
    global _started_in
    if _started_in != os.getpid():
        return
    import kaleido

    try:
        kaleido.stop_sync_server(silence_warnings=True)
    finally:
        _started_in = None


def render(figure: go.Figure, fmt: str, *, width_mm: float, dpi: int) -> bytes:
    """The figure as ``png``, ``svg`` or ``pdf`` bytes that print ``width_mm`` wide (height in proportion).

    PNG: rendered at ``dpi`` for that width, with the resolution recorded in the file. SVG: the root element gets
    its size in mm (the drawing is unchanged). PDF: the page is scaled to that width (text stays text).
    """
    width_px = float(figure.layout.width or 700)
    scale = round(width_mm / 25.4 * dpi) / width_px  # a whole number of pixels for the printed width
    with _lock:
        _ensure_server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "kopts is ignored if using a server"
            data = figure.to_image(format=fmt, scale=scale if fmt == "png" else 1)
    if fmt == "png":
        return _with_dpi(data, dpi)
    height_mm = width_mm * float(figure.layout.height or 500) / width_px
    if fmt == "svg":
        return _svg_in_mm(data, width_mm, height_mm)
    return _pdf_scaled(data, width_mm)


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


def _with_dpi(png: bytes, dpi: int) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        out = io.BytesIO()
        image.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()
