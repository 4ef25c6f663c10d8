"""Provenance of data rows: the :class:`Source` of a row, a row as a :class:`Fact`, the documents a body cites.

Every figure the pages show is read through :func:`source_of` (joins ``sources.csv`` for the title and publication
date) or :func:`fact_of` (a row's amount with its precision, kind and source).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from finance.load import Dataset
from finance.queries.model import Fact, Source


def _sources(ds: Dataset) -> dict[str, dict[str, object]]:
    found = ds.memo.get("sources")
    if found is None:
        found = {str(r["source_id"]): r for r in ds["sources"].to_dict("records")}
        ds.memo["sources"] = found
    return found  # type: ignore[return-value]


def source_of(ds: Dataset, row: Mapping[str, object] | pd.Series) -> Source:
    """The :class:`Source` of a data row (joins ``sources.csv`` for title and publication date)."""
    src = _sources(ds)[str(row["source_id"])]
    return Source(
        str(row["source_id"]),
        str(src["title_ja"]),
        str(src["title_en"] or src["title_ja"]),
        str(src["publisher_ja"]),
        str(src["published"]),
        str(row["source_table"]),
        str(row["source_lines"]),
        str(src.get("url") or ""),
        _edition(src, row),
        str(src.get("short_ja") or ""),
        str(src.get("short_en") or ""),
        str(src.get("pages") or ""),
    )


def _edition(src: Mapping[str, object], row: Mapping[str, object] | pd.Series) -> str:
    """For a national statistical table: the row's reference date or fiscal year (``"2014-01-01"``, ``"2013"``)."""
    if src.get("kind") != "statistics":
        return ""
    as_of = row.get("as_of") if hasattr(row, "get") else None
    if isinstance(as_of, str) and as_of:
        return as_of
    year = row.get("fiscal_year") if hasattr(row, "get") else None
    return "" if year is None or pd.isna(year) else str(int(str(year)))  # type: ignore[arg-type]


def number(x: object) -> float | None:
    """A float from a data cell, ``None`` for a missing one."""
    return None if pd.isna(x) else float(x)  # type: ignore[arg-type,call-overload]


def integer(x: object) -> int | None:
    """An int from a data cell, ``None`` for a missing one."""
    return None if pd.isna(x) else int(x)  # type: ignore[call-overload]


def fact_of(ds: Dataset, row: Mapping[str, object] | pd.Series) -> Fact:
    """The :class:`Fact` of a data row with an amount (``amount_thousand_yen``), with its :class:`Source`."""
    return Fact(
        integer(row["amount_thousand_yen"]),
        str(row["published_unit"]),
        str(row["rounding"]),
        str(row["figure_kind"]),
        str(row["account"]),
        str(row.get("label_ja", "")),
        str(row["note"]),
        source_of(ds, row),
    )


def sources_used(ds: Dataset, code: str) -> tuple[Source, ...]:
    """The documents a municipality's figures come from (for the footer), in id order; memoised per municipality."""
    key = ("sources_used", code)
    found = ds.memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    ids: set[str] = set()
    for name in ("settlement", "ratios", "enterprise", "funds", "debt", "staff", "population"):
        ids |= set(ds.rows(name, code)["source_id"])
    sources = _sources(ds)
    result = tuple(
        Source(
            i,
            str(sources[i]["title_ja"]),
            str(sources[i]["title_en"] or sources[i]["title_ja"]),
            str(sources[i]["publisher_ja"]),
            str(sources[i]["published"]),
            "",
            "",
        )
        for i in sorted(ids)
    )
    ds.memo[key] = result
    return result
