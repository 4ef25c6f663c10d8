"""Chapter I, section 3 of the booklet: 歳入 (revenue by group) and its main items (地方税, 地方交付税, 地方債)."""

from __future__ import annotations

from finance import formatting, queries
from finance.booklet.model import Section, Table
from finance.booklet.text import amount_text, change_sentence, item_name, man_text, share_text, source_lines, year_text
from finance.load import Dataset
from finance.queries import Fact, Source
from finance.text import t
from finance.topics.debt import debt_by_account
from finance.topics.settlement import revenue_page, settlement_breakdown

_REVENUE_ITEMS = (("rev_local_tax", "1"), ("rev_local_allocation_tax", "2"), ("rev_local_bonds", "3"))


def revenue_sections(ds: Dataset, code: str, year: int, locale: str, resident: str) -> list[Section]:
    """3 歳入: the revenue groups, then (1)–(3) 地方税, 地方交付税 and 地方債; ``[]`` without revenue items."""
    page = revenue_page(ds, code, year)
    if page.items.is_empty:
        return []
    out: list[Section] = []
    groups = page.groups
    sentences = []
    if not groups.is_empty:
        big = max(groups.lines, key=lambda ln: ln.value or 0)
        sentences.append(
            t("booklet.revenue_groups", locale, group=big.name(locale), share=share_text(big.share, locale))
        )
        rows = tuple(
            (
                ln.name(locale),
                man_text(ln.value, locale),
                share_text(ln.share, locale),
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
            source_lines([page.items.source], locale),
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
                year=year_text(year, locale),
                item=item_name(line, locale, resident),
                amount=amount_text(line, locale),
                share=share_text(line.share, locale),
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
            change = change_sentence(line.value, old.value, locale)
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
                said.append(t("booklet.debt_outstanding", locale, amount=amount_text(ordinary, locale)))
                sources.append(ordinary.source)
        out.append(
            Section(
                f"revenue_{item}",
                f"({n})",
                item_name(line, locale, resident),
                tuple(said),
                (),
                (),
                source_lines(sources, locale),
                1,
            )
        )
    return out


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
