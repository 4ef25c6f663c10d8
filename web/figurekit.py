"""HTTP adapter of the 広報 figure kit: ``GET /figure/<page>/<key>.<png|svg|pdf>`` and short links ``/s/…``.

Query parameters: ``m``, ``y``, ``lang`` (as the pages), ``mode`` (``total`` | ``per_resident`` | ``share``),
``size`` (``1col`` | ``2col``: 85 or 175 mm wide) and ``palette`` (``color`` | ``gray``). A value that is
given and not valid is refused with 400; unknown pages, figures and formats are 404. The figure is the page's
own (found in the page's memoised render, :mod:`layouts.figurekit`); the image adds its title, 出典, 基準日 and
a QR code of its short link. Exports are cached like pages (data version in the key).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlencode

import segno
from flask import Flask, Response, abort, redirect, request

from callbacks import indicators, overview, resident
from finance import exports, formatting, queries, repository, viewstate
from finance.text import t
from layouts import figurekit, figures
from web import downloads, imaging, renderqueue
from web.cache import cache, files

MIMETYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
RESIDENT_PAGES = ("revenue", "expenditure", "funds", "debt", "staff", "enterprise")
PAGES: dict[str, Callable[[str, int, str, str], list[object]]] = {
    "overview": lambda m, y, mode, loc: overview.render(m, y, loc),
    "indicators": lambda m, y, mode, loc: indicators.render(m, y, loc),
    "household": lambda m, y, mode, loc: resident.render_household(m, y, loc),
    **{p: (lambda m, y, mode, loc, p=p: resident.render(p, m, y, mode, loc)) for p in RESIDENT_PAGES},
}
"""Every page with figures (:data:`layouts.figurekit.PAGES`) → its memoised render (the one its callback uses)."""


def page_tree(page: str, municipality: str, year: int, mode: str, locale: str) -> list[object]:
    """The rendered content of a page for a valid view."""
    return PAGES[page](municipality, year, mode if page in RESIDENT_PAGES else "total", locale)


def public_base(configured: str) -> str:
    """The site's origin for links printed on paper: ``Settings.link_base`` (the public URL or the bind address).

    Never the request's ``Host``, which anybody can forge into a cache key or a printed QR code.
    """
    return configured.rstrip("/")


def short_path(page: str, key: str, view: viewstate.ViewState) -> str:
    """``/s/012149/2013/revenue/revenue-trend``: the short link of a figure (mode and language only when needed)."""
    extra = {k: v for k, v in (("mode", view.mode), ("lang", view.locale)) if v not in ("total", "ja")}
    return f"/s/{view.municipality}/{view.year}/{page}/{key}" + (f"?{urlencode(extra)}" if extra else "")


def qr_data_uri(url: str) -> str:
    """A QR code (error correction M, quiet zone 4) of ``url`` as a PNG ``data:`` URI."""
    code = segno.make(url, error="m", micro=False)
    return str(code.png_data_uri(scale=8, border=4))


def as_of_line(view: viewstate.ViewState, version: str) -> str:
    """「基準日：2014年3月31日（平成25年度末）…」: figures of a fiscal year stand at its last day, 31 March."""
    assert view.year is not None
    end = dt.date(view.year + 1, 3, 31)
    date = t("tools.figure_as_of_date", view.locale, y=end.year, m=end.month, d=end.day)
    year = formatting.fiscal_year_label(view.year, view.locale)
    return t("tools.figure_as_of", view.locale, date=date, year=year, version=version)


def print_title(page: str, parts: figurekit.FigureParts, mode: str, locale: str) -> str:
    """「何に使ったか（市民1人あたり、単位：円）」: a printed figure says its mode and its unit."""
    unit = figures.axis_unit(parts.figure)
    if page in RESIDENT_PAGES:
        return t("figuredata.mode_title", locale, title=parts.title, mode=t(f"resident.mode.{mode}", locale), unit=unit)
    return t("figuredata.unit_title", locale, title=parts.title, unit=unit) if unit else parts.title


@files.memoize()
def export(page: str, key: str, fmt: str, municipality: str, year: int, mode: str, locale: str, size: str,
           palette: str, base: str) -> bytes | None:  # fmt: skip
    """One figure as a print image, or ``None`` if the page has no such figure for this view; memoised."""
    ds = repository.get()
    parts = figurekit.find(page_tree(page, municipality, year, mode, locale), key)
    if parts is None:
        return None
    view = viewstate.ViewState(municipality, year, locale, mode)
    name = queries.municipality_name(ds, municipality, locale) or municipality
    link = base + short_path(page, key, view)
    printed = figures.print_figure(
        parts.figure,
        title=t("tools.figure_title", locale, name=name, title=print_title(page, parts, mode, locale)),
        footer=[*figurekit.compact_sources(parts.sources), as_of_line(view, ds.version)],
        qr_uri=qr_data_uri(link),
        qr_caption=t("tools.figure_qr_caption", locale),
        size=size,
        gray=palette == "gray",
    )
    with renderqueue.slot():  # bounded: at most a few renders at once on the machine, else 503
        return imaging.render(printed, fmt, width_mm=figures.PRINT_SIZES_MM[size][0], dpi=figures.PRINT_DPI)


def figure_image(page: str, key: str, fmt: str, public_url: str) -> Response:
    """``/figure/<page>/<key>.<fmt>`` for the query's view."""
    if page not in PAGES or fmt not in MIMETYPES or not figurekit.KEY_PATTERN.fullmatch(key):
        abort(404)
    try:
        view = downloads.requested_view()
        size = downloads.choice_param("size", figurekit.SIZES, "2col")
        palette = downloads.choice_param("palette", figurekit.PALETTES, "color")
    except downloads.BadRequest as exc:
        return downloads.plain(str(exc), 400)
    assert view.year is not None
    data = export(page, key, fmt, view.municipality, view.year, view.mode, view.locale, size, palette,
                  public_base(public_url))  # fmt: skip
    if data is None:
        abort(404)
    suffix = f"-{size}" + ("-gray" if palette == "gray" else "")
    return downloads.attachment(data, MIMETYPES[fmt], f"mieruka-{view.municipality}-{view.year}-{key}{suffix}.{fmt}")


