"""Generate the malformed-input corpus: copies of small real data files, each with one realistic defect.

Run ``.venv/bin/python tests/corpus/make_corpus.py`` from the repository root; the output is deterministic
(``tests/corpus/cases/*.csv`` and ``tests/corpus/manifest.json``). Each case replaces one file of a copy of
``data/`` and is either **read** (what a finance officer's Excel export plausibly contains: BOM, CRLF, quoting,
blank lines …; the loaded values must equal the clean file's) or **rejected** with an issue naming the file, the
line, the code and, for a cell, the column and the value (checked by ``tests/unit/test_corpus.py``).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

Table = list[list[str]]


def read(name: str) -> Table:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [list(r) for r in csv.reader(handle)]


def write(table: Table, *, lineterminator: str = "\n", quoting: int = csv.QUOTE_MINIMAL) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=lineterminator, quoting=quoting).writerows(table)
    return out.getvalue()


# (base file, column) -> the issue code of a bad non-empty value in that column
KIND_CODE = {
    "municipality_code": "municipality_code",
    "fiscal_year": "year",
    "population": "positive",
    "count": "count",
    "amount_thousand_yen": "integer",
    "as_of": "date",
    "figure_kind": "enum",
    "basis": "enum",
    "category": "enum",
    "fund": "enum",
    "measure": "enum",
    "published_unit": "enum",
    "rounding": "enum",
    "source_id": "source_id",
    "account": "slug",
    "source_table": "text",
    "label_ja": "text",
}
REQUIRED = {
    "municipality_code",
    "fiscal_year",
    "population",
    "count",
    "basis",
    "figure_kind",
    "category",
    "fund",
    "measure",
    "published_unit",
    "rounding",
    "source_id",
    "account",
    "source_table",
    "source_lines",
}

# realistic bad cell values, by what the column holds; {v} is the clean value
NUMBER_DEFECTS: dict[str, Callable[[str], str]] = {
    "fullwidth": lambda v: v.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "thousands": lambda v: f"{int(v):,}" if int(v) >= 1000 else f"1,{v}",
    "triangle_black": lambda v: f"▲{v}",
    "triangle_white": lambda v: f"△{v}",
    "emdash": lambda v: "—",
    "fullwidth_minus": lambda v: "－",
    "hyphen_only": lambda v: "-",
    "inner_space": lambda v: f"{v[:1]} {v[1:]}",
    "nbsp_suffix": lambda v: f"{v}\u00a0",
    "leading_space": lambda v: f" {v}",
    "decimal_point": lambda v: f"{v}.0",
    "exponent": lambda v: f"{int(v) / 10 ** (len(v) - 1):.2f}E+{len(v) - 1:02d}",
    "yen_suffix": lambda v: f"{v}人" if len(v) < 5 else f"{v}千円",
    "apostrophe": lambda v: f"'{v}",
    "fullwidth_space": lambda v: f"{v}\u3000",
}
YEAR_DEFECTS: dict[str, Callable[[str], str]] = {
    "heisei": lambda v: f"平成{int(v) - 1988}",
    "heisei_h": lambda v: f"H{int(v) - 1988}",
    "nendo": lambda v: f"{v}年度",
    "two_digit": lambda v: v[2:],
    "fullwidth": lambda v: v.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "out_of_range": lambda v: f"1{v[1:]}" if v.startswith("2") else f"3{v[1:]}",
    "fiscal_range": lambda v: f"{v}-{int(v) + 1}",
}
DATE_DEFECTS: dict[str, Callable[[str], str]] = {
    "slashes": lambda v: v.replace("-", "/"),
    "unpadded": lambda v: "-".join(str(int(p)) for p in v.split("-")),
    "wareki": lambda v: f"H{int(v[:4]) - 1988}.{int(v[5:7])}.{int(v[8:])}",
    "japanese": lambda v: f"{v[:4]}年{int(v[5:7])}月{int(v[8:])}日",
    "feb30": lambda v: f"{v[:4]}-02-30",
    "month13": lambda v: f"{v[:4]}-13-01",
    "excel_serial": lambda v: "41730",
    "with_time": lambda v: f"{v} 00:00:00",
}
CODE_DEFECTS: dict[str, Callable[[str], str]] = {
    "check_digit": lambda v: v[:5] + str((int(v[5]) + 1) % 10),
    "leading_zero_lost": lambda v: v.lstrip("0"),
    "five_digit": lambda v: v[:5],
    "fullwidth": lambda v: v.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "seven_digit": lambda v: v + "0",
    "hyphenated": lambda v: f"{v[:2]}-{v[2:5]}-{v[5]}",
}
ENUM_DEFECTS: dict[str, Callable[[str], str]] = {
    "trailing_space": lambda v: f"{v} ",
    "upper": lambda v: v.upper() if v.upper() != v else f"{v}X",
    "fullwidth_space_inside": lambda v: v[:1] + "\u3000" + v[1:],
    "typo": lambda v: v[:-1] if len(v) > 2 else v + v,
}

BASES = ("population.csv", "staff.csv", "funds.csv")
NUMBER_COLS = {"population.csv": "population", "staff.csv": "count", "funds.csv": "amount_thousand_yen"}
DATE_COLS = {"population.csv": "as_of", "staff.csv": "as_of"}
ENUM_COLS = {
    "population.csv": ("basis", "figure_kind"),
    "staff.csv": ("category", "figure_kind"),
    "funds.csv": ("fund", "measure", "published_unit", "rounding"),
}


class Corpus:
    def __init__(self) -> None:
        self.cases: list[dict[str, object]] = []
        self.files: dict[str, bytes] = {}

    def add(self, name: str, base: str, content: str | bytes, expect: str, **issue: object) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        stem = base.removesuffix(".csv")
        case_file = f"{len(self.cases) + 1:03d}_{stem}_{name}.csv"
        assert case_file not in self.files
        self.files[case_file] = data
        self.cases.append({"case": case_file, "target": base, "expect": expect, **issue})

    def reject_cell(self, name: str, base: str, table: Table, row: int, column: str, value: str, code: str) -> None:
        changed = [list(r) for r in table]
        changed[row][table[0].index(column)] = value
        self.add(name, base, write(changed), "reject", line=row + 1, column=column, value=value, code=code)


def build() -> Corpus:
    corpus = Corpus()
    for base in BASES:
        table = read(base)
        header = table[0]
        last = len(table) - 1
        rows = (1, last)
        clean = write(table)

        # --- read correctly: what a spreadsheet export plausibly adds -------------------------------
        corpus.add("bom", base, b"\xef\xbb\xbf" + clean.encode("utf-8"), "read")
        corpus.add("crlf", base, write(table, lineterminator="\r\n"), "read")
        corpus.add("bom_crlf", base, b"\xef\xbb\xbf" + write(table, lineterminator="\r\n").encode("utf-8"), "read")
        corpus.add("quote_all", base, write(table, quoting=csv.QUOTE_ALL), "read")
        corpus.add("quote_all_crlf_bom", base, "\ufeff" + write(table, lineterminator="\r\n", quoting=csv.QUOTE_ALL),
                   "read")  # fmt: skip
        corpus.add("no_final_newline", base, clean.rstrip("\n"), "read")
        corpus.add("blank_line_middle", base, write(table[:3]) + "\n" + write(table[3:]), "read")
        corpus.add("blank_lines_end", base, clean + "\n\n", "read")
        corpus.add("empty_record_end", base, clean + "," * (len(header) - 1) + "\n", "read")
        empty_records = ("," * (len(header) - 1) + "\r\n") * 3
        corpus.add("empty_records_crlf", base, write(table, lineterminator="\r\n") + empty_records, "read")
        corpus.add("header_padded", base, write([[f" {h} " for h in header], *table[1:]]), "read")
        corpus.add("cr_only", base, write(table, lineterminator="\r"), "read")

        # --- rejected: encoding and file structure ----------------------------------------------------
        first_non_ascii = next(i for i, line in enumerate(clean.splitlines()) if not line.isascii()) + 1
        corpus.add("shift_jis", base, clean.encode("shift_jis", errors="replace"), "reject", line=first_non_ascii,
                   code="encoding")  # fmt: skip
        corpus.add("cp932_bom_less_crlf", base, write(table, lineterminator="\r\n").encode("cp932", errors="replace"),
                   "reject", line=first_non_ascii, code="encoding")  # fmt: skip
        corpus.add("utf16", base, clean.encode("utf-16"), "reject", line=1, code="encoding")
        corpus.add("empty_file", base, b"", "reject", line=1, code="no_header")
        corpus.add("tab_separated", base, clean.replace(",", "\t"), "reject", line=1, code="missing_column")
        corpus.add("semicolon_separated", base, clean.replace(",", ";"), "reject", line=1, code="missing_column")
        extra = [[*r, "x" if i else "extra"] for i, r in enumerate(table)]
        corpus.add("extra_column", base, write(extra), "reject", line=1, column="extra", code="unexpected_column")
        corpus.add("trailing_comma_every_line", base, write([[*r, ""] for r in table]), "reject", line=1,
                   code="unexpected_column")  # fmt: skip
        for col in (header[1], header[-2]):
            i = header.index(col)
            corpus.add(f"missing_column_{col}", base, write([r[:i] + r[i + 1 :] for r in table]), "reject", line=1,
                       column=col, code="missing_column")  # fmt: skip
        typo = header[0].replace("municipality", "municpality")
        corpus.add("header_typo", base, write([[typo, *header[1:]], *table[1:]]), "reject", line=1,
                   column=header[0], code="missing_column")  # fmt: skip
        corpus.add("header_japanese", base, write([["団体コード", *header[1:]], *table[1:]]), "reject", line=1,
                   column=header[0], code="missing_column")  # fmt: skip
        corpus.add("header_upper", base, write([[header[0].upper(), *header[1:]], *table[1:]]), "reject", line=1,
                   column=header[0], code="missing_column")  # fmt: skip
        corpus.add("duplicate_column", base, write([[*r, r[1]] for r in table]), "reject", line=1,
                   column=header[1], code="duplicate_column")  # fmt: skip
        corpus.add("header_missing", base, write(table[1:]), "reject", line=1, code="missing_column")
        for row in rows:
            corpus.add(f"duplicate_row_{row}", base, write([*table, table[row]]), "reject", line=len(table) + 1,
                       code="duplicate_key")  # fmt: skip
            short = [list(r) for r in table]
            short[row] = short[row][:-2]
            corpus.add(f"short_row_{row}", base, write(short), "reject", line=row + 1, code="field_count")
            long = [list(r) for r in table]
            long[row] = [*long[row], "余分"]
            corpus.add(f"long_row_{row}", base, write(long), "reject", line=row + 1, code="field_count")
        # an unquoted thousands separator splits the cell in two
        number_col = NUMBER_COLS[base]
        ni = header.index(number_col)
        big_row = max(range(1, len(table)), key=lambda i: (len(table[i][ni]), -i))
        lines = clean.split("\n")
        cells = table[big_row]
        lines[big_row] = ",".join([*cells[:ni], NUMBER_DEFECTS["thousands"](cells[ni]), *cells[ni + 1 :]])
        corpus.add("thousands_unquoted", base, "\n".join(lines), "reject", line=big_row + 1, code="field_count")
        # a quoted line break in a text cell (Alt+Enter in Excel): rejected, reported on the record's first line
        ti = header.index("source_table")
        broken = [list(r) for r in table]
        broken[2][ti] = broken[2][ti][:4] + "\n" + broken[2][ti][4:]
        corpus.add("quoted_line_break", base, write(broken), "reject", line=3, column="source_table",
                   value=broken[2][ti], code="text")  # fmt: skip
        # after a quoted line break, the later records keep their physical line numbers
        broken_later = [list(r) for r in table]
        note = header.index("note")
        broken_later[1][note] = "改行を\n含む注記"
        broken_later[last][header.index(number_col)] = "▲1"
        corpus.add("line_numbers_after_break", base, write(broken_later), "reject", line=last + 2, column=number_col,
                   value="▲1", code=KIND_CODE[number_col])  # fmt: skip
        # an unclosed quote swallows the rest of the file into one record
        lines = clean.split("\n")
        lines[2] = lines[2].replace(",", ',"', 1)
        corpus.add("unclosed_quote", base, "\n".join(lines), "reject", line=3, code="field_count")
        corpus.add("nul_byte", base, clean.replace("\n", "\n\x00", 1), "reject", line=2, code="municipality_code")

        # --- rejected: cells ------------------------------------------------------------------------
        for name, make in NUMBER_DEFECTS.items():
            row = big_row if name == "thousands" else rows[len(name) % 2]
            value = make(table[row][ni])
            corpus.reject_cell(f"{number_col}_{name}", base, table, row, number_col, value, KIND_CODE[number_col])
        if number_col != "amount_thousand_yen":  # amounts may be negative; counts and populations may not
            corpus.reject_cell(f"{number_col}_negative", base, table, 1, number_col, "-" + table[1][ni],
                               KIND_CODE[number_col])  # fmt: skip
            corpus.reject_cell(f"{number_col}_empty", base, table, last, number_col, "", "required")
        for name, make in YEAR_DEFECTS.items():
            for row in rows:
                value = make(table[row][1])
                corpus.reject_cell(f"year_{name}_{row}", base, table, row, "fiscal_year", value, "year")
        corpus.reject_cell("year_empty", base, table, 2, "fiscal_year", "", "required")
        for name, make in CODE_DEFECTS.items():
            row = rows[len(name) % 2]
            value = make(table[row][0])
            corpus.reject_cell(f"code_{name}", base, table, row, "municipality_code", value, "municipality_code")
        corpus.reject_cell("code_empty", base, table, 1, "municipality_code", "", "required")
        if base in DATE_COLS:
            di = header.index("as_of")
            dated = [i for i in range(1, len(table)) if table[i][di]]
            for name, make in DATE_DEFECTS.items():
                row = dated[0] if len(name) % 2 else dated[-1]
                corpus.reject_cell(f"date_{name}", base, table, row, "as_of", make(table[row][di]), "date")
        for col in ENUM_COLS[base]:
            ci = header.index(col)
            for name, make in ENUM_DEFECTS.items():
                value = make(table[1][ci])
                corpus.reject_cell(f"{col}_{name}", base, table, 1, col, value, "enum")
            corpus.reject_cell(f"{col}_empty", base, table, last, col, "", "required")
        corpus.reject_cell("source_id_lower", base, table, 1, "source_id", table[1][header.index("source_id")].lower(),
                           "source_id")  # fmt: skip
        corpus.reject_cell("source_id_empty", base, table, last, "source_id", "", "required")
        corpus.reject_cell("source_table_trailing_space", base, table, 2, "source_table",
                           table[2][ti] + " ", "text")  # fmt: skip
        li = header.index("source_lines")  # may be empty (a source given by URL), but never padded
        corpus.reject_cell("source_lines_trailing_space", base, table, 2, "source_lines", table[2][li] + " ", "text")
        if "account" in header:
            corpus.reject_cell("account_japanese", base, table, 1, "account", "一般会計", "slug")

    # --- rejected: cross-file checks (funds.csv) ------------------------------------------------------
    table = read("funds.csv")
    header = table[0]
    ai, ui, pi, fi = (header.index(c) for c in ("amount_thousand_yen", "published_unit", "part_of", "fund"))
    part_rows = [i for i in range(1, len(table)) if table[i][pi]]
    for n, row in enumerate(part_rows[:8]):
        factor = {"千円": 1, "万円": 10, "百万円": 1000, "億円": 100000}[table[row][ui]]
        if factor > 1:
            value = str(int(table[row][ai]) + factor // 2 + n)
            corpus.reject_cell(f"unit_not_multiple_{row}", "funds.csv", table, row, "amount_thousand_yen", value,
                               "unit_multiple")  # fmt: skip
        changed = [list(r) for r in table]
        changed[row][ai] = str(int(table[row][ai]) + factor * (n + 1))
        total = next(
            i
            for i in range(1, len(table))
            if table[i][fi] == table[row][pi]
            and all(table[i][header.index(c)] == table[row][header.index(c)]
                    for c in ("municipality_code", "fiscal_year", "account", "measure", "figure_kind", "source_id"))
        )  # fmt: skip
        corpus.add(f"sum_mismatch_{row}", "funds.csv", write(changed), "reject", line=total + 1,
                   column="amount_thousand_yen", code="sum_mismatch")  # fmt: skip
    changed = [list(r) for r in table]
    changed[part_rows[0]][pi] = "fund_totl"
    corpus.add("part_of_typo", "funds.csv", write(changed), "reject", line=part_rows[0] + 1, column="part_of",
               code="sum_total_missing")  # fmt: skip
    for name, code in (("unknown_municipality", "131016"), ("unknown_source", "ZZ")):
        changed = [list(r) for r in table]
        column = "municipality_code" if name == "unknown_municipality" else "source_id"
        changed[1][header.index(column)] = code
        corpus.add(name, "funds.csv", write(changed), "reject", line=2, column=column, value=code,
                   code="unknown_reference")  # fmt: skip
    changed = [list(r) for r in table]
    changed[1][header.index("published_unit")] = "円"
    corpus.add("unit_yen", "funds.csv", write(changed), "reject", line=2, column="published_unit", value="円",
               code="enum")  # fmt: skip
    return corpus


def main() -> None:
    corpus = build()
    if CASES.exists():
        shutil.rmtree(CASES)
    CASES.mkdir(parents=True)
    for name, data in corpus.files.items():
        (CASES / name).write_bytes(data)
    manifest = json.dumps(corpus.cases, ensure_ascii=False, indent=1) + "\n"
    (HERE / "manifest.json").write_text(manifest, encoding="utf-8")
    read_count = sum(1 for c in corpus.cases if c["expect"] == "read")
    sys.stdout.write(f"{len(corpus.cases)} cases: {read_count} read, {len(corpus.cases) - read_count} rejected\n")


if __name__ == "__main__":
    main()
