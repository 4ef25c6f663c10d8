"""主要財政指標: spot checks, layouts that change by year, «-» never 0, row counts, and the converted file."""

import pytest

from finance.national.sheet import norm, read_first_sheet
from finance.national.shuyou import parse_cell, parse_derived
from tests.unit.national_helpers import OFFICIAL, official_output, ratio, table

WAKKANAI, NAKATONBETSU, YUBARI, TOTTORI, CHIYODA = "012149", "015130", "012092", "310000", "131016"


@pytest.mark.parametrize(
    ("code", "year", "indicator", "value"),
    [
        (WAKKANAI, 2013, "fiscal_capability_index", "0.35"),
        (WAKKANAI, 2013, "ordinary_balance_ratio", "92.6"),
        (WAKKANAI, 2013, "real_debt_service_ratio", "15.9"),
        (WAKKANAI, 2013, "future_burden_ratio", "89.3"),
        (YUBARI, 2013, "real_debt_service_ratio", "47.2"),
        (YUBARI, 2013, "future_burden_ratio", "748.7"),
        (TOTTORI, 2015, "real_debt_service_ratio", "12.4"),
        (YUBARI, 2005, "bond_restriction_ratio", "26.8"),  # H17: 起債制限比率, names only
        (YUBARI, 2005, "ordinary_balance_ratio", "125.6"),
    ],
)
def test_published_values(code, year, indicator, value):
    row = ratio(official_output(), code, year, indicator)
    assert (row[4], row[5]) == (value, "ok")


def test_nakatonbetsu_h25_future_burden_is_not_calculated_never_zero():
    row = ratio(official_output(), NAKATONBETSU, 2013, "future_burden_ratio")
    assert row[3] == "-"  # as printed
    assert row[4] == ""  # no number: not 0
    assert row[5] == "non_positive"


def test_negative_real_debt_service_ratio_is_a_real_value():
    row = ratio(official_output(), NAKATONBETSU, 2022, "real_debt_service_ratio", source_prefix="jfl-")
    assert (row[4], row[5]) == ("-1.0", "ok")


def test_h20_special_ward_values_in_parentheses_are_kept_as_printed():
    row = ratio(official_output(), CHIYODA, 2008, "fiscal_capability_index")
    assert (row[3], row[4], row[5]) == ("(0.80)", "0.80", "ok")
    assert "括弧" in row[8]


def test_columns_follow_the_headings_of_each_year():
    assert "bond_restriction_ratio" in table("city", "H17").indicators
    assert "future_burden_ratio" not in table("city", "H17").indicators
    assert "future_burden_ratio" in table("city", "H22").indicators
    assert "laspeyres_index_reference" in table("city", "H25").indicators
    assert "laspeyres_index_reference" not in table("city", "R3").indicators
    assert all(r.code == "" for r in table("city", "H22").rows)
    assert all(len(r.code) == 6 for r in table("city", "H23").rows)


def _independent_body_count(kind, era):
    """Body rows counted on the raw sheet without the importer: a prefecture name and a 市区町村 name."""
    path = next((OFFICIAL / "shuyou-zaisei-shihyou" / kind).glob(f"{era}.xls*"))
    rows = read_first_sheet(path)
    header = next(i for i, r in enumerate(rows) if "都道府県名" in [norm(c) for c in r])
    pref_col = [norm(c) for c in rows[header]].index("都道府県名")
    count = 0
    for r in rows[header + 1 :]:
        pref = norm(r[pref_col])
        if kind == "prefecture":
            count += pref.endswith(("都", "道", "府", "県")) and "平均" not in pref
        else:
            name = norm(r[pref_col + 1])
            count += pref.endswith(("都", "道", "府", "県")) and name.endswith(("市", "町", "村", "区"))
    return count


@pytest.mark.parametrize(
    ("kind", "era", "expected"),
    [
        ("city", "H17", 1844),
        ("city", "H20", 1800),
        ("city", "H22", 1750),
        ("city", "H23", 1742),
        ("city", "H25", 1742),
        ("city", "R3", 1741),
        ("prefecture", "H27", 47),
    ],
)
def test_each_years_row_count_equals_the_tables(kind, era, expected):
    parsed = table(kind, era)
    assert len(parsed.rows) == _independent_body_count(kind, era) == expected
    source_id = f"mic-shuyou-{'city' if kind == 'city' else 'pref'}-{parsed.fiscal_year}"
    written = {r[0] for r in official_output().ratios if r[6] == source_id}
    assert len(written) == expected  # every body row became one body with its own code


def test_no_pre_h23_name_is_left_unresolved():
    out = official_output()
    assert [r for r in out.unresolved if r[6] == "unresolved"] == []
    variants = [r for r in out.unresolved if r[6] == "matched_variant"]
    assert variants and all(r[7] == "variant_spelling" and r[8] for r in variants)


