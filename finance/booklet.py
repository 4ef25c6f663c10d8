"""The residents' booklet (財政白書) of one body and year, as data: chapters → sections → sentences and tables.

Modelled on 「稚内市財政の状況 平成25年度」 (seed 004): I 決算の概要 (1 決算状況, 2 決算の推移と{resident}1人あたり,
3 歳入, 4 歳出, 5 基金・地方債・職員・繰出金) and II 健全化判断比率の概要 (1 the four ratios against their lines,
2–5 each ratio's 算出の状況, 6 資金不足比率, 7 その他の財政指標). Every section is built from the domain queries of
the pages; a section without data is left out and one sentence names what is missing. Every number keeps its
published precision (tables of 千円 as printed, 万円 truncated as the booklet's tables, 「約」 rounded as its text);
決算 / 決算見込 / 計画 are never mixed in a sentence (only 決算 figures are narrated). The layer renders this with
a template (``layouts/booklet.py``) and never parses the text back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from finance import calc, formatting, indicators, narrative, queries
from finance.load import Dataset
from finance.queries import Fact, Source
from finance.status import Status
from finance.text import body_words, is_japanese, t
from finance.topics.common import Breakdown, Line
from finance.topics.debt import debt_by_account, debt_coverage
from finance.topics.funds import funds_page
from finance.topics.settlement import (
    expenditure_page,
    function_breakdown,
    nature_groups,
    revenue_groups,
    revenue_page,
    settlement_breakdown,
)
from finance.topics.staff import staff_lines

TREND_YEARS = 7
"""Years shown in the 推移 tables (the Wakkanai booklet shows seven)."""

CAUSES = 3
"""The largest item changes named as the main causes of a change."""


@dataclass(frozen=True)
class Table:
    """One table: caption, unit, header and rows of display text; ``totals`` are the indexes of total rows.

    ``depths`` gives each row's indentation (0 = item, 1 = 「うち」 or a printed sub-item …).
    """

    caption: str
    unit: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[int, ...] = ()
    depths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Section:
    """One numbered section: its sentences, tables, notes (※) and source lines."""

    key: str
    number: str
    title: str
    sentences: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    depth: int = 0  # 0: 「1 …」, 1: 「(1) …」


@dataclass(frozen=True)
class Chapter:
    """One chapter (I 決算の概要, II 健全化判断比率の概要); ``omitted`` names what was left out for lack of data."""

    key: str
    number: str
    title: str
    sections: tuple[Section, ...]
    omitted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Booklet:
    """The whole booklet of one body and year."""

    code: str
    name: str
    year: int
    locale: str
    title: str
    subtitle: str
    year_label: str
    chapters: tuple[Chapter, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def sections(self) -> tuple[Section, ...]:
        """Every section in document order."""
        return tuple(s for c in self.chapters for s in c.sections)


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------


def source_text(source: Source, locale: str) -> str:
    """「出典: 発行者「資料名」（2014-10発行）表名、p.1」 (as the pages' full source lines)."""
    text = t(
        "app.source_line",
        locale,
        publisher=source.publisher_ja,
        title=source.title_ja if is_japanese(locale) else source.title_en,
        published=source.published,
        table=source.table,
    )
    if source.page:
        text += t("app.source_page_suffix", locale, page=source.page)
    return text


def _sources(items: Sequence[Source | None], locale: str) -> tuple[str, ...]:
    """The source lines of a section: one per document table, its printed lines (or pages) joined."""
    tables: dict[tuple[str, str, str, str, str], list[str]] = {}
    for source in items:
        if source is None:
            continue
        key = (source.publisher_ja, source.title_ja, source.title_en, source.published, source.table)
        places = tables.setdefault(key, [])
        page = source.page
        if page and page not in places:
            places.append(page)
    out = []
    joiner = "・" if is_japanese(locale) else ", "
    for (publisher, title_ja, title_en, published, table), pages in tables.items():
        merged = Source("", title_ja, title_en, publisher, published, table, "")
        text = source_text(merged, locale)
        if pages:  # the document's pages; a transcription line means nothing to a reader and is never printed
            text += t("app.source_page_suffix", locale, page=joiner.join(pages))
        out.append(text)
    return tuple(dict.fromkeys(out))


def _man(value: int | None, locale: str) -> str:
    """An amount at 万円 precision, truncated as the booklet's tables (246億4,984万円)."""
    return formatting.yen_oku_man(value, mode="truncate", locale=locale)


def _amount(line: Line | Fact, locale: str) -> str:
    """An amount as printed: 「約」 for narrative approximations, else 万円 truncated."""
    if line.rounding == "approx":
        return formatting.yen_approx(line.value, mode="round", locale=locale)
    return _man(line.value, locale)


def _share(value: Decimal | None, locale: str) -> str:
    return formatting.percent(value, decimals=1, mode="round", locale=locale)


def _year(year: int, locale: str) -> str:
    return formatting.fiscal_year_label(year, locale)


def _short_year(year: int, locale: str) -> str:
    """「H25」 / 「FY2013」 for table rows."""
    if not is_japanese(locale):
        return f"FY{year}"
    _, short, _, number = formatting.era_year(year)
    return f"{short}{number}"


def _change(current: int | None, previous: int | None, locale: str, **params: str) -> str | None:
    """「前年度と比較して約…増加／減少しています。」 for two exact amounts; ``None`` otherwise."""
    if current is None or previous is None:
        return None
    difference = current - previous
    if difference == 0:
        return t("booklet.change_none", locale, **params)
    key = "booklet.change_increase" if difference > 0 else "booklet.change_decrease"
    return t(key, locale, change=formatting.yen_approx(abs(difference), mode="truncate", locale=locale), **params)


def _item_name(line: Line, locale: str, resident: str) -> str:
    """The item's name; 地方税 is called 市税 / 町税 / 村税 / 県税 … as the body's own booklet does."""
    if line.key == "rev_local_tax" and is_japanese(locale):
        return t("booklet.body_tax", locale, body=resident.removesuffix("民"))
    return line.name(locale)


def _settled(lines: tuple[Line, ...]) -> bool:
    return all(ln.figure_kind == "決算" for ln in lines)


# ---------------------------------------------------------------------------------------------
# I 決算の概要
# ---------------------------------------------------------------------------------------------


def _breakdown_rows(
    bd: Breakdown, locale: str, groups: Breakdown | None, resident: str
) -> tuple[list[tuple[str, ...]], list[int], list[int]]:
    """Rows 「区分 | 決算額 | 構成比」 of a breakdown, with group subtotals (自主財源 計 …) after each group."""
    rows: list[tuple[str, ...]] = []
    totals: list[int] = []
    depths: list[int] = []
    group_lines = {ln.key: ln for ln in groups.lines} if groups is not None else {}
    current = None
    for line in bd.lines:
        if groups is not None and line.depth == 0 and line.group != current:
            if current in group_lines:
                sub = group_lines[current]
                totals.append(len(rows))
                rows.append(
                    (
                        t("booklet.group_total", locale, group=sub.name(locale)),
                        _man(sub.value, locale),
                        _share(sub.share, locale),
                    )
                )
                depths.append(0)
            current = line.group
        rows.append((_item_name(line, locale, resident), _amount(line, locale), _share(line.share, locale)))
        depths.append(line.depth)
    if groups is not None and current in group_lines:
        sub = group_lines[current]
        totals.append(len(rows))
        rows.append(
            (
                t("booklet.group_total", locale, group=sub.name(locale)),
                _man(sub.value, locale),
                _share(sub.share, locale),
            )
        )
        depths.append(0)
    if bd.total is not None:
        totals.append(len(rows))
        rows.append((t("booklet.total", locale), _man(bd.total.value, locale), _share(Decimal(100), locale)))
        depths.append(0)
    return rows, totals, depths


def _amount_table(caption: str, bd: Breakdown, locale: str, resident: str, groups: Breakdown | None = None) -> Table:
    rows, totals, depths = _breakdown_rows(bd, locale, groups, resident)
    header = (t("booklet.col_item", locale), t("booklet.col_amount", locale), t("booklet.col_share", locale))
    return Table(caption, t("booklet.unit_share", locale), header, tuple(rows), tuple(totals), tuple(depths))


def _settlement_section(ds: Dataset, code: str, year: int, locale: str, resident: str) -> Section | None:
    revenue = settlement_breakdown(ds, code, year, "revenue")
    spending = function_breakdown(ds, code, year)
    if spending.is_empty:
        spending = settlement_breakdown(ds, code, year, "expenditure_nature")
    rev_total = queries.settlement_fact(ds, code, year, "rev_total")
    exp_total = queries.settlement_fact(ds, code, year, "exp_total")
    if revenue.is_empty and spending.is_empty and rev_total is None and exp_total is None:
        return None
    sentences: list[str] = []
    account = (revenue.account or spending.account or (rev_total.account if rev_total else "general")) or "general"
    sentences.append(
        t(
            "booklet.settlement_lede",
            locale,
            year=_year(year, locale),
            account=t(f"booklet.account_{_account_word(account)}", locale),
        )
    )
    # the difference as the booklet computes it: from the totals of the one table, else from the settled totals
    rev_value = revenue.total.value if revenue.total is not None else (rev_total.value if rev_total else None)
    exp_value = spending.total.value if spending.total is not None else (exp_total.value if exp_total else None)
    if revenue.total is None or spending.total is None or revenue.total.source.table != spending.total.source.table:
        rev_value = rev_total.value if rev_total else None
        exp_value = exp_total.value if exp_total else None
    if rev_value is not None and exp_value is not None:
        sentences.append(
            t(
                "booklet.settlement_totals",
                locale,
                revenue=_man(rev_value, locale),
                expenditure=_man(exp_value, locale),
                difference=_man(rev_value - exp_value, locale),
            )
        )
    tables: list[Table] = []
    groups = revenue_groups(ds, code, year, revenue) if not revenue.is_empty else None
    if not revenue.is_empty:
        tables.append(_amount_table(t("booklet.table_revenue", locale), revenue, locale, resident, groups))
    if not spending.is_empty:
        caption = t(f"booklet.table_{spending.subject}", locale)
        spending_groups = nature_groups(ds, code, year, spending) if spending.subject == "expenditure_nature" else None
        tables.append(_amount_table(caption, spending, locale, resident, spending_groups))
    notes = []
    if revenue.is_empty:
        notes.append(t("booklet.missing_revenue_items", locale))
    if spending.is_empty:
        notes.append(t("booklet.missing_expenditure_items", locale))
    kinds = {ln.figure_kind for bd in (revenue, spending) for ln in bd.lines} - {"決算"}
    notes += [t("booklet.kind_note", locale, kind=t(f"kind.{k}", locale)) for k in sorted(kinds)]
    return Section(
        "settlement",
        "1",
        t("booklet.s_settlement", locale, year=_year(year, locale)),
        tuple(sentences),
        tuple(tables),
        tuple(notes),
        _sources([revenue.source, spending.source, rev_total.source if rev_total else None], locale),
    )


def _account_word(account: str) -> str:
    return account if account in ("general", "ordinary", "general_etc") else "general"


def _causes(ds: Dataset, code: str, year: int, locale: str) -> str | None:
    """The main causes of the change of expenditure: the largest changes of the items itemised in both years."""
    now, before = function_breakdown(ds, code, year), function_breakdown(ds, code, year - 1)
    if now.is_empty or before.is_empty or now.subject != before.subject or not _settled(now.lines + before.lines):
        now = settlement_breakdown(ds, code, year, "expenditure_nature")
        before = settlement_breakdown(ds, code, year - 1, "expenditure_nature")
    if now.is_empty or before.is_empty or not _settled(now.lines + before.lines):
        return None
    changes = []
    for line in now.lines:
        old = before.line(line.key)
        if line.depth or old is None or line.value is None or old.value is None:
            continue
        if line.value != old.value and "approx" not in (line.rounding, old.rounding):
            changes.append((abs(line.value - old.value), line, line.value - old.value))
    if not changes:
        return None
    changes.sort(key=lambda c: (-c[0], c[1].key))
    words = []
    for _, line, diff in changes[:CAUSES]:
        amount = formatting.yen_approx(abs(diff), mode="truncate", locale=locale)
        key = "booklet.cause_increase" if diff > 0 else "booklet.cause_decrease"
        words.append(t(key, locale, item=line.name(locale), change=amount))
    return t("booklet.causes", locale, causes=t("common.list_separator", locale).join(words))


def _trend_section(ds: Dataset, code: str, year: int, locale: str, resident: str) -> Section | None:
    series = queries.totals_series(ds, code)
    series = series[series["fiscal_year"] <= year].tail(TREND_YEARS)
    if series.empty:
        return None
    years = [int(y) for y in series["fiscal_year"]]
    last = queries.settlement_fact(ds, code, years[-1], "rev_total") or queries.settlement_fact(
        ds, code, years[-1], "exp_total"
    )
    account = t(f"booklet.account_{_account_word(last.account if last else 'general')}", locale)
    facts: dict[str, dict[int, Fact | None]] = {
        "bal_real_balance": {y: queries.settlement_fact(ds, code, y, "bal_real_balance") for y in years},
    }
    flows: dict[str, dict[int, Fact | None]] = {
        m: {y: queries.latest_stock(ds, "funds", code, y, fund="fund_total", measure=m) for y in years}
        for m in ("deposit", "withdrawal")
    }
    header = (
        t("booklet.col_year", locale),
        t("booklet.col_revenue", locale),
        t("booklet.col_expenditure", locale),
        t("booklet.col_real_balance", locale),
        t("booklet.col_deposit", locale),
        t("booklet.col_withdrawal", locale),
    )

    def value(fact: Fact | None) -> int | None:
        return None if fact is None or fact.rounding == "approx" else fact.value

    amounts: list[tuple[int, list[int | None]]] = []
    for _, row in series.iterrows():
        y = int(row["fiscal_year"])
        rev = None if row["revenue"] is None or str(row["revenue"]) == "<NA>" else int(row["revenue"])
        exp = None if row["expenditure"] is None or str(row["expenditure"]) == "<NA>" else int(row["expenditure"])
        amounts.append(
            (
                y,
                [
                    rev,
                    exp,
                    value(facts["bal_real_balance"][y]),
                    value(flows["deposit"][y]),
                    value(flows["withdrawal"][y]),
                ],
            )
        )
    thousand = Table(
        t("booklet.table_trend", locale, account=account),
        t("booklet.unit_thousand", locale),
        header,
        tuple(
            (_short_year(y, locale), *(formatting.thousand_yen_table(v, locale=locale) for v in vals))
            for y, vals in amounts
        ),
    )
    per_rows = []
    pops = []
    for y, vals in amounts:
        pop = queries.population(ds, code, y)
        if pop is None:
            continue
        pops.append((y, pop))
        per = [calc.per_resident_yen(v, pop.value) for v in vals]
        per_rows.append((_short_year(y, locale), *(formatting.thousand_yen_table(p, locale=locale) for p in per)))
    tables = [thousand]
    notes = [t("booklet.note_real_balance", locale)]
    sentences: list[str] = []
    current = queries.settlement_fact(ds, code, year, "exp_total")
    previous = queries.settlement_fact(ds, code, year - 1, "exp_total")
    if (
        current is not None
        and current.figure_kind == "決算"
        and previous is not None
        and previous.figure_kind == "決算"
    ):
        change = narrative.expenditure_change_sentence(current, previous, year, locale)
        if change:
            sentences.append(change)
            causes = _causes(ds, code, year, locale)
            if causes:
                sentences.append(causes)
    if per_rows:
        tables.append(
            Table(
                t("booklet.table_per_resident", locale, resident=resident, account=account),
                t("booklet.unit_yen", locale),
                header,
                tuple(per_rows),
            )
        )
        last_year, last_pop = pops[-1]
        per_resident = queries.overview(ds, code, year)
        if last_year == year and per_resident.revenue_per_resident.yen is not None:
            sentences.append(
                t(
                    "booklet.per_resident_sentence",
                    locale,
                    resident=resident,
                    revenue=formatting.yen(per_resident.revenue_per_resident.yen, locale=locale),
                    expenditure=formatting.yen(per_resident.expenditure_per_resident.yen, locale=locale),
                )
            )
        basis = t(f"basis.{last_pop.basis}", locale) if last_pop.basis else ""
        population_list = t("common.list_separator", locale).join(
            f"{_short_year(y, locale)}: {formatting.group(p.value, locale)}" for y, p in pops
        )
        notes.append(t("booklet.note_population", locale, basis=basis, populations=population_list))
    else:
        notes.append(t("booklet.missing_population", locale, resident=resident))
    sources: list[Source | None] = [s for s in series["source"] if isinstance(s, Source)]
    sources += [p.source for _, p in pops]
    return Section(
        "trend",
        "2",
        t("booklet.s_trend", locale, resident=resident),
        tuple(sentences),
        tuple(tables),
        tuple(notes),
        _sources(sources, locale),
    )


_REVENUE_ITEMS = (("rev_local_tax", "1"), ("rev_local_allocation_tax", "2"), ("rev_local_bonds", "3"))


def _revenue_sections(ds: Dataset, code: str, year: int, locale: str, resident: str) -> list[Section]:
    page = revenue_page(ds, code, year)
    if page.items.is_empty:
        return []
    out: list[Section] = []
    groups = page.groups
    sentences = []
    if not groups.is_empty:
        big = max(groups.lines, key=lambda ln: ln.value or 0)
        sentences.append(t("booklet.revenue_groups", locale, group=big.name(locale), share=_share(big.share, locale)))
        rows = tuple(
            (
                ln.name(locale),
                _man(ln.value, locale),
                _share(ln.share, locale),
                formatting.yen(ln.per_resident, locale=locale),
            )
            for ln in groups.lines
        )
        header = (
            t("booklet.col_item", locale),
            t("booklet.col_amount", locale),
            t("booklet.col_share", locale),
            t("booklet.col_per_resident", locale, resident=resident),
        )
        tables = (Table(t("booklet.table_revenue_groups", locale), t("booklet.unit_share", locale), header, rows),)
    else:
        tables = ()  # type: ignore[assignment]
    out.append(
        Section(
            "revenue",
            "3",
            t("booklet.s_revenue", locale),
            (*sentences, t("booklet.revenue_explain", locale)),
            tables,
            (),
            _sources([page.items.source], locale),
        )
    )
    previous = settlement_breakdown(ds, code, year - 1, "revenue")
    for item, n in _REVENUE_ITEMS:
        line = page.items.line(item)
        if line is None or line.value is None:
            continue
        said = [
            t(
                "booklet.item_sentence",
                locale,
                year=_year(year, locale),
                item=_item_name(line, locale, resident),
                amount=_amount(line, locale),
                share=_share(line.share, locale),
                per=formatting.yen(line.per_resident, locale=locale),
                resident=resident,
            )
        ]
        sources: list[Source | None] = [line.source]
        old = previous.line(item)
        if (
            old is not None
            and line.figure_kind == old.figure_kind == "決算"
            and "approx" not in (line.rounding, old.rounding)
        ):
            change = _change(line.value, old.value, locale)
            if change:
                said.append(change)
        elif (told := _narrated_change(ds, code, year, item)) is not None and told.value:
            key = "booklet.told_increase" if told.value > 0 else "booklet.told_decrease"
            said.append(t(key, locale, change=formatting.yen_approx(abs(told.value), mode="round", locale=locale)))
            sources.append(told.source)
        if item == "rev_local_bonds":
            debt = debt_by_account(ds, code, year)
            ordinary = debt.line("ordinary")
            if ordinary is not None and ordinary.value is not None:
                said.append(t("booklet.debt_outstanding", locale, amount=_amount(ordinary, locale)))
                sources.append(ordinary.source)
        out.append(
            Section(
                f"revenue_{item}",
                f"({n})",
                _item_name(line, locale, resident),
                tuple(said),
                (),
                (),
                _sources(sources, locale),
                1,
            )
        )
    return out


def _expenditure_sections(ds: Dataset, code: str, year: int, locale: str, resident: str) -> list[Section]:
    page = expenditure_page(ds, code, year)
    if page.by_function.is_empty and page.by_nature.is_empty:
        return []
    header = (
        t("booklet.col_item", locale),
        t("booklet.col_amount", locale),
        t("booklet.col_share", locale),
        t("booklet.col_per_resident", locale, resident=resident),
    )

    def per_table(caption: str, bd: Breakdown) -> Table:
        rows = [
            (
                ln.name(locale),
                _amount(ln, locale),
                _share(ln.share, locale),
                formatting.yen(ln.per_resident, locale=locale),
            )
            for ln in bd.lines
        ]
        return Table(
            caption, t("booklet.unit_share", locale), header, tuple(rows), (), tuple(ln.depth for ln in bd.lines)
        )

    sentences: list[str] = []
    tables: list[Table] = []
    notes: list[str] = []
    if not page.by_function.is_empty:
        biggest = max((ln for ln in page.by_function.lines if ln.depth == 0), key=lambda ln: ln.value or 0)
        sentences.append(
            t(
                "booklet.function_largest",
                locale,
                item=biggest.name(locale),
                share=_share(biggest.share, locale),
                per=formatting.yen(biggest.per_resident, locale=locale),
                resident=resident,
            )
        )
        tables.append(
            per_table(t(f"booklet.table_{page.by_function.subject}_per", locale, resident=resident), page.by_function)
        )
    if not page.by_nature.is_empty:
        mandatory = page.nature_groups.line("義務的")
        if mandatory is not None and mandatory.share is not None:
            sentences.append(t("booklet.mandatory_share", locale, share=_share(mandatory.share, locale)))
        tables.append(per_table(t("booklet.table_nature", locale), page.by_nature))
        if not page.nature_groups.is_empty:
            tables.append(per_table(t("booklet.table_nature_groups", locale), page.nature_groups))
    else:
        notes.append(t("booklet.missing_nature", locale))
    out = [
        Section(
            "expenditure",
            "4",
            t("booklet.s_expenditure", locale),
            tuple(sentences),
            tuple(tables),
            tuple(notes),
            _sources([page.by_function.source, page.by_nature.source], locale),
        )
    ]
    if not page.by_nature.is_empty:
        previous = settlement_breakdown(ds, code, year - 1, "expenditure_nature")
        said = []
        for item in ("expn_personnel", "expn_social_assistance", "expn_debt_service"):
            line = page.by_nature.line(item)
            if line is None or line.value is None:
                continue
            text = t(
                "booklet.nature_item",
                locale,
                item=line.name(locale),
                amount=_amount(line, locale),
                share=_share(line.share, locale),
            )
            old = previous.line(item)
            if old is not None and old.figure_kind == line.figure_kind == "決算":
                text += _change(line.value, old.value, locale) or ""
            said.append(text)
        if said:
            out.append(
                Section(
                    "mandatory",
                    "(1)",
                    t("booklet.s_mandatory", locale),
                    tuple(said),
                    (),
                    (),
                    _sources([page.by_nature.source], locale),
                    1,
                )
            )
    return out


def _stock_sections(ds: Dataset, code: str, year: int, locale: str, resident: str) -> tuple[list[Section], list[str]]:
    """5 基金・地方債・職員・繰出金: each part that has data; the missing ones named."""
    parts: list[Section] = []
    missing: list[str] = []
    header = (
        t("booklet.col_item", locale),
        t("booklet.col_amount", locale),
        t("booklet.col_per_resident", locale, resident=resident),
    )
    # (1) 基金
    funds = funds_page(ds, code, year)
    flows = funds.flows.frame[funds.flows.frame["fiscal_year"] == year] if not funds.flows.is_empty else None
    if not funds.balances.is_empty or (flows is not None and not flows.empty):
        rows = [
            (ln.name(locale), _amount(ln, locale), formatting.yen(ln.per_resident, locale=locale))
            for ln in funds.balances.lines
        ]
        if funds.balances.total is not None and len(funds.balances.lines) > 1:
            total = funds.balances.total
            rows.append((total.name(locale), _amount(total, locale), formatting.yen(total.per_resident, locale=locale)))
        said = []
        if funds.balances.total is not None:
            said.append(
                t("booklet.funds_total", locale, year=_year(year, locale), amount=_amount(funds.balances.total, locale))
            )
        if flows is not None and not flows.empty:
            values = {str(s): v for s, v in zip(flows["series"], flows["value"], strict=True)}
            if values.get("deposit") is not None and values.get("withdrawal") is not None:
                said.append(
                    t(
                        "booklet.funds_flows",
                        locale,
                        deposit=_man(int(values["deposit"]), locale),
                        withdrawal=_man(int(values["withdrawal"]), locale),
                    )
                )
        tables = (
            (Table(t("booklet.table_funds", locale), t("booklet.unit_yen_amount", locale), header, tuple(rows)),)
            if rows
            else ()
        )
        parts.append(
            Section(
                "funds",
                "(1)",
                t("booklet.s_funds", locale),
                tuple(said),
                tables,
                (),
                _sources([funds.balances.source, *funds.flows.sources], locale),
                1,
            )
        )
    else:
        missing.append(t("booklet.s_funds", locale))
    # (2) 地方債
    debt = debt_by_account(ds, code, year)
    if not debt.is_empty:
        lines = list(debt.lines) + ([debt.total] if debt.total is not None else [])
        rows = [(ln.name(locale), _amount(ln, locale), formatting.yen(ln.per_resident, locale=locale)) for ln in lines]
        said = []
        coverage = debt_coverage(ds, code, year)
        if coverage is not None:
            said.append(
                t(
                    "booklet.debt_coverage",
                    locale,
                    covered=_amount(coverage.covered, locale),
                    burden=formatting.yen_approx(coverage.burden, locale=locale)
                    if coverage.approximate
                    else _man(coverage.burden, locale),
                )
            )
        tables = (
            Table(
                t("booklet.table_debt", locale),
                t("booklet.unit_yen_amount", locale),
                header,
                tuple(rows),
                (len(rows) - 1,) if debt.total is not None else (),
            ),
        )
        notes = (t("booklet.note_approx", locale),) if any(ln.rounding == "approx" for ln in lines) else ()
        parts.append(
            Section(
                "debt",
                "(2)",
                t("booklet.s_debt", locale),
                tuple(said),
                tables,
                notes,
                _sources([ln.source for ln in lines], locale),
                1,
            )
        )
    else:
        missing.append(t("booklet.s_debt", locale))
    # (3) 職員
    staff = staff_lines(ds, code, year)
    if staff:
        rows = [
            (
                s.label_ja if is_japanese(locale) else t(f"resident.staff.category.{s.category}", locale),
                t("booklet.persons", locale, count=formatting.group(s.count, locale)),
                s.as_of,
            )
            for s in staff
        ]
        staff_header = (t("booklet.col_item", locale), t("booklet.col_count", locale), t("booklet.col_as_of", locale))
        parts.append(
            Section(
                "staff",
                "(3)",
                t("booklet.s_staff", locale),
                (),
                (Table(t("booklet.table_staff", locale), "", staff_header, tuple(rows)),),
                (),
                _sources([s.source for s in staff], locale),
                1,
            )
        )
    else:
        missing.append(t("booklet.s_staff", locale))
    # (4) 繰出金
    nature = settlement_breakdown(ds, code, year, "expenditure_nature")
    transfers = nature.line("expn_transfers_out")
    if transfers is not None and transfers.value is not None:
        said = [
            t("booklet.transfers", locale, amount=_amount(transfers, locale), share=_share(transfers.share, locale))
        ]
        parts.append(
            Section(
                "transfers",
                "(4)",
                t("booklet.s_transfers", locale),
                tuple(said),
                (),
                (),
                _sources([transfers.source], locale),
                1,
            )
        )
    elif told := _narrated_transfers(ds, code, year):
        said = [t("booklet.transfer_told", locale, label=label, amount=_amount(fact, locale)) for label, fact in told]
        notes = (t("booklet.note_approx", locale),) if any(f.rounding == "approx" for _, f in told) else ()
        parts.append(
            Section(
                "transfers",
                "(4)",
                t("booklet.s_transfers", locale),
                tuple(said),
                (),
                notes,
                _sources([f.source for _, f in told], locale),
                1,
            )
        )
    else:
        missing.append(t("booklet.s_transfers", locale))
    return parts, missing


_NARRATED_CHANGES = {"rev_local_allocation_tax": "lat_change"}
"""Items whose change from the year before a booklet states in its text (narrative_figures topics)."""


def _narrated_change(ds: Dataset, code: str, year: int, item: str) -> Fact | None:
    """The change of an item from the year before as a booklet's text states it (「約1億7千万円の減少」)."""
    topic = _NARRATED_CHANGES.get(item)
    if topic is None:
        return None
    frame = ds.rows("narrative_figures", code)
    rows = frame[(frame["fiscal_year"] == year) & (frame["topic"] == topic) & frame["amount_thousand_yen"].notna()]
    if rows.empty or str(rows.iloc[0]["figure_kind"]) != "決算":
        return None
    row = rows.iloc[0]
    return Fact(
        int(row["amount_thousand_yen"]),
        str(row["published_unit"]),
        str(row["rounding"]),
        "決算",
        "",
        str(row["label_ja"]),
        str(row["note"]),
        queries.source_of(ds, row),
    )


def _narrated_transfers(ds: Dataset, code: str, year: int) -> list[tuple[str, Fact]]:
    """Transfers to one account that a booklet states in its text (「約12億円の繰出し」), as printed; not changes."""
    frame = ds.rows("narrative_figures", code)
    rows = frame[
        (frame["fiscal_year"] == year)
        & frame["topic"].astype(str).str.startswith("transfer_to_")
        & ~frame["topic"].astype(str).str.endswith("_change")
        & frame["amount_thousand_yen"].notna()
    ]
    out = []
    for _, row in rows.iterrows():
        amount = row["amount_thousand_yen"]
        fact = Fact(
            None if amount is None else int(amount),
            str(row["published_unit"]),
            str(row["rounding"]),
            str(row["figure_kind"]),
            "",
            str(row["label_ja"]),
            str(row["note"]),
            queries.source_of(ds, row),
        )
        if fact.figure_kind == "決算":
            out.append((str(row["label_ja"]), fact))
    return out


def _chapter_one(ds: Dataset, code: str, year: int, locale: str, resident: str) -> Chapter:
    sections: list[Section] = []
    omitted: list[str] = []
    built: list[tuple[str, Callable[[], list[Section]]]] = [
        (
            "booklet.s_settlement_short",
            lambda: [s for s in [_settlement_section(ds, code, year, locale, resident)] if s],
        ),
        ("booklet.s_trend_short", lambda: [s for s in [_trend_section(ds, code, year, locale, resident)] if s]),
        ("booklet.s_revenue", lambda: _revenue_sections(ds, code, year, locale, resident)),
        ("booklet.s_expenditure", lambda: _expenditure_sections(ds, code, year, locale, resident)),
    ]
    for title_key, build in built:
        found = build()
        if found:
            sections += found
        else:
            omitted.append(t("booklet.omitted", locale, what=t(title_key, locale, resident=resident)))
    stocks, missing = _stock_sections(ds, code, year, locale, resident)
    if stocks:
        sections.append(Section("stocks", "5", t("booklet.s_stocks", locale), (), (), (), ()))
        sections += stocks
    if missing:
        omitted.append(t("booklet.omitted", locale, what=t("common.list_separator", locale).join(missing)))
    return Chapter(
        "settlement", "I", t("booklet.chapter_settlement", locale), tuple(_renumber(sections)), tuple(omitted)
    )


def _renumber(sections: list[Section]) -> list[Section]:
    """Top-level sections numbered 1, 2 … in the order present (a left-out section leaves no gap)."""
    out: list[Section] = []
    n = sub = 0
    for s in sections:
        if s.depth == 0:
            n, sub = n + 1, 0
            out.append(Section(s.key, str(n), s.title, s.sentences, s.tables, s.notes, s.sources, 0))
        else:
            sub += 1
            out.append(Section(s.key, f"({sub})", s.title, s.sentences, s.tables, s.notes, s.sources, 1))
    return out


# ---------------------------------------------------------------------------------------------
# II 健全化判断比率の概要
# ---------------------------------------------------------------------------------------------


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


def _chapter_two(ds: Dataset, code: str, year: int, locale: str, name: str) -> Chapter:
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
            _year(year, locale),
            t("booklet.col_early", locale),
            t("booklet.col_rebuilding", locale),
            t("booklet.col_status", locale),
        )
        said = [t("booklet.ratios_lede", locale)]
        if crossed:
            said.append(t("booklet.ratios_crossed", locale, names=t("common.list_separator", locale).join(crossed)))
        elif all(s.evaluation.status is not Status.NO_DATA for s in page.soundness):
            said.append(t("booklet.ratios_sound", locale, year=_year(year, locale), name=name))
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
                _sources(ratio_srcs, locale),
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
                year=_year(year, locale),
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
                            f"{_year(p.year, locale)} {formatting.percent(p.value, decimals=d, locale=locale)}"
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
                _sources(srcs, locale),
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
            _year(year, locale),
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
                _sources(list(ent_srcs), locale),
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
                        _year(p.year, locale),
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
                _sources(other_srcs, locale),
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


