"""Shared page pieces (layouts/components.py, layouts/tools.py) by structure: which components, in which order,
with which props.

Built from small hand-made sources and values, not the bundled data: the point is the markup, not the figures.
"""

from __future__ import annotations

from dash import html

from finance.queries import Source
from finance.status import Status
from layouts import components, ids, tools
from tests.helpers import assert_component_equal

BOOKLET = Source(
    source_id="WK",
    title_ja="稚内市財政の状況 平成25年度決算の概要",
    title_en="The Finances of Wakkanai City: FY2013 settlement",
    publisher_ja="稚内市政策調整部財政経営課",
    published="2014-10",
    table="1 平成25年度 稚内市の歳入・歳出決算状況（一般会計）",
    lines="61",
    short_ja="稚内市財政の状況",
    short_en="The Finances of Wakkanai City",
    page_map="50-90=1;91-134=2",
)
NATIONAL = Source(
    source_id="NT",
    title_ja="全市町村の主要財政指標",
    title_en="Key fiscal indicators of all municipalities",
    publisher_ja="総務省",
    published="2025",
    table="",
    lines="3",
    edition="2024",
)


def test_source_note_is_a_disclosure_with_the_full_line():
    estimate = html.Strong("決算見込（見込みの数値） ")
    assert_component_equal(
        components.source_note(BOOKLET, "ja", kind="決算見込"),
        html.Details(
            [
                html.Summary([estimate, "出典: 稚内市財政の状況 p.1"], className="source-summary"),
                html.P(
                    [
                        estimate,
                        "出典: 稚内市政策調整部財政経営課「稚内市財政の状況 平成25年度決算の概要」（2014-10発行）"
                        "1 平成25年度 稚内市の歳入・歳出決算状況（一般会計）、p.1",
                    ],
                    className="source-note",  # figure downloads and print images read the full line from here
                ),
            ],
            className="source-details",
        ),
    )


def test_a_settled_figure_says_no_kind_and_a_national_table_its_edition():
    assert_component_equal(
        components.source_note(NATIONAL, "ja"),
        html.Details(
            [
                html.Summary(["出典: 全市町村の主要財政指標"], className="source-summary"),
                html.P(["出典: 総務省「全市町村の主要財政指標」（令和6年度）を加工して作成"], className="source-note"),
            ],
            className="source-details",
        ),
    )
    assert components.source_note(None, "ja") is None


def test_kpi_card_is_title_value_details_and_source():
    source = components.source_note(BOOKLET, "ja")
    assert_component_equal(
        components.kpi_card("歳入", "246億円", ["市民1人あたり 668,054円", "前年度より3億円減"], source),
        html.Section(
            [
                html.H3("歳入", className="card-title"),
                html.P("246億円", className="card-value"),
                html.P("市民1人あたり 668,054円", className="card-detail"),
                html.P("前年度より3億円減", className="card-detail"),
                source,
            ],
            className="card kpi-card",
        ),
    )
    assert_component_equal(
        components.kpi_card("歳入", "データなし", [], None, missing=True),
        html.Section(
            [html.H3("歳入", className="card-title"), html.P("データなし", className="card-value card-value-missing")],
            className="card kpi-card",
        ),
    )


def test_ratio_card_shows_the_status_in_words_and_the_lines_as_a_list():
    assert_component_equal(
        components.ratio_card(
            "実質公債費比率",
            "借金を返す重さ",
            "15.9%",
            Status.EARLY,
            ["早期健全化基準 25.0%", "財政再生基準 35.0%"],
            None,
            "ja",
        ),
        html.Section(
            [
                html.H3(
                    [
                        html.Span("借金を返す重さ", className="ratio-plain"),
                        html.Span("実質公債費比率", className="ratio-official"),
                    ],
                    className="card-title",
                ),
                html.P("15.9%", className="card-value"),
                html.P(
                    [
                        html.Span("▲", className="status-icon", **{"aria-hidden": "true"}),
                        html.Span("早期健全化基準以上"),
                    ],
                    className="status status-early",
                ),
                html.Ul([html.Li("早期健全化基準 25.0%"), html.Li("財政再生基準 35.0%")], className="threshold-list"),
            ],
            className="card ratio-card",
        ),
    )


