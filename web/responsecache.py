"""Answers as bytes: a cached callback or page is answered from its pre-serialised, pre-compressed response.

Every callback of the app is a pure function of its request body (inputs, state and which of them changed) and of
the data and code versions, which prefix every cache key. So the response itself — the JSON Dash wrote, compressed
once with brotli or gzip — is stored under a hash of the body and the chosen encoding, and a repeated request is
answered with those bytes: no JSON decoding of the body, no callback, no serialisation, no compression.

Only what the guard let through reaches Dash (this wraps the guarded view), and only 200 answers are stored.

A repeated callback body does not even enter Flask: :class:`CallbackBytes` sits in front of the WSGI app and answers
a stored body from the store's backend with the headers a full answer of this route carried (learned from the
first one that went through Flask: the security headers are the same for every callback answer). A body is stored
only once the guard accepted it and its callback answered 200, so the same bytes are the same verdict; anything
else — a miss, a refused host, a body without a length — goes to Flask as before.

Pages (Dash's index with the first view) are stored the same way under their path and *canonical* view — a query
that names the same view in other words, or with parameters the site does not know, is the same key — and only
for the site's own page paths.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
from collections.abc import Callable, Iterable
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


def install(server: Flask, store: Any, *, compress: bool, accepts_host: Callable[[str], bool], max_body: int) -> None:
    """Answer repeated callback requests of ``server`` from ``store`` (a flask-caching ``Cache``).

    In Flask (the guarded view), and before Flask by :class:`CallbackBytes` for bodies of at most ``max_body``
    bytes from an accepted host.
    """
    dispatch: Callable[[], Any] = server.view_functions[ROUTE]

    def cached_dispatch() -> Any:
        body = request.get_data(cache=True)
        encoding = chosen_encoding(request.headers.get("Accept-Encoding", ""), compress)
        return _served(server, store, key(body, encoding), encoding, "application/json", dispatch)

    server.view_functions[ROUTE] = cached_dispatch
    server.wsgi_app = CallbackBytes(  # type: ignore[method-assign]
        server.wsgi_app, lambda: server.extensions["cache"][store], compress, accepts_host, max_body
    )


StartResponse = Callable[..., Any]
_NOT_REPLAYED = frozenset({"content-length", "content-encoding", "x-mieruka-cache", "date", "server"})


class CallbackBytes:
    """WSGI middleware: a stored callback answer is sent without entering Flask.

    Args:
        app: the Flask WSGI app behind it.
        backend: the cache backend (the object flask-caching delegates to); asked for once it is needed.
        compress: whether answers are compressed (the encoding is part of the key).
        accepts_host: whether a request's ``Host`` is served; others go to Flask, which refuses them.
        max_body: the largest body Flask accepts; a larger one goes to Flask, which refuses it.
    """

    def __init__(
        self,
        app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]],
        backend: Callable[[], Any],
        compress: bool,
        accepts_host: Callable[[str], bool],
        max_body: int,
    ) -> None:
        self.app = app
        self.backend = backend
        self.compress = compress
        self.accepts_host = accepts_host
        self.max_body = max_body
        self.headers: list[tuple[str, str]] | None = None  # of the route's full answers, once one has been seen

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Answer a stored callback body here; pass everything else to Flask."""
        if environ.get("PATH_INFO") != ROUTE or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        if self.headers is not None and self.accepts_host(environ.get("HTTP_HOST", "")):
            answer = self._stored(environ)
            if answer is not None:
                data, encoding = answer
                headers = [*self.headers, ("X-Mieruka-Cache", "hit"), ("Content-Length", str(len(data)))]
                if encoding != "identity":
                    headers.append(("Content-Encoding", encoding))
                start_response("200 OK", headers)
                return [data]
        return self.app(environ, self._learning(start_response))

    def _stored(self, environ: dict[str, Any]) -> tuple[bytes, str] | None:
        """The stored answer of this request's body, or ``None``; the body is put back for Flask either way."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if not 0 < length <= self.max_body:
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        encoding = chosen_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""), self.compress)
        try:
            hit = self.backend().get(key(body, encoding))
        except Exception:  # a cache that cannot be read is a miss, never an error page
            log.exception("answer cache read failed")
            return None
        return (hit, encoding) if isinstance(hit, bytes) else None

    def _learning(self, start_response: StartResponse) -> StartResponse:
        """``start_response`` that keeps the headers of the first stored answer (hit or miss) it sees."""
        if self.headers is not None:
            return start_response

        def learn(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            names = {name.lower() for name, _ in headers}
            if status.startswith("200") and "x-mieruka-cache" in names:
                self.headers = [(n, v) for n, v in headers if n.lower() not in _NOT_REPLAYED]
            return start_response(status, headers, *args)

        return learn


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
