"""Entry point: build the one Dash app and expose ``server`` for gunicorn (``app:server``).

The data folder is loaded and validated once, before the app is built; invalid data stops the start with the
full bilingual error list (no traceback) and nothing is served.
"""

from __future__ import annotations

import json
import os
import sys

import dash
from dash import html
from flask import Response, request

import callbacks
import layouts
from callbacks.cache import cache
from finance import config, repository
from finance.config import Settings
from finance.validation import DataValidationError, report
from layouts import shell

STATIC_PREFIXES = ("/_dash-", "/assets/", "/_favicon", "/_reload-hash", "/health")


def _security_headers(settings: Settings, app: dash.Dash, response: Response) -> Response:
    """CSP (scripts from self plus Dash's inline-script hashes), framing, sniffing and referrer headers."""
    hashes = " ".join(app.csp_hashes())  # already quoted: "'sha256-…'"
    frame = "'self'"
    if request.path.startswith("/embed/") and settings.frame_ancestors:
        frame = " ".join(("'self'", *settings.frame_ancestors))
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; "
        f"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        f"frame-ancestors {frame}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    if frame == "'self'":
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


def build_app(settings: Settings) -> dash.Dash:
    """Assemble the app from its parts; tests call this with their own settings."""
    dataset = repository.init(settings.data_dir)
    app = dash.Dash(
        __name__,
        title="見える化 — 市町村の財政",
        update_title=None,
        suppress_callback_exceptions=False,
        serve_locally=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": "市町村の決算を、出典つきでわかりやすく。Municipal settlements, explained.",
            },
        ],
    )
    app.layout = shell.layout
    app.validation_layout = html.Div([shell.layout(), *layouts.validation_layout()])
    cache.init_app(app.server, config=settings.cache_config(dataset.version))
    callbacks.register_all(app)
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = 64 * 1024

    @server.route("/health")
    def health() -> Response:
        body = {"status": "ok", "data_version": repository.get().version}
        return Response(json.dumps(body), mimetype="application/json")

    @server.after_request
    def after(response: Response) -> Response:
        known = request.path in layouts.PAGES or request.path.startswith(STATIC_PREFIXES)
        if request.method == "GET" and not known and response.status_code == 200 and response.mimetype == "text/html":
            response.status_code = 404
        return _security_headers(settings, app, response)

    return app


def _build_or_exit() -> dash.Dash:
    try:
        return build_app(config.from_env(os.environ))
    except DataValidationError as exc:
        sys.stderr.write("データに誤りがあるため起動できません / Refusing to start: the data is not valid.\n")
        sys.stderr.write(report(exc.issues) + "\n")
        raise SystemExit(1) from None


app = _build_or_exit()
server = app.server

if __name__ == "__main__":
    app.run(
        host="127.0.0.1",
        port=int(os.environ.get("PORT", "8050")),
        debug=config.from_env(os.environ).debug,
        dev_tools_disable_version_check=True,
    )
