"""住民基本台帳に基づく人口、人口動態及び世帯数 (population by body), one file per reference date.

Headings differ by year (one to five header rows, merged cells); the 団体コード, 都道府県名, 市区町村名 and the
人口 / 計 column are found by their labels. The reference date is read from the title (3月31日 up to 2013,
1月1日 from 2014). Prefecture rows are bodies of their own; 政令市の区 rows are kept apart from cities; the
national total row is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from finance.national.codes import is_prefecture_code, is_valid_code
from finance.national.sheet import ImportIssue, Row, header_labels, norm

RowKind = Literal["prefecture", "municipality", "ward"]
_DATE = re.compile(r"(平成|令和)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日")
_ERA = {"平成": 1988, "令和": 2018}
_WARD = re.compile(r"^(.+市)(.+区)$")


@dataclass(frozen=True)
class PopulationRow:
    """One body's population on the reference date.

    Attributes:
        row: 1-based sheet row.
        code: 団体コード (6 digits, check digit verified).
        prefecture: 都道府県名 (normalised).
        name: 市区町村名 (normalised; empty for a prefecture row).
        kind: ``prefecture``, ``municipality`` or ``ward`` (政令市の区).
        city_code: for a ward, the code of its 政令指定都市; empty otherwise.
        population: 人口 計 (persons).
        male: 男.
        female: 女.
    """

    row: int
    code: str
    prefecture: str
    name: str
    kind: RowKind
    city_code: str
    population: int
    male: int | None
    female: int | None


@dataclass(frozen=True)
class SkippedRow:
    """A row of a population file that is not a body.

    Attributes:
        row: 1-based sheet row.
        prefecture: 都道府県名 as printed (normalised).
        name: the name or text of the row.
        reason: why it was skipped (a reason code of :data:`finance.national.output.REASONS`).
    """

    row: int
    prefecture: str
    name: str
    reason: str


SKIP_COUNTY = "county_subtotal"
SKIP_SUBTOTAL = "subtotal"
SKIP_NO_CODE = "no_code"
SKIP_NOTE = "note_row"


@dataclass(frozen=True)
class PopulationTable:
    """A parsed 住民基本台帳人口 file.

    Attributes:
        file: file name relative to the source folder.
        title: the title line.
        as_of: the reference date.
        basis: ``juki_fy_end`` (3月31日) or ``juki_jan1`` (1月1日).
        fiscal_year: the fiscal year the figure serves (年度末 of FY y = y+1-03-31; 1月1日 of y+1 for FY y).
        rows: prefecture, municipality and ward rows.
        skipped: rows that are not a body (郡 and 島しょ subtotals, notes, rows without a code), with the reason.
    """

    file: str
    title: str
    as_of: dt.date
    basis: str
    fiscal_year: int
    rows: tuple[PopulationRow, ...]
    skipped: tuple[SkippedRow, ...] = ()


def _issue(file: str, row: int | None, column: str | None, value: str | None, ja: str, en: str) -> ImportIssue:
    return ImportIssue(
        file,
        row,
        column,
        value,
        ja,
        en,
        "総務省の原表（住民基本台帳に基づく人口、市区町村別）と照合してください。",
        "Compare with the ministry's original table (population by 市区町村).",
    )


def _int(cell: object) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    text = norm(str(cell)).replace(",", "")
    return int(text) if re.fullmatch(r"-?\d+", text) else None


def parse_population(rows: list[Row], file: str) -> tuple[PopulationTable | None, list[ImportIssue]]:
    """Parse a population file; returns ``None`` and the issues when the layout cannot be recognised."""
    issues: list[ImportIssue] = []
    title = norm(rows[0][0]) if rows and rows[0] else ""
    match = _DATE.search(title)
    if not match:
        return None, [_issue(file, 1, None, title, "表題に基準日がありません。", "No reference date in the title.")]
    year = _ERA[match.group(1)] + (1 if match.group(2) == "元" else int(match.group(2)))
    as_of = dt.date(year, int(match.group(3)), int(match.group(4)))
    first_data = next(
        (i for i, r in enumerate(rows[1:40], start=1) if len(r) > 1 and norm(r[1]) == "合計"),
        None,
    )
    if first_data is None:
        return None, [_issue(file, None, None, None, "合計行が見つかりません。", "No national total row (合計).")]
    labels = header_labels(rows, 1, first_data)

    def column(*wanted: str) -> int | None:
        for c, stack in enumerate(labels):
            if all(w in stack for w in wanted):
                return c
        return None

    code_c, pref_c, name_c = column("団体コード"), column("都道府県名"), column("市区町村名")
    pop_c, male_c, female_c = column("人口", "計"), column("人口", "男"), column("人口", "女")
    for label, found in (("団体コード", code_c), ("都道府県名", pref_c), ("市区町村名", name_c), ("人口/計", pop_c)):
        if found is None:
            issues.append(_issue(file, None, label, None, "列見出しが見つかりません。", "Column heading not found."))
    if code_c is None or pref_c is None or name_c is None or pop_c is None:
        return None, issues
    out: list[PopulationRow] = []
    skipped: list[SkippedRow] = []
    city_by_name: dict[tuple[str, str], str] = {}
    for index in range(first_data + 1, len(rows)):
        row = rows[index]
        code = norm(row[code_c])
        if code in ("", "-") and all(norm(c) in ("", "-") for c in row[:3]):
            continue
        pref, name = norm(row[pref_c]), norm(row[name_c])
        name = "" if name == "-" else name
        population = _int(row[pop_c])
        if not re.fullmatch(r"\d{6}", code):
            if not pref:
                skipped.append(SkippedRow(index + 1, pref, code or name, SKIP_NOTE))
            elif name.endswith(("町", "村")) and not code:
                skipped.append(SkippedRow(index + 1, pref, name, SKIP_NO_CODE))
            else:
                skipped.append(SkippedRow(index + 1, pref, name, SKIP_SUBTOTAL))
            continue
        if name.endswith("郡"):
            skipped.append(SkippedRow(index + 1, pref, name, SKIP_COUNTY))
            continue
        if not is_valid_code(code):
            issues.append(
                _issue(
                    file, index + 1, "団体コード", code, "団体コードの検査数字が合いません。", "Check digit mismatch."
                )
            )
            continue
        if population is None:
            issues.append(
                _issue(
                    file,
                    index + 1,
                    "人口 計",
                    str(row[pop_c]),
                    "人口が整数ではありません。",
                    "Population not a whole number.",
                )
            )
            continue
        kind: RowKind = "municipality"
        city_code = ""
        if is_prefecture_code(code):
            kind = "prefecture"
        else:
            ward = _WARD.match(name)
            if ward and (pref, ward.group(1)) in city_by_name:
                kind, city_code = "ward", city_by_name[(pref, ward.group(1))]
            elif name.endswith("市"):
                city_by_name[(pref, name)] = code
        male = _int(row[male_c]) if male_c is not None else None
        female = _int(row[female_c]) if female_c is not None else None
        out.append(PopulationRow(index + 1, code, pref, name, kind, city_code, population, male, female))
    basis = "juki_fy_end" if as_of.month == 3 else "juki_jan1"
    fiscal_year = as_of.year - 1
    return PopulationTable(file, title, as_of, basis, fiscal_year, tuple(out), tuple(skipped)), issues


#: Variant spellings met between the tables (異体字 and small ケ): compared in this canonical form only.
NAME_VARIANTS = str.maketrans({"ヶ": "ケ", "ヵ": "カ", "檜": "桧", "條": "条", "龍": "竜", "曾": "曽", "檮": "梼"})


def match_key(name: str) -> str:
    """The form in which two spellings of one name compare equal (ヶ/ケ, 檜/桧, 條/条, 龍/竜, 曾/曽, 檮/梼)."""
    return short_name(name).translate(NAME_VARIANTS)


_COUNTY_PREFIX = re.compile(r"^(.+?郡)(.+[町村])$")


def short_name(name: str) -> str:
    """The body's own name without the 郡 the population files put in front (上川郡新得町 → 新得町)."""
    match = _COUNTY_PREFIX.match(name)
    return match.group(2) if match else name
