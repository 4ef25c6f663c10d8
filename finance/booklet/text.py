"""The booklet's small text helpers: source lines, amounts and shares as printed, years, change sentences.

Every number keeps its published precision: 万円 truncated as the booklet's tables, 「約」 rounded as its text.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from finance import formatting
from finance.queries import Fact, Source
from finance.text import is_japanese, t
from finance.topics.common import Line


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


def source_lines(items: Sequence[Source | None], locale: str) -> tuple[str, ...]:
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


def man_text(value: int | None, locale: str) -> str:
    """An amount at 万円 precision, truncated as the booklet's tables (246億4,984万円)."""
    return formatting.yen_oku_man(value, mode="truncate", locale=locale)


def amount_text(line: Line | Fact, locale: str) -> str:
    """An amount as printed: 「約」 for narrative approximations, else 万円 truncated."""
    if line.rounding == "approx":
        return formatting.yen_approx(line.value, mode="round", locale=locale)
    return man_text(line.value, locale)


def share_text(value: Decimal | None, locale: str) -> str:
    """A share at one decimal, rounded (「12.3%」)."""
    return formatting.percent(value, decimals=1, mode="round", locale=locale)


def year_text(year: int, locale: str) -> str:
    """The fiscal year as the booklet names it (「平成25年度」 / 「FY2013」)."""
    return formatting.fiscal_year_label(year, locale)


def short_year_text(year: int, locale: str) -> str:
    """「H25」 / 「FY2013」 for table rows."""
    if not is_japanese(locale):
        return f"FY{year}"
    _, short, _, number = formatting.era_year(year)
    return f"{short}{number}"


def change_sentence(current: int | None, previous: int | None, locale: str, **params: str) -> str | None:
    """「前年度と比較して約…増加／減少しています。」 for two exact amounts; ``None`` otherwise."""
    if current is None or previous is None:
        return None
    difference = current - previous
    if difference == 0:
        return t("booklet.change_none", locale, **params)
    key = "booklet.change_increase" if difference > 0 else "booklet.change_decrease"
    return t(key, locale, change=formatting.yen_approx(abs(difference), mode="truncate", locale=locale), **params)


def item_name(line: Line, locale: str, resident: str) -> str:
    """The item's name; 地方税 is called 市税 / 町税 / 村税 / 県税 … as the body's own booklet does."""
    if line.key == "rev_local_tax" and is_japanese(locale):
        return t("booklet.body_tax", locale, body=resident.removesuffix("民"))
    return line.name(locale)
