"""The one-page summary of the committee handout: the ratios against their lines, totals, sources.

The four 健全化判断比率 and each public enterprise's 資金不足比率 against their lines, a verdict, the settlement
totals and per resident, and where the numbers come from.

Every value, line and status is the indicators page's own evaluation (:func:`finance.indicators.evaluate`, the one
threshold resolver); nothing here rates a value a second time. Works for any body and year: a body of the national
tables gets its summary from the national indicators, and what the data lacks is reported as missing, never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from finance import indicators, queries
from finance.indicators import Evaluation
from finance.load import Dataset
from finance.status import Status

Verdict = Literal["rebuilding", "early", "caution", "sound", "unknown"]
"""The summary's one-line verdict: the highest line any of the four ratios reached (or that none is known)."""

EnterpriseVerdict = Literal["management", "sound", "none"]


@dataclass(frozen=True)
class EnterpriseRatio:
    """The 資金不足比率 of one public enterprise account."""

    account: str
    evaluation: Evaluation


@dataclass(frozen=True)
class Summary:
    """What the handout's summary page says about one body and year.

    Attributes:
        ratios: the four 健全化判断比率 in the law's order (all four, also when a value is missing).
        enterprises: each public enterprise's 資金不足比率 published for the year.
        revenue / expenditure: the settlement totals (千円), ``None`` when the data has none for the year.
        revenue_per_resident / expenditure_per_resident: the totals per resident.
        sources: the documents the summary's numbers come from, in id order.
        data_date: the latest publication date (or edition) of those documents; ``""`` when none is known.
        national_only: whether the body's figures are the national tables' (no documents of its own).
    """

    municipality_code: str
    year: int
    ratios: tuple[Evaluation, ...]
    enterprises: tuple[EnterpriseRatio, ...]
    revenue: queries.Fact | None
    expenditure: queries.Fact | None
    revenue_per_resident: queries.PerResident
    expenditure_per_resident: queries.PerResident
    sources: tuple[queries.Source, ...]
    data_date: str
    national_only: bool

    @property
    def has_ratios(self) -> bool:
        """Whether any of the four ratios has a published or computed value for the year."""
        return any(e.published is not None or e.computed is not None for e in self.ratios)

    @property
    def has_totals(self) -> bool:
        """Whether the settlement totals of the year are in the data."""
        return self.revenue is not None or self.expenditure is not None

    @property
    def verdict(self) -> Verdict:
        """The highest line reached by the four ratios; ``unknown`` when none has a value."""
        reached = {e.status for e in self.ratios}
        if Status.REBUILDING in reached:
            return "rebuilding"
        if Status.EARLY in reached:
            return "early"
        if Status.CAUTION in reached:  # 実質公債費比率 18 % or more: bonds need permission
            return "caution"
        if self.has_ratios:
            return "sound"
        return "unknown"

    @property
    def enterprise_verdict(self) -> EnterpriseVerdict:
        """Whether any public enterprise reached the 経営健全化基準 (``none``: no enterprise ratio for the year)."""
        if not self.enterprises:
            return "none"
        if any(e.evaluation.status is Status.MANAGEMENT for e in self.enterprises):
            return "management"
        return "sound"


def _sources(facts: list[queries.Source]) -> tuple[queries.Source, ...]:
    unique = {s.source_id: s for s in facts}
    return tuple(unique[k] for k in sorted(unique))


def _date(source: queries.Source) -> str:
    return source.published or source.edition


def summary(ds: Dataset, code: str, year: int) -> Summary:
    """The summary of ``code`` in settlement year ``year``."""
    ratios = tuple(indicators.evaluate(ds, ind, code, year) for ind in indicators.SOUNDNESS)
    frame = ds.rows("ratios", code)
    mine = frame[
        (frame["municipality_code"] == code)
        & (frame["indicator"] == "funding_shortfall_ratio")
        & (frame["fiscal_year"] == year)
    ]
    enterprises = tuple(
        EnterpriseRatio(account, evaluation)
        for account in sorted(set(mine["account"]))
        if (evaluation := indicators.evaluate(ds, "funding_shortfall_ratio", code, year, account)).published is not None
    )
    overview = queries.overview(ds, code, year)
    used: list[queries.Source] = [
        *(e.published.source for e in ratios if e.published is not None),
        *(e.evaluation.published.source for e in enterprises if e.evaluation.published is not None),
        *(f.source for f in (overview.revenue, overview.expenditure) if f is not None),
        *(
            p.population.source
            for p in (overview.revenue_per_resident, overview.expenditure_per_resident)
            if p.population is not None and p.yen is not None
        ),
    ]
    sources = _sources(used)
    dates = sorted(d for d in (_date(s) for s in sources) if d)
    return Summary(
        code,
        year,
        ratios,
        enterprises,
        overview.revenue,
        overview.expenditure,
        overview.revenue_per_resident,
        overview.expenditure_per_resident,
        sources,
        dates[-1] if dates else "",
        bool(ds.national_source_ids) and code not in ds.seed_codes,
    )
