"""Staff page (職員数): staff by category, per 1,000 residents, against the 類似団体, and personnel costs."""

from __future__ import annotations

import pandas as pd
from dash import html

from finance import explain, figuremodel, formatting
from finance.text import is_japanese, t
from finance.topics.staff import StaffLine, StaffPage
from layouts import components, figures, ids, terms
from layouts import resident as r


def layout(locale: str) -> html.Div:
    """The page skeleton; the staff callback fills it."""
    return r.skeleton("staff", ids.STAFF_CONTENT, locale)


def _count_figure(page: StaffPage, mode: str, locale: str) -> object:
    labels, values, texts, groups = [], [], [], []
    for line in page.lines:
        per = mode == "per_resident"
        value = line.per_thousand if per else line.count
        labels.append(line.label_ja if is_japanese(locale) else t(f"resident.staff.category.{line.category}", locale))
        values.append(None if value is None else float(value))
        texts.append(
            explain.per_thousand_text(line.per_thousand, locale)
            if per
            else t("resident.staff.persons", locale, count=formatting.group(line.count, locale))
        )
        groups.append("own_source")
        peer = line.peer_per_thousand if per else line.peer_count
        if peer is not None:
            labels.append(t("resident.staff.peer_label", locale, label=labels[-1]))
            values.append(float(peer))
            texts.append(
                explain.per_thousand_text(peer, locale)
                if per
                else t("resident.staff.persons", locale, count=formatting.group(peer.normalize(), locale))
            )
            groups.append("dependent")
    frame = pd.DataFrame({"label": labels, "value": values, "text": texts, "group": groups, "kind": "決算"})
    axis = t("resident.unit.per_thousand" if mode == "per_resident" else "resident.unit.persons", locale)
    return figures.breakdown_bars(frame, axis_title=axis, locale=locale)


def _label(line: StaffLine, locale: str) -> object:
    """A staff category: in Japanese as printed; in English its English name, the printed heading beside it."""
    if is_japanese(locale):
        return line.label_ja
    return [t(f"resident.staff.category.{line.category}", locale), " (", terms.ja_term(line.label_ja), ")"]


def _note(note: str, locale: str) -> object:
    """A note of the source (Japanese only in the data): on an English page marked, with what it is."""
    if is_japanese(locale) or not terms.has_japanese(note):
        return note
    return html.Span(terms.ja_label(note, t("terms.source_note", locale), locale))


def _count_table(page: StaffPage, locale: str) -> html.Div:
    columns = [
        figuremodel.Column(t("resident.table.item", locale)),
        figuremodel.Column(t("resident.staff.count", locale), "persons"),
        figuremodel.Column(t("resident.staff.per_thousand", locale), "persons"),
        figuremodel.Column(t("resident.staff.published_per_thousand", locale), "persons"),
        figuremodel.Column(t("resident.staff.peer", locale), "persons"),
        figuremodel.Column(t("figuredata.peer_per_thousand", locale), "persons", shown=False),
        figuremodel.Column(t("resident.staff.as_of", locale)),
    ]
    rows = []
    for line in page.lines:
        peer_text = (
            "—"
            if line.peer_count is None
            else formatting.group(line.peer_count.normalize(), locale)
            + (
                t("terms.in_brackets", locale, text=explain.per_thousand_text(line.peer_per_thousand, locale))
                if line.peer_per_thousand is not None
                else ""
            )
        )
        rows.append(
            [
                figuremodel.text(
                    line.label_ja if is_japanese(locale) else t(f"resident.staff.category.{line.category}", locale)
                ),
                figuremodel.number(line.count, formatting.group(line.count, locale)),
                figuremodel.number(
                    None if line.per_thousand is None else round(line.per_thousand, 2),
                    explain.per_thousand_text(line.per_thousand, locale),
                ),
                figuremodel.number(
                    line.published_per_thousand,
                    explain.per_thousand_text(line.published_per_thousand, locale)
                    if line.published_per_thousand is not None
                    else "—",
                ),
                figuremodel.number(line.peer_count, peer_text),
                figuremodel.number(line.peer_per_thousand, ""),
                figuremodel.text(line.as_of or t("resident.staff.no_date", locale)),
            ]
        )
    labels = [_label(line, locale) for line in page.lines]
    return components.model_table(figuremodel.table(columns, rows), labels=labels)


