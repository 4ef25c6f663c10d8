"""Every figure of a body's source documents, as printed, grouped into the tables of the page where it belongs.

The pages tell a story with a few charts; these tables make sure that no printed figure of a registered document is
left out: each row keeps the heading as printed, each cell the value at its printed precision (「約」 for a 概数,
the printed text for a ratio) and its kind (決算 / 決算見込 / 計画), each table its document, table and lines.
A figure without a fiscal year (a plan's horizon, a narrative's 「現在」) is shown under the document's own time
reference, never under an inferred year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

import pandas as pd
from babel.numbers import format_decimal

from finance import formatting
from finance.load import Dataset
from finance.queries import Source, account_names, source_of
from finance.schemas import UNIT_FACTORS
from finance.text import is_japanese, t

PAGES = ("overview", "revenue", "expenditure", "funds", "debt", "staff", "enterprise", "indicators")

# narrative topics by the page a reader would look on (prefix → page); anything else goes to the overview
_TOPIC_PAGES: tuple[tuple[str, str], ...] = (
    ("transfer_", "expenditure"),
    ("construction", "expenditure"),
    ("mandatory", "expenditure"),
    ("early_redemption", "debt"),
    ("lat_", "revenue"),
    ("local_tax", "revenue"),
    ("debt_", "debt"),
    ("bond_", "debt"),
    ("third_sector", "debt"),
    ("guarantee", "debt"),
    ("sewer_", "enterprise"),
    ("fund", "funds"),
)
_SETTLEMENT_BALANCE = ("bal_", "base_")  # 収支・標準財政規模 …: not part of the revenue/expenditure statements


@dataclass(frozen=True)
class Column:
    """One column of a document table: a fiscal year (``None`` = the document's own time reference)."""

    fiscal_year: int | None
    figure_kind: str | None  # the kind shared by every cell of the column, else ``None`` (cells say theirs)


@dataclass(frozen=True)
class Cell:
    """One printed figure."""

    text: str
    figure_kind: str
    note: str = ""


@dataclass(frozen=True)
class Row:
    """One printed heading and its figures by column (``None`` = not in the document)."""

    label: str
    cells: tuple[Cell | None, ...]


@dataclass(frozen=True)
class DocumentTable:
    """The figures of one printed table (or one narrative section) of one document."""

    key: str
    source: Source
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()  # the document's own words around a narrative figure (本文「…」)

    @property
    def figure_count(self) -> int:
        """How many printed figures the table holds."""
        return sum(1 for row in self.rows for cell in row.cells if cell is not None)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))  # type: ignore[call-overload]


def printed_amount(thousand_yen: int | None, unit: str, rounding: str, locale: str) -> str:
    """A 千円 amount at the precision its document printed, 「約」 for a 概数.

    ``(4443990, "万円") → "44億4,399万円"``, ``(3130000, "千万円", "rounded") → "31億3千万円"``,
    ``(27400000, "億円", "approx") → "約274億円"``, ``(926200, "十万円") → "926.2百万円"``, ``(1140556, "千円") →
    "1,140,556千円"``.
    """
    if thousand_yen is None:
        return t("common.no_data", locale)
    japanese = is_japanese(locale)
    sign = formatting._sign(thousand_yen < 0, locale)
    value = abs(int(thousand_yen))
    about = t("documents.about", locale) if rounding == "approx" else ""
    factor = UNIT_FACTORS.get(unit, 1)
    if unit == "千円":
        body = f"{formatting.group(value, locale)}千円" if japanese else f"¥{formatting.group(value, locale)} thousand"
    elif unit in ("百万円", "十万円"):
        millions = Decimal(value) / 1000
        pattern = "#,##0" if unit == "百万円" else "#,##0.0"
        text = format_decimal(millions, format=pattern, locale="ja_JP" if japanese else "en_US")
        body = f"{text}百万円" if japanese else f"¥{text} million"
    else:
        man = value // 10
        oku, rest = divmod(man, 10_000)
        if not japanese:
            body = f"¥{formatting.group(Decimal(value) / 1000, locale)} million"
        elif unit == "億円" or rest == 0:
            body = f"{formatting.group(oku, locale)}億円" if oku else f"{formatting.group(man, locale)}万円"
        elif factor == 10_000 and rest % 1000 == 0:
            body = (f"{formatting.group(oku, locale)}億" if oku else "") + f"{rest // 1000}千万円"
        else:
            body = (f"{formatting.group(oku, locale)}億" if oku else "") + f"{formatting.group(rest, locale)}万円"
    return f"{about}{sign}{body}"


