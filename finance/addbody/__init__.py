"""Add a body from one flat CSV: ``python -m finance add FILE.csv --data DIR`` (and ``--template``).

A finance officer copies the figures of their 決算カード (settlement card) and 健全化判断比率 forms into one long
CSV with the header :data:`HEADER`; this package checks every row (all errors at once, with line, column, value and
what to do, in Japanese and English), turns the rows into the project's data model (body, sources, accounts,
settlement items, funds, debt, staff, population, ratio components and published ratios), merges them into the
data folder, validates the result like the server does, and writes nothing if anything is invalid.

The codes are the public interface: indicator tables use the canonical components of
``reference/components.csv``; settlement tables use the item codes of ``reference/items.csv`` (named after the lines
of the ministry's 決算カード).

Modules:

* :mod:`~finance.addbody.codes` — the columns, tables and accepted codes, and :func:`template`.
* :mod:`~finance.addbody.reading` — reading and checking the rows (:func:`read_rows`, :func:`parse_amount`).
* :mod:`~finance.addbody.planning` — the data-model rows of the checked rows (:func:`plan_rows`).
* :mod:`~finance.addbody.merging` — merging into a data folder and validating it (:func:`merge`, :func:`add`).
"""

from __future__ import annotations

from finance.addbody.codes import (
    DEBT_ITEMS,
    FIGURE_KINDS,
    FUND_ITEMS,
    HEADER,
    INDICATOR_TABLES,
    MONEY_UNITS,
    NOT_COMPUTED,
    OTHER_TABLES,
    POPULATION_ITEMS,
    PUBLISHED_ITEMS,
    SETTLEMENT_TABLE_TITLE,
    SETTLEMENT_TABLES,
    STAFF_ITEMS,
    TABLE_TITLES,
    TABLES,
    Codes,
    read_codes,
    template,
)
from finance.addbody.merging import Outcome, add, merge
from finance.addbody.planning import Plan, plan_rows
from finance.addbody.reading import AddError, Row, parse_amount, read_rows
from finance.validation import DataValidationError

__all__ = [
    "DEBT_ITEMS",
    "FIGURE_KINDS",
    "FUND_ITEMS",
    "HEADER",
    "INDICATOR_TABLES",
    "MONEY_UNITS",
    "NOT_COMPUTED",
    "OTHER_TABLES",
    "POPULATION_ITEMS",
    "PUBLISHED_ITEMS",
    "SETTLEMENT_TABLES",
    "SETTLEMENT_TABLE_TITLE",
    "STAFF_ITEMS",
    "TABLES",
    "TABLE_TITLES",
    "AddError",
    "Codes",
    "DataValidationError",
    "Outcome",
    "Plan",
    "Row",
    "add",
    "merge",
    "parse_amount",
    "plan_rows",
    "read_codes",
    "read_rows",
    "template",
]
