"""Comparison of a computed ratio with the published value at the precision it was printed with.

Published ratios win: the computed value is shown beside them, and a difference beyond the rounding step is
flagged (a match with truncation *or* rounding is accepted where the rule is ``as_printed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from finance import formatting


@dataclass(frozen=True)
class Comparison:
    """How a computed value relates to the published one at the precision it was printed with.

    Attributes:
        truncated: the computed value truncated to the printed decimals.
        rounded: the computed value rounded half up to the printed decimals.
        published: the published value.
        legal_rule: the indicator's rule (``truncate`` for the 健全化判断比率, ``round``, ``as_printed``).
        decimals: the printed number of decimals.
    """

    truncated: Decimal
    rounded: Decimal
    published: Decimal
    legal_rule: str = "as_printed"
    decimals: int = 1

    @property
    def legal(self) -> Decimal:
        """The computed value under the legal rule."""
        return self.rounded if self.legal_rule == "round" else self.truncated

    @property
    def matches(self) -> bool:
        """Whether the published value equals the computed one under the legal rule (either rule if as printed)."""
        if self.legal_rule == "as_printed":
            return self.published in (self.truncated, self.rounded)
        return self.published == self.legal

    @property
    def rule(self) -> str:
        """``truncate``, ``round``, ``both`` (the two agree) or ``neither``."""
        hits = [name for name, v in (("truncate", self.truncated), ("round", self.rounded)) if v == self.published]
        return "both" if len(hits) == 2 else (hits[0] if hits else "neither")


def compare(published: float, computed: Decimal, decimals: int, legal_rule: str = "as_printed") -> Comparison:
    """Compare a published value with a computed one at the printed number of decimals."""
    return Comparison(
        formatting.decimal_places(computed, decimals, "truncate"),
        formatting.decimal_places(computed, decimals, "round"),
        formatting.decimal_places(Decimal(str(published)), decimals, "round"),
        legal_rule,
        decimals,
    )
