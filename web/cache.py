"""The two shared caches (bound to the Flask server in ``app.py``) and memoised domain queries.

* ``cache``: cheap results — rendered pages, callback outputs, data tables. FileSystemCache bounded in bytes, or
  Redis (bounded by its ``maxmemory``) when configured. The overview and indicators callbacks memoise their whole
  rendered output in their own modules.
* ``files``: rendered files — print images and handout PDFs, seconds of Chromium each. Always a separate file store
  of this server, bounded in bytes, so that thousands of cheap requests can never evict them.

Keys are made of primitive arguments, never of a request header; the data and code version is the key prefix (the
folder for file stores, ``Settings.cache_config``), so an update never serves stale results. Both folders live in
a private cache folder (mode 0700, :func:`prepare_folder`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import stat
import time
from pathlib import Path
from typing import Any

from flask_caching import Cache
from flask_caching.backends.filesystemcache import FileSystemCache

from finance import repository
from finance.config import ConfigError
from finance.topics import household

cache = Cache()
files = Cache()

log = logging.getLogger("mieruka.cache")


class BoundedFileSystemCache(FileSystemCache):
    """FileSystemCache bounded in bytes, evicting the least recently used entries first.

    Each worker process counts the bytes it wrote since it last measured the folder; past a twentieth of the bound
    (or on every 50th write) it measures and removes the least recently used files (a hit refreshes the file's
    time) until the folder is under 90 % of ``max_bytes``. The folder can thus overshoot by about
    ``workers × max_bytes / 20`` between two measurements. An entry larger than a quarter of the bound is not
    stored at all.
    """

    def __init__(self, cache_dir: str, *args: Any, max_bytes: int = 256 * 1024 * 1024, **kwargs: Any) -> None:
        super().__init__(cache_dir, *args, **kwargs)
        self.max_bytes = max_bytes
        self._written = 0
        self._writes = 0

    def get(self, key: str) -> Any:
        """The stored value of ``key`` (or ``None``); a hit marks the file as just used."""
        value = super().get(key)
        if value is not None:
            with contextlib.suppress(OSError):
                os.utime(self._get_filename(key))  # least recently *used* is evicted first
        return value

    def set(self, key: str, value: Any, timeout: Any = None, mgmt_element: bool = False) -> bool:
        """Store ``value`` under ``key`` (not when larger than a quarter of the bound); evict when due."""
        stored = bool(super().set(key, value, timeout, mgmt_element))
        if not stored or mgmt_element:
            return stored
        filename = self._get_filename(key)
        try:
            size = os.stat(filename).st_size
        except OSError:
            return stored
        if size > self.max_bytes // 4:
            self.delete(key)
            log.warning("cache entry of %d bytes not kept (bound %d bytes)", size, self.max_bytes)
            return False
        self._written += size
        self._writes += 1
        if self._written > self.max_bytes // 20 or self._writes % 50 == 0:
            self.trim()
        return stored

    def size(self) -> int:
        """Bytes held now (entries only)."""
        return sum(size for _, size, _ in self._entries())

    def _entries(self) -> list[tuple[float, int, str]]:
        found = []
        for name in self._list_dir():
            try:
                info = os.stat(name)
            except OSError:
                continue
            found.append((info.st_mtime, info.st_size, name))
        return found

    def trim(self) -> None:
        """Remove least recently used entries until the folder is under 90 % of the bound."""
        self._written = 0
        entries = sorted(self._entries())
        total = sum(size for _, size, _ in entries)
        target = self.max_bytes * 9 // 10
        removed = 0
        for _, size, name in entries:
            if total <= target:
                break
            try:
                os.remove(name)
                total -= size
                removed += 1
            except FileNotFoundError:
                continue
            except OSError:
                break
        if removed:
            self._update_count(delta=-removed)


def prepare_folder(folder: Path, keep: tuple[str, ...]) -> None:
    """Create the private cache folder (0700, ours); refuse one that others can write or that is not ours.

    Folders of other versions (``keep``: the current one and other folders in use) that have not been written
    for a day are removed: only the current version is ever read.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError as exc:
        raise ConfigError(
            f"MIERUKA_CACHE_DIR={str(folder)!r}: キャッシュのフォルダを作れません / cannot create the cache folder "
            f"({exc.strerror})"
        ) from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise ConfigError(
            f"MIERUKA_CACHE_DIR={str(folder)!r}: このユーザーのフォルダではありません（キャッシュは pickle です）/ "
            "the cache folder must be a directory owned by this user (the cache holds pickles)"
        )
    if info.st_mode & 0o077:
        folder.chmod(0o700)
    day_ago = time.time() - 86400
    for child in folder.iterdir():
        try:
            if child.name not in keep and child.is_dir() and not child.is_symlink() and child.stat().st_mtime < day_ago:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue


# --- resident pages -----------------------------------------------------------------------------


@cache.memoize()
def tax_split(municipality: str, year: int, amount_yen: int) -> household.TaxSplit:
    """:func:`finance.topics.household.tax_split`, memoised by (municipality, year, amount)."""
    return household.tax_split(repository.get(), municipality, year, amount_yen)
