"""Bad input: every problem reported at once, with file, row, column, value and what to do, in Japanese and English."""

import pytest
from openpyxl import Workbook

from finance.__main__ import main
from finance.national.build import build
from finance.national.output import write
from finance.national.sheet import ImportFailed


def _broken_folder(tmp_path):
    city = tmp_path / "shuyou-zaisei-shihyou" / "city"
    city.mkdir(parents=True)
    book = Workbook()
    sheet = book.active
    sheet.append(["全市町村の主要財政指標"])
    sheet.append(["団体コード", "都道府県名", "団体名", "財政力指数", "謎の指標"])
    sheet.append(["012149", "北海道", "稚内市", 0.35, 1])
    sheet.append(["012092", "北海道", "夕張市", "約0.2", 2])
    sheet.append(["012148", "北海道", "誤記市", 0.5, 3])
    book.save(city / "H25.xlsx")
    population = tmp_path / "juuki-population"
    population.mkdir()
    (population / "1303ssjin.xls").write_bytes(b"not a spreadsheet")
    (tmp_path / "SHA256SUMS").write_text("0" * 64 + "  shuyou-zaisei-shihyou/city/H25.xlsx\n", encoding="utf-8")
    return tmp_path


def test_all_errors_are_reported_at_once_and_nothing_is_written(tmp_path):
    out = build(_broken_folder(tmp_path / "src"))
    where = {(i.file, i.row, i.column, i.value) for i in out.issues}
    assert ("shuyou-zaisei-shihyou/city/H25.xlsx", 2, "謎の指標", "謎の指標") in where  # unknown heading
    assert ("shuyou-zaisei-shihyou/city/H25.xlsx", 4, "財政力指数", "約0.2") in where  # unreadable value
    assert any(i.file == "juuki-population/1303ssjin.xls" and i.row is None for i in out.issues)  # not a spreadsheet
    assert any("SHA256" in i.message_ja for i in out.issues)  # checksum differs
    assert all(i.message_ja and i.message_en and i.fix_ja and i.fix_en for i in out.issues)
    # a wrong check digit is not an error of the file but a row that cannot be placed: reported, never guessed
    assert [r[4:8] for r in out.unresolved] == [["誤記市", "012148", "unresolved", "bad_check_digit"]]
    with pytest.raises(ImportFailed) as failed:
        write(out, tmp_path / "out")
    assert len(failed.value.issues) == len(out.issues) >= 4
    assert not (tmp_path / "out").exists()


def test_command_line_prints_every_error_in_both_languages(tmp_path, capsys):
    source = _broken_folder(tmp_path / "src")
    assert main(["import-national", str(source), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr().out
    assert "H25.xlsx 4行目 列「財政力指数」 値「約0.2」" in printed
    assert "H25.xlsx row 4 column '財政力指数' value '約0.2'" in printed
    assert "対処:" in printed and "Fix:" in printed
    assert "nothing written" in printed


def test_command_line_refuses_a_missing_folder(tmp_path, capsys):
    assert main(["import-national", str(tmp_path / "nowhere")]) == 1
    assert "no such folder" in capsys.readouterr().out
