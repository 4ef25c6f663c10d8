"""Council and PR tools on the pages: 「CSVで保存 / Excelで保存」 links and the copyable <iframe> of a figure."""

from __future__ import annotations

from html import escape

from dash import html

from finance.text import t
from layouts import ids

EMBED_HEIGHT = 520


def download_links(dataset: str, query: str, locale: str, index: str | None = None) -> html.P:
    """The CSV / Excel link pair of a dataset for the current view (``query`` = ``"?m=…&y=…&lang=…"``)."""
    key = index or dataset
    return html.P(
        [
            html.Span(t("tools.download_label", locale) + " ", className="download-label"),
            html.A(
                t("tools.csv", locale),
                href=f"/download/{dataset}.csv{query}",
                id={"type": ids.DOWNLOAD_LINK, "index": f"{key}-csv"},
                download="",
            ),
            " / ",
            html.A(
                t("tools.xlsx", locale),
                href=f"/download/{dataset}.xlsx{query}",
                id={"type": ids.DOWNLOAD_LINK, "index": f"{key}-xlsx"},
                download="",
            ),
        ],
        className="download-links",
    )


def iframe_code(figure: str, query: str, base: str, title: str, height: int = EMBED_HEIGHT) -> str:
    """The ``<iframe>`` element that embeds ``/embed/<figure>`` of the view on another site."""
    src = escape(f"{base}/embed/{figure}{query}", quote=True)
    return (
        f'<iframe src="{src}" title="{escape(title, quote=True)}" width="100%" height="{height}" '
        'style="border:0;max-width:800px" loading="lazy"></iframe>'
    )


def embed_snippet(
    figure: str, query: str, base: str, title: str, locale: str, height: int = EMBED_HEIGHT
) -> html.Details:
    """A collapsed block with the figure's <iframe> code, selected on focus, ready to copy."""
    code = iframe_code(figure, query, base, t("tools.embed_frame_title", locale, title=title), height)
    return html.Details(
        [
            html.Summary(t("tools.embed_summary", locale)),
            html.P(t("tools.embed_hint", locale), className="embed-hint"),
            html.Pre(  # not a dcc.Textarea: its re-render on click would undo the origin added by mieruka.js
                code,
                id={"type": ids.EMBED_SNIPPET, "index": figure},
                className="embed-code",
                tabIndex="0",
                role="textbox",
                **{"aria-readonly": "true", "aria-label": t("tools.embed_hint", locale)},
            ),
        ],
        className="details embed-snippet",
    )


def handout_links(query: str, locale: str) -> html.Section:
    """「会議・広報用の資料」: the committee handout (A4, A3, PDF) and the presenter mode of the view."""
    links = [
        ("tools.handout_view_a4", f"/handout{query}&paper=a4"),
        ("tools.handout_view_a3", f"/handout{query}&paper=a3"),
        ("tools.handout_view_pdf_a4", f"/handout.pdf{query}&paper=a4"),
        ("tools.handout_view_pdf_a3", f"/handout.pdf{query}&paper=a3"),
        ("tools.handout_view_present", f"/present{query}"),
        ("booklet.link_html", f"/booklet{query}"),
        ("booklet.link_pdf", f"/booklet.pdf{query}"),
    ]
    return html.Section(
        [
            html.H2(t("tools.handout_links_heading", locale)),
            html.P(t("tools.handout_links_text", locale)),
            html.Ul(
                [html.Li(html.A(t(key, locale), href=href, target="_blank", rel="noopener")) for key, href in links],
                className="handout-links",
            ),
        ],
        className="section handout-section",
        id=ids.HANDOUT_LINKS,
    )
