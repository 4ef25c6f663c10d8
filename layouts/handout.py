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

import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, select_autoescape

from finance import formatting
from finance.committee import Summary
from finance.indicators import Evaluation
from finance.queries import PerResident, Source
from finance.status import Status
from finance.text import html_lang, t
from layouts import figures as page_figures
from layouts import indicators as indicators_layout
from layouts.figurekit import FigureParts

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGES: tuple[str, ...] = ("overview", "indicators", "revenue", "expenditure", "funds", "debt", "staff", "enterprise")
PAPERS = {"a4": "A4 portrait", "a3": "A3 landscape"}
"""Paper key → CSS ``@page`` size."""


PRESENTER_WIDTH = 1200
"""Layout width (px) of a presenter chart: shown at about its own size on a 1280 × 720 projector screen."""
PRESENTER_HEIGHT = 450
PRESENTER_FONT = 26
"""Smallest font (px) of a presenter chart at its own size; the slide keeps it at ≥ 24 px on 1280 × 720."""


def _enlarged(node: object, scale: float, parent: str = "") -> object:
    """A figure (plain dict) with every font size scaled by ``scale`` and raised to :data:`PRESENTER_FONT`."""
    if isinstance(node, dict):
        out: dict[str, object] = {}
        for key, value in node.items():
            if key == "size" and parent.endswith("font") and isinstance(value, (int, float)):
                out[key] = max(round(value * scale), PRESENTER_FONT)
            else:
                out[key] = _enlarged(value, scale, key)
        return out
    if isinstance(node, list):
        return [_enlarged(v, scale, parent) for v in node]
    return node


def presenter_figure(figure: dict[str, object], *, gray: bool) -> go.Figure:
    """A page figure for a projector: the handout's figure at :data:`PRESENTER_WIDTH` with every label at least
    :data:`PRESENTER_FONT` px; a long list keeps its proportions (its slide scrolls) rather than shrinking."""
    printed = page_figures.handout_figure(figure, gray=gray).to_plotly_json()
    layout = dict(printed["layout"])
    height = float(layout.get("height") or 400)
    scale = PRESENTER_FONT / 16
    margin = {k: round(v * scale) for k, v in (layout.get("margin") or {}).items() if isinstance(v, (int, float))}
    tall = height > 520  # a long list (revenue items, accounts): its bands stay readable, its slide scrolls
    layout.update(
        width=PRESENTER_WIDTH,
        height=round(height * scale) if tall else PRESENTER_HEIGHT,
        margin=margin,
    )
    return go.Figure(_enlarged({**printed, "layout": layout}, scale))


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


def _line(value: float | None, indicator: str, locale: str, *, estimate: bool = False) -> str:
    if value is None:
        return ""
    decimals = indicators_layout.PAGE_DECIMALS.get(indicator, 1)
    text = formatting.percent(value, decimals=decimals, mode="round", locale=locale)
    return text + (t("committee.line_estimate", locale) if estimate else "")


def _value(evaluation: Evaluation, locale: str) -> str:
    if evaluation.published is None and evaluation.computed is None:
        return t("committee.no_value", locale)
    return indicators_layout.value_text(evaluation, locale)


def _ratio_row(evaluation: Evaluation, label: str, locale: str) -> dict[str, object]:
    """One row of a summary table: the value, both lines (or why a line is not shown) and the status words."""
    lines = evaluation.rated.lines
    ind = evaluation.indicator
    early = _line(lines.early, ind, locale, estimate=evaluation.rated.early_basis == "estimate")
    if not early:
        early = t("committee.line_unknown", locale)
    legal_rebuilding = ind in ("real_deficit_ratio", "consolidated_real_deficit_ratio", "real_debt_service_ratio")
    rebuilding = _line(lines.rebuilding, ind, locale) or t(
        "committee.no_line" if not legal_rebuilding else "committee.line_unknown", locale
    )
    level = evaluation.status
    return {
        "label": label,
        "value": _value(evaluation, locale),
        "early": early,
        "rebuilding": rebuilding,
        "status": t(f"status.{level.value}", locale),
        "level": level.value,
        "alert": level in (Status.EARLY, Status.REBUILDING, Status.MANAGEMENT),
    }


def _per_resident(value: PerResident, locale: str) -> str:
    return formatting.yen(value.yen, locale=locale) if value.yen is not None else "—"


