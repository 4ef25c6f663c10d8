"""Canonical ratio components and the formulas of the soundness ratios, computed for any body.

The components are named after the official calculation forms (算定様式) in ``reference/components.csv``:
one row per ``(indicator, component)`` with its role and, for derived figures, a linear formula over the
inputs. A document's own sub-items (a plan's numbered items, a booklet's lettered items, the lines of 準元利償還金) stay
as printed and point with ``part_of`` to the canonical component they belong to. This module computes only from
canonical components: a component that is not printed is the sum of its printed parts.

Rules (財政健全化法 第2条, domain notes §1.4–§1.8):

* 実質赤字比率 / 連結実質赤字比率: numerator = −(実質収支額); at or below zero the ratio is «—» and the
  surplus ratio is reported beside it.
* 実質公債費比率: single year = ((元利償還金 + 準元利償還金) − (特定財源 + 算入公債費等)) ÷ (標準財政規模 −
  算入公債費等) × 100, kept unrounded; the published ratio is the mean of three unrounded single years,
  truncated to one decimal. It may be negative.
* 将来負担比率: (将来負担額 − 充当可能財源等) ÷ (標準財政規模 − 算入公債費等) × 100, truncated; a numerator at
  or below zero is «—» — decided by the numerator alone, even where the denominator is not given.
* 資金不足比率: 資金の不足額 ÷ 事業の規模 × 100; no shortfall is «—».

標準財政規模 and 算入公債費等 are the same for every ratio of a body and year, so a figure given for one
indicator serves the others.

Everything here works on plain rows (dicts), so the loader can reconcile published values before a
:class:`~finance.load.Dataset` exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Role = Literal["input", "composite", "check", "numerator", "denominator"]
Formula = dict[str, int]  # component -> coefficient (+1 / −1)

SHARED = ("standard_fiscal_scale", "debt_service_in_demand")
"""Components that are the same for every ratio of a body and settlement year."""

NOT_COMPUTED_AT_OR_BELOW_ZERO = frozenset(
    {"real_deficit_ratio", "consolidated_real_deficit_ratio", "future_burden_ratio", "funding_shortfall_ratio"}
)
"""Ratios that are «—» (not computed) when the numerator is at or below zero (実質公債費比率 may be negative)."""

AVERAGED = {"real_debt_service_ratio": 3}
"""Ratios published as the mean of several single years (財政健全化法 第2条第3号: 3か年平均)."""
PUBLISHED_AS_MEAN = {**AVERAGED, "fiscal_capability_index": 3, "bond_restriction_ratio": 3}
"""Every indicator whose published value is by definition a mean of years (財政力指数 and the old 起債制限比率 too,
which this engine does not compute from components): a page labels their value as such."""

SINGLE_OF = {"real_debt_service_ratio_single": "real_debt_service_ratio"}
"""Indicators that are the single-year value of a component-based ratio."""

_TERM = re.compile(r"\s*([+-])?\s*([a-z][a-z0-9_]*)\s*")


def parse_formula(text: str) -> Formula:
    """A linear formula ``"a + b - c"`` as ``{"a": 1, "b": 1, "c": -1}``.

    Raises:
        ValueError: when the text is not a sum and difference of component codes.
    """
    out: Formula = {}
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TERM.match(text, pos)
        if match is None or match.end() == pos:
            raise ValueError(text)
        sign = -1 if match.group(1) == "-" else 1
        if match.group(1) is None and pos > 0:
            raise ValueError(text)
        out[match.group(2)] = out.get(match.group(2), 0) + sign
        pos = match.end()
    if not out:
        raise ValueError(text)
    return out


@dataclass(frozen=True)
class Component:
    """One canonical component of an indicator (a row of ``reference/components.csv``)."""

    indicator: str
    code: str
    name_ja: str
    plain_ja: str
    plain_en: str
    role: Role
    formula: Formula
    order: int


@dataclass(frozen=True)
class Catalog:
    """Every canonical component, by indicator."""

    by_indicator: Mapping[str, Mapping[str, Component]]

    def indicator(self, indicator: str) -> Mapping[str, Component]:
        """The components of one indicator (a single-year indicator shares its ratio's components)."""
        return self.by_indicator.get(SINGLE_OF.get(indicator, indicator), {})

    def codes(self, indicator: str) -> list[str]:
        """The accepted component codes of an indicator in display order."""
        comps = self.indicator(indicator)
        return sorted(comps, key=lambda c: comps[c].order)

    def formula(self, indicator: str, role: Literal["numerator", "denominator"]) -> Formula | None:
        """The numerator or denominator formula of an indicator."""
        for comp in self.indicator(indicator).values():
            if comp.role == role:
                return comp.formula
        return None


def catalog(rows: Iterable[Mapping[str, object]]) -> Catalog:
    """Build the catalog from the rows of ``reference/components.csv`` (formulas already validated)."""
    found: dict[str, dict[str, Component]] = {}
    for row in rows:
        formula_text = str(row.get("formula") or "")
        comp = Component(
            str(row["indicator"]),
            str(row["component"]),
            str(row["name_ja"]),
            str(row["plain_ja"]),
            str(row["plain_en"]),
            str(row["role"]),  # type: ignore[arg-type]
            parse_formula(formula_text) if formula_text else {},
            int(str(row["order"])),
        )
        found.setdefault(comp.indicator, {})[comp.code] = comp
    return Catalog(found)


# ---------------------------------------------------------------------------------------------
# Values of one body, year, indicator, scenario and printed table
# ---------------------------------------------------------------------------------------------


def _amount(row: Mapping[str, object]) -> int | None:
    value = row.get("amount_thousand_yen")
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    try:
        return int(str(value).replace(",", "")) if not isinstance(value, int) else value
    except ValueError:
        return None


@dataclass
class Values:
    """The canonical values available for one calculation (after summing printed parts).

    Attributes:
        values: canonical component → amount (千円).
        borrowed: components taken from another indicator of the same year (標準財政規模, 算入公債費等).
        incomplete: canonical components whose printed parts include a blank cell (not summed).
    """

    values: dict[str, int] = field(default_factory=dict)
    borrowed: set[str] = field(default_factory=set)
    incomplete: set[str] = field(default_factory=set)


def resolve(rows: Sequence[Mapping[str, object]], canonical: Iterable[str]) -> Values:
    """Canonical values from printed rows: a printed canonical row wins, else the sum of its direct parts.

    ``rows`` are the rows of one calculation (one body, year, indicator, scenario and table). Scenario rows are
    expected to be applied by the caller (they replace common rows with the same component).
    """
    out = Values()
    by_code: dict[str, Mapping[str, object]] = {}
    for row in rows:
        by_code.setdefault(str(row["component"]), row)
    for code in canonical:
        printed = by_code.get(code)
        if printed is not None:
            amount = _amount(printed)
            if amount is not None:
                out.values[code] = amount
            continue
        parts = [r for r in rows if str(r.get("part_of") or "") == code]
        if not parts:
            continue
        amounts = [_amount(r) for r in parts]
        if any(a is None for a in amounts):
            out.incomplete.add(code)
            continue
        out.values[code] = sum(a for a in amounts if a is not None)
    return out


def _substitute(formula: Formula, values: Mapping[str, int], comps: Mapping[str, Component]) -> Formula:
    """Replace missing inputs by a present composite that stands for exactly those terms (same signs)."""
    result = dict(formula)
    for comp in comps.values():
        if comp.role != "composite" or comp.code not in values:
            continue
        terms = comp.formula
        if not terms or any(code in values for code in terms):
            continue
        for sign in (1, -1):
            if all(result.get(code) == sign * coef for code, coef in terms.items()):
                for code in terms:
                    del result[code]
                result[comp.code] = result.get(comp.code, 0) + sign
                break
    return result


def evaluate(formula: Formula, values: Mapping[str, int], comps: Mapping[str, Component]) -> int | None:
    """The value of a linear formula, or ``None`` when a term is missing."""
    terms = _substitute(formula, values, comps)
    if any(code not in values for code in terms):
        return None
    return sum(values[code] * coef for code, coef in terms.items())


def missing_terms(formula: Formula, values: Mapping[str, int], comps: Mapping[str, Component]) -> list[str]:
    """The inputs a formula still lacks."""
    return [code for code in _substitute(formula, values, comps) if code not in values]


@dataclass(frozen=True)
class Result:
    """One computed ratio.

    Attributes:
        indicator: the indicator computed.
        value: the unrounded ratio in percent; ``None`` when not computed («—») or not computable.
        status: ``ok`` a value; ``non_positive`` numerator at or below zero («—»); ``no_deficit`` a deficit ratio
            in surplus («—» with the surplus ratio); ``incomplete`` components missing.
        numerator: the numerator in 千円 (``None`` when it cannot be formed).
        denominator: the denominator in 千円 (``None`` when not given).
        surplus: for deficit ratios in surplus, the surplus ratio (unrounded).
        values: the canonical values used.
        missing: the inputs that are missing when the ratio is incomplete.
        singles: for averaged ratios, the unrounded single-year values (oldest first).
    """

    indicator: str
    value: Decimal | None
    status: Literal["ok", "non_positive", "no_deficit", "incomplete"]
    numerator: int | None
    denominator: int | None
    surplus: Decimal | None = None
    values: Mapping[str, int] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    singles: tuple[Decimal, ...] = ()


def _percent(numerator: int, denominator: int) -> Decimal:
    return Decimal(numerator) * 100 / Decimal(denominator)


def compute(indicator: str, values: Values, comps: Catalog) -> Result:
    """Compute one (single-year) ratio from canonical values."""
    own = comps.indicator(indicator)
    num_f, den_f = comps.formula(indicator, "numerator"), comps.formula(indicator, "denominator")
    if num_f is None or den_f is None:
        return Result(indicator, None, "incomplete", None, None, missing=("numerator",))
    numerator = evaluate(num_f, values.values, own)
    denominator = evaluate(den_f, values.values, own)
    base = SINGLE_OF.get(indicator, indicator)
    if numerator is None:
        missing = tuple(missing_terms(num_f, values.values, own))
        return Result(indicator, None, "incomplete", None, denominator, values=values.values, missing=missing)
    if base in NOT_COMPUTED_AT_OR_BELOW_ZERO and numerator <= 0:
        deficit = base in ("real_deficit_ratio", "consolidated_real_deficit_ratio")
        surplus = _percent(-numerator, denominator) if deficit and denominator and denominator > 0 else None
        return Result(
            indicator,
            None,
            "no_deficit" if deficit else "non_positive",
            numerator,
            denominator,
            surplus,
            values.values,
        )
    if denominator is None or denominator <= 0:
        missing = tuple(missing_terms(den_f, values.values, own)) or ("denominator",)
        return Result(indicator, None, "incomplete", numerator, denominator, values=values.values, missing=missing)
    return Result(indicator, _percent(numerator, denominator), "ok", numerator, denominator, values=values.values)


def average(indicator: str, singles: Sequence[Result]) -> Result:
    """The published form of an averaged ratio: the mean of the unrounded single years (unrounded here)."""
    if len(singles) != AVERAGED.get(indicator, 1) or any(s.status != "ok" or s.value is None for s in singles):
        return Result(indicator, None, "incomplete", None, None, missing=("single_years",))
    values = tuple(s.value for s in singles if s.value is not None)
    return Result(indicator, sum(values, Decimal(0)) / len(values), "ok", None, None, singles=values)


# ---------------------------------------------------------------------------------------------
# Printed checks: subtotals, numerator and denominator printed by a document
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckFailure:
    """A printed derived figure (subtotal, numerator, denominator) that differs from its formula."""

    component: str
    printed: int
    computed: int
    row: Mapping[str, object]


def check_printed(
    indicator: str, rows: Sequence[Mapping[str, object]], values: Values, comps: Catalog
) -> list[CheckFailure]:
    """Every printed check row whose amount differs from the formula over the canonical inputs."""
    own = comps.indicator(indicator)
    failures = []
    for row in rows:
        comp = own.get(str(row["component"]))
        printed = _amount(row)
        if comp is None or not comp.formula or comp.role == "composite" or printed is None:
            continue
        computed = evaluate(comp.formula, values.values, own)
        if computed is not None and computed != printed:
            failures.append(CheckFailure(comp.code, printed, computed, row))
    return failures


def inputs(comps: Catalog, indicator: str) -> list[str]:
    """The canonical inputs (and composites) of an indicator, in display order."""
    own = comps.indicator(indicator)
    return [c for c in comps.codes(indicator) if own[c].role in ("input", "composite")]


# ---------------------------------------------------------------------------------------------
# One body: group its printed rows into calculations
# ---------------------------------------------------------------------------------------------


def base_indicator(indicator: str) -> str:
    """The indicator whose components a (single-year) indicator uses."""
    return SINGLE_OF.get(indicator, indicator)


@dataclass
class BodyComponents:
    """The printed component rows of one body with the rules to compute its ratios.

    Attributes:
        rows: the body's rows of ``ratio_components.csv`` (plain dicts with ``fiscal_year`` as int).
        catalog: the canonical components.
        scales: 標準財政規模 (千円) of settled years from the settlement table, used when no ratio table gives it.
    """

    rows: Sequence[Mapping[str, object]]
    catalog: Catalog
    scales: Mapping[int, int] = field(default_factory=dict)

    def _rows(self, year: int, indicator: str) -> list[Mapping[str, object]]:
        base = base_indicator(indicator)
        return [r for r in self.rows if int(str(r["fiscal_year"])) == year and str(r["indicator"]) == base]

    def tables(self, year: int, indicator: str) -> list[str]:
        """The printed tables holding components of an indicator for a year, in file order."""
        seen: dict[str, None] = {}
        for r in self._rows(year, indicator):
            seen.setdefault(str(r["source_table"]), None)
        return list(seen)

    def scenarios(self, year: int, indicator: str) -> list[str]:
        """The scenarios printed for a year ("" first)."""
        found = {str(r["scenario"] or "") for r in self._rows(year, indicator)}
        return sorted(found, key=lambda s: (s != "", s))

    def calculation_rows(
        self, year: int, indicator: str, scenario: str = "", table: str | None = None
    ) -> list[Mapping[str, object]]:
        """The rows of one calculation: common rows, replaced by the scenario's rows for the same component."""
        rows = [r for r in self._rows(year, indicator) if table is None or str(r["source_table"]) == table]
        common = [r for r in rows if not r["scenario"]]
        own = [r for r in rows if scenario and r["scenario"] == scenario]
        replaced = {(str(r["component"]), str(r["account"])) for r in own}
        return [r for r in common if (str(r["component"]), str(r["account"])) not in replaced] + own

    def best_table(self, year: int, indicator: str, scenario: str = "") -> str | None:
        """The printed table to compute from when several hold the year: a complete one with the most rows.

        Tables are never mixed: a plan's projections and its settled figures are separate calculations.
        """
        tables = self.tables(year, indicator)
        if len(tables) <= 1:
            return tables[0] if tables else None

        def rank(candidate: str) -> tuple[bool, int]:
            result = compute(indicator, self.values(year, indicator, scenario, candidate), self.catalog)
            return (result.status != "incomplete", len(self.calculation_rows(year, indicator, scenario, candidate)))

        best = tables[0]
        for candidate in tables[1:]:
            if rank(candidate) >= rank(best):  # the last of equals, as the tables come in file order
                best = candidate
        return best

    def values(self, year: int, indicator: str, scenario: str = "", table: str | None = None) -> Values:
        """Canonical values of one calculation, with 標準財政規模 and 算入公債費等 shared across ratios."""
        if table is None:
            table = self.best_table(year, indicator, scenario)
        rows = self.calculation_rows(year, indicator, scenario, table)
        wanted = inputs(self.catalog, indicator)
        found = resolve(rows, wanted)
        for code in SHARED:
            if code not in wanted or code in found.values:
                continue
            for other in self.catalog.by_indicator:
                if other == base_indicator(indicator):
                    continue
                for other_table in [table, *self.tables(year, other)]:
                    if other_table is None or other_table not in self.tables(year, other):
                        continue
                    shared = resolve(self.calculation_rows(year, other, scenario, other_table), [code])
                    if code in shared.values:
                        found.values[code] = shared.values[code]
                        found.borrowed.add(code)
                        break
                if code in found.values:
                    break
            if code == "standard_fiscal_scale" and code not in found.values and year in self.scales:
                found.values[code] = self.scales[year]
                found.borrowed.add(code)
        return found

    def single(self, year: int, indicator: str, scenario: str = "", table: str | None = None) -> Result:
        """The single-year ratio of a year; without a table, the most complete printed table is used."""
        return compute(indicator, self.values(year, indicator, scenario, table), self.catalog)

    def ratio(self, year: int, indicator: str, scenario: str = "", table: str | None = None) -> Result:
        """The ratio as published: averaged ratios are the mean of their unrounded single years."""
        years = AVERAGED.get(indicator, 1)
        if years == 1:
            return self.single(year, indicator, scenario, table)
        singles = [self.single(y, indicator, scenario, table) for y in range(year - years + 1, year + 1)]
        return average(indicator, singles)

    def has_components(self, year: int, indicator: str) -> bool:
        """Whether any component of the indicator is printed for the year."""
        return bool(self._rows(year, indicator))

    def years(self) -> list[int]:
        """Every year with a component row."""
        return sorted({int(str(r["fiscal_year"])) for r in self.rows})
