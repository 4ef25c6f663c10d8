"""Reading one CSV file as text cells, with the line number of every record (a fast path and a careful one)."""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from finance.schemas import TableSpec
from finance.validation import Issue

MAX_FILE_BYTES = 200 * 1024 * 1024


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Issue]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Issue(rel, line, None, None, "encoding")]


def read_text_table(
    path: Path, spec: TableSpec, max_bytes: int = MAX_FILE_BYTES
) -> tuple[pd.DataFrame | None, list[Issue], bytes]:
    """Read one CSV file as text cells, keeping the line number of every record as the index."""
    rel = spec.path
    if not path.is_file():
        return None, [Issue(rel, None, None, None, "file_missing")], b""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Issue(rel, None, None, None, "file_unreadable", {"reason": exc.strerror or str(exc)})], b""
    if len(raw) > max_bytes:
        return (
            None,
            [Issue(rel, None, None, None, "file_too_large", {"limit": str(max_bytes // 1024 // 1024)})],
            raw,
        )
    text, issues = _decode(raw, rel)
    if text is None:
        return None, issues, raw
    fast = _read_fast(text, raw)
    if fast is not None:
        return fast, [], raw
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return None, [Issue(rel, 1, None, None, "no_header")], raw
    except csv.Error as exc:
        return None, [Issue(rel, 1, None, None, "csv_syntax", {"reason": str(exc)})], raw
    header = [h.strip() for h in header]
    for name in {h for h in header if header.count(h) > 1}:
        issues.append(Issue(rel, 1, name, name, "duplicate_column"))
    rows: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            issues.append(Issue(rel, start, None, None, "csv_syntax", {"reason": str(exc)}))
            break
        if record and any(cell.strip() for cell in record):
            if len(record) != len(header):
                issues.append(
                    Issue(
                        rel,
                        start,
                        None,
                        ",".join(record),
                        "field_count",
                        {"found": str(len(record)), "expected": str(len(header))},
                    )
                )
            else:
                rows.append(record)
                lines.append(start)
        start = reader.line_num + 1
    if issues:
        return None, issues, raw
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype=object)
    return frame, [], raw


def _read_fast(text: str, raw: bytes) -> pd.DataFrame | None:
    """Pandas' C parser for well-formed files; ``None`` sends the file to the careful reader.

    Taken only when every physical line is exactly one record (no blank lines, no quoted line breaks) and
    every record has the header's number of fields, so that line numbers stay exact (record i is line i + 2).
    """
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if "\r" in text or lines < 1:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a first record longer than the header must not become an index
            frame = pd.read_csv(
                io.BytesIO(raw),
                encoding="utf-8-sig",
                dtype=object,  # text cells as Python str (na_filter=False: never NaN)
                keep_default_na=False,
                na_filter=False,
                engine="c",
                index_col=False,
            )
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        return None
    header = [str(c) for c in frame.columns]
    if len(frame) != lines - 1 or any(h != h.strip() or h.startswith("Unnamed: ") for h in header):
        return None
    if len(set(header)) != len(header) or any("." in h and h.rsplit(".", 1)[0] in header for h in header):
        return None  # duplicated column names (pandas renames them "x.1"): let the careful reader report them
    if frame.isna().to_numpy().any() or _empty_records(frame) or _irregular_records(text, len(header)):
        return None
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
    return frame.astype(object)


def _empty_records(frame: pd.DataFrame) -> bool:
    """Whether a record has only blank cells (``,,,``), found column by column on the distinct values."""
    blank = np.ones(len(frame), dtype=bool)
    for column in frame.columns:
        values = frame[column].to_numpy(dtype=object)
        blanks = [v for v in pd.unique(values) if not str(v).strip()]
        if not blanks:
            return False
        blank &= np.isin(values, blanks)
        if not blank.any():
            return False
    return bool(blank.any())


def _irregular_records(text: str, width: int) -> bool:
    """Whether a record is short: pandas pads short records with "" (empty ones: :func:`_empty_records`).

    The careful reader reports a short record as ``field_count`` and skips an empty one, as a spreadsheet export
    of trailing empty rows needs. Here every physical line is one record (checked by the caller) and no record is
    longer than the header (pandas refuses those), so the lines without quotes are all complete when their commas
    add up to ``width - 1`` each; only lines with quotes are parsed one by one.
    """
    body = text.split("\n", 1)[1].removesuffix("\n") if "\n" in text else ""
    if not body:
        return False
    records = body.count("\n") + 1
    quoted = [line for line in body.split("\n") if '"' in line] if '"' in body else []
    plain_commas = body.count(",") - sum(line.count(",") for line in quoted)
    if plain_commas != (width - 1) * (records - len(quoted)):
        return True
    for line in quoted:
        cells = next(csv.reader([line]))
        if len(cells) != width or not any(c.strip() for c in cells):
            return True
    return False