def test_h22_names_resolve_to_the_codes_h23_prints():
    """Bodies in both tables: the code found for the H22 name is the code the H23 table prints for that name."""
    out = official_output()
    h23 = {(r.prefecture, r.name): r.code for r in table("city", "H23").rows}
    h22 = {r[0] for r in out.ratios if r[6] == "mic-shuyou-city-2010"}
    names22 = {(r.prefecture, r.name) for r in table("city", "H22").rows}
    expected = {h23[n] for n in names22 if n in h23}
    assert len(expected) > 1700
    assert expected <= h22


@pytest.mark.parametrize(
    ("cell", "indicator", "status", "value"),
    [
        ("-", "future_burden_ratio", "non_positive", None),
        ("－", "future_burden_ratio", "non_positive", None),
        ("…", "real_debt_service_ratio", "not_applicable", None),
        ("－", "real_debt_service_ratio", "not_applicable", None),
        ("", "laspeyres_index", "missing", None),
        ("９８．６", "laspeyres_index", "ok", "98.6"),  # full-width digits
        (0.6000000000000001, "fiscal_capability_index", "ok", "0.60"),
        (-1.0, "real_debt_service_ratio", "ok", "-1.0"),
    ],
)
def test_cells(cell, indicator, status, value):
    parsed, reason = parse_cell(cell, indicator, 2 if indicator == "fiscal_capability_index" else 1)
    assert reason is None and parsed is not None
    assert (parsed.status, parsed.value) == (status, value)


def test_an_unreadable_cell_is_reported_not_guessed():
    parsed, reason = parse_cell("約12", "real_debt_service_ratio", 1)
    assert parsed is None and reason


def test_derived_fy2015_2021_equal_the_official_tables():
    """Every value of the converted file for FY2015–2021 equals the ministry's table (status and number)."""
    derived, issues = parse_derived(OFFICIAL / "derived" / "shuyou-zaisei-shihyou-2015-2024.csv", "derived")
    assert issues == []
    out = official_output()
    official = {(r[0], int(r[1]), r[2]): (r[4], r[5]) for r in out.ratios if r[6].startswith("mic-shuyou-")}
    pref_codes = {r[1]: r[0] for r in out.municipalities if r[3] == "都道府県"}
    compared = mismatched = 0
    for row in derived:
        if not 2015 <= row.fiscal_year <= 2021:
            continue
        code = row.code or pref_codes[row.name]
        for cell in row.cells:
            key = (code, row.fiscal_year, cell.indicator)
            if key not in official:
                continue
            compared += 1
            ok_status = "ok" if cell.status == "ok" else "not ok"
            off_value, off_status = official[key]
            mismatched += (cell.value, ok_status) != (off_value or None, "ok" if off_status == "ok" else "not ok")
    assert (
        compared == 7 * 1741 * 5 + 2 * 47 * 5
    )  # every municipality value; prefectures for H27 and R3 in data/official
    assert mismatched == 0


@pytest.mark.parametrize(
    ("era", "expected_wrong"),
    [
        ("H25", []),
        ("R3", []),
        # data/official has no population file of FY2011 (1203): the nearest, a year later, already gives 熊本市 the
        # code it took as a 政令指定都市 on 2012-04-01. The years resolved by name (H17–H22) have their own year's file.
        ("H23", [("熊本市", "432016")]),
    ],
)
def test_the_name_lookup_finds_the_code_each_table_prints(era, expected_wrong):
    """The method used before H23 (prefecture + name → the population files) gives the printed code on every row."""
    from finance.national.build import _Builder

    builder = _Builder(OFFICIAL)
    builder.read_population()
    parsed = table("city", era)
    wrong = [
        (r.name, r.code) for r in parsed.rows if builder.resolve(parsed.fiscal_year, r.prefecture, r.name)[0] != r.code
    ]
    assert len(parsed.rows) > 1700 and wrong == expected_wrong


@pytest.mark.parametrize("era", ["H17", "H25", "R3"])
def test_national_average_of_the_city_table_is_the_one_of_the_means_table(era):
    (city_average,) = table("city", era).averages
    (mean_average,) = table("prefecturemean", era).averages
    means = {c.indicator: (c.value, c.status) for c in mean_average.cells}
    city = {c.indicator: (c.value, c.status) for c in city_average.cells}
    assert {k: v for k, v in city.items() if k in means} == means
    # what only the city table has (ラスパイレス参考値 in H24–H25) is printed «－» there: nothing is lost
    assert {v for k, v in city.items() if k not in means} <= {(None, "not_applicable")}
    assert len(table("prefecturemean", era).rows) == 47
