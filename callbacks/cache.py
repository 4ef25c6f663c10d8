"""The shared cache (bound to the Flask server in ``app.py``) and the memoised domain queries.

Keys are made of primitive arguments; the data version is the key prefix (``Settings.cache_config``), so a
data update never serves stale results. FileSystemCache is shared by all gunicorn workers; Redis when configured.
"""

from __future__ import annotations

from flask_caching import Cache

from finance import indicators, queries, repository

cache = Cache()


@cache.memoize()
def overview_page(municipality: str, year: int) -> queries.OverviewPage:
    """:func:`finance.queries.overview_page` of the served dataset, memoised by (municipality, year)."""
    return queries.overview_page(repository.get(), municipality, year)


@cache.memoize()
def indicators_page(municipality: str, year: int) -> indicators.IndicatorsPage:
    """:func:`finance.indicators.page` of the served dataset, memoised by (municipality, year)."""
    return indicators.page(repository.get(), municipality, year)
