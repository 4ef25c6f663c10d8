"""Public-enterprise page (公営企業): income against expenses, accumulated deficit, bonds, shortfall and staff."""

from __future__ import annotations

from dash import html

from finance import explain
from finance.text import t
from finance.topics.enterprise import EnterpriseAccount, EnterprisePage
from layouts import components, ids
from layouts import resident as r

FLOW_SERIES = ("ent_total_revenue", "ent_total_expenses", "ent_net_profit")
STOCK_SERIES = ("ent_accumulated_deficit", "ent_bonds_outstanding", "ent_fund_shortfall")


def layout(locale: str) -> html.Div:
    """The page skeleton; the enterprise callback fills it."""
    return r.skeleton("enterprise", ids.ENTERPRISE_CONTENT, locale)


def _population_note(account: EnterpriseAccount, locale: str) -> str:
    if not account.served_population:
        return t("resident.enterprise.no_served_population", locale)
    return t("resident.enterprise.served_population_note", locale)


def _account_sections(account: EnterpriseAccount, year: int, mode: str, locale: str, first: bool) -> list[object]:
    notes = [r.kind_legend(locale, account.trend)]
    if mode == "per_resident":
        notes.insert(0, _population_note(account, locale))
    if mode == "share":
        notes.insert(0, t("resident.enterprise.share_note", locale))
    source = r.sources(account.trend, locale)
    out: list[object] = [html.H2(account.name(locale), className="account-heading")]
    out.append(
        components.chart_section(
            title=t("resident.enterprise.flows_title", locale),
            sentences=[explain.enterprise_sentence(account, year, mode, locale)],
            explain=t("resident.enterprise.flows_explain", locale),
            terms=components.glossary_terms(["public_enterprise", "income_statement", "estimate", "plan"], locale),
            body=[
                r.graph(
                    f"enterprise-{account.account}-flows",
                    r.trend_figure(account.trend, mode, locale, series=FLOW_SERIES),
                    locale,
                )
            ],
            source=source,
            table=r.trend_table(account.trend, mode, locale, series=FLOW_SERIES),
            locale=locale,
            notes=notes,
            sentence_id=ids.ENTERPRISE_SENTENCE if first else None,
        )
    )
    out.append(
        components.chart_section(
            title=t("resident.enterprise.stocks_title", locale),
            sentences=[
                explain.trend_sentence(account.trend, "ent_bonds_outstanding", year, mode, "enterprise_bonds", locale)
            ],
            explain=t("resident.enterprise.stocks_explain", locale),
            terms=components.glossary_terms(["accumulated_deficit", "enterprise_bonds", "funding_shortfall"], locale),
            body=[
                r.graph(
                    f"enterprise-{account.account}-stocks",
                    r.trend_figure(account.trend, mode, locale, series=STOCK_SERIES),
                    locale,
                )
            ],
            source=source,
            table=r.trend_table(account.trend, mode, locale, series=STOCK_SERIES),
            locale=locale,
            notes=notes,
        )
    )
    if not account.staff.is_empty:
        out.append(
            components.chart_section(
                title=t("resident.enterprise.staff_title", locale),
                sentences=[s for s in [explain.count_change_sentence(account.staff, locale)] if s],
                explain=t("resident.enterprise.staff_explain", locale),
                terms=components.glossary_terms(["staff_count"], locale),
                body=[
                    r.graph(
                        f"enterprise-{account.account}-staff",
                        r.trend_figure(account.staff, "total", locale, counts=True),
                        locale,
                    )
                ],
                source=r.sources(account.staff, locale),
                table=r.trend_table(account.staff, "total", locale, counts=True),
                locale=locale,
                notes=[r.kind_legend(locale, account.staff)],
            )
        )
    return out


def content(page: EnterprisePage, name: str, mode: str, locale: str) -> list[object]:
    """The filled enterprise page."""
    kind = next((k for a in page.accounts if (k := a.kind_of(page.fiscal_year))), "決算")
    parts: list[object] = r.heading("enterprise", name, page.fiscal_year, locale, kind)
    if not page.accounts:
        parts.append(
            components.empty_state(
                t("resident.enterprise.no_data", locale, name=name), t("resident.enterprise.no_data_hint", locale)
            )
        )
        return parts
    for index, account in enumerate(page.accounts):
        parts += _account_sections(account, page.fiscal_year, mode, locale, index == 0)
    return parts
