"""Provenance for people: the document's page from a row's transcription lines, never the lines themselves."""

from __future__ import annotations

import pytest

from finance import provenance, queries
from finance.provenance import page_label, valid_page_map

MAP = "50-90=1;91-134=2;386-460=20-21;461-511=22-23"


@pytest.mark.parametrize(
    ("lines", "page"),
    [
        ("61", "p.1"),
        ("100", "p.2"),
        ("61, 100", "pp.1, 2"),
        ("61、62、63", "p.1"),
        ("61-100", "pp.1–2"),
        ("61–100", "pp.1–2"),
        ("400", "pp.20–21"),  # a section the contents list from p.20 while the next starts on p.22
        ("461", "pp.22–23"),
        ("p.12", "p.12"),  # a row that names its page keeps it
        ("30", ""),  # the cover and contents: no page known, none said
        ("61, 30", ""),  # one line without a page: no partial answer
        ("", ""),
    ],
)
def test_page_label(lines, page):
    assert page_label(lines, MAP) == page


def test_no_map_no_page():
    assert page_label("61", "") == ""
    assert page_label("61", "not a map") == ""


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        (MAP, True),
        ("1-1=1", True),
        ("50-90=1;80-100=2", False),  # overlap
        ("50-90=1;10-20=2", False),  # not in order
        ("90-50=1", False),
        ("50-90=0", False),
        ("50-90=3-2", False),
        ("50-90", False),
        ("p.1", False),
    ],
)
def test_valid_page_map(text, ok):
    assert valid_page_map(text) is ok


def test_every_wakkanai_row_has_a_page_and_the_plans_have_none(dataset):
    """稚内市財政の状況 has a table of contents, so every figure read from it has a page; the Nakatonbetsu and
    Kushiro plans print no page numbers, so none is said."""
    pages: dict[str, set[str | None]] = {}
    for name in ("settlement", "ratios", "enterprise", "funds", "debt", "staff", "population", "narrative_figures"):
        frame = dataset[name]
        for row in frame.to_dict("records"):
            pages.setdefault(str(row["source_id"]), set()).add(queries.source_of(dataset, row).page)
    assert None not in pages["WK"]
    assert {"p.1", "p.2", "p.18", "pp.22–23"} <= pages["WK"]
    assert pages["NT"] == {None} and pages["KS"] == {None}


def test_wakkanai_pages_follow_the_contents(dataset):
    """The booklet's contents: 1 決算状況 p.1, 2 決算の推移 p.2, (1) 市税 p.4, II-1 健全化判断比率 p.18."""
    sources = {str(r["source_id"]): r for r in dataset["sources"].to_dict("records")}
    wk = str(sources["WK"]["pages"])
    assert page_label("61", wk) == "p.1"  # 市税 in the settlement table
    assert page_label("116", wk) == "p.2"  # 市民1人あたり, under section 2
    assert page_label("150", wk) == "p.4"
    assert page_label("330", wk) == "p.18"
    assert provenance.short_title("稚内市財政の状況 平成25年度…", "稚内市財政の状況") == "稚内市財政の状況"
