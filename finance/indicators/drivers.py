"""Why a ratio changed: its change from one year to the next split into numerator and denominator effects."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from finance.indicators.computation import compute
from finance.load import Dataset


@dataclass(frozen=True)
class ChangeDrivers:
    """A ratio's change split exactly into the part due to its numerator and the part due to its denominator.

    ``total = numerator_effect + denominator_effect`` where the numerator effect is measured at the old
    denominator: r1 − r0 = (N1 − N0)/D0 + (N1/D1 − N1/D0), all in percentage points.
    """

    before: Decimal
    after: Decimal
    numerator_effect: Decimal
    denominator_effect: Decimal
    numerator_before: int
    numerator_after: int
    denominator_before: int
    denominator_after: int

    @property
    def total(self) -> Decimal:
        """The whole change in points."""
        return self.after - self.before


def decompose(
    numerator_before: int, denominator_before: int, numerator_after: int, denominator_after: int
) -> ChangeDrivers:
    """Split a ratio's change into numerator and denominator drivers (exact, in points)."""
    n0, d0, n1, d1 = (Decimal(v) for v in (numerator_before, denominator_before, numerator_after, denominator_after))
    before, after = n0 * 100 / d0, n1 * 100 / d1
    numerator_effect = (n1 - n0) * 100 / d0
    return ChangeDrivers(
        before,
        after,
        numerator_effect,
        after - before - numerator_effect,
        numerator_before,
        numerator_after,
        denominator_before,
        denominator_after,
    )


def change_drivers(ds: Dataset, indicator: str, code: str, year: int) -> ChangeDrivers | None:
    """The drivers of the change from ``year − 1`` to ``year`` where both years have components."""
    if indicator not in ("real_debt_service_ratio_single", "future_burden_ratio"):
        return None
    before = compute(ds, indicator, code, year - 1)
    after = compute(ds, indicator, code, year)
    if (
        before is None
        or after is None
        or None in (before.numerator, before.denominator, after.numerator, after.denominator)
    ):
        return None
    return decompose(before.numerator, before.denominator, after.numerator, after.denominator)  # type: ignore[arg-type]
