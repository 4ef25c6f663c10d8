"""Read the data folder, validate every file and the links between them, and build a :class:`Dataset`.

All problems are collected before anything is returned: a folder either loads completely or raises one
:class:`~finance.validation.DataValidationError` listing every error (file, line, column, value, fix).
Recorded discrepancies of the sources (``discrepancies.csv``) are loaded as printed and reported as notices.
"""

from __future__ import annotations

import csv
import hashlib
import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.errors as pa_errors

from finance import reconcile
from finance.schemas import (
    FOREIGN_KEYS,
    NATIONAL_DIR,
    NATIONAL_SPECS,
    SPEC_BY_NAME,
    SPECS,
    UNIT_FACTORS,
    TableSpec,
    pandera_schema,
)
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
    spans: dict[str, dict[str, tuple[int, int]]]  # table -> municipality code -> (start, stop) positions
    municipality_list: tuple[tuple[str, str, str], ...] = ()  # (code, name_ja, name_en) in code order
    codes: frozenset[str] = frozenset()  # every municipality code, for O(1) checks of untrusted input
    seed_codes: frozenset[str] = frozenset()  # bodies of data/reference/municipalities.csv (their own documents)
    national_source_ids: frozenset[str] = frozenset()  # sources of the rows taken from national/ (project ids)
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    MEMO_LIMIT = 20_000

    def records(self, name: str, code: str) -> list[dict[str, object]]:
        """The rows of one municipality as plain dicts (with their ``line``), built once per process.

        Page queries filter a few hundred rows many times; Python lists do that in microseconds where a
        DataFrame filter costs a tenth of a millisecond each. The memo is bounded and derived from
        immutable data, so it never changes an answer.
        """
        key = ("records", name, code)
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) > self.MEMO_LIMIT:
                self.memo.clear()
            found = self.rows(name, code).reset_index().to_dict("records")
            self.memo[key] = found
        return found  # type: ignore[return-value]

    def body(self, code: str) -> dict[str, object] | None:
        """The ``municipalities`` row of a body as a dict (``None`` if unknown); a dict lookup, built once."""
        key = ("bodies",)
        found = self.memo.get(key)
        if found is None:
            frame = self.tables["municipalities"]
            found = {str(r["municipality_code"]): r for r in frame.to_dict("records")}
            self.memo[key] = found
        return found.get(code)  # type: ignore[attr-defined, no-any-return]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def rows(self, name: str, code: str) -> pd.DataFrame:
        """The rows of one municipality in a table.

        Tables are sorted by code at load, so this is a slice: a lookup costs the same whether the data holds
        three municipalities or seventeen thousand.
        """
        start, stop = self.spans[name].get(code, (0, 0))
        return self.tables[name].iloc[start:stop]


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Issue]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Issue(rel, line, None, None, "encoding")]


