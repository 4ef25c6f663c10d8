"""Answers as bytes: a cached callback or page is answered from its pre-serialised, pre-compressed response.

Every callback of the app is a pure function of its request body (inputs, state and which of them changed) and of
the data and code versions, which prefix every cache key. So the response itself — the JSON Dash wrote, compressed
once with brotli or gzip — is stored under a hash of the body and the chosen encoding, and a repeated request is
answered with those bytes: no JSON decoding of the body, no callback, no serialisation, no compression.

Only what the guard let through reaches Dash (this wraps the guarded view), and only 200 answers are stored.

Pages (Dash's index with the first view) are stored the same way under their path and *canonical* view — a query
that names the same view in other words, or with parameters the site does not know, is the same key — and only
for the site's own page paths.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
from collections.abc import Callable
from typing import Any

import brotli
from flask import Flask, Response, request

log = logging.getLogger("mieruka")

ROUTE = "/_dash-update-component"
BROTLI_QUALITY = 5  # a callback answer is compressed once per body and encoding: fast, ~10 % above quality 9
ENCODINGS = ("br", "gzip")


def chosen_encoding(accept: str, enabled: bool) -> str:
    """``br``, ``gzip`` or ``identity`` for an ``Accept-Encoding`` header (``q=0`` refuses a coding)."""
    if not enabled:
        return "identity"
    offered = {}
    for part in accept.lower().split(","):
        name, _, params = part.strip().partition(";")
        refused = params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000")
        offered[name.strip()] = not refused
    return next((e for e in ENCODINGS if offered.get(e)), "identity")


def encode(data: bytes, encoding: str) -> bytes:
    """``data`` compressed with ``encoding``."""
    if encoding == "br":
        return bytes(brotli.compress(data, quality=BROTLI_QUALITY))
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=6, mtime=0)
    return data


def key(body: bytes, encoding: str) -> str:
    """The cache key of a callback body answered in ``encoding``."""
    return "callback-bytes:" + encoding + ":" + hashlib.sha256(body).hexdigest()


def _answer(data: bytes, encoding: str, state: str, mimetype: str = "application/json") -> Response:
    response = Response(data, status=200, mimetype=mimetype)
    response.headers["X-Mieruka-Cache"] = state  # hit: these bytes were stored by an earlier answer
    if encoding != "identity":
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    return response


def _served(
    server: Flask, store: Any, cache_key: str, encoding: str, mimetype: str, make: Callable[[], Any]
) -> Response:
    """The stored bytes of ``cache_key``; else ``make()``'s answer, stored when it is a 200 of ``mimetype``."""
    try:
        hit = store.get(cache_key)
    except Exception:  # a cache that cannot be read is a miss, never an error page
        log.exception("answer cache read failed")
        hit = None
    if isinstance(hit, bytes):
        return _answer(hit, encoding, "hit", mimetype)
    response = server.make_response(make())
    if response.status_code != 200 or response.is_streamed or response.mimetype != mimetype:
        return response
    data = encode(response.get_data(), encoding)
    try:
        store.set(cache_key, data)
    except Exception:
        log.exception("answer cache write failed")
    answer = _answer(data, encoding, "miss", mimetype)
    for name, value in response.headers.items():
        if name.lower() not in ("content-length", "content-type", "content-encoding", "vary"):
            answer.headers[name] = value
    return answer


def install(server: Flask, store: Any, *, compress: bool) -> None:
    """Answer repeated callback requests of ``server`` from ``store`` (a flask-caching ``Cache``)."""
    dispatch: Callable[[], Any] = server.view_functions[ROUTE]

    def cached_dispatch() -> Any:
        body = request.get_data(cache=True)
        encoding = chosen_encoding(request.headers.get("Accept-Encoding", ""), compress)
        return _served(server, store, key(body, encoding), encoding, "application/json", dispatch)

    server.view_functions[ROUTE] = cached_dispatch


PAGE_ENDPOINTS = ("/", "/<path:path>")


def install_pages(
    server: Flask, store: Any, *, compress: bool, page_key: Callable[[str, str], str | None], variant: str
) -> None:
    """Answer repeated page requests of ``server`` from ``store``.

    ``page_key(path, query)`` names the page's view, or is ``None`` for a path that is not one of the site's pages
    (never stored); ``variant`` names the settings that change a page (first view, plotly bundle), so that servers
    with other settings sharing the cache never answer with each other's pages.
    """
    for endpoint in PAGE_ENDPOINTS:
        server.view_functions[endpoint] = _cached_page(
            server, server.view_functions[endpoint], store, compress, page_key, variant
        )


def _cached_page(
    server: Flask,
    view: Callable[..., Any],
    store: Any,
    compress: bool,
    page_key: Callable[[str, str], str | None],
    variant: str,
) -> Callable[..., Any]:
    def cached(*args: Any, **kwargs: Any) -> Any:
        name = page_key(request.path, request.query_string.decode("latin-1"))
        if name is None:
            return view(*args, **kwargs)
        encoding = chosen_encoding(request.headers.get("Accept-Encoding", ""), compress)
        cache_key = "page-bytes:" + encoding + ":" + hashlib.sha256(f"{variant}:{name}".encode()).hexdigest()
        return _served(server, store, cache_key, encoding, "text/html", lambda: view(*args, **kwargs))

    return cached
