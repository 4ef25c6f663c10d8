"""Cross-file checks of the ratio components: canonical codes, printed subtotals and published values.

* Every row of ``ratio_components.csv`` is either a canonical component of its indicator
  (``reference/components.csv``) or a printed sub-item whose ``part_of`` leads to one.
* The direct parts of a printed canonical component add up to it; a printed subtotal, numerator or
  denominator equals its formula over the inputs.
* Where components allow it, a published ratio (``ratios.csv``) equals the computed one under the legal rule
  at the precision it was printed with (truncation for the 健全化判断比率). A difference is an error unless
  ``discrepancies.csv`` records it (then it is a notice, and the page shows both values).

All checks work on the validated tables before a :class:`~finance.load.Dataset` exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

import pandas as pd

from finance import components as comp
from finance.formatting import decimal_places
from finance.validation import Issue

_NUMBER = re.compile(r"[-−▲△]?\s*\d+(?:\.(\d+))?")


def printed_decimals(published_text: str, fallback: int) -> int:
    """The number of decimals a value was printed with (``"6.99"`` → 2), else ``fallback``."""
    match = _NUMBER.search(published_text or "")
    if match is None:
        return fallback
    return len(match.group(1) or "")


def legal_round(value: Decimal, decimals: int, rule: str) -> Decimal:
    """A computed value cut to the printed precision by the indicator's rule (truncation for the legal ratios)."""
    return decimal_places(value, decimals, "truncate" if rule == "truncate" else "round")


def catalog_from(tables: Mapping[str, pd.DataFrame]) -> comp.Catalog:
    """The component catalog from the loaded reference table."""
    frame = tables.get("components")
    return comp.catalog([] if frame is None else cast("list[dict[str, object]]", frame.to_dict("records")))


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    out = cast("list[dict[str, Any]]", frame.reset_index().to_dict("records"))
    for row in out:
        row["fiscal_year"] = int(row["fiscal_year"])
        row["scenario"] = row.get("scenario") or ""
        row["part_of"] = row.get("part_of") or ""
        amount = row.get("amount_thousand_yen")
        row["amount_thousand_yen"] = None if amount is None or pd.isna(amount) else int(amount)
    return cast("list[dict[str, object]]", out)


def scales_from(tables: Mapping[str, pd.DataFrame]) -> dict[str, dict[int, int]]:
    """標準財政規模 of settled years by body from ``settlement.csv`` (千円)."""
    frame = tables.get("settlement")
    out: dict[str, dict[int, int]] = {}
    if frame is None or frame.empty:
        return out
    rows = frame[
        (frame["item"] == "base_standard_fiscal_scale")
        & (frame["figure_kind"] == "決算")
        & frame["amount_thousand_yen"].notna()
    ]
    for code, year, amount in zip(
        rows["municipality_code"], rows["fiscal_year"], rows["amount_thousand_yen"], strict=True
    ):
        out.setdefault(str(code), {}).setdefault(int(year), int(amount))
    return out


def bodies(tables: Mapping[str, pd.DataFrame]) -> dict[str, comp.BodyComponents]:
    """The component rows of every body, ready to compute."""
    frame = tables.get("ratio_components")
    catalog = catalog_from(tables)
    scales = scales_from(tables)
    out: dict[str, comp.BodyComponents] = {}
    if frame is None:
        return out
    for code, rows in frame.groupby("municipality_code", sort=False):
        out[str(code)] = comp.BodyComponents(_records(rows), catalog, scales.get(str(code), {}))
    for code, body_scales in scales.items():
        out.setdefault(code, comp.BodyComponents([], catalog, body_scales))
    return out


def _discrepancies(tables: Mapping[str, pd.DataFrame]) -> set[tuple[str, str, int, str, str]]:
    frame = tables.get("discrepancies")
    if frame is None:
        return set()
    return {
        (str(r["file"]), str(r["municipality_code"]), int(r["fiscal_year"]), str(r["account"]), str(r["item"]))
        for r in cast("list[dict[str, Any]]", frame.to_dict("records"))
        if not pd.isna(r["fiscal_year"])
    }


