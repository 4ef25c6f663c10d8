"""Chapter I, section 5 of the booklet: 基金・地方債・職員・繰出金, each part that has data, the missing ones named."""

from __future__ import annotations

from finance import formatting, queries
from finance.booklet.model import Section, Table
from finance.booklet.text import amount_text, man_text, share_text, source_lines, year_text
from finance.load import Dataset
from finance.queries import Fact
from finance.text import is_japanese, t
from finance.topics.debt import debt_by_account, debt_coverage
from finance.topics.funds import funds_page
from finance.topics.settlement import settlement_breakdown
from finance.topics.staff import staff_lines


def stock_sections(ds: Dataset, code: str, year: int, locale: str, resident: str) -> tuple[list[Section], list[str]]:
    """5 基金・地方債・職員・繰出金: each part that has data; the missing ones named."""
    parts: list[Section] = []
    missing: list[str] = []
    header = (
        t("booklet.col_item", locale),
        t("booklet.col_amount", locale),
        t("booklet.col_per_resident", locale, resident=resident),
    )
    # (1) 基金
    funds = funds_page(ds, code, year)
    flows = funds.flows.frame[funds.flows.frame["fiscal_year"] == year] if not funds.flows.is_empty else None
    if not funds.balances.is_empty or (flows is not None and not flows.empty):
        rows = [
            (ln.name(locale), amount_text(ln, locale), formatting.yen(ln.per_resident, locale=locale))
            for ln in funds.balances.lines
        ]
        if funds.balances.total is not None and len(funds.balances.lines) > 1:
            total = funds.balances.total
            rows.append(
                (total.name(locale), amount_text(total, locale), formatting.yen(total.per_resident, locale=locale))
            )
        said = []
        if funds.balances.total is not None:
            said.append(
                t(
                    "booklet.funds_total",
                    locale,
                    year=year_text(year, locale),
                    amount=amount_text(funds.balances.total, locale),
                )
            )
        if flows is not None and not flows.empty:
            values = {str(s): v for s, v in zip(flows["series"], flows["value"], strict=True)}
            if values.get("deposit") is not None and values.get("withdrawal") is not None:
                said.append(
                    t(
                        "booklet.funds_flows",
                        locale,
                        deposit=man_text(int(values["deposit"]), locale),
                        withdrawal=man_text(int(values["withdrawal"]), locale),
                    )
                )
        tables = (
            (Table(t("booklet.table_funds", locale), t("booklet.unit_yen_amount", locale), header, tuple(rows)),)
            if rows
            else ()
        )
        parts.append(
            Section(
                "funds",
                "(1)",
                t("booklet.s_funds", locale),
                tuple(said),
                tables,
                (),
                source_lines([funds.balances.source, *funds.flows.sources], locale),
                1,
            )
        )
    else:
        missing.append(t("booklet.s_funds", locale))
    # (2) 地方債
    debt = debt_by_account(ds, code, year)
    if not debt.is_empty:
        lines = list(debt.lines) + ([debt.total] if debt.total is not None else [])
        rows = [
            (ln.name(locale), amount_text(ln, locale), formatting.yen(ln.per_resident, locale=locale)) for ln in lines
        ]
        said = []
        coverage = debt_coverage(ds, code, year)
        if coverage is not None:
            said.append(
                t(
                    "booklet.debt_coverage",
                    locale,
                    covered=amount_text(coverage.covered, locale),
                    burden=formatting.yen_approx(coverage.burden, locale=locale)
                    if coverage.approximate
                    else man_text(coverage.burden, locale),
                )
            )
        tables = (
            Table(
                t("booklet.table_debt", locale),
                t("booklet.unit_yen_amount", locale),
                header,
                tuple(rows),
                (len(rows) - 1,) if debt.total is not None else (),
            ),
        )
        notes = (t("booklet.note_approx", locale),) if any(ln.rounding == "approx" for ln in lines) else ()
        parts.append(
            Section(
                "debt",
                "(2)",
                t("booklet.s_debt", locale),
                tuple(said),
                tables,
                notes,
                source_lines([ln.source for ln in lines], locale),
                1,
            )
        )
    else:
        missing.append(t("booklet.s_debt", locale))
    # (3) 職員
    staff = staff_lines(ds, code, year)
    if staff:
        rows = [
            (
                s.label_ja if is_japanese(locale) else t(f"resident.staff.category.{s.category}", locale),
                t("booklet.persons", locale, count=formatting.group(s.count, locale)),
                s.as_of,
            )
            for s in staff
        ]
        staff_header = (t("booklet.col_item", locale), t("booklet.col_count", locale), t("booklet.col_as_of", locale))
        parts.append(
            Section(
                "staff",
                "(3)",
                t("booklet.s_staff", locale),
                (),
                (Table(t("booklet.table_staff", locale), "", staff_header, tuple(rows)),),
                (),
                source_lines([s.source for s in staff], locale),
                1,
            )
        )
    else:
        missing.append(t("booklet.s_staff", locale))
    # (4) 繰出金
    nature = settlement_breakdown(ds, code, year, "expenditure_nature")
    transfers = nature.line("expn_transfers_out")
    if transfers is not None and transfers.value is not None:
        said = [
            t(
                "booklet.transfers",
                locale,
                amount=amount_text(transfers, locale),
                share=share_text(transfers.share, locale),
            )
        ]
        parts.append(
            Section(
                "transfers",
                "(4)",
                t("booklet.s_transfers", locale),
                tuple(said),
                (),
                (),
                source_lines([transfers.source], locale),
                1,
            )
        )
    elif told := _narrated_transfers(ds, code, year):
        said = [
            t("booklet.transfer_told", locale, label=label, amount=amount_text(fact, locale)) for label, fact in told
        ]
        notes = (t("booklet.note_approx", locale),) if any(f.rounding == "approx" for _, f in told) else ()
        parts.append(
            Section(
                "transfers",
                "(4)",
                t("booklet.s_transfers", locale),
                tuple(said),
                (),
                notes,
                source_lines([f.source for _, f in told], locale),
                1,
            )
        )
    else:
        missing.append(t("booklet.s_transfers", locale))
    return parts, missing


def _narrated_transfers(ds: Dataset, code: str, year: int) -> list[tuple[str, Fact]]:
    """Transfers to one account that a booklet states in its text (「約12億円の繰出し」), as printed; not changes."""
    frame = ds.rows("narrative_figures", code)
    rows = frame[
        (frame["fiscal_year"] == year)
        & frame["topic"].astype(str).str.startswith("transfer_to_")
        & ~frame["topic"].astype(str).str.endswith("_change")
        & frame["amount_thousand_yen"].notna()
    ]
    out = []
    for _, row in rows.iterrows():
        amount = row["amount_thousand_yen"]
        fact = Fact(
            None if amount is None else int(amount),
            str(row["published_unit"]),
            str(row["rounding"]),
            str(row["figure_kind"]),
            "",
            str(row["label_ja"]),
            str(row["note"]),
            queries.source_of(ds, row),
        )
        if fact.figure_kind == "決算":
            out.append((str(row["label_ja"]), fact))
    return out
