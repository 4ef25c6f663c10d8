"""Debt page (地方債、「市の借金」): outstanding debt by account, the 交付税措置 part, repayments over the years."""

from __future__ import annotations

import pandas as pd
from dash import html

from finance import calc, explain, figuremodel, formatting
from finance.text import t
from finance.topics.debt import DebtPage
from layouts import components, figures, ids
from layouts import resident as r


def layout(locale: str) -> html.Div:
    """The page skeleton; the debt callback fills it."""
    return r.skeleton("debt", ids.DEBT_CONTENT, locale)


def _coverage_section(page: DebtPage, mode: str, locale: str) -> html.Section | None:
    cov = page.coverage
    if cov is None:
        return None
    approx = "approx" if cov.approximate else "exact"
    rows = [
        (t("resident.debt.covered", locale), cov.covered.value, cov.covered.rounding, "dependent"),
        (t("resident.debt.burden", locale), cov.burden, approx, "own_source"),
    ]
    pop = cov.population.value if cov.population else None
    values: list[float | None] = []
    texts = []
    for _, value, rounding, _ in rows:
        if mode == "per_resident":
            yen = calc.per_resident_yen(value, pop)
            values.append(yen)
            texts.append(explain.per_resident_text(yen, rounding, locale))
        elif mode == "share":
            share = None if not cov.outstanding.value or value is None else value * 100 / cov.outstanding.value
            values.append(share)
            texts.append(explain.share_text(share, locale))
        else:
            values.append(None if value is None else value / 100_000)
            texts.append(explain.amount_text(value, rounding, locale))
    frame = pd.DataFrame(
        {
            "label": [label for label, *_ in rows],
            "value": values,
            "text": texts,
            "group": [g for *_, g in rows],
            "kind": [cov.covered.figure_kind] * 2,
        }
    )
    _, axis = r.unit([cov.outstanding.value], mode, locale)
    if mode == "total":
        axis = t("resident.unit.oku", locale)
    outstanding_yen = calc.per_resident_yen(cov.outstanding.value, pop)
    data = figuremodel.table(
        [
            figuremodel.Column(t("resident.table.item", locale)),
            figuremodel.Column(t("resident.table.amount", locale), "thousand_yen"),
            figuremodel.Column(t("resident.table.per_resident", locale), "yen"),
        ],
        [
            [
                figuremodel.text(t("resident.debt.outstanding_ordinary", locale)),
                figuremodel.number(
                    cov.outstanding.value, formatting.thousand_yen_table(cov.outstanding.value, locale=locale)
                ),
                figuremodel.number(outstanding_yen, explain.per_resident_text(outstanding_yen, approx, locale)),
            ],
            *[
                [
                    figuremodel.text(label),
                    figuremodel.number(value, formatting.thousand_yen_table(value, locale=locale)),
                    figuremodel.number(calc.per_resident_yen(value, pop), text if mode == "per_resident" else ""),
                ]
                for (label, value, _, _), text in zip(rows, texts, strict=True)
            ],
        ],
    )
    table = components.model_table(data)
    return components.chart_section(
        title=t("resident.debt.coverage_title", locale),
        sentences=[explain.coverage_sentence(cov, page.fiscal_year, locale)],
        explain=t("resident.debt.coverage_explain", locale),
        terms=components.glossary_terms(["lat_coverage", "extraordinary_bonds"], locale),
        body=[r.graph("debt-coverage", figures.breakdown_bars(frame, axis_title=axis, locale=locale), locale)],
        source=components.source_note(cov.covered.source, locale, kind=cov.covered.figure_kind),
        table=table,
        locale=locale,
        notes=[t("resident.debt.coverage_note", locale), r.population_note(cov.population, locale)],
    )


