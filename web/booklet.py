"""HTTP adapter of the residents' booklet (財政白書): ``/booklet`` (HTML with print CSS) and ``/booklet.pdf``.

Query parameters ``m``, ``y`` and ``lang`` are checked as the downloads' (a given value that is not valid is 400).
The booklet is built by :mod:`finance.booklet` and laid out by :mod:`layouts.booklet`. The PDF is the same document
printed by the handout's Chromium path (:func:`web.handout.print_pdf`, bounded by its timeout), twice: the
first printing shows on which page each section begins (its text is read with pypdf), the second prints the
contents with those page numbers. Documents and PDFs are cached like pages.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

from flask import Flask, Response, request
from pypdf import PdfReader

from finance import booklet as model
from finance import repository, viewstate
from finance.text import t
from layouts import booklet as layout
from web import downloads, handout, renderqueue
from web.cache import cache, files

_SPACE = re.compile(r"\s+")
_EXTRACTED = str.maketrans({"\u2027": "・", "\u2ea0": "民", "\u2f08": "人"})
"""Characters a PDF's text extraction gives as look-alikes (hyphenation point, CJK radicals)."""


def fold(text: str) -> str:
    """Text compared across HTML and extracted PDF text: NFKC, look-alikes mapped, no whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_EXTRACTED))


def _views(view: viewstate.ViewState) -> list[tuple[str, str]]:
    query = view.as_query()
    back = "/" + viewstate.ViewState(view.municipality, view.year, view.locale).as_query()
    return [
        (t("booklet.view_html", view.locale), f"/booklet{query}"),
        (t("booklet.view_pdf", view.locale), f"/booklet.pdf{query}"),
        (t("booklet.view_back", view.locale), back),
    ]


def _today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


@cache.memoize()
def build(municipality: str, year: int, locale: str) -> model.Booklet:
    """The booklet of a valid view; memoised."""
    return model.build(repository.get(), municipality, year, locale)


def document(view: viewstate.ViewState, *, pages: dict[str, int] | None = None, printing: bool = False) -> str:
    """The booklet of a valid view as HTML."""
    assert view.year is not None
    ds = repository.get()
    return layout.render(
        build(view.municipality, view.year, view.locale),
        date=_today(),
        version=ds.version,
        views=_views(view),
        pages=pages,
        printing=printing,
    )


def section_pages(pdf: bytes, booklet: model.Booklet) -> dict[str, int]:
    """On which page (1-based) each section's heading is printed: searched in document order after the contents."""
    reader = PdfReader(io.BytesIO(pdf))
    texts = [fold(page.extract_text() or "") for page in reader.pages]
    found: dict[str, int] = {}
    at = 0
    for chapter in booklet.chapters:
        for section in chapter.sections:
            wanted = fold(layout.marker(chapter.number, section.number))
            for index in range(at, len(texts)):
                if wanted in texts[index]:
                    found[layout.anchor(chapter.key, section.key)] = index + 1
                    at = index
                    break
    return found


@cache.memoize()
def page_map(municipality: str, year: int, locale: str) -> dict[str, int]:
    """The page of each section (a first printing, read back); memoised: it does not change with the date."""
    view = viewstate.ViewState(municipality, year, locale)
    with renderqueue.slot():  # one Chromium per render slot, never one per request
        first = handout.print_pdf(document(view, pages={}, printing=True))
    return section_pages(first, build(municipality, year, locale))


@files.memoize()
def booklet_pdf(municipality: str, year: int, locale: str, date: str) -> bytes:
    """The booklet of a valid view as PDF, with the page numbers in its contents.

    Memoised per day (the cover carries the date) in the store of rendered files.
    """
    view = viewstate.ViewState(municipality, year, locale)
    pages = page_map(municipality, year, locale)
    with renderqueue.slot():
        return handout.print_pdf(document(view, pages=pages, printing=True))


def register(server: Flask) -> None:
    """Add the booklet routes to the Flask server."""

    def page() -> Response:
        try:
            view = downloads.checked_view({k: v for k, v in request.args.items() if k in ("m", "y", "lang")})
        except downloads.BadRequest as exc:
            return downloads.plain(str(exc), 400)
        return Response(document(view), mimetype="text/html", headers={"Cache-Control": "no-cache"})

    def pdf() -> Response:
        try:
            view = downloads.checked_view({k: v for k, v in request.args.items() if k in ("m", "y", "lang")})
        except downloads.BadRequest as exc:
            return downloads.plain(str(exc), 400)
        assert view.year is not None
        data = booklet_pdf(view.municipality, view.year, view.locale, _today())
        name = f"mieruka-{view.municipality}-{view.year}-booklet-{view.locale}.pdf"
        return downloads.attachment(data, "application/pdf", name, inline=True)

    server.add_url_rule("/booklet", "booklet", page, methods=["GET"])
    server.add_url_rule("/booklet.pdf", "booklet_pdf", pdf, methods=["GET"])
