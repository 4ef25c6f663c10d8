"""Add a body from one flat CSV: ``python -m finance add FILE.csv --data DIR`` (and ``--template``).

A finance officer copies the figures of their 決算カード (settlement card) and 健全化判断比率 forms into one long
CSV with the header :data:`HEADER`; this module checks every row (all errors at once, with line, column, value and
what to do, in Japanese and English), turns the rows into the project's data model (body, sources, accounts,
settlement items, funds, debt, staff, population, ratio components and published ratios), merges them into the
data folder, validates the result like the server does, and writes nothing if anything is invalid.

The codes are the public interface: indicator tables use the canonical components of
``reference/components.csv``; settlement tables use the item codes of ``reference/items.csv`` (named after the lines
of the ministry's 決算カード).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from finance import components as comp
from finance.load import Dataset, load_dataset
from finance.schemas import MUNICIPALITY_KINDS, SPEC_BY_NAME, check_digit, valid_municipality_code
from finance.validation import DataValidationError, Issue

HEADER = (
    "municipality_code",
    "name_ja",
    "kind",
    "prefecture_ja",
    "fiscal_year",
    "table",
    "item",
    "amount",
    "unit",
    "figure_kind",
    "source_title",
    "source_publisher",
    "source_published",
    "source_page",
)
"""The columns of the flat file, in this order."""

INDICATOR_TABLES = (
    "real_deficit_ratio",
    "consolidated_real_deficit_ratio",
    "real_debt_service_ratio",
    "future_burden_ratio",
    "funding_shortfall_ratio",
)
SETTLEMENT_TABLES: Mapping[str, tuple[str, ...]] = {
    "totals": ("total", "balance", "fiscal_base"),
    "revenue": ("revenue",),
    "expenditure_function": ("expenditure_function",),
    "expenditure_nature": ("expenditure_nature",),
}
OTHER_TABLES = ("funds", "debt", "staff", "population")
TABLES = (*INDICATOR_TABLES, *SETTLEMENT_TABLES, *OTHER_TABLES)
PUBLISHED_ITEMS = ("published", "published_single_year")
FIGURE_KINDS = ("決算", "決算見込", "計画")
MONEY_UNITS = {"円": None, "千円": 1, "百万円": 1000}
FUND_ITEMS = {
    "fund_fiscal_adjustment": ("財政調整基金", "Fiscal adjustment fund"),
    "fund_debt_reduction": ("減債基金", "Debt reduction fund"),
    "fund_specific": ("その他特定目的基金", "Other specific-purpose funds"),
    "fund_total": ("積立金現在高 計", "Funds in total"),
}
DEBT_ITEMS = {
    "outstanding_end": ("地方債現在高", "Local bonds outstanding at year end"),
    "issued": ("地方債発行額", "Local bonds issued in the year"),
}
STAFF_ITEMS = {
    "total": ("職員数 合計", "Staff in total"),
    "general": ("一般職員等", "General staff"),
    "education": ("教育公務員", "Teaching staff"),
    "temporary": ("臨時職員", "Temporary staff"),
}
POPULATION_ITEMS = {
    "juki_jan1": ("住民基本台帳人口（1月1日現在）", "Resident register population (1 January)"),
    "juki_fy_end": ("住民基本台帳人口（年度末）", "Resident register population (31 March)"),
    "census": ("国勢調査人口", "Census population"),
}
TABLE_TITLES = {
    "totals": "決算規模・収支",
    "revenue": "歳入",
    "expenditure_function": "歳出（目的別）",
    "expenditure_nature": "歳出（性質別）",
    "funds": "積立金現在高",
    "debt": "地方債現在高",
    "staff": "職員数",
    "population": "人口",
    "real_deficit_ratio": "実質赤字比率の算定",
    "consolidated_real_deficit_ratio": "連結実質赤字比率の算定",
    "real_debt_service_ratio": "実質公債費比率の算定",
    "future_burden_ratio": "将来負担比率の算定",
    "funding_shortfall_ratio": "資金不足比率の算定",
}
SETTLEMENT_TABLE_TITLE = "決算の状況（普通会計）"
NOT_COMPUTED = ("—", "-", "－", "―", "ー", "‐", "…")
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


@dataclass
class Plan:
    """What adding the file will write, by data file (rows as dicts keyed by column)."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    bodies: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, kind)

    def add(self, name: str, row: dict[str, str]) -> None:
        """Queue one row for ``name`` (a spec name such as ``settlement``)."""
        self.rows.setdefault(name, []).append(row)


