"""Shared, cached readings of the official files in data/official for the national importer tests."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from finance.national.build import build
from finance.national.output import Output
from finance.national.sheet import read_first_sheet
from finance.national.shuyou import Table, TableKind, parse_table
from tests.conftest import ROOT

OFFICIAL = ROOT / "data" / "official"
NATIONAL = ROOT / "data" / "national"


@cache
def official_output() -> Output:
    """The importer's output from the files in data/official (built once per test session)."""
    return build(OFFICIAL)


@cache
def table(kind: TableKind, era: str) -> Table:
    """A 主要財政指標 sheet of data/official, parsed (fails on any import issue)."""
    from finance.formatting import parse_fiscal_year

    path = next((OFFICIAL / "shuyou-zaisei-shihyou" / kind).glob(f"{era}.xls*"))
    year = parse_fiscal_year(era)
    assert year is not None
    parsed, issues = parse_table(read_first_sheet(path), path.name, kind, year)
    assert issues == []
    return parsed


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def committed(name: str) -> tuple[dict[str, str], ...]:
    """A committed file of data/national as dict rows."""
    return tuple(read_csv(NATIONAL / name))


def ratio(output: Output, code: str, year: int, indicator: str, source_prefix: str = "mic-") -> list[str]:
    """The one ratios row of the output for a body, year and indicator from the given kind of source."""
    found = [
        r
        for r in output.ratios
        if r[0] == code and r[1] == str(year) and r[2] == indicator and r[6].startswith(source_prefix)
    ]
    assert len(found) == 1, found
    return found[0]
