"""住民基本台帳人口: reference dates and bases, 政令市の区 kept apart, 郡 subtotals skipped, header layouts."""

import datetime as dt
from functools import cache

import pytest

from finance.national.juuki import parse_population, short_name
from finance.national.sheet import read_first_sheet
from tests.unit.national_helpers import OFFICIAL, official_output


@cache
def population(name):
    table, issues = parse_population(read_first_sheet(OFFICIAL / "juuki-population" / name), name)
    assert issues == [] and table is not None
    return table


@pytest.mark.parametrize(
    ("file", "as_of", "basis", "fiscal_year"),
    [
        ("0603sjin.xls", dt.date(2006, 3, 31), "juki_fy_end", 2005),
        ("1303ssjin.xls", dt.date(2013, 3, 31), "juki_fy_end", 2012),
        ("2003ssjin.xls", dt.date(2020, 1, 1), "juki_jan1", 2019),
        ("2203ssjin.xlsx", dt.date(2022, 1, 1), "juki_jan1", 2021),
    ],
)
def test_reference_date_and_basis_from_the_title(file, as_of, basis, fiscal_year):
    table = population(file)
    assert (table.as_of, table.basis, table.fiscal_year) == (as_of, basis, fiscal_year)


def test_wakkanai_2013_03_31():
    (row,) = [r for r in population("1303ssjin.xls").rows if r.code == "012149"]
    assert (row.name, row.population, row.kind) == ("稚内市", 37519, "municipality")
    written = [r for r in official_output().population if r[0] == "012149" and r[4] == "2013-03-31"]
    assert written == [["012149", "2012", "37519", "juki_fy_end", "2013-03-31", "mic-juki-2013-03-31", str(row.row)]]


def test_designated_city_wards_are_kept_apart_from_cities():
    table = population("2203ssjin.xlsx")
    (chuo,) = [r for r in table.rows if r.name == "札幌市中央区"]
    assert (chuo.kind, chuo.city_code) == ("ward", "011002")
    assert len({r.city_code for r in table.rows if r.kind == "ward"}) == 20  # the 20 政令指定都市
    out = official_output()
    assert chuo.code not in {r[0] for r in out.municipalities}
    assert chuo.code in {r[0] for r in out.wards}
    assert not [r for r in out.population if r[0] == chuo.code]
    assert [r for r in out.ward_population if r[0] == chuo.code and r[4] == "2022-01-01"]
    # Tokyo's 特別区 are bodies, not wards of a city
    (chiyoda,) = [r for r in table.rows if r.code == "131016"]
    assert chiyoda.kind == "municipality"


def test_county_subtotals_are_skipped_and_county_prefixes_removed():
    table = population("0603sjin.xls")
    assert not [r for r in table.rows if r.name.endswith("郡")]
    assert any(s.reason == "county_subtotal" for s in table.skipped)
    assert short_name("上川郡新得町") == "新得町"
    assert short_name("赤穂郡上郡町") == "上郡町"
    assert short_name("郡山市") == "郡山市"


@pytest.mark.parametrize("file", ["0603sjin.xls", "1303ssjin.xls", "2203ssjin.xlsx"])
def test_men_and_women_add_up_to_the_total(file):
    rows = population(file).rows
    assert rows and all(r.male is not None and r.female is not None for r in rows)
    assert [r.code for r in rows if r.male + r.female != r.population] == []
