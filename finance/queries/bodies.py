"""The bodies of the data: their names and kinds, their accounts, what the data holds for each, recorded notes."""

from __future__ import annotations

from finance.load import Dataset
from finance.text import is_japanese


def municipalities(ds: Dataset) -> list[tuple[str, str, str]]:
    """``(code, name_ja, name_en)`` of every municipality, in code order."""
    return list(ds.municipality_list)


def municipality_name(ds: Dataset, code: str, locale: str = "ja") -> str | None:
    """The name of a body in ``locale`` (the Japanese name where no English one is recorded); ``None`` if unknown."""
    row = ds.body(code)
    if row is None:
        return None
    english = row.get("name_en")
    if not is_japanese(locale) and isinstance(english, str) and english:
        return english
    return str(row["name_ja"])


def body_kind_and_name(ds: Dataset, code: str) -> tuple[str | None, str]:
    """The kind (市, 町, 村, 特別区, 指定都市, 都道府県) and Japanese name of a body; ``(None, "")`` if unknown."""
    row = ds.body(code)
    return (None, "") if row is None else (str(row["kind"]), str(row["name_ja"]))


REGISTERED_TABLES: tuple[tuple[str, str], ...] = (
    ("settlement", "settlement"),
    ("ratios", "indicators"),
    ("ratio_components", "components"),
    ("enterprise", "enterprise"),
    ("funds", "funds"),
    ("debt", "debt"),
    ("staff", "staff"),
)


def registered(ds: Dataset, code: str) -> tuple[str, ...]:
    """What the data holds for a body, as catalog keys under ``registered.`` (memoised per body).

    Every table with a row, and ``plan`` when any figure is a plan (計画) or an estimate (決算見込).
    """
    key = ("registered", code)
    found = ds.memo.get(key)
    if found is None:
        topics = [topic for table, topic in REGISTERED_TABLES if not ds.rows(table, code).empty]
        if any((ds.rows(t, code)["figure_kind"] != "決算").any() for t, _ in REGISTERED_TABLES):
            topics.append("plan")
        found = tuple(topics)
        ds.memo[key] = found
    return found  # type: ignore[return-value]


def discrepancy_notes(
    ds: Dataset, file: str, code: str, year: int, account: str, items: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """The recorded notes (ja, en) of ``discrepancies.csv`` for a figure: where a source does not reconcile."""
    frame = ds["discrepancies"]
    rows = frame[
        (frame["file"] == file)
        & (frame["municipality_code"] == code)
        & (frame["fiscal_year"] == year)
        & (frame["account"] == account)
        & frame["item"].isin(items)
    ]
    return tuple(zip(rows["description_ja"].astype(str), rows["description_en"].astype(str), strict=True))


def account_names(ds: Dataset, code: str, locale: str = "ja") -> dict[str, str]:
    """Account codes of a municipality mapped to their names in ``locale``."""
    frame = ds.rows("accounts", code)
    rows = frame[frame["municipality_code"] == code]
    column = "name_ja" if is_japanese(locale) else "name_en"
    return dict(zip(rows["account"], rows[column], strict=True))