class AddError(Exception):
    """The flat file cannot be added: ``issues`` lists every error (file, line, column, value, fix)."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} errors")


# ---------------------------------------------------------------------------------------------
# Reference codes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Codes:
    """The codes a flat file may use, read from the data folder's reference files."""

    items: Mapping[str, tuple[str, str, str]]  # item -> (statement, name_ja, name_en)
    components: comp.Catalog

    def item_codes(self, table: str) -> list[str]:
        """Every accepted ``item`` of a table."""
        if table in INDICATOR_TABLES:
            return [
                *comp.inputs(self.components, table),
                *PUBLISHED_ITEMS[: 2 if table == "real_debt_service_ratio" else 1],
            ]
        if table in SETTLEMENT_TABLES:
            return [k for k, (statement, _, _) in self.items.items() if statement in SETTLEMENT_TABLES[table]]
        return list(
            {"funds": FUND_ITEMS, "debt": DEBT_ITEMS, "staff": STAFF_ITEMS, "population": POPULATION_ITEMS}[table]
        )

    def name(self, table: str, item: str) -> tuple[str, str]:
        """The official name (ja, en) of an item."""
        if table in INDICATOR_TABLES:
            if item in PUBLISHED_ITEMS:
                return (
                    ("公表された比率", "Published ratio")
                    if item == "published"
                    else ("単年度の比率", "Single-year ratio")
                )
            c = self.components.indicator(table)[item]
            return c.name_ja, c.plain_en
        if table in SETTLEMENT_TABLES:
            _, ja, en = self.items[item]
            return ja, en
        return {"funds": FUND_ITEMS, "debt": DEBT_ITEMS, "staff": STAFF_ITEMS, "population": POPULATION_ITEMS}[table][
            item
        ]


def read_codes(data_dir: Path) -> Codes:
    """The reference codes of a data folder (items and canonical components)."""
    items: dict[str, tuple[str, str, str]] = {}
    with (data_dir / "reference" / "items.csv").open(encoding="utf-8-sig", newline="") as handle:
        for r in csv.DictReader(handle):
            items[r["item"]] = (r["statement"], r["name_ja"], r["name_en"])
    with (data_dir / "reference" / "components.csv").open(encoding="utf-8-sig", newline="") as handle:
        catalog = comp.catalog(list(csv.DictReader(handle)))
    return Codes(items, catalog)


def template(codes: Codes) -> str:
    """An empty flat file: the header, then every table's codes with their official names as ``#`` comments."""
    out = io.StringIO()
    out.write("# 自分のまちを追加する / Add a body: fill one row per figure below the header, then run\n")
    out.write("#   python -m finance add FILE.csv --data data\n")
    out.write("# kind: " + " / ".join(MUNICIPALITY_KINDS) + "; figure_kind: " + " / ".join(FIGURE_KINDS) + "\n")
    out.write("# unit: 円 / 千円 / 百万円 (money), 人 (staff, population), % (published ratios)\n")
    out.write("# amount: as printed (1,234 ▲56 △7); «—» or - = not computed; blank = missing (never 0)\n")
    for table in TABLES:
        out.write(f"# --- table={table} ({TABLE_TITLES[table]})\n")
        for item in codes.item_codes(table):
            ja, en = codes.name(table, item)
            out.write(f"#   item={item}  {ja} / {en}\n")
    out.write(",".join(HEADER) + "\n")
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Reading and checking
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Turning rows into the data model
# ---------------------------------------------------------------------------------------------


