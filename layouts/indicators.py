"""Indicators page: the soundness ratios against their legal lines, how each is calculated, and why it moved."""

from __future__ import annotations

from decimal import Decimal

from dash import dcc, html

from finance import figuremodel, formatting
from finance.components import PUBLISHED_AS_MEAN
from finance.indicators import LEGAL_BASIS, SOUNDNESS, Evaluation, IndicatorsPage, Part, Section, TrendPoint
from finance.status import Status
from finance.text import html_lang, is_japanese, t
from finance.viewstate import ViewState
from layouts import components, figures, ids, terms, tools
from layouts import peers as peers_layout

PAGE_DECIMALS = {"real_deficit_ratio": 2, "consolidated_real_deficit_ratio": 2, "fiscal_capability_index": 3}


def layout(locale: str) -> html.Div:
    """The page skeleton; the indicators callback fills it."""
    return html.Div(
        dcc.Loading(html.Div(id=ids.INDICATORS_CONTENT), type="dot"),
        className="page page-indicators",
        lang=html_lang(locale),
    )


INDEX_INDICATORS = frozenset(("fiscal_capability_index", "laspeyres_index", "laspeyres_index_reference"))
"""Indices, not percentages: shown as numbers at their printed precision (財政力指数 0.48, 0.481 or 0.36251)."""


def _index_text(value: float, decimals: int | None) -> str:
    if decimals is None:
        return str(Decimal(str(value)))  # a float stored at its printed precision
    return f"{value:,.{decimals}f}"


def _decimals(indicator: str) -> int:
    return PAGE_DECIMALS.get(indicator, 1)


def _pct(value: float | Decimal | None, indicator: str, locale: str) -> str:
    return formatting.percent(value, decimals=_decimals(indicator), mode="truncate", locale=locale)


def _printed_decimals(evaluation: Evaluation) -> int:
    published = evaluation.published
    if published is not None and published.decimals is not None:
        return published.decimals  # the precision the document printed (6.99 stays 6.99)
    return _decimals(evaluation.indicator)


def _published_text(evaluation: Evaluation, locale: str) -> str:
    published = evaluation.published
    if published is None:
        return t("indicators.no_value", locale)
    if evaluation.indicator in INDEX_INDICATORS and published.value is not None:
        return _index_text(published.value, published.decimals)
    decimals = _printed_decimals(evaluation)
    if published.status == "ok" and published.value is not None:
        return formatting.percent(published.value, decimals=decimals, mode="round", locale=locale)
    return formatting.published_ratio(published.value, published.status, published.surplus_value, decimals, locale)


def _computed_text(evaluation: Evaluation, locale: str) -> str:
    """A value computed from the components under the legal rule, labelled 計算値."""
    computed = evaluation.computed
    assert computed is not None
    decimals = _decimals(evaluation.indicator)
    if computed.value is not None:
        value = formatting.percent(
            computed.value, decimals=decimals, mode="truncate" if _truncated(evaluation) else "round", locale=locale
        )
    else:
        surplus = (
            None
            if computed.surplus is None
            else float(formatting.decimal_places(computed.surplus, decimals, "truncate"))
        )
        value = formatting.published_ratio(
            None, "no_deficit" if surplus is not None else "non_positive", surplus, decimals, locale
        )
    return t("indicators.computed_value", locale, value=value)


def _truncated(evaluation: Evaluation) -> bool:
    return evaluation.indicator != "real_debt_service_ratio_single"


def _value_text(section: Section, locale: str) -> str:
    return value_text(section.evaluation, locale)


def value_text(evaluation: Evaluation, locale: str) -> str:
    """The value of an evaluation as shown: the published value as printed, else the 計算値 (labelled)."""
    published = evaluation.published
    if published is None:
        return _computed_text(evaluation, locale) if evaluation.is_computed else t("indicators.no_value", locale)
    if evaluation.indicator in INDEX_INDICATORS and published.value is not None:
        return _index_text(published.value, published.decimals)
    return _published_text(evaluation, locale)


def _distance_text(section: Section, locale: str) -> str | None:
    distance = section.evaluation.distance
    if distance is None:
        return None
    params = {
        "line_name": t(f"line.{distance.level}", locale),
        "line": _pct(distance.line, section.evaluation.indicator, locale),
        "points": formatting.decimal_places(abs(distance.points), _decimals(section.evaluation.indicator), "round"),
    }
    key = "distance.below" if distance.points > 0 else ("distance.at" if distance.points == 0 else "distance.above")
    return t(key, locale, **params)


