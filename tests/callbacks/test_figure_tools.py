"""Every figure of every page carries its anchor and its 「この図を使う」 block; the print version of a figure keeps
the page's data exactly (colour or grey); source lines are compacted for print without losing a table or a line."""

from __future__ import annotations

import pytest
from dash import dcc, html

from finance import queries
from finance.viewstate import ViewState
from layouts import figurekit, figures, tools
from tests.helpers import assert_component_equal
from web import figurekit as kit_routes

PAGES = ("overview", "indicators", "revenue", "expenditure", "funds", "debt", "staff", "enterprise", "household")


VIEW_SAMPLE = (  # the seed bodies and national-only bodies of every kind (all 1,919 would take half an hour)
    "012149", "015130", "012068",  # 稚内市, 中頓別町, 釧路市
    "011002", "012092", "014036", "131016", "310000",  # 札幌市 (指定都市), 夕張市, 泊村, 千代田区, 鳥取県
)  # fmt: skip


def _graphs(tree: object) -> list[dcc.Graph]:
    return [node for node in figurekit.walk(tree) if isinstance(node, dcc.Graph)]


@pytest.mark.parametrize("page", PAGES)
def test_every_figure_of_every_view_has_a_unique_key_an_anchor_and_tools(dash_app, dataset, page):
    with dash_app.server.test_request_context():
        for code in VIEW_SAMPLE:
            year = queries.default_year(dataset, code)
            if year is None:
                continue
            tree = kit_routes.page_tree(page, code, year, "total", "ja")
            parts = figurekit.parts(tree)
            assert len(parts) == len(_graphs(tree))  # no chart is left without its section
            keys = [p.key for p in parts]
            assert len(keys) == len(set(keys))
            for p in parts:
                assert p.title and p.sources, (code, page, p.key)  # each printed figure has its title and source
            blocks = [
                n
                for n in figurekit.walk(tree)
                if isinstance(n, html.Div) and getattr(n, "className", "") == "figure-block"
            ]
            assert [b.id for b in blocks] == [f"figure-{k}" for k in keys]
            for block in blocks:  # the chart itself, then its tools
                assert isinstance(block.children[0], dcc.Graph)
                assert "figure-kit" in block.children[1].className


def test_tools_of_a_figure_link_its_permalink_and_its_print_images_in_the_view():
    view = ViewState("012149", 2013, "ja", "per_resident")
    permalink = "/revenue?m=012149&y=2013&mode=per_resident&fig=revenue-trend&lang=ja"
    image = "/figure/revenue/revenue-trend.{}?m=012149&y=2013&mode=per_resident&lang=ja&size={}"

    def images(label: str, palette: str) -> html.Li:
        return html.Li(
            [
                html.Span(label, className="kit-label"),
                html.A("PNG（1段幅 85mm）", download="", href=image.format("png", "1col") + palette),
                " ",
                html.A("PNG（2段幅 175mm）", download="", href=image.format("png", "2col") + palette),
                " ",
                html.A("SVG", download="", href=image.format("svg", "2col") + palette),
                " ",
                html.A("PDF", download="", href=image.format("pdf", "2col") + palette),
            ]
        )

    summary = html.Summary("この図を使う（リンク・印刷用の画像）")
    link = html.P(
        [
            html.Span("この図へのリンク: ", className="kit-label"),
            html.A(permalink, href=permalink, className="figure-permalink"),
            " ",
            html.Button(
                "リンクをコピー",
                type="button",
                className="copy-link",
                **{"data-copy": permalink, "data-done": "コピーしました"},
            ),
            html.Span("", className="copy-status", role="status"),
        ],
        className="figure-link",
    )
    image_list = html.Ul(
        [images("カラー：", ""), images("白黒（モノクロ印刷用）：", "&palette=gray")], className="figure-images"
    )
    hint = html.P(
        "画像には題名・出典・基準日と、この図を開くQRコードが入っています（300dpi）。広報紙にそのまま使えます。",
        className="kit-hint",
    )
    assert_component_equal(
        figurekit.tools("revenue", "revenue-trend", view, "歳入の推移", embed=False, data=False),
        html.Details([summary, link, image_list, hint], className="details figure-kit"),
    )
    query = "?m=012149&y=2013&mode=per_resident&lang=ja"  # with data and no embed code elsewhere: both join in
    assert_component_equal(
        figurekit.tools("revenue", "revenue-trend", view, "歳入の推移", frame_height=700),
        html.Details(
            [
                summary,
                link,
                image_list,
                tools.download_links("figure/revenue/revenue-trend", query, "ja"),
                hint,
                tools.embed_snippet("revenue/revenue-trend", query, "", "歳入の推移", "ja", 700),
            ],
            className="details figure-kit",
        ),
    )


