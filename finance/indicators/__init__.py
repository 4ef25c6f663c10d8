"""The fiscal-health indicators: registry, computation from components, comparison, thresholds, evaluation, drivers.

Each ratio is computed from its printed components, compared with the published value, rated against its
lines, and its change is explained.

Rules (domain notes §1.4–§1.8):

* Published ratios win. A ratio recomputed from components is shown beside the published value and a
  difference beyond the rounding step is flagged (a match with truncation *or* rounding is accepted).
* The 3-year 実質公債費比率 is the mean of the unrounded single-year ratios, truncated to one decimal.
* 将来負担比率, 実質赤字比率 and 連結実質赤字比率 with a numerator at or below zero are «—» (not computed):
  never a negative ratio and never zero. A surplus is reported as the 黒字 ratio beside the «—».
* Thresholds printed beside a value win; otherwise the legal table applies; the 実質赤字比率 early line
  of a 市町村 depends on 標準財政規模 and, when not printed, is computed with the documented formula
  and labelled as an estimate (推計).

There is no module per indicator because no indicator has code of its own: every indicator is data. Its
definition is a row of ``reference/indicators.csv`` and its formula the rows of ``reference/components.csv``
(numerator and denominator as linear formulas over canonical components), evaluated generically by
:mod:`finance.components`, whose tables name the few rules that differ by indicator (the 3-year mean, «—» at or
below zero, the single-year companion). What remains indicator-specific is a line of the law, resolved in one
place (:mod:`~finance.indicators.thresholds`), and what the page shows beside a ratio
(:mod:`~finance.indicators.sections`).

Modules:

* :mod:`~finance.indicators.definitions` — the registry (:class:`Indicator`, :data:`SOUNDNESS`,
  :data:`LEGAL_BASIS`) and the component catalog.
* :mod:`~finance.indicators.computation` — a ratio computed from one body's components (:class:`Computed`) and the
  計算値 cut by the legal rule.
* :mod:`~finance.indicators.comparison` — the computed value against the published one.
* :mod:`~finance.indicators.thresholds` — the one threshold resolver: lines in force, status and distance.
* :mod:`~finance.indicators.evaluation` — everything said about one value (:class:`Evaluation`) and the series.
* :mod:`~finance.indicators.drivers` — why a ratio changed (numerator and denominator effects).
* :mod:`~finance.indicators.sections` — the indicators page as one query (:class:`IndicatorsPage`).

The names below are re-exported so that ``from finance import indicators`` and ``indicators.evaluate(...)`` work.
"""

from __future__ import annotations

from finance.indicators.comparison import Comparison, compare
from finance.indicators.computation import (
    Computed,
    body_components,
    compute,
    legal_cut,
    legal_value,
    standard_fiscal_scale,
)
from finance.indicators.definitions import LEGAL_BASIS, SOUNDNESS, Indicator, Rounding, component_catalog, registry
from finance.indicators.drivers import ChangeDrivers, change_drivers, decompose
from finance.indicators.evaluation import SCENARIO_ORDER, Evaluation, TrendPoint, evaluate, trend
from finance.indicators.sections import IndicatorsPage, Part, Section, page, parts
from finance.indicators.thresholds import (
    Distance,
    RatedLines,
    body_kind,
    distance_to_next,
    legal_lines,
    lines_for,
    rate,
)

__all__ = [
    "LEGAL_BASIS",
    "SCENARIO_ORDER",
    "SOUNDNESS",
    "ChangeDrivers",
    "Comparison",
    "Computed",
    "Distance",
    "Evaluation",
    "Indicator",
    "IndicatorsPage",
    "Part",
    "RatedLines",
    "Rounding",
    "Section",
    "TrendPoint",
    "body_components",
    "body_kind",
    "change_drivers",
    "compare",
    "component_catalog",
    "compute",
    "decompose",
    "distance_to_next",
    "evaluate",
    "legal_cut",
    "legal_lines",
    "legal_value",
    "lines_for",
    "page",
    "parts",
    "rate",
    "registry",
    "standard_fiscal_scale",
    "trend",
]
