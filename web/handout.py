"""HTTP adapter of the committee handout: its print view, its server-rendered PDF and the presenter mode.

Routes: ``/handout`` (print view), ``/handout.pdf`` (server-rendered PDF) and ``/present`` (presenter mode with large
type).

Query parameters: ``m``, ``y``, ``lang``, ``mode`` and ``palette`` as the figure kit, ``paper`` (``a4`` portrait,
``a3`` landscape). The PDF is the same HTML printed by the Debian Chromium (``--print-to-pdf``; the document has no
script and every image is inline, so nothing is fetched). Documents and PDFs are cached like pages.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response

from finance import committee, formatting, queries, repository, viewstate
from finance.text import t
from layouts import figurekit, figures, handout
from web import downloads, imaging, renderqueue
from web.cache import files
from web.figurekit import PAGES as FIGURE_PAGES
from web.figurekit import page_tree, public_base, qr_data_uri

PDF_TIMEOUT_S = 90


def _query(view: viewstate.ViewState, **extra: str) -> str:
    """The view's permalink query with the handout's own parameters (empty ones left out)."""
    given = {k: v for k, v in extra.items() if v}
    return view.as_query() + (f"&{urlencode(given)}" if given else "")


@files.memoize()
def numbered_figures(
    municipality: str, year: int, mode: str, locale: str, palette: str, presenter: bool = False
) -> list[handout.Figure]:
    """Every figure of the handout's pages, numbered, each with its chart as an SVG ``data:`` URI; memoised.

    ``presenter``: the charts for a projector (:func:`layouts.handout.presenter_figure`), else for paper.
    """
    trees = [
        (page, figurekit.parts(page_tree(page, municipality, year, mode, locale)))
        for page in handout.PAGES
        if page in FIGURE_PAGES
    ]
    out = []
    with renderqueue.slot():  # one slot for all the figures of the handout
        rendered = [
            (
                n,
                page,
                parts,
                (handout.presenter_figure if presenter else figures.handout_figure)(
                    parts.figure, gray=palette == "gray"
                ),
            )
            for n, page, parts in handout.number(trees)
        ]
        svgs = [imaging.render(p, "svg", width_mm=186, dpi=figures.PRINT_DPI) for *_, p in rendered]  # A4 width
    for (n, page, parts, printed), svg in zip(rendered, svgs, strict=True):
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
        out.append(handout.Figure(n, page, parts, uri, int(printed.layout.width), int(printed.layout.height)))
    return out


def document(view: viewstate.ViewState, paper: str, palette: str, presenter: bool, base: str) -> str:
    """The handout (or presenter view) of a valid view as HTML."""
    assert view.year is not None
    ds = repository.get()
    name = queries.municipality_name(ds, view.municipality, view.locale) or view.municipality
    year_label = formatting.fiscal_year_label(view.year, view.locale)
    summary = handout.summary_context(
        committee.summary(ds, view.municipality, view.year),
        name,
        year_label,
        queries.account_names(ds, view.municipality, view.locale),
        view.locale,
    )
    shared = {"palette": palette if palette != "color" else ""}
    live_link = base + "/handout" + _query(view, **shared)
    views = [
        (f"tools.handout_view_{key}", f"{path}{_query(view, paper=paper_key, **shared)}")
        for key, path, paper_key in (
            ("a4", "/handout", "a4"),
            ("a3", "/handout", "a3"),
            ("pdf_a4", "/handout.pdf", "a4"),
            ("pdf_a3", "/handout.pdf", "a3"),
            ("present", "/present", ""),
        )
    ]
    views.append(
        ("tools.handout_view_back", "/" + viewstate.ViewState(view.municipality, view.year, view.locale).as_query())
    )
    return handout.render(
        figures=numbered_figures(view.municipality, view.year, view.mode, view.locale, palette, presenter),
        name=name,
        year_label=year_label,
        version=ds.version,
        paper=paper,
        presenter=presenter,
        live_link=live_link,
        qr=qr_data_uri(live_link),
        views=[(t(key, view.locale), href) for key, href in views],
        locale=view.locale,
        summary=summary,
    )


def chromium() -> str:
    """The Chromium binary (``BROWSER_PATH`` if set, as kaleido reads it)."""
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    return path


def print_pdf(html: str) -> bytes:
    """``html`` printed to PDF by headless Chromium (paper size from the document's CSS ``@page``)."""
    with tempfile.TemporaryDirectory(prefix="mieruka-pdf-") as tmp:
        source = Path(tmp) / "handout.html"
        target = Path(tmp) / "handout.pdf"
        source.write_text(html, encoding="utf-8")
        args = [
            chromium(),
            "--headless",
            # as kaleido's Chromium (choreographer's default): the sandbox needs user namespaces, which containers
            # often lack; the document is our own, has no script and loads nothing
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        subprocess.run(args, capture_output=True, timeout=PDF_TIMEOUT_S, check=True)
        return target.read_bytes()


@files.memoize()
def handout_pdf(municipality: str, year: int, mode: str, locale: str, paper: str, palette: str, base: str) -> bytes:
    """The handout of a valid view as PDF; memoised."""
    view = viewstate.ViewState(municipality, year, locale, mode)
    with renderqueue.slot():  # one Chromium per slot at most: never one per request
        return print_pdf(document(view, paper, palette, False, base))


def _request(public_url: str) -> tuple[viewstate.ViewState, str, str, str]:
    view = downloads.requested_view()
    paper = downloads.choice_param("paper", tuple(handout.PAPERS), "a4")
    palette = downloads.choice_param("palette", figurekit.PALETTES, "color")
    return view, paper, palette, public_base(public_url)


def register(server: Flask, public_url: str = "") -> None:
    """Add the handout routes to the Flask server."""

    def page(presenter: bool) -> Response:
        try:
            view, paper, palette, base = _request(public_url)
        except downloads.BadRequest as exc:
            return downloads.plain(str(exc), 400)
        html = document(view, paper, palette, presenter, base)
        return Response(html, mimetype="text/html", headers={"Cache-Control": "no-cache"})

    def pdf() -> Response:
        try:
            view, paper, palette, base = _request(public_url)
        except downloads.BadRequest as exc:
            return downloads.plain(str(exc), 400)
        assert view.year is not None
        data = handout_pdf(view.municipality, view.year, view.mode, view.locale, paper, palette, base)
        name = f"mieruka-{view.municipality}-{view.year}-handout-{paper}.pdf"
        return downloads.attachment(data, "application/pdf", name, inline=True)

    server.add_url_rule("/handout", "handout", lambda: page(False), methods=["GET"])
    server.add_url_rule("/present", "present", lambda: page(True), methods=["GET"])
    server.add_url_rule("/handout.pdf", "handout_pdf", pdf, methods=["GET"])
