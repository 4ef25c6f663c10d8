"""A body's published ratios against groups of similar bodies: distributions, never league tables.

For an indicator and fiscal year of the national tables, every body's printed value is set against three groups:

``prefecture``
    the municipalities (市区町村) of the same 都道府県;
``kind_band``
    the bodies of the same kind nationwide — 指定都市, 特別区 and 都道府県 each as one group; other cities, towns and
    villages (市・町・村 together, as the ministry's tables do) by resident-register population band;
``all``
    all municipalities (or, for a 都道府県, all 47 prefectures).

Each group is named and counted and described by its minimum, quartiles, median and maximum (linear
interpolation between the sorted values, numpy's default), with the body's own value marked. Bodies whose value
was not calculated («-») are counted apart, never as 0. No position or rank is computed. The published averages
(都道府県別の市町村平均, 全国市町村平均, 都道府県平均) are given as published, with their source.

Everything is computed once per process for an indicator and year (all groups at once), then only looked up.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import pandas as pd

from finance.load import Dataset, national_source_id

PEER_INDICATORS: tuple[str, ...] = (
    "real_debt_service_ratio",
    "future_burden_ratio",
    "ordinary_balance_ratio",
    "fiscal_capability_index",
    "laspeyres_index",
    "bond_restriction_ratio",
)
BANDS: tuple[int, ...] = (5_000, 10_000, 50_000, 100_000, 300_000)
"""Upper bounds of the population bands (persons): under 5,000, 5,000–9,999, … 300,000 and over."""
UNIFORM_KINDS = frozenset(("指定都市", "特別区", "都道府県"))
Band = tuple[int | None, int | None]
GroupKey = tuple[str, str, str, Band | None]


@dataclass(frozen=True)
class Distribution:
    """One group's values of an indicator in a year."""

    group: str  # prefecture | kind_band | all
    prefecture_ja: str  # the 都道府県 of a ``prefecture`` group, else ""
    kind: str  # 市町村 / 指定都市 / 特別区 / 都道府県 for ``kind_band`` and ``all``
    band: tuple[int | None, int | None]  # population band (from, below) of a ``kind_band`` group of 市町村
    count: int  # bodies with a value
    not_calculated: int  # bodies of the group whose value was not calculated («-»), not counted as 0
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


@dataclass(frozen=True)
class PublishedMean:
    """An average as published by the ministry."""

    group: str  # municipalities_of_prefecture | all_municipalities | all_prefectures
    prefecture_ja: str
    value: float | None
    published_text: str
    source_id: str


@dataclass(frozen=True)
class PeerView:
    """A body's value of an indicator and year against its groups."""

    indicator: str
    year: int
    value: float | None
    status: str
    population: int | None
    population_as_of: str
    distributions: tuple[Distribution, ...]
    means: tuple[PublishedMean, ...]


def band_of(population: int | None) -> tuple[int | None, int | None]:
    """The population band (from, below) of a population; ``(None, None)`` when unknown."""
    if population is None:
        return (None, None)
    i = bisect_right(BANDS, population)
    return (BANDS[i - 1] if i else 0, BANDS[i] if i < len(BANDS) else None)


def _populations(ds: Dataset) -> dict[str, list[tuple[int, int, str]]]:
    """Per body, its national population rows (fiscal year, persons, as_of) in year order; built once."""
    key = ("peer_populations",)
    found = ds.memo.get(key)
    if found is None:
        frame = ds["population"]
        frame = frame[frame["source_id"].isin(ds.national_source_ids)]
        out: dict[str, list[tuple[int, int, str]]] = {}
        for code, year, persons, as_of in zip(
            frame["municipality_code"], frame["fiscal_year"], frame["population"], frame["as_of"], strict=True
        ):
            out.setdefault(str(code), []).append((int(year), int(persons), str(as_of)))
        for rows in out.values():
            rows.sort()
        ds.memo[key] = out
        found = out
    return found  # type: ignore[return-value]


def population_for(ds: Dataset, code: str, year: int) -> tuple[int | None, str]:
    """The register population serving ``year``, else the latest earlier one (persons, as_of)."""
    rows = _populations(ds).get(code, [])
    before = [r for r in rows if r[0] <= year]
    if not before:
        return None, ""
    return before[-1][1], before[-1][2]


def _kind(ds: Dataset, code: str) -> str:
    body = ds.body(code) or {}
    kind = str(body.get("kind", ""))
    return kind if kind in UNIFORM_KINDS else "市町村"


def _all_values(ds: Dataset) -> dict[tuple[str, int], dict[str, tuple[float | None, str]]]:
    """(indicator, year) → body → (value, status) of the national tables, built once per process.

    One row per body: the 主要財政指標 before the 決算状況調 when both print the year.
    """
    key = ("peer_values",)
    found = ds.memo.get(key)
    if found is None:
        frame = ds["ratios"]
        frame = frame[frame["source_id"].isin(ds.national_source_ids) & frame["indicator"].isin(PEER_INDICATORS)]
        frame = frame.assign(_kessan=frame["source_id"].str.startswith("MIC_KESSAN")).sort_values(
            "_kessan", kind="stable"
        )
        out: dict[tuple[str, int], dict[str, tuple[float | None, str]]] = {}
        for indicator, year, code, value, status in zip(
            frame["indicator"], frame["fiscal_year"], frame["municipality_code"], frame["value"], frame["status"],
            strict=True,
        ):  # fmt: skip
            bodies = out.setdefault((str(indicator), int(year)), {})
            if code not in bodies:
                bodies[str(code)] = (None if status != "ok" or pd.isna(value) else float(value), str(status))
        ds.memo[key] = out
        found = out
    return found  # type: ignore[return-value]


