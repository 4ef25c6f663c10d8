"""Command line: ``validate <data-dir>``, ``datapackage`` and ``import-national <source-dir> --out <data-dir>``.

``validate`` prints every error (file, line, column, value, fix) in Japanese and English and exits with 1
when the folder cannot be served, 0 otherwise (recorded source discrepancies are listed as notices).
``import-national`` reads the ministry's national tables and writes the cleaned CSV files (see
``data/national/README.md``); it prints every import error at once and exits with 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from finance.load import load_dataset
from finance.schemas import datapackage
from finance.text import t
from finance.validation import DataValidationError, report


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m finance", description="Mieruka data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="validate a data folder / データフォルダを検証する")
    check.add_argument("data_dir")
    check.add_argument("--quiet", action="store_true", help="print only the summary line")
    sub.add_parser("datapackage", help="print the generated datapackage.json")
    national = sub.add_parser(
        "import-national", help="import the ministry's national tables / 総務省の全国データを取り込む"
    )
    national.add_argument("source_dir")
    national.add_argument("--out", default="data/national")
    args = parser.parse_args(argv)
    out = sys.stdout
    if args.command == "import-national":
        return _import_national(args.source_dir, args.out)
    if args.command == "datapackage":
        out.write(json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
        return 0
    try:
        dataset = load_dataset(args.data_dir)
    except DataValidationError as exc:
        out.write(report(exc.issues) + "\n")
        return 1
    out.write(
        t("cli.valid", "ja", version=dataset.version) + " / " + t("cli.valid", "en", version=dataset.version) + "\n"
    )
    if dataset.notices and not args.quiet:
        out.write(report(list(dataset.notices)) + "\n")
    return 0


def _import_national(source_dir: str, target: str) -> int:
    from collections import Counter
    from pathlib import Path

    from finance.national.build import build, write
    from finance.national.sheet import ImportFailed

    source = Path(source_dir)
    if not source.is_dir():
        sys.stdout.write(
            f"{source_dir}: フォルダがありません。総務省のファイルを置いたフォルダを指定してください。\n"
            f"    {source_dir}: no such folder. Give the folder holding the ministry's files.\n"
        )
        return 1
    result = build(source)
    try:
        counts = write(result, Path(target))
    except ImportFailed as exc:
        sys.stdout.write(exc.report() + "\n")
        sys.stdout.write(
            f"{len(exc.issues)} 件の誤り、何も書き出していません / {len(exc.issues)} error(s), nothing written\n"
        )
        return 1
    for name, count in counts.items():
        sys.stdout.write(f"{name}: {count} rows\n")
    outcomes = Counter((row[6], row[7]) for row in result.unresolved)
    for (outcome, reason), count in sorted(outcomes.items()):
        sys.stdout.write(f"unresolved.csv {outcome} {reason}: {count}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