def component_issues(tables: Mapping[str, pd.DataFrame]) -> list[Issue]:
    """Unknown component codes, broken ``part_of`` chains, parts that do not add up, printed checks that differ."""
    frame = tables.get("ratio_components")
    if frame is None or frame.empty:
        return []
    catalog = catalog_from(tables)
    known = _discrepancies(tables)
    issues: list[Issue] = []
    path = "ratio_components.csv"
    for code, body in bodies(tables).items():
        for year in body.years():
            for indicator in sorted({str(r["indicator"]) for r in body.rows if r["fiscal_year"] == year}):
                own = catalog.indicator(indicator)
                if not own:
                    continue  # the indicator itself is checked against indicators.csv
                rows = body._rows(year, indicator)
                issues += _chain_issues(rows, own, catalog.codes(indicator), path)
                for table in body.tables(year, indicator):
                    for scenario in body.scenarios(year, indicator):
                        calc_rows = body.calculation_rows(year, indicator, scenario, table)
                        values = body.values(year, indicator, scenario, table)
                        issues += _part_sum_issues(calc_rows, own, path, known, code, year)
                        for failure in comp.check_printed(indicator, calc_rows, values, catalog):
                            line = int(str(failure.row["line"]))
                            recorded = (path, code, year, str(failure.row["account"]), failure.component) in known
                            issues.append(
                                Issue(
                                    path,
                                    line,
                                    "amount_thousand_yen",
                                    str(failure.printed),
                                    "component_check_recorded" if recorded else "component_check",
                                    {
                                        "component": failure.component,
                                        "formula": _formula_text(own[failure.component].formula),
                                        "computed": f"{failure.computed:,}",
                                        "published": f"{failure.printed:,}",
                                    },
                                    "notice" if recorded else "error",
                                )
                            )
    return _unique(issues)


def _unique(issues: list[Issue]) -> list[Issue]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for issue in issues:
        key = (issue.file, issue.line, issue.code, issue.column)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


def _formula_text(formula: comp.Formula) -> str:
    text = " ".join(("+ " if coef > 0 else "− ") + code for code, coef in formula.items())
    return text.removeprefix("+ ")


def _chain_issues(
    rows: Sequence[Mapping[str, object]], own: Mapping[str, comp.Component], accepted: list[str], path: str
) -> list[Issue]:
    issues = []
    for row in rows:
        component = str(row["component"])
        if component in own:
            continue
        target = str(row["part_of"] or "")
        seen = {component}
        while target and target not in own and target not in seen:
            seen.add(target)
            parent = next(
                (
                    r
                    for r in rows
                    if str(r["component"]) == target
                    and str(r["account"]) == str(row["account"])
                    and str(r["source_table"]) == str(row["source_table"])
                ),
                None,
            )
            target = "" if parent is None else str(parent["part_of"] or "")
        if target in own and own[target].role in ("input", "composite"):
            continue
        reason = "component_unknown" if not row["part_of"] else "component_chain"
        issues.append(
            Issue(
                path,
                int(str(row["line"])),
                "component" if reason == "component_unknown" else "part_of",
                component if reason == "component_unknown" else str(row["part_of"]),
                reason,
                {"indicator": str(row["indicator"]), "codes": ", ".join(c for c in accepted if own[c].role != "check")},
            )
        )
    return issues


def _part_sum_issues(
    rows: Sequence[Mapping[str, object]],
    own: Mapping[str, comp.Component],
    path: str,
    known: set[tuple[str, str, int, str, str]],
    code: str,
    year: int,
) -> list[Issue]:
    issues = []
    for total in rows:
        name = str(total["component"])
        if name not in own or total["amount_thousand_yen"] is None:
            continue
        parts = [r for r in rows if str(r["part_of"] or "") == name]
        if not parts or any(p["amount_thousand_yen"] is None for p in parts):
            continue
        computed = sum(int(str(p["amount_thousand_yen"])) for p in parts)
        printed = int(str(total["amount_thousand_yen"]))
        if computed == printed:
            continue
        recorded = (path, code, year, str(total["account"]), name) in known
        issues.append(
            Issue(
                path,
                int(str(total["line"])),
                "amount_thousand_yen",
                str(printed),
                "sum_mismatch_recorded" if recorded else "sum_mismatch",
                {"total": name, "computed": f"{computed:,}", "published": f"{printed:,}"},
                "notice" if recorded else "error",
            )
        )
    return issues


