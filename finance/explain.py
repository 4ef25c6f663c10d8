"""Generated sentences of the resident pages, in the booklet's style (amounts rounded, changes truncated).

Example (Wakkanai, FY2012, per resident): 「平成24年度の市民1人あたりの歳入は664,996円と、前年度と比較して
3,809円減少しています。」 Every sentence is made from the data shown beside it; missing figures give ``None`` or
an explicit "no figure" sentence, never a zero.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from finance import calc, documents, formatting
from finance.text import is_japanese, t
from finance.topics.common import Breakdown, Line, Trend
from finance.topics.debt import DebtCoverage
from finance.topics.enterprise import EnterpriseAccount
from finance.topics.household import Household, TaxSplit
from finance.topics.staff import StaffLine


def amount_text(value: int | None, rounding: str, locale: str) -> str:
    """A 千円 amount as a label: 「約…」 for approximate figures, else 万円 precision truncated (as the tables)."""
    if value is None:
        return t("common.no_data", locale)
    if rounding == "approx":
        return formatting.yen_approx(value, mode="round", locale=locale)
    return formatting.yen_oku_man(value, mode="truncate", locale=locale)


def per_resident_text(yen: int | None, rounding: str, locale: str) -> str:
    """Yen per resident; from an approximate amount only to 万円 (「約74万円」), never with false precision."""
    if yen is None:
        return t("common.no_data", locale)
    if rounding == "approx":
        return formatting.yen_approx(calc.round_half_up(Decimal(yen) / 1000), mode="round", locale=locale)
    return formatting.yen(yen, locale=locale)


def share_text(share: Decimal | float | None, locale: str) -> str:
    """A share in percent, one decimal, rounded half up."""
    return formatting.percent(share, decimals=1, mode="round", locale=locale)


def mode_text(value: int | Decimal | float | None, mode: str, rounding: str, locale: str) -> str:
    """A value shown in ``mode`` (``total`` 千円 amount, ``per_resident`` yen, ``share`` percent)."""
    if value is None:
        return t("common.no_data", locale)
    if mode == "share":
        return share_text(value, locale)
    if mode == "per_resident":
        return per_resident_text(int(value), rounding, locale)
    return amount_text(int(value), rounding, locale)


def line_text(line: Line, mode: str, locale: str) -> str:
    """A line's value in ``mode``; an amount printed rounded to a coarse unit at that unit («6千万円»)."""
    if mode == "total" and line.rounding in ("rounded", "approx") and line.published_unit in _COARSE_UNITS:
        return documents.printed_amount(line.value, line.published_unit, line.rounding, locale)
    return mode_text(line.mode_value(mode), mode, line.rounding, locale)


_COARSE_UNITS = ("千万円", "億円")


def _year(year: int, locale: str) -> str:
    return formatting.fiscal_year_label(year, locale)


def _subject(subject: str, locale: str) -> str:
    return t(f"resident.subject.{subject}", locale)


def largest_sentence(bd: Breakdown, mode: str, subject: str, locale: str) -> str | None:
    """「平成25年度の歳入で最も大きいのは「地方交付税」で、82億3,518万円（全体の33.4%）です。」 (by mode)."""
    candidates = [ln for ln in bd.lines if ln.depth == 0 and ln.value is not None]
    if not candidates:
        return None
    top = max(candidates, key=lambda ln: ln.value or 0)
    params = {
        "year": _year(bd.fiscal_year, locale),
        "subject": _subject(subject, locale),
        "name": top.name(locale),
        "amount": amount_text(top.value, top.rounding, locale),
        "share": share_text(top.share, locale),
        "per_resident": per_resident_text(top.per_resident, top.rounding, locale),
    }
    if mode == "per_resident" and top.per_resident is not None:
        return t("resident.sentence.largest_per_resident", locale, **params)
    if mode == "share" and top.share is not None:
        return t("resident.sentence.largest_share", locale, **params)
    if top.share is None:
        return t("resident.sentence.largest_no_share", locale, **params)
    return t("resident.sentence.largest_total", locale, **params)


def groups_sentence(bd: Breakdown, mode: str, subject: str, locale: str) -> str | None:
    """「平成25年度の歳入は、自主財源 77億6,854万円（31.5%）、依存財源 168億8,130万円（68.5%）です。」 (by mode)."""
    if bd.is_empty:
        return None
    sep = "、" if is_japanese(locale) else ", "
    parts = []
    for ln in bd.lines:
        value = line_text(ln, mode, locale)
        if mode == "total" and ln.share is not None:
            value += t("resident.sentence.share_suffix", locale, share=share_text(ln.share, locale))
        parts.append(t("resident.sentence.group_part", locale, name=ln.name(locale), value=value))
    key = "resident.sentence.groups_per_resident" if mode == "per_resident" else "resident.sentence.groups"
    return t(key, locale, year=_year(bd.fiscal_year, locale), subject=_subject(subject, locale), parts=sep.join(parts))


