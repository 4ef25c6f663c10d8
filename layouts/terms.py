"""Japanese on English pages: official terms marked, nothing else.

An English page shows Japanese only on purpose, and marked (``<span lang="ja" class="ja-term">民生費</span>``) so that
screen readers switch voice and a test can tell it from a leftover:

- :func:`ja_term` marks one Japanese term (an official term beside its English name, a body's own label);
- :func:`ja_label` shows a body's own label that has no English name: the term, marked, with a generic English
  description from the catalog;
- :func:`english` marks, in a finished page tree, the official terms the English catalog writes in brackets beside
  their English name (``"Real deficit ratio (実質赤字比率)"``), and takes them out of charts and attributes, which
  cannot carry a language (the English name is enough there). Japanese anywhere else is left as it is, for the
  English-leftover test to find.
"""

from __future__ import annotations

import re
from typing import Any

from dash import html

from finance.text import is_japanese

JAPANESE_CHARS = (
    "\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\u2460-\u24ff\u2160-\u217f"  # ①②③, Ⅱ: the numbering of Japanese documents
)
JAPANESE = re.compile(f"[{JAPANESE_CHARS}]")
_RUN = re.compile(f"[{JAPANESE_CHARS}]+")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_LATIN = re.compile(r"[A-Za-z]")
_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def ja_term(term: str) -> html.Span:
    """One Japanese term shown on purpose on an English page, marked as Japanese."""
    return html.Span(term, lang="ja", className="ja-term")


def ja_label(term: str, description: str, locale: str) -> str | list[object]:
    """A body's own label without an English name: in English the marked term and a generic description."""
    if is_japanese(locale):
        return term
    return [ja_term(term), f" ({description})"] if description else [ja_term(term)]


def as_list(value: str | list[object]) -> list[object]:
    """A text or a list of pieces as a list of pieces (to splice into a component's children)."""
    return [value] if isinstance(value, str) else value


def has_japanese(value: str) -> bool:
    """Whether ``value`` holds a Japanese character (kana, kanji, full-width punctuation)."""
    return JAPANESE.search(value) is not None


def _bracketed_terms(value: str) -> bool:
    outside = _BRACKETED.sub("", value)
    return _LATIN.search(outside) is not None and not has_japanese(outside)


def mark(value: str, proper: tuple[str, ...] = ()) -> str | list[object]:
    """An English text with its bracketed official terms marked (unchanged if it has none, or other Japanese).

    ``proper``: Japanese proper names shown on purpose (a body without a romanised name), marked wherever they are.
    """
    names = [p for p in proper if p and p in value]
    if names:
        pieces = re.split("(" + "|".join(map(re.escape, names)) + ")", value)
        out: list[object] = []
        for index, piece in enumerate(pieces):
            if index % 2:
                out.append(ja_term(piece))
            elif piece:
                out.extend(as_list(mark(piece)))
        return out
    if not has_japanese(value) or not _bracketed_terms(value):
        return value
    parts: list[object] = []
    last = 0
    for match in _RUN.finditer(value):
        if match.start() > last:
            parts.append(value[last : match.start()])
        parts.append(ja_term(match.group()))
        last = match.end()
    if last < len(value):
        parts.append(value[last:])
    return parts


def _unbracket(match: re.Match[str]) -> str:
    inner = match.group(1)
    if not has_japanese(inner):
        return match.group(0)
    rest = re.sub(rf"\s*[·,:]?\s*[{JAPANESE_CHARS}]+", "", inner).strip(" ·,:")
    return f" ({rest})" if rest else ""


def plain(value: str) -> str:
    """An English text without its bracketed official terms, for charts and attributes (no language marks)."""
    if not has_japanese(value) or not _bracketed_terms(value):
        return value
    return re.sub(r"\s*\(([^()]*)\)", _unbracket, value)


def _plain_all(value: Any) -> Any:
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, dict):
        return {k: _plain_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_all(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain_all(v) for v in value)
    return value


def _children(value: Any, proper: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        return mark(value, proper)
    if isinstance(value, (list, tuple)):
        out: list[object] = []
        for item in value:
            done = _children(item, proper)
            if isinstance(item, str) and isinstance(done, list):
                out.extend(done)
            else:
                out.append(done)
        return out
    _component(value, proper)
    return value


def _component(node: Any, proper: tuple[str, ...]) -> None:
    if not hasattr(node, "_prop_names") or getattr(node, "lang", None) == "ja":
        return
    for prop in _ATTRIBUTES:
        value = getattr(node, prop, None)
        if isinstance(value, str):
            setattr(node, prop, plain(value))
    figure = getattr(node, "figure", None)
    if figure is not None:
        node.figure = _plain_all(figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure)
    children = getattr(node, "children", None)
    if children is None:
        return
    if type(node).__name__ in ("Pre", "Code", "Textarea"):  # code to copy: plain text, no marks
        node.children = _plain_all(children)
    else:
        node.children = _children(children, proper)


def english(tree: Any, locale: str, name: str = "") -> Any:
    """A finished page tree with, in English, its bracketed official terms marked (charts: taken out).

    ``name``: the body's name as shown; a Japanese one (no romanised name in the data) is marked wherever it is.
    """
    if is_japanese(locale):
        return tree
    return _children(tree, (name,) if has_japanese(name) else ())
