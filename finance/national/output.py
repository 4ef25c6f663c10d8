"""The cleaned tables of ``data/national``: their rows and columns, the reason codes, and writing them.

:func:`finance.national.build.build` fills an :class:`Output`; :func:`write` writes its CSV files and
``datapackage.json`` (nothing at all when the import met errors).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from finance.national.sheet import ImportFailed, ImportIssue

LICENCE = "政府標準利用規約（第2.0版）: CC BY 4.0 互換 / Public Data License (Version 2.0), compatible with CC BY 4.0"
PUBLISHER = "総務省"
OUTCOME_UNRESOLVED = "unresolved"
OUTCOME_SKIPPED = "skipped"
OUTCOME_VARIANT = "matched_variant"

#: reason codes of ``unresolved.csv`` → (Japanese, English).
REASONS: dict[str, tuple[str, str]] = {
    "name_not_found": (
        "団体コードがなく、同じ都道府県・団体名の行が住民基本台帳人口のどの年にもない",
        "no code, and no population file of any year has this prefecture and name",
    ),
    "variant_spelling": (
        "異体字・ケ/ヶの違いのみで住民基本台帳人口の名前と一致（detail に一致した名前とファイル）",
        "matched a population-file name through a variant spelling only (detail: the name and file matched)",
    ),
    "bad_check_digit": ("団体コードの検査数字が合わない", "the code's check digit does not match"),
    "duplicate_code": ("同じ表の別の行と同じ団体コード", "same code as another row of the same table"),
    "prefecture_not_found": (
        "都道府県名が住民基本台帳人口の都道府県行にない",
        "prefecture name not in the population files",
    ),
    "county_subtotal": ("郡の小計行（団体ではない）", "county (郡) subtotal row, not a body"),
    "subtotal": ("小計行（島しょ など、団体ではない）", "subtotal row (e.g. 島しょ), not a body"),
    "no_code": (
        "団体コードのない行（北方領土の村、人口0）",
        "row without a code (Northern Territories villages, population 0)",
    ),
    "note_row": ("注記行", "note row"),
    "not_in_fiscal_tables": (
        "財政指標の表にない団体（2005年度の表より前に合併で消滅、北方領土の村など）。人口は書き出さない",
        "body in no fiscal table (merged away before the FY2005 table, Northern Territories villages); population"
        " not written",
    ),
}


@dataclass(frozen=True)
class Source:
    """A source file and what it is (one row of ``sources.csv``)."""

    source_id: str
    title_ja: str
    title_en: str
    publisher_ja: str
    fiscal_year: str
    as_of: str
    file: str
    sha256: str
    edited: str
    licence: str
    attribution_ja: str
    note: str


@dataclass
class Output:
    """The tables written to ``data/national`` (lists of rows in column order) and the issues met."""

    sources: list[Source] = field(default_factory=list)
    municipalities: list[list[str]] = field(default_factory=list)
    wards: list[list[str]] = field(default_factory=list)
    ratios: list[list[str]] = field(default_factory=list)
    prefecture_means: list[list[str]] = field(default_factory=list)
    population: list[list[str]] = field(default_factory=list)
    ward_population: list[list[str]] = field(default_factory=list)
    settlement: list[list[str]] = field(default_factory=list)
    unresolved: list[list[str]] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    table_rows: dict[str, int] = field(default_factory=dict)


COLUMNS: dict[str, list[str]] = {
    "sources.csv": [
        "source_id",
        "title_ja",
        "title_en",
        "publisher_ja",
        "fiscal_year",
        "as_of",
        "file",
        "sha256",
        "edited",
        "licence",
        "attribution_ja",
        "note",
    ],
    "municipalities.csv": [
        "municipality_code",
        "name_ja",
        "prefecture_ja",
        "kind",
        "first_fiscal_year",
        "last_fiscal_year",
        "current",
        "source_id",
    ],
    "wards.csv": ["ward_code", "name_ja", "city_code", "prefecture_ja", "first_as_of", "last_as_of", "source_id"],
    "ratios.csv": [
        "municipality_code",
        "fiscal_year",
        "indicator",
        "published_text",
        "value",
        "status",
        "source_id",
        "source_row",
        "note",
    ],
    "prefecture_means.csv": [
        "group",
        "prefecture_ja",
        "fiscal_year",
        "indicator",
        "published_text",
        "value",
        "status",
        "source_id",
        "source_row",
        "note",
    ],
    "population.csv": ["municipality_code", "fiscal_year", "population", "basis", "as_of", "source_id", "source_row"],
    "ward_population.csv": ["ward_code", "fiscal_year", "population", "basis", "as_of", "source_id", "source_row"],
    "settlement.csv": [
        "municipality_code",
        "fiscal_year",
        "account",
        "item",
        "label_ja",
        "amount_thousand_yen",
        "published_text",
        "source_id",
        "source_row",
    ],
    "unresolved.csv": [
        "source_id",
        "source_row",
        "fiscal_year",
        "prefecture_ja",
        "name_ja",
        "municipality_code",
        "outcome",
        "reason",
        "detail",
    ],
}


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def tables_of(out: Output) -> dict[str, list[list[str]]]:
    """The output's tables by file name (rows as strings, in column order)."""
    return {
        "sources.csv": [[getattr(s, c) for c in COLUMNS["sources.csv"]] for s in out.sources],
        "municipalities.csv": out.municipalities,
        "wards.csv": out.wards,
        "ratios.csv": out.ratios,
        "prefecture_means.csv": out.prefecture_means,
        "population.csv": out.population,
        "ward_population.csv": out.ward_population,
        "settlement.csv": out.settlement,
        "unresolved.csv": out.unresolved,
    }


def datapackage(counts: dict[str, int]) -> dict[str, object]:
    """A Frictionless Data Package descriptor of the written files (all columns as strings)."""
    return {
        "name": "mieruka-national",
        "title": "全国の地方公共団体の財政指標・人口・決算（総務省の公表表から作成）",
        "licenses": [{"name": "CC-BY-4.0", "title": LICENCE}],
        "sources": [{"title": "総務省 (Ministry of Internal Affairs and Communications)"}],
        "resources": [
            {
                "name": re.sub(r"\W", "-", name.removesuffix(".csv")),
                "path": name,
                "format": "csv",
                "encoding": "utf-8",
                "rows": counts[name],
                "schema": {"fields": [{"name": c, "type": "string"} for c in COLUMNS[name]]},
            }
            for name in COLUMNS
        ],
    }


def write(out: Output, target: Path) -> dict[str, int]:
    """Write the tables and ``datapackage.json`` into ``target``; returns the row count per file.

    Raises:
        ImportFailed: when the import met errors (nothing is written then).
    """
    if out.issues:
        raise ImportFailed(out.issues)
    target.mkdir(parents=True, exist_ok=True)
    counts = {name: _write(target / name, COLUMNS[name], rows) for name, rows in tables_of(out).items()}
    descriptor = json.dumps(datapackage(counts), ensure_ascii=False, indent=2) + "\n"
    (target / "datapackage.json").write_text(descriptor, encoding="utf-8")
    return counts
