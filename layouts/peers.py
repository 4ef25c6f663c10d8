"""The peer block of the indicators page: a body's value against its groups, as distributions (no ranks)."""

from __future__ import annotations

from dash import html

from finance import formatting
from finance import terms as names
from finance.crosscheck import Check
from finance.peers import Distribution, PeerView, PublishedMean
from finance.text import is_japanese, t
from layouts import distribution, terms

INDEX_DECIMALS = {"fiscal_capability_index": 2, "laspeyres_index": 1}


def _number(indicator: str, value: float | None, locale: str) -> str:
    if value is None:
        return t("common.no_data", locale)
    if indicator in INDEX_DECIMALS:
        return f"{value:,.{INDEX_DECIMALS[indicator]}f}"
    return formatting.percent(value, decimals=1, mode="round", locale=locale)


def group_label(d: Distribution, locale: str) -> str:
    """「北海道の市区町村」「全国の市町村（人口5,000〜9,999人）」「全国の指定都市」…"""
    if d.group == "prefecture":
        return t("peers.group.prefecture", locale, prefecture=names.prefecture_name(d.prefecture_ja, locale))
    if d.group == "all":
        return t("peers.group.all_prefectures" if d.kind == "都道府県" else "peers.group.all", locale)
    if d.kind != "市町村":
        return t(
            f"peers.group.kind_{ {'指定都市': 'designated', '特別区': 'ward', '都道府県': 'prefecture'}[d.kind] }",
            locale,
        )
    low, high = d.band
    if high is None:
        return t("peers.group.band_open", locale, low=f"{low or 0:,}")
    return t("peers.group.band", locale, low=f"{low or 0:,}", high=f"{high - 1:,}")


def _mean_label(m: PublishedMean, locale: str) -> str:
    return t(f"peers.mean.{m.group}", locale, prefecture=names.prefecture_name(m.prefecture_ja, locale))


def view_block(view: PeerView, name: str, locale: str) -> html.Section:
    """One indicator: the body's value, a table of its groups' distributions and the published averages."""
    indicator = view.indicator
    mine = _number(indicator, view.value, locale) if view.status == "ok" else t("peers.not_calculated", locale)
    header = html.Tr(
        [
            html.Th(t(f"peers.col.{c}", locale), scope="col")
            for c in ("group", "count", "min", "q1", "median", "q3", "max", "nc")
        ]
    )
    rows = [
        html.Tr(
            [
                html.Th(group_label(d, locale), scope="row"),
                html.Td(f"{d.count:,}"),
                *[html.Td(_number(indicator, v, locale)) for v in (d.minimum, d.q1, d.median, d.q3, d.maximum)],
                html.Td(f"{d.not_calculated:,}"),
            ]
        )
        for d in view.distributions
    ]
    body: list[object] = [
        html.H3(t(f"indicator.{indicator}.name", locale)),
        html.P(t("peers.value", locale, name=name, value=mine), className="peer-value"),
        *_plot(view, name, mine, locale),
        html.Div(
            html.Table(
                [
                    html.Caption(t("peers.caption", locale, indicator=t(f"indicator.{indicator}.name", locale))),
                    html.Thead(header),
                    html.Tbody(rows),
                ],
                className="data-table peer-table",
            ),
            className="table-scroll",
            role="region",
            tabIndex="0",
            **{"aria-label": t("peers.caption", locale, indicator=t(f"indicator.{indicator}.name", locale))},
        ),
    ]
    if view.means:
        body.append(
            html.Ul(
                [
                    html.Li(
                        t(
                            "peers.mean_line",
                            locale,
                            label=_mean_label(m, locale),
                            value=m.published_text if m.value is not None else "—",
                        )
                    )
                    for m in view.means
                ],
                className="peer-means",
            )
        )
    return html.Section(body, className="peer-block", **{"data-indicator": indicator})


