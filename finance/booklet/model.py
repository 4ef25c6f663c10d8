"""The booklet as data: a :class:`Booklet` of chapters, sections, sentences and tables of display text."""

from __future__ import annotations

from dataclasses import dataclass, field


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
