"""The table specs of the national tables (``data/national/``, written by ``python -m finance import-national``).

They are checked in their own slim layout and then mapped into the project's tables by
:func:`finance.load.national.with_national`.
"""

from __future__ import annotations

import re

from finance.schemas.columns import ACCOUNT, AMOUNT, LABEL, MUNI, NOTE, YEAR_COL, Col, TableSpec, enum_col
from finance.schemas.kinds import (
    DATE,
    DECIMAL,
    MUNICIPALITY_KINDS,
    POPULATION_BASES,
    POSITIVE,
    RATIO_STATUSES,
    SLUG,
    TEXT,
    YEAR,
    Kind,
)

NATIONAL_DIR = "national"
NATIONAL_SOURCE_ID = Kind(
    "national_source_id", lambda v: bool(re.match(r"^[a-z][a-z0-9-]*$", v, re.ASCII)), "string", "source_id"
)
NATIONAL_GROUPS = ("municipalities_of_prefecture", "all_municipalities", "all_prefectures")
_NSOURCE = Col("source_id", NATIONAL_SOURCE_ID, title_ja="出典", description="national/sources.csv")
_NROW = Col("source_row", POSITIVE, title_ja="行", description="1-based row of the sheet (line of the converted CSV)")
_NRATIO_COLS = (
    Col("indicator", SLUG),
    Col("published_text", TEXT, False),
    Col("value", DECIMAL, False),
    enum_col("status", RATIO_STATUSES),
    _NSOURCE,
    _NROW,
    NOTE,
)

NATIONAL_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "national_sources",
        "national/sources.csv",
        "出典（全国の表）",
        "The ministry's source files",
        (
            Col("source_id", NATIONAL_SOURCE_ID),
            Col("title_ja", TEXT),
            Col("title_en", TEXT, False),
            Col("publisher_ja", TEXT),
            Col("fiscal_year", TEXT),
            Col("as_of", DATE, False),
            Col("file", TEXT),
            Col("sha256", TEXT),
            enum_col("edited", ("yes", "no")),
            Col("licence", TEXT),
            Col("attribution_ja", TEXT),
            NOTE,
        ),
        ("source_id",),
    ),
    TableSpec(
        "national_municipalities",
        "national/municipalities.csv",
        "団体（全国）",
        "Every body in the ministry's fiscal tables",
        (
            MUNI,
            Col("name_ja", TEXT),
            Col("prefecture_ja", TEXT),
            enum_col("kind", MUNICIPALITY_KINDS),
            Col("first_fiscal_year", YEAR),
            Col("last_fiscal_year", YEAR),
            enum_col("current", ("yes", "no")),
            _NSOURCE,
        ),
        ("municipality_code",),
        {"first_fiscal_year": "Int64", "last_fiscal_year": "Int64"},
    ),
    TableSpec(
        "national_ratios",
        "national/ratios.csv",
        "財政指標（全国の表）",
        "Published indicator values of every body",
        (MUNI, YEAR_COL, *_NRATIO_COLS),
        ("municipality_code", "fiscal_year", "indicator", "source_id"),
        {"fiscal_year": "Int64", "value": "float", "source_row": "Int64"},
    ),
    TableSpec(
        "national_prefecture_means",
        "national/prefecture_means.csv",
        "都道府県別平均（公表値）",
        "Published averages",
        (enum_col("group", NATIONAL_GROUPS), Col("prefecture_ja", TEXT, False), YEAR_COL, *_NRATIO_COLS),
        ("group", "prefecture_ja", "fiscal_year", "indicator"),
        {"fiscal_year": "Int64", "value": "float", "source_row": "Int64"},
    ),
    TableSpec(
        "national_population",
        "national/population.csv",
        "住民基本台帳人口（全国）",
        "Resident-register population of every body",
        (
            MUNI,
            YEAR_COL,
            Col("population", POSITIVE),
            enum_col("basis", POPULATION_BASES),
            Col("as_of", DATE),
            _NSOURCE,
            _NROW,
        ),
        ("municipality_code", "as_of"),
        {"fiscal_year": "Int64", "population": "Int64", "source_row": "Int64"},
    ),
    TableSpec(
        "national_settlement",
        "national/settlement.csv",
        "決算状況調（全国）",
        "FY2019 settlement survey amounts of every municipality",
        (
            MUNI,
            YEAR_COL,
            ACCOUNT,
            Col("item", SLUG),
            LABEL,
            AMOUNT,
            Col("published_text", TEXT, False),
            _NSOURCE,
            _NROW,
        ),
        ("municipality_code", "fiscal_year", "account", "item", "source_id"),
        {"fiscal_year": "Int64", "amount_thousand_yen": "Int64", "source_row": "Int64"},
    ),
)
NATIONAL_SPEC_BY_NAME: dict[str, TableSpec] = {s.name: s for s in NATIONAL_SPECS}
