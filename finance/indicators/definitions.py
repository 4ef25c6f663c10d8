"""The indicator registry: which indicators exist, where the law defines them and what they are computed from.

Every indicator is a row of ``reference/indicators.csv`` (name, unit, published precision and rounding, direction);
its canonical components are the rows of ``reference/components.csv`` (see :mod:`finance.components`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, cast

from finance import components as comp
from finance.load import Dataset

Rounding = Literal["truncate", "round", "as_printed"]

SOUNDNESS: tuple[str, ...] = (
    "real_deficit_ratio",
    "consolidated_real_deficit_ratio",
    "real_debt_service_ratio",
    "future_burden_ratio",
)
"""The four 健全化判断比率 in the law's order."""

LEGAL_BASIS: Mapping[str, str] = {
    "real_deficit_ratio": "財政健全化法 第2条第1号",
    "consolidated_real_deficit_ratio": "財政健全化法 第2条第2号",
    "real_debt_service_ratio": "財政健全化法 第2条第3号",
    "real_debt_service_ratio_single": "財政健全化法 第2条第3号（各年度の比率）",
    "future_burden_ratio": "財政健全化法 第2条第4号",
    "funding_shortfall_ratio": "財政健全化法 第22条",
    "ordinary_balance_ratio": "地方財政状況調査（法律上の基準なし）",
    "fiscal_capability_index": "地方交付税法（基準財政収入額・需要額）",
}
"""Where each indicator is defined."""


@dataclass(frozen=True)
class Indicator:
    """One indicator of the registry.

    Attributes:
        code: registry key (also the catalog key under ``indicator.``).
        name_ja: official Japanese name.
        name_en: English name.
        unit: ``percent`` or ``index``.
        decimals: published precision.
        rounding: how published values are cut (``truncate``, ``round`` or ``as_printed``).
        direction: ``lower_is_better``, ``higher_is_better`` or ``neutral``.
        legal: ``law`` for the health-law ratios, else ``statistic`` or ``guideline``.
        legal_basis: where it is defined.
        components: canonical components it is computed from (empty: published values only).
    """

    code: str
    name_ja: str
    name_en: str
    unit: str
    decimals: int
    rounding: Rounding
    direction: str
    legal: str
    legal_basis: str
    components: tuple[str, ...]


def registry(ds: Dataset) -> dict[str, Indicator]:
    """Every indicator of ``indicators.csv``, with its legal basis and components."""
    out: dict[str, Indicator] = {}
    for row in ds["indicators"].itertuples(index=False):
        code = str(row.indicator)
        out[code] = Indicator(
            code,
            str(row.name_ja),
            str(row.name_en),
            str(row.unit),
            int(row.decimals),  # type: ignore[arg-type]
            str(row.published_rounding),  # type: ignore[arg-type]
            str(row.direction),
            str(row.legal),
            LEGAL_BASIS.get(code, ""),
            tuple(comp.inputs(component_catalog(ds), code)),
        )
    return out


def component_catalog(ds: Dataset) -> comp.Catalog:
    """The canonical components of ``reference/components.csv`` (built once per process)."""
    found = ds.memo.get("component_catalog")
    if found is None:
        found = comp.catalog(cast("list[dict[str, object]]", ds["components"].to_dict("records")))
        ds.memo["component_catalog"] = found
    return found  # type: ignore[return-value]
