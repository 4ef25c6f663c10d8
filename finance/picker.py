"""Find a body among the 1,788 by typing part of its name or its code: a filtered list grouped by 都道府県.

The national tables print names in kanji only: no reading (かな) and no romaji is published with them, so a body
is found by its name as printed (漢字・かな as written, e.g. 「さいたま市」), by its prefecture and name, or by its
団体コード. Only the bodies of the seed documents carry a reading (``reference/municipalities.csv``), and they are
found by it too. Nothing is guessed: a reading that no source gives is not made up.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from finance.load import Dataset

MAX_SHOWN = 40
"""At most this many bodies are listed; the count of all matches is always given."""


@dataclass(frozen=True)
class Entry:
    """One body that can be picked."""

    code: str
    name_ja: str
    name_en: str
    prefecture_ja: str
    kind: str
    kana: str
    search_key: str  # normalised name, prefecture + name and reading


@dataclass(frozen=True)
class Group:
    """The matches of one 都道府県, in code order."""

    prefecture_ja: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Result:
    """What a query found: the groups shown, how many bodies they hold and how many matched in all."""

    query: str
    groups: tuple[Group, ...]
    shown: int
    total: int


def normalise(text: str) -> str:
    """Width-folded (NFKC), lower-case, katakana as hiragana, without spaces: 「ｻｯﾎﾟﾛ」→「さっぽろ」."""
    folded = unicodedata.normalize("NFKC", text).lower()
    chars = [chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in folded]
    return "".join(c for c in chars if not c.isspace())


def entries(ds: Dataset) -> tuple[Entry, ...]:
    """Every current body (the 1,788 of the latest national table, plus the seed bodies), in code order.

    Bodies merged away before FY2024 stay reachable by their link (``?m=``) but are not offered here.
    """
    key = ("picker_entries",)
    found = ds.memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    current: set[str] | None = None
    if "national_municipalities" in ds.tables:
        frame = ds["national_municipalities"]
        current = set(frame.loc[frame["current"] == "yes", "municipality_code"])
    out = []
    for code, _, _ in ds.municipality_list:
        if current is not None and code not in current and code not in ds.seed_codes:
            continue
        body = ds.body(code) or {}
        name, prefecture = str(body.get("name_ja", "")), str(body.get("prefecture_ja", ""))
        kana = str(body.get("name_kana") or "")
        search_key = "\n".join(normalise(s) for s in (name, prefecture + name, kana) if s)
        out.append(
            Entry(code, name, str(body.get("name_en") or ""), prefecture, str(body.get("kind", "")), kana, search_key)
        )
    result = tuple(out)
    ds.memo[key] = result
    return result


def search(ds: Dataset, query: str, limit: int = MAX_SHOWN) -> Result:
    """The bodies whose name, prefecture + name, reading or code contains ``query`` (a code matches from its start).

    An empty query finds nothing (the picker then shows its hint, not 1,788 links).
    """
    wanted = normalise(query)[:40]
    if not wanted:
        return Result(query, (), 0, 0)
    matches = [e for e in entries(ds) if wanted in e.search_key or (wanted.isdigit() and e.code.startswith(wanted))]
    exact = [e for e in matches if normalise(e.name_ja) == wanted]
    ordered = exact + [e for e in matches if e not in exact]
    shown = sorted(ordered[:limit], key=lambda e: e.code)
    groups: list[Group] = []
    for entry in shown:
        if groups and groups[-1].prefecture_ja == entry.prefecture_ja:
            groups[-1] = Group(entry.prefecture_ja, (*groups[-1].entries, entry))
        else:
            groups.append(Group(entry.prefecture_ja, (entry,)))
    return Result(query, tuple(groups), len(shown), len(matches))
