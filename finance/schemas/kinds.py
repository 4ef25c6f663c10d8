"""Allowed values and column kinds: the text rule every non-empty cell of a column must pass.

A :class:`Kind` pairs a check on the cell's text with its Table Schema type and the catalog key of the message
shown when the check fails. The municipality-code check digit (JIS X 0402) lives here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from finance.provenance import valid_page_map

# ---------------------------------------------------------------------------------------------
# Allowed values
# ---------------------------------------------------------------------------------------------

MUNICIPALITY_KINDS = ("市", "町", "村", "特別区", "指定都市", "都道府県")
BODY_KINDS = ("市町村", "指定都市", "都道府県")
ACCOUNT_KINDS = ("一般会計", "特別会計", "公営企業会計", "集計", "関係団体")
FIGURE_KINDS = ("決算", "決算見込", "計画")
ROUNDINGS = ("exact", "truncated", "rounded", "approx")
COUNT_UNITS: tuple[str, ...] = ("facilities", "persons")  # a stand-alone figure that is not money
UNIT_FACTORS: dict[str, int] = {"千円": 1, "万円": 10, "十万円": 100, "百万円": 1000, "千万円": 10_000, "億円": 100_000}
STATEMENTS = (
    "total",
    "revenue",
    "expenditure_kan",
    "expenditure_function",
    "expenditure_nature",
    "balance",
    "fiscal_base",
    "ent_income",
    "ent_capital",
    "ent_transfer",
    "ent_balance_sheet",
    "ent_redemption",
    "ent_operation",
    "ent_improvement",
    "ent_other",
)
REVENUE_GROUPS = ("own_source", "dependent", "mixed")
"""Groups of revenue items: 自主財源, 依存財源, and the 「その他」 line that mixes both."""
NATURE_GROUPS = ("mandatory", "investment", "other")
"""Groups of expenditure by nature (性質別): 義務的経費, 投資的経費, その他の経費."""
ITEM_GROUPS = REVENUE_GROUPS + NATURE_GROUPS
"""The codes of the ``group`` column of ``reference/items.csv`` (labels: ``group.<code>`` in the catalogs)."""
FUNDS = ("fund_fiscal_adjustment", "fund_debt_reduction", "fund_specific", "fund_total")
FUND_MEASURES = ("balance_end", "deposit", "withdrawal")
DEBT_MEASURES = ("outstanding_end", "issued", "lat_covered_end", "change", "issued_change")
STAFF_CATEGORIES = ("total", "general", "general_admin", "education", "temporary", "enterprise", "total_excl_fire")
POPULATION_BASES = ("juki_fy_end", "juki_jan1", "juki", "census", "projection")
RATIO_STATUSES = ("ok", "no_deficit", "non_positive", "not_applicable", "missing")
THRESHOLD_LEVELS = ("early", "rebuilding", "permission", "management", "guide_low", "guide_high")
PEER_DATASETS = ("ratios", "staff", "settlement_share", "operating_stats")
SOURCE_KINDS = ("booklet", "plan", "leaflet", "report", "statistics", "settlement_card", "ratio_report", "other")
COMPONENT_ROLES = ("input", "composite", "check", "numerator", "denominator")

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_INT = re.compile(r"^-?\d+$", re.ASCII)  # ASCII: full-width 「１２３」 is not a number here
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$", re.ASCII)
_YEAR = re.compile(r"^\d{4}$", re.ASCII)
_PUBLISHED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$", re.ASCII)
_CODE6 = re.compile(r"^\d{6}$", re.ASCII)
YEAR_MIN, YEAR_MAX = 1950, 2100


def check_digit(code5: str) -> int:
    """The check digit of a 5-digit 全国地方公共団体コード (JIS X 0402): weights 6,5,4,3,2, (11 − sum mod 11) mod 10."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def valid_municipality_code(value: str) -> bool:
    """Whether ``value`` is six digits whose last digit is the check digit of the first five."""
    return bool(_CODE6.match(value)) and check_digit(value[:5]) == int(value[5])


def _valid_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Column kinds: a text check plus the catalog key of the message shown when it fails
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A column kind: how a non-empty cell must look, its Table Schema type and its message key."""

    name: str
    check: Callable[[str], bool]
    frictionless_type: str
    message: str  # catalog key under "validation."


def enum_kind(name: str, values: tuple[str, ...]) -> Kind:
    """A kind that allows only ``values``."""
    allowed = frozenset(values)
    return Kind(name, lambda v: v in allowed, "string", "enum")


CODE6 = Kind("code6", valid_municipality_code, "string", "municipality_code")
SLUG = Kind("slug", lambda v: bool(_SLUG.match(v)), "string", "slug")
TEXT = Kind("text", lambda v: v.strip() == v and "\n" not in v, "string", "text")
PAGE_MAP = Kind("page_map", valid_page_map, "string", "page_map")
INTEGER = Kind("integer", lambda v: bool(_INT.match(v)), "integer", "integer")
COUNT = Kind("count", lambda v: bool(_INT.match(v)) and int(v) >= 0, "integer", "count")
POSITIVE = Kind("positive", lambda v: bool(_INT.match(v)) and int(v) > 0, "integer", "positive")
DECIMAL = Kind("decimal", lambda v: bool(_DECIMAL.match(v)), "number", "decimal")
YEAR = Kind("year", lambda v: bool(_YEAR.match(v)) and YEAR_MIN <= int(v) <= YEAR_MAX, "integer", "year")
DATE = Kind("date", lambda v: bool(re.match(r"^\d{4}-\d{2}-\d{2}$", v, re.ASCII)) and _valid_date(v), "date", "date")
PUBLISHED = Kind("published", lambda v: bool(_PUBLISHED.match(v)), "string", "published")
URL = Kind("url", lambda v: bool(re.match(r"^https?://[^\s<>\"]+$", v)), "string", "url")


def _valid_formula(value: str) -> bool:
    return bool(re.match(r"^-?\s*[a-z][a-z0-9_]*(\s*[+-]\s*[a-z][a-z0-9_]*)*$", value))


FORMULA = Kind("formula", _valid_formula, "string", "formula")
SOURCE_ID = Kind("source_id", lambda v: bool(re.match(r"^[A-Z][A-Z0-9_]*$", v)), "string", "source_id")
