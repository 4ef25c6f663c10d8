"""The one threshold resolver: the lines in force for a value, its status against them and the distance to the next.

Thresholds printed beside a value win; otherwise the legal table (``reference/thresholds.csv``) applies for the
body kind and year; the 実質赤字比率 early line of a 市町村 depends on 標準財政規模 and, when not printed, is
computed with the documented formula and labelled as an estimate (推計). For 資金不足比率 the early line is the
経営健全化基準. Nothing else rates a value against lines: every page uses :func:`lines_for` through
:func:`finance.indicators.evaluation.evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from finance import calc, formatting, queries, status
from finance.indicators.computation import standard_fiscal_scale
from finance.load import Dataset
from finance.status import Lines, Status


def body_kind(dataset: Dataset, municipality_code: str) -> str:
    """The threshold body kind of a municipality: 市町村, 指定都市 or 都道府県."""
    body = dataset.body(municipality_code)
    kind = str(body["kind"]) if body else ""
    return kind if kind in ("指定都市", "都道府県") else "市町村"


def legal_lines(dataset: Dataset, municipality_code: str, indicator: str, fiscal_year: int) -> Lines:
    """The lines of ``thresholds.csv`` in force for a municipality's body kind in a settlement year."""
    frame = dataset["thresholds"]
    rows = frame[
        (frame["indicator"] == indicator)
        & (frame["body_kind"] == body_kind(dataset, municipality_code))
        & (frame["year_from"] <= fiscal_year)
        & (frame["year_to"].isna() | (frame["year_to"] >= fiscal_year))
    ]
    found = {str(level): float(value) for level, value in zip(rows["level"], rows["value"], strict=True)}
    return Lines(found.get("early"), found.get("rebuilding"), found.get("permission"))


@dataclass(frozen=True)
class RatedLines:
    """The lines in force for a value, and where the early line comes from."""

    lines: Lines
    early_basis: Literal["published", "law", "estimate", "none"]
    management: bool = False  # 資金不足比率: the early line is the 経営健全化基準


def lines_for(
    ds: Dataset, indicator: str, code: str, year: int, published: queries.PublishedRatio | None
) -> RatedLines:
    """Thresholds of a value: printed ones first, then the legal table, then the S-dependent estimate."""
    printed_early = published.early_threshold if published else None
    printed_rebuilding = published.rebuilding_threshold if published else None
    legal = legal_lines(ds, code, indicator, year)
    if indicator == "funding_shortfall_ratio":
        frame = ds["thresholds"]
        rows = frame[(frame["indicator"] == indicator) & (frame["level"] == "management")]
        management = float(rows["value"].iloc[0]) if not rows.empty else None
        early = printed_early if printed_early is not None else management
        return RatedLines(Lines(early, None), "published" if printed_early is not None else "law", True)
    basis: Literal["published", "law", "estimate", "none"] = "law"
    early = legal.early
    if printed_early is not None:
        early, basis = printed_early, "published"
    elif early is None and indicator in ("real_deficit_ratio", "consolidated_real_deficit_ratio"):
        s = standard_fiscal_scale(ds, code, year)
        if s is not None and body_kind(ds, code) == "市町村":
            estimate = calc.early_threshold_real_deficit(s) + (5 if indicator.startswith("consolidated") else 0)
            early, basis = float(formatting.decimal_places(estimate, 2, "round")), "estimate"
    rebuilding = printed_rebuilding if printed_rebuilding is not None else legal.rebuilding
    caution = legal.caution if indicator == "real_debt_service_ratio" else None
    return RatedLines(Lines(early, rebuilding, caution), basis if early is not None else "none")


def rate(value: float | None, published_status: str, rated: RatedLines) -> Status:
    """The status of a value; for 資金不足比率 the early line is the 経営健全化基準."""
    result = status.classify_published(value, published_status, rated.lines)
    if rated.management and result is Status.EARLY:
        return Status.MANAGEMENT
    return result


@dataclass(frozen=True)
class Distance:
    """How far a value is from the next line above it (or how far above the highest line it reached)."""

    level: Literal["caution", "early", "rebuilding", "management"]
    line: float
    points: Decimal  # positive: below the line by this many points; zero or negative: at or above it


def distance_to_next(value: float | None, rated: RatedLines) -> Distance | None:
    """The next line above ``value``; if all lines are crossed, the highest crossed line (negative points)."""
    if value is None:
        return None
    lines: list[tuple[Literal["caution", "early", "rebuilding", "management"], float]] = []
    if rated.lines.caution is not None:
        lines.append(("caution", rated.lines.caution))
    if rated.lines.early is not None:
        lines.append(("management" if rated.management else "early", rated.lines.early))
    if rated.lines.rebuilding is not None:
        lines.append(("rebuilding", rated.lines.rebuilding))
    if not lines:
        return None
    shown = Decimal(str(value))
    for level, line in sorted(lines, key=lambda item: item[1]):
        if shown < Decimal(str(line)):
            return Distance(level, line, Decimal(str(line)) - shown)
    level, line = max(lines, key=lambda item: item[1])
    return Distance(level, line, Decimal(str(line)) - shown)
