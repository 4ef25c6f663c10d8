"""The loader refuses bad data with every problem at once: file, line, column, value and the fix, in ja and en."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from finance import repository
from finance.__main__ import main
from finance.load import load_dataset
from finance.schemas import check_digit, valid_municipality_code
from finance.validation import DataValidationError
from tests.conftest import DATA


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("national", "official"))  # the seed files
    return target


def edit_csv(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    change(table)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)


def test_bundled_data_is_valid(dataset):
    assert len(dataset.version) == 12
    assert {"settlement", "ratios", "population"} <= set(dataset.tables)


@pytest.mark.parametrize(("code5", "digit"), [("01214", 9), ("01513", 0), ("01206", 8), ("13101", 6), ("01000", 6)])
def test_check_digit_of_real_codes(code5, digit):
    assert check_digit(code5) == digit
    assert valid_municipality_code(f"{code5}{digit}")
    assert not valid_municipality_code(f"{code5}{(digit + 1) % 10}")


def test_four_problems_reported_at_once(data_copy, capsys):
    settlement = data_copy / "settlement.csv"

    def break_it(table):
        header = table[0]
        table[1][header.index("municipality_code")] = "012148"  # wrong check digit
        table[2][header.index("amount_thousand_yen")] = "44億"  # text in an amount column
        table.append(list(table[3]))  # duplicate row

    edit_csv(settlement, break_it)

    def drop_as_of(table):
        position = table[0].index("as_of")
        for row in table:
            row.pop(position)

    edit_csv(data_copy / "population.csv", drop_as_of)

    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_copy)
    issues = caught.value.issues
    found = {(i.file, i.line, i.code) for i in issues}
    assert ("settlement.csv", 2, "municipality_code") in found
    assert ("settlement.csv", 3, "integer") in found
    duplicate_line = sum(1 for _ in settlement.open(encoding="utf-8"))
    assert ("settlement.csv", duplicate_line, "duplicate_key") in found
    assert ("population.csv", 1, "missing_column") in found
    text = caught.value.args[0]
    assert "settlement.csv 3行目 列「amount_thousand_yen」 値「44億」" in text
    assert "settlement.csv line 3 column 'amount_thousand_yen' value '44億'" in text
    assert "population.csv 1行目" in text and "as_of" in text

    assert main(["validate", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "settlement.csv 2行目" in out and "population.csv" in out and "直し方" in out and "Fix:" in out


def test_cli_accepts_bundled_data(capsys):
    assert main(["validate", str(DATA)]) == 0
    assert "データは有効です" in capsys.readouterr().out


def test_missing_is_not_zero(data_copy):
    def blank(table):
        table[1][table[0].index("amount_thousand_yen")] = ""

    edit_csv(data_copy / "settlement.csv", blank)
    loaded = load_dataset(data_copy)
    first = loaded.rows("settlement", "012149").iloc[0]  # line 2 of settlement.csv
    assert int(first.name) == 2
    assert first["amount_thousand_yen"] is not None and str(first["amount_thousand_yen"]) == "<NA>"


@pytest.mark.parametrize(
    ("file", "column", "value", "code"),
    [
        ("settlement.csv", "fiscal_year", "平成25", "year"),
        ("settlement.csv", "figure_kind", "実績", "enum"),
        ("settlement.csv", "item", "rev_unknown", "unknown_reference"),
        ("settlement.csv", "source_id", "XX", "unknown_reference"),
        ("settlement.csv", "account", "nosuch", "unknown_reference"),
        ("settlement.csv", "amount_thousand_yen", "1,234", "field_count"),
        ("ratios.csv", "value", "15.9%", "decimal"),
        ("ratios.csv", "status", "ok", "status_value"),  # line 2 prints «—»: no value
        ("narrative_figures.csv", "count", "500", "figure_value"),  # an amount and a count in one row
        ("narrative_figures.csv", "published_unit", "", "figure_value"),  # an amount without its printed unit
        ("population.csv", "population", "0", "positive"),
        ("population.csv", "as_of", "2014-02-30", "date"),
        ("reference/sources.csv", "published", "平成26年10月", "published"),
    ],
)
def test_each_bad_cell_is_named(data_copy, file, column, value, code):
    def change(table):
        table[1][table[0].index(column)] = value

    path = data_copy / file
    if value == "1,234":  # an unquoted thousands separator shifts the columns
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        cells = lines[1].split(",")
        cells[header.index(column)] = value
        lines[1] = ",".join(cells)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        edit_csv(path, change)
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_copy)
    assert any(i.file == file and i.line == 2 and i.code == code for i in caught.value.issues), caught.value.issues[:3]


def test_sum_mismatch_is_an_error_unless_recorded(data_copy):
    def change(table):
        header = table[0]
        for row in table[1:]:
            if row[header.index("item")] == "rev_local_tax" and row[header.index("municipality_code")] == "012149":
                row[header.index("amount_thousand_yen")] = str(int(row[header.index("amount_thousand_yen")]) + 10)
                break

    edit_csv(data_copy / "settlement.csv", change)
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_copy)
    assert [i.code for i in caught.value.issues if i.severity == "error"] == ["sum_mismatch"]


def test_shift_jis_file_is_refused_with_a_hint(data_copy):
    path = data_copy / "population.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_copy)
    [issue] = [i for i in caught.value.issues if i.severity == "error"]
    assert (issue.file, issue.code) == ("population.csv", "encoding")
    assert "CSV UTF-8" in issue.fix("ja")


def test_bom_is_accepted(data_copy):
    path = data_copy / "population.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    load_dataset(data_copy)


def test_failed_reload_keeps_serving_previous_data(data_copy, dataset):
    served = repository.get()
    (data_copy / "ratios.csv").write_text("garbage\n", encoding="utf-8")
    with pytest.raises(DataValidationError):
        repository.init(data_copy)
    assert repository.get() is served