def _source_line(source: Source, locale: str) -> str:
    title = source.title_ja if locale != "en" else source.title_en
    date = source.published or source.edition
    return f"{source.publisher_ja}「{title}」" + (f"（{date}）" if date else "")


def summary_context(
    summary: Summary, name: str, year_label: str, names: dict[str, str], locale: str
) -> dict[str, object]:
    """What the cover and the one-page summary print, as text (the template only lays it out)."""
    ratios = [_ratio_row(e, t(f"indicator.{e.indicator}.name", locale), locale) for e in summary.ratios]
    enterprises = [_ratio_row(e.evaluation, names.get(e.account, e.account), locale) for e in summary.enterprises]
    totals: list[list[str]] = []
    for key, fact, per in (
        ("revenue", summary.revenue, summary.revenue_per_resident),
        ("expenditure", summary.expenditure, summary.expenditure_per_resident),
    ):
        if fact is None:
            continue
        totals.append(
            [
                t(f"committee.{key}", locale),
                formatting.thousand_yen_table(fact.value, locale=locale),
                formatting.yen_oku_man(fact.value, locale=locale),
                _per_resident(per, locale),
            ]
        )
    pop = summary.revenue_per_resident.population or summary.expenditure_per_resident.population
    population_note = (
        t(
            "committee.population_note",
            locale,
            basis=t(f"basis.{pop.basis}", locale),
            as_of=pop.as_of,
            population=formatting.group(pop.value, locale),
        )
        if pop is not None and totals
        else ""
    )
    return {
        "heading": t("committee.summary_heading", locale),
        "lede": t("committee.summary_lede", locale, name=name, year=year_label),
        "ratios_heading": t("committee.ratios_heading", locale),
        "ratios_caption": t("committee.ratios_caption", locale, year=year_label),
        "ratios": ratios if summary.has_ratios else [],
        "ratios_missing": "" if summary.has_ratios else t("committee.ratios_missing", locale),
        "verdict": t(f"committee.verdict_{summary.verdict}", locale) if summary.has_ratios else "",
        "verdict_alert": summary.verdict in ("early", "rebuilding", "caution"),
        "lines_note": t("committee.lines_note", locale),
        "ratio_columns": [
            t(f"committee.{k}", locale) for k in ("col_ratio", "col_value", "col_early", "col_rebuilding", "col_status")
        ],
        "enterprise_heading": t("committee.enterprise_heading", locale),
        "enterprise_caption": t("committee.enterprise_caption", locale, year=year_label),
        "enterprises": enterprises,
        "enterprises_missing": "" if enterprises else t("committee.enterprises_missing", locale),
        "enterprise_verdict": t(f"committee.enterprise_verdict_{summary.enterprise_verdict}", locale)
        if enterprises
        else "",
        "enterprise_alert": summary.enterprise_verdict == "management",
        "enterprise_columns": [
            t(f"committee.{k}", locale)
            for k in ("col_account", "col_value", "col_management", "col_rebuilding", "col_status")
        ],
        "totals_heading": t("committee.totals_heading", locale),
        "totals_caption": t("committee.totals_caption", locale, year=year_label),
        "totals_columns": [
            t(f"committee.{k}", locale) for k in ("col_item", "col_amount", "col_readable", "col_per_resident")
        ],
        "totals": totals,
        "totals_missing": "" if totals else t("committee.totals_missing", locale),
        "population_note": population_note,
        "sources": [_source_line(s, locale) for s in summary.sources],
        "national": t("committee.cover_national", locale) if summary.national_only else "",
        "data_date": summary.data_date,
    }


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
    summary: dict[str, object],
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
            (t("committee.cover_body", locale), name),
            (t("committee.cover_year", locale), year_label),
            *([(t("committee.cover_data_date", locale), str(summary["data_date"]))] if summary["data_date"] else []),
            (t("committee.cover_version", locale), version),
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
        summary=summary,
        sources_label=t("committee.cover_sources", locale),
        slide_help=t("committee.slide_help", locale),
        slides_label=t("committee.slides_label", locale),
        slide_counter=t("committee.slide_counter", locale, n=1, total=len(figures) + 3),
        slide_template=t("committee.slide_counter", locale, n="{n}", total="{total}"),
    )
