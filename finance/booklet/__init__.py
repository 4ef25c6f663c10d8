"""The residents' booklet (財政白書) of one body and year, as data: chapters → sections → sentences and tables.

Modelled on 「稚内市財政の状況 平成25年度」 (seed 004): I 決算の概要 (1 決算状況, 2 決算の推移と{resident}1人あたり,
3 歳入, 4 歳出, 5 基金・地方債・職員・繰出金) and II 健全化判断比率の概要 (1 the four ratios against their lines,
2–5 each ratio's 算出の状況, 6 資金不足比率, 7 その他の財政指標). Every section is built from the domain queries of
the pages; a section without data is left out and one sentence names what is missing. Every number keeps its
published precision (tables of 千円 as printed, 万円 truncated as the booklet's tables, 「約」 rounded as its text);
決算 / 決算見込 / 計画 are never mixed in a sentence (only 決算 figures are narrated). The layer renders this with
a template (``layouts/booklet.py``) and never parses the text back.

The package: :mod:`~finance.booklet.model` (the dataclasses), :mod:`~finance.booklet.text` (the small text helpers),
chapter I in :mod:`~finance.booklet.settlement` (1 決算状況, 2 推移), :mod:`~finance.booklet.revenue` (3 歳入),
:mod:`~finance.booklet.expenditure` (4 歳出) and :mod:`~finance.booklet.stock` (5 基金・地方債・職員・繰出金),
chapter II in :mod:`~finance.booklet.ratios`; :func:`build` here assembles them.
"""

from __future__ import annotations

from collections.abc import Callable

from finance import queries
from finance.booklet.expenditure import expenditure_sections
from finance.booklet.model import Booklet, Chapter, Section, Table
from finance.booklet.ratios import chapter_two
from finance.booklet.revenue import revenue_sections
from finance.booklet.settlement import CAUSES, TREND_YEARS, settlement_section, trend_section
from finance.booklet.stock import stock_sections
from finance.booklet.text import source_text, year_text
from finance.load import Dataset
from finance.text import body_words, is_japanese, t

__all__ = ["CAUSES", "TREND_YEARS", "Booklet", "Chapter", "Section", "Table", "build", "source_text"]


def _chapter_one(ds: Dataset, code: str, year: int, locale: str, resident: str) -> Chapter:
    sections: list[Section] = []
    omitted: list[str] = []
    built: list[tuple[str, Callable[[], list[Section]]]] = [
        (
            "booklet.s_settlement_short",
            lambda: [s for s in [settlement_section(ds, code, year, locale, resident)] if s],
        ),
        ("booklet.s_trend_short", lambda: [s for s in [trend_section(ds, code, year, locale, resident)] if s]),
        ("booklet.s_revenue", lambda: revenue_sections(ds, code, year, locale, resident)),
        ("booklet.s_expenditure", lambda: expenditure_sections(ds, code, year, locale, resident)),
    ]
    for title_key, build in built:
        found = build()
        if found:
            sections += found
        else:
            omitted.append(t("booklet.omitted", locale, what=t(title_key, locale, resident=resident)))
    stocks, missing = stock_sections(ds, code, year, locale, resident)
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


def build(ds: Dataset, code: str, year: int, locale: str) -> Booklet:
    """The booklet of one body and year in ``locale`` (``ja``, ``en`` or ``easy``)."""
    kind, name_ja = queries.body_kind_and_name(ds, code)
    name = queries.municipality_name(ds, code, locale) or code
    resident = body_words(locale, kind, name_ja)["resident"]
    chapters = (_chapter_one(ds, code, year, locale, resident), chapter_two(ds, code, year, locale, name))
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
        t("booklet.subtitle", locale, year=year_text(year, locale)),
        year_text(year, locale),
        chapters,
        sources,
        (t("booklet.note_kinds", locale), t("booklet.note_missing", locale)),
    )
