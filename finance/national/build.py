"""Put the importers together: resolve names to codes, attach provenance, and write ``data/national``.

Input is the folder of the ministry's files as laid out in the project's shared data (``shuyou-zaisei-shihyou/``,
``juuki-population/``, ``kessan-joukyou-2019/``, ``derived/``, ``SHA256SUMS``); any subset of the files may be present
(the project's ``data/official`` holds the ones the tests read). Every row written names its source (``source_id``,
see ``sources.csv``: document, table, fiscal year, file, checksum) and its 1-based row in that file.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineError

from finance.formatting import parse_fiscal_year
from finance.national.codes import is_prefecture_code, is_tokyo_special_ward_code, is_valid_code
from finance.national.juuki import PopulationRow, PopulationTable, match_key, parse_population, short_name
from finance.national.kessan import KessanRow, parse_kessan
from finance.national.sheet import ImportFailed, ImportIssue, Row, read_first_sheet
from finance.national.shuyou import RatioCell, Table, TableKind, parse_derived, parse_table

LICENCE = "政府標準利用規約（第2.0版）: CC BY 4.0 互換 / Public Data License (Version 2.0), compatible with CC BY 4.0"
PUBLISHER = "総務省"
DERIVED_FILE = "derived/shuyou-zaisei-shihyou-2015-2024.csv"
TABLE_TITLES: dict[TableKind, tuple[str, str, str]] = {
    "city": ("全市町村の主要財政指標", "Main fiscal indicators of all municipalities", "city"),
    "prefecture": ("全都道府県の主要財政指標", "Main fiscal indicators of all prefectures", "pref"),
    "prefecturemean": (
        "市町村主要財政指標の都道府県別平均",
        "Averages of the municipalities' main fiscal indicators by prefecture",
        "prefmean",
    ),
}
KESSAN_FILES = {
    "000738076.xlsx": ("mic-kessan-2019-city", "市町村別決算状況調 令和元年度 (1)都市別 ア概況", "cities"),
    "000738081.xlsx": ("mic-kessan-2019-town", "市町村別決算状況調 令和元年度 (2)町村別 ア概況", "towns and villages"),
}
OUTCOME_UNRESOLVED = "unresolved"
OUTCOME_SKIPPED = "skipped"
OUTCOME_VARIANT = "matched_variant"

#: reason codes of ``unresolved.csv`` → (Japanese, English).
REASONS: dict[str, tuple[str, str]] = {
    "name_not_found": (
        "団体コードがなく、同じ都道府県・団体名の行が住民基本台帳人口のどの年にもない",
        "no code, and no population file of any year has this prefecture and name",
    ),
    "variant_spelling": (
        "異体字・ケ/ヶの違いのみで住民基本台帳人口の名前と一致（detail に一致した名前とファイル）",
        "matched a population-file name through a variant spelling only (detail: the name and file matched)",
    ),
    "bad_check_digit": ("団体コードの検査数字が合わない", "the code's check digit does not match"),
    "duplicate_code": ("同じ表の別の行と同じ団体コード", "same code as another row of the same table"),
    "prefecture_not_found": (
        "都道府県名が住民基本台帳人口の都道府県行にない",
        "prefecture name not in the population files",
    ),
    "county_subtotal": ("郡の小計行（団体ではない）", "county (郡) subtotal row, not a body"),
    "subtotal": ("小計行（島しょ など、団体ではない）", "subtotal row (e.g. 島しょ), not a body"),
    "no_code": (
        "団体コードのない行（北方領土の村、人口0）",
        "row without a code (Northern Territories villages, population 0)",
    ),
    "note_row": ("注記行", "note row"),
    "not_in_fiscal_tables": (
        "財政指標の表にない団体（2005年度の表より前に合併で消滅、北方領土の村など）。人口は書き出さない",
        "body in no fiscal table (merged away before the FY2005 table, Northern Territories villages); population"
        " not written",
    ),
}


@dataclass(frozen=True)
class Source:
    """A source file and what it is (one row of ``sources.csv``)."""

    source_id: str
    title_ja: str
    title_en: str
    publisher_ja: str
    fiscal_year: str
    as_of: str
    file: str
    sha256: str
    edited: str
    licence: str
    attribution_ja: str
    note: str


@dataclass
class Output:
    """The tables written to ``data/national`` (lists of rows in column order) and the issues met."""

    sources: list[Source] = field(default_factory=list)
    municipalities: list[list[str]] = field(default_factory=list)
    wards: list[list[str]] = field(default_factory=list)
    ratios: list[list[str]] = field(default_factory=list)
    prefecture_means: list[list[str]] = field(default_factory=list)
    population: list[list[str]] = field(default_factory=list)
    ward_population: list[list[str]] = field(default_factory=list)
    settlement: list[list[str]] = field(default_factory=list)
    unresolved: list[list[str]] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    table_rows: dict[str, int] = field(default_factory=dict)


COLUMNS: dict[str, list[str]] = {
    "sources.csv": [
        "source_id",
        "title_ja",
        "title_en",
        "publisher_ja",
        "fiscal_year",
        "as_of",
        "file",
        "sha256",
        "edited",
        "licence",
        "attribution_ja",
        "note",
    ],
    "municipalities.csv": [
        "municipality_code",
        "name_ja",
        "prefecture_ja",
        "kind",
        "first_fiscal_year",
        "last_fiscal_year",
        "current",
        "source_id",
    ],
    "wards.csv": ["ward_code", "name_ja", "city_code", "prefecture_ja", "first_as_of", "last_as_of", "source_id"],
    "ratios.csv": [
        "municipality_code",
        "fiscal_year",
        "indicator",
        "published_text",
        "value",
        "status",
        "source_id",
        "source_row",
        "note",
    ],
    "prefecture_means.csv": [
        "group",
        "prefecture_ja",
        "fiscal_year",
        "indicator",
        "published_text",
        "value",
        "status",
        "source_id",
        "source_row",
        "note",
    ],
    "population.csv": ["municipality_code", "fiscal_year", "population", "basis", "as_of", "source_id", "source_row"],
    "ward_population.csv": ["ward_code", "fiscal_year", "population", "basis", "as_of", "source_id", "source_row"],
    "settlement.csv": [
        "municipality_code",
        "fiscal_year",
        "account",
        "item",
        "label_ja",
        "amount_thousand_yen",
        "published_text",
        "source_id",
        "source_row",
    ],
    "unresolved.csv": [
        "source_id",
        "source_row",
        "fiscal_year",
        "prefecture_ja",
        "name_ja",
        "municipality_code",
        "outcome",
        "reason",
        "detail",
    ],
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_checksums(folder: Path) -> dict[str, str]:
    """``SHA256SUMS`` (``<hash>  <relative path>`` per line) as path → hash; empty when the file is absent."""
    sums = folder / "SHA256SUMS"
    if not sums.exists():
        return {}
    out: dict[str, str] = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        parts = line.split(maxsplit=1)
        if len(parts) == 2:
            out[parts[1].lstrip("*").removeprefix("./")] = parts[0].lower()
    return out


def _fiscal_year_of(path: Path) -> int | None:
    return parse_fiscal_year(path.stem)


def _ratio_row(code: str, year: int, cell: RatioCell, source_id: str, row: int) -> list[str]:
    return [
        code,
        str(year),
        cell.indicator,
        cell.published_text,
        cell.value or "",
        cell.status,
        source_id,
        str(row),
        cell.note,
    ]


class _Builder:
    """Collects the tables while the files are read (one instance per import)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.out = Output()
        self.checksums = read_checksums(folder)
        self.population_tables: list[tuple[PopulationTable, str]] = []
        self.pref_codes: dict[str, str] = {}
        # code → {fiscal_year: (name, prefecture, source_id)}
        self.seen: dict[str, dict[int, tuple[str, str, str]]] = defaultdict(dict)
        self._name_index: dict[tuple[str, bool], dict[tuple[str, str], PopulationRow]] = {}

    def read(self, path: Path) -> list[Row] | None:
        """The first sheet of a file, or ``None`` with an issue when the file cannot be read as a spreadsheet."""
        try:
            return read_first_sheet(path)
        except (CalamineError, OSError, ValueError) as exc:
            self.out.issues.append(
                ImportIssue(
                    path.relative_to(self.folder).as_posix(),
                    None,
                    None,
                    None,
                    f"表計算ファイルとして読めません（{type(exc).__name__}: {exc}）。",
                    f"Cannot be read as a spreadsheet ({type(exc).__name__}: {exc}).",
                    "公表された .xls / .xlsx を取得し直し、SHA256SUMS と照合してください。",
                    "Fetch the published .xls/.xlsx again and compare it with SHA256SUMS.",
                )
            )
            return None

    def unresolved_row(
        self,
        source_id: str,
        row: str,
        fiscal_year: str,
        prefecture: str,
        name: str,
        code: str,
        outcome: str,
        reason: str,
        detail: str = "",
    ) -> None:
        """List a row of a table that was skipped, not resolved or resolved through a variant (``unresolved.csv``)."""
        self.out.unresolved.append([source_id, row, fiscal_year, prefecture, name, code, outcome, reason, detail])

    # ---------------------------------------------------------------- sources
    def source(
        self,
        source_id: str,
        path: Path,
        title: tuple[str, str],
        fiscal_year: str,
        as_of: str,
        note: str,
        *,
        edited: bool = False,
    ) -> None:
        rel = path.relative_to(self.folder).as_posix()
        digest = _sha256(path)
        expected = self.checksums.get(rel)
        if expected is not None and expected != digest:
            self.out.issues.append(
                ImportIssue(
                    rel,
                    None,
                    None,
                    digest,
                    f"SHA256 が SHA256SUMS の値 {expected} と違います。",
                    f"SHA256 differs from SHA256SUMS ({expected}).",
                    "公表された原ファイルを取得し直してください。",
                    "Fetch the published file again.",
                )
            )
        if edited:
            attribution = (
                f"出典：総務省「{title[0]}」を JapaneseMasshole/japan-fiscal-lens が変換したデータ"
                "（編集・加工したもの）"
            )
        else:
            when = f"（{as_of}現在）" if as_of else (f"（{fiscal_year}年度）" if fiscal_year else "")
            attribution = f"出典：総務省「{title[0]}」{when}"
        self.out.sources.append(
            Source(
                source_id,
                title[0],
                title[1],
                PUBLISHER if not edited else "総務省（原典）/ JapaneseMasshole/japan-fiscal-lens（変換）",
                fiscal_year,
                as_of,
                rel,
                digest,
                "yes" if edited else "no",
                LICENCE,
                attribution,
                note,
            )
        )

    # ---------------------------------------------------------------- population
    def read_population(self) -> None:
        folder = self.folder / "juuki-population"
        for path in sorted(folder.glob("*.xls*")) if folder.exists() else []:
            sheet = self.read(path)
            if sheet is None:
                continue
            table, issues = parse_population(sheet, f"juuki-population/{path.name}")
            self.out.issues.extend(issues)
            if table is None:
                continue
            source_id = f"mic-juki-{table.as_of.isoformat()}"
            self.source(
                source_id,
                path,
                ("住民基本台帳に基づく人口、人口動態及び世帯数（市区町村別）", "Population by the resident register"),
                str(table.fiscal_year),
                table.as_of.isoformat(),
                table.title
                + (
                    " 日本人住民のみ（外国人住民は2012年7月から住基に登載）"
                    if table.as_of.year <= 2012
                    else " 総計（日本人住民及び外国人住民）"
                ),
            )
            self.population_tables.append((table, source_id))
            for row in table.rows:
                if row.kind == "prefecture":
                    self.pref_codes[row.prefecture] = row.code
            for skipped in table.skipped:
                self.unresolved_row(
                    source_id,
                    str(skipped.row),
                    str(table.fiscal_year),
                    skipped.prefecture,
                    skipped.name,
                    "",
                    OUTCOME_SKIPPED,
                    skipped.reason,
                )

    def resolve(self, year: int, prefecture: str, name: str) -> tuple[str | None, str]:
        """The code of a body named in a table of ``year``, from the population file nearest in time."""
        ordered = sorted(self.population_tables, key=lambda t: (abs(t[0].fiscal_year - year), -t[0].fiscal_year))
        for table, source_id in ordered:
            found = self._names(table).get((prefecture, name))
            if found is not None:
                return found.code, source_id
        for table, source_id in ordered:
            found = self._names(table, variant=True).get((prefecture, match_key(name)))
            if found is not None:
                return found.code, f"{source_id} {found.name}"
        return None, ""

    def _names(self, table: PopulationTable, *, variant: bool = False) -> dict[tuple[str, str], PopulationRow]:
        """(prefecture, name) → the first municipality row of that name in ``table`` (cached per table)."""
        key = (table.file, variant)
        if key not in self._name_index:
            index: dict[tuple[str, str], PopulationRow] = {}
            for row in table.rows:
                if row.kind == "municipality":
                    index.setdefault((row.prefecture, match_key(row.name) if variant else short_name(row.name)), row)
            self._name_index[key] = index
        return self._name_index[key]

    # ---------------------------------------------------------------- 主要財政指標
    def read_shuyou(self, kind: TableKind) -> list[Table]:
        folder = self.folder / "shuyou-zaisei-shihyou" / kind
        tables: list[Table] = []
        for path in sorted(folder.glob("*.xls*")) if folder.exists() else []:
            year = _fiscal_year_of(path)
            rel = f"shuyou-zaisei-shihyou/{kind}/{path.name}"
            if year is None:
                self.out.issues.append(
                    ImportIssue(
                        rel,
                        None,
                        None,
                        path.stem,
                        "ファイル名から年度が読めません（H17〜R3 の形）。",
                        "The file name does not give the fiscal year (H17 … R3).",
                        "ファイル名を公表年度（例 H25.xls）にしてください。",
                        "Name the file after its fiscal year (e.g. H25.xls).",
                    )
                )
                continue
            sheet = self.read(path)
            if sheet is None:
                continue
            table, issues = parse_table(sheet, rel, kind, year)
            self.out.issues.extend(issues)
            ja, en, short = TABLE_TITLES[kind]
            source_id = f"mic-shuyou-{short}-{year}"
            self.source(source_id, path, (ja, en), str(year), "", f"{table.title} {table.notes}".strip())
            self.out.table_rows[source_id] = len(table.rows)
            tables.append(table)
        return tables

    def add_city_tables(self, tables: list[Table]) -> None:
        for table in tables:
            source_id = f"mic-shuyou-city-{table.fiscal_year}"
            codes_this_year: dict[str, int] = {}
            for row in table.rows:
                code = row.code
                if code:
                    if not is_valid_code(code):
                        self.unresolved_row(
                            source_id,
                            str(row.row),
                            str(table.fiscal_year),
                            row.prefecture,
                            row.name,
                            code,
                            OUTCOME_UNRESOLVED,
                            "bad_check_digit",
                        )
                        continue
                else:
                    resolved, via = self.resolve(table.fiscal_year, row.prefecture, row.name)
                    if resolved is not None and " " in via:
                        self.unresolved_row(
                            source_id,
                            str(row.row),
                            str(table.fiscal_year),
                            row.prefecture,
                            row.name,
                            resolved,
                            OUTCOME_VARIANT,
                            "variant_spelling",
                            f"{via.split(' ', 1)[1]} ({via.split(' ', 1)[0]})",
                        )
                    if resolved is None:
                        self.unresolved_row(
                            source_id,
                            str(row.row),
                            str(table.fiscal_year),
                            row.prefecture,
                            row.name,
                            "",
                            OUTCOME_UNRESOLVED,
                            "name_not_found",
                        )
                        continue
                    code = resolved
                if code in codes_this_year:
                    self.unresolved_row(
                        source_id,
                        str(row.row),
                        str(table.fiscal_year),
                        row.prefecture,
                        row.name,
                        code,
                        OUTCOME_UNRESOLVED,
                        "duplicate_code",
                        f"row {codes_this_year[code]}",
                    )
                    continue
                codes_this_year[code] = row.row
                self.seen[code][table.fiscal_year] = (row.name, row.prefecture, source_id)
                self.out.ratios.extend(_ratio_row(code, table.fiscal_year, c, source_id, row.row) for c in row.cells)

    def add_prefecture_tables(self, tables: list[Table]) -> None:
        for table in tables:
            source_id = f"mic-shuyou-pref-{table.fiscal_year}"
            for row in table.rows:
                code = self.pref_codes.get(row.name)
                if code is None:
                    self.unresolved_row(
                        source_id,
                        str(row.row),
                        str(table.fiscal_year),
                        row.name,
                        row.name,
                        "",
                        OUTCOME_UNRESOLVED,
                        "prefecture_not_found",
                    )
                    continue
                self.seen[code][table.fiscal_year] = (row.name, row.name, source_id)
                self.out.ratios.extend(_ratio_row(code, table.fiscal_year, c, source_id, row.row) for c in row.cells)
            for row in table.averages:
                self.out.prefecture_means.extend(
                    [
                        "all_prefectures",
                        "",
                        str(table.fiscal_year),
                        *_ratio_row("", table.fiscal_year, c, source_id, row.row)[2:],
                    ]
                    for c in row.cells
                )

    def add_mean_tables(self, tables: list[Table]) -> None:
        for table in tables:
            source_id = f"mic-shuyou-prefmean-{table.fiscal_year}"
            for group, rows in (("municipalities_of_prefecture", table.rows), ("all_municipalities", table.averages)):
                for row in rows:
                    prefecture = row.prefecture if group == "municipalities_of_prefecture" else ""
                    self.out.prefecture_means.extend(
                        [
                            group,
                            prefecture,
                            str(table.fiscal_year),
                            *_ratio_row("", table.fiscal_year, c, source_id, row.row)[2:],
                        ]
                        for c in row.cells
                    )

    def add_derived(self, after_year: int) -> None:
        path = self.folder / DERIVED_FILE
        if not path.exists():
            return
        rows, issues = parse_derived(path, DERIVED_FILE)
        self.out.issues.extend(issues)
        source_id = "jfl-shuyou-2015-2024"
        self.source(
            source_id,
            path,
            ("主要財政指標一覧（全市町村・全都道府県）", "Main fiscal indicators (all municipalities and prefectures)"),
            "2015-2024",
            "",
            "総務省の主要財政指標を第三者 (JapaneseMasshole/japan-fiscal-lens, code MIT) が CSV に変換した"
            "編集・加工データ。"
            f"{after_year + 1}年度以降のみ使用（それ以前は総務省の原表）。 / Edited form of the ministry's tables"
            f" converted by a third party; used only for FY{after_year + 1} onwards.",
            edited=True,
        )
        for row in rows:
            if row.fiscal_year <= after_year:
                continue
            code = row.code if row.kind == "municipality" else self.pref_codes.get(row.name, "")
            if not code or not is_valid_code(code):
                self.unresolved_row(
                    source_id,
                    str(row.line),
                    str(row.fiscal_year),
                    row.prefecture,
                    row.name,
                    row.code,
                    OUTCOME_UNRESOLVED,
                    "bad_check_digit",
                )
                continue
            self.seen[code][row.fiscal_year] = (row.name, row.prefecture, source_id)
            self.out.ratios.extend(_ratio_row(code, row.fiscal_year, c, source_id, row.line) for c in row.cells)

    # ---------------------------------------------------------------- 決算状況調
    def add_kessan(self) -> list[KessanRow]:
        folder = self.folder / "kessan-joukyou-2019"
        parsed: list[KessanRow] = []
        for file, (source_id, title, what) in KESSAN_FILES.items():
            path = folder / file
            if not path.exists():
                continue
            sheet = self.read(path)
            if sheet is None:
                continue
            rows, issues = parse_kessan(sheet, f"kessan-joukyou-2019/{file}")
            self.out.issues.extend(issues)
            self.source(
                source_id,
                path,
                (title, f"Settlement summary by municipality, FY2019 ({what})"),
                "2019",
                "",
                "普通会計、単位千円。人口は令和2年1月1日現在の住民基本台帳登載人口。",
            )
            self.out.table_rows[source_id] = len(rows)
            for row in rows:
                parsed.append(row)
                self.seen[row.code].setdefault(2019, (row.name, row.prefecture, source_id))
                for value in row.values:
                    if value.kind == "amount":
                        self.out.settlement.append(
                            [
                                row.code,
                                "2019",
                                "ordinary",
                                value.item,
                                value.label,
                                value.value or "",
                                value.published_text,
                                source_id,
                                str(row.row),
                            ]
                        )
                    elif value.kind == "ratio":
                        status, note = "ok", ""
                        if value.value is None:
                            if value.published_text == "":
                                status, note = "missing", "空欄 / blank in the table"
                            elif value.item in ("real_deficit_ratio", "consolidated_real_deficit_ratio"):
                                status = "no_deficit"
                            elif value.item == "future_burden_ratio":
                                status = "non_positive"
                            else:
                                status = "not_applicable"
                        self.out.ratios.append(
                            [
                                row.code,
                                "2019",
                                value.item,
                                value.published_text,
                                value.value or "",
                                status,
                                source_id,
                                str(row.row),
                                note,
                            ]
                        )
        return parsed

    # ---------------------------------------------------------------- bodies
    def add_bodies(self, latest_year: int) -> None:
        designated: set[str] = set()
        if self.population_tables:
            latest_population = max(self.population_tables, key=lambda t: t[0].as_of)[0]
            designated = {r.city_code for r in latest_population.rows if r.kind == "ward"}
        for code in sorted(self.seen):
            years = self.seen[code]
            last = max(years)
            name, prefecture, source_id = years[last]
            if is_prefecture_code(code):
                kind = "都道府県"
            elif is_tokyo_special_ward_code(code):
                kind = "特別区"
            elif code in designated:
                kind = "指定都市"
            else:
                kind = name[-1] if name[-1:] in ("市", "町", "村") else ""
            self.out.municipalities.append(
                [
                    code,
                    name,
                    prefecture,
                    kind,
                    str(min(years)),
                    str(last),
                    "yes" if last == latest_year else "no",
                    source_id,
                ]
            )
        known = set(self.seen)
        wards: dict[str, list[str]] = {}
        for table, source_id in sorted(self.population_tables, key=lambda t: t[0].as_of):
            for row in table.rows:
                values = [str(table.fiscal_year), str(row.population), table.basis, table.as_of.isoformat(), source_id]
                if row.kind == "ward":
                    if row.code not in wards:
                        wards[row.code] = [
                            row.code,
                            row.name,
                            row.city_code,
                            row.prefecture,
                            table.as_of.isoformat(),
                            "",
                            source_id,
                        ]
                    wards[row.code][5] = table.as_of.isoformat()
                    self.out.ward_population.append([row.code, *values, str(row.row)])
                elif row.code in known:
                    self.out.population.append([row.code, *values, str(row.row)])
                else:
                    self.unresolved_row(
                        source_id,
                        str(row.row),
                        str(table.fiscal_year),
                        row.prefecture,
                        row.name,
                        row.code,
                        OUTCOME_SKIPPED,
                        "not_in_fiscal_tables",
                    )
        self.out.wards = list(wards.values())


