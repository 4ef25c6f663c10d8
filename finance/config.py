"""Settings from the environment (``MIERUKA_*``), read in one place with production-safe defaults."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BIND = "127.0.0.1:8050"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""Host names always accepted (health checks and tests on the machine itself; they print nothing of the Host)."""


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """A folder of this user only (``$XDG_CACHE_HOME/mieruka`` or ``~/.cache/mieruka``), not a shared /tmp path."""
    base = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME") or os.path.expanduser("~")) / ".cache")
    return Path(base) / "mieruka"


@dataclass(frozen=True)
class Settings:
    """Everything configurable about a running site.

    Attributes:
        data_dir: the validated data folder to serve.
        cache_type: a flask-caching class name (``FileSystemCache``, ``RedisCache`` or ``NullCache``).
        cache_dir: private folder (0700) of the file caches, shared by all workers of one server.
        redis_url: Redis URL; when set, ``RedisCache`` is used.
        cache_timeout_s: how long a cached result lives.
        frame_ancestors: origins allowed to embed ``/embed/*`` pages (CSP ``frame-ancestors``); empty = any
            origin (embeds are made to be pasted into other sites). Every other page is ``'self'`` only.
        debug: Dash debug tooling; never on in production.
        compress: brotli/gzip compression of HTML, JS, CSS and JSON (off only to measure a default Dash setup).
        plotly_bundle: ``basic`` (lean first load) or ``full`` (Dash's default bundle, for comparison).
        first_view: every page URL's HTML carries the page itself (numbers, tables, static charts) before any script
            runs (off only to measure the app without it).
        max_file_mb: the largest data file accepted (a national data set needs more than the default).
        public_url: the site's public origin (``https://zaisei.example.jp``) printed in QR codes and links of the
            figure kit and the handout. When set, requests for any other host are refused (:attr:`allowed_hosts`).
            Empty = the bind address is printed (never a request header).
        allowed_hosts: extra ``Host`` values accepted when ``public_url`` is set (loopback names always are).
        bind: the address gunicorn listens on (the printed origin when ``public_url`` is empty).
        results_cache_mb: size bound of the store of cheap callback results (FileSystemCache; Redis is bounded by
            its own ``maxmemory``).
        files_cache_mb: size bound of the store of rendered files (images, PDFs) — always a separate file store,
            so cheap requests can never evict what is expensive to make.
        render_slots: images and PDFs made at once on this machine (every worker and instance sharing the cache
            folder); ``render_queue`` more may wait, ``render_wait_s`` seconds at most; beyond that 503 with
            ``Retry-After``.
        feedback_dir: folder of the SQLite file of the clarity feedback (the default store).
        database_url: PostgreSQL URL (``postgresql://…``); when set, the feedback is stored there instead.
        proxy_hops: trusted reverse proxies in front of the app (nginx: 1); the feedback rate limit then tells
            clients apart by ``X-Forwarded-For``.
        prerender: the bodies whose handout and print images are made in the background after start, so that a
            visitor never waits for them: ``documents`` (every body with its own documents, the default), ``none``,
            or 団体コード separated by spaces. Each is rendered for its default view (latest year, Japanese).
    """

    data_dir: Path = ROOT / "data"
    cache_type: str = "FileSystemCache"
    cache_dir: Path = field(default_factory=lambda: default_cache_dir(os.environ))
    redis_url: str = ""
    cache_timeout_s: int = 3600
    frame_ancestors: tuple[str, ...] = ()
    debug: bool = False
    compress: bool = True
    max_file_mb: int = 200
    plotly_bundle: str = "basic"  # "basic": the vendored scatter/bar/pie bundle; "full": Dash's default plotly.js
    first_view: bool = True
    public_url: str = ""
    feedback_dir: Path = ROOT / "var"
    database_url: str = ""
    proxy_hops: int = 0
    allowed_hosts: tuple[str, ...] = ()
    bind: str = DEFAULT_BIND
    results_cache_mb: int = 256
    files_cache_mb: int = 1024
    render_slots: int = 2
    render_queue: int = 4
    render_wait_s: int = 30
    prerender: tuple[str, ...] = ("documents",)

    @property
    def link_base(self) -> str:
        """The origin printed on paper and in links.

        The public URL, else the bind address — never a request's ``Host``, which anybody can forge.
        """
        if self.public_url:
            return self.public_url
        host, _, port = self.bind.rpartition(":")
        if host in ("0.0.0.0", "", "[::]"):
            host = "127.0.0.1"
        return f"http://{host}:{port}" if port.isdigit() else "http://127.0.0.1:8050"

    def accepts_host(self, host: str) -> bool:
        """Whether a request's ``Host`` is served.

        Any without a public URL; else its host, the allowed ones and loopback names on any port.
        """
        hosts = self.hosts()
        if hosts is None:
            return True
        host = host.lower()
        name = host if host.endswith("]") else host.rsplit(":", 1)[0]
        return host in hosts or name in LOOPBACK_HOSTS

    def hosts(self) -> frozenset[str] | None:
        """The ``Host`` values served (lower case, with and without the default port), or ``None`` = any."""
        if not self.public_url:
            return None
        scheme, _, rest = self.public_url.partition("://")
        netloc = rest.split("/", 1)[0].lower()
        names = {netloc, *LOOPBACK_HOSTS, *(h.lower() for h in self.allowed_hosts)}
        default = ":443" if scheme == "https" else ":80"
        out = set()
        for name in names:
            bare = name.removesuffix(default)
            out |= {bare, bare + default}
        return frozenset(out)

    def cache_config(self, version: str) -> dict[str, object]:
        """The flask-caching configuration of the store of cheap results (pages, callbacks, data tables).

        The version (data and code) prefixes every key — for FileSystemCache, which ignores key prefixes, it names
        the cache folder — so an update of the data or the code never serves results made before it.
        """
        base: dict[str, object] = {
            "CACHE_DEFAULT_TIMEOUT": self.cache_timeout_s,
            "CACHE_KEY_PREFIX": f"mieruka-{version}-",
        }
        if self.redis_url:
            return {**base, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": self.redis_url}
        if self.cache_type == "FileSystemCache":
            # FileSystemCache ignores CACHE_KEY_PREFIX: each version gets its own folder instead
            folder = self.cache_dir / version / "results"
            return {**base, "CACHE_TYPE": BOUNDED_CACHE, "CACHE_DIR": str(folder), "CACHE_THRESHOLD": 20000,
                    "CACHE_OPTIONS": {"max_bytes": self.results_cache_mb * 1024 * 1024}}  # fmt: skip
        return {**base, "CACHE_TYPE": self.cache_type}

    def files_cache_config(self, version: str) -> dict[str, object]:
        """The store of rendered files (PNG, SVG, PDF, handouts).

        A bounded file store of this server, separate from the results so that many cheap requests cannot evict
        them (``NullCache`` when caching is off).
        """
        if self.cache_type == "NullCache" and not self.redis_url:
            return {"CACHE_TYPE": "NullCache"}
        folder = self.cache_dir / version / "files"
        return {"CACHE_TYPE": BOUNDED_CACHE, "CACHE_DIR": str(folder), "CACHE_THRESHOLD": 0,
                "CACHE_DEFAULT_TIMEOUT": self.cache_timeout_s * 24,
                "CACHE_OPTIONS": {"max_bytes": self.files_cache_mb * 1024 * 1024}}  # fmt: skip


BOUNDED_CACHE = "web.cache.BoundedFileSystemCache"


class ConfigError(ValueError):
    """A setting has a value the site cannot use (the message says which, in Japanese and English)."""


PUBLIC_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?")


def _public_url(value: str) -> str:
    url = value.strip().rstrip("/")
    if url and not PUBLIC_URL.fullmatch(url):
        raise ConfigError(
            f"MIERUKA_PUBLIC_URL={value!r}: サイトの URL（例 https://zaisei.example.jp）を指定してください / "
            "give the site's origin, e.g. https://zaisei.example.jp"
        )
    return url


def _database_url(value: str) -> str:
    url = value.strip()
    if url and not url.startswith(("postgresql://", "postgres://")):
        raise ConfigError(
            "MIERUKA_DATABASE_URL: PostgreSQL の URL（postgresql://…）を指定してください / "
            "give a PostgreSQL URL (postgresql://…)"
        )
    return url


HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?|\[[0-9a-fA-F:]+\](:[0-9]{1,5})?")


def _hosts(value: str) -> tuple[str, ...]:
    hosts = tuple(value.split())
    for host in hosts:
        if not HOST.fullmatch(host):
            raise ConfigError(
                f"MIERUKA_ALLOWED_HOSTS={value!r}: ホスト名（例 www.zaisei.example.jp）を空白で区切って"
                "指定してください / give host names separated by spaces, e.g. www.zaisei.example.jp"
            )
    return hosts


ORIGIN = re.compile(r"https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?")


def _origins(value: str) -> tuple[str, ...]:
    """``MIERUKA_FRAME_ANCESTORS``: origins only (``https://www.city.example.lg.jp``), copied into the CSP."""
    origins = tuple(value.split())
    for origin in origins:
        if not ORIGIN.fullmatch(origin):
            raise ConfigError(
                f"MIERUKA_FRAME_ANCESTORS={value!r}: 埋め込みを許すオリジン（例 https://www.city.example.lg.jp、"
                f"パスや ; は不可）を空白で区切って指定してください。誤り: {origin!r} / give origins separated by "
                f"spaces (scheme://host[:port], no path, no ';'); not an origin: {origin!r}"
            )
    return origins


PRERENDER_WORDS = ("documents", "none")


def _prerender(value: str) -> tuple[str, ...]:
    """``MIERUKA_PRERENDER``: ``documents``, ``none`` or 6-digit 団体コード separated by spaces."""
    words = tuple(value.split()) or ("documents",)
    if len(words) == 1 and words[0] in PRERENDER_WORDS:
        return words
    for word in words:
        if not re.fullmatch(r"[0-9]{6}", word):
            raise ConfigError(
                f"MIERUKA_PRERENDER={value!r}: documents、none、または6桁の団体コードを空白で区切って指定してください。"
                f"誤り: {word!r} / give documents, none, or 6-digit body codes separated by spaces; not one: {word!r}"
            )
    return words


def _whole(env: Mapping[str, str], name: str, default: int, least: int = 0) -> int:
    value = (env.get(name) or str(default)).strip()
    if not value.isdigit() or int(value) < least:
        raise ConfigError(f"{name}={value!r}: {least}以上の整数を指定してください / give a whole number ≥ {least}")
    return int(value)


def _megabytes(env: Mapping[str, str], name: str, default: int) -> int:
    return _whole(env, name, default, least=1)


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def from_env(env: Mapping[str, str]) -> Settings:
    """Build :class:`Settings` from an environment mapping (pure: the caller passes ``os.environ``)."""
    defaults = Settings()
    origins = _origins(env.get("MIERUKA_FRAME_ANCESTORS", ""))
    return Settings(
        data_dir=Path(env.get("MIERUKA_DATA_DIR") or defaults.data_dir),
        cache_type=env.get("MIERUKA_CACHE_TYPE") or defaults.cache_type,
        cache_dir=Path(env.get("MIERUKA_CACHE_DIR") or default_cache_dir(env)),
        redis_url=env.get("MIERUKA_REDIS_URL", ""),
        cache_timeout_s=int(env.get("MIERUKA_CACHE_TIMEOUT_S") or defaults.cache_timeout_s),
        frame_ancestors=origins,
        debug=_flag(env.get("MIERUKA_DEBUG")),
        compress=env.get("MIERUKA_COMPRESS", "1") != "0",
        max_file_mb=int(env.get("MIERUKA_MAX_FILE_MB") or defaults.max_file_mb),
        plotly_bundle="full" if env.get("MIERUKA_PLOTLY_BUNDLE") == "full" else "basic",
        first_view=env.get("MIERUKA_FIRST_VIEW", "1") != "0",
        public_url=_public_url(env.get("MIERUKA_PUBLIC_URL") or ""),
        feedback_dir=Path(env.get("MIERUKA_FEEDBACK_DIR") or defaults.feedback_dir),
        database_url=_database_url(env.get("MIERUKA_DATABASE_URL") or ""),
        proxy_hops=int(env.get("MIERUKA_PROXY_HOPS") or 0),
        allowed_hosts=_hosts(env.get("MIERUKA_ALLOWED_HOSTS") or ""),
        bind=env.get("MIERUKA_BIND") or DEFAULT_BIND,
        results_cache_mb=_megabytes(env, "MIERUKA_CACHE_MB", defaults.results_cache_mb),
        files_cache_mb=_megabytes(env, "MIERUKA_FILES_CACHE_MB", defaults.files_cache_mb),
        render_slots=_megabytes(env, "MIERUKA_RENDER_SLOTS", defaults.render_slots),
        render_queue=_whole(env, "MIERUKA_RENDER_QUEUE", defaults.render_queue),
        render_wait_s=_whole(env, "MIERUKA_RENDER_WAIT_S", defaults.render_wait_s),
        prerender=_prerender(env.get("MIERUKA_PRERENDER") or ""),
    )
