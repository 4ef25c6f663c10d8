"""The overview's first screen: the four 健全化判断比率 of the year in words, from the one evaluation.

A missing ratio is never counted as 0 or as below a line; a «—» is named as such; a ratio at or above a line
names the line. Checked on the bundled data (documents and national tables).
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from finance import indicators, overview
from finance.queries import Fact, Overview, PerResident, Population, Source
from finance.status import Status
from layouts import ids
from layouts import indicators as indicators_layout
from layouts.overview import answer, verdict_sentences
from tests.helpers import assert_component_equal

WAKKANAI, NAKATONBETSU, KUSHIRO, YUBARI = "012149", "015130", "012068", "012092"
SOUNDNESS_DEFICITS = ("real_deficit_ratio", "consolidated_real_deficit_ratio")


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
    from layouts.overview import content

    page = overview.page(dataset, YUBARI, 2019)
    parts = content(page, "夕張市", "ja")
    assert getattr(parts[1], "id", None) == ids.OVERVIEW_ANSWER  # right after the heading
    nodes = list(_walk(parts[1]))
    hrefs = [getattr(n, "href", None) for n in nodes if getattr(n, "href", None)]
    assert hrefs == ["/indicators?m=012092&y=2019&lang=ja", "/indicators?m=012092&y=2024&lang=ja"]
    texts = " ".join(n for n in nodes if isinstance(n, str))
    assert "市民1人あたり" in texts and "実質公債費比率は財政再生基準以上です" in texts


# A hand-made page (no bundled data): the first answer's markup.
_SOURCE = Source("WK", "稚内市財政の状況", "The Finances of Wakkanai City", "稚内市", "2014-10", "1", "61")
_POPULATION = Population(36898, "住民基本台帳", "2014-03-31", _SOURCE)
_NO_PER_RESIDENT = PerResident(None, None, None)


def _amount(value: int) -> Fact:
    return Fact(value, "千円", "exact", "決算", "一般会計", "歳入合計", "", _SOURCE)


def _overview(year: int, revenue: Fact | None, expenditure: Fact | None) -> Overview:
    per_revenue = PerResident(668054, None, _POPULATION) if revenue else _NO_PER_RESIDENT
    per_expenditure = PerResident(658567, None, _POPULATION) if expenditure else _NO_PER_RESIDENT
    return Overview(WAKKANAI, year, revenue, expenditure, None, per_revenue, per_expenditure, None, None, ())


def _row(title: str, value: list[object]) -> html.Div:
    return html.Div([html.Dt(title), html.Dd(value)], className="answer-row")


def test_the_answer_is_the_amounts_then_the_verdict_with_its_links():
    verdict = overview.Verdict(
        2013, (), ("real_debt_service_ratio", "future_burden_ratio"), SOUNDNESS_DEFICITS, (), (), (), later_year=2024
    )
    settled = _overview(2013, _amount(24649843), _amount(24300000))
    page = overview.OverviewPage(settled, None, pd.DataFrame(), (_SOURCE,), (), ("WK",), verdict=verdict)
    assert_component_equal(
        answer(page, "ja"),
        html.Section(
            [
                html.Dl(
                    [
                        _row(
                            "歳入",
                            [
                                html.Span("246億4,984万円", className="answer-amount"),
                                html.Span("市民1人あたり 668,054円", className="answer-per-resident"),
                            ],
                        ),
                        _row(
                            "歳出",
                            [
                                html.Span("243億円", className="answer-amount"),
                                html.Span("市民1人あたり 658,567円", className="answer-per-resident"),
                            ],
                        ),
                    ],
                    className="answer-amounts",
                ),
                html.Div(
                    [
                        html.P(
                            [
                                html.Span("✓", className="status-icon", **{"aria-hidden": "true"}),
                                html.Strong("健全化判断比率", className="verdict-label"),
                                " ",
                                html.Span("4つの指標はすべて早期健全化基準未満です。 ", className="verdict-sentence"),
                                html.Span(
                                    "実質赤字比率、連結実質赤字比率は赤字がないため「－」です。 ",
                                    className="verdict-sentence",
                                ),
                            ],
                            className="verdict status-sound",
                        ),
                        html.P(
                            [
                                dcc.Link("4つの指標をくわしく", href="/indicators?m=012149&y=2013&lang=ja"),
                                " · ",
                                dcc.Link("令和6年度の指標", href="/indicators?m=012149&y=2024&lang=ja"),
                            ],
                            className="verdict-links",
                        ),
                    ],
                    id=ids.OVERVIEW_VERDICT,
                ),
            ],
            id=ids.OVERVIEW_ANSWER,
            className="first-answer",
            **{"aria-label": "この年度のあらまし"},
        ),
    )


def test_a_year_without_settlement_answers_with_the_latest_amounts_said_to_be_earlier():
    unsettled = _overview(2014, None, None)
    earlier = _overview(2013, _amount(24649843), None)
    page = overview.OverviewPage(unsettled, None, pd.DataFrame(), (_SOURCE,), (), ("WK",), latest_amounts=earlier)
    assert_component_equal(
        answer(page, "en"),
        html.Section(
            [
                html.P(
                    [
                        "Revenue and expenditure: the latest settled amounts (FY2013).",
                        " ",
                        dcc.Link("See FY2013", href="/?m=012149&y=2013&lang=en"),
                    ],
                    className="answer-year",
                ),
                html.Dl(
                    [
                        _row(
                            "Revenue",
                            [
                                html.Span("¥24,649.84 million", className="answer-amount"),
                                html.Span("¥668,054 per resident", className="answer-per-resident"),
                            ],
                        ),
                        _row("Expenditure", [html.Span("Not in the documents", className="answer-missing")]),
                    ],
                    className="answer-amounts",
                ),
            ],
            id=ids.OVERVIEW_ANSWER,
            className="first-answer",
            **{"aria-label": "This year at a glance"},
        ),
    )
