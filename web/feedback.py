"""``POST /feedback``: a resident's 「この説明はわかりましたか？」 answer, validated and stored (the only write).

CSRF: the site sets no cookie and keeps no session, so a forged request could only add a vote, never act for someone.
Even that is refused: the route takes JSON only (``Content-Type: application/json``) with the custom header
``X-Mieruka-Feedback: 1``. A page of another site cannot send either without a CORS preflight, which this server
never approves; and a browser's ``Origin`` (and ``Sec-Fetch-Site`` when sent) must name this site. No token is
needed, so the page stays cacheable and cookie-free.

Limits: the body at most ``MAX_BODY_BYTES``, the comment at most 200 characters, and a per-client rate limit kept in
memory (a salted hash of the address, the salt renewed every window; nothing about the client is stored). Every
refusal is a 4xx with a short JSON error and stores nothing; a failing database is a 503 without details.
"""

from __future__ import annotations

import json
import logging
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


def register(server: Flask, settings: Settings, limiter: feedback.RateLimiter | None = None) -> None:
    """Open the store (migrating its schema) and add the route."""
    store = feedback.open_store(settings.feedback_dir, settings.database_url)
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
        if not limiter.allow(request.remote_addr or ""):
            return _reply(429, {"error": "rate"})
        try:
            payload = json.loads(request.get_data(cache=False)[: feedback.MAX_BODY_BYTES])
            vote = feedback.parse_vote(payload)
        except (ValueError, UnicodeDecodeError) as exc:
            field = exc.field if isinstance(exc, feedback.FeedbackError) else "body"
            return _reply(400, {"error": field})
        try:
            store.add(vote)
        except Exception:  # a database that is down: the resident sees a short message, the log has the cause
            log.exception("feedback could not be stored")
            return _reply(503, {"error": "unavailable"})
        return _reply(201, {"ok": True})
