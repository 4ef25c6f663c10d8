"""Chapter I, sections 1 and 2 of the booklet: 決算状況 (the year's settlement) and 決算の推移と{resident}1人あたり.

Only 決算 figures are narrated: the change of expenditure and its main causes are told when both years are settled.
"""

from __future__ import annotations

from decimal import Decimal

from finance import calc, formatting, narrative, queries
from finance.booklet.model import Section, Table
from finance.booklet.text import amount_text, item_name, man_text, share_text, short_year_text, source_lines, year_text
from finance.load import Dataset
from finance.queries import Fact, Source
from finance.text import t
from finance.topics.common import Breakdown, Line
from finance.topics.settlement import function_breakdown, nature_groups, revenue_groups, settlement_breakdown

TREND_YEARS = 7
"""Years shown in the 推移 tables (the Wakkanai booklet shows seven)."""


CAUSES = 3
"""The largest item changes named as the main causes of a change."""


def _settled(lines: tuple[Line, ...]) -> bool:
    return all(ln.figure_kind == "決算" for ln in lines)


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
                        man_text(sub.value, locale),
                        share_text(sub.share, locale),
                    )
                )
                depths.append(0)
            current = line.group
        rows.append((item_name(line, locale, resident), amount_text(line, locale), share_text(line.share, locale)))
        depths.append(line.depth)
    if groups is not None and current in group_lines:
        sub = group_lines[current]
        totals.append(len(rows))
        rows.append(
            (
                t("booklet.group_total", locale, group=sub.name(locale)),
                man_text(sub.value, locale),
                share_text(sub.share, locale),
            )
        )
        depths.append(0)
    if bd.total is not None:
        totals.append(len(rows))
        rows.append((t("booklet.total", locale), man_text(bd.total.value, locale), share_text(Decimal(100), locale)))
        depths.append(0)
    return rows, totals, depths


def _amount_table(caption: str, bd: Breakdown, locale: str, resident: str, groups: Breakdown | None = None) -> Table:
    rows, totals, depths = _breakdown_rows(bd, locale, groups, resident)
    header = (t("booklet.col_item", locale), t("booklet.col_amount", locale), t("booklet.col_share", locale))
    return Table(caption, t("booklet.unit_share", locale), header, tuple(rows), tuple(totals), tuple(depths))


def settlement_section(ds: Dataset, code: str, year: int, locale: str, resident: str) -> Section | None:
    """1 決算状況: the year's totals and its revenue and expenditure tables; ``None`` without any of them."""
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
            year=year_text(year, locale),
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
                revenue=man_text(rev_value, locale),
                expenditure=man_text(exp_value, locale),
                difference=man_text(rev_value - exp_value, locale),
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
        t("booklet.s_settlement", locale, year=year_text(year, locale)),
        tuple(sentences),
        tuple(tables),
        tuple(notes),
        source_lines([revenue.source, spending.source, rev_total.source if rev_total else None], locale),
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


def trend_section(ds: Dataset, code: str, year: int, locale: str, resident: str) -> Section | None:
    """2 決算の推移と{resident}1人あたり: the years' totals, balance and fund flows, in 千円 and per resident."""
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
            (short_year_text(y, locale), *(formatting.thousand_yen_table(v, locale=locale) for v in vals))
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
        per_rows.append((short_year_text(y, locale), *(formatting.thousand_yen_table(p, locale=locale) for p in per)))
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
            f"{short_year_text(y, locale)}: {formatting.group(p.value, locale)}" for y, p in pops
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
        source_lines(sources, locale),
    )