def _threshold_lines(section: Section, locale: str) -> list[tuple[str, float, str]]:
    rated = section.evaluation.rated
    out = []
    if rated.lines.caution is not None:
        label = f"{t('line.caution', locale)} {_pct(rated.lines.caution, section.evaluation.indicator, locale)}"
        out.append(("caution", rated.lines.caution, label))
    if rated.lines.early is not None:
        level = "management" if rated.management else "early"
        label = f"{t(f'line.{level}', locale)} {_pct(rated.lines.early, section.evaluation.indicator, locale)}"
        if rated.early_basis == "estimate":
            label += t("indicators.estimate_line", locale)
        out.append((level, rated.lines.early, label))
    if rated.lines.rebuilding is not None:
        label = f"{t('line.rebuilding', locale)} {_pct(rated.lines.rebuilding, section.evaluation.indicator, locale)}"
        out.append(("rebuilding", rated.lines.rebuilding, label))
    return out


def _part_label(part: Part, locale: str) -> str | list[object]:
    """A line of the calculation table: the official name, the printed heading where it differs, and its depth.

    In English: the English name of a canonical component or account; a document's own sub-item (no English
    name) as printed, marked Japanese, with a generic description.
    """
    if not is_japanese(locale):
        indent = "\u00a0\u00a0" * part.depth
        if part.label_en:
            return indent + part.label_en
        return [
            indent,
            *terms.as_list(terms.ja_label(part.label_ja.strip("　"), t("terms.printed_item", locale), locale)),
        ]
    indent = "　" * part.depth
    if part.depth == 0:
        label = part.label_ja
        return indent + label
    code = part.component
    printed = (
        part.label_ja if (code.isascii() and code.islower()) or code in part.label_ja else f"{code} {part.label_ja}"
    )
    return indent + printed


def _plain(label: str | list[object], fallback: str) -> str:
    """A label as text for the data (a marked-up label falls back to the plain name)."""
    return label if isinstance(label, str) else fallback


def _part_note(part: Part, locale: str) -> str:
    if part.borrowed:
        return t("indicators.part_borrowed", locale)
    if part.summed:
        return t("indicators.part_summed", locale)
    if part.role in ("check", "numerator", "denominator"):
        return t("indicators.part_printed_check", locale)
    return ""


def _chart_label(part: Part, locale: str) -> str:
    if is_japanese(locale):
        return part.label_ja
    return part.label_en or t("terms.printed_item_code", locale, code=part.component)


def _parts_chart(parts: list[Part], indicator: str, locale: str) -> tuple[str, list[tuple[str, int]]]:
    """Numerator terms with their signs (deductions negative); for a one-term numerator, the printed parts of it."""
    numerator = [p for p in parts if p.depth == 0 and p.sign != 0 and p.role in ("input", "composite")]
    if len(numerator) >= 2:
        return "indicators.parts_chart_title", [(_chart_label(p, locale), p.sign * p.amount) for p in numerator]
    if len(numerator) == 1:
        term = numerator[0]
        children = [p for p in parts if p.depth == 1 and p.canonical == term.canonical]
        if children:
            return "indicators.parts_chart_balances", [(_chart_label(p, locale), p.amount) for p in children]
    return "", []


def _rule_text(rule: str, decimals: int, locale: str) -> str:
    return t(f"indicators.rule_{rule}", locale, digit=decimals + 1, decimals=decimals)


def _computation(evaluation: Evaluation, section: Section, locale: str) -> list[object]:
    """Sentences computing a value from its components and comparing it with the published one (if any)."""
    computed, comparison, published = evaluation.computed, evaluation.comparison, evaluation.published
    if computed is None:
        return []
    if published is None:
        return _computed_only(evaluation, locale)
    if comparison is None:
        return []
    body: list[object] = []
    rule = _rule_text(comparison.rule, comparison.decimals, locale)
    shown = _published_text(evaluation, locale)
    if computed.value is not None and computed.numerator is not None and computed.denominator is not None:
        body.append(
            html.P(
                t(
                    "indicators.how_computed",
                    locale,
                    numerator=formatting.yen_oku_man(computed.numerator, mode="round", locale=locale),
                    denominator=formatting.yen_oku_man(computed.denominator, mode="round", locale=locale),
                    exact=formatting.decimal_places(computed.value, 3, "round"),
                    published=shown,
                    rule=rule,
                )
            )
        )
    elif computed.value is not None:
        body.append(
            html.P(
                t(
                    "indicators.how_computed_mean",
                    locale,
                    exact=formatting.decimal_places(computed.value, 3, "round"),
                    published=shown,
                    rule=rule,
                )
            )
        )
    elif computed.surplus is not None and computed.numerator is not None and computed.denominator is not None:
        body.append(
            html.P(
                t(
                    "indicators.how_surplus",
                    locale,
                    surplus_amount=formatting.yen_oku_man(-computed.numerator, mode="round", locale=locale),
                    denominator=formatting.yen_oku_man(computed.denominator, mode="round", locale=locale),
                    exact=formatting.decimal_places(computed.surplus, 3, "round"),
                    published=shown,
                )
            )
        )
    if evaluation.flagged:
        body.append(html.P(t("indicators.how_flag", locale), className="flag"))
        for note_ja, note_en in evaluation.notes:
            note = note_ja if locale == "ja" else note_en
            body.append(html.P(t("indicators.discrepancy_note", locale, note=note), className="flag"))
    return body


