"""The residents' booklet (財政白書) as data: chapters and sections present or left out by the data, numbers at
their printed precision, the body's resident word, and the three languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finance import addbody, booklet
from finance.load import load_dataset
from tests.conftest import ROOT

WAKKANAI, NAKATONBETSU, KUSHIRO, VILLAGE = "012149", "015130", "012068", "483010"


def _section(book: booklet.Booklet, key: str) -> booklet.Section:
    return next(s for s in book.sections if s.key == key)


def _keys(book: booklet.Booklet) -> list[str]:
    return [s.key for s in book.sections]


def _text(section: booklet.Section) -> str:
    cells = [cell for table in section.tables for row in table.rows for cell in row]
    return "\n".join([*section.sentences, *cells, *section.notes])


def _row(section: booklet.Section, first: str) -> tuple[str, ...]:
    return next(row for table in section.tables for row in table.rows if row[0] == first)


@pytest.fixture(scope="module")
def wakkanai(dataset):
    return booklet.build(dataset, WAKKANAI, 2013, "ja")


def test_wakkanai_has_the_chapters_and_sections_of_its_own_booklet(wakkanai):
    assert [c.number for c in wakkanai.chapters] == ["I", "II"]
    assert [c.title for c in wakkanai.chapters] == ["決算の概要", "健全化判断比率の概要"]
    one, two = wakkanai.chapters
    assert [(s.number, s.key) for s in one.sections if s.depth == 0] == [
        ("1", "settlement"), ("2", "trend"), ("3", "revenue"), ("4", "expenditure"), ("5", "stocks")
    ]  # fmt: skip
    assert [s.title for s in one.sections if s.key.startswith("revenue_")] == ["市税", "地方交付税", "地方債"]
    allocation = _section(wakkanai, "revenue_rev_local_allocation_tax").sentences
    assert allocation == (
        "平成25年度の地方交付税は82億3,518万円で、歳入全体の33.4%、市民1人あたり223,188円です。",
        "資料の本文によると、前年度と比較して約1億7千万円減少しています。",  # WK 3(2): 前年度比 約1億7千万円の減少
    )
    assert [(s.number, s.title) for s in two.sections] == [
        ("1", "健全化判断比率"),
        ("2", "実質赤字比率の算出の状況"),
        ("3", "連結実質赤字比率の算出の状況"),
        ("4", "実質公債費比率の算出の状況"),
        ("5", "将来負担比率の算出の状況"),
        ("6", "資金不足比率"),
        ("7", "その他の財政指標"),
    ]
    # the booklet prints no 繰出金 by nature, only the hospital's 「約12億円」 in its text: said as printed
    assert _section(wakkanai, "transfers").sentences == ("病院事業会計への一般会計からの繰出しは約12億円です。",)
    assert one.omitted == ()
    assert wakkanai.title == "稚内市財政の状況"
    assert wakkanai.subtitle == "平成25年度 決算の概要及び健全化判断比率の概要"


def test_wakkanai_settlement_figures_at_the_booklets_precision(wakkanai):
    settlement = _section(wakkanai, "settlement")
    assert "歳入は246億4,984万円、歳出は242億9,310万円で、歳入歳出差引は3億5,674万円です。" in settlement.sentences
    revenue = settlement.tables[0]
    assert revenue.rows[0] == ("市税", "44億4,399万円", "18.0%")
    assert ("自主財源 計", "77億6,854万円", "31.5%") in revenue.rows
    assert ("依存財源 計", "168億8,130万円", "68.5%") in revenue.rows
    assert revenue.rows[-1] == ("合計", "246億4,984万円", "100.0%")
    assert ("民生費", "55億4,122万円", "22.8%") in settlement.tables[1].rows
    assert any("稚内市政策調整部財政経営課" in s for s in settlement.sources)


def test_wakkanai_per_resident_table_and_change_sentence(wakkanai):
    trend = _section(wakkanai, "trend")
    assert trend.title == "決算の推移と市民1人あたりの決算"
    assert "平成25年度の歳出決算額は約243億円と、前年度と比較して約3億4千万円減少しています。" in trend.sentences
    thousand, per = trend.tables
    assert thousand.rows[-1] == ("H25", "24,649,844", "24,293,107", "192,863", "557,824", "210,670")
    assert thousand.rows[0][-1] == "2,811,746"  # H11 基金の取崩
    assert per.caption == "一般会計決算を市民1人あたりにすると"
    assert per.rows[-1] == ("H25", "668,054", "658,385", "5,227", "15,118", "5,710")  # as printed in WK-2
    assert "市民1人あたりにすると、歳入は668,054円、歳出は658,385円です。" in trend.sentences


def test_wakkanai_soundness_ratios_against_their_lines(wakkanai):
    ratios = _section(wakkanai, "ratios")
    assert _row(ratios, "実質赤字比率") == (
        "実質赤字比率",
        "—（黒字1.49%）",
        "12.96%",
        "20.00%",
        "該当なし（赤字なし）",
    )
    assert _row(ratios, "連結実質赤字比率")[1:4] == ("—（黒字21.01%）", "17.96%", "30.00%")
    assert _row(ratios, "実質公債費比率") == ("実質公債費比率", "15.9%", "25.0%", "35.0%", "健全")
    assert _row(ratios, "将来負担比率") == ("将来負担比率", "89.3%", "350.0%", "—", "健全")
    assert "平成25年度の稚内市の健全化判断比率は、いずれも早期健全化基準を下回っています。" in ratios.sentences


def test_wakkanai_calculation_tables_of_the_ratios(wakkanai):
    debt_service = _section(wakkanai, "ratio_rdsr")
    text = _text(debt_service)
    assert "各年度（単年度）の比率は、平成23年度 17.1%、平成24年度 15.9%、平成25年度 14.8%です。" in text
    assert "1,539,877千円 ÷ 10,425,613千円 × 100 ≒ 14.8% と算出されます。" in text
    assert _row(debt_service, "元利償還金") == ("元利償還金", "＋", "3,464,724")
    burden = _section(wakkanai, "ratio_fbr")
    assert "9,317,831千円 ÷ 10,425,613千円 × 100 ≒ 89.3% と算出されます。" in _text(burden)
    assert _row(burden, "A 将来負担額合計")[2] == "39,364,969"
    assert _row(burden, "地方債の現在高")[2] == "28,174,940"
    shortfall = _section(wakkanai, "shortfall")
    assert len(shortfall.tables[0].rows) == 6  # the six enterprise accounts of WK Ⅱ-1
    assert "資金不足のある会計はありません。" in shortfall.sentences


def test_nakatonbetsu_is_a_town_with_causes_and_expenditure_by_nature(dataset):
    book = booklet.build(dataset, NAKATONBETSU, 2011, "ja")
    trend = _section(book, "trend")
    assert trend.title == "決算の推移と町民1人あたりの決算"
    assert any(s.startswith("主な要因は、補助費等の増加（約2億4千万円）") for s in trend.sentences)
    # deposits and withdrawals the plan does not print are データなし, never 0
    assert trend.tables[0].rows[0][4:] == ("データなし", "データなし")
    assert _section(book, "revenue_rev_local_tax").title == "町税"
    assert (
        "義務的経費（人件費、扶助費、公債費）は、歳出総額の41.6%を占めています。"
        in _section(book, "expenditure").sentences
    )
    assert "transfers" in _keys(book)
    ratios = _section(book, "ratios")
    assert _row(ratios, "実質公債費比率")[1:] == ("18.7%", "25.0%", "35.0%", "注意（18%以上）")
    assert book.chapters[1].omitted == ("資金不足比率は、データがないため省いています。",)


def test_kushiro_gets_a_short_booklet_of_what_exists(dataset):
    book = booklet.build(dataset, KUSHIRO, 2011, "ja")
    one, two = book.chapters
    assert [s.key for s in one.sections] == ["stocks", "debt", "staff"]
    assert [s.number for s in one.sections] == ["1", "(1)", "(2)"]
    assert "歳入・歳出決算状況は、データがないため省いています。" in one.omitted
    # the ratios come from the national tables (主要財政指標 H23), the sewer's shortfall from the plan
    assert [s.key for s in two.sections] == ["ratios", "ratio_rdsr", "ratio_fbr", "shortfall", "others"]
    rows = {row[0]: row[1:] for row in _section(book, "ratios").tables[0].rows}
    assert rows["実質公債費比率"] == ("11.8%", "25.0%", "35.0%", "健全")
    assert rows["将来負担比率"] == ("166.5%", "350.0%", "—", "健全")
    assert rows["実質赤字比率"][0] == "データなし"  # not in the national table of that year: never 0
    assert _section(book, "shortfall").tables[0].rows[0][1:] == ("156.3%", "20.0%", "経営健全化基準以上")


@pytest.mark.parametrize("locale", ["en", "easy"])
def test_the_booklet_speaks_english_and_easy_japanese(dataset, locale):
    book = booklet.build(dataset, WAKKANAI, 2013, locale)
    assert [s.key for s in book.sections] == [s.key for s in booklet.build(dataset, WAKKANAI, 2013, "ja").sections]
    settlement = _section(book, "settlement")
    if locale == "en":
        assert book.title == "The finances of Wakkanai"
        assert "¥24,649.84 million" in settlement.sentences[1]
        assert _section(book, "trend").tables[1].rows[-1][1] == "668,054"
        assert _row(_section(book, "ratio_fbr"), "Numerator (A − B)")[2] == "9,317,831"
    else:
        assert book.title == "稚内市の お金の 使い方"
        assert "約246億円" in settlement.sentences[1]


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    folder = tmp_path_factory.mktemp("booklet-village") / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("official"))
    addbody.add(Path(ROOT / "tests" / "fixtures" / "flat" / "village.csv"), folder)
    return load_dataset(folder)


def test_an_added_village_gets_a_coherent_shorter_booklet(village):
    book = booklet.build(village, VILLAGE, 2023, "ja")
    assert book.title == "見本村財政の状況"
    keys = _keys(book)
    assert keys[:2] == ["settlement", "trend"]
    assert _section(book, "trend").title == "決算の推移と村民1人あたりの決算"
    assert (
        "歳入は35億1,234万円、歳出は34億123万円で、歳入歳出差引は1億1,111万円です。"
        in _section(book, "settlement").sentences
    )
    assert "計算値" not in _text(_section(book, "settlement"))
    ratios = _section(book, "ratios")
    assert all(row[1].endswith("（計算値）") or row[1].startswith("—") for row in ratios.tables[0].rows)
    # a settlement card has no enterprise shortfall ratios or other indicators: named, never shown as 0
    assert book.chapters[1].omitted == (
        "資金不足比率は、データがないため省いています。",
        "その他の財政指標は、データがないため省いています。",
    )
    assert all("データがないため省いています" in o for c in book.chapters for o in c.omitted)


def test_a_body_of_the_national_tables_gets_a_coherent_shorter_booklet(dataset):
    book = booklet.build(dataset, "012092", 2013, "ja")  # 夕張市: only the national tables
    one, _ = book.chapters
    assert one.sections == () and "歳入・歳出決算状況は、データがないため省いています。" in one.omitted
    rows = {row[0]: row[1:] for row in _section(book, "ratios").tables[0].rows}
    assert rows["実質公債費比率"] == ("47.2%", "25.0%", "35.0%", "財政再生基準以上")
    assert rows["将来負担比率"] == ("748.7%", "350.0%", "—", "早期健全化基準以上")
    assert rows["実質赤字比率"][0] == "データなし"  # not published in that year's national table: never 0
    assert all("全市町村の主要財政指標" in source for source in book.sources)  # the cover cites what it uses
