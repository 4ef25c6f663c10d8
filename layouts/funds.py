"""Funds page (基金、「市の貯金」): balances by fund, deposits and withdrawals, per resident."""

from __future__ import annotations

from dash import html

from finance import explain, formatting
from finance.text import t
from finance.topics.funds import FundsPage
from layouts import components, ids
from layouts import resident as r


def layout(locale: str) -> html.Div:
    """The page skeleton; the funds callback fills it."""
    return r.skeleton("funds", ids.FUNDS_CONTENT, locale)


def content(page: FundsPage, name: str, mode: str, locale: str) -> list[object]:
    """The filled funds page."""
    year = page.fiscal_year
    label = formatting.fiscal_year_label(year, locale)
    parts: list[object] = r.heading("funds", name, year, locale)
    if page.balance_trend.is_empty and page.flows.is_empty:
        parts.append(components.empty_state(t("resident.funds.no_data", locale, name=name)))
        return parts
    sections: list[dict[str, object]] = []
    pop_notes = [r.population_note(page.population, locale)] if mode == "per_resident" else []
    if page.balances.is_empty:
        parts.append(
            r.no_data_section(
                t("resident.funds.balances_title", locale), t("resident.funds.no_balance", locale, year=label), locale
            )
        )
    else:
        notes = list(pop_notes)
        if page.balances.total is not None and page.balances.lines == (page.balances.total,):
            notes.append(t("resident.funds.total_only", locale))
        sections.append(
            {
                "title": t("resident.funds.balances_title", locale),
                "sentences": [s for s in [explain.groups_sentence(page.balances, mode, "funds", locale)] if s],
                "explain": t("resident.funds.balances_explain", locale),
                "terms": components.glossary_terms(["funds", "fiscal_adjustment_fund", "debt_reduction_fund"], locale),
                "body": [r.graph("funds-balances", r.breakdown_figure(page.balances, mode, locale), locale)],
                "source": components.source_note(page.balances.source, locale, kind=page.balances.figure_kind),
                "table": r.breakdown_table(page.balances, locale),
                "notes": notes,
            }
        )
    trend_notes = [r.kind_legend(locale, page.balance_trend), r.kind_legend(locale, page.flows)]
    if mode == "per_resident":
        trend_notes.insert(0, r.trend_population_note(page.balance_trend, locale))
    if not page.balance_trend.is_empty:
        series = ("fund_fiscal_adjustment", "fund_debt_reduction", "fund_specific")
        shown = series if mode == "share" else None
        has_parts = page.balance_trend.frame["series"].isin(list(series)).any()
        sections.append(
            {
                "title": t("resident.funds.trend_title", locale),
                "sentences": [
                    explain.trend_sentence(
                        page.balance_trend,
                        "fund_fiscal_adjustment" if mode == "share" and has_parts else "fund_total",
                        year,
                        mode,
                        "fiscal_adjustment_share" if mode == "share" and has_parts else "funds",
                        locale,
                    )
                ],
                "explain": t("resident.funds.trend_explain", locale),
                "terms": components.glossary_terms(["funds"], locale),
                "body": [
                    r.graph("funds-trend", r.trend_figure(page.balance_trend, mode, locale, series=shown), locale)
                ],
                "source": r.sources(page.balance_trend, locale),
                "table": r.trend_table(page.balance_trend, mode, locale, series=shown),
                "notes": trend_notes,
            }
        )
    if page.flows.is_empty:
        parts_flows = r.no_data_section(
            t("resident.funds.flows_title", locale), t("resident.funds.no_flows", locale, name=name), locale
        )
    else:
        flow_mode = "total" if mode == "share" else mode
        notes = list(trend_notes)
        if mode == "share":
            notes.insert(0, t("resident.no_share_note", locale))
        sections.append(
            {
                "title": t("resident.funds.flows_title", locale),
                "sentences": [
                    explain.trend_sentence(page.flows, "deposit", year, flow_mode, "fund_deposit", locale),
                    explain.trend_sentence(page.flows, "withdrawal", year, flow_mode, "fund_withdrawal", locale),
                ],
                "explain": t("resident.funds.flows_explain", locale),
                "terms": components.glossary_terms(["funds", "transfers_in"], locale),
                "body": [r.graph("funds-flows", r.trend_figure(page.flows, flow_mode, locale), locale)],
                "source": r.sources(page.flows, locale),
                "table": r.trend_table(page.flows, flow_mode, locale),
                "notes": notes,
            }
        )
        parts_flows = None
    for index, section in enumerate(sections):
        parts.append(
            components.chart_section(
                locale=locale,
                sentence_id=ids.FUNDS_SENTENCE if index == 0 else None,
                **section,  # type: ignore[arg-type]
            )
        )
    if parts_flows is not None:
        parts.append(parts_flows)
    return parts