def _computed_only(evaluation: Evaluation, locale: str) -> list[object]:
    computed = evaluation.computed
    assert computed is not None
    decimals = _decimals(evaluation.indicator)
    rule = _rule_text("truncate" if _truncated(evaluation) else "round", decimals, locale)
    body: list[object] = [html.P(t("indicators.computed_note", locale), className="computed-note")]
    if computed.value is None and computed.surplus is not None and computed.numerator is not None:
        body.append(
            html.P(
                t(
                    "indicators.how_surplus_only",
                    locale,
                    surplus_amount=formatting.yen_oku_man(-computed.numerator, mode="round", locale=locale),
                    denominator=formatting.yen_oku_man(computed.denominator, mode="round", locale=locale),
                    exact=formatting.decimal_places(computed.surplus, 3, "round"),
                )
            )
        )
        return body
    if computed.value is None and computed.numerator is not None:
        body.append(
            html.P(
                t(
                    "indicators.how_not_computed_only",
                    locale,
                    numerator=formatting.yen_oku_man(computed.numerator, mode="round", locale=locale),
                )
            )
        )
        return body
    if computed.value is None:
        return body
    legal = formatting.percent(
        computed.value, decimals=decimals, mode="truncate" if _truncated(evaluation) else "round", locale=locale
    )
    if computed.singles:
        singles = "、".join(str(formatting.decimal_places(v, 3, "round")) + "%" for v in computed.singles)
        body.append(
            html.P(
                t(
                    "indicators.how_computed_mean_only",
                    locale,
                    singles=singles if locale == "ja" else singles.replace("、", ", "),
                    exact=formatting.decimal_places(computed.value, 3, "round"),
                    rule=rule,
                    legal=legal,
                )
            )
        )
    elif computed.numerator is not None and computed.denominator is not None:
        body.append(
            html.P(
                t(
                    "indicators.how_computed_only",
                    locale,
                    numerator=formatting.yen_oku_man(computed.numerator, mode="round", locale=locale),
                    denominator=formatting.yen_oku_man(computed.denominator, mode="round", locale=locale),
                    exact=formatting.decimal_places(computed.value, 3, "round"),
                    rule=rule,
                    legal=legal,
                )
            )
        )
    return body


def _how(section: Section, locale: str) -> html.Details:
    evaluation = section.evaluation
    indicator = evaluation.indicator
    body: list[object] = [
        html.P([html.Strong(t("indicators.how_formula", locale) + ": "), t(f"indicator.{indicator}.formula", locale)])
    ]
    body += _computation(evaluation, section, locale)
    if not evaluation.flagged:  # a difference recorded in discrepancies.csv without components to recompute here
        for note_ja, note_en in evaluation.notes:
            note = note_ja if locale == "ja" else note_en
            body.append(html.P(t("indicators.discrepancy_note", locale, note=note), className="flag"))
    if section.single is not None and section.single.computed is not None:
        body.append(html.P(t("indicators.single_year_intro", locale), className="single-intro"))
        body += _computation(section.single, section, locale)
    if section.parts:
        title, chart = _parts_chart(section.parts, indicator, locale)
        if chart:
            body.append(html.H4(t(title, locale)))
            body.append(
                dcc.Graph(
                    id={"type": ids.INDICATORS_BREAKDOWN_GRAPH, "index": indicator},
                    figure=figures.parts_bar(chart, locale=locale).to_plotly_json(),
                    config={**figures.GRAPH_CONFIG, "locale": html_lang(locale)},
                    className="graph",
                )
            )
        data = figuremodel.table(
            [
                figuremodel.Column(t("indicators.parts_table_item", locale)),
                figuremodel.Column(t("indicators.parts_table_amount", locale), "thousand_yen"),
                figuremodel.Column(t("indicators.parts_table_note", locale)),
            ],
            [
                [
                    figuremodel.text(_plain(_part_label(p, locale), p.label_en or p.label_ja)),
                    figuremodel.number(p.amount, formatting.thousand_yen_table(p.amount, locale=locale)),
                    figuremodel.text(_part_note(p, locale)),
                ]
                for p in section.parts
            ],
        )
        caption = t(f"indicator.{section.evaluation.indicator}.name", locale)
        labels = [_part_label(p, locale) for p in section.parts]
        body.append(components.model_table(data, caption=caption, labels=labels))
    return html.Details([html.Summary(t("indicators.how_title", locale)), *body], className="details")


