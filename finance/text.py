"""User-visible text: every string comes from the catalogs in ``finance/locales/<locale>/*.toml``.

Keys are dotted (``"overview.title"``); values may hold ``{placeholders}`` filled by :func:`t`. Each locale is a
folder of topic files (``core.toml``, ``indicators.toml`` …) merged into one catalog.
Japanese is the default locale, English the second and ``easy`` (やさしい日本語: short sentences, common kanji,
amounts in 万円/億円, the official term in brackets) the third; all catalogs hold the same keys (a test checks it).
``easy`` is Japanese to the browser (``<html lang="ja">``) and to every rule that depends on the language.
"""

from __future__ import annotations

import tomllib
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

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


_BODY: ContextVar[tuple[str, str] | None] = ContextVar("mieruka_body", default=None)
"""The body a request is about, as ``(kind, name_ja)``: it decides 市民 / 町民 / 県民 … in the messages."""

_KIND_WORDS: dict[str, tuple[str, str, str]] = {  # kind -> (resident ja, body ja, body en)
    "市": ("市民", "市", "city"),
    "指定都市": ("市民", "市", "city"),
    "町": ("町民", "町", "town"),
    "村": ("村民", "村", "village"),
    "特別区": ("区民", "区", "ward"),
}


def use_body(kind: str | None, name: str = "") -> None:
    """Set the body the current request is about (``None`` to clear): fills ``{resident}`` and ``{body}``."""
    _BODY.set(None if kind is None else (kind, name))


def body_words(locale: str, kind: str | None = None, name: str = "") -> dict[str, str]:
    """``{resident}`` (市民, 町民, 県民 …; "resident") and ``{body}`` (市, 町, 県 …; "city", "town" …) of a body kind.

    Without a kind the body of the current request is used; with none, the words for a 市.
    """
    if kind is None:
        current = _BODY.get()
        kind, name = current if current is not None else ("市", "")
    if kind == "都道府県":
        suffix = name[-1:] if name[-1:] in ("都", "道", "府", "県") else "県"
        resident, body, body_en = suffix + "民", suffix, "prefecture"
    else:
        resident, body, body_en = _KIND_WORDS.get(kind, _KIND_WORDS["市"])
    if not is_japanese(locale):
        return {"resident": "resident", "body": body_en}
    return {"resident": resident, "body": body}


def is_japanese(locale: str) -> bool:
    """Whether ``locale`` is written in Japanese (``ja`` and やさしい日本語 ``easy``): names, years, separators."""
    return locale in JAPANESE


def html_lang(locale: str) -> str:
    """The BCP 47 tag of a locale for the ``lang`` attribute: やさしい日本語 is Japanese (``ja``)."""
    return "ja" if locale in JAPANESE else "en"


def plural_key(key: str, count: object, locale: str) -> str:
    """The key of the message for ``count``.

    ``key + "_one"`` where the language says "one" (English: 1) and the catalog has that form, else ``key`` (the
    other form; Japanese has no plural).
    """
    if not isinstance(count, int) or isinstance(count, bool) or is_japanese(locale):
        return key
    form = Locale.parse(html_lang(locale)).plural_form(count)
    return f"{key}_{form}" if form != "other" and f"{key}_{form}" in catalog(locale) else key


def t(key: str, locale: str = DEFAULT_LOCALE, /, **params: object) -> str:
    """The message ``key`` in ``locale`` with ``params`` filled in.

    ``{resident}`` and ``{body}`` default to the words of the current request's body (see :func:`use_body`).
    A whole-number ``count`` chooses the singular form ``key_one`` where the catalog has one ("1 fiscal year"):
    plurals are the catalog's business (see :func:`plural_key`).

    Raises:
        KeyError: the key is not in the catalog (a programming error, caught by the parity test).
    """
    locale = normalise_locale(locale)
    if "count" in params:
        key = plural_key(key, params["count"], locale)
    text = catalog(locale)[key]
    if "{resident}" in text or "{body}" in text:
        params = {**body_words(locale), **params}
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
    locale = normalise_locale(locale)
    found = _keys_by_text(locale).get(text)
    if found is not None:
        return found
    words = body_words(locale)  # a message that names the body's residents (市民 / 町民 / 県民 …)
    for key, template in catalog(locale).items():
        only_body_words = template.count("{") == template.count("{resident}") + template.count("{body}")
        if ("{resident}" in template or "{body}" in template) and only_body_words and template.format(**words) == text:
            return key
    return None
