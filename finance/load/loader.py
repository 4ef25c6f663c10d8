"""Building the :class:`~finance.load.dataset.Dataset`: every file read and checked, then indexed by body."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from finance.load.checks import check_table, duplicate_key_issues, typed_table
from finance.load.dataset import Dataset
from finance.load.links import (
    figure_issues,
    foreign_key_issues,
    reconcile_issues,
    status_issues,
    sum_issues,
    unit_issues,
)
from finance.load.national import load_national, national_source_id, with_national
from finance.load.reading import MAX_FILE_BYTES, read_text_table
from finance.schemas import NATIONAL_DIR, SPECS
from finance.validation import DataValidationError, Issue


def _version(raws: Iterable[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for rel, raw in sorted(raws):
        digest.update(rel.encode())
        digest.update(raw)
    return digest.hexdigest()[:12]


def load_dataset(data_dir: str | Path, max_file_bytes: int = MAX_FILE_BYTES) -> Dataset:
    """Read and validate every file of ``data_dir`` (files larger than ``max_file_bytes`` are refused).

    Raises:
        DataValidationError: with every error found in any file (nothing is returned then).
    """
    folder = Path(data_dir)
    if not folder.is_dir():
        raise DataValidationError([Issue(str(folder), None, None, None, "folder_missing")])
    issues: list[Issue] = []
    tables: dict[str, pd.DataFrame] = {}
    bad_lines: dict[str, set[int]] = {}
    raws: list[tuple[str, bytes]] = []
    for spec in SPECS:
        frame, read_issues, raw = read_text_table(folder / spec.path, spec, max_file_bytes)
        raws.append((spec.path, raw))
        issues += read_issues
        if frame is None:
            continue
        cell_issues = check_table(frame, spec) + duplicate_key_issues(frame, spec)
        issues += cell_issues
        bad_lines[spec.name] = {i.line for i in cell_issues if i.line is not None and i.code != "duplicate_key"}
        if not any(i.code in ("missing_column", "duplicate_column") for i in cell_issues):
            tables[spec.name] = typed_table(frame, spec)
    clean = {name: frame.drop(index=list(bad_lines.get(name, ())), errors="ignore") for name, frame in tables.items()}
    issues += foreign_key_issues(clean, tables) + unit_issues(clean) + status_issues(clean) + figure_issues(clean)
    issues += sum_issues(tables, bad_lines) + reconcile_issues(clean)
    national: dict[str, pd.DataFrame] = {}
    if (folder / NATIONAL_DIR).is_dir():
        national, national_issues, national_raws = load_national(folder, tables, max_file_bytes)
        issues += national_issues
        raws += national_raws
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise DataValidationError(issues)
    notices = tuple(sorted((i for i in issues if i.severity == "notice"), key=Issue.sort_key))
    seed_codes = frozenset(str(c) for c in tables["municipalities"]["municipality_code"])
    national_ids: frozenset[str] = frozenset()
    if national:
        tables = with_national(tables, national)
        national_ids = frozenset(national_source_id(s) for s in national["national_sources"]["source_id"])
    indexed, spans = _index_by_municipality(tables)
    towns = tables["municipalities"].sort_values("municipality_code")
    listing = tuple(zip(towns["municipality_code"], towns["name_ja"], towns["name_en"], strict=True))
    return Dataset(
        indexed,
        _version(raws),
        notices,
        folder,
        spans,
        listing,
        frozenset(c for c, _, _ in listing),
        seed_codes,
        national_ids,
    )


def _index_by_municipality(
    tables: dict[str, pd.DataFrame],
) -> tuple[dict[str, pd.DataFrame], dict[str, dict[str, tuple[int, int]]]]:
    """Sort every table with a municipality code by that code (stable) and record each code's span."""
    indexed: dict[str, pd.DataFrame] = {}
    spans: dict[str, dict[str, tuple[int, int]]] = {}
    for name, frame in tables.items():
        if "municipality_code" not in frame.columns or name == "municipalities":
            indexed[name], spans[name] = frame, {}
            continue
        ordered = frame.sort_values("municipality_code", kind="stable")
        codes = ordered["municipality_code"].to_numpy(dtype=object)
        starts: dict[str, tuple[int, int]] = {}
        if len(codes):
            change = np.flatnonzero(codes[1:] != codes[:-1]) + 1
            begins = np.concatenate(([0], change))
            ends = np.concatenate((change, [len(codes)]))
            starts = {str(codes[b]): (int(b), int(e)) for b, e in zip(begins, ends, strict=True)}
        indexed[name], spans[name] = ordered, starts
    return indexed, spans