def _shown(points: list[TrendPoint], year: int) -> Decimal | None:
    """The published value of a year (not a 計算値), as printed."""
    for point in points:
        if point.year == year and point.value is not None and not point.computed:
            return Decimal(str(point.value))
    return None


def _why(section: Section, year: int, indicator: str, locale: str) -> html.P | None:
    """Why the single-year ratio moved, in points that add up exactly to the change shown.

    The values shown are the published ones where printed (else the computation rounded to 0.1); the numerator and
    denominator effects are rounded to 0.1, and what rounding leaves over is stated, so the parts always add up.
    """
    drivers = section.drivers
    if drivers is None:
        return None
    printed = section.singles if indicator == "real_debt_service_ratio" else section.trend
    before = _shown(printed, year - 1)
    after = _shown(printed, year)
    before = before if before is not None else formatting.decimal_places(drivers.before, 1, "round")
    after = after if after is not None else formatting.decimal_places(drivers.after, 1, "round")
    total = after - before
    num = formatting.decimal_places(drivers.numerator_effect, 1, "round")
    den = formatting.decimal_places(drivers.denominator_effect, 1, "round")
    remainder = total - num - den
    change = (
        t("indicators.why_same", locale)
        if total == 0
        else t("indicators.why_up" if total > 0 else "indicators.why_down", locale, points=abs(total))
    )
    numerator_part = t(
        "indicators.why_numerator_down" if num < 0 else "indicators.why_numerator_up", locale, points=abs(num)
    )
    denominator_part = (
        t("indicators.why_denominator_none", locale)
        if den == 0
        else t(
            "indicators.why_denominator_down" if den < 0 else "indicators.why_denominator_up", locale, points=abs(den)
        )
    )
    if remainder != 0:
        denominator_part += t("indicators.why_remainder", locale, points=remainder)
    single = "real_debt_service_ratio_single" if indicator == "real_debt_service_ratio" else indicator
    name = t(f"indicator.{single}.name", locale).replace("（単年度）", "")
    return html.P(
        t(
            "indicators.why_sentence",
            locale,
            name=name,
            year_before=formatting.fiscal_year_label(year - 1, locale),
            year_after=formatting.fiscal_year_label(year, locale),
            before=before,
            after=after,
            change=change,
            numerator_part=numerator_part,
            denominator_part=denominator_part,
        ),
        className="why",
    )


def _point_text(point: TrendPoint, indicator: str, decimals: int, locale: str) -> str:
    if indicator in INDEX_INDICATORS and point.value is not None:
        text = _index_text(point.value, None)
    else:
        text = formatting.published_ratio(point.value, point.status, None, decimals, locale)
    return t("indicators.computed_value", locale, value=text) if point.computed else text