def ratio_issues(tables: Mapping[str, pd.DataFrame]) -> list[Issue]:
    """Published ratios that differ from the value their components give under the legal rule."""
    ratios = tables.get("ratios")
    indicators = tables.get("indicators")
    if ratios is None or indicators is None or ratios.empty:
        return []
    rules = {
        str(r["indicator"]): (str(r["published_rounding"]), int(r["decimals"]))
        for r in cast("list[dict[str, Any]]", indicators.to_dict("records"))
    }
    known = _discrepancies(tables)
    all_bodies = bodies(tables)
    catalog = catalog_from(tables)
    issues: list[Issue] = []
    for line, row in ratios.iterrows():
        indicator, code = str(row["indicator"]), str(row["municipality_code"])
        body = all_bodies.get(code)
        if body is None or not catalog.indicator(indicator) or str(row["account"]) not in ("general_etc",):
            continue
        year, scenario = int(row["fiscal_year"]), str(row["scenario"] or "")
        table = str(row["source_table"])
        use_table = table if body.has_components(year, indicator) and table in body.tables(year, indicator) else None
        result = body.ratio(year, indicator, scenario, use_table)
        issue = _compare(row, result, rules.get(indicator, ("truncate", 1)))
        if issue is None:
            continue
        code_key, params = issue
        item_keys = {indicator, f"{indicator}:{scenario}"}
        recorded = any(("ratios.csv", code, year, str(row["account"]), k) in known for k in item_keys)
        issues.append(
            Issue(
                "ratios.csv",
                int(str(line)),
                "value",
                str(row["published_text"]),
                code_key + ("_recorded" if recorded else ""),
                params,
                "notice" if recorded else "error",
            )
        )
    return issues


def _compare(row: pd.Series, result: comp.Result, rule: tuple[str, int]) -> tuple[str, dict[str, str]] | None:
    """``None`` when the published value agrees with the computed one (or nothing can be computed)."""
    if result.status == "incomplete":
        return None
    status = str(row["status"])
    rounding, fallback = rule
    text = str(row["published_text"])
    if status in ("no_deficit", "non_positive", "not_applicable") and result.status in ("no_deficit", "non_positive"):
        surplus = row.get("surplus_value")
        if result.surplus is None or surplus is None or pd.isna(surplus):
            return None
        decimals = printed_decimals(text, fallback)
        computed = legal_round(result.surplus, decimals, rounding)
        if computed == Decimal(str(surplus)).quantize(Decimal(1).scaleb(-decimals)):
            return None
        return "ratio_mismatch", _params(computed, result.surplus, Decimal(str(surplus)), rounding, decimals)
    if status == "ok" and result.status == "ok" and result.value is not None:
        decimals = printed_decimals(text, fallback)
        published = Decimal(str(row["value"])).quantize(Decimal(1).scaleb(-decimals))
        computed = legal_round(result.value, decimals, rounding)
        if rounding == "as_printed":
            if published in (
                decimal_places(result.value, decimals, "truncate"),
                decimal_places(result.value, decimals, "round"),
            ):
                return None
        elif computed == published:
            return None
        return "ratio_mismatch", _params(computed, result.value, published, rounding, decimals)
    if status == "ok" or result.status == "ok":
        shown = "—" if result.value is None else f"{result.value:.3f}"
        return "ratio_status_mismatch", {"computed": shown, "published": text, "status": result.status}
    return None


def _params(computed: Decimal, unrounded: Decimal, published: Decimal, rule: str, decimals: int) -> dict[str, str]:
    return {
        "computed": str(computed),
        "unrounded": f"{unrounded:.4f}",
        "published": str(published),
        "rule": rule,
        "decimals": str(decimals),
    }