def _trend_point(trend: Trend, series: str, year: int) -> pd.Series | None:
    frame = trend.frame
    rows = frame[(frame["series"] == series) & (frame["fiscal_year"] == year)]
    return None if rows.empty else rows.iloc[0]


def _cell(value: object) -> int | Decimal | None:
    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):  # type: ignore[call-overload]
        return None
    return value if isinstance(value, Decimal) else int(value)  # type: ignore[call-overload]


def trend_sentence(trend: Trend, series: str, year: int, mode: str, subject: str, locale: str) -> str:
    """The booklet's year-over-year sentence for one series, in ``mode``.

    「平成25年度の歳出決算額は約243億円と、前年度と比較して約3億4千万円減少しています。」 (total);
    「平成24年度の市民1人あたりの歳入は664,996円と、前年度と比較して3,809円減少しています。」 (per resident);
    without the previous year the sentence says so; without the year it says the figure is not in the sources.
    """
    column = {"total": "value", "per_resident": "per_resident", "share": "share"}[mode]
    label = _year(year, locale)
    name = _subject(subject, locale)
    point = _trend_point(trend, series, year)
    current = _cell(point[column]) if point is not None else None
    if point is None or current is None:
        return t("resident.sentence.trend_missing", locale, year=label, subject=name)
    rounding = str(point["rounding"])
    kind = str(point["figure_kind"])
    kind_note = (
        ""
        if kind == "決算"
        else t("resident.sentence.kind_note", locale, kind=t(f"resident.kind_short.{kind}", locale))
    )
    before = _trend_point(trend, series, year - 1)
    previous = _cell(before[column]) if before is not None else None
    approx = rounding == "approx" or (before is not None and str(before["rounding"]) == "approx")
    if mode == "total":
        amount = formatting.yen_approx(int(current), mode="round", locale=locale)
    else:
        amount = mode_text(current, mode, rounding, locale)
    params = {"year": label, "subject": name, "amount": amount, "kind_note": kind_note}
    prefix = "resident.sentence.trend_per_resident" if mode == "per_resident" else "resident.sentence.trend"
    if mode == "share":
        prefix = "resident.sentence.trend_share"
    if previous is None or approx:
        return t(f"{prefix}_no_previous", locale, **params)
    difference = current - previous
    if mode == "total":
        change = formatting.yen_approx(abs(int(difference)), mode="truncate", locale=locale)
    elif mode == "per_resident":
        change = formatting.yen(abs(int(difference)), locale=locale)
    else:
        change = t("resident.sentence.points", locale, value=share_text(abs(Decimal(difference)), locale).rstrip("%"))
    if difference == 0:
        return t(f"{prefix}_same", locale, **params)
    direction = "increase" if difference > 0 else "decrease"
    return t(f"{prefix}_{direction}", locale, change=change, **params)


def coverage_sentence(coverage: DebtCoverage, year: int, locale: str) -> str:
    """「平成25年度末の普通会計の地方債残高 約274億円のうち、約174億円（63.5%）は…」."""
    share = calc.share_percent(coverage.covered.value, coverage.outstanding.value)
    return t(
        "resident.sentence.coverage",
        locale,
        year=_year(year, locale),
        outstanding=amount_text(coverage.outstanding.value, coverage.outstanding.rounding, locale),
        covered=amount_text(coverage.covered.value, coverage.covered.rounding, locale),
        share=share_text(share, locale),
        burden=amount_text(coverage.burden, "approx" if coverage.approximate else "exact", locale),
        per_resident=per_resident_text(
            coverage.burden_per_resident, "approx" if coverage.approximate else "exact", locale
        ),
    )


def per_thousand_text(value: Decimal | None, locale: str) -> str:
    """Persons per 1,000 residents, one decimal (as the sources print it)."""
    if value is None:
        return t("common.no_data", locale)
    shown = formatting.decimal_places(value, 1, "round")
    return t("resident.staff.per_thousand_value", locale, value=str(shown))


def staff_sentence(lines: tuple[StaffLine, ...], year: int, mode: str, locale: str) -> str | None:
    """The first staff count of the year, per 1,000 residents, against the 類似団体 where printed."""
    if not lines:
        return None
    peer = next((ln for ln in lines if ln.peer_count is not None), None)
    main = peer or lines[0]
    params = {
        "year": _year(year, locale),
        "label": main.label_ja if is_japanese(locale) else t(f"resident.staff.category_phrase.{main.category}", locale),
        "count": formatting.group(main.count, locale),
        "per_thousand": per_thousand_text(main.per_thousand, locale),
    }
    if main.peer_count is not None:
        difference = main.count - main.peer_count
        key = "resident.sentence.staff_peer_more" if difference > 0 else "resident.sentence.staff_peer_fewer"
        if difference == 0:
            key = "resident.sentence.staff_peer_same"
        return t(
            key,
            locale,
            peer=formatting.group(main.peer_count.normalize(), locale),
            difference=formatting.group(abs(difference).normalize(), locale),
            **params,
        )
    if mode == "per_resident" and main.per_thousand is not None:
        return t("resident.sentence.staff_per_thousand", locale, **params)
    return t("resident.sentence.staff", locale, **params)


