"""Where in a document a figure is printed, in words a reader can use: the document's page, never a transcription line.

A data row records the lines of the text transcription it was read from (``source_lines`` = ``"61"``,
``"108, 113"``, ``"121-123"``) or the page itself (``"p.12"``). A source may carry a page map (column ``pages`` of
``reference/sources.csv``) derived from the document's own page markers or its table of contents: ``"50-90=1;
386-460=20-21"`` — transcription lines 50–90 are on page 1, lines 386–460 on pages 20–21 (a section the contents list
from page 20 while the next one starts on page 22). A line outside the map has no known page: the page is then not
said at all (never guessed).
"""

from __future__ import annotations

import re
from functools import lru_cache

_ENTRY = re.compile(r"^(\d+)-(\d+)=(\d+)(?:-(\d+))?$", re.ASCII)
_NUMBERS = re.compile(r"\d+", re.ASCII)
_RANGE = re.compile(r"(\d+)\s*[-–〜~]\s*(\d+)", re.ASCII)


def valid_page_map(text: str) -> bool:
    """Whether ``text`` is a page map (``first-last=page`` or ``first-last=page-page`` entries joined by ``;``).

    Each line range comes after the one before, without overlap.
    """
    last = 0
    for entry in text.split(";"):
        match = _ENTRY.match(entry.strip())
        if match is None:
            return False
        first, stop, page = int(match[1]), int(match[2]), int(match[3])
        to_page = int(match[4]) if match[4] else page
        if not (last < first <= stop) or page < 1 or to_page < page:
            return False
        last = stop
    return True


@lru_cache(maxsize=64)
def _parse(page_map: str) -> tuple[tuple[int, int, int, int], ...]:
    if not page_map or not valid_page_map(page_map):
        return ()
    out = []
    for entry in page_map.split(";"):
        match = _ENTRY.match(entry.strip())
        assert match is not None
        page = int(match[3])
        out.append((int(match[1]), int(match[2]), page, int(match[4]) if match[4] else page))
    return tuple(out)


def _spans(lines: str) -> list[tuple[int, int]]:
    """The transcription lines of a ``source_lines`` cell as (first, last) spans.

    ``"108, 113-115"`` → ``[(113, 115), (108, 108)]``.
    """
    found = [(int(m[1]), int(m[2])) for m in _RANGE.finditer(lines)]
    found += [(int(n), int(n)) for n in _NUMBERS.findall(_RANGE.sub(" ", lines))]
    return found


def page_label(lines: str, page_map: str) -> str:
    """The page(s) of ``lines`` in the document: ``"p.12"``, ``"pp.20–21"``, ``"pp.1, 3"``; ``""`` when unknown.

    ``lines`` that already name a page (``"p.12"``) are returned as they are. A span of lines covers the pages from
    its first line's to its last line's. Every line must fall inside the map; if one does not, no page is said (a
    partial answer would look complete).
    """
    lines = lines.strip()
    if lines.lower().startswith("p."):
        return lines
    entries = _parse(page_map)
    spans = _spans(lines)
    if not entries or not spans:
        return ""

    def hit(number: int) -> tuple[int, int] | None:
        return next(((p, q) for first, stop, p, q in entries if first <= number <= stop), None)

    pages: set[tuple[int, int]] = set()
    for low, high in spans:
        start, end = hit(low), hit(high)
        if start is None or end is None:
            return ""
        pages.add((start[0], max(start[1], end[1])))
    ordered = sorted(pages)
    if len(ordered) == 1:
        p, q = ordered[0]
        return f"p.{p}" if p == q else f"pp.{p}–{q}"
    return "pp." + ", ".join(str(p) if p == q else f"{p}–{q}" for p, q in ordered)


def short_title(title: str, short: str) -> str:
    """The document's short name for a card (``short`` when the source gives one, else the full title)."""
    return short or title
