"""やさしい日本語 (``lang=easy``): the pages render from the easy catalog, amounts in 万円/億円, official terms in
brackets, and every page skeleton is Japanese to the browser (``lang="ja"``)."""

from __future__ import annotations

import pytest

import layouts
from callbacks import indicators, overview, resident, shell
from layouts import ids
from tests.callbacks.test_callbacks import texts

EASY = {"municipality": "012149", "year": 2013, "locale": "easy"}


def test_overview_in_easy_japanese(dash_app):
    text = texts(overview.update_overview(EASY))
    assert "平成25年度に入ったお金（歳入）は約246億円でした。使ったお金（歳出）は約243億円でした。" in text
    assert "前の年より約3億5千万円減りました。" in text
    assert "市民1人あたり 約67万円" in text
    assert "246億4,984万円" not in text  # the exact 万円 figure is for the official Japanese


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("revenue", "平成25年度の入ったお金（歳入）は約246億円です。前の年より約3億円減りました。"),
        ("debt", "全部のさいふを合わせた借金の残りは約405億円です。市民1人あたり約110万円です。"),
        ("expenditure", "一番大きいのは「民生費」です。約55億4千万円で、全体の22.8%です。"),
    ],
)
def test_resident_pages_in_easy_japanese(dash_app, page, expected):
    text = texts(getattr(resident, f"update_{page}")(EASY))
    assert expected in text
    assert "▲" not in text
    assert "この説明はわかりましたか？" in text  # the clarity question in the easy wording too


def test_household_and_tax_in_easy_japanese(dash_app):
    text = texts(resident.update_household(EASY))
    assert "1か月30万円の家のお金に例えます。" in text
    tax = texts(resident.update_tax(EASY, 100000))
    assert "あなたの10万円のうち、約2万3千円は「民生費」に使われたことになります。" in tax


def test_indicators_in_easy_japanese(dash_app):
    text = texts(indicators.update_indicators(EASY))
    assert "借金を返す重さ 実質公債費比率" in text
    assert "1年の収入のうち、借金を返すのに使うお金の割合です。" in text


def test_easy_pages_are_japanese_to_the_browser(dash_app):
    for path in layouts.PAGES:
        skeleton = layouts.page_layout(path, "easy")
        assert skeleton.lang == "ja", path
    assert layouts.page_layout("/revenue", "en").lang == "en"


def test_the_language_switch_offers_easy_japanese_and_keeps_it_in_the_url(dash_app):
    from layouts import shell as shell_layout

    radio = next(c for c in _walk(shell_layout.layout()) if getattr(c, "id", None) == ids.LANG_RADIO)
    assert {"label": "やさしい日本語", "value": "easy"} in radio.options
    search, *_rest, locale, store = shell.sync_state("?m=012149&y=2013&lang=easy", None, None, None, None, None)
    assert locale == "easy" and search.endswith("&lang=easy") and store["locale"] == "easy"
    names = shell.sync_state("?m=012149&y=2013&lang=easy", None, None, None, None, None)[1]
    assert any(o["label"] == "稚内市" for o in names)  # Japanese names, not the English "Wakkanai (稚内市)"


def _walk(node):
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
            continue
        yield item
        children = getattr(item, "children", None)
        if children is not None and not isinstance(children, str):
            stack.append(children)
