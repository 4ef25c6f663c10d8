"""Which fiscal years a body has figures for, and the year it opens on (:func:`opening`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from finance.load import Dataset
from finance.queries.model import KIND_ORDER

_YEAR_TABLES = ("settlement", "ratios", "enterprise", "funds", "debt")


def year_kinds(ds: Dataset, code: str, own_documents: bool = False) -> dict[int, str]:
    """Each fiscal year with any figure, mapped to its most certain kind (決算 before 決算見込 before 計画).

    ``own_documents``: only the rows of the body's own documents (not the national tables). Asked on every
    request (each callback re-checks the view), so it is memoised per municipality.
    """
    key = ("year_kinds", code, own_documents)
    found = ds.memo.get(key)
    if found is not None:
        return dict(cast("dict[int, str]", found))
    best: dict[int, str] = {}
    for name in _YEAR_TABLES:
        frame = ds.rows(name, code)
        if own_documents and "source_id" in frame.columns:
            frame = frame[~frame["source_id"].isin(ds.national_source_ids)]
        block = frame[["fiscal_year", "figure_kind"]].dropna()
        for year, kind in zip(block["fiscal_year"].astype(int), block["figure_kind"], strict=True):
            if year not in best or KIND_ORDER[kind] < KIND_ORDER[best[year]]:
                best[year] = kind
    result = dict(sorted(best.items()))
    ds.memo[key] = result
    return dict(result)


def fiscal_years(ds: Dataset, code: str) -> list[int]:
    """Fiscal years with any figure for a municipality (settlement, ratios, enterprise, funds, debt), ascending."""
    return list(year_kinds(ds, code))


OpeningBasis = Literal["settlement", "indicators", "enterprise", "plan", "other", "none"]
"""What the year a body opens on holds: a settlement total, indicators, only a public enterprise's figures, only
plans (計画・決算見込), other figures (a fund or debt stock), or nothing at all."""

_OPENING_ACCOUNTS = ("general", "ordinary", "general_etc")
"""The accounts whose indicators count for the opening year (the general accounts, not an enterprise's)."""


@dataclass(frozen=True)
class Opening:
    """The year a body opens on and what its figures are there (see :func:`opening`)."""

    year: int | None
    basis: OpeningBasis


def opening(ds: Dataset, code: str) -> Opening:
    """The year a body opens on: the latest year whose pages answer, from the documents or the national tables.

    In order:

    1. the latest year with a settled (決算) 歳入 or 歳出 total or a settled indicator of the general accounts
       (健全化判断比率, 経常収支比率 …): ``settlement`` when that year has the totals, else ``indicators``;
    2. else the latest year with any figure, saying what it is: only plans (計画・決算見込), only a public
       enterprise's figures, or other figures.

    The latest published year wins: FY2024 for a body of the national 主要財政指標, although the national amounts
    (決算状況調) end in FY2019 — the overview of such a year shows the latest settled amounts beside its ratios,
    labelled with their own year (:func:`latest_settlement_year`). Memoised per body.
    """
    key = ("opening", code)
    found = ds.memo.get(key)
    if isinstance(found, Opening):
        return found
    result = _opening(ds, code)
    ds.memo[key] = result
    return result


def latest_settlement_year(ds: Dataset, code: str, before: int | None = None) -> int | None:
    """The latest year (before ``before``, if given) with a settled (決算) 歳入 or 歳出 total, or ``None``."""
    frame = ds.rows("settlement", code)
    settled = frame[(frame["figure_kind"] == "決算") & frame["item"].isin(["rev_total", "exp_total"])]
    if before is not None:
        settled = settled[settled["fiscal_year"] < before]
    return None if settled.empty else int(settled["fiscal_year"].max())


def _opening(ds: Dataset, code: str) -> Opening:
    amounts = latest_settlement_year(ds, code)
    rated = latest_indicator_year(ds, code)
    if amounts is not None and (rated is None or amounts >= rated):
        return Opening(amounts, "settlement")
    if rated is not None:
        return Opening(rated, "indicators")
    ratios = ds.rows("ratios", code)
    kinds = year_kinds(ds, code)
    if not kinds:
        return Opening(None, "none")
    year = max(kinds)
    if kinds[year] != "決算":
        return Opening(year, "plan")
    tables = {name for name in _YEAR_TABLES if (ds.rows(name, code)["fiscal_year"] == year).any()}
    enterprise_only = not ratios[ratios["fiscal_year"] == year]["account"].isin(_OPENING_ACCOUNTS).any()
    if tables <= {"enterprise", "ratios"} and enterprise_only:
        return Opening(year, "enterprise")
    return Opening(year, "other")


def latest_indicator_year(ds: Dataset, code: str) -> int | None:
    """The latest year with a settled indicator of the general accounts (健全化判断比率, 経常収支比率 …).

    The year the indicators page opens a body on from the picker (FY2024 for the national 主要財政指標).
    """
    ratios = ds.rows("ratios", code)
    rated = ratios[(ratios["figure_kind"] == "決算") & ratios["account"].isin(_OPENING_ACCOUNTS)]
    if "scenario" in rated.columns:
        rated = rated[rated["scenario"] == ""]
    return None if rated.empty else int(rated["fiscal_year"].max())


def default_year(ds: Dataset, code: str) -> int | None:
    """The year a body opens on (:func:`opening`); ``None`` for a body without any figure."""
    return opening(ds, code).year
