"""Generated plain-language sentences in the style of the Wakkanai booklet 「稚内市財政の状況」.

Example (Wakkanai, FY2013): 「平成25年度の歳出決算額は約243億円と、前年度と比較して約3億4千万円減少しています。」
The booklet rounds the total and truncates the change; so do these sentences.
"""

from __future__ import annotations

from finance import formatting
from finance.queries import Fact, Overview
from finance.text import t


def amount_label(fact: Fact | None, locale: str) -> str:
    """An amount as a headline label.

    Exact figures are shown at 万円 precision (truncated, as in the booklet's tables); approximate narrative
    figures as 「約…」.
    """
    if fact is None or fact.value is None:
        return t("common.no_data", locale)
    if fact.rounding == "approx":
        return formatting.yen_approx(fact.value, mode="round", locale=locale)
    return formatting.yen_oku_man(fact.value, mode="truncate", locale=locale)


def total_sentence(overview: Overview, locale: str) -> str | None:
    """「{年度}の歳入決算額は…、歳出決算額は…でした。」, or ``None`` without both totals."""
    if overview.revenue is None or overview.expenditure is None:
        return None
    return t(
        "overview.sentence_total",
        locale,
        year=formatting.fiscal_year_label(overview.fiscal_year, locale),
        revenue=amount_label(overview.revenue, locale),
        expenditure=amount_label(overview.expenditure, locale),
    )


def expenditure_change_sentence(
    current: Fact | None, previous: Fact | None, fiscal_year: int, locale: str
) -> str | None:
    """The booklet's year-over-year sentence; ``None`` unless both years exist on the same basis and exactly."""
    if current is None or previous is None or current.value is None or previous.value is None:
        return None
    if current.account != previous.account or "approx" in (current.rounding, previous.rounding):
        return None
    difference = current.value - previous.value
    params = {
        "year": formatting.fiscal_year_label(fiscal_year, locale),
        "amount": formatting.yen_approx(current.value, mode="round", locale=locale),
        "change": formatting.yen_approx(abs(difference), mode="truncate", locale=locale),
    }
    if difference < 0:
        return t("overview.sentence_change_decrease", locale, **params)
    if difference > 0:
        return t("overview.sentence_change_increase", locale, **params)
    return t("overview.sentence_change_none", locale, **params)
