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
def revenue_page(municipality: str, year: int) -> breakdown.RevenuePage:
    """:func:`finance.breakdown.revenue_page`, memoised by (municipality, year)."""
    return breakdown.revenue_page(repository.get(), municipality, year)


@cache.memoize()
def expenditure_page(municipality: str, year: int) -> breakdown.ExpenditurePage:
    """:func:`finance.breakdown.expenditure_page`, memoised by (municipality, year)."""
    return breakdown.expenditure_page(repository.get(), municipality, year)


@cache.memoize()
def funds_page(municipality: str, year: int) -> breakdown.FundsPage:
    """:func:`finance.breakdown.funds_page`, memoised by (municipality, year)."""
    return breakdown.funds_page(repository.get(), municipality, year)


@cache.memoize()
def debt_page(municipality: str, year: int) -> breakdown.DebtPage:
    """:func:`finance.breakdown.debt_page`, memoised by (municipality, year)."""
    return breakdown.debt_page(repository.get(), municipality, year)


@cache.memoize()
def staff_page(municipality: str, year: int) -> breakdown.StaffPage:
    """:func:`finance.breakdown.staff_page`, memoised by (municipality, year)."""
    return breakdown.staff_page(repository.get(), municipality, year)


@cache.memoize()
def enterprise_page(municipality: str, year: int) -> breakdown.EnterprisePage:
    """:func:`finance.breakdown.enterprise_page`, memoised by (municipality, year)."""
    return breakdown.enterprise_page(repository.get(), municipality, year)


@cache.memoize()
def household(municipality: str, year: int) -> breakdown.Household:
    """:func:`finance.breakdown.household` (30万円 a month), memoised by (municipality, year)."""
    return breakdown.household(repository.get(), municipality, year)


@cache.memoize()
def tax_split(municipality: str, year: int, amount_yen: int) -> breakdown.TaxSplit:
    """:func:`finance.breakdown.tax_split`, memoised by (municipality, year, amount)."""
    return breakdown.tax_split(repository.get(), municipality, year, amount_yen)
