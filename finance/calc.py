"""Pure arithmetic of the domain: per-resident values, shares, year-over-year change and ratio formulas.

All functions take plain numbers and return ``None`` when a value is missing or a denominator is not
positive — never zero, never a negative ratio where the law says "not computed".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: Decimal) -> int:
    """Round to a whole number, halves away from zero (the booklets' rule for 円 per resident)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def per_resident_yen(thousand_yen: int | None, population: int | None) -> int | None:
    """An amount per resident in whole yen: ``per_resident_yen(24_649_844, 36_898) == 668_054``.

    The amount (千円) is multiplied by 1,000 and divided by the population, rounded half up — the rule that
    reproduces the per-resident tables of the municipal booklets.
    """
    if thousand_yen is None or population is None or population <= 0:
        return None
    return round_half_up(Decimal(int(thousand_yen)) * 1000 / Decimal(int(population)))


def per_thousand_residents(count: int | None, population: int | None) -> Decimal | None:
    """Staff (or any count) per 1,000 residents, unrounded."""
    if count is None or population is None or population <= 0:
        return None
    return Decimal(int(count)) * 1000 / Decimal(int(population))


def share_percent(part: int | None, total: int | None) -> Decimal | None:
    """``part`` as a percentage of ``total`` (unrounded); ``None`` if either is missing or the total is not positive."""
    if part is None or total is None or total <= 0:
        return None
    return Decimal(int(part)) * 100 / Decimal(int(total))


@dataclass(frozen=True)
class Change:
    """A change between two years: the difference and, where defined, the growth rate in percent."""

    difference: int
    percent: Decimal | None  # None when the previous value is 0 (皆増) or negative


def year_over_year(current: int | None, previous: int | None) -> Change | None:
    """The change from ``previous`` to ``current``; ``None`` when either is missing."""
    if current is None or previous is None:
        return None
    rate = Decimal(current - previous) * 100 / Decimal(previous) if previous > 0 else None
    return Change(current - previous, rate)


def ratio_percent(numerator: int | None, denominator: int | None) -> Decimal | None:
    """``numerator / denominator × 100`` exactly (Decimal); ``None`` if missing or the denominator is not positive."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return Decimal(int(numerator)) * 100 / Decimal(int(denominator))


def soundness_ratio(numerator: int | None, denominator: int | None) -> Decimal | None:
    """A 健全化判断比率 from its numerator and denominator.

    A numerator at or below zero means the ratio is not computed (published as «—»): the result is ``None``,
    never zero and never negative.
    """
    if numerator is None or numerator <= 0:
        return None
    return ratio_percent(numerator, denominator)


def three_year_mean(values: Iterable[Decimal | None]) -> Decimal | None:
    """The mean of exactly three unrounded single-year ratios; ``None`` if any is missing (or not three)."""
    items = [v for v in values if v is not None]
    if len(items) != 3:
        return None
    return sum(items, Decimal(0)) / 3


def early_threshold_real_deficit(standard_fiscal_scale: int) -> Decimal:
    """The documented 早期健全化基準 of the 実質赤字比率 for a 市町村 as a function of S (千円), unrounded.

    15 % below 50億円, 11.25 % from 200億円, a straight line between. This is an estimate (推計): published
    thresholds win (a booklet may print a line about 0.06 point below this formula).
    """
    s = Decimal(standard_fiscal_scale)
    if s < 5_000_000:
        return Decimal(15)
    if s >= 20_000_000:
        return Decimal("11.25")
    return Decimal(15) - (s - 5_000_000) / Decimal(4_000_000)
