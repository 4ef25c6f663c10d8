"""Chapter I, section 4 of the booklet: 歳出 by function and by nature per resident, and the mandatory expenses."""

from __future__ import annotations

from finance import formatting
from finance.booklet.model import Section, Table
from finance.booklet.text import amount_text, change_sentence, share_text, source_lines
from finance.load import Dataset
from finance.text import t
from finance.topics.common import Breakdown
from finance.topics.settlement import expenditure_page, settlement_breakdown


def expenditure_sections(ds: Dataset, code: str, year: int, locale: str, resident: str) -> list[Section]:
    """4 歳出: by function and by nature per resident, then (1) the mandatory expenses; ``[]`` without data."""
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
                amount_text(ln, locale),
                share_text(ln.share, locale),
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
                share=share_text(biggest.share, locale),
                per=formatting.yen(biggest.per_resident, locale=locale),
                resident=resident,
            )
        )
        tables.append(
            per_table(t(f"booklet.table_{page.by_function.subject}_per", locale, resident=resident), page.by_function)
        )
    if not page.by_nature.is_empty:
        mandatory = page.nature_groups.line("mandatory")
        if mandatory is not None and mandatory.share is not None:
            sentences.append(t("booklet.mandatory_share", locale, share=share_text(mandatory.share, locale)))
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
            source_lines([page.by_function.source, page.by_nature.source], locale),
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
                amount=amount_text(line, locale),
                share=share_text(line.share, locale),
            )
            old = previous.line(item)
            if old is not None and old.figure_kind == line.figure_kind == "決算":
                text += change_sentence(line.value, old.value, locale) or ""
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
                    source_lines([page.by_nature.source], locale),
                    1,
                )
            )
    return out