# ---------------------------------------------------------------------------------------------
# The booklet
# ---------------------------------------------------------------------------------------------


def build(ds: Dataset, code: str, year: int, locale: str) -> Booklet:
    """The booklet of one body and year in ``locale`` (``ja``, ``en`` or ``easy``)."""
    kind, name_ja = queries.body_kind_and_name(ds, code)
    name = queries.municipality_name(ds, code, locale) or code
    resident = body_words(locale, kind, name_ja)["resident"]
    chapters = (_chapter_one(ds, code, year, locale, resident), _chapter_two(ds, code, year, locale, name))
    cited = [line for chapter in chapters for section in chapter.sections for line in section.sources]
    sources = tuple(
        dict.fromkeys(
            t(
                "booklet.source_document",
                locale,
                publisher=s.publisher_ja,
                title=title,
                published=s.published,
            )
            for s in queries.sources_used(ds, code)
            for title in [s.title_ja if is_japanese(locale) else s.title_en]
            if any(title in line and s.published in line for line in cited)
        )
    )  # the cover lists the documents the booklet cites, not every edition the body has
    return Booklet(
        code,
        name,
        year,
        locale,
        t("booklet.title", locale, name=name),
        t("booklet.subtitle", locale, year=_year(year, locale)),
        _year(year, locale),
        chapters,
        sources,
        (t("booklet.note_kinds", locale), t("booklet.note_missing", locale)),
    )
