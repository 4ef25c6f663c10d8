"""市町村別決算状況調 (FY2019, 令和元年度): the 概況 sheet of the 市 and the 町村 files.

The heading spreads over several merged rows; every column is identified by the stack of its headings (e.g.
``標準財政規模`` / ``臨時財政対策債発行可能額``). Amounts are 千円. «-» is kept as printed with no amount (never 0);
prefecture heading rows between the blocks are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finance.national.codes import is_valid_code
from finance.national.sheet import (
    Cell,
    ImportIssue,
    Row,
    decimal_text,
    header_labels,
    is_not_calculated,
    norm,
    raw_text,
)

#: heading stack (labels not in parentheses) → (item code, label, kind): ``amount`` in 千円 or ``ratio`` (1 decimal).
COLUMNS: dict[tuple[str, ...], tuple[str, str, str]] = {
    ("基準財政需要額",): ("base_standard_fiscal_needs", "基準財政需要額", "amount"),
    ("基準財政収入額",): ("base_standard_fiscal_revenue", "基準財政収入額", "amount"),
    ("標準財政規模",): ("base_standard_fiscal_scale", "標準財政規模", "amount"),
    ("標準財政規模", "臨時財政対策債発行可能額"): (
        "base_extraordinary_bond_capacity",
        "臨時財政対策債発行可能額",
        "amount",
    ),
    ("歳入総額",): ("rev_total", "歳入総額", "amount"),
    ("歳出総額",): ("exp_total", "歳出総額", "amount"),
    ("歳入歳出差引額",): ("bal_formal_balance", "歳入歳出差引額", "amount"),
    ("翌年度に繰り越すべき財源",): ("bal_carryover_resources", "翌年度に繰り越すべき財源", "amount"),
    ("実質収支(C)-(D)",): ("bal_real_balance", "実質収支", "amount"),
    ("単年度収支",): ("bal_single_year_balance", "単年度収支", "amount"),
    ("積立金",): ("bal_reserve_deposit", "積立金", "amount"),
    ("繰上償還金",): ("bal_early_redemption", "繰上償還金", "amount"),
    ("積立金取崩し額",): ("bal_reserve_withdrawal", "積立金取崩し額", "amount"),
    ("実質単年度収支",): ("bal_real_single_year_balance", "実質単年度収支", "amount"),
    ("実質収支比率",): ("real_balance_ratio", "実質収支比率", "ratio"),
    ("経常収支比率",): ("ordinary_balance_ratio", "経常収支比率", "ratio"),
    ("公債費負担比率",): ("debt_burden_ratio", "公債費負担比率", "ratio"),
    ("財政力指数",): ("fiscal_capability_index", "財政力指数", "ratio"),
    ("健全化判断比率", "実質赤字比率"): ("real_deficit_ratio", "実質赤字比率", "ratio"),
    ("健全化判断比率", "連結実質赤字比率"): ("consolidated_real_deficit_ratio", "連結実質赤字比率", "ratio"),
    ("健全化判断比率", "実質公債費比率"): ("real_debt_service_ratio", "実質公債費比率", "ratio"),
    ("健全化判断比率", "将来負担比率"): ("future_burden_ratio", "将来負担比率", "ratio"),
    ("住民基本台帳登載人口",): ("population_juki", "住民基本台帳登載人口", "persons"),
}


@dataclass(frozen=True)
class KessanValue:
    """One cell of the 概況 sheet.

    Attributes:
        item: item or indicator code.
        label: the heading as printed (normalised).
        kind: ``amount`` (千円), ``ratio`` (percent or index) or ``persons``.
        published_text: the cell as printed (a number written in full).
        value: the number, ``None`` for «-» or a blank cell.
    """

    item: str
    label: str
    kind: str
    published_text: str
    value: str | None


@dataclass(frozen=True)
class KessanRow:
    """A body row: code, name and its values.

    Attributes:
        row: 1-based sheet row.
        code: 団体コード (check digit verified).
        name: 団体名.
        prefecture: the prefecture heading the row stands under.
        values: the mapped cells.
    """

    row: int
    code: str
    name: str
    prefecture: str
    values: tuple[KessanValue, ...]


def _ratio_decimals(item: str) -> int:
    return 2 if item == "fiscal_capability_index" else 1


def _cell(cell: Cell, item: str, kind: str) -> tuple[str, str | None] | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        if kind in ("amount", "persons"):
            if isinstance(cell, float) and not cell.is_integer():
                return None
            text = str(int(cell))
            return text, text
        text = decimal_text(cell, _ratio_decimals(item))
        return text, text
    printed = raw_text(cell)
    if printed == "" or is_not_calculated(printed):
        return printed, None
    return None


def parse_kessan(rows: list[Row], file: str) -> tuple[list[KessanRow], list[ImportIssue]]:
    """Parse the 概況 sheet of a 市町村別決算状況調 file.

    Returns:
        The body rows and every issue (unknown layout, bad code, unreadable cell).
    """
    issues: list[ImportIssue] = []
    top = next((i for i, r in enumerate(rows[:40]) if any(norm(c) == "団体コード" for c in r)), None)
    first = None
    if top is not None:
        first = next(
            (i for i in range(top + 1, len(rows)) if any(re.fullmatch(r"\d{6}", norm(c)) for c in rows[i])), None
        )
    if top is None or first is None:
        return [], [
            ImportIssue(
                file,
                None,
                "団体コード",
                None,
                "見出し「団体コード」またはデータ行が見つかりません。",
                "No 団体コード heading or no data row found.",
                "総務省の市町村別決算状況調（概況）の原表を指定してください。",
                "Give the ministry's original 市町村別決算状況調 (概況) file.",
            )
        ]
    stop = first
    while stop - 1 > top and sum(1 for c in rows[stop - 1] if norm(c)) <= 1:
        stop -= 1  # a prefecture heading (北　海　道) between the headings and the first body row
    labels = header_labels(rows, top, stop)
    code_c = next(c for c, s in enumerate(labels) if "団体コード" in s)
    name_c = next((c for c, s in enumerate(labels) if "団体名" in s), code_c + 1)
    mapped: dict[int, tuple[str, str, str]] = {}
    for c, stack in enumerate(labels):
        key = tuple(label for label in stack if not label.startswith("("))
        if key in COLUMNS:
            mapped[c] = COLUMNS[key]
    missing = set(COLUMNS.values()) - set(mapped.values())
    for item, label, _ in sorted(missing):
        issues.append(
            ImportIssue(
                file,
                top + 1,
                label,
                None,
                f"列「{label}」が見つかりません。",
                f"Column {label} ({item}) not found.",
                "見出し行を確認し、importer の対応表 (COLUMNS) を直してください。",
                "Check the heading rows and update the importer's table (COLUMNS).",
            )
        )
    out: list[KessanRow] = []
    prefecture = ""
    for index in range(top, len(rows)):
        row = rows[index]
        code = norm(row[code_c]) if code_c < len(row) else ""
        name = norm(row[name_c]) if name_c < len(row) else ""
        if not re.fullmatch(r"\d{6}", code):
            if index >= first - 1 and name and not code and all(norm(c) == "" for c in row[name_c + 1 :]):
                prefecture = name
            continue
        if not is_valid_code(code):
            issues.append(
                ImportIssue(
                    file,
                    index + 1,
                    "団体コード",
                    code,
                    "団体コードの検査数字が合いません。",
                    "The check digit of the code does not match.",
                    "原表のコードを確認してください。",
                    "Check the code in the original file.",
                )
            )
            continue
        values: list[KessanValue] = []
        for c, (item, label, kind) in sorted(mapped.items()):
            cell = row[c] if c < len(row) else ""
            parsed = _cell(cell, item, kind)
            if parsed is None:
                issues.append(
                    ImportIssue(
                        file,
                        index + 1,
                        label,
                        str(cell),
                        "数値・「-」・空欄のいずれでもありません。",
                        "Neither a number, «-» nor blank.",
                        "原表のセルを確認してください。",
                        "Check the cell in the original file.",
                    )
                )
                continue
            values.append(KessanValue(item, label, kind, parsed[0], parsed[1]))
        out.append(KessanRow(index + 1, code, name, prefecture, tuple(values)))
    return out, issues
