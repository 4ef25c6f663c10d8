"""The :class:`Dataset`: the validated, read-only tables of a data folder and the lookups the pages make."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from finance.validation import Issue


@dataclass(frozen=True)
class Dataset:
    """Validated, read-only data: one DataFrame per file (index = line number in the file).

    Attributes:
        tables: DataFrames keyed by the file's spec name (``"settlement"``, ``"ratios"`` …).
        version: a short hash of every file's bytes; part of every cache key.
        notices: recorded source discrepancies found while checking sums.
        data_dir: the folder the data came from.
    """

    tables: dict[str, pd.DataFrame]
    version: str
    notices: tuple[Issue, ...]
    data_dir: Path
    spans: dict[str, dict[str, tuple[int, int]]]  # table -> municipality code -> (start, stop) positions
    municipality_list: tuple[tuple[str, str, str], ...] = ()  # (code, name_ja, name_en) in code order
    codes: frozenset[str] = frozenset()  # every municipality code, for O(1) checks of untrusted input
    seed_codes: frozenset[str] = frozenset()  # bodies of data/reference/municipalities.csv (their own documents)
    national_source_ids: frozenset[str] = frozenset()  # sources of the rows taken from national/ (project ids)
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    MEMO_LIMIT = 20_000

    def records(self, name: str, code: str) -> list[dict[str, object]]:
        """The rows of one municipality as plain dicts (with their ``line``), built once per process.

        Page queries filter a few hundred rows many times; Python lists do that in microseconds where a
        DataFrame filter costs a tenth of a millisecond each. The memo is bounded and derived from
        immutable data, so it never changes an answer.
        """
        key = ("records", name, code)
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) > self.MEMO_LIMIT:
                self.memo.clear()
            found = self.rows(name, code).reset_index().to_dict("records")
            self.memo[key] = found
        return found  # type: ignore[return-value]

    def body(self, code: str) -> dict[str, object] | None:
        """The ``municipalities`` row of a body as a dict (``None`` if unknown); a dict lookup, built once."""
        key = ("bodies",)
        found = self.memo.get(key)
        if found is None:
            frame = self.tables["municipalities"]
            found = {str(r["municipality_code"]): r for r in frame.to_dict("records")}
            self.memo[key] = found
        return found.get(code)  # type: ignore[attr-defined, no-any-return]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def rows(self, name: str, code: str) -> pd.DataFrame:
        """The rows of one municipality in a table.

        Tables are sorted by code at load, so this is a slice: a lookup costs the same whether the data holds
        three municipalities or seventeen thousand.
        """
        start, stop = self.spans[name].get(code, (0, 0))
        return self.tables[name].iloc[start:stop]
