"""The indicators page as one query: each indicator's evaluation, series, calculation table and change drivers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from finance import components as comp
from finance import crosscheck, peers, queries
from finance.indicators.computation import body_components
from finance.indicators.definitions import SOUNDNESS
from finance.indicators.drivers import ChangeDrivers, change_drivers
from finance.indicators.evaluation import Evaluation, TrendPoint, evaluate, trend
from finance.load import Dataset


@dataclass(frozen=True)
class Part:
    """One line of a calculation table (算出の状況): a canonical component or a printed sub-item of one.

    Attributes:
        component: the code as printed (a canonical code, or the document's own numbered or lettered item).
        label_ja: the heading as printed (the official name where the component is not printed itself).
        amount: 千円.
        canonical: the canonical component this line is or belongs to.
        role: ``input``, ``composite``, ``part`` (a printed sub-item), ``check``, ``numerator`` or ``denominator``.
        sign: +1 added to the numerator, −1 deducted from it, 0 outside the numerator.
        depth: 0 for a canonical component, 1 or more for printed sub-items.
        summed: whether the amount is the sum of the printed sub-items (the total itself is not printed).
        borrowed: whether the amount comes from another ratio's table of the same year (標準財政規模, 算入公債費等).
        label_en: the English name of a canonical component or an account ("" for the document's own sub-items,
            which have no English name).
    """

    component: str
    label_ja: str
    amount: int
    canonical: str = ""
    role: str = "input"
    sign: int = 0
    depth: int = 0
    summed: bool = False
    borrowed: bool = False
    label_en: str = ""


def _numerator_signs(catalog: comp.Catalog, indicator: str, values: dict[str, int]) -> dict[str, int]:
    own = catalog.indicator(indicator)
    formula = catalog.formula(indicator, "numerator") or {}
    return comp._substitute(formula, values, own)


def parts(ds: Dataset, indicator: str, code: str, year: int) -> list[Part]:
    """The calculation table (算出の状況) of an indicator for a year.

    Canonical components come in the form's order, each followed by the sub-items the document printed for it;
    the most complete printed table is used when several exist.
    """
    body = body_components(ds, code)
    catalog = body.catalog
    own = catalog.indicator(indicator)
    if not own or not body.has_components(year, indicator):
        return []
    table = body.best_table(year, indicator)
    rows = body.calculation_rows(year, indicator, "", table)
    values = body.values(year, indicator, "", table)
    signs = _numerator_signs(catalog, indicator, values.values)
    out: list[Part] = []

    def children(parent: str, account: str | None, depth: int) -> None:
        for row in rows:
            if str(row["part_of"]) != parent or (account is not None and str(row["account"]) != account):
                continue
            amount = row["amount_thousand_yen"]
            if amount is None:
                continue
            by_account = depth == 1 and parent in _BY_ACCOUNT
            out.append(
                Part(
                    str(row["component"]),
                    _account_label(ds, code, row) if by_account else str(row["label_ja"]),
                    int(amount),  # type: ignore[call-overload]
                    parents[0],
                    "part",
                    0,
                    depth,
                    label_en=_account_label(ds, code, row, "en") if by_account else "",
                )
            )
            children(str(row["component"]), str(row["account"]), depth + 1)

    for code_ in catalog.codes(indicator):
        info = own[code_]
        printed = next((r for r in rows if str(r["component"]) == code_ and r["amount_thousand_yen"] is not None), None)
        parents = [code_]
        if printed is not None:
            out.append(
                Part(code_, str(printed["label_ja"]) or info.name_ja, int(printed["amount_thousand_yen"]),  # type: ignore[call-overload]
                     code_, info.role, signs.get(code_, 0), 0, label_en=info.plain_en)
            )  # fmt: skip
        elif code_ in values.values and info.role in ("input", "composite"):
            out.append(
                Part(code_, info.name_ja, values.values[code_], code_, info.role, signs.get(code_, 0), 0,
                     summed=code_ not in values.borrowed, borrowed=code_ in values.borrowed, label_en=info.plain_en)
            )  # fmt: skip
        else:
            continue
        children(code_, None, 1)
    return out


_BY_ACCOUNT = {"consolidated_real_balance"}
"""Canonical components whose printed parts are one per account (each account's balance)."""


def _account_label(ds: Dataset, code: str, row: Mapping[str, object], locale: str = "ja") -> str:
    names = queries.account_names(ds, code, locale)
    return names.get(str(row["account"]), str(row["label_ja"]) if locale == "ja" else "")


@dataclass(frozen=True)
class Section:
    """One indicator on the page: its evaluation, published series, printed parts and change drivers."""

    evaluation: Evaluation
    trend: list[TrendPoint]
    parts: list[Part]
    drivers: ChangeDrivers | None
    account: str
    singles: list[TrendPoint]  # 実質公債費比率: the published single-year values behind the 3-year average
    single: Evaluation | None  # 実質公債費比率: the selected year's single-year value and its recomputation

    @property
    def has_numbers(self) -> bool:
        """Whether any year of the series has a numeric value (not only «—»)."""
        return any(p.value is not None for p in self.trend)


@dataclass(frozen=True)
class IndicatorsPage:
    """The soundness ratios, each enterprise's shortfall ratio and the other indicators of one year."""

    municipality_code: str
    year: int
    soundness: list[Section]
    enterprises: list[Section]
    others: list[Section]
    peers: tuple[peers.PeerView, ...] = ()
    checks: tuple[crosscheck.Check, ...] = ()  # seed documents against the national tables (all years)

    @property
    def empty(self) -> bool:
        """Whether the data has nothing for this page."""
        return not any(s.trend for s in (*self.soundness, *self.enterprises, *self.others))


def _section(ds: Dataset, indicator: str, code: str, year: int, account: str = "general_etc") -> Section:
    drivers = None
    if indicator in ("real_debt_service_ratio", "future_burden_ratio"):
        single = "real_debt_service_ratio_single" if indicator == "real_debt_service_ratio" else indicator
        drivers = change_drivers(ds, single, code, year)
    return Section(
        evaluate(ds, indicator, code, year, account),
        trend(ds, indicator, code, account),
        parts(ds, indicator, code, year) if account == "general_etc" else [],
        drivers,
        account,
        trend(ds, "real_debt_service_ratio_single", code, account) if indicator == "real_debt_service_ratio" else [],
        evaluate(ds, "real_debt_service_ratio_single", code, year) if indicator == "real_debt_service_ratio" else None,
    )


def page(ds: Dataset, code: str, year: int) -> IndicatorsPage:
    """Everything the indicators page shows for a municipality and settlement year."""
    ratios = ds.rows("ratios", code)
    mine = ratios[ratios["municipality_code"] == code]
    enterprise_accounts = sorted(set(mine.loc[mine["indicator"] == "funding_shortfall_ratio", "account"]))
    others = [
        _section(ds, ind, code, year, "ordinary")
        for ind in ("ordinary_balance_ratio", "fiscal_capability_index", "laspeyres_index", "bond_restriction_ratio")
        if not mine[(mine["indicator"] == ind) & (mine["account"] == "ordinary")].empty
        and (
            ind != "bond_restriction_ratio"
            or not mine[(mine["indicator"] == ind) & (mine["fiscal_year"] == year)].empty
        )
    ]  # 起債制限比率: only in the years that publish it (H17–H19 in the national tables)
    return IndicatorsPage(
        code,
        year,
        [_section(ds, ind, code, year) for ind in SOUNDNESS],
        [_section(ds, "funding_shortfall_ratio", code, year, acc) for acc in enterprise_accounts],
        others,
        peers.for_body(ds, code, year),
        crosscheck.checks(ds, code) if code in ds.seed_codes else (),
    )
