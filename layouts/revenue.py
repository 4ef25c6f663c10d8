"""Revenue page (歳入): where the money comes from — 自主財源 / 依存財源, each item, the years, per resident."""

from __future__ import annotations

from dash import html

from finance import explain, formatting
from finance.text import t
from finance.topics.settlement import REVENUE_GROUPS, RevenuePage
from layouts import components, ids
from layouts import resident as r


def layout(locale: str) -> html.Div:
    """The page skeleton; the revenue callback fills it."""
    return r.skeleton("revenue", ids.REVENUE_CONTENT, locale)


def _itemised_years(page: RevenuePage, locale: str) -> str:
    frame = page.trend.frame
    years = sorted({int(y) for y in frame.loc[frame["series"] != "total", "fiscal_year"]})
    return t("common.list_separator", locale).join(formatting.fiscal_year_label(y, locale) for y in years) or t(
        "common.no_data", locale
    )


def content(page: RevenuePage, name: str, mode: str, locale: str) -> list[object]:
    """The filled revenue page."""
    year = page.fiscal_year
    parts: list[object] = r.heading("revenue", name, year, locale)
    if page.trend.is_empty:
        parts.append(
            components.empty_state(
                t("resident.revenue.no_data", locale, name=name), t("resident.no_settlement_hint", locale)
            )
        )
        return parts
    trend_series = REVENUE_GROUPS if mode == "share" else ("total", *REVENUE_GROUPS)
    trend_subject, trend_key = ("own_source", "own_source") if mode == "share" else ("revenue", "total")
    notes = [r.kind_legend(locale, page.trend)]
    if mode == "per_resident":
        notes.insert(0, r.trend_population_note(page.trend, locale))
    parts.append(
        components.chart_section(
            title=t("resident.revenue.trend_title", locale),
            sentences=[explain.trend_sentence(page.trend, trend_key, year, mode, trend_subject, locale)],
            explain=t("resident.revenue.trend_explain", locale),
            terms=components.glossary_terms(["settlement", "general_account", "per_resident"], locale),
            body=[r.graph("revenue-trend", r.trend_figure(page.trend, mode, locale, series=trend_series), locale)],
            source=r.sources(page.trend, locale),
            table=r.trend_table(page.trend, mode, locale, series=trend_series),
            locale=locale,
            notes=notes,
            sentence_id=ids.REVENUE_SENTENCE,
        )
    )
    if page.items.is_empty:
        parts.append(
            r.no_data_section(
                t("resident.revenue.groups_title", locale),
                t("resident.revenue.no_items", locale, year=formatting.fiscal_year_label(year, locale)),
                locale,
                t("resident.revenue.itemised_years", locale, years=_itemised_years(page, locale)),
            )
        )
        return parts
    pop_notes = [r.population_note(page.items.population, locale)] if mode == "per_resident" else []
    group_notes = list(pop_notes)
    if page.groups.line("mixed") is not None:
        group_notes.append(t("resident.revenue.mixed_note", locale))
    if any(ln.rounding == "computed" for ln in page.groups.lines):
        group_notes.append(t("resident.computed_note", locale))
    source = components.source_note(page.items.source, locale, kind=page.items.figure_kind)
    parts.append(
        components.chart_section(
            title=t("resident.revenue.groups_title", locale),
            sentences=[s for s in [explain.groups_sentence(page.groups, mode, "revenue", locale)] if s],
            explain=t("resident.revenue.groups_explain", locale),
            terms=components.glossary_terms(["own_source_revenue", "dependent_revenue"], locale),
            body=[r.graph("revenue-groups", r.breakdown_figure(page.groups, mode, locale), locale)],
            source=source,
            table=r.breakdown_table(page.groups, locale),
            locale=locale,
            notes=group_notes,
        )
    )
    parts.append(
        components.chart_section(
            title=t("resident.revenue.items_title", locale),
            sentences=[s for s in [explain.largest_sentence(page.items, mode, "revenue", locale)] if s],
            explain=t("resident.revenue.items_explain", locale),
            terms=components.glossary_terms(
                ["local_tax", "local_allocation_tax", "national_disbursements", "local_bonds", "extraordinary_bonds"],
                locale,
            ),
            body=[r.graph("revenue-items", r.breakdown_figure(page.items, mode, locale), locale)],
            source=source,
            table=r.breakdown_table(page.items, locale),
            locale=locale,
            notes=[*pop_notes, *r.printed_share_notes(page.items, locale)],
        )
    )
    return parts