def content(page: DebtPage, name: str, mode: str, locale: str) -> list[object]:
    """The filled debt page."""
    year = page.fiscal_year
    label = formatting.fiscal_year_label(year, locale)
    parts: list[object] = r.heading("debt", name, year, locale)
    if page.outstanding_trend.is_empty and page.debt_service_trend.is_empty:
        parts.append(components.empty_state(t("resident.debt.no_data", locale, name=name)))
        return parts
    pop_notes = [r.population_note(page.population, locale)] if mode == "per_resident" else []
    first = True
    if page.by_account.is_empty:
        parts.append(
            r.no_data_section(
                t("resident.debt.accounts_title", locale), t("resident.debt.no_outstanding", locale, year=label), locale
            )
        )
    else:
        bd = page.by_account
        sentences = [s for s in [explain.groups_sentence(bd, mode, "debt", locale)] if s]
        if bd.total is not None:
            sentences.append(
                t(
                    "resident.debt.total_sentence",
                    locale,
                    amount=explain.line_text(bd.total, "total", locale),
                    per_resident=explain.line_text(bd.total, "per_resident", locale),
                )
            )
        notes = [*pop_notes]
        if mode == "share" and bd.total is None:
            notes.append(t("resident.debt.no_total_note", locale))
        notes.append(t("resident.debt.accounts_note", locale))
        parts.append(
            components.chart_section(
                title=t("resident.debt.accounts_title", locale),
                sentences=sentences,
                explain=t("resident.debt.accounts_explain", locale),
                terms=components.glossary_terms(["local_bonds", "ordinary_account", "enterprise_bonds"], locale),
                body=[r.graph("debt-accounts", r.breakdown_figure(bd, mode, locale), locale)],
                source=components.source_note(bd.source, locale, kind=bd.figure_kind),
                table=r.breakdown_table(bd, locale),
                locale=locale,
                notes=notes,
                sentence_id=ids.DEBT_SENTENCE,
            )
        )
        first = False
    coverage = _coverage_section(page, mode, locale)
    if coverage is not None:
        parts.append(coverage)
    trend_notes = [r.kind_legend(locale, page.outstanding_trend), r.kind_legend(locale, page.debt_service_trend)]
    if mode == "per_resident":
        trend_notes.insert(0, r.trend_population_note(page.outstanding_trend, locale))
    if not page.outstanding_trend.is_empty:
        main = str(page.outstanding_trend.frame["series"].iloc[0])
        parts.append(
            components.chart_section(
                title=t("resident.debt.trend_title", locale),
                sentences=[explain.trend_sentence(page.outstanding_trend, main, year, mode, "debt", locale)],
                explain=t("resident.debt.trend_explain", locale),
                terms=components.glossary_terms(["local_bonds"], locale),
                body=[r.graph("debt-trend", r.trend_figure(page.outstanding_trend, mode, locale), locale)],
                source=r.sources(page.outstanding_trend, locale),
                table=r.trend_table(page.outstanding_trend, mode, locale),
                locale=locale,
                notes=trend_notes,
                sentence_id=ids.DEBT_SENTENCE if first else None,
            )
        )
        first = False
    if page.debt_service_trend.is_empty:
        parts.append(
            r.no_data_section(
                t("resident.debt.service_title", locale), t("resident.debt.no_service", locale, name=name), locale
            )
        )
    else:
        service = page.debt_service_trend
        main = str(service.frame["series"].iloc[-1])
        notes = [t("resident.debt.service_note", locale), *trend_notes]
        parts.append(
            components.chart_section(
                title=t("resident.debt.service_title", locale),
                sentences=[explain.trend_sentence(service, main, year, mode, "debt_service", locale)],
                explain=t("resident.debt.service_explain", locale),
                terms=components.glossary_terms(["debt_service", "kan", "by_nature"], locale),
                body=[r.graph("debt-service", r.trend_figure(service, mode, locale), locale)],
                source=r.sources(service, locale),
                table=r.trend_table(service, mode, locale),
                locale=locale,
                notes=notes,
                sentence_id=ids.DEBT_SENTENCE if first else None,
            )
        )
    return parts