def read_text_table(
    path: Path, spec: TableSpec, max_bytes: int = MAX_FILE_BYTES
) -> tuple[pd.DataFrame | None, list[Issue], bytes]:
    """Read one CSV file as text cells, keeping the line number of every record as the index."""
    rel = spec.path
    if not path.is_file():
        return None, [Issue(rel, None, None, None, "file_missing")], b""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Issue(rel, None, None, None, "file_unreadable", {"reason": exc.strerror or str(exc)})], b""
    if len(raw) > max_bytes:
        return (
            None,
            [Issue(rel, None, None, None, "file_too_large", {"limit": str(max_bytes // 1024 // 1024)})],
            raw,
        )
    text, issues = _decode(raw, rel)
    if text is None:
        return None, issues, raw
    fast = _read_fast(text, raw)
    if fast is not None:
        return fast, [], raw
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


def _read_fast(text: str, raw: bytes) -> pd.DataFrame | None:
    """Pandas' C parser for well-formed files; ``None`` sends the file to the careful reader.

    Taken only when every physical line is exactly one record (no blank lines, no quoted line breaks) and
    every record has the header's number of fields, so that line numbers stay exact (record i is line i + 2).
    """
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if "\r" in text or lines < 1:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a first record longer than the header must not become an index
            frame = pd.read_csv(
                io.BytesIO(raw),
                encoding="utf-8-sig",
                dtype=object,  # text cells as Python str (na_filter=False: never NaN)
                keep_default_na=False,
                na_filter=False,
                engine="c",
                index_col=False,
            )
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        return None
    header = [str(c) for c in frame.columns]
    if len(frame) != lines - 1 or any(h != h.strip() or h.startswith("Unnamed: ") for h in header):
        return None
    if len(set(header)) != len(header) or any("." in h and h.rsplit(".", 1)[0] in header for h in header):
        return None  # duplicated column names (pandas renames them "x.1"): let the careful reader report them
    if frame.isna().to_numpy().any() or _empty_records(frame) or _irregular_records(text, len(header)):
        return None
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
    return frame.astype(object)


def _empty_records(frame: pd.DataFrame) -> bool:
    """Whether a record has only blank cells (``,,,``), found column by column on the distinct values."""
    blank = np.ones(len(frame), dtype=bool)
    for column in frame.columns:
        values = frame[column].to_numpy(dtype=object)
        blanks = [v for v in pd.unique(values) if not str(v).strip()]
        if not blanks:
            return False
        blank &= np.isin(values, blanks)
        if not blank.any():
            return False
    return bool(blank.any())


def _irregular_records(text: str, width: int) -> bool:
    """Whether a record is short: pandas pads short records with "" (empty ones: :func:`_empty_records`).

    The careful reader reports a short record as ``field_count`` and skips an empty one, as a spreadsheet export
    of trailing empty rows needs. Here every physical line is one record (checked by the caller) and no record is
    longer than the header (pandas refuses those), so the lines without quotes are all complete when their commas
    add up to ``width - 1`` each; only lines with quotes are parsed one by one.
    """
    body = text.split("\n", 1)[1].removesuffix("\n") if "\n" in text else ""
    if not body:
        return False
    records = body.count("\n") + 1
    quoted = [line for line in body.split("\n") if '"' in line] if '"' in body else []
    plain_commas = body.count(",") - sum(line.count(",") for line in quoted)
    if plain_commas != (width - 1) * (records - len(quoted)):
        return True
    for line in quoted:
        cells = next(csv.reader([line]))
        if len(cells) != width or not any(c.strip() for c in cells):
            return True
    return False


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


def _typed(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
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


# ---------------------------------------------------------------------------------------------
# Cross-file checks
# ---------------------------------------------------------------------------------------------


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


def _foreign_key_issues(tables: dict[str, pd.DataFrame], references: dict[str, pd.DataFrame]) -> list[Issue]:
    """Rows referring to a key absent from the referenced file.

    The referenced side is every row that was read, valid or not: a rejected reference row is reported once, by
    its own error, not again by every row that refers to it.
    """
    issues: list[Issue] = []
    for name, cols, ref, ref_cols in FOREIGN_KEYS:
        if name not in tables or ref not in references:
            continue
        frame, target = tables[name], references[ref]
        if len(cols) == 1:
            found = frame[cols[0]].isin(set(target[ref_cols[0]].astype(str))).to_numpy(dtype=bool)
        else:
            mine = pd.MultiIndex.from_frame(frame[list(cols)].astype(str))
            found = mine.isin(pd.MultiIndex.from_frame(target[list(ref_cols)].astype(str)))
        blank = np.zeros(len(frame), dtype=bool)
        for col in cols:
            blank |= (frame[col].astype(str) == "").to_numpy(dtype=bool)
        for line in frame.index[~blank & ~found]:
            issues.append(
                Issue(
                    SPEC_BY_NAME[name].path,
                    int(line),
                    ", ".join(cols),
                    " | ".join(str(frame.loc[line, c]) for c in cols),
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
        factors = frame["published_unit"].map(UNIT_FACTORS)
        amounts = frame["amount_thousand_yen"]
        bad = amounts.notna() & factors.notna() & ((amounts % factors.fillna(1).astype("int64")) != 0)
        for line in frame.index[bad.fillna(False).to_numpy(dtype=bool)]:
            unit = str(frame.loc[line, "published_unit"])
            issues.append(
                Issue(
                    SPEC_BY_NAME[name].path,
                    int(line),
                    "amount_thousand_yen",
                    str(frame.loc[line, "amount_thousand_yen"]),
                    "unit_multiple",
                    {"unit": unit, "factor": str(UNIT_FACTORS[unit])},
                )
            )
    return issues


def _status_issues(tables: dict[str, pd.DataFrame], name: str = "ratios", path: str = "ratios.csv") -> list[Issue]:
    frame = tables.get(name)
    if frame is None:
        return []
    has_value = frame["value"].notna()
    wrong = (frame["status"] == "ok") != has_value
    return [
        Issue(
            path,
            int(line),
            "status",
            str(frame.loc[line, "status"]),
            "status_value",
            {"value": "" if pd.isna(frame.loc[line, "value"]) else str(frame.loc[line, "value"])},
        )
        for line in frame.index[wrong.to_numpy(dtype=bool)]
    ]


_SUM_FILES = {"settlement": "item", "funds": "fund", "enterprise": "item"}  # ratio components: finance.reconcile
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

    Vectorised: parts are summed with one group-by and joined to their totals. Groups touched by a row that
    already failed a cell check are skipped (its error is reported once, not twice).
    """
    issues: list[Issue] = []
    known = _discrepancy_keys(tables)
    for name, key_col in _SUM_FILES.items():
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        path = SPEC_BY_NAME[name].path
        group_cols = list(_SUM_GROUP) + [c for c in ("indicator", "scenario", "measure") if c in frame.columns]
        bad = frame.loc[frame.index.isin(list(bad_lines.get(name, ())))]
        tainted = set(zip(bad["source_table"], bad["part_of"], strict=True)) | set(
            zip(bad["source_table"], bad[key_col], strict=True)
        )
        parts = frame[frame["part_of"] != ""].reset_index()
        if parts.empty:
            continue
        keys = [*group_cols, "part_of"]
        # one integer key per (group, target) for the parts and per (group, item) for the candidate totals
        everything = frame.reset_index()
        everything = everything[everything[key_col].isin(set(parts["part_of"]))]  # only rows that are totals
        stacked = pd.concat(
            [parts[keys], everything[[*group_cols, key_col]].rename(columns={key_col: "part_of"})],
            ignore_index=True,
        )
        stacked_keys = row_keys(stacked, keys)
        amount = parts["amount_thousand_yen"]
        sums = (
            parts.assign(_key=stacked_keys[: len(parts)], _missing=amount.isna(), _amount=amount)
            .groupby("_key", sort=False)
            .agg(first=("line", "min"), computed=("_amount", "sum"), missing=("_missing", "any"))
        )
        totals = (
            pd.DataFrame(
                {
                    "_key": stacked_keys[len(parts) :],
                    "total": everything["amount_thousand_yen"].to_numpy(),
                    "total_line": everything["line"].to_numpy(),
                }
            )
            .drop_duplicates(subset="_key", keep="first")
            .set_index("_key")
        )
        merged = sums.join(totals, how="left")
        merged = merged[
            merged["total_line"].isna() | (merged["computed"] != merged["total"].fillna(merged["computed"]))
        ]
        if merged.empty:
            continue
        info = parts.assign(_key=stacked_keys[: len(parts)]).drop_duplicates("_key").set_index("_key")[keys]
        merged = merged.join(info)
        for row in merged.to_dict("records"):
            target = str(row["part_of"])
            if (str(row["source_table"]), target) in tainted or bool(row["missing"]):
                continue
            if pd.isna(row["total_line"]):
                issues.append(Issue(path, int(row["first"]), "part_of", target, "sum_total_missing"))
                continue
            total, computed = row["total"], int(row["computed"])
            if pd.isna(total) or computed == int(total):
                continue
            ident = (path, str(row["municipality_code"]), str(row["fiscal_year"]), str(row["account"]), target)
            recorded = ident in known
            issues.append(
                Issue(
                    path,
                    int(row["total_line"]),
                    "amount_thousand_yen",
                    str(int(total)),
                    "sum_mismatch_recorded" if recorded else "sum_mismatch",
                    {"total": target, "computed": f"{computed:,}", "published": f"{int(total):,}"},
                    "notice" if recorded else "error",
                )
            )
    return issues


def _reconcile_issues(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    """Canonical components, printed subtotals and published ratios against their components."""
    if "components" not in tables:
        return []
    return reconcile.component_issues(tables) + reconcile.ratio_issues(tables)


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
            tables[spec.name] = _typed(frame, spec)
    clean = {name: frame.drop(index=list(bad_lines.get(name, ())), errors="ignore") for name, frame in tables.items()}
    issues += _foreign_key_issues(clean, tables) + _unit_issues(clean) + _status_issues(clean)
    issues += _sum_issues(tables, bad_lines) + _reconcile_issues(clean)
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


# ---------------------------------------------------------------------------------------------
# The national tables: validated in their own slim layout, then mapped into the project's tables
# ---------------------------------------------------------------------------------------------

NATIONAL_KIND = "statistics"
"""``reference/sources.csv`` kind of the ministry's tables."""

ORDINARY_INDICATORS = frozenset(
    {
        "fiscal_capability_index",
        "ordinary_balance_ratio",
        "laspeyres_index",
        "laspeyres_index_reference",
        "bond_restriction_ratio",
        "real_balance_ratio",
        "debt_burden_ratio",
    }
)
"""Indicators of the 普通会計 (決算統計); the others (健全化判断比率) are of the 一般会計等."""

_NATIONAL_ACCOUNTS = (
    ("ordinary", "普通会計", "Ordinary account (statistical)"),
    ("general_etc", "一般会計等", "General accounts etc. (health-law scope)"),
)


def national_source_id(value: str) -> str:
    """The project's id of a national source: ``mic-juki-2005-03-31`` → ``MIC_JUKI_2005_03_31``."""
    return value.upper().replace("-", "_")


def load_national(
    folder: Path, seed: dict[str, pd.DataFrame], max_file_bytes: int = MAX_FILE_BYTES
) -> tuple[dict[str, pd.DataFrame], list[Issue], list[tuple[str, bytes]]]:
    """Read and check ``national/`` (files, cells, keys, the status rule and every reference)."""
    issues: list[Issue] = []
    raws: list[tuple[str, bytes]] = []
    tables: dict[str, pd.DataFrame] = {}
    for spec in NATIONAL_SPECS:
        frame, read_issues, raw = read_text_table(folder / spec.path, spec, max_file_bytes)
        raws.append((spec.path, raw))
        issues += read_issues
        if frame is None:
            continue
        cell_issues = check_table(frame, spec) + duplicate_key_issues(frame, spec)
        issues += cell_issues
        if not cell_issues:
            tables[spec.name] = _typed(frame, spec)
    if len(tables) < len(NATIONAL_SPECS):
        return {}, issues, raws
    issues += _status_issues(tables, "national_ratios", "national/ratios.csv")
    issues += _status_issues(tables, "national_prefecture_means", "national/prefecture_means.csv")
    codes = set(tables["national_municipalities"]["municipality_code"])
    sources = set(tables["national_sources"]["source_id"])
    references = (
        ("national_ratios", "municipality_code", codes),
        ("national_population", "municipality_code", codes),
        ("national_settlement", "municipality_code", codes),
        ("national_ratios", "indicator", set(seed["indicators"]["indicator"]) if "indicators" in seed else set()),
        (
            "national_prefecture_means",
            "indicator",
            set(seed["indicators"]["indicator"]) if "indicators" in seed else set(),
        ),
        ("national_settlement", "item", set(seed["items"]["item"]) if "items" in seed else set()),
        *((name, "source_id", sources) for name in tables if name != "national_sources"),
    )
    for name, column, known in references:
        frame = tables[name]
        missing = ~frame[column].isin(known).to_numpy(dtype=bool)
        path = next(s.path for s in NATIONAL_SPECS if s.name == name)
        referenced = (
            "national/sources.csv"
            if column == "source_id"
            else (
                "national/municipalities.csv"
                if column == "municipality_code"
                else "reference/items.csv"
                if column == "item"
                else "reference/indicators.csv"
            )
        )
        for line in frame.index[missing][:100]:
            issues.append(
                Issue(
                    path,
                    int(line),
                    column,
                    str(frame.loc[line, column]),
                    "unknown_reference",
                    {"reference": referenced},
                )
            )
    return tables, issues, raws


def with_national(tables: dict[str, pd.DataFrame], national: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The seed tables with the national rows added in the project's layout (seed rows first, both kept).

    The mapping is vectorised and adds only constant columns: 決算, the 千円 unit, exact rounding, no scenario and
    no printed thresholds (the lines come from ``reference/thresholds.csv``). A national row keeps its source (the
    project's id of the ministry's file, its table title and the row number as ``source_lines``); a seed row for the
    same body, year and indicator stays beside it — nothing is merged. The national tables also stay as they are
    (``national_*``) for the picker, the peer groups and the published averages.
    """
    out = dict(tables)
    nsources = national["national_sources"]
    title = dict(zip(nsources["source_id"], nsources["title_ja"], strict=True))
    ids = {sid: national_source_id(sid) for sid in nsources["source_id"]}

    def provenance(frame: pd.DataFrame) -> dict[str, pd.Series]:
        return {
            "source_id": frame["source_id"].map(ids),
            "source_table": frame["source_id"].map(title),
            "source_lines": frame["source_row"].astype(str),
        }

    sources = pd.DataFrame(
        {
            "source_id": nsources["source_id"].map(ids),
            "title_ja": nsources["title_ja"],
            "title_en": nsources["title_en"],
            "publisher_ja": nsources["publisher_ja"],
            "published": nsources["fiscal_year"].str[-4:],
            "url": "",
            "date_basis": "公表日は記録していない。表の対象年度（基準日の年度）を記録 / "
            "publication date not recorded: the table's fiscal year",
            "kind": NATIONAL_KIND,
            "note": nsources["attribution_ja"] + "。" + nsources["note"],
            "short_ja": "",
            "short_en": "",
            "pages": "",  # a row of a spreadsheet, not a page of a document
        },
        index=nsources.index,
    )
    out["sources"] = pd.concat([tables["sources"], sources[tables["sources"].columns]])

    bodies = national["national_municipalities"]
    seed_codes = set(tables["municipalities"]["municipality_code"])
    extra = bodies[~bodies["municipality_code"].isin(seed_codes)]
    towns = pd.DataFrame(
        {
            "municipality_code": extra["municipality_code"],
            "name_ja": extra["name_ja"],
            "name_kana": "",
            "name_en": "",
            "prefecture_ja": extra["prefecture_ja"],
            "prefecture_en": "",
            "kind": extra["kind"],
            "similar_group": "",
            "similar_group_year": "",
            "source_id": extra["source_id"].map(ids),
        },
        index=extra.index,
    )
    out["municipalities"] = pd.concat([tables["municipalities"], towns[tables["municipalities"].columns]])

    accounts = tables["accounts"]
    have = set(zip(accounts["municipality_code"], accounts["account"], strict=True))
    parts = []
    for account, name_ja, name_en in _NATIONAL_ACCOUNTS:
        rows = bodies[[(code, account) not in have for code in bodies["municipality_code"]]]
        parts.append(
            pd.DataFrame(
                {
                    "municipality_code": rows["municipality_code"],
                    "account": account,
                    "name_ja": name_ja,
                    "name_en": name_en,
                    "kind": "集計",
                    "law_application": "",
                    "in_general_etc": "",
                    "source_id": rows["source_id"].map(ids),
                    "note": "",
                },
                index=rows.index,
            )
        )
    out["accounts"] = pd.concat([accounts, *[p[accounts.columns] for p in parts]])

    ratios = national["national_ratios"]
    mapped = ratios.assign(
        account=np.where(ratios["indicator"].isin(ORDINARY_INDICATORS), "ordinary", "general_etc").astype(object),
        scenario="",
        surplus_value=np.nan,
        early_threshold=np.nan,
        rebuilding_threshold=np.nan,
        figure_kind="決算",
        **provenance(ratios),
    )
    out["ratios"] = pd.concat([tables["ratios"], mapped[tables["ratios"].columns]])

    population = national["national_population"]
    mapped = population.assign(figure_kind="決算", note="", **provenance(population))
    out["population"] = pd.concat([tables["population"], mapped[tables["population"].columns]])

    settlement = national["national_settlement"]
    mapped = settlement.assign(
        published_unit="千円", rounding="exact", figure_kind="決算", part_of="", note="", **provenance(settlement)
    )
    out["settlement"] = pd.concat([tables["settlement"], mapped[tables["settlement"].columns]])

    for name in ("national_municipalities", "national_prefecture_means", "national_sources"):
        out[name] = national[name]
    return out


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
