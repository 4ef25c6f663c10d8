"""Command line: ``python -m finance validate <data-dir>`` and ``python -m finance datapackage``.

``validate`` prints every error (file, line, column, value, fix) in Japanese and English and exits with 1
when the folder cannot be served, 0 otherwise (recorded source discrepancies are listed as notices).
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
    args = parser.parse_args(argv)
    out = sys.stdout
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


if __name__ == "__main__":
    sys.exit(main())
