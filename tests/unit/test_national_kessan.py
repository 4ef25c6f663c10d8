"""市町村別決算状況調 FY2019: merged multi-row headings, values for a city and a town, «-» without an amount."""

from functools import cache

import pytest

from finance.national.juuki import parse_population
from finance.national.kessan import parse_kessan
from finance.national.sheet import read_first_sheet
from tests.unit.national_helpers import OFFICIAL, official_output

CITY, TOWNS = "000738076.xlsx", "000738081.xlsx"


@cache
def kessan(file):
    rows, issues = parse_kessan(read_first_sheet(OFFICIAL / "kessan-joukyou-2019" / file), file)
    assert issues == []
    return {r.code: r for r in rows}


def value(file, code, item):
    (found,) = [v for v in kessan(file)[code].values if v.item == item]
    return found


@pytest.mark.parametrize(
    ("file", "code", "item", "expected"),
    [
        (CITY, "011002", "rev_total", "1004028030"),  # 札幌市 歳入総額
        (CITY, "011002", "exp_total", "992751320"),
        (CITY, "011002", "bal_real_balance", "7533450"),
        (CITY, "011002", "base_standard_fiscal_scale", "516149477"),
        (CITY, "011002", "base_extraordinary_bond_capacity", "47329907"),  # a sub-column of 標準財政規模
        (CITY, "012033", "bal_single_year_balance", "-61131"),  # 小樽市, negative
        (TOWNS, "013030", "rev_total", "11845126"),  # 当別町
        (TOWNS, "013030", "bal_real_single_year_balance", "66849"),
        (TOWNS, "013030", "real_debt_service_ratio", "10.5"),
    ],
)
def test_fy2019_values(file, code, item, expected):
    assert value(file, code, item).value == expected


def test_dash_is_kept_without_an_amount():
    cell = value(TOWNS, "013048", "future_burden_ratio")  # 新篠津村 将来負担比率 «-»
    assert (cell.published_text, cell.value) == ("-", None)
    written = [r for r in official_output().settlement if r[0] == "013323" and r[3] == "bal_carryover_resources"]
    assert written and written[0][5] == "" and written[0][6] == "-"  # 福島町: no amount, never 0
    ratio = [
        r for r in official_output().ratios if r[0] == "013048" and r[2] == "future_burden_ratio" and "kessan" in r[6]
    ]
    assert ratio[0][4:6] == ["", "non_positive"]


def test_every_body_once_with_its_prefecture():
    cities, towns = kessan(CITY), kessan(TOWNS)
    assert len(cities) + len(towns) == 1741
    assert not set(cities) & set(towns)
    assert cities["011002"].prefecture == "北海道" and towns["473821"].prefecture == "沖縄県"


def test_population_column_equals_the_register_of_2020_01_01():
    table, issues = parse_population(read_first_sheet(OFFICIAL / "juuki-population" / "2003ssjin.xls"), "2003")
    assert issues == [] and table is not None
    register = {r.code: r.population for r in table.rows}
    rows = {**kessan(CITY), **kessan(TOWNS)}
    differ = [
        c for c, r in rows.items() for v in r.values if v.item == "population_juki" and int(v.value) != register[c]
    ]
    assert differ == []
