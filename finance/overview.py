"""The overview page of one body and year: headline amounts, what is registered, and the soundness ratios.

The ratios are the same evaluations as on the indicators page (one threshold resolver): the published value where
there is one, else the value computed from the components (計算値).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from finance import indicators, queries
from finance.load import Dataset


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
    """

    overview: queries.Overview
    previous_expenditure: queries.Fact | None
    series: pd.DataFrame
    sources: tuple[queries.Source, ...]
    ratios: tuple[indicators.Evaluation, ...]
    registered: tuple[str, ...]
    national_only: bool = False  # a body without documents of its own: its figures are the national tables'


def page(ds: Dataset, code: str, year: int) -> OverviewPage:
    """The overview of ``year`` with the previous year's expenditure and the multi-year totals."""
    ratios = tuple(
        evaluation
        for evaluation in (indicators.evaluate(ds, ind, code, year) for ind in indicators.SOUNDNESS)
        if evaluation.published is not None or evaluation.computed is not None
    )
    return OverviewPage(
        queries.overview(ds, code, year),
        queries.settlement_fact(ds, code, year - 1, "exp_total"),
        queries.totals_series(ds, code),
        queries.sources_used(ds, code),
        ratios,
        queries.registered(ds, code),
        bool(ds.national_source_ids) and code not in ds.seed_codes,
    )
