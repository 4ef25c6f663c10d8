"""The typed figure table and the chart rules that keep figures readable at 360 px."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from finance import figuremodel as fm
from layouts import figures


def test_a_table_keeps_values_and_texts_apart_and_says_each_unit_once():
    data = fm.table(
        [fm.Column("年度"), fm.Column("歳入合計", "thousand_yen"), fm.Column("割合（%）", "percent")],
        [
            [fm.text("平成11年度"), fm.number(32321365, "323億2,136万円"), fm.number(Decimal("18.03"), "18.0%")],
            [fm.text("平成16年度"), fm.number(None, "データなし"), fm.number(Decimal("0.50"), "0.5%")],
        ],
    )
    assert data.shown()[1][0] == ["平成11年度", "323億2,136万円", "18.0%"]
    header, rows = data.typed("ja")
    assert header == ("年度", "歳入合計（千円）", "割合（%）")
    assert rows == (("平成11年度", 32321365, 18.03), ("平成16年度", None, 0.5))
    assert fm.Column("Revenue", "thousand_yen").header("en") == "Revenue (thousand yen)"


def test_a_table_refuses_text_in_a_numeric_column_and_ragged_rows():
    with pytest.raises(TypeError):
        fm.table([fm.Column("額", "yen")], [[fm.Cell("約74万円", "約74万円")]])
    with pytest.raises(ValueError):
        fm.table([fm.Column("項目"), fm.Column("額", "yen")], [[fm.text("a")]])
    with pytest.raises(ValueError):
        fm.table([fm.Column("額", "furlongs")], [])


def test_download_only_columns_are_not_shown_on_the_page():
    data = fm.table(
        [fm.Column("項目"), fm.Column("類似団体", "persons", shown=False)], [[fm.text("a"), fm.number(3, "")]]
    )
    assert data.shown() == (["項目"], [["a"]])
    assert data.typed("ja") == (("項目", "類似団体（人）"), (("a", 3),))


def test_a_trend_of_one_year_is_a_value_with_the_note_that_earlier_years_are_missing():
    frame = pd.DataFrame(
        {"fiscal_year": [2008], "series": ["total"], "name": ["基金合計"], "value": [31.3], "text": ["31億3,000万円"],
         "kind": ["決算"]}
    )  # fmt: skip
    fig = figures.trend_bars(frame, axis_title="億円", locale="ja")
    assert [a.text for a in fig.layout.annotations] == ["前年の数値は資料にありません"]
    assert list(fig.data[0].text) == ["31億3,000万円"]


@pytest.mark.parametrize(
    ("years", "upright"),
    [
        ([2011, 2012, 2013], False),
        ([1999, 2004, 2009, 2010, 2011, 2012, 2013, 2019], True),  # 「H21H22H23H24」 on a phone before
        (list(range(2005, 2025)), True),
    ],
)
def test_year_labels_turn_upright_when_they_would_overlap_on_a_phone(years, upright):
    labels = [f"H{y - 1988}" for y in years]
    assert (figures.year_ticks(years, labels)["tickangle"] == -90) is upright