def _stats(values: np.ndarray) -> tuple[float, float, float, float, float]:
    q1, median, q3 = np.percentile(values, [25, 50, 75])
    return float(values.min()), float(q1), float(median), float(q3), float(values.max())


def distributions(ds: Dataset, indicator: str, year: int) -> dict[GroupKey, Distribution]:
    """Every group's distribution of an indicator in a year, computed once per process."""
    key = ("peer_distributions", indicator, year)
    found = ds.memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    rows = _all_values(ds).get((indicator, year), {})
    groups: dict[GroupKey, tuple[list[float], int]] = {}

    def add(group_key: GroupKey, value: float | None) -> None:
        values, missing = groups.get(group_key, ([], 0))
        if value is None:
            missing += 1
        else:
            values.append(value)
        groups[group_key] = (values, missing)

    for code, (number, _) in rows.items():
        body = ds.body(code) or {}
        kind = _kind(ds, code)
        if kind == "都道府県":
            add(("kind_band", "", kind, None), number)
            add(("all", "", kind, None), number)
            continue
        add(("prefecture", str(body.get("prefecture_ja", "")), "市町村", None), number)
        add(("all", "", "市町村", None), number)
        band: Band | None = None if kind in UNIFORM_KINDS else band_of(population_for(ds, code, year)[0])
        add(("kind_band", "", kind, band), number)
    out: dict[GroupKey, Distribution] = {}
    for (group, prefecture, kind, group_band), (values, missing) in groups.items():
        if not values:
            continue
        low, q1, median, q3, high = _stats(np.asarray(values, dtype=float))
        out[(group, prefecture, kind, group_band)] = Distribution(
            group, prefecture, kind, group_band or (None, None), len(values), missing, low, q1, median, q3, high
        )
    ds.memo[key] = out
    return out


def _published_means(ds: Dataset) -> dict[tuple[str, str, int, str], PublishedMean]:
    """(group, prefecture, year, indicator) → the average as published; built once per process."""
    key = ("peer_means",)
    found = ds.memo.get(key)
    if found is None:
        out: dict[tuple[str, str, int, str], PublishedMean] = {}
        if "national_prefecture_means" in ds.tables:
            for row in ds["national_prefecture_means"].to_dict("records"):
                group, pref = str(row["group"]), str(row["prefecture_ja"])
                value = None if pd.isna(row["value"]) else float(row["value"])
                out[(group, pref, int(row["fiscal_year"]), str(row["indicator"]))] = PublishedMean(
                    group, pref, value, str(row["published_text"]), national_source_id(str(row["source_id"]))
                )
        ds.memo[key] = out
        found = out
    return found  # type: ignore[return-value]


def _means(ds: Dataset, indicator: str, year: int, prefecture: str, kind: str) -> tuple[PublishedMean, ...]:
    wanted = (
        [("all_prefectures", "")]
        if kind == "都道府県"
        else [("municipalities_of_prefecture", prefecture), ("all_municipalities", "")]
    )
    table = _published_means(ds)
    return tuple(table[(g, p, year, indicator)] for g, p in wanted if (g, p, year, indicator) in table)


def peer_view(ds: Dataset, code: str, indicator: str, year: int) -> PeerView | None:
    """A body's value against its three groups; ``None`` when the national tables have no value for the year."""
    mine = _all_values(ds).get((indicator, year), {}).get(code)
    if mine is None:
        return None
    body = ds.body(code) or {}
    kind = _kind(ds, code)
    prefecture = str(body.get("prefecture_ja", ""))
    population, as_of = population_for(ds, code, year)
    table = distributions(ds, indicator, year)
    keys: list[GroupKey]
    if kind == "都道府県":
        keys = [("kind_band", "", kind, None)]
    else:
        band: Band | None = None if kind in UNIFORM_KINDS else band_of(population)
        keys = [("prefecture", prefecture, "市町村", None), ("kind_band", "", kind, band), ("all", "", "市町村", None)]
    found = tuple(table[k] for k in keys if k in table)
    return PeerView(
        indicator,
        year,
        mine[0],
        mine[1],
        population,
        as_of,
        found,
        _means(ds, indicator, year, prefecture, kind),
    )


def for_body(ds: Dataset, code: str, year: int) -> tuple[PeerView, ...]:
    """The peer views of every indicator the national tables give the body for ``year``."""
    if not ds.national_source_ids:
        return ()
    views = (peer_view(ds, code, indicator, year) for indicator in PEER_INDICATORS)
    return tuple(v for v in views if v is not None)
