"""「あなたの税金の使いみち」: a resident's amount divided in the year's expenditure shares."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from finance import explain, formatting
from finance.text import html_lang, is_japanese, t
from finance.topics.household import MAX_TAX_YEN, TaxSplit
from layouts import components, figures, ids
from layouts import resident as r

DEFAULT_AMOUNT = 100_000


def layout(locale: str) -> html.Div:
    """The amount field (kept while the result below is redrawn) and the result a callback fills."""
    return html.Div(
        [
            html.Div(
                [
                    html.Label(t("resident.tax.input_label", locale), htmlFor=ids.TAX_AMOUNT_INPUT),
                    dcc.Input(
                        id=ids.TAX_AMOUNT_INPUT,
                        type="number",
                        min=0,
                        max=MAX_TAX_YEN,
                        step=1,
                        value=DEFAULT_AMOUNT,
                        debounce=True,
                        inputMode="numeric",
                        className="amount-input",
                    ),
                    html.P(t("resident.tax.input_hint", locale), className="input-hint"),
                ],
                className="tax-form",
            ),
            dcc.Loading(html.Div(id=ids.TAX_CONTENT), type="dot"),
        ],
        className="page page-tax page-resident",
        lang=html_lang(locale),
    )


def invalid(locale: str) -> list[object]:
    """What the page says for an amount that is not a whole number between 0 and the limit."""
    return [
        components.empty_state(
            t("resident.tax.invalid", locale, limit=formatting.yen(MAX_TAX_YEN, locale=locale)),
        )
    ]


def content(split: TaxSplit, name: str, locale: str) -> list[object]:
    """The split of the entered amount."""
    parts: list[object] = r.heading("tax", name, split.fiscal_year, locale)
    if split.is_empty:
        parts.append(
            components.empty_state(
                t(
                    "resident.tax.no_data",
                    locale,
                    name=name,
                    year=formatting.fiscal_year_label(split.fiscal_year, locale),
                ),
                t("resident.no_settlement_hint", locale),
            )
        )
        return parts
    basis_note = t(f"resident.tax.basis.{split.subject}", locale, name=name)
    frame = pd.DataFrame(
        {
            "label": [s.name_ja if is_japanese(locale) else s.name_en for s in split.shares],
            "value": [float(s.yen) for s in split.shares],
            "text": [formatting.yen(s.yen, locale=locale) for s in split.shares],
            "group": "own_source",
            "kind": "決算",
        }
    )
    rows = [
        [
            s.name_ja if is_japanese(locale) else s.name_en,
            formatting.yen(s.yen, locale=locale),
            explain.share_text(s.share, locale),
        ]
        for s in split.shares
    ]
    table = components.resident_table(
        [t("resident.table.item", locale), t("resident.tax.table_yen", locale), t("resident.table.share", locale)],
        rows,
    )
    terms = ["kan", "staff_heading"] if split.subject == "expenditure_kan" else ["by_nature"]
    if split.subject == "expenditure_function":
        terms = ["by_function"]
    parts.append(
        components.chart_section(
            title=t("resident.tax.result_title", locale, amount=formatting.yen(split.amount_yen, locale=locale)),
            sentences=[s for s in [explain.tax_sentence(split, locale)] if s],
            explain=t("resident.tax.explain", locale),
            terms=components.glossary_terms(terms, locale),
            body=[
                r.graph(
                    "tax-split",
                    figures.breakdown_bars(frame, axis_title=t("resident.unit.yen", locale), locale=locale),
                    locale,
                )
            ],
            source=components.source_note(split.total.source if split.total else None, locale),
            table=table,
            locale=locale,
            notes=[basis_note, t("resident.tax.caveat", locale), t("resident.tax.rounding", locale)],
            sentence_id=ids.TAX_SENTENCE,
        )
    )
    return parts
