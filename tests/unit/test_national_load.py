"""The built-in dataset: data/ and data/national/ loaded together, on the real files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from finance import queries, viewstate
from finance.load import load_dataset, national_source_id
from finance.validation import DataValidationError
from tests.conftest import DATA

YUBARI, TOTTORI, WAKKANAI, NAKATONBETSU, KUSHIRO = "012092", "310000", "012149", "015130", "012068"


def _national_rows(name: str) -> int:
    with (DATA / "national" / name).open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def _ratio(dataset, code: str, year: int, indicator: str, source_prefix: str = "MIC_") -> dict[str, object]:
    rows = [
        r
        for r in dataset.records("ratios", code)
        if r["fiscal_year"] == year and r["indicator"] == indicator and str(r["source_id"]).startswith(source_prefix)
    ]
    assert len(rows) == 1, rows
    return rows[0]


def test_every_body_of_the_national_tables_is_loaded(dataset):
    assert len(dataset.codes) == 1919  # 1,788 current bodies and 131 merged away since FY2005
    assert dataset.seed_codes == {WAKKANAI, NAKATONBETSU, KUSHIRO}
    current = dataset["national_municipalities"]
    assert (current["current"] == "yes").sum() == 1788
    seed = dataset.body(WAKKANAI)
    assert seed is not None and seed["name_kana"] == "わっかないし"  # the seed row wins, with its reading
    sapporo = dataset.body("011002")
    assert sapporo is not None and (sapporo["name_ja"], sapporo["kind"], sapporo["name_kana"]) == (
        "札幌市",
        "指定都市",
        "",
    )


def test_every_national_row_is_mapped_once_with_its_source(dataset):
    national = dataset.national_source_ids
    for table, file in (("ratios", "ratios.csv"), ("population", "population.csv"), ("settlement", "settlement.csv")):
        frame = dataset[table]
        assert frame["source_id"].isin(national).sum() == _national_rows(file)
    assert dataset["sources"]["source_id"].isin(national).sum() == _national_rows("sources.csv") == 72
    assert national_source_id("mic-juki-2014-01-01") == "MIC_JUKI_2014_01_01"


def test_yubari_h25_as_published(dataset):
    debt = _ratio(dataset, YUBARI, 2013, "real_debt_service_ratio")
    burden = _ratio(dataset, YUBARI, 2013, "future_burden_ratio")
    assert (debt["value"], debt["account"], debt["status"], debt["figure_kind"]) == (47.2, "general_etc", "ok", "決算")
    assert (burden["value"], burden["published_text"]) == (748.7, "748.7")
    assert debt["source_id"] == "MIC_SHUYOU_CITY_2013" and debt["source_table"] == "全市町村の主要財政指標"
    assert debt["source_lines"] == "11"  # the row of the sheet
    ordinary = _ratio(dataset, YUBARI, 2013, "ordinary_balance_ratio")
    assert ordinary["account"] == "ordinary"  # 経常収支比率 is of the 普通会計


def test_tottori_prefecture_h27(dataset):
    row = _ratio(dataset, TOTTORI, 2015, "real_debt_service_ratio")
    assert row["value"] == 12.4
    assert dataset.body(TOTTORI)["kind"] == "都道府県"  # type: ignore[index]


def test_not_calculated_is_never_zero(dataset):
    frame = dataset["ratios"]
    village = frame[(frame["municipality_code"] == "014036") & (frame["indicator"] == "future_burden_ratio")]
    row = village[village["fiscal_year"] == 2024].iloc[0]
    assert row["status"] == "non_positive" and pd.isna(row["value"]) and row["published_text"] == "nc"
    national = frame[frame["source_id"].isin(dataset.national_source_ids)]
    assert (national["value"].isna() == (national["status"] != "ok")).all()


def test_seed_and_national_rows_coexist(dataset):
    seed = _ratio(dataset, WAKKANAI, 2013, "real_debt_service_ratio", "WK")
    national = _ratio(dataset, WAKKANAI, 2013, "real_debt_service_ratio")
    assert seed["value"] == national["value"] == 15.9
    assert seed["source_id"] == "WK" and national["source_id"] == "MIC_SHUYOU_CITY_2013"


def test_population_bases_by_date(dataset):
    rows = [r for r in dataset.records("population", NAKATONBETSU) if str(r["source_id"]).startswith("MIC_JUKI")]
    bases = {int(r["fiscal_year"]): (r["basis"], r["as_of"]) for r in rows}  # type: ignore[call-overload]
    assert bases[2012] == ("juki_fy_end", "2013-03-31")
    assert bases[2013] == ("juki_jan1", "2014-01-01")


def test_every_body_opens_on_its_latest_year(dataset):
    for code in sorted(dataset.codes - dataset.seed_codes):
        years = queries.fiscal_years(dataset, code)
        assert viewstate.resolve(dataset, {"m": code}).year == max(years), code  # FY2024 for a current body
    current = dataset["national_municipalities"]
    for code in current.loc[current["current"] == "yes", "municipality_code"]:
        if code not in dataset.seed_codes:
            assert max(queries.fiscal_years(dataset, code)) == 2024, code


def test_seed_bodies_open_on_the_latest_national_year(dataset):
    assert viewstate.resolve(dataset, {"m": WAKKANAI}).year == 2024  # the documents end in H25, the amounts in R1
    assert viewstate.resolve(dataset, {}).municipality == WAKKANAI


@pytest.fixture()
def copy_with_national(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("official"))
    return target


def test_a_broken_national_file_is_reported_with_its_line(copy_with_national):
    path = copy_with_national / "national" / "ratios.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[4].split(",")
    cells[4] = "0,8"  # a comma decimal: the record gets one field too many
    lines[4] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_dataset(copy_with_national)
    found = {(i.file, i.line) for i in caught.value.issues}
    assert ("national/ratios.csv", 5) in found