def _thousand(row: Row) -> tuple[str, str]:
    """The amount in 千円 and the unit it was printed in (円 amounts are whole thousands, checked before)."""
    if row.amount is None:
        return "", "千円"
    if row.unit == "百万円":
        return str(int(row.amount) * 1000), "百万円"
    if row.unit == "円":
        return str(int(row.amount) // 1000), "千円"
    return str(int(row.amount)), "千円"


def _lines(row: Row) -> str:
    page = row.page
    if not page or page.startswith("http"):
        return ""
    digits = re.sub(r"^p\.?\s*", "", page, flags=re.IGNORECASE)
    return f"p.{digits}"


def _deficit_like(table: str) -> bool:
    return table in ("real_deficit_ratio", "consolidated_real_deficit_ratio", "funding_shortfall_ratio")


def plan_rows(rows: Sequence[Row], codes: Codes, existing_sources: Sequence[Mapping[str, str]]) -> Plan:
    """The data-model rows for the checked flat rows (sources reused when title, publisher and date match)."""
    plan = Plan()
    known = {(s["title_ja"], s["publisher_ja"], s["published"]): s["source_id"] for s in existing_sources}
    used_ids = {s["source_id"] for s in existing_sources}
    source_ids: dict[tuple[str, str, str], str] = {}
    urls: dict[tuple[str, str, str], str] = {}
    for row in rows:
        if row.page.startswith("http"):
            urls.setdefault(row.source, row.page)
    for row in sorted(rows, key=lambda r: (r.code, r.source)):
        if row.source in source_ids:
            continue
        if row.source in known:
            source_ids[row.source] = known[row.source]
            continue
        n = 1
        while f"A{row.code}_{n}" in used_ids:
            n += 1
        new_id = f"A{row.code}_{n}"
        used_ids.add(new_id)
        source_ids[row.source] = new_id
        title, publisher, published = row.source
        plan.add(
            "sources",
            {
                "source_id": new_id, "title_ja": title, "title_en": "", "publisher_ja": publisher,
                "published": published, "url": urls.get(row.source, ""), "date_basis": "",
                "kind": "settlement_card", "note": "python -m finance add で追加",
            },
        )  # fmt: skip
    for code in dict.fromkeys(r.code for r in rows):
        first = next(r for r in rows if r.code == code)
        plan.bodies.append((code, first.name, first.kind))
        plan.add(
            "municipalities",
            {
                "municipality_code": code, "name_ja": first.name, "name_kana": "", "name_en": "",
                "prefecture_ja": first.prefecture, "prefecture_en": "", "kind": first.kind, "similar_group": "",
                "similar_group_year": "", "source_id": source_ids[first.source],
            },
        )  # fmt: skip
        for account, ja, en, kind in (
            ("ordinary", "普通会計", "Ordinary account", "集計"),
            ("general_etc", "一般会計等", "General accounts (health law scope)", "集計"),
            ("all", "全会計", "All accounts", "集計"),
            ("enterprise_all", "公営企業会計（合計）", "Public enterprises (together)", "集計"),
        ):
            plan.add(
                "accounts",
                {
                    "municipality_code": code, "account": account, "name_ja": ja, "name_en": en, "kind": kind,
                    "law_application": "", "in_general_etc": "yes" if account == "general_etc" else "",
                    "source_id": source_ids[first.source], "note": "",
                },
            )  # fmt: skip
    for row in rows:
        _plan_row(plan, row, codes, source_ids[row.source])
    return plan


def _plan_row(plan: Plan, row: Row, codes: Codes, source_id: str) -> None:
    ja, _ = codes.name(row.table, row.item)
    # the settlement tables of one document are one table (a 決算カード prints totals and items together),
    # so that the pages find each breakdown with the total it adds up to
    table = SETTLEMENT_TABLE_TITLE if row.table in SETTLEMENT_TABLES else TABLE_TITLES[row.table]
    provenance = {"source_id": source_id, "source_table": table, "source_lines": _lines(row), "note": ""}
    base = {"municipality_code": row.code, "fiscal_year": str(row.year)}
    amount, unit = _thousand(row)
    if row.table in SETTLEMENT_TABLES:
        plan.add(
            "settlement",
            {**base, "account": "ordinary", "item": row.item, "label_ja": ja, "amount_thousand_yen": amount,
             "published_unit": unit, "rounding": "exact", "figure_kind": row.figure_kind, "part_of": "", **provenance},
        )  # fmt: skip
    elif row.table == "funds":
        plan.add(
            "funds",
            {**base, "account": "ordinary", "fund": row.item, "measure": "balance_end", "label_ja": ja,
             "amount_thousand_yen": amount, "published_unit": unit, "rounding": "exact",
             "figure_kind": row.figure_kind, "part_of": "", **provenance},
        )  # fmt: skip
    elif row.table == "debt":
        plan.add(
            "debt",
            {**base, "account": "ordinary", "measure": row.item, "label_ja": ja, "amount_thousand_yen": amount,
             "published_unit": unit, "rounding": "exact", "figure_kind": row.figure_kind, **provenance},
        )  # fmt: skip
    elif row.table == "staff":
        plan.add(
            "staff",
            {**base, "as_of": f"{row.year}-04-01", "account": "ordinary", "category": row.item, "label_ja": ja,
             "count": "" if row.amount is None else str(int(row.amount)), "figure_kind": row.figure_kind, **provenance},
        )  # fmt: skip
    elif row.table == "population":
        as_of = {"juki_jan1": f"{row.year + 1}-01-01", "juki_fy_end": f"{row.year + 1}-03-31"}.get(
            row.item, f"{row.year}-10-01"
        )
        if row.amount is not None:
            plan.add(
                "population",
                {**base, "population": str(int(row.amount)), "basis": row.item, "as_of": as_of,
                 "figure_kind": row.figure_kind, **provenance},
            )  # fmt: skip
    elif row.item in PUBLISHED_ITEMS:
        indicator = row.table + ("_single" if row.item == "published_single_year" else "")
        account = "enterprise_all" if row.table == "funding_shortfall_ratio" else "general_etc"
        status = "ok" if row.amount is not None else ("missing" if not row.dash else _dash_status(row.table))
        plan.add(
            "ratios",
            {**base, "account": account, "indicator": indicator, "scenario": "", "published_text": row.printed or "",
             "value": "" if row.amount is None else str(row.amount), "status": status, "surplus_value": "",
             "early_threshold": "", "rebuilding_threshold": "", "figure_kind": row.figure_kind, **provenance},
        )  # fmt: skip
    else:
        account = "enterprise_all" if row.table == "funding_shortfall_ratio" else "general_etc"
        plan.add(
            "ratio_components",
            {**base, "account": account, "indicator": row.table, "scenario": "", "component": row.item,
             "label_ja": ja, "amount_thousand_yen": amount, "published_unit": unit, "rounding": "exact",
             "figure_kind": row.figure_kind, "part_of": "", **provenance},
        )  # fmt: skip


def _dash_status(table: str) -> str:
    return "no_deficit" if _deficit_like(table) else "non_positive"


# ---------------------------------------------------------------------------------------------
# Merging into a data folder
# ---------------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: Iterable[Mapping[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _key(row: Mapping[str, str], key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(row.get(k, "") for k in key)


def merge(folder: Path, plan: Plan) -> dict[str, tuple[int, int]]:
    """Write the plan into ``folder``: a row with the same key replaces the old one. Returns (added, replaced)."""
    counts: dict[str, tuple[int, int]] = {}
    for name, new_rows in plan.rows.items():
        spec = SPEC_BY_NAME[name]
        path = folder / spec.path
        columns, old = _read(path) if path.is_file() else (spec.column_names, [])
        fresh = {_key(r, spec.key): r for r in new_rows}
        kept = [r for r in old if _key(r, spec.key) not in fresh]
        replaced = len(old) - len(kept)
        if name in ("sources",):
            replaced = 0
        _write(path, columns or spec.column_names, [*kept, *fresh.values()])
        counts[name] = (len(fresh) - replaced, replaced)
    return counts


@dataclass(frozen=True)
class Outcome:
    """The result of adding a file: what was written and the validated dataset."""

    counts: Mapping[str, tuple[int, int]]
    bodies: Sequence[tuple[str, str, str]]
    dataset: Dataset


def add(file: Path, data_dir: Path) -> Outcome:
    """Check ``file``, merge it into a copy of ``data_dir``, validate the copy, and only then replace the files.

    Raises:
        AddError: the flat file has errors (nothing written).
        DataValidationError: the merged data would not validate (nothing written).
    """
    codes = read_codes(data_dir)
    rows = read_rows(file, codes)
    _, sources = _read(data_dir / "reference" / "sources.csv")
    plan = plan_rows(rows, codes, sources)
    with tempfile.TemporaryDirectory(prefix="mieruka-add-") as scratch:
        work = Path(scratch) / "data"
        shutil.copytree(data_dir, work, ignore=shutil.ignore_patterns("official"))  # raw files: not loaded
        counts = merge(work, plan)
        dataset = load_dataset(work)  # raises DataValidationError: nothing is written then
        for name in plan.rows:
            target = data_dir / SPEC_BY_NAME[name].path
            staged = target.with_name(target.name + ".new")
            shutil.copyfile(work / SPEC_BY_NAME[name].path, staged)
            staged.replace(target)
    return Outcome(counts, plan.bodies, dataset)


__all__ = ["HEADER", "AddError", "DataValidationError", "Outcome", "add", "parse_amount", "read_rows", "template"]
