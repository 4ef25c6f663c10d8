"""Settings: the cache never serves results of another data or code version (keys are prefixed for Redis, kept in
a folder per version for FileSystemCache, which ignores key prefixes); a bad public URL stops the start."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_caching import Cache

from finance.config import ConfigError, Settings, from_env


def _cache(settings: Settings, version: str) -> object:
    """The cache backend a server of ``version`` gets."""
    server = Flask(f"app-{version}")
    cache = Cache()
    cache.init_app(server, config=settings.cache_config(version))
    return server.extensions["cache"][cache]


def test_filesystem_cache_of_another_version_does_not_see_earlier_entries(tmp_path):
    settings = Settings(cache_type="FileSystemCache", cache_dir=tmp_path)
    old, new = _cache(settings, "data1-codeA"), _cache(settings, "data2-codeA")
    old.set("overview", "rendered by the old version")
    assert old.get("overview") == "rendered by the old version"
    assert new.get("overview") is None
    assert _cache(settings, "data1-codeA").get("overview") == "rendered by the old version"  # same version: shared


def test_redis_keys_carry_the_version():
    config = Settings(redis_url="redis://127.0.0.1:6379/0").cache_config("data1-codeA")
    assert config["CACHE_KEY_PREFIX"] == "mieruka-data1-codeA-"


@pytest.mark.parametrize("value", ["javascript:alert(1)", "zaisei.example.jp", "https://a b", 'https://x.jp/"><x'])
def test_a_public_url_that_is_no_site_origin_stops_the_start(value):
    with pytest.raises(ConfigError, match="MIERUKA_PUBLIC_URL"):
        from_env({"MIERUKA_PUBLIC_URL": value})


def test_public_url_is_kept_without_trailing_slash():
    assert from_env({"MIERUKA_PUBLIC_URL": "https://zaisei.example.jp/"}).public_url == "https://zaisei.example.jp"
    assert from_env({}).public_url == ""
