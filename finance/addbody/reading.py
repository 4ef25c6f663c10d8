"""Reading and checking a flat file: every row checked at once, each problem with line, column, value and fix."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from finance.addbody.codes import (
    FIGURE_KINDS,
    HEADER,
    INDICATOR_TABLES,
    MONEY_UNITS,
    NOT_COMPUTED,
    PUBLISHED_ITEMS,
    TABLES,
    Codes,
)
from finance.schemas import MUNICIPALITY_KINDS, check_digit, valid_municipality_code
from finance.validation import Issue

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class Row:
    """One checked row of the flat file."""

    line: int
    code: str
    name: str
    kind: str
    prefecture: str
    year: int
    table: str
    item: str
    amount: Decimal | None  # None: blank (missing) or «—» (not computed)
    printed: str  # the amount as printed
    dash: bool  # «—»: not computed
    unit: str
    figure_kind: str
    source: tuple[str, str, str]
    page: str


class AddError(Exception):
    """The flat file cannot be added: ``issues`` lists every error (file, line, column, value, fix)."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} errors")


def _issue(file: str, line: int, column: str | None, value: str | None, code: str, **params: str) -> Issue:
    return Issue(file, line, column, value, f"add_{code}", dict(params))


def parse_amount(text: str) -> tuple[Decimal | None, bool] | None:
    """``(value, dash)`` of an amount as printed; ``None`` if it is not a number, «—» or blank.

    Commas and spaces are ignored, ▲ and △ (and full-width minus) mean negative, full-width digits are read as
    digits; «—», ``-`` and similar mean *not computed* (``dash``); a blank cell is missing (never zero).
    """
    cell = unicodedata.normalize("NFKC", text).strip()
    if cell == "":
        return None, False
    if cell in NOT_COMPUTED or unicodedata.normalize("NFKC", cell) in NOT_COMPUTED:
        return None, True
    negative = cell[0] in "▲△-−"
    body = cell[1:] if negative else cell
    body = body.replace(",", "").replace(" ", "").strip()
    if not _NUMBER.match(body) or body.startswith("-"):
        return None
    value = Decimal(body)
    return (-value if negative else value), False


