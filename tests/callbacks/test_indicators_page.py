"""The indicators page callback, called directly with real data."""

from __future__ import annotations

from callbacks import indicators
from tests.callbacks.test_callbacks import texts


def test_wakkanai_h25_against_the_lines(dash_app):
    text = texts(indicators.update_indicators({"municipality": "012149", "year": 2013, "locale": "ja"}))
    assert "公表値 15.9% （3か年平均）" in text and "早期健全化基準 25.0%" in text and "財政再生基準 35.0%" in text
    assert "公表値 89.3%" in text and "公表値 89.3% （" not in text and "早期健全化基準 350.0%" in text
    assert "—（黒字1.49%）" in text and "—（黒字21.01%）" in text and "該当なし（赤字なし）" in text
    assert "早期健全化基準 12.96%" in text and "財政再生基準 20.00%" in text
    assert "地方債の許可が必要になる基準（18.0%）まで、あと2.1ポイントです。" in text
    assert "A−B（算定上の分子） 1,539,877" in text and "C−D（算定上の分母） 10,425,613" in text
    assert "14.770%" in text and "四捨五入" in text  # single year: 1,539,877 ÷ 10,425,613
    assert "89.374%" in text and "小数点第2位以下を切り捨て" in text  # future burden: truncated, not 89.4


def test_kushiro_sewer_shortfall_reads_clearly(dash_app):
    text = texts(indicators.update_indicators({"municipality": "012068", "year": 2006, "locale": "ja"}))
    assert "下水道事業会計" in text and "118.4%" in text
    assert "経営健全化基準以上" in text
    assert "経営健全化基準（20.0%）を98.4ポイント上回っています。" in text
    assert "経営健全化計画" in text and "決算見込" in text


def test_nakatonbetsu_why_it_changed_and_estimated_lines(dash_app):
    text = texts(indicators.update_indicators({"municipality": "015130", "year": 2011, "locale": "ja"}))
    assert "実質公債費比率（単年度）は平成22年度の17.6%から平成23年度の16.8%へ0.8ポイント下がりました。" in text
    assert (
        "負担（分子）が減ったことで1.6ポイント下がり" in text
        and "（分母）が小さくなったことで0.8ポイント上がりました" in text
    )
    assert "推計" in text  # the deficit early lines are computed from S, and say so
    text_h20 = texts(indicators.update_indicators({"municipality": "015130", "year": 2008, "locale": "ja"}))
    assert "28.3%" in text_h20 and "早期健全化基準以上" in text_h20 and "財政健全化計画" in text_h20


def test_english_and_forged_state(dash_app):
    text = texts(indicators.update_indicators({"municipality": "012149", "year": 2013, "locale": "en"}))
    assert "Real debt-service ratio ( 実質公債費比率 )" in text  # the official term: its own span, marked lang="ja"
    assert "early-warning threshold 25.0%" in text
    assert indicators.update_indicators({"municipality": "012149", "year": 1900, "locale": "ja"}) == [
        "市町村を選んでください。"
    ]