def build(folder: Path) -> Output:
    """Read every recognised file under ``folder`` and return the cleaned tables (nothing is written).

    The official 主要財政指標 files are used for every year they cover; the converted file only for later years.
    """
    builder = _Builder(folder)
    builder.read_population()
    city = builder.read_shuyou("city")
    prefecture = builder.read_shuyou("prefecture")
    means = builder.read_shuyou("prefecturemean")
    builder.add_city_tables(city)
    builder.add_prefecture_tables(prefecture)
    builder.add_mean_tables(means)
    last_official = max((t.fiscal_year for t in city), default=0)
    builder.add_derived(after_year=last_official)
    builder.add_kessan()
    latest = max((y for years in builder.seen.values() for y in years), default=0)
    builder.add_bodies(latest)
    out = builder.out
    out.ratios.sort(key=lambda r: (r[0], int(r[1]), r[6], r[2]))
    out.population.sort(key=lambda r: (r[0], r[4]))
    out.ward_population.sort(key=lambda r: (r[0], r[4]))
    out.unresolved.sort(key=lambda r: (r[6], r[0], int(r[1])))
    return out


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def tables_of(out: Output) -> dict[str, list[list[str]]]:
    """The output's tables by file name (rows as strings, in column order)."""
    return {
        "sources.csv": [[getattr(s, c) for c in COLUMNS["sources.csv"]] for s in out.sources],
        "municipalities.csv": out.municipalities,
        "wards.csv": out.wards,
        "ratios.csv": out.ratios,
        "prefecture_means.csv": out.prefecture_means,
        "population.csv": out.population,
        "ward_population.csv": out.ward_population,
        "settlement.csv": out.settlement,
        "unresolved.csv": out.unresolved,
    }


