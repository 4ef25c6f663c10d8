"""Command line of the data tools.

* ``validate DIR``: every error (file, line, column, value, fix) in Japanese and English; exit 1 when the folder
  cannot be served, 0 otherwise (recorded source discrepancies are listed as notices).
* ``datapackage``: the generated ``datapackage.json``.
* ``add FILE.csv --data DIR`` / ``add --template``: add a body from one flat CSV (see :mod:`finance.addbody`).
* ``ratios --data DIR --m CODE [--y YEAR]``: components, computed and published ratios, status and lines.
* ``import-national SOURCE --out DIR``: read the ministry's national tables and write the cleaned CSV files
  (see ``data/national/README.md``); every import error at once, exit 1 when there is any.
* ``crosscheck --data DIR [--differ]``: as CSV, every figure that a body's own documents and the national tables
  both give, with both values and sources and whether they agree (``--differ``: only where they do not).
* ``feedback report``: the explanations by their share of 「いいえ」 with the comments, for the staff; it reads
  the store the site writes (``MIERUKA_DATABASE_URL`` or ``MIERUKA_FEEDBACK_DIR``, or ``--db``/``--database-url``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from finance import addbody, config, crosscheck, feedback, ratiocheck
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
    add = sub.add_parser("add", help="add a body from one flat CSV / 1つのCSVから団体を追加する")
    add.add_argument("file", nargs="?", help="the flat CSV file")
    add.add_argument("--data", default="data", help="the data folder to merge into (default: data)")
    add.add_argument("--template", action="store_true", help="print an empty file with every code")
    ratios = sub.add_parser("ratios", help="check a body's ratios / 比率の照合")
    ratios.add_argument("--data", default="data")
    ratios.add_argument("--m", required=True, help="団体コード (6 digits)")
    ratios.add_argument("--y", type=int, help="fiscal year (western)")
    national = sub.add_parser(
        "import-national", help="import the ministry's national tables / 総務省の全国データを取り込む"
    )
    national.add_argument("source_dir")
    national.add_argument("--out", default="data/national")
    cross = sub.add_parser("crosscheck", help="documents against the national tables / 資料と全国の表の照合")
    cross.add_argument("--data", default="data")
    cross.add_argument("--differ", action="store_true", help="only the figures that differ / 異なるものだけ")
    votes = sub.add_parser("feedback", help="clarity feedback / 説明がわかったかの声")
    votes.add_argument("action", choices=["report"])
    votes.add_argument("--db", help="folder of feedback.sqlite3 (default: MIERUKA_FEEDBACK_DIR)")
    votes.add_argument("--database-url", help="PostgreSQL URL (default: MIERUKA_DATABASE_URL)")
    votes.add_argument("--lang", choices=["ja", "en"], default="ja")
    args = parser.parse_args(argv)
    out = sys.stdout
    if args.command == "import-national":
        return _import_national(args.source_dir, args.out)
    if args.command == "feedback":
        return _feedback_report(args.db, args.database_url, args.lang)
    if args.command == "datapackage":
        out.write(json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.command == "add":
        return _add(args, out)
    if args.command == "ratios":
        return _ratios(args, out)
    if args.command == "crosscheck":
        try:
            out.write(crosscheck.to_csv(load_dataset(args.data), only_differ=args.differ))
        except DataValidationError as exc:
            out.write(report(exc.issues) + "\n")
            return 1
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


def _add(args: argparse.Namespace, out: TextIO) -> int:
    data = Path(args.data)
    if args.template:
        out.write(addbody.template(addbody.read_codes(data)))
        return 0
    if not args.file:
        out.write("usage: python -m finance add FILE.csv --data DIR | python -m finance add --template\n")
        return 2
    try:
        outcome = addbody.add(Path(args.file), data)
    except addbody.AddError as exc:
        out.write(report(exc.issues) + "\n")
        out.write(t("cli.add_nothing", "ja") + " / " + t("cli.add_nothing", "en") + "\n")
        return 1
    except DataValidationError as exc:
        out.write(report(exc.issues) + "\n")
        out.write(t("cli.add_nothing", "ja") + " / " + t("cli.add_nothing", "en") + "\n")
        return 1
    for code, name, kind in outcome.bodies:
        out.write(t("cli.add_body", "ja", name=name, code=code, kind=kind) + "\n")
    for name, (added, replaced) in sorted(outcome.counts.items()):
        out.write(t("cli.add_count", "ja", file=name, added=added, replaced=replaced) + " / ")
        out.write(t("cli.add_count", "en", file=name, added=added, replaced=replaced) + "\n")
    out.write(t("cli.valid", "ja", version=outcome.dataset.version) + " / ")
    out.write(t("cli.valid", "en", version=outcome.dataset.version) + "\n")
    return 0


def _ratios(args: argparse.Namespace, out: TextIO) -> int:
    try:
        dataset = load_dataset(args.data)
    except DataValidationError as exc:
        out.write(report(exc.issues) + "\n")
        return 1
    if args.m not in dataset.codes:
        out.write(t("cli.unknown_body", "ja", code=args.m) + " / " + t("cli.unknown_body", "en", code=args.m) + "\n")
        return 1
    out.write(ratiocheck.report(dataset, args.m, args.y))
    return 0


def _import_national(source_dir: str, target: str) -> int:
    from collections import Counter
    from pathlib import Path

    from finance.national.build import build
    from finance.national.output import write
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
