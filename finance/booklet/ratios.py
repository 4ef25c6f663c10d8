"""Chapter II of the booklet, 健全化判断比率の概要: the ratios against their lines and how each is computed.

Sections: 1 the four ratios, 2–5 each ratio's 算出の状況, 6 資金不足比率, 7 その他の財政指標.
"""

from __future__ import annotations

from finance import formatting, indicators, queries
from finance.booklet.model import Chapter, Section, Table
from finance.booklet.text import source_lines, year_text
from finance.load import Dataset
from finance.queries import Source
from finance.status import Status
from finance.text import is_japanese, t


def _ratio_text(ev: indicators.Evaluation, decimals: int, locale: str) -> str:
    p = ev.published
    if p is not None:
        return formatting.published_ratio(p.value, p.status, p.surplus_value, p.decimals or decimals, locale)
    c = ev.computed
    if c is not None:
        if c.value is not None:
            shown = formatting.percent(c.value, decimals=decimals, mode="truncate", locale=locale)
            return t("booklet.computed_value", locale, value=shown)
        if c.surplus is not None:
            surplus = formatting.percent(c.surplus, decimals=decimals, mode="truncate", locale=locale)
            return t(
                "booklet.computed_value", locale, value=t("ratio.no_deficit_with_surplus", locale, surplus=surplus)
            )
        return t("ratio.dash", locale)
    return t("common.no_data", locale)


def _line_text(value: float | None, decimals: int, locale: str) -> str:
    return "—" if value is None else formatting.percent(value, decimals=decimals, mode="round", locale=locale)


def _status_text(status: Status, locale: str) -> str:
    return t(f"status.{status.value}", locale)


def _name(ds: Dataset, indicator: str, locale: str) -> str:
    info = indicators.registry(ds).get(indicator)
    if info is None:
        return indicator
    return info.name_ja if is_japanese(locale) else info.name_en


def _decimals(ds: Dataset, indicator: str) -> int:
    info = indicators.registry(ds).get(indicator)
    return info.decimals if info else 1


_SECTION_KEYS = {
    "real_deficit_ratio": "rdr",
    "consolidated_real_deficit_ratio": "crdr",
    "real_debt_service_ratio": "rdsr",
    "future_burden_ratio": "fbr",
}


def _parts_table(ds: Dataset, section: indicators.Section, locale: str) -> Table:
    """The 算出の状況 table of a ratio.

    Labels as printed; in English the canonical components' English names (a document's own sub-items keep their
    printed Japanese label).
    """
    rows: list[tuple[str, ...]] = []
    depths = []
    totals = []
    own = indicators.component_catalog(ds).indicator(section.evaluation.indicator)
    for part in section.parts:
        if part.role in ("numerator", "denominator", "check"):
            totals.append(len(rows))
        sign = {1: "＋", -1: "－"}.get(part.sign, "") if part.depth == 0 else ""
        label = part.label_ja
        if not is_japanese(locale) and part.depth == 0 and part.component in own:
            label = own[part.component].plain_en or label
        rows.append(
            (
                label,
                sign,
                formatting.thousand_yen_table(part.amount, locale=locale),
            )
        )
        depths.append(part.depth)
    header = (t("booklet.col_item", locale), t("booklet.col_sign", locale), t("booklet.col_amount_thousand", locale))
    caption = t("booklet.table_parts", locale, name=_name(ds, section.evaluation.indicator, locale))
    return Table(caption, t("booklet.unit_thousand", locale), header, tuple(rows), tuple(totals), tuple(depths))


def _formula_sentence(ev: indicators.Evaluation | None, decimals: int, mode: str, locale: str) -> str | None:
    if ev is None or ev.computed is None or ev.computed.value is None:
        return None
    c = ev.computed
    if c.numerator is None or c.denominator is None:
        return None
    value = formatting.percent(
        c.value, decimals=decimals, mode="round" if mode == "round" else "truncate", locale=locale
    )
    return t(
        "booklet.formula",
        locale,
        numerator=formatting.group(c.numerator, locale),
        denominator=formatting.group(c.denominator, locale),
        value=value,
    )