def test_parts_are_the_page_figure_itself_with_its_words(dash_app):
    with dash_app.server.test_request_context():
        tree = kit_routes.page_tree("revenue", "012149", 2013, "total", "ja")
    graph = next(g for g in _graphs(tree) if g.id == {"type": "resident-chart-graph", "index": "revenue-items"})
    parts = figurekit.find(tree, "revenue-items")
    assert parts is not None
    assert parts.figure is graph.figure
    assert parts.title == "歳入の内訳"
    assert parts.table is not None and parts.table[1][0][0] == "市税"
    assert any("4,443,99" in cell or "44億4,399万円" in cell for cell in parts.table[1][0])  # 市税 H25 as printed


def test_print_figure_keeps_the_data_and_grey_keeps_it_too(dash_app):
    with dash_app.server.test_request_context():
        parts = figurekit.find(kit_routes.page_tree("revenue", "012149", 2013, "total", "ja"), "revenue-trend")
    assert parts is not None
    colour = figures.print_figure(
        parts.figure, title="t", footer=["f"], qr_uri=None, qr_caption="", size="1col", gray=False
    )
    grey = figures.print_figure(
        parts.figure, title="t", footer=["f"], qr_uri=None, qr_caption="", size="1col", gray=True
    )
    for printed in (colour, grey):
        assert [list(tr.y) for tr in printed.data] == [list(tr["y"]) for tr in parts.figure["data"]]
        assert printed.layout.width == figures.print_pixels("1col")[0]
    colours = {tr.marker.color for tr in grey.data if isinstance(tr.marker.color, str)}
    assert colours and all(c[1:3] == c[3:5] == c[5:7] for c in colours)  # #rrggbb with r = g = b


def test_grey_keeps_palette_colours_apart():
    greys = [figures._gray(c) for c in figures.PALETTE[:6]]
    assert len(set(greys)) == 6


def test_compact_sources_joins_tables_of_one_document_and_ranges_line_numbers():
    lines = [
        "出典: 稚内市「稚内市財政の状況」（2014-10発行）2 一般会計決算の推移、96、97、98、99、100、101、102行",
        "出典: 稚内市「稚内市財政の状況」（2014-10発行）1 平成25年度 稚内市の歳入・歳出決算状況、69、84行",
        "出典: 中頓別町「公債費負担適正化計画」（2008発行）⑩、3行",
    ]
    assert figurekit.compact_sources(lines) == [
        "出典: 稚内市「稚内市財政の状況」（2014-10発行）2 一般会計決算の推移、96–102行；"
        "1 平成25年度 稚内市の歳入・歳出決算状況、69、84行",
        "出典: 中頓別町「公債費負担適正化計画」（2008発行）⑩、3行",
    ]


def test_the_pages_with_figures_are_the_same_for_export_and_embed():
    assert set(kit_routes.PAGES) == set(figurekit.PAGES)


def test_any_figure_embeds_with_its_title_sentence_chart_source_and_reference_date(dash_app):
    from callbacks import embed as embed_callbacks
    from layouts import embed as embed_layout
    from layouts import ids

    assert embed_layout.figure_of("/embed/revenue/revenue-items") == "revenue/revenue-items"
    assert embed_layout.figure_of("/embed/revenue/REVENUE") is None
    assert embed_layout.figure_of("/embed/secret/revenue-items") is None
    state = {"municipality": "012149", "year": 2013, "locale": "ja", "mode": "per_resident", "figure": None}
    with dash_app.server.test_request_context():
        content = embed_callbacks.update_embed("/embed/revenue/revenue-trend", state)
    texts = [figurekit.text_of(node) for node in content]
    assert texts[0] == "稚内市 歳入の推移"
    assert "市民1人あたり" in texts[1]  # the sentence of the per-resident view
    graph = next(n for n in figurekit.walk(content) if isinstance(n, dcc.Graph))
    assert graph.id == ids.EMBED_GRAPH
    footer = figurekit.text_of(content[-1])
    assert "出典: 稚内市政策調整部財政経営課" in footer and "基準日：2014年3月31日" in footer
    link = next(n for n in figurekit.walk(content) if isinstance(n, html.A))
    assert link.href == "/revenue?m=012149&y=2013&mode=per_resident&fig=revenue-trend&lang=ja"


def test_the_iframe_code_of_a_long_list_is_tall_enough_to_show_it_whole(dash_app):
    from layouts import ids

    with dash_app.server.test_request_context():
        tree = kit_routes.page_tree("revenue", "012149", 2013, "total", "ja")
    graph = next(g for g in _graphs(tree) if g.id == {"type": ids.RESIDENT_GRAPH, "index": "revenue-items"})
    code = next(
        figurekit.text_of(n)
        for n in figurekit.walk(tree)
        if getattr(n, "id", None) == {"type": ids.EMBED_SNIPPET, "index": "revenue/revenue-items"}
    )
    assert 'src="/embed/revenue/revenue-items?m=012149&amp;y=2013&amp;lang=ja"' in code
    assert f'height="{graph.figure["layout"]["height"] + 220}"' in code  # 23 items: far taller than 520
