"""Command line: ``python -m finance validate <data-dir>``, ``datapackage`` and ``feedback report``.

``validate`` prints every error (file, line, column, value, fix) in Japanese and English and exits with 1
when the folder cannot be served, 0 otherwise (recorded source discrepancies are listed as notices).
``feedback report`` lists the explanations by their share of 「いいえ」 with the comments, for the staff; it reads
the store the site writes (``MIERUKA_DATABASE_URL`` or ``MIERUKA_FEEDBACK_DIR``, or ``--db``/``--database-url``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from finance import config, feedback
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
    votes = sub.add_parser("feedback", help="clarity feedback / 説明がわかったかの声")
    votes.add_argument("action", choices=["report"])
    votes.add_argument("--db", help="folder of feedback.sqlite3 (default: MIERUKA_FEEDBACK_DIR)")
    votes.add_argument("--database-url", help="PostgreSQL URL (default: MIERUKA_DATABASE_URL)")
    votes.add_argument("--lang", choices=["ja", "en"], default="ja")
    args = parser.parse_args(argv)
    out = sys.stdout
    if args.command == "feedback":
        return _feedback_report(args.db, args.database_url, args.lang)
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


def _feedback_report(folder: str | None, url: str | None, locale: str) -> int:
    settings = config.from_env(os.environ)
    if folder is not None:
        store: feedback.Store = feedback.SQLiteStore(Path(folder))
    else:
        store = feedback.open_store(settings.feedback_dir, url if url is not None else settings.database_url)
    sys.stdout.write(feedback.format_report(feedback.build_report(store.votes()), locale) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
