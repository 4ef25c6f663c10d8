"""``POST /feedback``: a resident's 「この説明はわかりましたか？」 answer, validated and stored (the only write).

CSRF: the site sets no cookie and keeps no session, so a forged request could only add a vote, never act for someone.
Even that is refused: the route takes JSON only (``Content-Type: application/json``) with the custom header
``X-Mieruka-Feedback: 1``. A page of another site cannot send either without a CORS preflight, which this server
never approves; and a browser's ``Origin`` (and ``Sec-Fetch-Site`` when sent) must name this site. No token is
needed, so the page stays cacheable and cookie-free.

Limits: the body at most ``MAX_BODY_BYTES``, the comment at most 200 characters, and a per-client rate limit kept in
memory (a salted hash of the address, the salt renewed every window; nothing about the client is stored; behind a
reverse proxy set ``MIERUKA_PROXY_HOPS`` so that clients are told apart by ``X-Forwarded-For``). Every
refusal is a 4xx with a short JSON error and stores nothing; a failing database is a 503 without details.
"""

from __future__ import annotations

import json
import logging
import threading
from urllib.parse import urlsplit

from flask import Flask, Response, request

from finance import feedback
from finance.config import Settings

HEADER = "X-Mieruka-Feedback"
log = logging.getLogger(__name__)


def _reply(status: int, body: dict[str, object]) -> Response:
    response = Response(json.dumps(body), status=status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


def _same_origin(public_url: str) -> bool:
    origin = request.headers.get("Origin", "")
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site != "same-origin":
        return False
    if not origin:
        return False
    allowed = {request.host.lower()}
    if public_url:
        allowed.add(urlsplit(public_url).netloc.lower())
    return urlsplit(origin).netloc.lower() in allowed


class LazyStore:
    """The store, opened (and migrated) on first use.

    A database that is down at start never stops the read-only site; the route answers 503 until it is reachable.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: feedback.SQLiteStore | feedback.PostgresStore | None = None
        self._lock = threading.Lock()

    def get(self) -> feedback.SQLiteStore | feedback.PostgresStore:
        """The open store; raises what opening raised when it cannot be opened (yet)."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = feedback.open_store(self.settings.feedback_dir, self.settings.database_url)
        return self._store


def client_address(remote_addr: str | None, forwarded_for: str | None, proxy_hops: int) -> str:
    """The address the rate limit counts (never stored).

    Behind ``proxy_hops`` trusted proxies (nginx appends the address it saw to ``X-Forwarded-For``) it is the entry
    added by the nearest one; otherwise the peer itself, and a forged header changes nothing.
    """
    if proxy_hops > 0 and forwarded_for:
        hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
        if len(hops) >= proxy_hops:
            return hops[-proxy_hops]
    return remote_addr or ""


def register(server: Flask, settings: Settings, limiter: feedback.RateLimiter | None = None) -> None:
    """Add the route; the store is opened now if it can be (so schema problems show at start), else on first use."""
    store = LazyStore(settings)
    try:
        store.get()
    except Exception:  # e.g. PostgreSQL not reachable yet: the site starts, feedback answers 503 meanwhile
        log.warning("feedback store not available at start; retrying on first use", exc_info=True)
    limiter = limiter or feedback.RateLimiter()
    server.extensions["mieruka_feedback"] = store

    @server.route("/feedback", methods=["POST"])
    def post_feedback() -> Response:
        if not _same_origin(settings.public_url) or request.headers.get(HEADER) != "1":
            return _reply(403, {"error": "origin"})
        if request.mimetype != "application/json":
            return _reply(415, {"error": "content-type"})
        length = request.content_length
        if length is None:
            return _reply(411, {"error": "length"})
        if length > feedback.MAX_BODY_BYTES:
            return _reply(413, {"error": "size"})
        client = client_address(request.remote_addr, request.headers.get("X-Forwarded-For"), settings.proxy_hops)
        if not limiter.allow(client):
            return _reply(429, {"error": "rate"})
        try:
            payload = json.loads(request.get_data(cache=False)[: feedback.MAX_BODY_BYTES])
            vote = feedback.parse_vote(payload)
        except (ValueError, UnicodeDecodeError) as exc:
            field = exc.field if isinstance(exc, feedback.FeedbackError) else "body"
            return _reply(400, {"error": field})
        try:
            store.get().add(vote)
        except Exception:  # a database that is down: the resident sees a short message, the log has the cause
            log.exception("feedback could not be stored")
            return _reply(503, {"error": "unavailable"})
        return _reply(201, {"ok": True})