def printed_count(count: int, unit: str, rounding: str, locale: str) -> str:
    """A figure that is not money, as printed: ``(500, "facilities", "approx") → "約500施設"``."""
    about = t("documents.about", locale) if rounding == "approx" else ""
    return about + t(f"documents.count_{unit}", locale, count=formatting.group(count, locale))


def _threshold_text(value: float) -> str:
    return f"{value:.2f}" if round(value, 1) != value else f"{value:.1f}"


def _thresholds(row: Mapping[str, object], locale: str) -> str:
    """The legal lines printed beside a ratio: 「（早期健全化基準 12.96%、財政再生基準 20.00%）」."""
    early, rebuilding = row.get("early_threshold"), row.get("rebuilding_threshold")
    parts = []
    if not _missing(early):
        key = (
            "documents.threshold_management"
            if row["indicator"] == "funding_shortfall_ratio"
            else "documents.threshold_early"
        )
        parts.append(t(key, locale, value=_threshold_text(float(str(early)))))
    if not _missing(rebuilding):
        parts.append(t("documents.threshold_rebuilding", locale, value=_threshold_text(float(str(rebuilding)))))
    return (
        t("documents.thresholds", locale, lines="、".join(parts) if is_japanese(locale) else ", ".join(parts))
        if parts
        else ""
    )


def _number(value: object, locale: str) -> str:
    number = Decimal(str(value)).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return formatting.group(number, locale)


def _narrative_page(topic: str) -> str:
    for prefix, page in _TOPIC_PAGES:
        if topic.startswith(prefix):
            return page
    return "overview"


def _ratio_page(indicator: str, account: str) -> str:
    if indicator == "mandatory_expenditure_share":
        return "expenditure"
    if indicator.startswith("ent_") or (indicator == "funding_shortfall_ratio" and account.startswith("sewer")):
        return "enterprise"
    return "indicators"


def _peer_page(dataset: str, subject: str) -> str:
    if dataset == "settlement_share":
        return "revenue" if subject.startswith("rev_") else "expenditure"
    return {"staff": "staff", "operating_stats": "enterprise"}.get(dataset, "indicators")


def _page_of(table: str, row: Mapping[str, object]) -> str | None:
    if table == "narrative_figures":
        return _narrative_page(str(row["topic"]))
    if table == "ratios":
        return _ratio_page(str(row["indicator"]), str(row["account"]))
    if table == "peer_values":
        return _peer_page(str(row["dataset"]), str(row["subject"]))
    if table == "settlement":
        item = str(row["item"])
        if item.startswith(_SETTLEMENT_BALANCE):
            return "overview"
        if "本文" in str(row["source_table"]):  # a narrative's figure, not part of an itemised statement
            return "revenue" if item.startswith("rev_") else "expenditure"
        return None
    if table == "per_resident":
        return "overview"
    if table in ("enterprise", "operating_stats"):
        return "enterprise"
    if table == "ratio_components":
        return "indicators"
    if table == "debt":
        return "debt"
    if table == "funds":
        return "funds"
    if table == "population":
        return "overview"
    return None


def _cell(table: str, row: Mapping[str, object], locale: str) -> Cell | None:
    kind = str(row.get("figure_kind") or "")
    note = "" if _missing(row.get("note")) else str(row.get("note"))
    if table == "ratios":
        return Cell(str(row["published_text"]) + _thresholds(row, locale), kind, note)
    if table == "operating_stats":
        return None if _missing(row["value"]) else Cell(_number(row["value"], locale), kind, note)
    if table == "peer_values":
        return Cell(f"{_number(row['value'], locale)}{'' if str(row['unit']) == '人' else row['unit']}", "", note)
    if table == "per_resident":
        return Cell(formatting.yen(int(str(row["yen_per_resident"])), locale=locale), kind, note)
    if table == "population":
        count = formatting.group(int(str(row["population"])), locale)
        return Cell(f"{count}人" if is_japanese(locale) else count, kind, note)
    if table == "narrative_figures" and not _missing(row.get("count")):
        return Cell(
            printed_count(int(str(row["count"])), str(row["count_unit"]), str(row["rounding"]), locale), kind, note
        )
    amount = row.get("amount_thousand_yen")
    if _missing(amount):
        return None
    return Cell(printed_amount(int(str(amount)), str(row["published_unit"]), str(row["rounding"]), locale), kind, note)


