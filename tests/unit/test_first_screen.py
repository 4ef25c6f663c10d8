"""The overview's first screen: the four 健全化判断比率 of the year in words, from the one evaluation.

A missing ratio is never counted as 0 or as below a line; a «—» is named as such; a ratio at or above a line
names the line. Checked on the bundled data (documents and national tables).
"""

from __future__ import annotations

from finance import indicators, overview
from finance.status import Status
from layouts import indicators as indicators_layout
from layouts.overview import verdict_sentences

WAKKANAI, NAKATONBETSU, KUSHIRO, YUBARI = "012149", "015130", "012068", "012092"


def _sentence(ds, code: str, year: int, locale: str = "ja") -> str:
    page = overview.page(ds, code, year)
    assert page.verdict is not None
    values = {e.indicator: indicators_layout.value_text(e, locale) for e in page.ratios}
    return " ".join(verdict_sentences(page.verdict, values, locale))


def test_the_verdict_groups_every_ratio_once(dataset):
    for code, year in ((WAKKANAI, 2013), (NAKATONBETSU, 2019), (YUBARI, 2013), (KUSHIRO, 2008)):
        v = overview.page(dataset, code, year).verdict
        assert v is not None and v.year == year
        groups = [i for i, _ in v.above] + [*v.below, *v.no_deficit, *v.not_computed, *v.not_rated, *v.no_data]
        assert sorted(groups) == sorted(indicators.SOUNDNESS), (code, year)


def test_all_below_with_the_deficit_ratios_dashed(dataset):
    text = _sentence(dataset, WAKKANAI, 2013)
    assert text == (
        "4つの指標はすべて早期健全化基準未満です。 実質赤字比率、連結実質赤字比率は赤字がないため「－」です。"
    )


def test_a_not_computed_ratio_is_named_and_not_counted_as_zero(dataset):
    v = overview.page(dataset, NAKATONBETSU, 2019).verdict
    assert v is not None and v.not_computed == ("future_burden_ratio",)
    evaluation = indicators.evaluate(dataset, "future_burden_ratio", NAKATONBETSU, 2019)
    assert evaluation.status is Status.NOT_COMPUTED
    assert "将来負担比率は算定されず「－」です。" in _sentence(dataset, NAKATONBETSU, 2019)
    assert "«–» (not calculated: zero or less): future burden ratio." in _sentence(dataset, NAKATONBETSU, 2019, "en")


def test_yubari_h25_is_above_the_rebuilding_line_from_the_national_tables(dataset):
    page = overview.page(dataset, YUBARI, 2013)
    assert page.national_only and page.verdict is not None
    assert page.verdict.above == (("real_debt_service_ratio", "rebuilding"), ("future_burden_ratio", "early"))
    text = _sentence(dataset, YUBARI, 2013)
    assert text.startswith(
        "実質公債費比率は財政再生基準以上です（47.2%）。 将来負担比率は早期健全化基準以上です（748.7%）。"
    )
    assert "早期健全化基準未満" not in text  # nothing is said to be below: the deficit ratios are missing, not 0
    assert text.endswith("実質赤字比率、連結実質赤字比率はデータがありません。")
    assert page.verdict.later_year == 2024


def test_missing_ratios_are_said_to_be_missing(dataset):
    v = overview.page(dataset, WAKKANAI, 2006).verdict  # before the law: only 実質公債費比率 is published
    assert v is not None
    assert v.no_data == ("real_deficit_ratio", "consolidated_real_deficit_ratio", "future_burden_ratio")
    text = _sentence(dataset, WAKKANAI, 2006)
    assert "4つの指標はすべて" not in text
    assert text.endswith("実質赤字比率、連結実質赤字比率、将来負担比率はデータがありません。")


def test_a_year_without_any_ratio_says_so():
    empty = overview.Verdict(2000, (), (), (), (), (), tuple(indicators.SOUNDNESS))
    assert verdict_sentences(empty, {}, "ja") == ["この年度の健全化判断比率はデータがありません。"]
    assert verdict_sentences(empty, {}, "easy") == ["この年のものさしの数字は、ありません。"]


def test_the_verdict_is_the_indicators_pages_evaluation(dataset):
    page = overview.page(dataset, YUBARI, 2024)
    for evaluation in page.ratios:  # the same resolver: each status comes from indicators.evaluate
        assert evaluation == indicators.evaluate(dataset, evaluation.indicator, YUBARI, 2024)
    assert page.verdict is not None and page.verdict.later_year is None


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        yield from _walk(child)


def test_the_answer_comes_first_and_links_to_the_indicators_of_the_same_view(dataset):
    from layouts import ids
    from layouts.overview import content

    page = overview.page(dataset, YUBARI, 2019)
    parts = content(page, "夕張市", "ja")
    assert getattr(parts[1], "id", None) == ids.OVERVIEW_ANSWER  # right after the heading
    nodes = list(_walk(parts[1]))
    hrefs = [getattr(n, "href", None) for n in nodes if getattr(n, "href", None)]
    assert hrefs == ["/indicators?m=012092&y=2019&lang=ja", "/indicators?m=012092&y=2024&lang=ja"]
    texts = " ".join(n for n in nodes if isinstance(n, str))
    assert "市民1人あたり" in texts and "実質公債費比率は財政再生基準以上です" in texts
