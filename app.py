"""Entry point: build the one Dash app and expose ``server`` for gunicorn (``app:server``).

The data folder is loaded and validated once, before the app is built; invalid data stops the start with the
full bilingual error list (no traceback) and nothing is served.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from pathlib import Path

import dash
from dash import html
from flask import Response, request

import callbacks
import layouts
from finance import config, repository
from finance.config import Settings
from finance.validation import DataValidationError, report
from layouts import shell
from web import booklet, boot, downloads, figurekit, firstview, guard, handout, prerender, renderqueue, responsecache
from web import feedback as feedback_route
from web.cache import cache, files, prepare_folder

STATIC_PREFIXES = ("/_dash-", "/assets/", "/_favicon", "/_reload-hash", "/health")
SERVER_PAGES = ("/handout", "/present", "/booklet")  # HTML made by Flask routes, not Dash pages
COMPRESSIBLE_STATIC = ("/_dash-component-suites/", "/assets/")
YEAR_SECONDS = 31_536_000

MAX_BODY = 64 * 1024  # the largest request body accepted (callback envelopes and feedback posts)


class StaticOnlyCompressCache:
    """flask-compress cache that keeps only static files (callbacks share one URL and must never be cached)."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):  # flask-compress keys an uncacheable request as "<algorithm>;"
            self.data[key] = value


def _compress_key(req: object) -> str:
    path = getattr(req, "path", "")
    if getattr(req, "method", "") == "GET" and path.startswith(COMPRESSIBLE_STATIC):
        return str(getattr(req, "full_path", path))
    return ""


def _enable_compression(server: object) -> None:
    """brotli/gzip for HTML, JS, CSS and JSON, cached for static files only; 304s kept for assets."""
    from flask_compress import Compress

    config = server.config  # type: ignore[attr-defined]
    config["COMPRESS_MIMETYPES"] = ["text/html", "text/css", "application/javascript", "text/javascript",
                                    "application/json"]  # fmt: skip
    config["COMPRESS_ALGORITHM"] = ["br", "gzip"]
    config["COMPRESS_MIN_SIZE"] = 500
    config["COMPRESS_BR_LEVEL"] = 9  # static files are compressed once (cached); 9 is ~3x faster than 11 at ~8 % more
    config["COMPRESS_STREAMING_ENDPOINT_CONDITIONAL"] = ["static", "_dash_assets.static"]
    config["COMPRESS_CACHE_BACKEND"] = StaticOnlyCompressCache
    config["COMPRESS_CACHE_KEY"] = _compress_key
    Compress(server)


def code_version() -> str:
    """A short hash of the code that renders pages and images: with the data version it prefixes every cache key,
    so a deployment of new code never serves pages rendered by the old one from a shared cache."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for folder in ("finance", "layouts", "callbacks", "web"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in {".py", ".toml", ".html", ".css"}:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for path in sorted((root / "assets").glob("*")):  # their fingerprints are written into every cached page
        if path.suffix in {".js", ".css"}:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update((root / "app.py").read_bytes())  # the wiring: what a cached answer went through
    return digest.hexdigest()[:10]


def _security_headers(settings: Settings, app: dash.Dash, response: Response) -> Response:
    """CSP (scripts from self plus Dash's inline-script hashes), framing, sniffing and referrer headers."""
    hashes = " ".join(app.csp_hashes())  # already quoted: "'sha256-…'"
    frame = "'self'"
    if request.path.startswith("/embed/"):  # embeds are for other sites: any origin, or the configured ones
        frame = " ".join(("'self'", *settings.frame_ancestors)) if settings.frame_ancestors else "*"
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; "
        f"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        f"frame-ancestors {frame}"
    )
    if request.path.startswith("/assets/") and request.args.get("m"):  # fingerprinted by Dash (?m=<mtime>)
        response.headers["Cache-Control"] = f"public, max-age={YEAR_SECONDS}, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    if frame == "'self'":
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