def _trend(section: Section, locale: str, guide: tuple[float, float, str] | None = None) -> list[object]:
    indicator = section.evaluation.indicator
    decimals = _decimals(indicator)
    data = figuremodel.table(
        [
            figuremodel.Column(t("indicators.table_year", locale)),
            figuremodel.Column(
                t("indicators.table_value", locale), "index" if indicator in INDEX_INDICATORS else "percent"
            ),
            figuremodel.Column(t("indicators.table_kind", locale)),
        ],
        [
            [
                figuremodel.text(formatting.fiscal_year_label(p.year, locale)),
                figuremodel.number(p.value, _point_text(p, indicator, decimals, locale)),
                figuremodel.text(
                    t(f"kind.{p.figure_kind}", locale)
                    + (t("terms.in_brackets", locale, text=p.scenario) if p.scenario else "")
                ),
            ]
            for p in section.trend
        ],
    )
    table = html.Details(
        [
            html.Summary(t("indicators.trend_table", locale)),
            components.model_table(data, caption=t(f"indicator.{indicator}.name", locale)),
        ],
        className="data-table",
    )
    if not section.has_numbers:  # only «—»: a table says it better than an empty chart
        return [table]
    secondary = None
    if section.singles:
        secondary = (
            t("indicator.real_debt_service_ratio_single.name", locale),
            [(p.year, p.value, p.figure_kind) for p in section.singles],
        )
    figure = figures.indicator_trend(
        [(p.year, p.value, p.figure_kind) for p in section.trend],
        _threshold_lines(section, locale),
        locale=locale,
        decimals=decimals,
        guide_band=guide,
        secondary=secondary,
        unit=t("figuredata.unit.index", locale) if indicator in INDEX_INDICATORS else "%",
    )
    return [
        html.P(t("indicators.trend_summary", locale, count=len(section.trend)), className="chart-summary"),
        dcc.Graph(
            id={"type": ids.INDICATORS_TREND_GRAPH, "index": f"{indicator}-{section.account}"},
            figure=figure.to_plotly_json(),  # a plain dict is cheap to cache and to send
            config={**figures.GRAPH_CONFIG, "locale": html_lang(locale)},
            className="graph",
        ),
        table,
    ]


def _enterprise_table(sections: list[Section], names: dict[str, str], locale: str) -> html.Div:
    rows = []
    for section in sections:
        published = section.evaluation.published
        value = _value_text(section, locale) if published is not None else t("indicators.no_value", locale)
        rows.append(
            [names.get(section.account, section.account), value, t(f"status.{section.evaluation.status.value}", locale)]
        )
    return components.simple_table(
        [
            t("indicators.enterprise_account", locale),
            t("indicators.value_label", locale),
            t("indicators.status", locale),
        ],
        rows,
        caption=t("indicators.enterprise_heading", locale),
    )


def _consequence_key(evaluation: Evaluation) -> str:
    """What the status means; an indicator without a line in the law, or a year before the law, says so."""
    law = LEGAL_BASIS.get(evaluation.indicator, "").startswith("財政健全化法")
    if evaluation.indicator == "funding_shortfall_ratio" and evaluation.year < FIRST_LAW_YEAR:
        return "consequence.before_law"
    if evaluation.status is Status.NOT_RATED and not law:
        return "consequence.no_legal_line"
    return f"consequence.{evaluation.status.value}"


FIRST_LAW_YEAR = 2008  # 財政健全化法: the lines bind from the FY2008 settlement (平成20年度決算)


def _section(
    section: Section,
    locale: str,
    *,
    heading_suffix: str = "",
    guide: tuple[float, float, str] | None = None,
    with_how: bool = True,
    extra: list[object] | None = None,
) -> html.Section:
    evaluation = section.evaluation
    indicator = evaluation.indicator
    published = evaluation.published
    children: list[object] = [
        html.H2(
            [
                html.Span(t(f"indicator.{indicator}.plain", locale) + heading_suffix, className="ratio-plain"),
                html.Span(t(f"indicator.{indicator}.name", locale), className="ratio-official"),
            ]
        ),
        html.P(
            [
                html.Span(t("indicators.value_label", locale) + " ", className="value-label"),
                html.Strong(_value_text(section, locale), className="card-value")
                if published is not None
                else html.Span(_value_text(section, locale)),
                *(
                    [html.Span(t("mean_label.years", locale, n=PUBLISHED_AS_MEAN[indicator]), className="value-note")]
                    if indicator in PUBLISHED_AS_MEAN and published is not None
                    else []
                ),
            ]
        ),
    ]
    lines = _threshold_lines(section, locale)
    if lines:
        children.append(html.Ul([html.Li(label) for _, _, label in lines], className="threshold-list"))
    if evaluation.status is not Status.NO_DATA or published is not None:
        children.append(components.status_badge(evaluation.status, locale))
        children.append(html.P(t(_consequence_key(evaluation), locale), className="consequence"))
    distance = _distance_text(section, locale)
    if distance:
        children.append(html.P(distance, className="distance"))
    why = _why(section, evaluation.year, indicator, locale)
    if why is not None:
        children.append(html.Div([html.H3(t("indicators.why_title", locale)), why]))
    if section.trend:
        children += _trend(section, locale, guide)
    if with_how:
        children.append(_how(section, locale))
    children.append(
        html.Details(
            [
                html.Summary(t("indicators.explain_easy", locale) + " / " + t("indicators.explain_official", locale)),
                html.P(t(f"indicator.{indicator}.easy", locale)),
                html.P(
                    [
                        html.Strong(t("indicators.explain_official", locale) + ": "),
                        t(f"indicator.{indicator}.official", locale),
                    ]
                ),
                components.clarity_feedback(f"indicator.{indicator}.easy", locale),
            ],
            className="details",
        )
    )
    source = published.source if published is not None else (section.trend[-1].source if section.trend else None)
    if source is not None:
        children.append(components.source_note(source, locale, kind=published.figure_kind if published else "決算"))
    children += extra or []
    return html.Section(children, className="section indicator-section card")


