"""Singular and plural from the catalog; Japanese terms on English pages marked, never left bare."""

from __future__ import annotations

import pytest
from dash import dcc, html

from finance import terms as names
from finance.text import catalog, plural_key, t
from layouts import terms
from tests.helpers import assert_component_equal


def _ja(term: str) -> html.Span:
    """A Japanese term as the pages mark it on an English page."""
    return html.Span(term, lang="ja", className="ja-term")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "Published values for 0 fiscal years."),
        (1, "Published values for 1 fiscal year."),
        (2, "Published values for 2 fiscal years."),
        (17, "Published values for 17 fiscal years."),
    ],
)
def test_english_plural_is_chosen_by_count(count, expected):
    assert t("indicators.trend_summary", "en", count=count).startswith(expected)


def test_plural_forms_in_every_catalog_and_none_in_japanese():
    assert t("documents.count", "en", count=1) == "1 figure"
    assert t("documents.count", "en", count=3) == "3 figures"
    assert t("documents.count", "ja", count=1) == t("documents.count", "ja", count=3).replace("3", "1")
    assert plural_key("documents.count", 1, "ja") == "documents.count"
    assert plural_key("documents.count", 1, "easy") == "documents.count"
    assert plural_key("documents.count", "1", "en") == "documents.count"  # formatted text: no choice made
    for locale in ("ja", "en", "easy"):  # every singular form has its plural beside it
        for key in catalog(locale):
            if key.endswith("_one"):
                assert key.removesuffix("_one") in catalog(locale), (locale, key)


def test_bracketed_official_terms_are_marked_and_other_japanese_is_not():
    assert_component_equal(
        terms.mark("Real deficit ratio (実質赤字比率)"), ["Real deficit ratio (", _ja("実質赤字比率"), ")"]
    )
    assert terms.mark("In FY2013, 職員数 numbered 707.") == "In FY2013, 職員数 numbered 707."  # a leftover stays
    assert terms.mark("実質赤字比率") == "実質赤字比率"  # no English name beside it
    assert terms.plain("Borrowing (local bonds outstanding · 地方債残高)") == "Borrowing (local bonds outstanding)"
    assert terms.plain("Real deficit ratio (実質赤字比率) (Mieruka)") == "Real deficit ratio (Mieruka)"


def test_english_tree_marks_text_and_cleans_charts_and_attributes():
    tree = html.Div(
        [
            html.H2("Fiscal soundness (健全化判断比率)", title="Fiscal soundness (健全化判断比率)"),
            dcc.Graph(figure={"data": [{"name": "Local taxes (地方税)"}], "layout": {}}),
            html.P("一般会計", lang="ja"),
        ]
    )
    terms.english(tree, "en")
    expected = html.Div(
        [
            html.H2(
                ["Fiscal soundness (", _ja("健全化判断比率"), ")"], title="Fiscal soundness"
            ),  # no marks in a title
            dcc.Graph(figure={"data": [{"name": "Local taxes"}], "layout": {}}),  # nor in a chart
            html.P("一般会計", lang="ja"),  # already Japanese: left as it is
        ]
    )
    assert_component_equal(tree, expected)
    japanese = html.P("Real deficit ratio (実質赤字比率)")
    assert terms.english(japanese, "ja").children == "Real deficit ratio (実質赤字比率)"


def test_a_label_without_english_name_is_marked_with_a_description():
    assert_component_equal(
        terms.ja_label("一般行政職員", "a staff category", "en"), [_ja("一般行政職員"), " (a staff category)"]
    )
    assert terms.ja_label("一般行政職員", "a staff category", "ja") == "一般行政職員"


def test_prefectures_have_english_names():
    assert names.prefecture_name("北海道", "en") == "Hokkaido"
    assert names.prefecture_name("鳥取県", "en") == "Tottori"
    assert names.prefecture_name("北海道", "ja") == "北海道"
    assert len(names.PREFECTURES) == 47


def test_a_body_without_romanised_name_is_marked_wherever_it_is_named():
    tree = html.Div([html.H1("夕張市: revenue — FY2013"), html.P("Fiscal soundness (健全化判断比率) of 夕張市")])
    terms.english(tree, "en", "夕張市")
    expected = html.Div(
        [
            html.H1([_ja("夕張市"), ": revenue — FY2013"]),
            html.P(["Fiscal soundness (", _ja("健全化判断比率"), ") of ", _ja("夕張市")]),
        ]
    )
    assert_component_equal(tree, expected)
