"""The overview's 「会議・広報用の資料」 links the residents' booklet of the same body, year and language."""

from __future__ import annotations

from dash import html

from layouts.tools import handout_links


def _links(node: object) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if isinstance(node, html.A):
        found.append((str(node.children), str(node.href)))
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += _links(child)
    return found


def test_handout_links_include_the_booklet_html_and_pdf():
    links = _links(handout_links("?m=012149&y=2013&lang=easy", "ja"))
    assert ("財政白書（印刷用）", "/booklet?m=012149&y=2013&lang=easy") in links
    assert ("財政白書（PDF）", "/booklet.pdf?m=012149&y=2013&lang=easy") in links
