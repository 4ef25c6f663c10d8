"""Reading the published spreadsheets, normalising their text, and the issues an import reports.

Spreadsheets are read with python-calamine (``.xls`` and ``.xlsx``). Cells come back as ``str``, ``float``,
``int`` or ``bool`` (dates do not occur in these tables); empty cells are ``""``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from python_calamine import CalamineWorkbook

Cell = str | float | int | bool
Row = list[Cell]

#: Marks the ministry prints for "not calculated / not applicable" (after NFKC: «-», «—», «―», «…» …).
NOT_CALCULATED_MARKS = frozenset({"-", "－", "—", "―", "–", "‐", "ー", "…", "...", "・・・"})

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ImportIssue:
    """One problem found while importing a file, said in Japanese and English with what to do.

    Attributes:
        file: the file name as given in the source folder (relative path).
        row: 1-based row of the sheet, ``None`` when the finding concerns the whole file.
        column: the column heading concerned, if any.
        value: the offending cell as text, if any.
        message_ja: what is wrong (Japanese).
        message_en: what is wrong (English).
        fix_ja: what to do (Japanese).
        fix_en: what to do (English).
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message_ja: str
    message_en: str
    fix_ja: str
    fix_en: str

    def render(self) -> str:
        """Two lines: where and what in Japanese, then in English, each with the fix."""
        where_ja = self.file + (f" {self.row}行目" if self.row is not None else "")
        where_en = self.file + (f" row {self.row}" if self.row is not None else "")
        if self.column:
            where_ja += f" 列「{self.column}」"
            where_en += f" column '{self.column}'"
        if self.value is not None:
            where_ja += f" 値「{self.value}」"
            where_en += f" value '{self.value}'"
        return (
            f"{where_ja}: {self.message_ja} 対処: {self.fix_ja}\n    {where_en}: {self.message_en} Fix: {self.fix_en}"
        )


class ImportFailed(Exception):
    """Raised with every issue found, so that all errors are reported at once."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        super().__init__(f"{len(issues)} import error(s)")
        self.issues = issues

    def report(self) -> str:
        """All issues, one block each."""
        return "\n".join(issue.render() for issue in self.issues)


def read_first_sheet(path: Path) -> list[Row]:
    """All rows of the first sheet of an ``.xls`` or ``.xlsx`` file, empty cells as ``""``."""
    workbook = CalamineWorkbook.from_path(str(path))
    return [
        [c if isinstance(c, str | float | int) else str(c) for c in row]
        for row in workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    ]


def norm(cell: Cell) -> str:
    """A cell as comparable text: NFKC (full-width → half-width), all white space removed."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(cell)))


def raw_text(cell: Cell) -> str:
    """A text cell as printed, without surrounding white space (full-width spaces included)."""
    return str(cell).strip().strip("\u3000").strip()


def is_not_calculated(text: str) -> bool:
    """Whether a printed cell is one of the «not calculated» marks («-», «－», «…» …)."""
    return text in NOT_CALCULATED_MARKS or unicodedata.normalize("NFKC", text) in NOT_CALCULATED_MARKS


def decimal_text(number: float | int | Decimal, decimals: int) -> str:
    """A number written with ``decimals`` places (half-up), e.g. ``0.6`` → ``"0.60"``."""
    quant = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(number) if isinstance(number, float) else number).quantize(quant, rounding="ROUND_HALF_UP"))


def has_more_decimals(number: float, decimals: int) -> bool:
    """Whether the stored number carries more than ``decimals`` places (beyond floating-point noise)."""
    return abs(round(number, decimals) - number) > 1e-9


def header_labels(rows: list[Row], start: int, stop: int) -> list[list[str]]:
    """The labels of each column over header rows ``start``..``stop-1``, merged cells filled to the right.

    A merged heading is stored once, in its left-most cell; it is repeated to the right within its row until the
    next heading, but only over columns that have a heading in a lower row (so that a lone heading does not spill)
    and no heading in a higher row (a heading above starts a new span).
    """
    width = max((len(r) for r in rows[start:stop]), default=0)
    labels: list[list[str]] = [[] for _ in range(width)]
    for r in range(start, stop):
        row = rows[r]
        current = ""
        for c in range(width):
            text = norm(row[c]) if c < len(row) else ""
            if any(norm(rows[q][c]) for q in range(start, r) if c < len(rows[q])) and not text:
                current = ""
            if text:
                current = text
                labels[c].append(text)
            elif current and any(norm(rows[q][c]) for q in range(r + 1, stop) if c < len(rows[q])):
                labels[c].append(current)
    return labels