def test_simple_table_scopes_its_headers_and_scrolls_in_a_labelled_region():
    assert_component_equal(
        components.simple_table(["項目", "額"], [["市税", "1"], ["地方交付税", "2"]], caption="歳入"),
        html.Div(
            html.Table(
                [
                    html.Caption("歳入", className="table-caption"),
                    html.Thead(html.Tr([html.Th("項目", scope="col"), html.Th("額", scope="col")])),
                    html.Tbody(
                        [
                            html.Tr([html.Th("市税", scope="row"), html.Td("1")]),
                            html.Tr([html.Th("地方交付税", scope="row"), html.Td("2")]),
                        ]
                    ),
                ],
                className="table",
            ),
            className="table-scroll",
            role="region",
            tabIndex="0",
            **{"aria-label": "歳入"},
        ),
    )
    without_caption = components.simple_table(["", "額"], [["市税", "1"]])
    assert without_caption.to_plotly_json()["props"]["aria-label"] == "額"  # labelled by its non-empty headers
    assert_component_equal(
        without_caption.children,
        html.Table(
            [
                html.Thead(html.Tr([html.Th("", scope="col"), html.Th("額", scope="col")])),
                html.Tbody([html.Tr([html.Th("市税", scope="row"), html.Td("1")])]),
            ],
            className="table",
        ),
    )


def test_empty_state_is_a_message_never_an_empty_chart():
    assert_component_equal(
        components.empty_state("基金の数値は、登録されている資料にありません。", "ほかの年度を選んでください。"),
        html.Div(
            [
                html.P("基金の数値は、登録されている資料にありません。", className="empty-state"),
                html.P("ほかの年度を選んでください。", className="empty-hint"),
            ],
            className="empty-block",
        ),
    )


def test_download_links_are_a_csv_and_an_excel_link_of_the_view():
    query = "?m=012149&y=2013&lang=en"
    assert_component_equal(
        tools.download_links("funds", query, "en"),
        html.P(
            [
                html.Span("Data of this chart: ", className="download-label"),
                html.A(
                    "Save as CSV",
                    href=f"/download/funds.csv{query}",
                    id={"type": ids.DOWNLOAD_LINK, "index": "funds-csv"},
                    download="",
                ),
                " / ",
                html.A(
                    "Save as Excel",
                    href=f"/download/funds.xlsx{query}",
                    id={"type": ids.DOWNLOAD_LINK, "index": "funds-xlsx"},
                    download="",
                ),
            ],
            className="download-links",
        ),
    )


def test_embed_snippet_is_a_collapsed_read_only_code_block():
    hint = "次のコードをコピーして、ホームページのHTMLに貼り付けてください。"
    assert_component_equal(
        tools.embed_snippet("revenue/revenue-trend", "?m=012149&y=2013&lang=ja", "", "歳入の推移", "ja"),
        html.Details(
            [
                html.Summary("この図をホームページに埋め込む"),
                html.P(hint, className="embed-hint"),
                html.Pre(
                    '<iframe src="/embed/revenue/revenue-trend?m=012149&amp;y=2013&amp;lang=ja" '
                    'title="歳入の推移（見える化）" width="100%" height="520" style="border:0;max-width:800px" '
                    'loading="lazy"></iframe>',
                    id={"type": ids.EMBED_SNIPPET, "index": "revenue/revenue-trend"},
                    className="embed-code",
                    tabIndex="0",
                    role="textbox",
                    **{"aria-readonly": "true", "aria-label": hint},
                ),
            ],
            className="details embed-snippet",
        ),
    )
