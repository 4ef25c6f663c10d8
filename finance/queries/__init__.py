"""Read model: questions the pages ask of a :class:`~finance.load.Dataset`, answered with provenance.

Every figure comes back as a :class:`Fact` that carries its value together with the document, table, lines
and publication date it was transcribed from, its precision and whether it is 決算, 決算見込 or 計画.
Functions take primitives (municipality code, fiscal year) so that callers can cache them by arguments.

The package is split by concern and every public name is available here as ``queries.<name>``:

- :mod:`~finance.queries.model`: the value types (:class:`Source`, :class:`Fact`, :class:`Overview` …);
- :mod:`~finance.queries.sources`: a data row's source and fact, the documents a body cites;
- :mod:`~finance.queries.bodies`: names, kinds and accounts of the bodies, what the data holds for each;
- :mod:`~finance.queries.years`: the years with figures and the year a body opens on;
- :mod:`~finance.queries.amounts`: settled amounts, stocks, populations, per-resident values, the overview;
- :mod:`~finance.queries.ratios`: published indicator values and their printed components.
"""

from __future__ import annotations

from finance.queries.amounts import (
    latest_stock,
    overview,
    per_resident,
    population,
    settlement_fact,
    totals_series,
)
from finance.queries.bodies import (
    REGISTERED_TABLES,
    account_names,
    body_kind_and_name,
    discrepancy_notes,
    municipalities,
    municipality_name,
    registered,
)
from finance.queries.model import (
    KIND_ORDER,
    Fact,
    Overview,
    PerResident,
    Population,
    PublishedRatio,
    Source,
    printed_decimals,
)
from finance.queries.ratios import components, published_ratios
from finance.queries.sources import fact_of, integer, number, source_of, sources_used
from finance.queries.years import (
    Opening,
    OpeningBasis,
    default_year,
    fiscal_years,
    latest_indicator_year,
    latest_settlement_year,
    opening,
    year_kinds,
)

__all__ = [
    "KIND_ORDER",
    "REGISTERED_TABLES",
    "Fact",
    "Opening",
    "OpeningBasis",
    "Overview",
    "PerResident",
    "Population",
    "PublishedRatio",
    "Source",
    "account_names",
    "body_kind_and_name",
    "components",
    "default_year",
    "discrepancy_notes",
    "fact_of",
    "fiscal_years",
    "integer",
    "latest_indicator_year",
    "latest_settlement_year",
    "latest_stock",
    "municipalities",
    "municipality_name",
    "number",
    "opening",
    "overview",
    "per_resident",
    "population",
    "printed_decimals",
    "published_ratios",
    "registered",
    "settlement_fact",
    "source_of",
    "sources_used",
    "totals_series",
    "year_kinds",
]
