"""Read the data folder, validate every file and the links between them, and build a :class:`Dataset`.

All problems are collected before anything is returned: a folder either loads completely or raises one
:class:`~finance.validation.DataValidationError` listing every error (file, line, column, value, fix).
Recorded discrepancies of the sources (``discrepancies.csv``) are loaded as printed and reported as notices.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.errors as pa_errors

from finance.schemas import FOREIGN_KEYS, SPEC_BY_NAME, SPECS, UNIT_FACTORS, TableSpec, pandera_schema
from finance.validation import DataValidationError, Issue

MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Dataset:
    """Validated, read-only data: one DataFrame per file (index = line number in the file).

    Attributes:
        tables: DataFrames keyed by the file's spec name (``"settlement"``, ``"ratios"`` …).
        version: a short hash of every file's bytes; part of every cache key.
        notices: recorded source discrepancies found while checking sums.
        data_dir: the folder the data came from.
    """

    tables: dict[str, pd.DataFrame]
    version: str
    notices: tuple[Issue, ...]
    data_dir: Path

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Issue]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Issue(rel, line, None, None, "encoding")]


def read_text_table(path: Path, spec: TableSpec) -> tuple[pd.DataFrame | None, list[Issue], bytes]:
    """Read one CSV file as text cells, keeping the line number of every record as the index."""
    rel = spec.path
    if not path.is_file():
        return None, [Issue(rel, None, None, None, "file_missing")], b""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Issue(rel, None, None, None, "file_unreadable", {"reason": exc.strerror or str(exc)})], b""
    if len(raw) > MAX_FILE_BYTES:
        return (
            None,
            [Issue(rel, None, None, None, "file_too_large", {"limit": str(MAX_FILE_BYTES // 1024 // 1024)})],
            raw,
        )
    text, issues = _decode(raw, rel)
    if text is None:
        return None, issues, raw
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return None, [Issue(rel, 1, None, None, "no_header")], raw
    except csv.Error as exc:
        return None, [Issue(rel, 1, None, None, "csv_syntax", {"reason": str(exc)})], raw
    header = [h.strip() for h in header]
    for name in {h for h in header if header.count(h) > 1}:
        issues.append(Issue(rel, 1, name, name, "duplicate_column"))
    rows: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            issues.append(Issue(rel, start, None, None, "csv_syntax", {"reason": str(exc)}))
            break
        if record and any(cell.strip() for cell in record):
            if len(record) != len(header):
                issues.append(
                    Issue(
                        rel,
                        start,
                        None,
                        ",".join(record),
                        "field_count",
                        {"found": str(len(record)), "expected": str(len(header))},
                    )
                )
            else:
                rows.append(record)
                lines.append(start)
        start = reader.line_num + 1
    if issues:
        return None, issues, raw
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype=object)
    return frame, [], raw


# ---------------------------------------------------------------------------------------------
# Per-file checks (pandera)
# ---------------------------------------------------------------------------------------------

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


def check_table(frame: pd.DataFrame, spec: TableSpec) -> list[Issue]:
    """Every cell-level and uniqueness problem of one file, as issues."""
    rel = spec.path
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


def _typed(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    out = frame.copy()
    for column, dtype in spec.numeric.items():
        if column in out.columns:
            numbers = pd.to_numeric(out[column].replace("", None), errors="coerce")
            out[column] = numbers.astype("Int64") if dtype == "Int64" else numbers.astype("float64")
    return out


# ---------------------------------------------------------------------------------------------
# Cross-file checks
# ---------------------------------------------------------------------------------------------


def _foreign_key_issues(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    issues: list[Issue] = []
    for name, cols, ref, ref_cols in FOREIGN_KEYS:
        if name not in tables or ref not in tables:
            continue
        frame, target = tables[name], tables[ref]
        known = set(map(tuple, target[list(ref_cols)].astype(str).to_numpy().tolist()))
        values = frame[list(cols)].astype(str)
        for line, row in zip(frame.index, values.itertuples(index=False, name=None), strict=True):
            if any(v == "" for v in row) or row in known:
                continue
            issues.append(
                Issue(
                    SPEC_BY_NAME[name].path,
                    int(line),
                    ", ".join(cols),
                    " | ".join(row),
                    "unknown_reference",
                    {"reference": SPEC_BY_NAME[ref].path},
                )
            )
    return issues


def _unit_issues(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    issues: list[Issue] = []
    for name, frame in tables.items():
        if "published_unit" not in frame.columns or "amount_thousand_yen" not in frame.columns:
            continue
        for line, amount, unit in zip(frame.index, frame["amount_thousand_yen"], frame["published_unit"], strict=True):
            factor = UNIT_FACTORS.get(unit)
            if factor and not pd.isna(amount) and int(amount) % factor:
                issues.append(
                    Issue(
                        SPEC_BY_NAME[name].path,
                        int(line),
                        "amount_thousand_yen",
                        str(amount),
                        "unit_multiple",
                        {"unit": unit, "factor": str(factor)},
                    )
                )
    return issues


def _status_issues(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    frame = tables.get("ratios")
    if frame is None:
        return []
    issues: list[Issue] = []
    for line, value, status in zip(frame.index, frame["value"], frame["status"], strict=True):
        has_value = not pd.isna(value)
        if (status == "ok") != has_value:
            issues.append(
                Issue(
                    "ratios.csv",
                    int(line),
                    "status",
                    status,
                    "status_value",
                    {"value": "" if not has_value else str(value)},
                )
            )
    return issues


_SUM_FILES = {"settlement": "item", "funds": "fund", "enterprise": "item", "ratio_components": "component"}
_SUM_GROUP = ("municipality_code", "fiscal_year", "account", "figure_kind", "source_id", "source_table")


def _discrepancy_keys(tables: dict[str, pd.DataFrame]) -> set[tuple[str, str, str, str, str]]:
    frame = tables.get("discrepancies")
    if frame is None:
        return set()
    return {
        (
            str(r.file),
            str(r.municipality_code),
            "" if pd.isna(r.fiscal_year) else str(int(r.fiscal_year)),  # type: ignore[arg-type]
            str(r.account),
            str(r.item),
        )
        for r in frame.itertuples(index=False)
    }


def _sum_issues(tables: dict[str, pd.DataFrame], bad_lines: dict[str, set[int]]) -> list[Issue]:
    """Rows with ``part_of`` must add up to the printed total in the same table, year and account.

    Groups with a row that already failed a cell check are skipped (its error is reported once, not twice).
    """
    issues: list[Issue] = []
    known = _discrepancy_keys(tables)
    for name, key_col in _SUM_FILES.items():
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        group_cols = list(_SUM_GROUP) + [c for c in ("indicator", "scenario", "measure") if c in frame.columns]
        bad = frame.loc[frame.index.isin(list(bad_lines.get(name, ())))]
        tainted = set(zip(bad["source_table"], bad["part_of"], strict=True)) | set(
            zip(bad["source_table"], bad[key_col], strict=True)
        )
        parts = frame[frame["part_of"] != ""]
        for keys, block in parts.groupby([*group_cols, "part_of"], sort=False, dropna=False):
            *group_vals, target = keys
            mask = pd.Series(True, index=frame.index)
            for col, val in zip(group_cols, group_vals, strict=True):
                mask &= frame[col] == val
            totals = frame[mask & (frame[key_col] == target)]
            first = int(block.index[0])
            if (str(block["source_table"].iloc[0]), str(target)) in tainted:
                continue
            if totals.empty:
                issues.append(Issue(SPEC_BY_NAME[name].path, first, "part_of", str(target), "sum_total_missing"))
                continue
            total = totals["amount_thousand_yen"].iloc[0]
            amounts = block["amount_thousand_yen"]
            if pd.isna(total) or amounts.isna().any():
                continue
            computed = int(amounts.sum())
            if computed == int(total):
                continue
            row = dict(zip(group_cols, group_vals, strict=True))
            ident = (
                SPEC_BY_NAME[name].path,
                str(row["municipality_code"]),
                str(row["fiscal_year"]),
                str(row["account"]),
                str(target),
            )
            recorded = ident in known
            issues.append(
                Issue(
                    SPEC_BY_NAME[name].path,
                    int(totals.index[0]),
                    "amount_thousand_yen",
                    str(total),
                    "sum_mismatch_recorded" if recorded else "sum_mismatch",
                    {"total": str(target), "computed": f"{computed:,}", "published": f"{int(total):,}"},
                    "notice" if recorded else "error",
                )
            )
    return issues


def _version(raws: Iterable[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for rel, raw in sorted(raws):
        digest.update(rel.encode())
        digest.update(raw)
    return digest.hexdigest()[:12]


def load_dataset(data_dir: str | Path) -> Dataset:
    """Read and validate every file of ``data_dir``.

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
        frame, read_issues, raw = read_text_table(folder / spec.path, spec)
        raws.append((spec.path, raw))
        issues += read_issues
        if frame is None:
            continue
        cell_issues = check_table(frame, spec)
        issues += cell_issues
        bad_lines[spec.name] = {i.line for i in cell_issues if i.line is not None and i.code != "duplicate_key"}
        if not any(i.code in ("missing_column", "duplicate_column") for i in cell_issues):
            tables[spec.name] = _typed(frame, spec)
    clean = {name: frame.drop(index=list(bad_lines.get(name, ())), errors="ignore") for name, frame in tables.items()}
    issues += _foreign_key_issues(clean) + _unit_issues(clean) + _status_issues(clean) + _sum_issues(tables, bad_lines)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise DataValidationError(issues)
    notices = tuple(sorted((i for i in issues if i.severity == "notice"), key=Issue.sort_key))
    return Dataset(tables=tables, version=_version(raws), notices=notices, data_dir=folder)
