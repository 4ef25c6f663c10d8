"""Overview page: headline figures of one municipality and fiscal year, in the booklet's plain style."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from finance import figuremodel, formatting, narrative
from finance.overview import OverviewPage, Verdict
from finance.queries import Fact, PerResident
from finance.status import ICONS, Status
from finance.text import html_lang, t
from finance.viewstate import ViewState
from layouts import components, figures, ids, tools
from layouts import indicators as indicators_layout

SOUNDNESS = ("real_deficit_ratio", "consolidated_real_deficit_ratio", "real_debt_service_ratio", "future_burden_ratio")


def layout(locale: str) -> html.Div:
    """The page skeleton; the overview callback fills it."""
    return html.Div(
        dcc.Loading(html.Div(id=ids.OVERVIEW_CONTENT), type="dot"),
        className="page page-overview",
        lang=html_lang(locale),
    )


def data_table(header: list[str], rows: list[list[str]], caption: str | None = None) -> html.Div:
    """A plain accessible table in its scrolling region (the shared builder)."""
    return components.simple_table(header, rows, caption)


def _heading(name: str, year: int, locale: str) -> list[object]:
    label = formatting.fiscal_year_label(year, locale)
    return [
        html.H1(t("overview.heading", locale, name=name, year=label)),
        html.P(t("overview.lede", locale, year=label), className="lede"),
    ]


def _names(indicators: tuple[str, ...], locale: str) -> str:
    return t("common.list_separator", locale).join(t(f"firstscreen.short.{i}", locale) for i in indicators)


def verdict_sentences(verdict: Verdict, values: dict[str, str], locale: str) -> list[str]:
    """The four ratios in words: which line each one reached, or that all are below the early line; then which are
    «—» and which have no data (a missing ratio is never counted as below a line)."""
    if verdict.empty:
        return [t("firstscreen.none", locale)]
    out = [
        t(
            "firstscreen.above",
            locale,
            name=t(f"firstscreen.short.{indicator}", locale),
            line=t(f"firstscreen.line_{line}", locale),
            value=values.get(indicator, ""),
        )
        for indicator, line in verdict.above
    ]
    clear = verdict.clear
    if len(clear) == 4:
        out.append(t("firstscreen.all_clear", locale))
    elif verdict.below:
        out.append(t("firstscreen.some_clear", locale, names=_names(verdict.below, locale)))
    for group in ("no_deficit", "not_computed", "not_rated", "no_data"):
        members: tuple[str, ...] = getattr(verdict, group)
        if members:
            out.append(t(f"firstscreen.{group}", locale, names=_names(members, locale)))
    return out


def _verdict_status(verdict: Verdict) -> Status:
    lines = {line for _, line in verdict.above}
    if "rebuilding" in lines:
        return Status.REBUILDING
    if lines:
        return Status.EARLY
    return Status.NO_DATA if verdict.empty or verdict.no_data else Status.SOUND


def _answer_amount(title_key: str, fact: Fact | None, per: PerResident, locale: str) -> html.Div:
    if fact is None or fact.value is None:
        value: list[object] = [html.Span(t("firstscreen.missing", locale), className="answer-missing")]
    else:
        value = [html.Span(narrative.amount_label(fact, locale), className="answer-amount")]
        if per.yen is not None and per.population is not None:
            value.append(
                html.Span(
                    t("overview.per_resident", locale, amount=formatting.yen(per.yen, locale=locale)),
                    className="answer-per-resident",
                )
            )
    return html.Div([html.Dt(t(title_key, locale)), html.Dd(value)], className="answer-row")


def answer(page: OverviewPage, locale: str) -> html.Section:
    """The first screen: 歳入 and 歳出 with their per-resident values, and the four ratios in one sentence linking
    to the indicators page of the same view."""
    ov = page.overview
    parts: list[object] = []
    amounts = ov if ov.has_settlement else page.latest_amounts
    if amounts is not None:
        if amounts is not ov:  # an earlier year's amounts, said to be so, with a link to that year
            label = formatting.fiscal_year_label(amounts.fiscal_year, locale)
            earlier = ViewState(amounts.municipality_code, amounts.fiscal_year, locale).as_query()
            parts.append(
                html.P(
                    [
                        t("firstscreen.latest_amounts", locale, year=label),
                        " ",
                        dcc.Link(t("firstscreen.latest_link", locale, year=label), href="/" + earlier),
                    ],
                    className="answer-year",
                )
            )
        parts.append(
            html.Dl(
                [
                    _answer_amount("firstscreen.revenue", amounts.revenue, amounts.revenue_per_resident, locale),
                    _answer_amount(
                        "firstscreen.expenditure", amounts.expenditure, amounts.expenditure_per_resident, locale
                    ),
                ],
                className="answer-amounts",
            )
        )
    verdict = page.verdict
    if verdict is not None:
        values = {e.indicator: indicators_layout.value_text(e, locale) for e in page.ratios}
        status = _verdict_status(verdict)
        query = ViewState(ov.municipality_code, ov.fiscal_year, locale).as_query()
        links: list[object] = [dcc.Link(t("firstscreen.details", locale), href="/indicators" + query)]
        if verdict.later_year is not None:
            later = ViewState(ov.municipality_code, verdict.later_year, locale).as_query()
            label = formatting.fiscal_year_label(verdict.later_year, locale)
            links += [" · ", dcc.Link(t("firstscreen.later", locale, year=label), href="/indicators" + later)]
        parts.append(
            html.Div(
                [
                    html.P(
                        [
                            html.Span(ICONS[status], className="status-icon", **{"aria-hidden": "true"}),
                            html.Strong(t("firstscreen.verdict_label", locale), className="verdict-label"),
                            " ",
                            *[
                                html.Span(s + " ", className="verdict-sentence")
                                for s in verdict_sentences(verdict, values, locale)
                            ],
                        ],
                        className=f"verdict status-{status.value}",
                    ),
                    html.P(links, className="verdict-links"),
                ],
                id=ids.OVERVIEW_VERDICT,
            )
        )
    return html.Section(
        parts, id=ids.OVERVIEW_ANSWER, className="first-answer", **{"aria-label": t("firstscreen.label", locale)}
    )


def _no_settlement(
    name: str,
    year: int,
    registered: tuple[str, ...],
    locale: str,
    national_only: bool = False,
    basis: str | None = None,
) -> html.Section:
    label = formatting.fiscal_year_label(year, locale)
    topics = [t(f"registered.{topic}", locale) for topic in registered if topic != "settlement"]
    hint = (
        t(f"firstscreen.basis_{basis}", locale)
        if basis in ("plan", "enterprise")
        else t("overview.no_settlement_hint_national", locale)
        if national_only
        else t("overview.registered_hint", locale, topics=t("common.list_separator", locale).join(topics))
        if topics
        else t("overview.registered_nothing", locale)
    )
    return html.Section(
        [html.P(t("overview.no_settlement", locale, name=name, year=label), className="empty-state"), html.P(hint)],
        className="section",
    )


def _per_resident_lines(value: PerResident, locale: str) -> list[str]:
    if value.yen is None or value.population is None:
        return []
    pop = value.population
    lines = [
        t("overview.per_resident", locale, amount=formatting.yen(value.yen, locale=locale)),
        t(
            "overview.population_note",
            locale,
            population=formatting.group(pop.value, locale),
            basis=t(f"basis.{pop.basis}", locale),
            as_of=pop.as_of,
        ),
    ]
    if value.differs and value.published_yen is not None:
        lines.append(
            t(
                "overview.per_resident_published_differs",
                locale,
                published=formatting.yen(value.published_yen, locale=locale),
            )
        )
    return lines


def _amount_card(title_key: str, fact: Fact | None, details: list[str], locale: str) -> html.Section:
    if fact is None or fact.value is None:
        return components.kpi_card(t(title_key, locale), t("overview.card_missing", locale), [], None, missing=True)
    return components.kpi_card(
        t(title_key, locale),
        narrative.amount_label(fact, locale),
        details,
        components.source_note(fact.source, locale, kind=fact.figure_kind),
    )


def _balance_card(fact: Fact | None, locale: str) -> html.Section:
    if fact is None or fact.value is None:
        return _amount_card("overview.balance_title", None, [], locale)
    word = t("overview.balance_surplus" if fact.value >= 0 else "overview.balance_deficit", locale)
    return _amount_card("overview.balance_title", fact, [word], locale)


def _ratio_cards(page: OverviewPage, locale: str) -> list[html.Section]:
    cards = []
    for evaluation in page.ratios:
        decimals = 2 if "deficit" in evaluation.indicator else 1
        lines = evaluation.rated.lines
        threshold_lines = []
        if lines.early is not None:
            threshold_lines.append(
                t(
                    "overview.threshold_early",
                    locale,
                    value=formatting.percent(lines.early, decimals=decimals, locale=locale),
                )
            )
        threshold_lines.append(
            t(
                "overview.threshold_rebuilding",
                locale,
                value=formatting.percent(lines.rebuilding, decimals=decimals, locale=locale),
            )
            if lines.rebuilding is not None
            else t("overview.threshold_none", locale)
        )
        published = evaluation.published
        source = published.source if published is not None else None
        cards.append(
            components.ratio_card(
                t(f"indicator.{evaluation.indicator}.name", locale),
                t(f"indicator.{evaluation.indicator}.plain", locale),
                indicators_layout.value_text(evaluation, locale),
                evaluation.status,
                threshold_lines,
                components.source_note(source, locale, kind=published.figure_kind) if published else None,
                locale,
            )
        )
    return cards


def _cell(value: object, locale: str) -> str:
    return formatting.thousand_yen_table(None if pd.isna(value) else int(value), locale=locale)  # type: ignore[call-overload]


def _trend(series: pd.DataFrame, locale: str, query: str = "", base: str = "", name: str = "") -> html.Section:
    years = [int(y) for y in series["fiscal_year"]]
    summary = t(
        "overview.trend_summary",
        locale,
        count=len(years),
        first=formatting.fiscal_year_label(years[0], locale),
        last=formatting.fiscal_year_label(years[-1], locale),
    )

    def amount(value: object) -> figuremodel.Cell:
        number = None if pd.isna(value) else int(value)  # type: ignore[call-overload]
        return figuremodel.number(number, _cell(value, locale))

    data = figuremodel.table(
        [
            figuremodel.Column(t("overview.table_year", locale)),
            figuremodel.Column(t("overview.table_revenue", locale), "thousand_yen"),
            figuremodel.Column(t("overview.table_expenditure", locale), "thousand_yen"),
        ],
        [
            [
                figuremodel.text(formatting.fiscal_year_label(int(r.fiscal_year), locale)),
                amount(r.revenue),
                amount(r.expenditure),
            ]
            for r in series.itertuples(index=False)
        ],
    )
    table = components.model_table(data, caption=t("overview.trend_heading", locale))
    return html.Section(
        [
            html.H2(t("overview.trend_heading", locale)),
            html.P(summary, className="chart-summary"),
            dcc.Graph(
                id=ids.OVERVIEW_TREND_GRAPH,
                figure=figures.totals_bar(series, locale=locale).to_plotly_json(),  # plain dict: cheap to cache
                config={**figures.GRAPH_CONFIG, "locale": html_lang(locale)},
                className="graph",
                responsive=True,
            ),
            components.source_note(series["source"].iloc[-1], locale),
            html.Details([html.Summary(t("overview.trend_table", locale)), table], className="data-table"),
            tools.download_links("totals", query, locale),
            tools.embed_snippet("overview-trend", query, base, t("tools.embed_trend_title", locale, name=name), locale),
        ],
        className="section",
    )


def content(page: OverviewPage, name: str, locale: str, base: str = "") -> list[object]:
    """The filled overview page; ``base`` is the site's origin for the <iframe> code."""
    ov = page.overview
    parts: list[object] = _heading(name, ov.fiscal_year, locale)
    parts.insert(1, answer(page, locale))  # the first screen answers: amounts, per resident, the four ratios
    if not ov.has_settlement:
        basis = page.opening.basis if page.opening is not None else None
        parts.append(_no_settlement(name, ov.fiscal_year, page.registered, locale, page.national_only, basis))
    else:
        sentences = [
            s
            for s in (
                narrative.total_sentence(ov, locale),
                narrative.expenditure_change_sentence(
                    ov.expenditure, page.previous_expenditure, ov.fiscal_year, locale
                ),
            )
            if s
        ]
        parts.append(html.Div([html.P(s) for s in sentences], id=ids.OVERVIEW_SENTENCE, className="summary-sentences"))
        parts.append(
            html.Div(
                [
                    _amount_card(
                        "overview.revenue_title",
                        ov.revenue,
                        _per_resident_lines(ov.revenue_per_resident, locale),
                        locale,
                    ),
                    _amount_card(
                        "overview.expenditure_title",
                        ov.expenditure,
                        _per_resident_lines(ov.expenditure_per_resident, locale),
                        locale,
                    ),
                    _balance_card(ov.real_balance, locale),
                    _amount_card("overview.funds_title", ov.fund_balance, [], locale),
                    _amount_card("overview.debt_title", ov.debt_outstanding, [], locale),
                ],
                className="card-grid",
            )
        )
    ratio_cards = _ratio_cards(page, locale)
    if ratio_cards:
        parts.append(
            html.Section(
                [
                    html.H2(t("overview.ratios_heading", locale)),
                    html.P(t("overview.ratios_lede", locale)),
                    html.Div(ratio_cards, className="card-grid"),
                ],
                className="section",
            )
        )
    query = ViewState(ov.municipality_code, ov.fiscal_year, locale).as_query()
    if not page.series.empty:
        parts.append(_trend(page.series, locale, query, base, name))
    parts.append(tools.handout_links(query, locale))
    return parts
