"""「家計に例えると」: the year's budget scaled to a household with a stated monthly income, with the rules."""

from __future__ import annotations

import pandas as pd
from dash import html

from finance import explain, figuremodel, formatting
from finance.text import is_japanese, t
from finance.topics.household import HOUSEHOLD_NATURE, HOUSEHOLD_REVENUE, Household, HouseholdLine
from layouts import components, figures, ids
from layouts import resident as r


def layout(locale: str) -> html.Div:
    """The page skeleton; the household callback fills it."""
    return r.skeleton("household", ids.HOUSEHOLD_CONTENT, locale)


def _names(line: HouseholdLine, locale: str) -> tuple[str, ...]:
    return line.item_names_ja if is_japanese(locale) else line.item_names_en


def _label(line: HouseholdLine, subject: str, locale: str) -> str:
    if subject in ("", "revenue", "expenditure_nature"):
        return t(f"resident.household.item.{line.key}", locale)
    return "".join(_names(line, locale)).replace(" ", "")


def _figure(lines: tuple[HouseholdLine, ...], subject: str, group: str, locale: str) -> object:
    frame = pd.DataFrame(
        {
            "label": [_label(ln, subject, locale) for ln in lines],
            "value": [None if ln.monthly_yen is None else float(ln.monthly_yen) for ln in lines],
            "text": [formatting.yen(ln.monthly_yen, locale=locale) for ln in lines],
            "group": group,
            "kind": "決算",
        }
    )
    return figures.breakdown_bars(frame, axis_title=t("resident.household.axis", locale), locale=locale)


def _table(lines: tuple[HouseholdLine, ...], subject: str, locale: str) -> html.Table:
    columns = [
        figuremodel.Column(t("resident.household.table_item", locale)),
        figuremodel.Column(t("resident.household.table_monthly", locale), "yen"),
        figuremodel.Column(t("resident.table.share", locale), "percent"),
        figuremodel.Column(t("resident.household.table_items", locale)),
    ]
    rows = [
        [
            figuremodel.text(_label(ln, subject, locale)),
            figuremodel.number(ln.monthly_yen, formatting.yen(ln.monthly_yen, locale=locale)),
            figuremodel.number(None if ln.share is None else round(ln.share, 2), explain.share_text(ln.share, locale)),
            figuremodel.text(t("common.list_separator", locale).join(_names(ln, locale))),
        ]
        for ln in lines
    ]
    return components.model_table(figuremodel.table(columns, rows))


def _rules(locale: str) -> html.Details:
    revenue = sorted(set(HOUSEHOLD_REVENUE.values()) | {"support"})
    spending = sorted(set(HOUSEHOLD_NATURE.values()))
    return html.Details(
        [
            html.Summary(t("resident.household.rules_title", locale)),
            html.P(t("resident.household.rule_scale", locale)),
            html.Ul([html.Li(t(f"resident.household.rule.{k}", locale)) for k in revenue]),
            html.Ul([html.Li(t(f"resident.household.rule.{k}", locale)) for k in spending]),
            html.P(t("resident.household.rule_kan", locale)),
            html.P(t("resident.household.rule_rounding", locale)),
        ],
        className="data-table rules",
    )


def content(household: Household, name: str, locale: str) -> list[object]:
    """The filled household page."""
    parts: list[object] = r.heading("household", name, household.fiscal_year, locale)
    if household.is_empty:
        parts.append(
            components.empty_state(
                t(
                    "resident.household.no_data",
                    locale,
                    name=name,
                    year=formatting.fiscal_year_label(household.fiscal_year, locale),
                ),
                t("resident.household.no_data_hint", locale),
            )
        )
        parts.append(_rules(locale))
        return parts
    income = formatting.yen(household.monthly_income_yen, locale=locale)
    source = components.source_note(household.source, locale)
    parts.append(_rules(locale))
    parts.append(
        components.chart_section(
            title=t("resident.household.income_title", locale, income=income),
            sentences=[s for s in [explain.household_sentence(household, locale)] if s],
            explain=t("resident.household.income_explain", locale),
            terms=components.glossary_terms(["own_source_revenue", "local_allocation_tax", "local_bonds"], locale),
            body=[r.graph("household-income", _figure(household.revenue, "revenue", "own_source", locale), locale)],
            source=source,
            table=_table(household.revenue, "revenue", locale),
            locale=locale,
            notes=[t("resident.household.caveat", locale)],
            sentence_id=ids.HOUSEHOLD_SENTENCE,
        )
    )
    if not household.spending:
        parts.append(
            r.no_data_section(
                t("resident.household.spending_title", locale), t("resident.household.no_spending", locale), locale
            )
        )
        return parts
    spent = formatting.yen(household.expenditure_monthly_yen, locale=locale)
    subject = household.spending_subject
    notes = [t("resident.household.kan_note", locale, name=name)] if subject == "expenditure_kan" else []
    parts.append(
        components.chart_section(
            title=t("resident.household.spending_title", locale),
            sentences=[t("resident.household.spending_sentence", locale, income=income, spent=spent)],
            explain=t("resident.household.spending_explain", locale),
            terms=components.glossary_terms(["by_nature", "kan"], locale),
            body=[r.graph("household-spending", _figure(household.spending, subject, "dependent", locale), locale)],
            source=source,
            table=_table(household.spending, subject, locale),
            locale=locale,
            notes=notes,
        )
    )
    return parts
