"""The overview's 「会議・広報用の資料」 links the committee handout, the presenter mode and the residents'
booklet of the same body, year and language."""

from __future__ import annotations

from dash import html

from layouts import ids
from layouts.tools import handout_links
from tests.helpers import assert_component_equal


def test_handout_links_include_the_booklet_html_and_pdf():
    query = "?m=012149&y=2013&lang=easy"
    links = [
        ("印刷用（A4縦）", f"/handout{query}&paper=a4"),
        ("印刷用（A3横）", f"/handout{query}&paper=a3"),
        ("PDF（A4縦）", f"/handout.pdf{query}&paper=a4"),
        ("PDF（A3横）", f"/handout.pdf{query}&paper=a3"),
        ("プレゼンテーション（大きな文字）", f"/present{query}"),
        ("財政白書（印刷用）", f"/booklet{query}"),
        ("財政白書（PDF）", f"/booklet.pdf{query}"),
    ]
    assert_component_equal(
        handout_links(query, "ja"),
        html.Section(
            [
                html.H2("会議・広報用の資料"),
                html.P(
                    "このページの図をまとめた委員会資料（図番号つき、出典・表つき）と、"
                    "プロジェクター用の大きな文字の表示です。"
                ),
                html.Ul(
                    [html.Li(html.A(text, href=href, target="_blank", rel="noopener")) for text, href in links],
                    className="handout-links",
                ),
            ],
            className="section handout-section",
            id=ids.HANDOUT_LINKS,
        ),
    )