def build_app(settings: Settings) -> dash.Dash:
    """Assemble the app from its parts; tests call this with their own settings."""
    dataset = repository.init(settings.data_dir, settings.max_file_mb * 1024 * 1024)
    app = dash.Dash(
        __name__,
        title="見える化 — 市町村の財政",
        update_title=None,
        index_string=shell.INDEX_STRING,
        # Dash copies the validation layout (every page skeleton, ~62 KB) into each index page, where only the
        # debug tools use it: production relies on tests/integration/test_http.py's wiring test instead.
        suppress_callback_exceptions=not settings.debug,
        serve_locally=True,
        compress=False,  # flask-compress is configured below (Dash's own switch picks its algorithm too late)
        assets_ignore=r"vendor/plotly-basic\.min\.js" if settings.plotly_bundle == "full" else "",
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": "市町村の決算を、出典つきでわかりやすく。Municipal settlements, explained.",
            },
        ],
    )
    app.layout = shell.layout
    if settings.first_view:
        _serve_first_view(app)
    if settings.debug:
        app.validation_layout = html.Div([shell.layout(), *layouts.validation_layout()])
    version = f"{dataset.version}-{code_version()}"
    prepare_folder(settings.cache_dir, keep=(version, "render-slots"))
    renderqueue.configure(
        settings.cache_dir / "render-slots", settings.render_slots, settings.render_queue, settings.render_wait_s
    )
    cache.init_app(app.server, config=settings.cache_config(version))
    files.init_app(app.server, config=settings.files_cache_config(version))
    callbacks.register_all(app)
    guard.install(app, [shell.layout(), *layouts.validation_layout()], debug=settings.debug)
    responsecache.install(
        app.server, cache, compress=settings.compress, accepts_host=settings.accepts_host, max_body=MAX_BODY
    )
    responsecache.install_pages(
        app.server,
        cache,
        compress=settings.compress,
        page_key=firstview.page_key,
        variant=f"first-view={settings.first_view},plotly={settings.plotly_bundle}",
    )
    server = app.server
    downloads.register(server)
    renderqueue.register(server)
    figurekit.register(server, settings.link_base)
    handout.register(server, settings.link_base)
    booklet.register(server)
    prerender.configure(server, settings.prerender, settings.link_base, settings.cache_dir / "render-slots")
    feedback_route.register(server, settings)  # the one write of the public site: clarity votes
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    if settings.compress:
        _enable_compression(server)

    if settings.public_url:

        @server.before_request
        def known_host() -> Response | None:
            """With a public URL, only its host (and loopback) is served: nothing else can reach a cache or a link."""
            if not settings.accepts_host(request.host):
                return guard.plain("server.bad_host", 400)
            return None

    @server.route("/health")
    def health() -> Response:
        body = {"status": "ok", "data_version": repository.get().version}
        return Response(json.dumps(body), mimetype="application/json")

    @server.after_request
    def after(response: Response) -> Response:
        known = (
            request.path in layouts.PAGES
            or request.path in SERVER_PAGES
            or layouts.is_embed(request.path)
            or request.path.startswith(STATIC_PREFIXES)
        )
        if request.method == "GET" and not known and response.status_code == 200 and response.mimetype == "text/html":
            response.status_code = 404
        return _security_headers(settings, app, response)

    _set_up_before_fork(app)
    return app


LOADING = re.compile(r'<div class="_dash-loading">\s*Loading...\s*</div>')
SCRIPT_FILE = re.compile(r"<script src=")
RENDERER = '<script id="_dash-renderer" type="application/javascript">'


def defer_scripts(scripts: str, renderer: str) -> tuple[str, str]:
    """Dash's script files as ``defer`` and its one inline start-up line as a module script (deferred too).

    Deferred scripts run in document order once the HTML is parsed, so the browser paints the first view as soon as
    the HTML and the stylesheet are in, while React, the renderer and plotly.js download beside it; the start-up
    line still runs after every file it needs. Its text is unchanged, so the CSP hash Dash computes still holds.
    """
    deferred = SCRIPT_FILE.sub("<script defer src=", scripts)
    return deferred, renderer.replace(RENDERER, '<script id="_dash-renderer" type="module">', 1)


STYLESHEET = re.compile(r'<link rel="stylesheet" href="/assets/([\w.-]+\.css)\?m=([\d.]+)">')


@functools.lru_cache(maxsize=8)
def _stylesheet(path: Path, fingerprint: str) -> str:
    del fingerprint  # part of the key: Dash's ``?m=`` (the file's mtime) — an edited file is read again
    return path.read_text(encoding="utf-8")


def inline_stylesheets(css: str, assets: Path) -> str:
    """The app's own stylesheets written into the page as ``<style>`` (the site's CSS is ~4 KB with brotli).

    A linked stylesheet blocks the first paint for one more round trip, while the page's deferred scripts compete
    with it for the link: on a phone's network that is most of the time between the HTML's arrival and the text on
    screen. The CSP allows inline styles already (Dash's components set style attributes)."""

    def inline(match: re.Match[str]) -> str:
        text = _stylesheet(assets / match.group(1), match.group(2))
        return match.group(0) if "</style" in text.lower() else f"<style>{text}</style>"

    return STYLESHEET.sub(inline, css)


def _serve_first_view(app: dash.Dash) -> None:
    """Every page URL's HTML carries the page (web/firstview.py) in place of Dash's 「Loading...」 and the data
    the app starts from (web/boot.py), and the app's scripts are deferred so that they do not hold back its paint."""
    dash_index = app.interpolate_index
    assets = Path(app.config.assets_folder)

    def interpolate_index(**kwargs: str) -> str:
        query = request.query_string.decode("latin-1")
        first, lang = firstview.html_for(request.path, query)
        if first:  # the app starts from what the page holds: no second fetch of the same content (web/boot.py)
            kwargs["app_entry"] = first + LOADING.sub("", kwargs["app_entry"]) + boot.scripts(app, request.path, query)
            kwargs["scripts"], kwargs["renderer"] = defer_scripts(kwargs["scripts"], kwargs["renderer"])
            kwargs["css"] = inline_stylesheets(kwargs["css"], assets)
        return str(dash_index(**kwargs)).replace("<html>", f'<html lang="{lang}">', 1)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign]


def _set_up_before_fork(app: dash.Dash) -> None:
    """Run Dash's once-per-process set-up now, in the process that loads the app.

    Dash registers the files it may serve (react, the component bundles, assets) on a process's first request, and
    marks the set-up as done before it has finished. In a threaded worker a page's parallel script requests race it:
    one thread sets up while the others find no registered library and get 404, so the page never starts. Workers
    are forked from the master after the app is loaded (``preload_app``), and recycled ones again: set up here, every
    worker starts with the registration complete.
    """
    with app.server.test_request_context("/"):
        app._setup_server()  # Dash has no public hook for this; its version is pinned in requirements.txt


def _build_or_exit() -> dash.Dash:
    try:
        return build_app(config.from_env(os.environ))
    except config.ConfigError as exc:
        sys.stderr.write(f"設定に誤りがあるため起動できません / Refusing to start: {exc}\n")
        raise SystemExit(1) from None
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
