"""The shared cache (bound to the Flask server in ``app.py``) and memoised domain queries.

The overview and indicators callbacks memoise their whole rendered output in their own modules.

Keys are made of primitive arguments; the data version is the key prefix (``Settings.cache_config``), so a
data update never serves stale results. FileSystemCache is shared by all gunicorn workers; Redis when configured.
"""

from __future__ import annotations

from flask_caching import Cache

from finance import breakdown, repository

cache = Cache()


# --- resident pages -----------------------------------------------------------------------------


@cache.memoize()
def tax_split(municipality: str, year: int, amount_yen: int) -> breakdown.TaxSplit:
    """:func:`finance.breakdown.tax_split`, memoised by (municipality, year, amount)."""
    return breakdown.tax_split(repository.get(), municipality, year, amount_yen)
