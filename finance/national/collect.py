"""What every import collects: the sources with their checksums, the population files, name → code and the bodies.

:class:`Collector` holds the tables while the files are read; :mod:`finance.national.build` adds the fiscal tables
(主要財政指標, 決算状況調) on top of it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from python_calamine import CalamineError

from finance.national.codes import is_prefecture_code, is_tokyo_special_ward_code
from finance.national.juuki import PopulationRow, PopulationTable, match_key, parse_population, short_name
from finance.national.output import LICENCE, OUTCOME_SKIPPED, PUBLISHER, Output, Source
from finance.national.sheet import ImportIssue, Row, read_first_sheet


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


class Collector:
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
        """Record a source file (``sources.csv``) with its checksum, attribution and licence.

        A checksum that differs from ``SHA256SUMS`` is an import issue; ``edited`` marks a third party's conversion.
        """
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
        """Read every population file (``juuki-population/``): the tables used to resolve names and the skipped rows."""
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

    # ---------------------------------------------------------------- bodies
    def add_bodies(self, latest_year: int) -> None:
        """The bodies seen in the fiscal tables (``municipalities.csv``), their population, wards and ward population.

        A body is current when it appears in ``latest_year``; population rows of bodies in no fiscal table are listed
        in ``unresolved.csv`` and not written.
        """
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
