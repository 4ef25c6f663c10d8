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


def test_printed_links_come_from_the_settings_never_from_a_request():
    assert from_env({}).link_base == "http://127.0.0.1:8050"
    assert from_env({"MIERUKA_BIND": "0.0.0.0:9000"}).link_base == "http://127.0.0.1:9000"
    assert from_env({"MIERUKA_PUBLIC_URL": "https://zaisei.example.jp"}).link_base == "https://zaisei.example.jp"


def test_with_a_public_url_only_its_host_and_loopback_are_served():
    assert from_env({}).hosts() is None
    hosts = from_env(
        {"MIERUKA_PUBLIC_URL": "https://zaisei.example.jp", "MIERUKA_ALLOWED_HOSTS": "www.example.jp"}
    ).hosts()
    assert hosts is not None
    assert {"zaisei.example.jp", "zaisei.example.jp:443", "www.example.jp", "127.0.0.1", "localhost"} <= hosts
    assert "xn--80ak6aa92e.com" not in hosts and "zaisei.example.jp.evil" not in hosts
    settings = from_env({"MIERUKA_PUBLIC_URL": "https://zaisei.example.jp"})
    assert settings.accepts_host("ZAISEI.example.jp") and settings.accepts_host("127.0.0.1:8050")
    assert not settings.accepts_host("evil.example") and not settings.accepts_host("zaisei.example.jp:8443")
    with pytest.raises(ConfigError, match="MIERUKA_ALLOWED_HOSTS"):
        from_env({"MIERUKA_ALLOWED_HOSTS": "a.jp/ b"})
    with pytest.raises(ConfigError, match="MIERUKA_CACHE_MB"):
        from_env({"MIERUKA_CACHE_MB": "-1"})


def test_the_default_cache_folder_is_private_to_the_user_not_a_shared_tmp_path(tmp_path):
    from web.cache import prepare_folder

    settings = from_env({"HOME": str(tmp_path / "home")})
    assert settings.cache_dir == tmp_path / "home" / ".cache" / "mieruka"
    prepare_folder(settings.cache_dir, keep=("v1",))
    assert settings.cache_dir.stat().st_mode & 0o777 == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    loose.chmod(0o777)
    prepare_folder(loose, keep=("v1",))
    assert loose.stat().st_mode & 0o777 == 0o700
    link = tmp_path / "link"
    link.symlink_to(loose)
    with pytest.raises(ConfigError, match="MIERUKA_CACHE_DIR"):
        prepare_folder(link, keep=("v1",))


def test_the_file_store_is_bounded_in_bytes_and_keeps_what_was_used_last(tmp_path):
    import os

    from web.cache import BoundedFileSystemCache

    store = BoundedFileSystemCache(str(tmp_path), threshold=0, max_bytes=200_000)
    store.set("kept", b"k" * 20_000)
    for n in range(60):
        store.set(f"cheap-{n}", os.urandom(10_000))
        assert store.get("kept") is not None  # used all along: never the least recently used
    assert store.size() <= 200_000
    assert store.get("cheap-0") is None and store.get("cheap-59") is not None
    assert store.set("too-big", b"x" * 60_000) is False and store.get("too-big") is None


@pytest.mark.parametrize(
    "value",
    ["https://a.example; script-src *", "https://a.example/path", "*", "'self'", "javascript:x", "https://a.example;"],
)
def test_frame_ancestors_take_origins_only(value):
    with pytest.raises(ConfigError, match="MIERUKA_FRAME_ANCESTORS"):
        from_env({"MIERUKA_FRAME_ANCESTORS": value})


def test_frame_ancestors_keep_valid_origins():
    value = "https://www.city.example.lg.jp  http://127.0.0.1:8080 https://*.example.jp"
    assert from_env({"MIERUKA_FRAME_ANCESTORS": value}).frame_ancestors == (
        "https://www.city.example.lg.jp",
        "http://127.0.0.1:8080",
        "https://*.example.jp",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ("documents",)),
        ("none", ("none",)),
        ("documents", ("documents",)),
        ("012149  012092", ("012149", "012092")),
    ],
)
def test_prerender_setting(value, expected):
    assert from_env({"MIERUKA_PRERENDER": value}).prerender == expected


@pytest.mark.parametrize("value", ["12149", "012149 all", "documents none", "012149;rm"])
def test_a_prerender_setting_that_names_no_body_stops_the_start(value):
    with pytest.raises(ConfigError, match="MIERUKA_PRERENDER"):
        from_env({"MIERUKA_PRERENDER": value})