def short_link(municipality: str, year: str, page: str, key: str) -> Response:
    """``/s/<m>/<y>/<page>/<key>`` → the page's permalink with the figure selected (302)."""
    if page not in PAGES or not figurekit.KEY_PATTERN.fullmatch(key):
        abort(404)
    params = {"m": municipality, "y": year, **{k: v for k, v in request.args.items() if k in ("lang", "mode")}}
    try:
        view = downloads.checked_view(params)
    except downloads.BadRequest:
        abort(404)
    path = "/" if page == "overview" else f"/{page}"
    target = replace(view, figure=key)
    return redirect(path + target.as_query(), code=302)  # type: ignore[return-value]


@cache.memoize()
def figure_data(page: str, key: str, fmt: str, municipality: str, year: int, mode: str, locale: str) -> bytes | None:
    """The data table of one figure as CSV or XLSX (numbers as numbers), or ``None`` without such a table."""
    ds = repository.get()
    parts = figurekit.find(page_tree(page, municipality, year, mode, locale), key)
    model = parts.model() if parts is not None else None
    if model is None:
        return None
    name = queries.municipality_name(ds, municipality, locale) or municipality
    title = t("tools.figure_title", locale, name=name, title=model.title)
    meta = exports.meta_block(ds, municipality, year, locale, title)
    table = exports.figure_table(key, title, meta, model.table, model.sources, locale)
    return exports.to_csv(table) if fmt == "csv" else exports.to_xlsx(table)


def figure_download(page: str, key: str, fmt: str) -> Response:
    """``/download/figure/<page>/<key>.<csv|xlsx>`` for the query's view."""
    if page not in PAGES or fmt not in exports.FORMATS or not figurekit.KEY_PATTERN.fullmatch(key):
        abort(404)
    try:
        view = downloads.requested_view()
    except downloads.BadRequest as exc:
        return downloads.plain(str(exc), 400)
    assert view.year is not None
    data = figure_data(page, key, fmt, view.municipality, view.year, view.mode, view.locale)
    if data is None:
        abort(404)
    return downloads.attachment(data, downloads.MIMETYPES[fmt], f"mieruka-{view.municipality}-{view.year}-{key}.{fmt}")


def register(server: Flask, public_url: str = "") -> None:
    """Add the figure-kit routes to the Flask server."""
    server.add_url_rule(
        "/figure/<page>/<key>.<fmt>",
        "figure_image",
        lambda page, key, fmt: figure_image(page, key, fmt, public_url),
        methods=["GET"],
    )
    server.add_url_rule("/s/<municipality>/<year>/<page>/<key>", "short_link", short_link, methods=["GET"])
    server.add_url_rule("/download/figure/<page>/<key>.<fmt>", "figure_download", figure_download, methods=["GET"])
