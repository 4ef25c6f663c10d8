"""Per-file checks: every cell by its column's kind (pandera), duplicate keys, then the numeric columns typed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors as pa_errors

from finance.schemas import TableSpec, pandera_schema
from finance.validation import Issue

_BUILTIN_CODES = {
    "column_in_dataframe": "missing_column",
    "column_in_schema": "unexpected_column",
    "multiple_fields_uniqueness": "duplicate_key",
}


def _allowed_text(spec: TableSpec, column: str) -> str:
    for col in spec.columns:
        if col.name == column:
            return " / ".join(col.allowed)
    return ""


def _clean_cells(frame: pd.DataFrame, spec: TableSpec) -> bool:
    """Whether every cell passes the rules of :func:`finance.schemas.pandera_schema`, checked fast.

    The same rules (the exact columns; required cells not empty; each distinct value of a column checked once by
    its kind), without pandera's per-check bookkeeping: a national file of two million cells is checked in a
    fraction of a second. Only a file that fails here goes through pandera, which reports every failing cell.
    """
    if list(frame.columns) != spec.column_names:
        return False
    for col in spec.columns:
        values = pd.unique(frame[col.name].to_numpy(dtype=object))
        if col.required and "" in values:
            return False
        if not all(v == "" or col.kind.check(v) for v in values):
            return False
    return True


def check_table(frame: pd.DataFrame, spec: TableSpec) -> list[Issue]:
    """Every cell-level and uniqueness problem of one file, as issues."""
    rel = spec.path
    if _clean_cells(frame, spec):
        return []
    try:
        pandera_schema(spec).validate(frame, lazy=True)
    except pa_errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    issues: list[Issue] = []
    key_text = ", ".join(spec.key)
    seen: set[tuple[object, ...]] = set()
    for case in cases.itertuples(index=False):
        check = str(case.check)
        code = _BUILTIN_CODES.get(check, check)
        column = None if pd.isna(case.column) else str(case.column)
        line = None if pd.isna(case.index) else int(case.index)
        value = None if pd.isna(case.failure_case) else str(case.failure_case)
        if code == "missing_column":
            issue = Issue(rel, 1, value, None, code, {"column": value or ""})
        elif code == "unexpected_column":
            issue = Issue(rel, 1, value, None, code, {"column": value or "", "columns": ", ".join(spec.column_names)})
        elif code == "duplicate_key":
            if line is None:
                continue
            cells = [str(frame.loc[line, k]) for k in spec.key if k in frame.columns]
            issue = Issue(rel, line, key_text, " | ".join(cells), code, {"key": key_text})
        else:
            issue = Issue(rel, line, column, value, code, {"allowed": _allowed_text(spec, column or "")})
        marker = (issue.line, issue.column, issue.code)
        if marker not in seen:
            seen.add(marker)
            issues.append(issue)
    return issues


def typed_table(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """A copy of a checked file with its numeric columns (``spec.numeric``) converted; empty cells become missing."""
    out = frame.copy()
    for column, dtype in spec.numeric.items():
        if column not in out.columns:
            continue
        uniques = pd.unique(out[column].to_numpy(dtype=object))
        if len(uniques) * 4 < len(out):  # few distinct values (years, units): convert each once
            converted = pd.to_numeric(pd.Series(uniques).replace("", None), errors="coerce")
            numbers = out[column].map(dict(zip(uniques, converted, strict=True)))
        else:
            numbers = pd.to_numeric(out[column].replace("", None), errors="coerce")
        out[column] = numbers.astype("Int64") if dtype == "Int64" else numbers.astype("float64")
    return out


def row_keys(frame: pd.DataFrame, cols: list[str] | tuple[str, ...]) -> np.ndarray:
    """One integer per row identifying its values in ``cols`` (equal values give equal keys).

    Computed by vectorised factorisation instead of building strings.
    """
    key = np.zeros(len(frame), dtype=np.int64)
    for col in cols:
        codes, uniques = pd.factorize(frame[col], use_na_sentinel=False)
        key, _ = pd.factorize(key * (len(uniques) + 1) + codes, use_na_sentinel=False)
    return np.asarray(key, dtype=np.int64)


def duplicate_key_issues(frame: pd.DataFrame, spec: TableSpec) -> list[Issue]:
    """Rows whose key repeats an earlier row's key (the first occurrence is not reported)."""
    if len(frame) < 2 or any(k not in frame.columns for k in spec.key):
        return []
    dup = pd.Series(row_keys(frame, spec.key), index=frame.index).duplicated(keep="first")
    key_text = ", ".join(spec.key)
    return [
        Issue(
            spec.path,
            int(line),
            key_text,
            " | ".join(str(frame.loc[line, k]) for k in spec.key),
            "duplicate_key",
            {"key": key_text},
        )
        for line in frame.index[dup.to_numpy(dtype=bool)]
    ]