def _label(table: str, row: Mapping[str, object], names: Mapping[str, str], accounts: Mapping[str, str]) -> str:
    label = str(row.get("label_ja") or row.get("item") or "")
    if table == "ratios":
        label = names.get(str(row["indicator"]), str(row["indicator"]))
        scenario = "" if _missing(row.get("scenario")) else str(row["scenario"])
        if scenario:
            label += f"（{scenario}）"
        account = str(row["account"])
        if account not in ("general_etc", "ordinary", "general"):
            label += f"［{accounts.get(account, account)}］"
    elif table == "ratio_components":
        label = f"{names.get(str(row['indicator']), str(row['indicator']))}: {label}"
        scenario = "" if _missing(row.get("scenario")) else str(row["scenario"])
        if scenario:
            label += f"（{scenario}）"
        account = str(row["account"])
        if account not in ("general_etc", "ordinary", "general"):
            label += f"［{accounts.get(account, account)}］"
    elif "account" in row and table in ("enterprise", "operating_stats", "debt"):
        account = str(row["account"])
        label = f"{label}［{accounts.get(account, account)}］"
    if table == "population":
        label = t(f"basis.{row['basis']}", "ja")
    if table == "peer_values":
        label = f"{label}（{t('documents.peer', 'ja')}）"
    return label


def _row_key(table: str, row: Mapping[str, object]) -> str:
    """What makes a row of a document table: its item (topic, indicator …), scenario and account."""
    parts = [
        str(row.get(column))
        for column in (
            "item",
            "topic",
            "indicator",
            "component",
            "scenario",
            "fund",
            "measure",
            "dataset",
            "subject",
            "basis",
            "account",
            "label_ja",
        )
        if column in row and not _missing(row.get(column))
    ]
    return "|".join([table, *parts])


_TABLES = (
    "population",
    "settlement",
    "funds",
    "per_resident",
    "narrative_figures",
    "debt",
    "ratios",
    "ratio_components",
    "peer_values",
    "enterprise",
    "operating_stats",
)


def tables(ds: Dataset, code: str, page: str, locale: str = "ja") -> tuple[DocumentTable, ...]:
    """The document tables of ``page`` for body ``code``: every printed figure that belongs to the page."""
    groups: dict[tuple[str, str, str], list[tuple[Mapping[str, object], Cell]]] = {}
    for table in _TABLES:
        if table not in ds.tables:
            continue
        for row in ds.records(table, code):
            if _page_of(table, row) != page:
                continue
            cell = _cell(table, row, locale)
            if cell is None:
                continue
            key = (table, str(row["source_id"]), str(row["source_table"]))
            groups.setdefault(key, []).append((row, cell))
    names = dict(zip(ds["indicators"]["indicator"], ds["indicators"]["name_ja"], strict=True))
    accounts = account_names(ds, code, "ja")
    item_names = {
        **dict(zip(ds["items"]["item"], ds["items"]["name_ja"], strict=True)),
        **dict(zip(ds["enterprise_items"]["item"], ds["enterprise_items"]["name_ja"], strict=True)),
    }
    found: list[DocumentTable] = []
    for (table, _, source_table), entries in groups.items():
        years = sorted(
            {None if _missing(r["fiscal_year"]) else int(str(r["fiscal_year"])) for r, _ in entries},
            key=lambda y: (y is None, y or 0),
        )
        labels: dict[str, dict[int | None, Cell]] = {}
        shown: dict[str, str] = {}
        codes: dict[str, str] = {}
        lines: list[str] = []
        for entry, cell in entries:
            year = None if _missing(entry["fiscal_year"]) else int(str(entry["fiscal_year"]))
            row_key = _row_key(table, entry)
            shown.setdefault(row_key, _label(table, entry, names, accounts))
            codes[row_key] = str(entry.get("item", ""))
            labels.setdefault(row_key, {})[year] = cell
            line = str(entry["source_lines"])
            if line and line not in lines:
                lines.append(line)
        counts: dict[str, int] = {}
        for label in shown.values():
            counts[label] = counts.get(label, 0) + 1
        for row_key, label in shown.items():  # items printed under one heading (sub-columns): their full names
            if counts[label] > 1:
                shown[row_key] = item_names.get(codes[row_key], label)
        columns = []
        for year in years:
            kinds = {c.figure_kind for cells in labels.values() for y, c in cells.items() if y == year}
            columns.append(Column(year, kinds.pop() if len(kinds) == 1 else None))
        rows = tuple(Row(shown[key], tuple(cells.get(c.fiscal_year) for c in columns)) for key, cells in labels.items())
        base = source_of(ds, entries[0][0])
        source = replace(base, table=source_table, lines=_line_span(lines), edition="")
        notes: tuple[str, ...] = ()
        if table in ("narrative_figures", "debt", "population", "ratios"):
            notes = tuple(  # the document's own words, and where a plan's column header is not the value's year
                dict.fromkeys(
                    f"{shown[_row_key(table, e)]}（{_year_text(e, locale)}）: {c.note}"
                    for e, c in entries
                    if c.note and ("本文" in c.note or "表頭年度" in c.note)
                )
            )
        found.append(DocumentTable(f"{table}:{source.source_id}:{source_table}", source, tuple(columns), rows, notes))
    return tuple(found)


