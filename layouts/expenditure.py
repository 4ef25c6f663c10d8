"""Expenditure page (歳出): where the money goes — by purpose (目的別, or the city's own 款) and by nature (性質別)."""

from __future__ import annotations

from dash import html

from finance import explain, formatting
from finance.text import t
from finance.topics.settlement import NATURE_GROUPS, ExpenditurePage
from layouts import components, ids
from layouts import resident as r


def layout(locale: str) -> html.Div:
    """The page skeleton; the expenditure callback fills it."""
    return r.skeleton("expenditure", ids.EXPENDITURE_CONTENT, locale)


def content(page: ExpenditurePage, name: str, mode: str, locale: str) -> list[object]:
    """The filled expenditure page."""
    year = page.fiscal_year
    label = formatting.fiscal_year_label(year, locale)
    parts: list[object] = r.heading("expenditure", name, year, locale)
    if page.trend.is_empty:
        parts.append(
            components.empty_state(
                t("resident.expenditure.no_data", locale, name=name), t("resident.no_settlement_hint", locale)
            )
        )
        return parts
    series = NATURE_GROUPS if mode == "share" else ("total", *NATURE_GROUPS)
    subject, key = ("mandatory", "mandatory") if mode == "share" else ("expenditure", "total")
    notes = [r.kind_legend(locale, page.trend)]
    if mode == "per_resident":
        notes.insert(0, r.trend_population_note(page.trend, locale))
    parts.append(
        components.chart_section(
            title=t("resident.expenditure.trend_title", locale),
            sentences=[explain.trend_sentence(page.trend, key, year, mode, subject, locale)],
            explain=t("resident.expenditure.trend_explain", locale),
            terms=components.glossary_terms(["settlement", "mandatory_expenditure", "per_resident"], locale),
            body=[r.graph("expenditure-trend", r.trend_figure(page.trend, mode, locale, series=series), locale)],
            source=r.sources(page.trend, locale),
            table=r.trend_table(page.trend, mode, locale, series=series),
            locale=locale,
            notes=notes,
            sentence_id=ids.EXPENDITURE_SENTENCE,
        )
    )
    pop_notes = [r.population_note(page.population, locale)] if mode == "per_resident" else []
    purpose = page.by_function
    if purpose.is_empty:
        parts.append(
            r.no_data_section(
                t("resident.expenditure.function_title", locale),
                t("resident.expenditure.no_function", locale, year=label),
                locale,
            )
        )
    else:
        own_list = purpose.subject == "expenditure_kan"
        title_key = "resident.expenditure.kan_title" if own_list else "resident.expenditure.function_title"
        notes_purpose = [t("resident.expenditure.kan_note", locale, name=name)] if own_list else []
        parts.append(
            components.chart_section(
                title=t(title_key, locale, name=name),
                sentences=[s for s in [explain.largest_sentence(purpose, mode, "expenditure", locale)] if s],
                explain=t("resident.expenditure.function_explain", locale),
                terms=components.glossary_terms(
                    ["kan", "staff_heading", "by_function"] if own_list else ["by_function"], locale
                ),
                body=[r.graph("expenditure-function", r.breakdown_figure(purpose, mode, locale), locale)],
                source=components.source_note(purpose.source, locale, kind=purpose.figure_kind),
                table=r.breakdown_table(purpose, locale),
                locale=locale,
                notes=notes_purpose + pop_notes,
            )
        )
    if page.by_nature.is_empty:
        parts.append(
            r.no_data_section(
                t("resident.expenditure.nature_title", locale),
                t("resident.expenditure.no_nature", locale, year=label),
                locale,
            )
        )
        return parts
    nature_source = components.source_note(page.by_nature.source, locale, kind=page.by_nature.figure_kind)
    parts.append(
        components.chart_section(
            title=t("resident.expenditure.groups_title", locale),
            sentences=[s for s in [explain.groups_sentence(page.nature_groups, mode, "expenditure", locale)] if s],
            explain=t("resident.expenditure.groups_explain", locale),
            terms=components.glossary_terms(["by_nature", "mandatory_expenditure", "investment_expenditure"], locale),
            body=[r.graph("expenditure-groups", r.breakdown_figure(page.nature_groups, mode, locale), locale)],
            source=nature_source,
            table=r.breakdown_table(page.nature_groups, locale),
            locale=locale,
            notes=[t("resident.computed_note", locale), *pop_notes],
        )
    )
    parts.append(
        components.chart_section(
            title=t("resident.expenditure.nature_title", locale),
            sentences=[s for s in [explain.largest_sentence(page.by_nature, mode, "expenditure", locale)] if s],
            explain=t("resident.expenditure.nature_explain", locale),
            terms=components.glossary_terms(["personnel_costs", "debt_service", "transfers_out"], locale),
            body=[r.graph("expenditure-nature", r.breakdown_figure(page.by_nature, mode, locale), locale)],
            source=nature_source,
            table=r.breakdown_table(page.by_nature, locale),
            locale=locale,
            notes=pop_notes,
        )
    )
    return parts
