"""Cross-file checks: references between files, units, the status rule, printed sums and the ratios' components."""

from __future__ import annotations

import numpy as np
import pandas as pd

from finance import reconcile
from finance.load.checks import row_keys
from finance.schemas import FOREIGN_KEYS, SPEC_BY_NAME, UNIT_FACTORS
from finance.validation import Issue


def foreign_key_issues(tables: dict[str, pd.DataFrame], references: dict[str, pd.DataFrame]) -> list[Issue]:
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


def unit_issues(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    """Amounts that are not a whole multiple of the unit printed in the source (``published_unit``)."""
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


def status_issues(tables: dict[str, pd.DataFrame], name: str = "ratios", path: str = "ratios.csv") -> list[Issue]:
    """Ratio rows whose ``status`` disagrees with their ``value`` (``ok`` exactly when a value is given)."""
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


def figure_issues(tables: dict[str, pd.DataFrame], name: str = "narrative_figures") -> list[Issue]:
    """Stand-alone figures that are not exactly one of: an amount with its printed unit, or a count with its unit."""
    frame = tables.get(name)
    if frame is None:
        return []
    given = {
        column: _given(frame[column]) for column in ("amount_thousand_yen", "published_unit", "count", "count_unit")
    }
    amount = given["amount_thousand_yen"] & given["published_unit"]
    count = given["count"] & given["count_unit"]
    partial = (given["amount_thousand_yen"] != given["published_unit"]) | (given["count"] != given["count_unit"])
    wrong = (amount == count) | partial
    path = SPEC_BY_NAME[name].path
    return [
        Issue(
            path,
            int(line),
            "amount_thousand_yen",
            _text(frame.loc[line, "amount_thousand_yen"]),
            "figure_value",
            {"count": _text(frame.loc[line, "count"])},
        )
        for line in frame.index[wrong.to_numpy(dtype=bool)]
    ]


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _given(column: pd.Series) -> pd.Series:
    """Cells that hold something (neither missing nor empty text)."""
    return column.notna() & (column.astype(str).str.strip() != "")


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


def sum_issues(tables: dict[str, pd.DataFrame], bad_lines: dict[str, set[int]]) -> list[Issue]:
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


def reconcile_issues(tables: dict[str, pd.DataFrame]) -> list[Issue]:
    """Canonical components, printed subtotals and published ratios against their components."""
    if "components" not in tables:
        return []
    return reconcile.component_issues(tables) + reconcile.ratio_issues(tables)
