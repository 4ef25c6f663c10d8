"""The one formatter: amounts in 億/万, approximate narrative amounts, ▲ negatives, percentages, fiscal years."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finance import formatting


@pytest.mark.parametrize(
    ("thousand_yen", "mode", "expected"),
    [
        (24_649_844, "truncate", "246億4,984万円"),  # WK-1 total revenue as printed
        (24_293_107, "truncate", "242億9,310万円"),  # truncation: rounding would give 9,311
        (24_293_107, "round", "242億9,311万円"),
        (39_364_969, "round", "393億6,497万円"),  # WK-10 narrative rounds: 393億6,496.9万
        (30_047_138, "round", "300億4,714万円"),
        (9_317_831, "round", "93億1,783万円"),
        (10_425_613, "round", "104億2,561万円"),
        (208_260, "truncate", "2億826万円"),  # 財産収入: no zero padding of the 万 group
        (200_000, "truncate", "2億円"),
        (34_720, "truncate", "3,472万円"),
        (8, "truncate", "8,000円"),
        (-1_561_327, "truncate", "▲15億6,132万円"),
        (0, "truncate", "0円"),
        (1_234_567_890, "truncate", "1兆2,345億6,789万円"),
    ],
)
def test_yen_oku_man_ja(thousand_yen, mode, expected):
    assert formatting.yen_oku_man(thousand_yen, mode=mode) == expected


def test_yen_oku_man_en_and_missing():
    assert formatting.yen_oku_man(24_649_844, locale="en") == "¥24,649.84 million"
    assert formatting.yen_oku_man(-356_737, locale="en") == "−¥356.73 million"
    assert formatting.yen_oku_man(None) == "データなし"
    assert formatting.yen_oku_man(None, locale="en") == "No data"


@pytest.mark.parametrize(
    ("thousand_yen", "mode", "expected"),
    [
        (24_293_107, "round", "約243億円"),  # 「歳出決算額は約243億円」
        (346_321, "truncate", "約3億4千万円"),  # 「約3億4千万円減少」 (24,639,428 − 24,293,107)
        (346_321, "round", "約3億5千万円"),
        (8_235_180, "round", "約82億4千万円"),  # 82億3,518万 → 「82億4千万円」
        (60_000, "round", "約6千万円"),
        (1_200_000, "round", "約12億円"),
        (4_400, "round", "約440万円"),  # two significant digits from 100万
        (1_098, "round", "約110万円"),  # 約405億円 ÷ 36,898人 = 1,097,620円 (not 約100万円)
    ],
)
def test_yen_approx(thousand_yen, mode, expected):
    assert formatting.yen_approx(thousand_yen, mode=mode) == expected


def test_yen_approx_english():
    assert formatting.yen_approx(24_293_107, locale="en") == "about ¥24.3 billion"
    assert formatting.yen_approx(346_321, mode="truncate", locale="en") == "about ¥340 million"


def test_yen_and_table_negatives():
    assert formatting.yen(668_054) == "668,054円"
    assert formatting.yen(-35_679) == "▲35,679円"
    assert formatting.yen(-35_679, locale="en") == "−¥35,679"
    assert formatting.thousand_yen_table(-1_561_327) == "▲1,561,327"
    assert formatting.thousand_yen_table(None) == "データなし"


@pytest.mark.parametrize(
    ("value", "decimals", "mode", "expected"),
    [
        (Decimal("89.374"), 1, "truncate", "89.3%"),  # 将来負担比率: truncated, never 89.4
        (Decimal("89.374"), 1, "round", "89.4%"),
        (Decimal("14.770"), 1, "round", "14.8%"),
        (Decimal("15.933"), 1, "truncate", "15.9%"),
        (Decimal("1.4923"), 2, "truncate", "1.49%"),
        (Decimal("21.0118"), 2, "round", "21.01%"),
        (-0.3, 1, "round", "▲0.3%"),
        (12.96, 2, "truncate", "12.96%"),
    ],
)
def test_percent(value, decimals, mode, expected):
    assert formatting.percent(value, decimals=decimals, mode=mode) == expected


def test_published_ratio_statuses():
    assert formatting.published_ratio(15.9, "ok", None, 1, "ja") == "15.9%"
    assert formatting.published_ratio(None, "no_deficit", 1.49, 2, "ja") == "—（黒字1.49%）"
    assert formatting.published_ratio(None, "no_deficit", 21.01, 2, "en") == "— (surplus 21.01%)"
    assert formatting.published_ratio(None, "non_positive", None, 1, "ja") == "—"
    assert formatting.published_ratio(None, "missing", None, 1, "ja") == "データなし"


@pytest.mark.parametrize(
    ("year", "full", "short"),
    [
        (2013, "平成25年度", "H25"),
        (2019, "令和元年度", "R1"),
        (2020, "令和2年度", "R2"),
        (1989, "平成元年度", "H1"),
        (1988, "昭和63年度", "S63"),
        (2026, "令和8年度", "R8"),
    ],
)
def test_fiscal_year_labels(year, full, short):
    assert formatting.fiscal_year_label(year) == full
    assert formatting.fiscal_year_label(year, style="short") == short
    assert formatting.fiscal_year_label(year, style="western") == f"{year}年度"
    assert formatting.fiscal_year_label(year, "en") == f"FY{year}"


def test_2019_is_also_heisei_31():
    assert formatting.fiscal_year_aliases(2019) == ["令和元年度", "平成31年度", "2019年度"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("平成25年度", 2013),
        ("H25", 2013),
        ("h.25", 2013),
        ("平成 25 年度", 2013),
        ("平成２５年度", 2013),
        ("令和元年度", 2019),
        ("平成31年度", 2019),
        ("R1", 2019),
        ("R01", 2019),
        ("令和元", 2019),
        ("平成38年度", 2026),
        ("平成42年", 2030),
        ("2013", 2013),
        ("2013年度", 2013),
        ("FY2013", 2013),
        (2013, 2013),
        ("昭和35年", 1960),
    ],
)
def test_parse_fiscal_year(text, year):
    assert formatting.parse_fiscal_year(text) == year


@pytest.mark.parametrize("text", ["", "平成", "H0", "令和X年度", "13", "20130", "1800", None, "平成25年度; DROP"])
def test_parse_fiscal_year_rejects(text):
    assert formatting.parse_fiscal_year(text) is None


@pytest.mark.parametrize(
    ("thousand_yen", "expected"),
    [
        (24_649_844, "約246億円"),  # 246億4,984万円: やさしい日本語 says it in 億円
        (346_321, "約3億5千万円"),
        (34_000, "3,400万円"),  # exact: no 「約」
        (34_721, "約3,472万円"),
        (668, "約67万円"),
        (22, "2万2千円"),
        (5, "5,000円"),
        (-1_561_327, "マイナス約15億6千万円"),  # not ▲, which few readers know
        (0, "0円"),
    ],
)
def test_easy_japanese_says_amounts_in_man_and_oku(thousand_yen, expected):
    assert formatting.yen_oku_man(thousand_yen, mode="truncate", locale="easy") == expected
    assert formatting.yen_approx(thousand_yen, mode="round", locale="easy") == expected


def test_easy_japanese_whole_yen_and_the_rest_as_japanese():
    assert formatting.yen(668_054, locale="easy") == "約67万円"
    assert formatting.yen(300_000, locale="easy") == "30万円"
    assert formatting.yen(22_810, locale="easy") == "約2万3千円"
    assert formatting.yen(5_412, locale="easy") == "5,412円"
    assert formatting.yen(-3_809, locale="easy") == "マイナス3,809円"
    assert formatting.yen(None, locale="easy") == "データなし"
    assert formatting.fiscal_year_label(2013, "easy") == "平成25年度"
    assert formatting.group(1_234_567, "easy") == "1,234,567"
    assert formatting.percent(-1.25, locale="easy") == "マイナス1.3%"
