"""Read the data folder, validate every file and the links between them, and build a :class:`Dataset`.

All problems are collected before anything is returned: a folder either loads completely or raises one
:class:`~finance.validation.DataValidationError` listing every error (file, line, column, value, fix).
Recorded discrepancies of the sources (``discrepancies.csv``) are loaded as printed and reported as notices.

Modules:
    dataset: the :class:`Dataset` (validated tables, version, notices and per-body lookups).
    reading: one CSV file read as text cells with their line numbers (:func:`read_text_table`).
    checks: per-file checks (cells, duplicate keys) and the numeric columns typed.
    links: cross-file checks (references, units, the status rule, printed sums, the ratios' components).
    national: ``data/national`` checked and mapped into the project's tables.
    loader: :func:`load_dataset`, which puts it all together.
"""

from __future__ import annotations

from finance.load.checks import check_table, duplicate_key_issues, row_keys, typed_table
from finance.load.dataset import Dataset
from finance.load.links import foreign_key_issues, reconcile_issues, status_issues, sum_issues, unit_issues
from finance.load.loader import load_dataset
from finance.load.national import NATIONAL_KIND, ORDINARY_INDICATORS, load_national, national_source_id, with_national
from finance.load.reading import MAX_FILE_BYTES, read_text_table

__all__ = [
    "MAX_FILE_BYTES",
    "NATIONAL_KIND",
    "ORDINARY_INDICATORS",
    "Dataset",
    "check_table",
    "duplicate_key_issues",
    "foreign_key_issues",
    "load_dataset",
    "load_national",
    "national_source_id",
    "read_text_table",
    "reconcile_issues",
    "row_keys",
    "status_issues",
    "sum_issues",
    "typed_table",
    "unit_issues",
    "with_national",
]