def enterprise_sentence(account: EnterpriseAccount, year: int, mode: str, locale: str) -> str:
    """「平成18年度（決算見込）の下水道事業は、収入 57億6,106万円に対して支出 49億6,191万円で、…」."""
    values = account.year_values(year)
    kind = account.kind_of(year)
    label = _year(year, locale)
    if kind is None or "ent_total_revenue" not in values or "ent_total_expenses" not in values:
        return t("resident.sentence.enterprise_missing", locale, year=label, name=account.name(locale))
    frame = account.trend.frame
    rows = frame[frame["fiscal_year"] == year].set_index("series")
    column = {"total": "value", "per_resident": "per_resident", "share": "share"}[mode]

    def shown(series: str) -> str:
        if series not in rows.index:
            return t("common.no_data", locale)
        return mode_text(_cell(rows.loc[series, column]), mode, "exact", locale)

    text = t(
        "resident.sentence.enterprise",
        locale,
        year=label,
        kind=t(f"resident.kind_short.{kind}", locale),
        name=account.name(locale),
        revenue=shown("ent_total_revenue"),
        expenses=shown("ent_total_expenses"),
    )
    deficit = values.get("ent_accumulated_deficit")
    if deficit is not None and deficit < 0:
        size = _cell(rows.loc["ent_accumulated_deficit", column])
        magnitude = -size if size is not None and size < 0 else size
        shown_deficit = mode_text(magnitude, mode, "exact", locale)
        text += t("resident.sentence.enterprise_deficit", locale, deficit=shown_deficit)
    shortfall = values.get("ent_fund_shortfall")
    if shortfall:
        text += t("resident.sentence.enterprise_shortfall", locale, shortfall=shown("ent_fund_shortfall"))
    return text


def household_sentence(household: Household, locale: str) -> str | None:
    """「月収30万円の家計に例えると、給料（市税）は月5万4,085円、親からの仕送り…」."""
    if household.is_empty:
        return None
    lines = {ln.key: ln for ln in household.revenue}
    salary = lines.get("salary")
    support = lines.get("support")
    loan = lines.get("loan")
    return t(
        "resident.sentence.household",
        locale,
        year=_year(household.fiscal_year, locale),
        income=formatting.yen(household.monthly_income_yen, locale=locale),
        salary=formatting.yen(salary.monthly_yen if salary else None, locale=locale),
        support=formatting.yen(support.monthly_yen if support else None, locale=locale),
        loan=formatting.yen(loan.monthly_yen if loan else None, locale=locale),
    )


def tax_sentence(split: TaxSplit, locale: str) -> str | None:
    """「あなたの10,000円のうち、2,281円は民生費に…」 (the two largest parts)."""
    if split.is_empty:
        return None
    first = split.shares[0]
    second = split.shares[1] if len(split.shares) > 1 else first
    return t(
        "resident.sentence.tax",
        locale,
        year=_year(split.fiscal_year, locale),
        amount=formatting.yen(split.amount_yen, locale=locale),
        first=first.name_ja if is_japanese(locale) else first.name_en,
        first_yen=formatting.yen(first.yen, locale=locale),
        second=second.name_ja if is_japanese(locale) else second.name_en,
        second_yen=formatting.yen(second.yen, locale=locale),
    )


def count_change_sentence(trend: Trend, locale: str) -> str | None:
    """「職員数（一般職員 a）は、平成19年度の56人から平成23年度の46人へ、10人減っています。」 (first series)."""
    if trend.is_empty:
        return None
    series = str(trend.frame["series"].iloc[0])
    block = trend.frame[trend.frame["series"] == series].sort_values("fiscal_year")
    first, last = block.iloc[0], block.iloc[-1]
    params = {
        "label": str(first["name_ja"] if is_japanese(locale) else first["name_en"]),
        "first_year": _year(int(first["fiscal_year"]), locale),
        "last_year": _year(int(last["fiscal_year"]), locale),
        "first": formatting.group(int(first["value"]), locale),
        "last": formatting.group(int(last["value"]), locale),
        "difference": formatting.group(abs(int(last["value"]) - int(first["value"])), locale),
        "kind_note": ""
        if str(last["figure_kind"]) == "決算"
        else t("resident.sentence.kind_note", locale, kind=t(f"resident.kind_short.{last['figure_kind']}", locale)),
    }
    if len(block) == 1:
        return t("resident.sentence.count_single", locale, **params)
    difference = int(last["value"]) - int(first["value"])
    key = "increase" if difference > 0 else ("decrease" if difference < 0 else "same")
    return t(f"resident.sentence.count_{key}", locale, **params)
