"""The residents' booklet (財政白書, ``/booklet``) as one printable HTML document.

The booklet is data (:mod:`finance.booklet`); this module only lays it out with a Jinja2 template
(``layouts/templates/booklet.html``, autoescaped, no script, CSS inline) for the screen, the browser's print and the
server's PDF. The contents page carries page numbers when they are known (the PDF is printed twice: the first
printing tells on which page each section begins, see ``web/booklet.py``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from finance.booklet import Booklet
from finance.text import html_lang, t
from layouts.handout import css_string

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


@cache
def _css() -> str:
    return (TEMPLATES / "booklet.css").read_text(encoding="utf-8")


def anchor(chapter: str, section: str) -> str:
    """The element id of a section (also the key of its page number)."""
    return f"{chapter}-{section}"


def marker(chapter_number: str, number: str) -> str:
    """The start of a section heading in the body, 「【I-1」 or 「《(2)」: the contents never prints these brackets."""
    return f"《{number}" if number.startswith("(") else f"【{chapter_number}-{number}"


def heading(chapter_number: str, number: str, title: str) -> str:
    """A section heading as printed in the body: 「【I-1 歳入・歳出決算状況】」, 「《(1) 市税》」."""
    return f"{marker(chapter_number, number)} {title}{'》' if number.startswith('(') else '】'}"


def render(
    booklet: Booklet,
    *,
    date: str,
    version: str,
    views: list[tuple[str, str]],
    pages: dict[str, int] | None = None,
    printing: bool = False,
) -> str:
    """The booklet as an HTML document; ``pages`` maps section anchors to page numbers (``None``: not known)."""
    locale = booklet.locale
    chapters = []
    for chapter in booklet.chapters:
        sections = [
            {
                "anchor": anchor(chapter.key, s.key),
                "number": s.number,
                "title": s.title,
                "heading": heading(chapter.number, s.number, s.title),
                "depth": s.depth,
                "sentences": s.sentences,
                "tables": s.tables,
                "notes": s.notes,
                "sources": s.sources,
                "page": (pages or {}).get(anchor(chapter.key, s.key)),
            }
            for s in chapter.sections
        ]
        chapters.append(
            {
                "key": chapter.key,
                "number": chapter.number,
                "title": chapter.title,
                "sections": sections,
                "omitted": chapter.omitted,
            }
        )
    return (
        _environment()
        .get_template("booklet.html")
        .render(
            html_lang=html_lang(locale),
            title=booklet.title,
            subtitle=booklet.subtitle,
            kicker=t("booklet.kicker", locale),
            css=_css(),
            running_head=css_string(f"{booklet.title} {booklet.year_label}"),
            meta=[
                (t("booklet.cover_body", locale), f"{booklet.name}（{booklet.code}）"),
                (t("booklet.cover_year", locale), booklet.year_label),
                (t("booklet.cover_date", locale), date),
                (t("booklet.cover_version", locale), version),
            ],
            sources_heading=t("booklet.cover_sources", locale),
            sources=booklet.sources,
            notes=booklet.notes,
            nav_label=t("booklet.nav", locale),
            views=views,
            contents_heading=t("booklet.contents", locale),
            page_label=t("booklet.contents_page", locale),
            chapters=chapters,
            with_pages=pages is not None,
            printing=printing,
            colophon=t("booklet.colophon", locale),
        )
    )
