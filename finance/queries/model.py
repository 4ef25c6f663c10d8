"""The read model's value types: a :class:`Fact` with its :class:`Source`, populations, published ratios, overviews.

Plain frozen dataclasses without any reading of the data (see the other modules of :mod:`finance.queries`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finance import provenance

KIND_ORDER = {"決算": 0, "決算見込": 1, "計画": 2}


@dataclass(frozen=True)
class Source:
    """Where a figure was published."""

    source_id: str
    title_ja: str
    title_en: str
    publisher_ja: str
    published: str
    table: str
    lines: str
    url: str = ""
    edition: str = ""  # national tables: the row's reference date or fiscal year (their publication date is not kept)
    short_ja: str = ""  # the document's short name for cards ("" = use the title)
    short_en: str = ""
    page_map: str = ""  # transcription lines → document pages (finance/provenance.py), "" when none is known

    @property
    def page(self) -> str | None:
        """The document page (``"p.12"``, ``"pp.20–21"``), ``None`` when unknown.

        Given on the row, or found from the transcription lines through the source's page map; the line numbers
        themselves are never shown to readers.
        """
        return provenance.page_label(self.lines, self.page_map) or None

    def short_title(self, japanese: bool) -> str:
        """The document's short name in Japanese or English (the full title when none is given)."""
        if japanese:
            return self.short_ja or self.title_ja
        return self.short_en or self.title_en


@dataclass(frozen=True)
class Fact:
    """One figure with its provenance.

    Attributes:
        value: the amount in 千円 (or the count / percentage for non-money figures); ``None`` = missing.
        published_unit: the unit the source printed (千円, 万円, 百万円 …).
        rounding: ``exact``, ``truncated``, ``rounded`` or ``approx``.
        figure_kind: 決算, 決算見込 or 計画.
        account: the account or basis code.
        label_ja: the heading as printed.
        note: what a reader must know.
        source: the document, table and lines.
    """

    value: int | None
    published_unit: str
    rounding: str
    figure_kind: str
    account: str
    label_ja: str
    note: str
    source: Source


@dataclass(frozen=True)
class Population:
    """The population used for per-resident figures, with its basis and reference date."""

    value: int
    basis: str
    as_of: str
    source: Source


@dataclass(frozen=True)
class PerResident:
    """A per-resident value computed from an amount and a population, compared with the published one if any."""

    yen: int | None
    published_yen: int | None
    population: Population | None

    @property
    def differs(self) -> bool:
        """Whether the published per-resident value differs from the recomputed one."""
        return self.yen is not None and self.published_yen is not None and self.yen != self.published_yen


@dataclass(frozen=True)
class PublishedRatio:
    """A published indicator value with its status and the thresholds printed beside it."""

    indicator: str
    value: float | None
    status: str
    surplus_value: float | None
    early_threshold: float | None
    rebuilding_threshold: float | None
    published_text: str
    figure_kind: str
    account: str
    source: Source
    decimals: int | None = None  # the number of decimals printed (6.99 → 2); None when no number is printed


_PRINTED_NUMBER = re.compile(r"\d+(?:\.(\d+))?")


def printed_decimals(published_text: str) -> int | None:
    """The number of decimals of the first number printed in a cell (``"6.99%"`` → 2, ``"—"`` → ``None``)."""
    match = _PRINTED_NUMBER.search(published_text or "")
    return None if match is None else len(match.group(1) or "")


@dataclass(frozen=True)
class Overview:
    """The headline figures of one municipality and fiscal year."""

    municipality_code: str
    fiscal_year: int
    revenue: Fact | None
    expenditure: Fact | None
    real_balance: Fact | None
    revenue_per_resident: PerResident
    expenditure_per_resident: PerResident
    fund_balance: Fact | None
    debt_outstanding: Fact | None
    ratios: tuple[PublishedRatio, ...]

    @property
    def has_settlement(self) -> bool:
        """Whether any settlement total exists for this year."""
        return self.revenue is not None or self.expenditure is not None
