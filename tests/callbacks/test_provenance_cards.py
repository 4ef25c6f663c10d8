"""Card provenance for people: a short 出典 with the document's page, the full line one tap away, never a
transcription line number (「102行」, "line 96")."""

from __future__ import annotations

import re

import pytest
from dash import html

from callbacks import indicators, overview, resident
from tests.callbacks.test_callbacks import texts

WK, NT, KS = "012149", "015130", "012068"
BODIES = {WK: 2013, NT: 2010, KS: 2006}
PAGES = ("revenue", "expenditure", "funds", "debt", "staff", "enterprise")
LINE_JA = re.compile(r"\d\s*行")
LINE_EN = re.compile(r"\bline", re.IGNORECASE)


def _details(tree) -> list[html.Details]:
    found = []
    if isinstance(tree, (list, tuple)):
        for child in tree:
            found += _details(child)
        return found
    if isinstance(tree, html.Details) and "source-details" in str(getattr(tree, "className", "")):
        found.append(tree)
    children = getattr(tree, "children", None)
    if children is not None:
        found += _details(children)
    return found


def _notes(code: str, locale: str) -> list[tuple[str, str]]:
    state = {"municipality": code, "year": BODIES[code], "locale": locale, "mode": "total"}
    trees = [overview.update_overview(state), indicators.update_indicators(state)]
    trees += [getattr(resident, f"update_{page}")(state) for page in PAGES]
    out = []
    for details in _details(trees):
        summary, full = details.children
        assert isinstance(summary, html.Summary) and "source-note" in full.className
        out.append((texts(summary), texts(full)))
    return out


@pytest.mark.parametrize("locale", ["ja", "en", "easy"])
@pytest.mark.parametrize("code", [WK, NT, KS])
def test_cards_show_pages_never_lines(dash_app, code, locale):
    notes = _notes(code, locale)
    assert notes, "no source on the pages"
    for summary, full in notes:
        for text in (summary, full):
            assert not LINE_JA.search(text), text
            if locale == "en":
                assert not LINE_EN.search(text), text
    shorts = {s for s, _ in notes}
    if code == WK:  # the booklet's contents give every figure its page
        booklet = {s for s in shorts if "稚内市財政の状況" in s or "Finances of Wakkanai" in s}
        assert booklet and all(re.search(r"pp?\.\d", s) for s in booklet), shorts
        if locale == "ja":
            assert "出典: 稚内市財政の状況 p.1" in shorts
            assert any(
                f.startswith("出典: 稚内市政策調整部財政経営課「稚内市財政の状況 ") and f.endswith("、p.1")
                for _, f in notes
            )
        if locale == "en":
            assert "Source: The Finances of Wakkanai City, p.1" in shorts
    if code in (NT, KS):  # the plans print no page numbers: the document's name only
        assert not any("p." in s for s in shorts), shorts
    if code == NT and locale == "ja":
        assert "出典: 中頓別町 公債費負担適正化計画" in shorts
