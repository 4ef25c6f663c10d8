"""Status of an indicator value against its thresholds: words and icon keys, never colour alone.

At a threshold counts as crossed (the law says 「以上」). Which lines are in force for a value is decided in one place,
:mod:`finance.indicators.thresholds`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Where a value stands. The value is also the catalog key under ``status.``."""

    SOUND = "sound"
    CAUTION = "caution"
    EARLY = "early"
    MANAGEMENT = "management"
    REBUILDING = "rebuilding"
    NOT_RATED = "not_rated"
    NO_DEFICIT = "no_deficit"
    NOT_COMPUTED = "not_computed"
    NO_DATA = "no_data"


ICONS: dict[Status, str] = {
    Status.SOUND: "✓",
    Status.CAUTION: "!",
    Status.EARLY: "▲",
    Status.MANAGEMENT: "▲",
    Status.REBUILDING: "✕",
    Status.NOT_RATED: "—",
    Status.NO_DEFICIT: "—",
    Status.NOT_COMPUTED: "—",
    Status.NO_DATA: "?",
}


@dataclass(frozen=True)
class Lines:
    """The threshold lines that apply to one value (``None`` where the law sets none)."""

    early: float | None
    rebuilding: float | None
    caution: float | None = None


def classify(value: float | None, lines: Lines) -> Status:
    """The status of a numeric value: the highest line reached, «at» counting as reached.

    A value with no line in force (a year before the law, an indicator without legal lines) is not rated.
    """
    if value is None:
        return Status.NO_DATA
    if lines.early is None and lines.rebuilding is None and lines.caution is None:
        return Status.NOT_RATED
    if lines.rebuilding is not None and value >= lines.rebuilding:
        return Status.REBUILDING
    if lines.early is not None and value >= lines.early:
        return Status.EARLY
    if lines.caution is not None and value >= lines.caution:
        return Status.CAUTION
    return Status.SOUND


def classify_published(value: float | None, published_status: str, lines: Lines) -> Status:
    """The status of a published ratio; «—» values keep their printed meaning and are never rated as numbers."""
    if published_status == "no_deficit":
        return Status.NO_DEFICIT
    if published_status == "non_positive":
        return Status.NOT_COMPUTED
    if published_status != "ok":
        return Status.NO_DATA
    return classify(value, lines)