def read_rows(path: Path, codes: Codes) -> list[Row]:
    """Every row of a flat file, checked; raises :class:`AddError` with every problem found."""
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AddError([_issue(name, 1, None, None, "unreadable", reason=str(exc))]) from exc
    lines = [
        (i + 1, line) for i, line in enumerate(text.splitlines()) if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise AddError([_issue(name, 1, None, None, "no_header", header=",".join(HEADER))])
    header_line, header_text = lines[0]
    header = [h.strip() for h in next(csv.reader([header_text]))]
    if tuple(header) != HEADER:
        missing = [h for h in HEADER if h not in header]
        extra = [h for h in header if h not in HEADER]
        raise AddError(
            [
                _issue(
                    name,
                    header_line,
                    None,
                    header_text[:80],
                    "header",
                    header=",".join(HEADER),
                    missing=", ".join(missing) or "-",
                    extra=", ".join(extra) or "-",
                )
            ]
        )
    issues: list[Issue] = []
    rows: list[Row] = []
    bodies: dict[str, tuple[str, str, str, int]] = {}
    for number, line in lines[1:]:
        cells = next(csv.reader([line]))
        if len(cells) != len(HEADER):
            issues.append(
                _issue(name, number, None, line[:80], "field_count", found=str(len(cells)), expected=str(len(HEADER)))
            )
            continue
        row, row_issues = _check(name, number, dict(zip(HEADER, (c.strip() for c in cells), strict=True)), codes)
        issues += row_issues
        if row is None:
            continue
        first = bodies.setdefault(row.code, (row.name, row.kind, row.prefecture, number))
        if first[:3] != (row.name, row.kind, row.prefecture):
            issues.append(
                _issue(name, number, "name_ja", f"{row.name} / {row.kind} / {row.prefecture}", "body_differs",
                       first=f"{first[0]} / {first[1]} / {first[2]}", other=str(first[3]))
            )  # fmt: skip
            continue
        rows.append(row)
    seen: dict[tuple[str, int, str, str, str], int] = {}
    for row in rows:
        key = (row.code, row.year, row.table, row.item, row.figure_kind)
        if key in seen:
            issues.append(_issue(name, row.line, "item", row.item, "duplicate", other=str(seen[key])))
        else:
            seen[key] = row.line
    if issues:
        raise AddError(issues)
    return rows


def _check(name: str, line: int, cells: dict[str, str], codes: Codes) -> tuple[Row | None, list[Issue]]:
    issues: list[Issue] = []

    def bad(column: str, code: str, **params: str) -> None:
        issues.append(_issue(name, line, column, cells[column], code, **params))

    code = unicodedata.normalize("NFKC", cells["municipality_code"])
    if re.fullmatch(r"\d{5}", code):
        bad("municipality_code", "code_five", suggestion=code + str(check_digit(code)))
    elif not valid_municipality_code(code):
        if re.fullmatch(r"\d{6}", code):
            bad("municipality_code", "code_check_digit", suggestion=code[:5] + str(check_digit(code[:5])))
        else:
            bad("municipality_code", "code_format")
    for column in ("name_ja", "prefecture_ja", "source_title", "source_publisher"):
        if not cells[column]:
            bad(column, "required")
    if cells["kind"] not in MUNICIPALITY_KINDS:
        bad("kind", "enum", allowed=" / ".join(MUNICIPALITY_KINDS))
    year_text = unicodedata.normalize("NFKC", cells["fiscal_year"])
    year = int(year_text) if re.fullmatch(r"\d{4}", year_text) and 1950 <= int(year_text) <= 2100 else None
    if year is None:
        bad("fiscal_year", "year")
    table, item = cells["table"], cells["item"]
    if table not in TABLES:
        bad("table", "enum", allowed=" / ".join(TABLES))
    elif item not in codes.item_codes(table):
        bad("item", "item", table=table, allowed=", ".join(codes.item_codes(table)))
    if cells["figure_kind"] not in FIGURE_KINDS:
        bad("figure_kind", "enum", allowed=" / ".join(FIGURE_KINDS))
    published = unicodedata.normalize("NFKC", cells["source_published"])
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", published):
        bad("source_published", "published")
    parsed = parse_amount(cells["amount"])
    if parsed is None:
        bad("amount", "amount")
    unit = cells["unit"]
    expected = _units(table, item)
    if unit not in expected:
        bad("unit", "unit", table=table, allowed=" / ".join(expected))
    value, dash = parsed if parsed is not None else (None, False)
    if dash and not (table in INDICATOR_TABLES and item in PUBLISHED_ITEMS):
        bad("amount", "dash_not_allowed")
    if value is not None and unit in MONEY_UNITS:
        if value != value.to_integral_value():
            bad("amount", "whole")
        elif unit == "円" and value % 1000 != 0:
            bad("amount", "yen_thousands")
    if value is not None and unit == "人" and (value < 0 or value != value.to_integral_value()):
        bad("amount", "count")
    page = cells["source_page"]
    if page and not (
        re.fullmatch(r"https?://\S+", page) or re.fullmatch(r"(p\.?\s*)?\d+([-–]\d+)?", page, re.IGNORECASE)
    ):
        bad("source_page", "page")
    if issues or year is None or parsed is None:
        return None, issues
    row = Row(
        line, code, cells["name_ja"], cells["kind"], cells["prefecture_ja"], year, table, item, value,
        cells["amount"], dash, unit, cells["figure_kind"],
        (cells["source_title"], cells["source_publisher"], published), page,
    )  # fmt: skip
    return row, []


def _units(table: str, item: str) -> tuple[str, ...]:
    if table in INDICATOR_TABLES:
        return ("%",) if item in PUBLISHED_ITEMS else tuple(MONEY_UNITS)
    if table in ("staff", "population"):
        return ("人",)
    return tuple(MONEY_UNITS)
