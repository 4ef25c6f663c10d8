"""The columns shared by the files: :class:`Col`, :class:`TableSpec` and the columns several specs repeat.

A :class:`TableSpec` describes one CSV file (its columns, key and numeric columns); the specs themselves are in
:mod:`finance.schemas.seed` (the project's files) and :mod:`finance.schemas.national` (the national tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finance.schemas.kinds import (
    CODE6,
    COUNT,
    FIGURE_KINDS,
    INTEGER,
    ITEM_GROUPS,
    ROUNDINGS,
    SLUG,
    SOURCE_ID,
    STATEMENTS,
    TEXT,
    UNIT_FACTORS,
    YEAR,
    Kind,
    enum_kind,
)


@dataclass(frozen=True)
class Col:
    """One column of a CSV file."""

    name: str
    kind: Kind
    required: bool = True  # False: an empty cell is allowed (and means "missing", never zero)
    allowed: tuple[str, ...] = ()
    title_ja: str = ""
    description: str = ""


@dataclass(frozen=True)
class TableSpec:
    """One CSV file of the data folder."""

    name: str  # resource name, also the key in Dataset.tables
    path: str  # relative to the data folder
    title_ja: str
    description: str
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    numeric: dict[str, str] = field(default_factory=dict)  # column -> "Int64" | "float" after validation

    @property
    def column_names(self) -> list[str]:
        """The columns in file order."""
        return [c.name for c in self.columns]


def enum_col(name: str, values: tuple[str, ...], required: bool = True, title: str = "", desc: str = "") -> Col:
    """A column that allows only ``values`` (listed as the Table Schema ``enum``)."""
    return Col(name, enum_kind(name, values), required, values, title, desc)


MUNI = Col(
    "municipality_code", CODE6, title_ja="団体コード", description="全国地方公共団体コード, 6 digits with check digit"
)
YEAR_COL = Col(
    "fiscal_year", YEAR, title_ja="年度", description="Western year in which the April–March fiscal year starts"
)
ACCOUNT = Col("account", SLUG, title_ja="会計", description="Account or basis code from reference/accounts.csv")
LABEL = Col("label_ja", TEXT, False, title_ja="資料上の表記", description="Heading exactly as printed in the source")
AMOUNT = Col(
    "amount_thousand_yen",
    INTEGER,
    False,
    title_ja="金額（千円）",
    description="Amount in thousand yen; empty = missing",
)
UNIT = enum_col("published_unit", tuple(UNIT_FACTORS), title="資料の単位", desc="Unit printed in the source")
ROUNDING = enum_col("rounding", ROUNDINGS, title="丸め", desc="exact, truncated, rounded or approx (約)")
FIGURE_KIND = enum_col("figure_kind", FIGURE_KINDS, title="種別", desc="決算 actual, 決算見込 estimate, 計画 plan")
SOURCE = Col("source_id", SOURCE_ID, title_ja="出典", description="Source document id from reference/sources.csv")
SOURCE_TABLE = Col("source_table", TEXT, title_ja="表・節", description="Table or section of the source")
SOURCE_LINES = Col(
    "source_lines",
    TEXT,
    False,
    title_ja="行・頁",
    description="Page (p.12) or line numbers in the source; empty when the source is a URL",
)
NOTE = Col("note", TEXT, False, title_ja="注記", description="What a reader must know about this figure")
PROVENANCE = (SOURCE, SOURCE_TABLE, SOURCE_LINES, NOTE)


def amount_cols(part_of: bool) -> tuple[Col, ...]:
    """The columns of an amount as printed (label, amount, unit, rounding, kind), with ``part_of`` if asked."""
    cols: tuple[Col, ...] = (LABEL, AMOUNT, UNIT, ROUNDING, FIGURE_KIND)
    if part_of:
        cols += (Col("part_of", TEXT, False, title_ja="合計先", description="Printed total this row adds up to"),)
    return cols


def _item_columns(group: Col) -> tuple[Col, ...]:
    return (
        Col("item", SLUG, title_ja="科目コード"),
        enum_col("statement", STATEMENTS, title="区分"),
        Col("name_ja", TEXT, title_ja="名称"),
        Col("name_en", TEXT, title_ja="英語名"),
        group,
        Col("unit", TEXT, title_ja="単位"),
        Col("order", COUNT, title_ja="表示順"),
        Col("description_ja", TEXT, False, title_ja="説明"),
        Col("description_en", TEXT, False, title_ja="英語の説明"),
    )


ITEM_COLUMNS = _item_columns(
    enum_col(
        "group",
        ITEM_GROUPS,
        required=False,
        title="分類",
        desc=(
            "revenue: own_source (自主財源) / dependent (依存財源) / mixed; "
            "expenditure by nature: mandatory (義務的経費) / investment (投資的経費) / other"
        ),
    )
)
ENTERPRISE_ITEM_COLUMNS = _item_columns(
    Col("group", TEXT, False, title_ja="分類", description="Sub-group, e.g. interest bracket")
)