def datapackage(counts: dict[str, int]) -> dict[str, object]:
    """A Frictionless Data Package descriptor of the written files (all columns as strings)."""
    return {
        "name": "mieruka-national",
        "title": "全国の地方公共団体の財政指標・人口・決算（総務省の公表表から作成）",
        "licenses": [{"name": "CC-BY-4.0", "title": LICENCE}],
        "sources": [{"title": "総務省 (Ministry of Internal Affairs and Communications)"}],
        "resources": [
            {
                "name": re.sub(r"\W", "-", name.removesuffix(".csv")),
                "path": name,
                "format": "csv",
                "encoding": "utf-8",
                "rows": counts[name],
                "schema": {"fields": [{"name": c, "type": "string"} for c in COLUMNS[name]]},
            }
            for name in COLUMNS
        ],
    }


def write(out: Output, target: Path) -> dict[str, int]:
    """Write the tables and ``datapackage.json`` into ``target``; returns the row count per file.

    Raises:
        ImportFailed: when the import met errors (nothing is written then).
    """
    if out.issues:
        raise ImportFailed(out.issues)
    target.mkdir(parents=True, exist_ok=True)
    counts = {name: _write(target / name, COLUMNS[name], rows) for name, rows in tables_of(out).items()}
    descriptor = json.dumps(datapackage(counts), ensure_ascii=False, indent=2) + "\n"
    (target / "datapackage.json").write_text(descriptor, encoding="utf-8")
    return counts
