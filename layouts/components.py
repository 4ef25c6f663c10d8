"""Reusable page pieces. Builders receive ids and texts; they never invent ids or read data."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from finance import figuremodel, formatting, text
from finance.queries import Source
from finance.status import ICONS, Status
from finance.text import html_lang, is_japanese, t


def source_line(source: Source, locale: str) -> str:
    """The full source of a figure: 「出典: 発行者「資料名」（2014-10発行）表名、p.1」 (the page when known, never a
    transcription line)."""
    title = source.title_ja if is_japanese(locale) else source.title_en
    if source.edition:
        edition = (
            t("app.source_as_of", locale, date=source.edition)
            if len(source.edition) == 10
            else formatting.fiscal_year_label(int(source.edition), locale)
        )
        return t("app.source_line_national", locale, publisher=source.publisher_ja, title=title, edition=edition)
    text = t(
        "app.source_line",
        locale,
        publisher=source.publisher_ja,
        title=title,
        published=source.published,
        table=source.table,
    )
    if source.page:
        text += t("app.source_page_suffix", locale, page=source.page)
    return text


def source_short(source: Source, locale: str) -> str:
    """The short source on a card: 「出典: 稚内市財政の状況 p.1」 (document short name and page)."""
    title = source.short_title(is_japanese(locale))
    if source.page:
        return t("provenance.short_page", locale, title=title, page=source.page)
    return t("provenance.short", locale, title=title)


def source_note(source: Source | None, locale: str, *, kind: str = "決算") -> html.Details | None:
    """The source every figure carries: a short 出典 (document and page), the full line one tap away.

    The full line keeps the class ``source-note``: figure downloads and print images read it from there.
    """
    if source is None:
        return None
    full: list[object] = [source_line(source, locale)]
    summary: list[object] = [source_short(source, locale)]
    if kind != "決算":
        summary = [html.Strong(t(f"kind.{kind}", locale) + " "), *summary]
        full = [html.Strong(t(f"kind.{kind}", locale) + " "), *full]
    return html.Details(
        [html.Summary(summary, className="source-summary"), html.P(full, className="source-note")],
        className="source-details",
    )


def kpi_card(
    title: str, value: str, details: list[str], source: html.Details | None, *, missing: bool = False
) -> html.Section:
    """A headline card: title, big value, a few plain lines and the source."""
    body: list[object] = [
        html.H3(title, className="card-title"),
        html.P(value, className="card-value" + (" card-value-missing" if missing else "")),
    ]
    body += [html.P(line, className="card-detail") for line in details]
    if source is not None:
        body.append(source)
    return html.Section(body, className="card kpi-card")


def status_badge(status: Status, locale: str) -> html.P:
    """A status shown by an icon and words (never colour alone)."""
    return html.P(
        [
            html.Span(ICONS[status], className="status-icon", **{"aria-hidden": "true"}),
            html.Span(t(f"status.{status.value}", locale)),
        ],
        className=f"status status-{status.value}",
    )


def ratio_card(
    name: str,
    plain: str,
    value: str,
    status: Status,
    threshold_lines: list[str],
    source: html.Details | None,
    locale: str,
) -> html.Section:
    """One soundness ratio: plain name with the official one, the value as published, status and thresholds."""
    body: list[object] = [
        html.H3(
            [html.Span(plain, className="ratio-plain"), html.Span(name, className="ratio-official")],
            className="card-title",
        ),
        html.P(value, className="card-value"),
        status_badge(status, locale),
        html.Ul([html.Li(line) for line in threshold_lines], className="threshold-list"),
    ]
    if source is not None:
        body.append(source)
    return html.Section(body, className="card ratio-card")


def year_label(year: int, locale: str, kind: str = "決算") -> str:
    """The label of a fiscal year in selectors: 「平成25年度（2013年度）」, "FY2013"; plan-only years say so."""
    label = (
        f"{formatting.fiscal_year_label(year, 'ja')}（{year}年度）"
        if is_japanese(locale)
        else formatting.fiscal_year_label(year, "en")
    )
    if kind != "決算":
        label += t(f"kind_suffix.{kind}", locale)
    return label


def simple_table(header: list[str], rows: Sequence[Sequence[object]], caption: str | None = None) -> html.Div:
    """An accessible data table: column headers scoped to columns, the first cell of each row to its row.

    The table sits in its own scrolling region, so a wide table never widens the page on a phone: the region is
    focusable (a keyboard scrolls it) and labelled by the caption (shown above the table), or by the column
    headers when there is none.
    """
    table: list[object] = [html.Caption(caption, className="table-caption")] if caption else []
    table += [
        html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
        html.Tbody([html.Tr([html.Th(r[0], scope="row"), *[html.Td(c) for c in r[1:]]]) for r in rows]),
    ]
    return html.Div(
        html.Table(table, className="table"),
        className="table-scroll",
        role="region",
        tabIndex="0",
        **{"aria-label": caption or " / ".join(h for h in header if h)},
    )


# ---------------------------------------------------------------------------------------------
# Resident pages: glossary popovers, chart sections
# ---------------------------------------------------------------------------------------------


def glossary_term(key: str, locale: str) -> html.Details:
    """A technical term that opens in place: the plain explanation and the official definition (also in 用語集)."""
    return html.Details(
        [
            html.Summary(t(f"glossary.{key}.title", locale), className="term-summary"),
            html.Div(
                [
                    html.P(
                        [html.Strong(t("resident.glossary.plain", locale)), " ", t(f"glossary.{key}.plain", locale)]
                    ),
                    html.P(
                        [
                            html.Strong(t("resident.glossary.official", locale)),
                            " ",
                            t(f"glossary.{key}.official", locale),
                        ]
                    ),
                ],
                className="term-body",
            ),
        ],
        className="term",
    )


def glossary_terms(keys: list[str] | tuple[str, ...], locale: str) -> html.Div | None:
    """The terms of a chart, each a popover."""
    if not keys:
        return None
    return html.Div(
        [
            html.Span(t("resident.glossary.terms", locale), className="terms-label"),
            *[glossary_term(k, locale) for k in keys],
        ],
        className="terms",
    )


def resident_table(header: list[str], rows: Sequence[Sequence[object]], caption: str | None = None) -> html.Div:
    """A plain accessible table in its scrolling region (see :func:`simple_table`)."""
    return simple_table(header, rows, caption)


def model_table(
    data: figuremodel.DataTable, caption: str | None = None, labels: Sequence[object] | None = None
) -> html.Div:
    """The page table of a figure's typed data (the texts of its shown columns) in its scrolling region.

    ``labels`` (one per row) replace the first column's texts on the page where a label needs markup (a Japanese
    term marked ``lang="ja"`` on an English page); the data keep the plain text. The typed table rides along on the
    ``html.Table`` as ``figure_data`` for the downloads, which write its values, never the texts.
    """
    header, rows = data.shown()
    shown: list[list[object]] = [list(r) for r in rows]
    if labels is not None:
        for row, label in zip(shown, labels, strict=True):
            row[0] = label
    node = resident_table(header, shown, caption)
    node.children.figure_data = data  # type: ignore[attr-defined]
    return node


def empty_state(message: str, hint: str | None = None) -> html.Div:
    """An explicit "no data for this" block (never an empty chart or a zero)."""
    children: list[object] = [html.P(message, className="empty-state")]
    if hint:
        children.append(html.P(hint, className="empty-hint"))
    return html.Div(children, className="empty-block")


def chart_section(
    *,
    title: str,
    sentences: list[str],
    explain: str,
    terms: html.Div | None,
    body: list[object],
    source: html.Details | None,
    table: html.Div | html.Table | None,
    locale: str,
    notes: Sequence[object] | None = None,
    sentence_id: str | None = None,
) -> html.Section:
    """One chart as residents read it: title, the generated sentence, a plain explanation, the terms, the chart,
    its source and, collapsed, the same numbers as a table."""
    sentence_props = {"id": sentence_id} if sentence_id else {}
    children: list[object] = [
        html.H2(title),
        html.Div([html.P(s) for s in sentences], className="summary-sentences", **sentence_props),
        html.P(explain, className="explain"),
    ]
    explain_key = text.key_of(explain, locale)
    if explain_key is not None:
        children.append(clarity_feedback(explain_key, locale))
    if terms is not None:
        children.append(terms)
    children += [html.P(n, className="chart-note") for n in dict.fromkeys(notes or []) if n]
    children += body
    if source is not None:
        children.append(source)
    if table is not None:
        children.append(
            html.Details([html.Summary(t("resident.table_summary", locale)), table], className="data-table")
        )
    return html.Section(children, className="section chart-section")


def graph(index: str, figure: object, locale: str, graph_type: str) -> object:
    """A chart of the resident pages (pattern-matching id ``{"type": graph_type, "index": index}``)."""
    from dash import dcc

    from layouts.figures import GRAPH_CONFIG

    height = getattr(getattr(figure, "layout", None), "height", None)
    return dcc.Graph(
        id={"type": graph_type, "index": index},
        figure=figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure,  # plain dict: cheap to cache
        config={**GRAPH_CONFIG, "locale": html_lang(locale), "displayModeBar": False},
        className="graph",
        responsive=True,
        style={"height": f"{height}px"} if height else None,  # responsive width, the figure's own height
    )


def clarity_feedback(key: str, locale: str) -> html.Form:
    """「この説明はわかりましたか？ はい／いいえ」 under an explanation (市民モニター).

    ``key`` is the explanation's catalog key (stable across languages). ``assets/feedback.js`` posts the answer to
    ``/feedback`` and announces the thanks in the polite live region; the texts it shows come from the catalogs
    through ``data-*`` attributes. No ids: a page holds many of these.
    """
    return html.Form(
        [
            html.Fieldset(
                [
                    html.Legend(t("feedback.question", locale)),
                    html.Button(
                        t("feedback.yes", locale),
                        type="button",
                        className="feedback-answer",
                        **{"data-understood": "true", "aria-pressed": "false"},
                    ),
                    html.Button(
                        t("feedback.no", locale),
                        type="button",
                        className="feedback-answer",
                        **{"data-understood": "false", "aria-pressed": "false"},
                    ),
                    html.Div(
                        [
                            html.Label(
                                [
                                    t("feedback.comment_label", locale),
                                    html.Textarea(maxLength=200, rows=2, className="feedback-comment"),
                                ]
                            ),
                            html.Button(t("feedback.send", locale), type="submit", className="feedback-send"),
                        ],
                        className="feedback-more",
                        hidden=True,
                    ),
                ]
            ),
            html.P(className="feedback-status", role="status", **{"aria-live": "polite"}),
        ],
        className="feedback",
        **{
            "data-key": key,
            "data-locale": locale,
            "data-thanks": t("feedback.thanks", locale),
            "data-error": t("feedback.error", locale),
        },
    )
