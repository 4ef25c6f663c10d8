"""The household analogy (家計に例えると) and the tax split (あなたの税金の使いみち) of one year's settlement."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from finance import calc
from finance.load import Dataset
from finance.queries import Source
from finance.topics.common import Line
from finance.topics.settlement import function_breakdown, settlement_breakdown

MAX_TAX_YEN = 100_000_000
"""The largest amount accepted by the tax-split calculator (a bound for untrusted input)."""

HOUSEHOLD_MONTHLY_INCOME_YEN = 300_000
"""The household of 「家計に例えると」: a monthly income of 30万円 (the year's revenue is scaled to 12 months of it)."""


HOUSEHOLD_REVENUE = {
    "rev_local_tax": "salary",
    "rev_contributions": "side_income",
    "rev_fees": "side_income",
    "rev_property_income": "side_income",
    "rev_donations": "side_income",
    "rev_miscellaneous": "side_income",
    "rev_transfers_in": "savings_withdrawal",
    "rev_carryover": "leftover",
    "rev_local_bonds": "loan",
    "rev_other": "other_income",
}
"""Revenue items → household items (domain notes §6.7). Everything else decided by the state or the prefecture
(交付税, 国庫・道支出金, 譲与税, 交付金) is 「親からの仕送り」 (``support``)."""
HOUSEHOLD_REVENUE_ORDER = (
    "salary",
    "side_income",
    "support",
    "savings_withdrawal",
    "leftover",
    "loan",
    "other_income",
)

HOUSEHOLD_NATURE = {
    "expn_personnel": "food",
    "expn_social_assistance": "medical",
    "expn_debt_service": "loan_repayment",
    "expn_goods_services": "utilities",
    "expn_maintenance": "repairs",
    "expn_subsidies": "community",
    "expn_reserves": "savings",
    "expn_investments": "investment",
    "expn_loans": "lending",
    "expn_transfers_out": "allowance_children",
    "expn_construction": "house_car",
    "expn_other": "other_spending",
    "expn_prior_year_deficit": "other_spending",
}
"""性質別 items → household items (domain notes §6.7)."""
HOUSEHOLD_SPENDING_ORDER = (
    "food",
    "medical",
    "loan_repayment",
    "utilities",
    "repairs",
    "community",
    "allowance_children",
    "house_car",
    "savings",
    "investment",
    "lending",
    "other_spending",
)


@dataclass(frozen=True)
class HouseholdLine:
    """One household item: its monthly yen and the settlement items it stands for.

    Attributes:
        key: household item code (``salary``, ``food`` …) or, for a 款 list, the 款 item code.
        monthly_yen: the scaled amount per month (rounded half up), ``None`` if an item is missing.
        items: the settlement item codes mapped to it.
        share: percent of the year's total (unrounded).
        item_names_ja: the headings of those items as printed.
        item_names_en: their English names.
    """

    key: str
    monthly_yen: int | None
    items: tuple[str, ...]
    share: Decimal | None
    item_names_ja: tuple[str, ...] = ()
    item_names_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class Household:
    """The year's budget scaled to a household with a monthly income.

    Attributes:
        monthly_income_yen: the household's monthly income (the whole year's revenue is 12 of them).
        factor: yen of household money per yen of the municipality's revenue (unrounded).
        revenue: household income lines.
        spending: household spending lines (性質別 mapped to household items; a 款 list scaled under its own names).
        spending_subject: ``expenditure_nature``, ``expenditure_kan``, ``expenditure_function`` or "" (none).
        revenue_total: the revenue total used.
        expenditure_total: the expenditure total scaled with the same factor.
        population: the population (for the per-resident comparison).
    """

    municipality_code: str
    fiscal_year: int
    monthly_income_yen: int
    factor: Decimal | None
    revenue: tuple[HouseholdLine, ...]
    spending: tuple[HouseholdLine, ...]
    spending_subject: str
    revenue_total: Line | None
    expenditure_total: Line | None
    expenditure_monthly_yen: int | None
    source: Source | None

    @property
    def is_empty(self) -> bool:
        """Whether the year has no itemised revenue to scale."""
        return not self.revenue


def _scaled(value: int | None, factor: Decimal) -> int | None:
    """千円 → household yen per month."""
    if value is None:
        return None
    return calc.round_half_up(Decimal(value) * 1000 * factor / 12)


def household(ds: Dataset, code: str, year: int, monthly_income_yen: int = HOUSEHOLD_MONTHLY_INCOME_YEN) -> Household:
    """The year's revenue and expenditure scaled so that the revenue is ``monthly_income_yen`` a month.

    Mapping rules: revenue items go to household items by :data:`HOUSEHOLD_REVENUE` (state and prefectural money
    is support from parents); 性質別 spending by :data:`HOUSEHOLD_NATURE`; a 款 list is scaled under its own
    headings because purposes have no household equivalent. 「うち」 lines are left out (their parent counts them).
    """
    revenue = settlement_breakdown(ds, code, year, "revenue")
    total = revenue.total
    if revenue.is_empty or total is None or total.value is None or total.value <= 0:
        return Household(code, year, monthly_income_yen, None, (), (), "", None, None, None, None)
    factor = Decimal(monthly_income_yen * 12) / (Decimal(total.value) * 1000)

    def grouped(
        lines: tuple[Line, ...], mapping: dict[str, str], order: tuple[str, ...], default: str, base: int
    ) -> tuple[HouseholdLine, ...]:
        sums: dict[str, list[Line]] = {}
        for ln in lines:
            if ln.depth:
                continue
            sums.setdefault(mapping.get(ln.key, default), []).append(ln)
        out = []
        for key in order:
            members = sums.get(key)
            if not members:
                continue
            values = [m.value for m in members]
            value = None if any(v is None for v in values) else sum(v for v in values if v is not None)
            out.append(
                HouseholdLine(
                    key,
                    _scaled(value, factor),
                    tuple(m.key for m in members),
                    calc.share_percent(value, base),
                    tuple(m.label_ja for m in members),
                    tuple(m.name_en for m in members),
                )
            )
        return tuple(out)

    income = grouped(revenue.lines, HOUSEHOLD_REVENUE, HOUSEHOLD_REVENUE_ORDER, "support", total.value)
    nature = settlement_breakdown(ds, code, year, "expenditure_nature")
    spending: tuple[HouseholdLine, ...] = ()
    subject = ""
    exp_total = nature.total
    if not nature.is_empty and nature.total is not None and nature.total.value:
        spending = grouped(
            nature.lines, HOUSEHOLD_NATURE, HOUSEHOLD_SPENDING_ORDER, "other_spending", nature.total.value
        )
        subject = "expenditure_nature"
    else:
        purpose = function_breakdown(ds, code, year)
        if not purpose.is_empty and purpose.total is not None and purpose.total.value:
            exp_total = purpose.total
            subject = purpose.subject
            spending = tuple(
                HouseholdLine(ln.key, _scaled(ln.value, factor), (ln.key,), ln.share, (ln.label_ja,), (ln.name_en,))
                for ln in purpose.lines
                if ln.depth == 0
            )
    return Household(
        code,
        year,
        monthly_income_yen,
        factor,
        income,
        spending,
        subject,
        total,
        exp_total,
        _scaled(exp_total.value, factor) if exp_total else None,
        total.source,
    )


@dataclass(frozen=True)
class TaxShare:
    """One purpose's part of the resident's amount."""

    key: str
    name_ja: str
    name_en: str
    yen: int
    share: Decimal


@dataclass(frozen=True)
class TaxSplit:
    """A resident's amount divided in the year's expenditure shares.

    Attributes:
        amount_yen: the amount entered.
        subject: ``expenditure_function`` (統計の目的別), ``expenditure_kan`` (the city's own 款 list) or
            ``expenditure_nature`` (性質別, only when the data has no purpose list); "" if there is nothing to split by.
        shares: the parts, largest first.
        total: the expenditure total the shares are of.
    """

    municipality_code: str
    fiscal_year: int
    amount_yen: int
    subject: str
    shares: tuple[TaxShare, ...]
    total: Line | None

    @property
    def is_empty(self) -> bool:
        """Whether the year has no expenditure list to split by."""
        return not self.shares


def tax_split(ds: Dataset, code: str, year: int, amount_yen: int) -> TaxSplit:
    """Divide ``amount_yen`` across the year's expenditure by purpose (else by nature), in their shares.

    Each part is rounded half up to whole yen; the parts may therefore differ from the amount by a few yen.

    Raises:
        ValueError: the amount is negative or above :data:`MAX_TAX_YEN`.
    """
    if amount_yen < 0 or amount_yen > MAX_TAX_YEN:
        raise ValueError(f"amount out of range: {amount_yen}")
    basis = function_breakdown(ds, code, year)
    if basis.is_empty:
        basis = settlement_breakdown(ds, code, year, "expenditure_nature")
    if basis.is_empty or basis.total is None or not basis.total.value:
        return TaxSplit(code, year, amount_yen, "", (), None)
    shares = []
    for ln in basis.lines:
        if ln.depth or ln.share is None:
            continue
        shares.append(
            TaxShare(ln.key, ln.name_ja, ln.name_en, calc.round_half_up(Decimal(amount_yen) * ln.share / 100), ln.share)
        )
    shares.sort(key=lambda s: s.share, reverse=True)
    return TaxSplit(code, year, amount_yen, basis.subject, tuple(shares), basis.total)
