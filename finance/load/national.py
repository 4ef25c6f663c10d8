"""The national tables: validated in their own slim layout, then mapped into the project's tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from finance.load.checks import check_table, duplicate_key_issues, typed_table
from finance.load.links import status_issues
from finance.load.reading import MAX_FILE_BYTES, read_text_table
from finance.schemas import NATIONAL_SPECS
from finance.validation import Issue

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
            tables[spec.name] = typed_table(frame, spec)
    if len(tables) < len(NATIONAL_SPECS):
        return {}, issues, raws
    issues += status_issues(tables, "national_ratios", "national/ratios.csv")
    issues += status_issues(tables, "national_prefecture_means", "national/prefecture_means.csv")
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
