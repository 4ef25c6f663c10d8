"""The data of a figure as a typed model: what every renderer (page table, print image, CSV/XLSX) reads.

A figure's table is tidy: one row per item or year, one column per quantity, each numeric column with one unit.
Every cell holds its value (``int``/``float``/``Decimal``, ``None`` when the sources have no figure) and the text
the page shows for it (「323億2,136万円」, 「約74万円」, 「データなし」). The page prints the text; downloads write
the value under a header that carries the unit (「歳入合計（千円）」), so nothing ever parses display text back.

Pure: no Dash, Flask or Plotly here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from finance.text import t

Value = int | float | Decimal | str | None
Number = int | float

UNITS = ("thousand_yen", "yen", "percent", "persons", "index")
"""The units of numeric columns (their words are ``figuredata.unit.<unit>`` in the catalogs)."""
KINDS = ("決算", "決算見込", "計画")
"""Series kinds: settled accounts, settlement estimates, plans."""


@dataclass(frozen=True)
class Column:
    """One column of a figure table.

    Attributes:
        label: the column name as the page shows it (「歳入合計」, 「金額（千円）」).
        unit: one of :data:`UNITS` for a numeric column, ``""`` for text (item names, years, kinds).
        shown: whether the page shows the column (download-only columns split a combined page cell).
    """

    label: str
    unit: str = ""
    shown: bool = True

    @property
    def numeric(self) -> bool:
        """Whether the column holds numbers."""
        return bool(self.unit)

    def header(self, locale: str) -> str:
        """The download header: the label with its unit (「歳入合計（千円）」), the unit said once."""
        if not self.unit:
            return self.label
        word = t(f"figuredata.unit.{self.unit}", locale)
        if f"（{word}）" in self.label or f"({word})" in self.label:
            return self.label
        return t("figuredata.header", locale, label=self.label, unit=word)


@dataclass(frozen=True)
class Cell:
    """A value and the text the page shows for it."""

    value: Value
    text: str


@dataclass(frozen=True)
class DataTable:
    """A tidy table of typed columns; ``rows`` hold one :class:`Cell` per column."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row of {len(row)} cells in a table of {len(self.columns)} columns")
        for index, column in enumerate(self.columns):
            if column.unit and column.unit not in UNITS:
                raise ValueError(f"unknown unit {column.unit!r}")
            if column.numeric:
                for row in self.rows:
                    value = row[index].value
                    if value is not None and (
                        isinstance(value, (str, bool)) or not isinstance(value, Number | Decimal)
                    ):
                        raise TypeError(f"column {column.label!r} holds {value!r}, not a number")

    def shown(self) -> tuple[list[str], list[list[str]]]:
        """The page's table: the shown columns' labels and cell texts."""
        keep = [i for i, c in enumerate(self.columns) if c.shown]
        return [self.columns[i].label for i in keep], [[row[i].text for i in keep] for row in self.rows]

    def typed(self, locale: str) -> tuple[tuple[str, ...], tuple[tuple[Number | str | None, ...], ...]]:
        """The download table: headers with units, numbers as numbers.

        ``Decimal`` becomes ``int`` or ``float``, a missing figure ``None`` (an empty cell, never 0); text columns
        are written as shown.
        """
        header = tuple(c.header(locale) for c in self.columns)
        rows = tuple(
            tuple(
                _number(cell.value) if column.numeric else cell.text
                for column, cell in zip(self.columns, row, strict=True)
            )
            for row in self.rows
        )
        return header, rows


def _number(value: Value) -> Number | None:
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def number(value: Value, text: str) -> Cell:
    """A numeric cell (``None`` for a missing figure)."""
    return Cell(value, text)


def text(value: str) -> Cell:
    """A text cell."""
    return Cell(value, value)


@dataclass(frozen=True)
class FigureModel:
    """One figure as data, for every renderer.

    Attributes:
        key: stable key within its page (``revenue-trend``).
        title: the figure's title.
        summary: the one-sentence summary.
        table: the tidy table behind the chart.
        kinds: the series kinds present (決算 / 決算見込 / 計画).
        sources: the source lines.
        notes: chart notes (population basis, how estimates and plans look).
        as_of: the reference date (ISO date or words).
    """

    key: str
    title: str
    table: DataTable
    summary: str = ""
    kinds: tuple[str, ...] = ("決算",)
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    as_of: str = ""


def table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> DataTable:
    """A :class:`DataTable` from lists."""
    return DataTable(tuple(columns), tuple(tuple(r) for r in rows))
