"""Shared pieces of the resident pages: skeletons, headings, value scaling and the chart/table shaping.

A page module (``layouts/revenue.py`` …) turns one domain page object into sections with these helpers; the
numbers always come from :mod:`finance.breakdown` and their wording from :mod:`finance.explain`.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pandas as pd
from dash import dcc, html

from finance import explain, formatting
from finance.breakdown import Breakdown, Line, Trend
from finance.queries import Population, Source
from finance.text import html_lang, is_japanese, t
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
    return figures.breakdown_bars(frame, axis_title=axis, locale=locale)


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


def breakdown_table(bd: Breakdown, locale: str) -> html.Table:
    """Every line (「うち」 lines indented) with amount, per resident, share and kind."""
    header = [
        t("resident.table.item", locale),
        t("resident.table.amount", locale),
        t("resident.table.per_resident", locale),
        t("resident.table.share", locale),
        t("resident.table.kind", locale),
    ]
    rows = []
    for ln in [*bd.lines, *([bd.total] if bd.total and bd.total not in bd.lines else [])]:
        label = line_label(ln, bd.subject, locale)
        if ln.depth:
            label = ("　" if is_japanese(locale) else "\u00a0\u00a0") + label
        rows.append(
            [
                label,
                formatting.thousand_yen_table(ln.value, locale=locale),
                explain.per_resident_text(ln.per_resident, ln.rounding, locale),
                _share_cell(bd, ln, locale),
                t(f"kind.{ln.figure_kind}", locale)
                + (t("resident.table.computed", locale) if ln.rounding == "computed" else ""),
            ]
        )
    return components.resident_table(header, rows)


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


def trend_table(
    trend: Trend, mode: str, locale: str, *, series: tuple[str, ...] | None = None, counts: bool = False
) -> html.Table:
    """Years down, series across, in the chosen mode; the kind of each year in the last column."""
    shaped, _ = trend_frame(trend, mode, locale, series=series, counts=counts)
    names = list(dict.fromkeys(shaped["name"]))
    header = [t("resident.table.year", locale), *names, t("resident.table.kind", locale)]
    rows = []
    for year in sorted({int(y) for y in shaped["fiscal_year"]}):
        block = shaped[shaped["fiscal_year"] == year]
        cells = {str(r.name): str(r.text) for r in block.itertuples(index=False)}
        kinds = sorted({str(k) for k in block["kind"]}, key=lambda k: ("決算", "決算見込", "計画").index(k))
        rows.append(
            [
                formatting.fiscal_year_label(year, locale),
                *[cells.get(n, t("common.no_data", locale)) for n in names],
                t("terms.and_separator", locale).join(t(f"kind.{k}", locale) for k in kinds),
            ]
        )
    return components.resident_table(header, rows)


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