def chapter_two(ds: Dataset, code: str, year: int, locale: str, name: str) -> Chapter:
    """Chapter II 健全化判断比率の概要: the sections that have data, numbered in order; the others named."""
    page = indicators.page(ds, code, year)
    sections: list[Section] = []
    omitted: list[str] = []
    rated = [s for s in page.soundness if s.evaluation.status is not Status.NO_DATA]
    if rated:
        rows = []
        crossed = []
        for s in page.soundness:
            ev = s.evaluation
            d = _decimals(ds, ev.indicator)
            lines = ev.rated.lines
            rows.append(
                (
                    _name(ds, ev.indicator, locale),
                    _ratio_text(ev, d, locale),
                    _line_text(lines.early, d, locale)
                    + (t("booklet.estimate", locale) if ev.rated.early_basis == "estimate" else ""),
                    _line_text(lines.rebuilding, d, locale),
                    _status_text(ev.status, locale),
                )
            )
            if ev.status in (Status.EARLY, Status.REBUILDING):
                crossed.append(_name(ds, ev.indicator, locale))
        header = (
            t("booklet.col_ratio", locale),
            year_text(year, locale),
            t("booklet.col_early", locale),
            t("booklet.col_rebuilding", locale),
            t("booklet.col_status", locale),
        )
        said = [t("booklet.ratios_lede", locale)]
        if crossed:
            said.append(t("booklet.ratios_crossed", locale, names=t("common.list_separator", locale).join(crossed)))
        elif all(s.evaluation.status is not Status.NO_DATA for s in page.soundness):
            said.append(t("booklet.ratios_sound", locale, year=year_text(year, locale), name=name))
        caution = next((s for s in page.soundness if s.evaluation.status is Status.CAUTION), None)
        if caution is not None:
            said.append(t("booklet.ratios_caution", locale, name=_name(ds, caution.evaluation.indicator, locale)))
        ratio_srcs = [s.evaluation.published.source for s in page.soundness if s.evaluation.published is not None]
        notes = tuple(
            t("booklet.note_estimate", locale)
            for _ in [0]
            if any(s.evaluation.rated.early_basis == "estimate" for s in page.soundness)
        )
        sections.append(
            Section(
                "ratios",
                "1",
                t("booklet.s_ratios", locale),
                tuple(said),
                (Table(t("booklet.table_ratios", locale, name=name), "", header, tuple(rows)),),
                notes,
                source_lines(ratio_srcs, locale),
            )
        )
    else:
        omitted.append(t("booklet.omitted", locale, what=t("booklet.s_ratios", locale)))
    for s in page.soundness:
        ev = s.evaluation
        if ev.status is Status.NO_DATA and not s.parts:
            continue
        indicator = ev.indicator
        d = _decimals(ds, indicator)
        ratio_name = _name(ds, indicator, locale)
        said = [t(f"booklet.explain_{_SECTION_KEYS[indicator]}", locale)]
        said.append(
            t(
                "booklet.ratio_value",
                locale,
                year=year_text(year, locale),
                name=ratio_name,
                value=_ratio_text(ev, d, locale),
                status=_status_text(ev.status, locale),
            )
        )
        if indicator == "real_debt_service_ratio":
            years = [p for p in (s.singles or s.trend) if p.year <= year and p.value is not None][-3:]
            if years:
                said.append(
                    t(
                        "booklet.rdsr_singles" if s.singles else "booklet.rdsr_years",
                        locale,
                        values=t("common.list_separator", locale).join(
                            f"{year_text(p.year, locale)} {formatting.percent(p.value, decimals=d, locale=locale)}"
                            for p in years
                        ),
                    )
                )
            formula = _formula_sentence(s.single, 1, "round", locale)
            if formula:
                said.append(t("booklet.single_year", locale) + formula)
        else:
            formula = _formula_sentence(ev, d, "truncate", locale)
            if formula:
                said.append(formula)
        tables = (_parts_table(ds, s, locale),) if s.parts else ()
        notes = () if s.parts else (t("booklet.missing_parts", locale, name=ratio_name),)
        srcs: list[Source | None] = [ev.published.source if ev.published else None]
        for part_source in _part_sources(ds, code, year, indicator):
            srcs.append(part_source)
        sections.append(
            Section(
                f"ratio_{_SECTION_KEYS[indicator]}",
                "",
                t("booklet.s_parts", locale, name=ratio_name),
                tuple(said),
                tables,
                notes,
                source_lines(srcs, locale),
            )
        )
    # 6 資金不足比率
    shown = [s for s in page.enterprises if s.evaluation.status is not Status.NO_DATA]
    if shown:
        names = queries.account_names(ds, code, locale)
        ent_rows: list[tuple[str, ...]] = []
        for s in shown:
            ev = s.evaluation
            ent_rows.append(
                (
                    names.get(s.account, s.account),
                    _ratio_text(ev, 1, locale),
                    _line_text(ev.rated.lines.early, 1, locale),
                    _status_text(ev.status, locale),
                )
            )
        ent_header = (
            t("booklet.col_account", locale),
            year_text(year, locale),
            t("booklet.col_management", locale),
            t("booklet.col_status", locale),
        )
        over = [r[0] for s, r in zip(shown, ent_rows, strict=True) if s.evaluation.status is Status.MANAGEMENT]
        said = [t("booklet.shortfall_lede", locale)]
        said.append(
            t("booklet.shortfall_over", locale, names=t("common.list_separator", locale).join(over))
            if over
            else t("booklet.shortfall_none", locale)
        )
        ent_srcs = [s.evaluation.published.source for s in shown if s.evaluation.published is not None]
        sections.append(
            Section(
                "shortfall",
                "",
                t("booklet.s_shortfall", locale),
                tuple(said),
                (Table(t("booklet.table_shortfall", locale), "", ent_header, tuple(ent_rows)),),
                (),
                source_lines(list(ent_srcs), locale),
            )
        )
    else:
        omitted.append(t("booklet.omitted", locale, what=t("booklet.s_shortfall", locale)))
    # 7 その他の財政指標
    others = [s for s in page.others if any(p.value is not None and p.year <= year for p in s.trend)]
    if others:
        other_rows: list[tuple[str, ...]] = []
        said = []
        other_srcs: list[Source | None] = []
        for s in others:
            ind = s.evaluation.indicator
            d = _decimals(ds, ind)
            points = [p for p in s.trend if p.value is not None and p.year <= year][-5:]
            unit = "" if ind == "fiscal_capability_index" else "%"
            for p in points:
                value = p.value if p.value is not None else 0.0  # filtered above: never None here
                text = (
                    str(formatting.decimal_places(value, d, "round"))
                    if not unit
                    else formatting.percent(value, decimals=d, locale=locale)
                )
                other_rows.append(
                    (
                        _name(ds, ind, locale),
                        year_text(p.year, locale),
                        text + (f"（{t(f'kind.{p.figure_kind}', locale)}）" if p.figure_kind != "決算" else ""),
                    )
                )
            if len(points) >= 2 and points[-1].year == year:
                said.append(
                    t(
                        "booklet.other_change",
                        locale,
                        name=_name(ds, ind, locale),
                        value=other_rows[-1][2],
                        previous=other_rows[-2][2],
                        previous_year=other_rows[-2][1],
                    )
                )
            if ind == "ordinary_balance_ratio":
                said.append(t("booklet.explain_obr", locale))
            other_srcs += [p.source for p in points if getattr(p, "source", None) is not None]
        other_header = (t("booklet.col_ratio", locale), t("booklet.col_year", locale), t("booklet.col_value", locale))
        sections.append(
            Section(
                "others",
                "",
                t("booklet.s_others", locale),
                tuple(said),
                (Table(t("booklet.table_others", locale), "", other_header, tuple(other_rows)),),
                (),
                source_lines(other_srcs, locale),
            )
        )
    else:
        omitted.append(t("booklet.omitted", locale, what=t("booklet.s_others", locale)))
    numbered = [
        Section(s.key, str(i + 1), s.title, s.sentences, s.tables, s.notes, s.sources) for i, s in enumerate(sections)
    ]
    return Chapter("soundness", "II", t("booklet.chapter_soundness", locale), tuple(numbered), tuple(omitted))


def _part_sources(ds: Dataset, code: str, year: int, indicator: str) -> list[Source]:
    frame = ds.rows("ratio_components", code)
    rows = frame[(frame["fiscal_year"] == year) & (frame["indicator"] == indicator)]
    return [queries.source_of(ds, row) for _, row in rows.head(1).iterrows()]
