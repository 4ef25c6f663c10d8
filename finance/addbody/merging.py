"""Merging a plan into a data folder: written to a copy, validated like the server does, and only then replaced."""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from finance.addbody.codes import read_codes
from finance.addbody.planning import Plan, plan_rows
from finance.addbody.reading import read_rows
from finance.load import Dataset, load_dataset
from finance.schemas import SPEC_BY_NAME


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: Iterable[Mapping[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _key(row: Mapping[str, str], key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(row.get(k, "") for k in key)


def merge(folder: Path, plan: Plan) -> dict[str, tuple[int, int]]:
    """Write the plan into ``folder``: a row with the same key replaces the old one. Returns (added, replaced)."""
    counts: dict[str, tuple[int, int]] = {}
    for name, new_rows in plan.rows.items():
        spec = SPEC_BY_NAME[name]
        path = folder / spec.path
        columns, old = _read(path) if path.is_file() else (spec.column_names, [])
        fresh = {_key(r, spec.key): r for r in new_rows}
        kept = [r for r in old if _key(r, spec.key) not in fresh]
        replaced = len(old) - len(kept)
        if name in ("sources",):
            replaced = 0
        _write(path, columns or spec.column_names, [*kept, *fresh.values()])
        counts[name] = (len(fresh) - replaced, replaced)
    return counts


@dataclass(frozen=True)
class Outcome:
    """The result of adding a file: what was written and the validated dataset."""

    counts: Mapping[str, tuple[int, int]]
    bodies: Sequence[tuple[str, str, str]]
    dataset: Dataset


def add(file: Path, data_dir: Path) -> Outcome:
    """Check ``file``, merge it into a copy of ``data_dir``, validate the copy, and only then replace the files.

    Raises:
        AddError: the flat file has errors (nothing written).
        DataValidationError: the merged data would not validate (nothing written).
    """
    codes = read_codes(data_dir)
    rows = read_rows(file, codes)
    _, sources = _read(data_dir / "reference" / "sources.csv")
    plan = plan_rows(rows, codes, sources)
    with tempfile.TemporaryDirectory(prefix="mieruka-add-") as scratch:
        work = Path(scratch) / "data"
        shutil.copytree(data_dir, work, ignore=shutil.ignore_patterns("official"))  # raw files: not loaded
        counts = merge(work, plan)
        dataset = load_dataset(work)  # raises DataValidationError: nothing is written then
        for name in plan.rows:
            target = data_dir / SPEC_BY_NAME[name].path
            staged = target.with_name(target.name + ".new")
            shutil.copyfile(work / SPEC_BY_NAME[name].path, staged)
            staged.replace(target)
    return Outcome(counts, plan.bodies, dataset)
