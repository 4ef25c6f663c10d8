"""User-visible text: every string comes from the catalogs in ``finance/locales/<locale>/*.toml``.

Keys are dotted (``"overview.title"``); values may hold ``{placeholders}`` filled by :func:`t`. Each locale is a
folder of topic files (``core.toml``, ``indicators.toml`` …) merged into one catalog.
Japanese is the default locale, English the second and ``easy`` (やさしい日本語: short sentences, common kanji,
amounts in 万円/億円, the official term in brackets) the third; all catalogs hold the same keys (a test checks it).
``easy`` is Japanese to the browser (``<html lang="ja">``) and to every rule that depends on the language.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LOCALES: tuple[str, ...] = ("ja", "en", "easy")
DEFAULT_LOCALE = "ja"
JAPANESE: frozenset[str] = frozenset({"ja", "easy"})
_DIR = Path(__file__).parent / "locales"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = str(value)
    return flat


@cache
def catalog(locale: str) -> dict[str, str]:
    """All messages of one locale as a flat ``{dotted_key: text}`` mapping.

    A locale's messages are split by topic into ``locales/<locale>/*.toml``; a key may be defined only once.
    """
    if locale not in LOCALES:
        raise KeyError(f"unknown locale {locale!r}")
    merged: dict[str, str] = {}
    for path in sorted((_DIR / locale).glob("*.toml")):
        with path.open("rb") as handle:
            part = _flatten(tomllib.load(handle))
        clash = set(part) & set(merged)
        if clash:
            raise ValueError(f"{path.name} redefines {sorted(clash)[:5]}")
        merged.update(part)
    return merged


def normalise_locale(value: object) -> str:
    """A supported locale code from untrusted input; the default for anything else."""
    return value if isinstance(value, str) and value in LOCALES else DEFAULT_LOCALE


def is_japanese(locale: str) -> bool:
    """Whether ``locale`` is written in Japanese (``ja`` and やさしい日本語 ``easy``): names, years, separators."""
    return locale in JAPANESE


def html_lang(locale: str) -> str:
    """The BCP 47 tag of a locale for the ``lang`` attribute: やさしい日本語 is Japanese (``ja``)."""
    return "ja" if locale in JAPANESE else "en"


def t(key: str, locale: str = DEFAULT_LOCALE, /, **params: object) -> str:
    """The message ``key`` in ``locale`` with ``params`` filled in.

    Raises:
        KeyError: the key is not in the catalog (a programming error, caught by the parity test).
    """
    text = catalog(normalise_locale(locale))[key]
    return text.format(**params) if params else text


def has(key: str, locale: str = DEFAULT_LOCALE) -> bool:
    """Whether ``key`` exists in the catalog of ``locale``."""
    return key in catalog(normalise_locale(locale))


@cache
def _keys_by_text(locale: str) -> dict[str, str | None]:
    index: dict[str, str | None] = {}
    for key, text in catalog(locale).items():
        index[text] = None if text in index else key  # a text used by two keys names neither
    return index


def key_of(text: str, locale: str = DEFAULT_LOCALE) -> str | None:
    """The catalog key whose message is exactly ``text`` (None if no key or several keys have it).

    Lets a page piece that receives a finished message (a chart's plain explanation) name it by its stable key.
    """
    return _keys_by_text(normalise_locale(locale)).get(text)
