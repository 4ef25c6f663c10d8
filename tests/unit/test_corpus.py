"""The malformed-input corpus (tests/corpus/, made by make_corpus.py) and a property test of random mutations.

Every case replaces one file in a copy of ``data/`` and runs the real loader. A case is either read with exactly
the clean file's values, or rejected with an issue naming the file, line, code (and column/value for a cell);
never silently misread, never another exception. To keep this fast, the parsing and per-file checks of the
*unchanged* files are memoised (by their bytes) — the changed file goes through the whole loader every time.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finance import load
from finance.load import loader
from finance.schemas import SPEC_BY_NAME
from finance.text import has
from finance.validation import DataValidationError
from tests.conftest import DATA

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
NAME_BY_PATH = {spec.path: name for name, spec in SPEC_BY_NAME.items()}


@pytest.fixture(scope="module")
def fast_loader() -> Iterator[None]:
    """Memoise reading and per-file checks of files whose bytes are unchanged (the loader itself is untouched)."""
    mp = pytest.MonkeyPatch()
    read_memo: dict[tuple[str, bytes], tuple[object, list[object], bytes]] = {}
    frame_ids: set[int] = set()
    check_memo: dict[tuple[str, int], object] = {}
    real_read, real_check, real_dups, real_typed = (
        loader.read_text_table,
        loader.check_table,
        loader.duplicate_key_issues,
        loader.typed_table,
    )

    def read(path: Path, spec, *args):  # type: ignore[no-untyped-def]
        raw = path.read_bytes() if path.is_file() else b""
        original = DATA / spec.path
        if raw and original.is_file() and raw == original.read_bytes():
            key = (spec.path, raw)
            if key not in read_memo:
                read_memo[key] = real_read(path, spec, *args)
                if read_memo[key][0] is not None:
                    frame_ids.add(id(read_memo[key][0]))
            frame, issues, raw_out = read_memo[key]
            return frame, list(issues), raw_out
        return real_read(path, spec, *args)

    def memo(kind: str, real):  # type: ignore[no-untyped-def]
        def run(frame, spec):  # type: ignore[no-untyped-def]
            if id(frame) not in frame_ids:
                return real(frame, spec)
            key = (kind, id(frame))
            if key not in check_memo:
                check_memo[key] = real(frame, spec)
            found = check_memo[key]
            return list(found) if isinstance(found, list) else found  # type: ignore[arg-type]

        return run

    # Cross-file checks: the unchanged files are the clean data, which has no cross-file errors, so only the
    # changed file (with the reference files it points to) needs checking.
    references = {"municipalities", "sources", "accounts", "items", "enterprise_items", "indicators", "discrepancies"}

    def only_changed(real):  # type: ignore[no-untyped-def]
        def run(tables, *args):  # type: ignore[no-untyped-def]
            target = CURRENT.get("target")
            if target is None:
                return real(tables, *args)
            keep = references | {NAME_BY_PATH[target]}
            return real({k: v for k, v in tables.items() if k in keep}, *args)

        return run

    for name in ("foreign_key_issues", "unit_issues", "status_issues", "sum_issues"):
        mp.setattr(loader, name, only_changed(getattr(loader, name)))
    mp.setattr(loader, "read_text_table", read)
    mp.setattr(loader, "check_table", memo("check", real_check))
    mp.setattr(loader, "duplicate_key_issues", memo("dups", real_dups))
    mp.setattr(loader, "typed_table", memo("typed", real_typed))
    yield
    mp.undo()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("corpus") / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("national", "official"))  # the seed files
    return target


@pytest.fixture(scope="module")
def clean(fast_loader, workdir):
    return load.load_dataset(workdir)


CURRENT: dict[str, str] = {}


def _load_with(workdir: Path, target: str, content: bytes):
    path = workdir / target
    original = (DATA / target).read_bytes()
    path.write_bytes(content)
    CURRENT["target"] = target
    try:
        return load.load_dataset(workdir)
    finally:
        CURRENT.clear()
        path.write_bytes(original)


def _same_values(clean, loaded, target: str) -> None:
    name = NAME_BY_PATH[target]
    expected = clean.tables[name].reset_index(drop=True)
    got = loaded.tables[name].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_index_type=False)


def test_corpus(fast_loader, workdir, clean, record_property, capsys):
    counts = {"read": 0, "rejected": 0}
    failures: list[str] = []
    for case in MANIFEST:
        target = case["target"]
        content = (CORPUS / "cases" / case["case"]).read_bytes()
        try:
            loaded = _load_with(workdir, target, content)
        except DataValidationError as exc:
            issues = [i for i in exc.issues if i.severity == "error"]
            if case["expect"] != "reject":
                failures.append(f"{case['case']}: expected to be read, got {issues[:2]}")
                continue
            counts["rejected"] += 1
            hits = [
                i
                for i in issues
                if i.file == target
                and i.line == case["line"]
                and i.code == case["code"]
                and ("column" not in case or i.column == case["column"])
                and ("value" not in case or i.value == case["value"])
            ]
            if not hits:
                failures.append(f"{case['case']}: expected {case}, got {[(i.line, i.column, i.code) for i in issues]}")
            elif any(i.file != target for i in issues):
                failures.append(f"{case['case']}: issues in other files {issues}")
            elif not all(has(f"validation.{i.code}", loc) for i in issues for loc in ("ja", "en")):
                failures.append(f"{case['case']}: message missing from the catalogs")
            continue
        if case["expect"] != "read":
            failures.append(f"{case['case']}: silently read, expected {case['code']} on line {case['line']}")
            continue
        try:
            _same_values(clean, loaded, target)
        except AssertionError as exc:
            failures.append(f"{case['case']}: read with different values: {exc}")
            continue
        counts["read"] += 1
    summary = f"corpus: {len(MANIFEST)} cases, {counts['read']} read correctly, {counts['rejected']} rejected"
    record_property("corpus", summary)
    with capsys.disabled():
        sys.stdout.write(f"\n{summary}\n")
    assert len(MANIFEST) >= 200
    assert failures == [], "\n".join(failures)


BASE = "population.csv"
BASE_TEXT = (DATA / BASE).read_text(encoding="utf-8")
# No ASCII digits and no deletions: turning one valid number into another valid number is a change of data that no
# loader can notice. Everything else must either keep the numbers or be refused.
SNIPPETS = [
    ",",
    '"',
    "\n",
    "\r\n",
    "\r",
    "１",
    "▲",
    "△",
    "—",
    "－",
    " ",
    "\u3000",
    "\ufeff",
    "-",
    "年度",
    "\x00",
    ",,",
    "'",
]
NOT_DIGIT = st.characters(blacklist_characters="0123456789")


@st.composite
def mutations(draw) -> bytes:
    """A few random edits of population.csv: replace or insert characters, swap or repeat lines, re-encode."""
    text = BASE_TEXT
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["replace", "insert", "swap_lines", "repeat_line", "encode"]))
        position = draw(st.integers(0, max(0, len(text) - 1)))
        if action == "replace":
            text = text[:position] + draw(st.sampled_from([*SNIPPETS, draw(NOT_DIGIT)])) + text[position + 1 :]
        elif action == "insert":
            text = text[:position] + draw(st.sampled_from(SNIPPETS)) + text[position:]
        else:
            lines = text.split("\n")
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if action == "swap_lines":
                lines[a], lines[b] = lines[b], lines[a]
            elif action == "repeat_line":
                lines.insert(b, lines[a])
            else:
                return "\n".join(lines).encode(draw(st.sampled_from(["shift_jis", "utf-16"])), errors="replace")
            text = "\n".join(lines)
    return text.encode("utf-8", errors="surrogatepass")


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(content=mutations())
def test_random_mutations_load_the_same_numbers_or_are_refused(fast_loader, workdir, clean, content):
    try:
        loaded = _load_with(workdir, BASE, content)
    except DataValidationError as exc:
        assert exc.issues
        for issue in exc.issues:
            assert issue.file, issue
            assert has(f"validation.{issue.code}", "ja") and has(f"validation.{issue.code}", "en"), issue.code
        return
    numbers = ["municipality_code", "fiscal_year", "population", "basis", "as_of", "figure_kind"]
    got = loaded.tables["population"][numbers].sort_values(numbers).reset_index(drop=True)
    expected = clean.tables["population"][numbers].sort_values(numbers).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