def _tools(section: Section, query: str, base: str, name: str, locale: str) -> list[object]:
    """Download links of the indicator's series and, for the soundness ratios, the <iframe> code."""
    indicator = section.evaluation.indicator
    out: list[object] = [
        tools.download_links(f"indicator-{indicator}", query, locale, index=f"{indicator}-{section.account}")
    ]
    if indicator in SOUNDNESS and section.account == "general_etc":
        title = t("tools.embed_indicator_title", locale, name=name, indicator=t(f"indicator.{indicator}.name", locale))
        out.append(tools.embed_snippet(f"indicator-{indicator}", query, base, title, locale))
    return out


def content(
    page: IndicatorsPage, name: str, enterprise_names: dict[str, str], locale: str, base: str = ""
) -> list[object]:
    """The filled indicators page; ``base`` is the site's origin for the <iframe> codes."""
    query = ViewState(page.municipality_code, page.year, locale).as_query()
    year_label = formatting.fiscal_year_label(page.year, locale)
    parts: list[object] = [
        html.H1(t("indicators.heading", locale, name=name, year=year_label)),
        html.P(t("indicators.lede", locale), className="lede"),
    ]
    if page.empty:
        parts.append(html.P(t("indicators.no_data_page", locale, name=name), className="empty-state"))
        return parts
    if page.peers:
        parts.append(html.P(t("indicators.national_scope", locale), className="national-scope"))
    parts += [
        _section(s, locale, extra=_tools(s, query, base, name, locale))
        for s in page.soundness
        if s.trend or s.evaluation.published
    ]
    missing = [s.evaluation.indicator for s in page.soundness if not (s.trend or s.evaluation.published)]
    if missing and page.peers:
        names = t("terms.and_separator", locale).join(t(f"indicator.{i}.name", locale) for i in missing)
        parts.append(html.P(t("indicators.national_not_published", locale, names=names), className="empty-state"))
    enterprise: list[object] = [
        html.H2(t("indicators.enterprise_heading", locale)),
        html.P(t("indicators.enterprise_lede", locale)),
    ]
    if not page.enterprises:
        enterprise.append(html.P(t("indicators.enterprise_none", locale), className="empty-state"))
    if page.enterprises:
        enterprise.append(_enterprise_table(page.enterprises, enterprise_names, locale))
    for section in (s for s in page.enterprises if s.has_numbers):
        suffix = t("terms.name_suffix", locale, name=enterprise_names.get(section.account, section.account))
        if section.evaluation.published is None and section.trend:
            latest = section.trend[-1]
            enterprise.append(
                html.P(
                    t(
                        "indicators.enterprise_year_missing",
                        locale,
                        year=year_label,
                        latest_year=formatting.fiscal_year_label(latest.year, locale),
                        latest=formatting.published_ratio(latest.value, latest.status, None, 1, locale),
                    ),
                    className="empty-state",
                )
            )
        enterprise.append(
            _section(
                section,
                locale,
                heading_suffix=suffix,
                with_how=False,
                extra=_tools(section, query, base, name, locale),
            )
        )
    parts.append(html.Div(enterprise, className="section"))
    if page.others:
        others: list[object] = [html.H2(t("indicators.other_heading", locale))]
        for section in page.others:
            guide = None
            if section.evaluation.indicator == "ordinary_balance_ratio":
                guide = (70.0, 80.0, t("line.guide", locale))
                others.append(html.P(t("indicators.guideline_note", locale)))
            others.append(
                _section(section, locale, guide=guide, with_how=False, extra=_tools(section, query, base, name, locale))
            )
        parts.append(html.Div(others, className="section"))
    peer_block = peers_layout.section(page.peers, name, locale)
    if peer_block is not None:
        parts.append(peer_block)
    if page.checks:
        parts.append(peers_layout.checks_section(page.checks, locale))
    return parts
