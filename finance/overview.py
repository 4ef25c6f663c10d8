"""The overview page of one body and year: headline amounts, what is registered, and the soundness ratios.

The ratios are the same evaluations as on the indicators page (one threshold resolver): the published value where
there is one, else the value computed from the components (計算値).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from finance import indicators, queries
from finance.load import Dataset
from finance.status import Status

Line = Literal["early", "rebuilding"]


@dataclass(frozen=True)
class Verdict:
    """The four 健全化判断比率 of one year in one sentence's worth of facts (the overview's first screen).

    Each ratio is in exactly one group, in the law's order; a missing ratio is never counted as 0 or as below a
    line, and a «—» (赤字なし, or a numerator at or below zero) is below every line but named as such.

    Attributes:
        year: the fiscal year.
        above: ratios at or above a line, with the highest line reached (``early`` or ``rebuilding``).
        below: ratios with a value below the 早期健全化基準 (the 18 % 許可 line of 実質公債費比率 included).
        no_deficit: ratios printed «—» because there is no deficit.
        not_computed: ratios printed «—» because their numerator is at or below zero.
        not_rated: ratios with a value but no line in force that year (before the law).
        no_data: ratios with neither a published nor a computed value.
        later_year: the latest year with a published ratio, when it is after ``year`` (else ``None``).
    """

    year: int
    above: tuple[tuple[str, Line], ...]
    below: tuple[str, ...]
    no_deficit: tuple[str, ...]
    not_computed: tuple[str, ...]
    not_rated: tuple[str, ...]
    no_data: tuple[str, ...]
    later_year: int | None = None

    @property
    def clear(self) -> tuple[str, ...]:
        """The ratios below every line: with a value below the early line, or «—»."""
        return tuple(i for i in indicators.SOUNDNESS if i in self.below + self.no_deficit + self.not_computed)

    @property
    def empty(self) -> bool:
        """Whether no ratio has any value for the year."""
        return len(self.no_data) == len(indicators.SOUNDNESS)


def verdict(evaluations: tuple[indicators.Evaluation, ...], later_year: int | None = None) -> Verdict:
    """The verdict of the four ratios' evaluations (one threshold resolver: :func:`finance.indicators.evaluate`)."""
    groups: dict[str, list[str]] = {k: [] for k in ("below", "no_deficit", "not_computed", "not_rated", "no_data")}
    above: list[tuple[str, Line]] = []
    for evaluation in evaluations:
        match evaluation.status:
            case Status.REBUILDING:
                above.append((evaluation.indicator, "rebuilding"))
            case Status.EARLY | Status.MANAGEMENT:
                above.append((evaluation.indicator, "early"))
            case Status.SOUND | Status.CAUTION:
                groups["below"].append(evaluation.indicator)
            case Status.NO_DEFICIT:
                groups["no_deficit"].append(evaluation.indicator)
            case Status.NOT_COMPUTED:
                groups["not_computed"].append(evaluation.indicator)
            case Status.NOT_RATED:
                groups["not_rated"].append(evaluation.indicator)
            case _:
                groups["no_data"].append(evaluation.indicator)
    year = evaluations[0].year if evaluations else 0
    return Verdict(
        year,
        tuple(above),
        tuple(groups["below"]),
        tuple(groups["no_deficit"]),
        tuple(groups["not_computed"]),
        tuple(groups["not_rated"]),
        tuple(groups["no_data"]),
        later_year if later_year is not None and later_year > year else None,
    )


def latest_ratio_year(ds: Dataset, code: str) -> int | None:
    """The latest year with a published 健全化判断比率 of the body (documents or national tables)."""
    frame = ds.rows("ratios", code)
    rows = frame[frame["indicator"].isin(indicators.SOUNDNESS) & (frame["account"] == "general_etc")]
    return None if rows.empty else int(rows["fiscal_year"].max())


@dataclass(frozen=True)
class OverviewPage:
    """Everything the overview page shows for one body and year.

    Attributes:
        overview: the headline figures.
        previous_expenditure: last year's expenditure, for the change sentence.
        series: the multi-year totals.
        sources: the documents used.
        ratios: the four 健全化判断比率 that have a published or computed value, in the law's order.
        registered: what the data holds for the body (catalog keys under ``registered.``).
        national_only: whether the body has no documents of its own (its figures are the national tables').
        verdict: the four ratios of the year in words (the first screen).
        opening: the year the body opens on and what it holds (plans only, an enterprise's figures only …).
        latest_amounts: for a year without settled totals (the national indicators after FY2019), the headline
            figures of the latest earlier year that has them — shown with that year's label, never as this year's.
    """

    overview: queries.Overview
    previous_expenditure: queries.Fact | None
    series: pd.DataFrame
    sources: tuple[queries.Source, ...]
    ratios: tuple[indicators.Evaluation, ...]
    registered: tuple[str, ...]
    national_only: bool = False  # a body without documents of its own: its figures are the national tables'
    verdict: Verdict | None = None
    opening: queries.Opening | None = None
    latest_amounts: queries.Overview | None = None


def page(ds: Dataset, code: str, year: int) -> OverviewPage:
    """The overview of ``year`` with the previous year's expenditure and the multi-year totals."""
    soundness = tuple(indicators.evaluate(ds, ind, code, year) for ind in indicators.SOUNDNESS)
    ratios = tuple(e for e in soundness if e.published is not None or e.computed is not None)
    overview = queries.overview(ds, code, year)
    earlier = None if overview.has_settlement else queries.latest_settlement_year(ds, code, before=year)
    return OverviewPage(
        overview,
        queries.settlement_fact(ds, code, year - 1, "exp_total"),
        queries.totals_series(ds, code),
        queries.sources_used(ds, code),
        ratios,
        queries.registered(ds, code),
        bool(ds.national_source_ids) and code not in ds.seed_codes,
        verdict(soundness, latest_ratio_year(ds, code)),
        queries.opening(ds, code),
        None if earlier is None else queries.overview(ds, code, earlier),
    )