@dataclass(frozen=True)
class Project:
    """One major past project (大型事業) with its bonds, as printed (amounts in 百万円 to one decimal)."""

    name: str
    account: str
    aid: str
    years: str
    total_cost: str
    bond_kind: str
    bonds: str
    redemption_end: str


@dataclass(frozen=True)
class ProjectsTable:
    """The 大型事業 table of a document."""

    source: Source
    projects: tuple[Project, ...]


def projects(ds: Dataset, code: str, locale: str = "ja") -> ProjectsTable | None:
    """The major past projects behind today's debt service (``projects.csv``), one row a project.

    The bonds of a project spread over several years are listed by year («571.8百万円（平成9年度 90.6百万円 …）»).
    """
    if "projects" not in ds.tables:
        return None
    records = ds.records("projects", code)
    if not records:
        return None
    by_year: dict[str, list[Mapping[str, object]]] = {}
    totals: list[Mapping[str, object]] = []
    for record in records:
        if _missing(record["bond_year"]):
            totals.append(record)
        else:
            by_year.setdefault(str(record["project_id"]), []).append(record)

    def amount(row: Mapping[str, object], column: str) -> str:
        value = row[column]
        if _missing(value):
            return ""
        return printed_amount(int(str(value)), str(row["published_unit"]), str(row["rounding"]), locale)

    found = []
    for row in totals:
        start, end = int(str(row["year_from"])), int(str(row["year_to"]))
        years = formatting.fiscal_year_label(start, locale)
        if end != start:
            years += t("terms.year_range", locale, first="", last=formatting.fiscal_year_label(end, locale))
        bonds = amount(row, "bond_thousand_yen")
        parts = by_year.get(str(row["project_id"]), [])
        if parts:
            split = t("common.list_separator", locale).join(
                f"{formatting.fiscal_year_label(int(str(p['bond_year'])), locale)} {amount(p, 'bond_thousand_yen')}"
                for p in parts
            )
            bonds += t("terms.in_brackets", locale, text=split)
        found.append(
            Project(
                str(row["name_ja"]),
                str(row["account_label_ja"]),
                str(row["aid"]),
                years,
                amount(row, "total_cost_thousand_yen"),
                str(row["bond_kind_ja"]),
                bonds,
                _printed_year(int(str(row["redemption_end_year"])), locale),
            )
        )
    first = source_of(ds, records[0])
    lines = _line_span([str(r["source_lines"]) for r in records])
    source = replace(first, lines=lines, url="", edition="")
    return ProjectsTable(source, tuple(found))


def _year_text(row: Mapping[str, object], locale: str) -> str:
    year = row.get("fiscal_year")
    return t("documents.no_year", locale) if _missing(year) else formatting.fiscal_year_label(int(str(year)), locale)


def _printed_year(year: int, locale: str) -> str:
    """A fiscal year, with the 平成 year the document printed when it lies in 令和 («令和7年度（平成37年度）»)."""
    label = formatting.fiscal_year_label(year, locale)
    if is_japanese(locale) and year >= 2019:
        label += f"（平成{year - 1988}年度）"
    return label


def _line_span(lines: list[str]) -> str:
    numbers: list[int] = []
    for line in lines:
        for part in line.replace("–", "-").split("-"):
            if part.strip().isdigit():
                numbers.append(int(part))
    if not numbers:
        return ", ".join(lines)
    low, high = min(numbers), max(numbers)
    return str(low) if low == high else f"{low}–{high}"


def all_tables(ds: Dataset, code: str, locale: str = "ja") -> dict[str, tuple[DocumentTable, ...]]:
    """The document tables of every page of body ``code``."""
    return {page: tables(ds, code, page, locale) for page in PAGES}
