"""Put the importers together: resolve names to codes and attach provenance (written by :mod:`finance.national.output`).

Input is the folder of the ministry's files as laid out in the project's shared data (``shuyou-zaisei-shihyou/``,
``juuki-population/``, ``kessan-joukyou-2019/``, ``derived/``, ``SHA256SUMS``); any subset of the files may be present
(the project's ``data/official`` holds the ones the tests read). Every row written names its source (``source_id``,
see ``sources.csv``: document, table, fiscal year, file, checksum) and its 1-based row in that file.
"""

from __future__ import annotations

from pathlib import Path

from finance.formatting import parse_fiscal_year
from finance.national.codes import is_valid_code
from finance.national.collect import Collector
from finance.national.kessan import KessanRow, parse_kessan
from finance.national.output import OUTCOME_UNRESOLVED, OUTCOME_VARIANT, Output
from finance.national.sheet import ImportIssue
from finance.national.shuyou import RatioCell, Table, TableKind, parse_derived, parse_table

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


class _Builder(Collector):
    """The collector with the fiscal tables: 主要財政指標 (official and converted) and 決算状況調."""

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
