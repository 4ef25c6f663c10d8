"""Settings from the environment (``MIERUKA_*``), read in one place with production-safe defaults."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Everything configurable about a running site.

    Attributes:
        data_dir: the validated data folder to serve.
        cache_type: a flask-caching class name (``FileSystemCache``, ``RedisCache`` or ``NullCache``).
        cache_dir: folder of the FileSystemCache, shared by all workers.
        redis_url: Redis URL; when set, ``RedisCache`` is used.
        cache_timeout_s: how long a cached result lives.
        frame_ancestors: origins allowed to embed ``/embed/*`` pages (CSP ``frame-ancestors``).
        debug: Dash debug tooling; never on in production.
        compress: brotli/gzip compression of HTML, JS, CSS and JSON (off only to measure a default Dash setup).
        plotly_bundle: ``basic`` (lean first load) or ``full`` (Dash's default bundle, for comparison).
        max_file_mb: the largest data file accepted (a national data set needs more than the default).
        public_url: the site's public origin (``https://zaisei.example.jp``) printed in QR codes of the figure
            kit; empty = the origin the request came to.
        feedback_dir: folder of the SQLite file of the clarity feedback (the default store).
        database_url: PostgreSQL URL (``postgresql://…``); when set, the feedback is stored there instead.
        proxy_hops: trusted reverse proxies in front of the app (nginx: 1); the feedback rate limit then tells
            clients apart by ``X-Forwarded-For``.
    """

    data_dir: Path = ROOT / "data"
    cache_type: str = "FileSystemCache"
    cache_dir: Path = Path(tempfile.gettempdir()) / "mieruka-cache"
    redis_url: str = ""
    cache_timeout_s: int = 3600
    frame_ancestors: tuple[str, ...] = ()
    debug: bool = False
    compress: bool = True
    max_file_mb: int = 200
    plotly_bundle: str = "basic"  # "basic": the vendored scatter/bar/pie bundle; "full": Dash's default plotly.js
    public_url: str = ""
    feedback_dir: Path = ROOT / "var"
    database_url: str = ""
    proxy_hops: int = 0

    def cache_config(self, version: str) -> dict[str, object]:
        """The flask-caching configuration.

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
            folder = self.cache_dir / version
            return {**base, "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(folder), "CACHE_THRESHOLD": 5000}
        return {**base, "CACHE_TYPE": self.cache_type}


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


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def from_env(env: Mapping[str, str]) -> Settings:
    """Build :class:`Settings` from an environment mapping (pure: the caller passes ``os.environ``)."""
    defaults = Settings()
    origins = tuple(o for o in (env.get("MIERUKA_FRAME_ANCESTORS", "")).split() if o)
    return Settings(
        data_dir=Path(env.get("MIERUKA_DATA_DIR") or defaults.data_dir),
        cache_type=env.get("MIERUKA_CACHE_TYPE") or defaults.cache_type,
        cache_dir=Path(env.get("MIERUKA_CACHE_DIR") or defaults.cache_dir),
        redis_url=env.get("MIERUKA_REDIS_URL", ""),
        cache_timeout_s=int(env.get("MIERUKA_CACHE_TIMEOUT_S") or defaults.cache_timeout_s),
        frame_ancestors=origins,
        debug=_flag(env.get("MIERUKA_DEBUG")),
        compress=env.get("MIERUKA_COMPRESS", "1") != "0",
        max_file_mb=int(env.get("MIERUKA_MAX_FILE_MB") or defaults.max_file_mb),
        plotly_bundle="full" if env.get("MIERUKA_PLOTLY_BUNDLE") == "full" else "basic",
        public_url=_public_url(env.get("MIERUKA_PUBLIC_URL") or ""),
        feedback_dir=Path(env.get("MIERUKA_FEEDBACK_DIR") or defaults.feedback_dir),
        database_url=_database_url(env.get("MIERUKA_DATABASE_URL") or ""),
        proxy_hops=int(env.get("MIERUKA_PROXY_HOPS") or 0),
    )