def _plot(view: PeerView, name: str, mine: str, locale: str) -> list[object]:
    """The distributions as a static box plot with the body's value marked, and the key to its shapes."""
    if not view.distributions:
        return []
    rows = [
        distribution.Row(group_label(d, locale), d.minimum, d.q1, d.median, d.q3, d.maximum) for d in view.distributions
    ]
    value = view.value if view.status == "ok" else None
    label = t("peers_plot.marker", locale, name=name, value=mine)
    picture = distribution.svg(rows, value, label, lambda v: _number(view.indicator, v, locale))
    summary = "; ".join(
        t("peers_plot.group_alt", locale, group=r.label, median=_number(view.indicator, r.median, locale)) for r in rows
    )
    alt = t("peers_plot.alt", locale, name=name, value=mine, groups=summary)
    return [
        html.Figure(
            [
                html.Img(src=distribution.data_uri(picture), alt=alt, className="peer-plot"),
                html.Figcaption(t("peers_plot.key", locale), className="peer-key"),
            ],
            className="peer-figure",
        )
    ]


def section(views: tuple[PeerView, ...], name: str, locale: str) -> html.Div | None:
    """The whole peer block, or ``None`` when the national tables give the body nothing for the year."""
    if not views:
        return None
    first = views[0]
    basis = (
        t("peers.population", locale, population=f"{first.population:,}", as_of=first.population_as_of)
        if first.population is not None
        else t("peers.population_none", locale)
    )
    return html.Div(
        [
            html.H2(t("peers.heading", locale), id="peers"),
            html.P(t("peers.lede", locale)),
            html.P(basis, className="peer-basis"),
            *[view_block(v, name, locale) for v in views],
            html.P(t("peers.source", locale), className="source-note"),
        ],
        className="section peer-section",
    )


def _printed(text: str, locale: str) -> object:
    """A value as the (Japanese) document prints it (「12.3％」): marked as Japanese on an English page."""
    return text if is_japanese(locale) or not terms.has_japanese(text) else terms.ja_term(text)


def _source_text(check: Check, which: str, locale: str) -> str:
    source = check.document if which == "document" else check.national
    title = source.title_ja if locale == "ja" else source.title_en
    place = f"{source.table}、{source.lines}" if locale == "ja" else f"{source.table}, {source.lines}"
    return f"{source.publisher_ja}「{title}」{place}"


def checks_section(checks: tuple[Check, ...], locale: str) -> html.Div:
    """The seed documents' figures beside the national tables' for the same year: agreements and differences."""
    differ = [c for c in checks if not c.agree]
    header = html.Tr(
        [
            html.Th(t(f"crosscheck.col.{c}", locale), scope="col")
            for c in ("year", "subject", "document", "national", "result")
        ]
    )
    rows = []
    for check in checks:
        subject = (
            t("crosscheck.population", locale)
            if check.subject == "population"
            else t(f"indicator.{check.subject}.name", locale)
        )
        kind = (
            ""
            if check.figure_kind == "決算"
            else t("terms.in_brackets", locale, text=t(f"kind.{check.figure_kind}", locale))
        )
        rows.append(
            html.Tr(
                [
                    html.Th(formatting.fiscal_year_label(check.fiscal_year, locale), scope="row"),
                    html.Td(subject),
                    html.Td(
                        [
                            _printed(check.document_text, locale),
                            kind,
                            html.Br(),
                            html.Small(_source_text(check, "document", locale), className="source-note"),
                        ]
                    ),
                    html.Td(
                        [
                            check.national_text,
                            html.Br(),
                            html.Small(_source_text(check, "national", locale), className="source-note"),
                        ]
                    ),
                    html.Td(t("crosscheck.agree" if check.agree else "crosscheck.differ", locale)),
                ],
                className="" if check.agree else "crosscheck-differ",
            )
        )
    return html.Div(
        [
            html.H2(t("crosscheck.heading", locale), id="crosscheck"),
            html.P(t("crosscheck.lede", locale, total=f"{len(checks):,}", differ=f"{len(differ):,}")),
            html.Div(
                html.Table([html.Thead(header), html.Tbody(rows)], className="data-table crosscheck-table"),
                className="table-scroll",
                role="region",
                tabIndex="0",
                **{"aria-label": t("crosscheck.heading", locale)},
            ),
        ],
        className="section crosscheck-section",
    )
