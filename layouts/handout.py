"""The committee handout (``/handout``) and presenter mode (``/present``) as one printable HTML document.

Not a Dash page: a handout must print and render to PDF without JavaScript, so it is plain HTML from a Jinja2
template (``layouts/templates/handout.html``, autoescaped) with the charts as SVG images and the CSS inline (the
site's CSP allows inline styles, no scripts). The figures are the pages' own (:mod:`layouts.figurekit`), numbered
図1, 図2 … in a fixed order: the pages in :data:`PAGES`, then each page's figures in document order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from finance.text import html_lang, t
from layouts.figurekit import FigureParts

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGES: tuple[str, ...] = ("overview", "indicators", "revenue", "expenditure", "funds", "debt", "staff", "enterprise")
PAPERS = {"a4": "A4 portrait", "a3": "A3 landscape"}
"""Paper key → CSS ``@page`` size."""


@dataclass(frozen=True)
class Figure:
    """One numbered figure of the handout."""

    number: int
    page: str
    parts: FigureParts
    image: str  # data: URI of the chart (SVG)
    width: int
    height: int


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


@cache
def _css() -> str:
    return (TEMPLATES / "handout.css").read_text(encoding="utf-8")


def css_string(text: str) -> str:
    """A CSS string literal of ``text`` (quotes, backslashes and ``<`` escaped, so it cannot end the style)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return f'"{escaped}"'


def number(figures_by_page: list[tuple[str, list[FigureParts]]]) -> list[tuple[int, str, FigureParts]]:
    """Figures numbered 1, 2 … in page order (:data:`PAGES`), then document order within the page."""
    order = {page: i for i, page in enumerate(PAGES)}
    numbered: list[tuple[int, str, FigureParts]] = []
    for page, figures in sorted(figures_by_page, key=lambda item: order[item[0]]):
        for parts in figures:
            numbered.append((len(numbered) + 1, page, parts))
    return numbered


def render(
    *,
    figures: list[Figure],
    name: str,
    year_label: str,
    version: str,
    paper: str,
    presenter: bool,
    live_link: str,
    qr: str,
    views: list[tuple[str, str]],
    locale: str,
) -> str:
    """The handout as an HTML document."""
    title = t("tools.handout_title", locale, name=name, year=year_label)
    paper_label = t("tools.handout_paper_screen" if presenter else f"tools.handout_paper_{paper}", locale)

    def item(f: Figure) -> dict[str, object]:
        label = t("tools.handout_figure_label", locale, n=f.number)
        return {
            "anchor": f"fig-{f.number}",
            "label": label,
            "title": f.parts.title,
            "sentences": f.parts.sentences,
            "notes": f.parts.notes,
            "sources": f.parts.sources,
            "table": f.parts.table,
            "image": f.image,
            "width": f.width,
            "height": f.height,
            "alt": t("tools.handout_alt", locale, label=label, title=f.parts.title),
        }

    items = [item(f) for f in figures]
    groups: list[dict[str, object]] = []
    for f, entry in zip(figures, items, strict=True):
        if not groups or groups[-1]["page"] != f.page:
            heading = t("tools.handout_group", locale, number=len(groups) + 1, name=t(f"nav.{f.page}", locale))
            groups.append({"page": f.page, "heading": heading, "figures": []})
        groups[-1]["figures"].append(entry)  # type: ignore[union-attr]
    template = _environment().get_template("handout.html")
    return template.render(
        html_lang=html_lang(locale),
        title=title,
        kicker=t("tools.handout_kicker", locale),
        css=_css(),
        page_size=PAPERS[paper],
        running_head=css_string(title),
        paper=paper,
        presenter=presenter,
        meta=[
            (t("tools.handout_meta_year", locale), year_label),
            (t("tools.handout_meta_version", locale), version),
            (t("tools.handout_meta_paper", locale), paper_label),
            (t("tools.handout_meta_figures", locale), str(len(figures))),
        ],
        qr=qr,
        qr_alt=t("tools.handout_qr_alt", locale),
        live_text=t("tools.handout_live", locale),
        live_link=live_link,
        nav_label=t("tools.handout_nav", locale),
        views=views,
        contents_heading=t("tools.handout_contents", locale),
        numbering_note=t("tools.handout_numbering", locale),
        figures=items,
        groups=groups,
        table_caption=t("tools.handout_table_caption", locale),
        empty_text=t("tools.handout_empty", locale),
        colophon=t("tools.handout_colophon", locale),
    )
