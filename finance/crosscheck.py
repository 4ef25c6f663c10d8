"""The seed documents against the national tables: where both give a body, year and indicator (or population).

A document's figure and the ministry's are both kept (nothing is merged); this module says, for every pair,
whether they agree — the same printed status and the same value at the coarser of the two printed precisions —
and shows both with their sources where they do not. A plan's 決算見込 or 計画 figure is compared too and
labelled with its kind: a difference there is what the plan expected against what was settled.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from finance import queries
from finance.load import Dataset


@dataclass(frozen=True)
class Check:
    """One figure given by both a seed document and a national table."""

    municipality_code: str
    fiscal_year: int
    subject: str  # an indicator code, or "population"
    figure_kind: str  # of the document's figure: 決算, 決算見込 or 計画
    document_text: str
    national_text: str
    agree: bool
    document: queries.Source
    national: queries.Source


def _decimals(text: str) -> int:
    digits = text.split(".")[1] if "." in text else ""
    return len("".join(c for c in digits if c.isdigit()))


def _same(a: float, a_text: str, b: float, b_text: str) -> bool:
    places = min(_decimals(a_text), _decimals(b_text))
    step = Decimal(1).scaleb(-places)
    return Decimal(str(a)).quantize(step, ROUND_HALF_UP) == Decimal(str(b)).quantize(step, ROUND_HALF_UP)


def _text(value: object, status: str) -> str:
    if status != "ok" or value is None or pd.isna(value):  # type: ignore[call-overload]
        return "—"
    return str(value)


def checks(ds: Dataset, code: str) -> tuple[Check, ...]:
    """Every figure of ``code`` that a seed document and a national table both give, in year order."""
    key = ("crosscheck", code)
    found = ds.memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    national = ds.national_source_ids
    out: list[Check] = []
    ratios = ds.records("ratios", code)
    mine = [r for r in ratios if r["source_id"] not in national]
    theirs: dict[tuple[int, str], dict[str, object]] = {}
    for r in ratios:  # the national tables give each indicator on one account (普通会計 or 一般会計等)
        if r["source_id"] in national:
            theirs.setdefault((int(str(r["fiscal_year"])), str(r["indicator"])), r)
    for r in mine:
        other = theirs.get((int(str(r["fiscal_year"])), str(r["indicator"])))
        if other is None or r["status"] == "missing":
            continue
        a_text = str(r["published_text"]) if r["status"] == "ok" else _text(r["value"], str(r["status"]))
        if r["status"] == "ok" and other["status"] == "ok":
            a_num = _text(r["value"], "ok")
            agree = _same(float(str(r["value"])), a_num, float(str(other["value"])), str(other["published_text"]))
        else:
            agree = r["status"] == other["status"]
        out.append(
            Check(
                code,
                int(str(r["fiscal_year"])),
                str(r["indicator"]),
                str(r["figure_kind"]),
                a_text,
                str(other["published_text"]) if other["status"] == "ok" else "—",
                agree,
                queries.source_of(ds, r),
                queries.source_of(ds, other),
            )
        )
    people = ds.records("population", code)
    registered = {str(r["as_of"]): r for r in people if r["source_id"] in national}
    for r in people:
        other = registered.get(str(r["as_of"]))
        if r["source_id"] in national or other is None:
            continue
        out.append(
            Check(
                code,
                int(str(r["fiscal_year"])),
                "population",
                str(r["figure_kind"]),
                f"{int(str(r['population'])):,}",
                f"{int(str(other['population'])):,}",
                int(str(r["population"])) == int(str(other["population"])),
                queries.source_of(ds, r),
                queries.source_of(ds, other),
            )
        )
    result = tuple(sorted(out, key=lambda c: (c.fiscal_year, c.subject)))
    ds.memo[key] = result
    return result


CSV_COLUMNS = (
    "municipality_code",
    "fiscal_year",
    "subject",
    "figure_kind",
    "document_value",
    "document_source",
    "national_value",
    "national_source",
    "result",
)


def _cite(source: queries.Source) -> str:
    return f"{source.source_id} {source.table} {source.lines}".strip()


def to_csv(ds: Dataset, only_differ: bool = False) -> str:
    """Every check of every body with its own documents as CSV (one row each, both sources cited).

    ``result`` is ``agree`` or ``differ``; neither value is changed or merged — the record of where a document and
    the national tables part.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for code in sorted(ds.seed_codes):
        for c in checks(ds, code):
            if only_differ and c.agree:
                continue
            writer.writerow(
                (
                    c.municipality_code,
                    c.fiscal_year,
                    c.subject,
                    c.figure_kind,
                    c.document_text,
                    _cite(c.document),
                    c.national_text,
                    _cite(c.national),
                    "agree" if c.agree else "differ",
                )
            )
    return out.getvalue()
