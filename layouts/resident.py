"""Shared pieces of the resident pages: skeletons, headings, value scaling and the chart/table shaping.

A page module (``layouts/revenue.py`` …) turns one domain page object into sections with these helpers; the
numbers always come from :mod:`finance.topics` and their wording from :mod:`finance.explain`.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pandas as pd
from dash import dcc, html

from finance import explain, figuremodel, formatting
from finance.queries import Population, Source
from finance.schemas import ITEM_GROUPS
from finance.text import html_lang, is_japanese, t
from finance.topics.common import Breakdown, Line, Trend
from layouts import components, figures, ids

SETTLEMENT_SUBJECTS = ("revenue", "expenditure_kan", "expenditure_function", "expenditure_nature")


def skeleton(page: str, content_id: str, locale: str) -> html.Div:
    """A page skeleton: the content a callback fills (the display-mode switch is the shell's, above it)."""
    return html.Div(
        dcc.Loading(html.Div(id=content_id), type="dot"),
        className=f"page page-{page} page-resident",
        lang=html_lang(locale),
    )


def heading(page: str, name: str, year: int, locale: str, kind: str = "決算") -> list[object]:
    """The page title and its plain-language lede."""
    label = formatting.fiscal_year_label(year, locale)
    parts: list[object] = [
        html.H1(t(f"resident.{page}.heading", locale, name=name, year=label)),
        html.P(t(f"resident.{page}.lede", locale), className="lede"),
        components.clarity_feedback(f"resident.{page}.lede", locale),
    ]
    if kind != "決算":
        parts.append(html.P(t("resident.kind_notice", locale, kind=t(f"kind.{kind}", locale)), className="kind-notice"))
    return parts


def population_note(pop: Population | None, locale: str) -> str:
    """「市民1人あたりは 人口 36,898人（年度末の住民基本台帳人口、2014-03-31）で計算」 or why it cannot be."""
    if pop is None:
        return t("resident.population_missing", locale)
    key = "resident.population_note" if pop.as_of else "resident.population_note_no_date"
    return t(
        key,
        locale,
        population=formatting.group(pop.value, locale),
        basis=t(f"basis.{pop.basis}", locale),
        as_of=pop.as_of,
    )


def trend_population_note(trend: Trend, locale: str) -> str:
    """The population basis of a multi-year chart (each year's own population)."""
    if not trend.populations:
        return t("resident.population_missing", locale)
    bases = sorted({p.basis for p in trend.populations})
    return t(
        "resident.population_trend_note",
        locale,
        basis=t("common.list_separator", locale).join(t(f"basis.{b}", locale) for b in bases),
    )


def unit(values: list[int | Decimal | None], mode: str, locale: str, *, counts: bool = False) -> tuple[Decimal, str]:
    """The divisor and axis title of a chart: 億円 or 百万円 (by size), 円 per resident, %; persons for counts."""
    if counts:
        key = "resident.unit.per_thousand" if mode == "per_resident" else "resident.unit.persons"
        return Decimal(1), t(key, locale)
    if mode == "share":
        return Decimal(1), "%"
    if mode == "per_resident":
        return Decimal(1), t("resident.unit.yen", locale)
    largest = max((abs(v) for v in values if v is not None), default=Decimal(0))
    if largest >= 1_000_000:
        return Decimal(100_000), t("resident.unit.oku", locale)
    return Decimal(1_000), t("resident.unit.million", locale)


def line_label(line: Line, subject: str, locale: str) -> str:
    """A bar label: the heading as printed (Japanese) for settlement items, else the standard name."""
    if is_japanese(locale) and subject in SETTLEMENT_SUBJECTS:
        return line.label_ja.replace(" ", "")
    return line.name(locale)


def breakdown_figure(bd: Breakdown, mode: str, locale: str) -> object:
    """The horizontal-bar chart of a breakdown's top-level lines in ``mode``."""
    lines = [ln for ln in bd.lines if ln.depth == 0]
    divisor, axis = unit([ln.mode_value(mode) for ln in lines], mode, locale)
    frame = pd.DataFrame(
        {
            "label": [line_label(ln, bd.subject, locale) for ln in lines],
            "value": [
                None if ln.mode_value(mode) is None else float(Decimal(ln.mode_value(mode) or 0) / divisor)
                for ln in lines
            ],
            "text": [explain.line_text(ln, mode, locale) for ln in lines],
            "group": [ln.group for ln in lines],
            "kind": [ln.figure_kind for ln in lines],
        }
    )
    return figures.breakdown_bars(frame, axis_title=axis, locale=locale, legend=group_legend(locale))


def group_legend(locale: str) -> dict[str, str]:
    """The words of the group colours of settlement breakdowns (自主財源, 依存財源, 義務的経費 …)."""
    return {code: t(f"figuredata.group.{code}", locale) for code in ITEM_GROUPS}


def _share_cell(bd: Breakdown, ln: Line, locale: str) -> str:
    """The share as computed; where the source printed a different one, the printed share (the difference is
    flagged in the notes under the table, so the cell stays a number for the downloads)."""
    printed = bd.printed_share(ln.key)
    if printed is None:
        return explain.share_text(ln.share, locale)
    return printed[0]


def printed_share_notes(bd: Breakdown, locale: str) -> list[str]:
    """One note per line whose printed share differs from the recomputed one (the difference is flagged)."""
    return [
        t("resident.printed_share_note", locale, item=ln.name(locale), printed=shown[0], computed=shown[1])
        for ln in bd.lines
        if (shown := bd.printed_share(ln.key)) is not None
    ]


def breakdown_data(bd: Breakdown, locale: str) -> figuremodel.DataTable:
    """Every line (「うち」 lines indented) with amount (千円), per resident (円), share (%) and kind, typed."""
    columns = (
        figuremodel.Column(t("resident.table.item", locale)),
        figuremodel.Column(t("resident.table.amount", locale), "thousand_yen"),
        figuremodel.Column(t("resident.table.per_resident", locale), "yen"),
        figuremodel.Column(t("resident.table.share", locale), "percent"),
        figuremodel.Column(t("resident.table.kind", locale)),
    )
    rows = []
    for ln in [*bd.lines, *([bd.total] if bd.total and bd.total not in bd.lines else [])]:
        label = line_label(ln, bd.subject, locale)
        if ln.depth:
            label = ("　" if is_japanese(locale) else "\u00a0\u00a0") + label
        rows.append(
            [
                figuremodel.text(label),
                figuremodel.number(ln.value, formatting.thousand_yen_table(ln.value, locale=locale)),
                figuremodel.number(ln.per_resident, explain.per_resident_text(ln.per_resident, ln.rounding, locale)),
                figuremodel.number(None if ln.share is None else round(ln.share, 2), _share_cell(bd, ln, locale)),
                figuremodel.text(
                    t(f"kind.{ln.figure_kind}", locale)
                    + (t("resident.table.computed", locale) if ln.rounding == "computed" else "")
                ),
            ]
        )
    return figuremodel.table(columns, rows)


def breakdown_table(bd: Breakdown, locale: str) -> html.Table:
    """The page table of :func:`breakdown_data`."""
    return components.model_table(breakdown_data(bd, locale))


def _cell(value: object) -> int | Decimal | None:
    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    return value if isinstance(value, Decimal) else int(value)  # type: ignore[call-overload]


MODE_COLUMN = {"total": "value", "per_resident": "per_resident", "share": "share"}


def trend_frame(
    trend: Trend, mode: str, locale: str, *, series: tuple[str, ...] | None = None, counts: bool = False
) -> tuple[pd.DataFrame, str]:
    """The rows of a trend chart in ``mode`` (chart units) and the axis title."""
    frame = trend.frame
    if series is not None:
        frame = frame[frame["series"].isin(list(series))]
    column = "value" if counts else MODE_COLUMN[mode]
    values = [_cell(v) for v in frame[column]] if not frame.empty else []
    divisor, axis = unit(values, mode, locale, counts=counts)
    texts = []
    for v, rounding in zip(values, frame["rounding"] if not frame.empty else [], strict=True):
        if counts:
            texts.append(
                t("resident.staff.persons", locale, count=formatting.group(v, locale)) if v is not None else ""
            )
        else:
            texts.append(explain.mode_text(v, mode, str(rounding), locale))
    shaped = pd.DataFrame(
        {
            "fiscal_year": list(frame["fiscal_year"]),
            "series": list(frame["series"]),
            "name": list(frame["name_ja" if is_japanese(locale) else "name_en"]),
            "value": [None if v is None else float(Decimal(v) / divisor) for v in values],
            "text": texts,
            "kind": list(frame["figure_kind"]),
        }
    )
    return shaped, axis


def trend_figure(
    trend: Trend, mode: str, locale: str, *, series: tuple[str, ...] | None = None, counts: bool = False
) -> object:
    """Grouped bars over the years in ``mode``."""
    shaped, axis = trend_frame(trend, mode, locale, series=series, counts=counts)
    return figures.trend_bars(shaped, axis_title=axis, locale=locale)


TREND_UNITS = {"total": "thousand_yen", "per_resident": "yen", "share": "percent"}


def trend_data(
    trend: Trend, mode: str, locale: str, *, series: tuple[str, ...] | None = None, counts: bool = False
) -> figuremodel.DataTable:
    """Years down, series across, in the chosen mode (千円, 円 or %; persons for counts), typed; the kind of each
    year in the last column. A year without a series' figure is an empty cell (「データなし」 on the page)."""
    frame = trend.frame
    if series is not None:
        frame = frame[frame["series"].isin(list(series))]
    shaped, _ = trend_frame(trend, mode, locale, series=series, counts=counts)
    column = "value" if counts else MODE_COLUMN[mode]
    raw = [_cell(v) for v in frame[column]] if not frame.empty else []
    names = list(dict.fromkeys(shaped["name"]))
    unit = "persons" if counts else TREND_UNITS[mode]
    columns = (
        figuremodel.Column(t("resident.table.year", locale)),
        *[figuremodel.Column(str(n), unit) for n in names],
        figuremodel.Column(t("resident.table.kind", locale)),
    )
    rows = []
    no_data = t("common.no_data", locale)
    for year in sorted({int(y) for y in shaped["fiscal_year"]}):
        at = [i for i, y in enumerate(shaped["fiscal_year"]) if int(y) == year]
        cells = {str(shaped["name"].iloc[i]): figuremodel.number(raw[i], str(shaped["text"].iloc[i])) for i in at}
        kinds = sorted({str(shaped["kind"].iloc[i]) for i in at}, key=lambda k: ("決算", "決算見込", "計画").index(k))
        rows.append(
            [
                figuremodel.text(formatting.fiscal_year_label(year, locale)),
                *[cells.get(str(n), figuremodel.number(None, no_data)) for n in names],
                figuremodel.text(t("terms.and_separator", locale).join(t(f"kind.{k}", locale) for k in kinds)),
            ]
        )
    return figuremodel.table(columns, rows)


def trend_table(
    trend: Trend, mode: str, locale: str, *, series: tuple[str, ...] | None = None, counts: bool = False
) -> html.Div:
    """The page table of :func:`trend_data`."""
    return components.model_table(trend_data(trend, mode, locale, series=series, counts=counts))


def graph(index: str, figure: object, locale: str) -> object:
    """A resident chart with its pattern-matching id."""
    return components.graph(index, figure, locale, ids.RESIDENT_GRAPH)


def no_data_section(title: str, message: str, locale: str, hint: str | None = None) -> html.Section:
    """A chart slot that says plainly that the sources have no figures for it."""
    return html.Section([html.H2(title), components.empty_state(message, hint)], className="section chart-section")


def kind_legend(locale: str, trend: Trend | None = None) -> str:
    """How estimates and plans look on the charts ("" when the trend has only actual figures)."""
    if trend is not None and set(trend.frame["figure_kind"]) <= {"決算"}:
        return ""
    return t("resident.kind_legend", locale)


def sources(trend: Trend, locale: str) -> html.Div | None:
    """The source line of every document behind a multi-year chart."""
    merged: dict[tuple[str, str], list[Source]] = {}
    for source in trend.sources:
        merged.setdefault((source.source_id, source.table), []).append(source)
    notes = []
    for group in merged.values():
        lines = sorted({s.lines for s in group if s.lines}, key=lambda x: (len(x), x))
        notes.append(components.source_note(replace(group[0], lines="、".join(lines)), locale))
    return html.Div(notes, className="sources") if notes else None
