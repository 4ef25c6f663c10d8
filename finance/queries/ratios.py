"""Published indicator values (健全化判断比率 and the other ratios) and the printed components behind them."""

from __future__ import annotations

from finance.load import Dataset
from finance.queries.model import KIND_ORDER, PublishedRatio, printed_decimals
from finance.queries.sources import integer, number, source_of


def published_ratios(ds: Dataset, code: str, year: int, account: str = "general_etc") -> tuple[PublishedRatio, ...]:
    """The published indicator values of a year for one account (the four 健全化判断比率 for ``general_etc``)."""
    rows = [
        r
        for r in ds.records("ratios", code)
        if r["fiscal_year"] == year and r["account"] == account and r["scenario"] == ""
    ]
    out: list[PublishedRatio] = []
    for row in sorted(rows, key=lambda r: KIND_ORDER[str(r["figure_kind"])]):  # stable: file order within a kind
        if any(r.indicator == row["indicator"] for r in out):
            continue
        out.append(
            PublishedRatio(
                str(row["indicator"]),
                number(row["value"]),
                str(row["status"]),
                number(row["surplus_value"]),
                number(row["early_threshold"]),
                number(row["rebuilding_threshold"]),
                str(row["published_text"]),
                str(row["figure_kind"]),
                str(row["account"]),
                source_of(ds, row),
                printed_decimals(str(row["published_text"])),
            )
        )
    return tuple(out)


def components(
    ds: Dataset,
    code: str,
    year: int,
    indicator: str,
    *,
    account: str = "general_etc",
    scenario: str = "",
    source_table: str | None = None,
) -> dict[str, int]:
    """The printed components of an indicator, ``{component: amount}``; scenario rows override common ones.

    When several printed tables hold components for the same year (a plan's projections), ``source_table``
    chooses one; without it the most complete table is used.
    """
    rows = [
        r
        for r in ds.records("ratio_components", code)
        if r["fiscal_year"] == year
        and r["indicator"] == indicator
        and r["account"] == account
        and r["scenario"] in ("", scenario)
    ]
    if source_table is not None:
        rows = [r for r in rows if r["source_table"] == source_table]
    else:
        tables: dict[str, set[object]] = {}
        for r in rows:
            tables.setdefault(str(r["source_table"]), set()).add(r["component"])
        if len(tables) > 1:  # several printed tables: take the most complete one (the last of equals)
            most = max(len(c) for c in tables.values())
            chosen = [t for t, c in tables.items() if len(c) == most][-1]
            rows = [r for r in rows if r["source_table"] == chosen]
    result: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: r["scenario"] != ""):  # "" first, the scenario's rows override them
        value = integer(row["amount_thousand_yen"])
        if value is not None:
            result[str(row["component"])] = value
    return result
