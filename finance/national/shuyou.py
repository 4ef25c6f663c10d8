"""主要財政指標: 全市町村, 全都道府県 and 都道府県別平均 tables, and the converted FY2015–2024 file.

Columns are found by their headings (the order and the set change between years: 起債制限比率 H17–H19, no 団体コード
before H23, ラスパイレス指数参考値 in H24–H25). Each indicator cell becomes one :class:`RatioCell` that keeps what was
printed: a number at the published decimals, «-»/«－» as *not calculated* (never 0), an empty cell as *missing*.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from finance.national.sheet import (
    Cell,
    ImportIssue,
    Row,
    decimal_text,
    has_more_decimals,
    is_not_calculated,
    norm,
    raw_text,
)

Status = Literal["ok", "non_positive", "not_applicable", "missing"]
TableKind = Literal["city", "prefecture", "prefecturemean"]

#: heading (normalised) → indicator code of ``reference/indicators.csv`` (``laspeyres_index_reference`` is new).
INDICATOR_HEADINGS: dict[str, str] = {
    "財政力指数": "fiscal_capability_index",
    "経常収支比率": "ordinary_balance_ratio",
    "実質公債費比率": "real_debt_service_ratio",
    "将来負担比率": "future_burden_ratio",
    "起債制限比率": "bond_restriction_ratio",
    "ラスパイレス指数": "laspeyres_index",
    "ラスパイレス指数参考値": "laspeyres_index_reference",
}
ID_HEADINGS = {"団体コード": "code", "都道府県名": "prefecture", "団体名": "name"}

#: the converted file's columns → indicator codes.
DERIVED_COLUMNS: dict[str, str] = {
    "fiscal_strength": "fiscal_capability_index",
    "current_balance_ratio": "ordinary_balance_ratio",
    "real_debt_service_ratio": "real_debt_service_ratio",
    "future_burden_ratio": "future_burden_ratio",
    "laspeyres": "laspeyres_index",
}

NOTE_PARENTHESES = "括弧書きで公表（特別区の読み替え算定） / printed in parentheses (special-ward basis)"
_PAREN = re.compile(r"^\((-?\d+(?:\.\d+)?)\)$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def decimals_for(indicator: str, table: TableKind, body_is_prefecture: bool) -> int:
    """Published decimals: 財政力指数 2 (5 in the 全都道府県 table), every other indicator 1."""
    if indicator == "fiscal_capability_index":
        return 5 if table == "prefecture" and body_is_prefecture else 2
    return 1


@dataclass(frozen=True)
class RatioCell:
    """One printed indicator value.

    Attributes:
        indicator: indicator code.
        published_text: the cell as printed (numbers written at the published decimals).
        value: the number as printed, ``None`` when the cell is not a number.
        status: ``ok``, ``non_positive`` (将来負担比率 «-»), ``not_applicable`` (other «-»), ``missing`` (empty).
        note: what a reader must know beyond the status (parentheses, excess precision in the cell); the meaning
            of «-»/«－»/«nc» is the status itself (``non_positive`` / ``not_applicable``: not calculated, not 0).
    """

    indicator: str
    published_text: str
    value: str | None
    status: Status
    note: str


@dataclass(frozen=True)
class TableRow:
    """A body (or average) row of a 主要財政指標 table.

    Attributes:
        row: 1-based sheet row.
        code: 団体コード as printed (empty before H23 and in the prefecture tables).
        prefecture: 都道府県名, normalised.
        name: 団体名, normalised (the prefecture's name in the 全都道府県 table).
        cells: the indicator cells of the row.
    """

    row: int
    code: str
    prefecture: str
    name: str
    cells: tuple[RatioCell, ...]


@dataclass(frozen=True)
class Table:
    """A parsed 主要財政指標 sheet.

    Attributes:
        file: the file name relative to the source folder.
        table: ``city``, ``prefecture`` or ``prefecturemean``.
        fiscal_year: the settlement year of the table.
        title: the sheet's title line.
        indicators: the indicator columns present, in sheet order.
        rows: the body rows (prefecture headings, blank and note rows skipped).
        averages: the average rows (全国市町村平均, 都道府県平均).
        notes: the printed footnotes below the table, joined.
    """

    file: str
    table: TableKind
    fiscal_year: int
    title: str
    indicators: tuple[str, ...]
    rows: tuple[TableRow, ...]
    averages: tuple[TableRow, ...]
    notes: str


def parse_cell(cell: Cell, indicator: str, decimals: int) -> tuple[RatioCell | None, str | None]:
    """Read one indicator cell; returns the cell or, when it cannot be read, the reason (English)."""
    if isinstance(cell, bool):
        return None, "a boolean is not an indicator value"
    if isinstance(cell, int | float):
        note = ""
        if isinstance(cell, float) and has_more_decimals(cell, decimals):
            note = (
                f"セルの値 {cell!r} を公表桁 ({decimals}桁) で記録 / cell holds {cell!r}, kept at {decimals} decimals"
            )
        text = decimal_text(cell, decimals)
        return RatioCell(indicator, text, text, "ok", note), None
    printed = raw_text(cell)
    text = norm(printed)
    if text == "":
        return RatioCell(indicator, "", None, "missing", "空欄 / blank in the table"), None
    if is_not_calculated(printed) or is_not_calculated(text):
        if indicator == "future_burden_ratio":
            return RatioCell(indicator, printed, None, "non_positive", ""), None
        return RatioCell(indicator, printed, None, "not_applicable", ""), None
    paren = _PAREN.match(text)
    if paren:
        return RatioCell(
            indicator, printed, decimal_text(float(paren.group(1)), decimals), "ok", NOTE_PARENTHESES
        ), None
    if _NUMBER.match(text):
        return RatioCell(indicator, printed, decimal_text(float(text), decimals), "ok", ""), None
    return None, "not a number, «-»/«－»/«…» or blank"


def _header_row(rows: list[Row]) -> int | None:
    for index, row in enumerate(rows[:20]):
        if any(norm(c) == "都道府県名" for c in row):
            return index
    return None


def parse_table(rows: list[Row], file: str, table: TableKind, fiscal_year: int) -> tuple[Table, list[ImportIssue]]:
    """Parse a 主要財政指標 sheet (all three kinds) by its headings.

    Args:
        rows: the sheet rows.
        file: the file name for provenance and messages.
        table: which of the three tables it is.
        fiscal_year: the settlement year (from the file name).

    Returns:
        The table and every issue found (an empty list when the file is clean).
    """
    issues: list[ImportIssue] = []
    header = _header_row(rows)
    if header is None:
        issues.append(
            ImportIssue(
                file,
                None,
                "都道府県名",
                None,
                "見出し「都道府県名」の行が見つかりません。",
                "No heading row with 都道府県名 found.",
                "総務省の主要財政指標の原表（加工前）を指定してください。",
                "Give the ministry's original 主要財政指標 table.",
            )
        )
        return Table(file, table, fiscal_year, "", (), (), (), ""), issues
    columns: dict[int, str] = {}
    for c, cell in enumerate(rows[header]):
        label = norm(cell).replace("※", "")
        if label in ID_HEADINGS:
            columns[c] = ID_HEADINGS[label]
        elif label in INDICATOR_HEADINGS:
            columns[c] = INDICATOR_HEADINGS[label]
        elif label and not (table == "prefecturemean" and c == 1):
            issues.append(
                ImportIssue(
                    file,
                    header + 1,
                    label,
                    label,
                    "知らない列見出しです。",
                    "Unknown column heading.",
                    "列の意味を確認し、importer の見出し表 (INDICATOR_HEADINGS) に加えてください。",
                    "Check what the column holds and add it to the importer's heading table (INDICATOR_HEADINGS).",
                )
            )
    by_role = {role: c for c, role in columns.items()}
    name_col = by_role.get("name", 1 if table == "prefecturemean" else None)
    pref_col = by_role.get("prefecture")
    if pref_col is None:
        return Table(file, table, fiscal_year, "", (), (), (), ""), issues
    indicator_cols = [(c, r) for c, r in sorted(columns.items()) if r in INDICATOR_HEADINGS.values()]
    body: list[TableRow] = []
    averages: list[TableRow] = []
    notes: list[str] = []
    for index in range(header + 1, len(rows)):
        row = rows[index]
        pref = norm(row[pref_col]) if pref_col < len(row) else ""
        name = norm(row[name_col]) if name_col is not None and name_col < len(row) else ""
        values = [row[c] if c < len(row) else "" for c, _ in indicator_cols]
        if not pref and not name and all(norm(v) == "" for v in values):
            continue
        if all(norm(v) == "" for v in values):
            notes.append(raw_text(row[0]))
            continue
        if table == "prefecturemean":
            is_average = "全国" in pref
        else:
            code_text = norm(row[by_role["code"]]) if "code" in by_role else ""
            is_average = "平均" in pref or "平均" in name or "平均" in code_text
        if table == "prefecture":
            name = pref
        code = norm(row[by_role["code"]]) if "code" in by_role else ""
        cells: list[RatioCell] = []
        for (c, indicator), cell in zip(indicator_cols, values, strict=True):
            decimals = decimals_for(indicator, table, table == "prefecture")
            parsed, reason = parse_cell(cell, indicator, decimals)
            if parsed is None:
                issues.append(
                    ImportIssue(
                        file,
                        index + 1,
                        norm(rows[header][c]),
                        str(cell),
                        f"指標の値として読めません（{reason}）。",
                        f"Cannot read the indicator value ({reason}).",
                        "原表のセルを確認し、数値・「-」・空欄のいずれかであることを確かめてください。",
                        "Check the cell in the original table: a number, «-» or blank is expected.",
                    )
                )
                continue
            cells.append(parsed)
        target = averages if is_average else body
        target.append(TableRow(index + 1, code, pref, name, tuple(cells)))
    title = raw_text(rows[0][0]) if rows and rows[0] else ""
    parsed_table = Table(
        file,
        table,
        fiscal_year,
        title,
        tuple(r for _, r in indicator_cols),
        tuple(body),
        tuple(averages),
        " ".join(n for n in notes if n),
    )
    return parsed_table, issues


@dataclass(frozen=True)
class DerivedRow:
    """A row of the converted 主要財政指標 file (FY2015–2024).

    Attributes:
        line: 1-based line in the CSV (1 = header).
        fiscal_year: settlement year.
        kind: ``municipality`` or ``prefecture``.
        code: 団体コード (empty for prefectures).
        prefecture: 都道府県名.
        name: 団体名.
        cells: the indicator cells.
    """

    line: int
    fiscal_year: int
    kind: str
    code: str
    prefecture: str
    name: str
    cells: tuple[RatioCell, ...]


def parse_derived(path: Path, file: str) -> tuple[list[DerivedRow], list[ImportIssue]]:
    """Read the third-party conversion ``shuyou-zaisei-shihyou-2015-2024.csv`` (values as written, «nc» kept)."""
    issues: list[ImportIssue] = []
    out: list[DerivedRow] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for line, record in enumerate(reader, start=2):
            prefecture_body = record["kind"] == "prefecture"
            cells: list[RatioCell] = []
            for column, indicator in DERIVED_COLUMNS.items():
                text = (record.get(column) or "").strip()
                decimals = 5 if prefecture_body and indicator == "fiscal_capability_index" else 1
                if indicator == "fiscal_capability_index" and not prefecture_body:
                    decimals = 2
                if text == "nc":
                    status: Status = "non_positive" if indicator == "future_burden_ratio" else "not_applicable"
                    cells.append(RatioCell(indicator, text, None, status, ""))
                elif text == "":
                    cells.append(RatioCell(indicator, "", None, "missing", "空欄 / blank in the file"))
                elif _NUMBER.match(text):
                    number = float(text)
                    note = ""
                    if has_more_decimals(number, decimals):
                        note = f"変換ファイルの値 {text} を{decimals}桁で記録 / {text} kept at {decimals} decimals"
                    cells.append(RatioCell(indicator, text, decimal_text(number, decimals), "ok", note))
                else:
                    issues.append(
                        ImportIssue(
                            file,
                            line,
                            column,
                            text,
                            "数値・nc・空欄のいずれでもありません。",
                            "Neither a number, «nc» nor blank.",
                            "変換元の原表と照合してください。",
                            "Compare with the ministry's original table.",
                        )
                    )
            out.append(
                DerivedRow(
                    line,
                    int(record["fiscal_year"]),
                    record["kind"],
                    record["code"].strip(),
                    norm(record["prefecture"]),
                    norm(record["name"]),
                    tuple(cells),
                )
            )
    return out, issues