def content(page: StaffPage, name: str, mode: str, locale: str) -> list[object]:
    """The filled staff page."""
    year = page.fiscal_year
    label = formatting.fiscal_year_label(year, locale)
    parts: list[object] = r.heading("staff", name, year, locale)
    if page.count_trend.is_empty and page.cost_trend.is_empty:
        parts.append(components.empty_state(t("resident.staff.no_data", locale, name=name)))
        return parts
    first = True
    if not page.lines:
        parts.append(
            r.no_data_section(
                t("resident.staff.counts_title", locale), t("resident.staff.no_count", locale, year=label), locale
            )
        )
    else:
        notes: list[object] = [_note(line.note, locale) for line in page.lines if line.note]
        pop = page.population
        notes.insert(
            0,
            t(
                "resident.staff.population_note",
                locale,
                population=formatting.group(pop.value, locale),
                basis=t(f"basis.{pop.basis}", locale),
            )
            if pop
            else t("resident.population_missing", locale),
        )
        staff_dates = sorted({line.as_of for line in page.lines if line.as_of})
        if pop and pop.as_of and staff_dates and pop.as_of not in staff_dates:  # say which dates are divided
            notes.insert(
                1,
                t(
                    "resident.staff.dates_note",
                    locale,
                    staff_date=t("common.list_separator", locale).join(staff_dates),
                    population_date=pop.as_of,
                ),
            )
        if mode == "share":
            notes.insert(0, t("resident.no_share_note", locale))
        parts.append(
            components.chart_section(
                title=t("resident.staff.counts_title", locale),
                sentences=[s for s in [explain.staff_sentence(page.lines, year, mode, locale)] if s],
                explain=t("resident.staff.counts_explain", locale),
                terms=components.glossary_terms(["staff_count", "similar_municipalities"], locale),
                body=[r.graph("staff-counts", _count_figure(page, mode, locale), locale)],
                source=components.source_note(page.lines[0].source, locale, kind=page.lines[0].figure_kind),
                table=_count_table(page, locale),
                locale=locale,
                notes=notes,
                sentence_id=ids.STAFF_SENTENCE,
            )
        )
        first = False
    if not page.count_trend.is_empty:
        parts.append(
            components.chart_section(
                title=t("resident.staff.trend_title", locale),
                sentences=[s for s in [explain.count_change_sentence(page.count_trend, locale)] if s],
                explain=t("resident.staff.trend_explain", locale),
                terms=components.glossary_terms(["staff_count"], locale),
                body=[r.graph("staff-trend", r.trend_figure(page.count_trend, "total", locale, counts=True), locale)],
                source=r.sources(page.count_trend, locale),
                table=r.trend_table(page.count_trend, "total", locale, counts=True),
                locale=locale,
                notes=[r.kind_legend(locale, page.count_trend)],
                sentence_id=ids.STAFF_SENTENCE if first else None,
            )
        )
        first = False
    if page.cost_trend.is_empty:
        parts.append(
            r.no_data_section(
                t("resident.staff.costs_title", locale), t("resident.staff.no_costs", locale, name=name), locale
            )
        )
        return parts
    cost = page.cost_trend
    notes = [r.kind_legend(locale, page.cost_trend)]
    series = set(cost.frame["series"])
    own_heading = "expk_staff" in series  # Wakkanai's own 款 職員費: not 人件費, and not another body's term
    if own_heading:  # the body's own 款 職員費 beside 人件費: say they differ
        notes.insert(0, t("resident.staff.costs_note", locale, name=name))
    sentences = (  # the 人件費 sentence only from 人件費 (性質別), never from the 款 職員費
        [explain.trend_sentence(cost, "expn_personnel", year, mode, "personnel", locale)]
        if "expn_personnel" in series
        else []
    )
    if mode == "per_resident":
        notes.insert(0, r.trend_population_note(cost, locale))
    parts.append(
        components.chart_section(
            title=t("resident.staff.costs_title", locale),
            sentences=sentences,
            explain=t("resident.staff.costs_explain", locale),
            terms=components.glossary_terms(["personnel_costs", *(["staff_heading"] if own_heading else [])], locale),
            body=[r.graph("staff-costs", r.trend_figure(cost, mode, locale), locale)],
            source=r.sources(cost, locale),
            table=r.trend_table(cost, mode, locale),
            locale=locale,
            notes=notes,
            sentence_id=ids.STAFF_SENTENCE if first else None,
        )
    )
    return parts
