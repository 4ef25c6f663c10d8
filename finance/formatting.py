"""The one formatter for yen, percentages and fiscal years.

Every number a user sees passes through this module. Rules (see the project's domain notes):

* Amounts are stored in 千円 (thousand yen). Japanese labels use the 兆/億/万 groups of four digits
  ("246億4,984万円"); the rounding below 万 is chosen explicitly by the caller (the Wakkanai booklet's
  tables truncate, its narrative rounds).
* Approximate narrative amounts ("約243億円", "約3億4千万円") keep one or two significant groups.
* Negatives are shown with "▲" in Japanese and "−" in English.
* やさしい日本語 (``easy``) shows every amount in 万円/億円, rounded and said to be approximate ("約246億円",
  "約67万円"; under 1万円 the exact yen), and negatives as 「マイナス」.
* Missing values are never shown as zero: every function returns the catalog's "no data" text for ``None``.
* Fiscal years are stored as the western year in which the April–March year starts; labels in both
  calendars are derived here (2019 → 令和元年度, also known as 平成31年度).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

from babel.numbers import format_decimal

from finance.text import is_japanese, t

Rounding = Literal["truncate", "round"]
Locale = Literal["ja", "en", "easy"]

_MINUS_JA = "▲"
_MINUS_EN = "−"
_MINUS_EASY = "マイナス"


def _quantize(value: Decimal, step: Decimal, mode: Rounding) -> Decimal:
    """Round ``value`` to a multiple of ``step`` (towards zero when truncating, half away from zero otherwise)."""
    rounding = ROUND_DOWN if mode == "truncate" else ROUND_HALF_UP
    return (value / step).quantize(Decimal(1), rounding=rounding) * step


def group(number: int | Decimal, locale: str = "ja") -> str:
    """Digits with thousands separators, e.g. ``1234567 → "1,234,567"`` (Babel, both locales)."""
    return format_decimal(number, locale="ja_JP" if is_japanese(locale) else "en_US", group_separator=True)


def _sign(negative: bool, locale: str) -> str:
    if not negative:
        return ""
    if locale == "easy":
        return _MINUS_EASY
    return _MINUS_JA if is_japanese(locale) else _MINUS_EN


def _easy_yen(amount_yen: int) -> str:
    """やさしい日本語: an amount in whole yen said in 万円/億円, 「約」 only when rounded.

    24_649_844_000 → "約246億円", 668_054 → "約67万円", 300_000 → "30万円", 5_412 → "5,412円".
    """
    value = abs(amount_yen)
    sign = _sign(amount_yen < 0, "easy")
    if value < 10_000:
        return f"{sign}{group(value)}円"
    if value < 100_000:  # 1万〜10万円: to 千円, "約2万3千円"
        sen = int(_quantize(Decimal(value), Decimal(1000), "round") / 1000)
        man, rest = divmod(sen, 10)
        text = ("" if sen * 1000 == value else "約") + f"{man}万" + (f"{rest}千円" if rest else "円")
    elif value < 100_000_000:  # 10万〜1億円: to 万円, "約67万円", "約3,400万円"
        man = int(_quantize(Decimal(value), Decimal(10_000), "round") / 10_000)
        text = ("" if man * 10_000 == value else "約") + f"{_kanji_groups(man)}円"
    else:  # 1億円から: as the booklets' narrative, "約3億5千万円", "約246億円"
        text = yen_approx(value // 1000, locale="ja")
    return sign + text


def _kanji_groups(man: int) -> str:
    """A non-negative number of 万円 written with 兆/億/万 groups: 24649844 万 → "2,464億9,844万"."""
    cho, rest = divmod(man, 100_000_000)
    oku, man_part = divmod(rest, 10_000)
    parts = []
    if cho:
        parts.append(f"{group(cho)}兆")
    if oku:
        parts.append(f"{group(oku)}億")
    if man_part:
        parts.append(f"{group(man_part)}万")
    return "".join(parts)


def yen_oku_man(thousand_yen: int | None, *, mode: Rounding = "truncate", locale: str = "ja") -> str:
    """A 千円 amount at 万円 precision: ``24_649_844 → "246億4,984万円"`` / ``"¥24,649.84 million"``.

    Args:
        thousand_yen: the amount in 千円, or ``None`` when missing.
        mode: ``"truncate"`` drops the digit below 万 (as the Wakkanai summary table does);
            ``"round"`` rounds it half up (as its narrative does).
        locale: ``"ja"`` or ``"en"``.

    Returns:
        The label; the catalog's "no data" text for ``None``. Amounts under 1万円 are shown in 円.
    """
    if thousand_yen is None:
        return t("common.no_data", locale)
    if locale == "easy":
        return _easy_yen(int(thousand_yen) * 1000)
    negative = thousand_yen < 0
    man = int(_quantize(Decimal(abs(int(thousand_yen))), Decimal(10), mode) / 10)
    sign = _sign(negative, locale)
    if is_japanese(locale):
        if man == 0:
            return f"{sign}{group(abs(thousand_yen) * 1000)}円"
        return f"{sign}{_kanji_groups(man)}円"
    if man == 0:
        return f"{sign}¥{group(abs(thousand_yen) * 1000, 'en')}"
    millions = Decimal(man) / Decimal(100)
    return f"{sign}¥{format_decimal(millions, format='#,##0.00', locale='en_US')} million"


def _approx_step(value: Decimal) -> Decimal:
    """Rounding step in yen for an approximate label: 億 from 100億, 千万 from 1千万, 十万 from 100万, else 万."""
    if value >= Decimal(10) ** 10:
        return Decimal(10) ** 8
    if value >= Decimal(10) ** 7:
        return Decimal(10) ** 7
    if value >= Decimal(10) ** 6:
        return Decimal(10) ** 5  # two significant digits: 1,097,620円 → 約110万円 (not 約100万円)
    return Decimal(10) ** 4


def yen_approx(thousand_yen: int | None, *, mode: Rounding = "round", locale: str = "ja") -> str:
    """An approximate amount in the booklets' narrative style.

    ``24_293_107 → "約243億円"`` (100億 and more: whole 億), ``346_321 → "約3億5千万円"`` when rounding or
    ``"約3億4千万円"`` when truncating (1千万 to 100億: to 千万), ``"about ¥24.3 billion"`` in English.

    Args:
        thousand_yen: the amount in 千円, or ``None``.
        mode: ``"round"`` (half up) or ``"truncate"``; the booklets use both, so the caller decides.
        locale: ``"ja"`` or ``"en"``.
    """
    if thousand_yen is None:
        return t("common.no_data", locale)
    if locale == "easy":
        return _easy_yen(int(thousand_yen) * 1000)
    negative = thousand_yen < 0
    yen = Decimal(abs(int(thousand_yen))) * 1000
    step = _approx_step(yen)
    rounded = _quantize(yen, step, mode)
    sign = _sign(negative, locale)
    if is_japanese(locale):
        man = int(rounded / 10_000)
        oku, man_part = divmod(man, 10_000)
        text = f"{group(oku)}億" if oku else ""
        if man_part:
            text += f"{man_part // 1000}千万" if man_part % 1000 == 0 else f"{group(man_part)}万"
        return f"約{sign}{text or '0'}円"
    if rounded >= Decimal(10) ** 9:
        number, word = rounded / Decimal(10) ** 9, "billion"
    else:
        number, word = rounded / Decimal(10) ** 6, "million"
    return f"about {sign}¥{format_decimal(number.normalize(), locale='en_US')} {word}"


def yen(amount_yen: int | None, *, locale: str = "ja") -> str:
    """Whole yen with separators: ``668054 → "668,054円"`` / ``"¥668,054"``; ▲ or − for negatives."""
    if amount_yen is None:
        return t("common.no_data", locale)
    if locale == "easy":
        return _easy_yen(int(amount_yen))
    sign = _sign(amount_yen < 0, locale)
    if is_japanese(locale):
        return f"{sign}{group(abs(amount_yen))}円"
    return f"{sign}¥{group(abs(amount_yen), 'en')}"


def thousand_yen_table(thousand_yen: int | None, *, locale: str = "ja") -> str:
    """A 千円 amount for data tables: ``-1561327 → "▲1,561,327"`` (unit stated in the column header)."""
    if thousand_yen is None:
        return t("common.no_data", locale)
    return f"{_sign(thousand_yen < 0, locale)}{group(abs(thousand_yen), locale)}"


def decimal_places(value: Decimal | float, decimals: int, mode: Rounding) -> Decimal:
    """``value`` cut (``"truncate"``) or rounded half up (``"round"``) to ``decimals`` places."""
    step = Decimal(1).scaleb(-decimals)
    rounding = ROUND_DOWN if mode == "truncate" else ROUND_HALF_UP
    return Decimal(str(value)).quantize(step, rounding=rounding)


def percent(value: Decimal | float | None, *, decimals: int = 1, mode: Rounding = "round", locale: str = "ja") -> str:
    """A percentage at a fixed precision: ``percent(89.374, decimals=1, mode="truncate") → "89.3%"``.

    Published ratios are shown as printed (pass their decimals); recomputed ones state their rounding.
    """
    if value is None:
        return t("common.no_data", locale)
    shown = decimal_places(value, decimals, mode)
    sign = _sign(shown < 0, locale)
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return f"{sign}{format_decimal(abs(shown), format=pattern, locale='en_US')}%"


def published_ratio(text_value: float | None, status: str, surplus: float | None, decimals: int, locale: str) -> str:
    """A published soundness ratio as the law's tables show it: ``"15.9%"``, ``"—（黒字1.49%）"``, ``"—"``."""
    if status == "ok" and text_value is not None:
        return percent(text_value, decimals=decimals, mode="truncate", locale=locale)
    if status == "no_deficit":
        if surplus is not None:
            return t(
                "ratio.no_deficit_with_surplus", locale, surplus=percent(surplus, decimals=decimals, locale=locale)
            )
        return t("ratio.dash", locale)
    if status in ("non_positive", "not_applicable"):
        return t("ratio.dash", locale)
    return t("common.no_data", locale)


# ---------------------------------------------------------------------------------------------
# Fiscal years and eras
# ---------------------------------------------------------------------------------------------

_ERAS = (  # (name_ja, short, name_en, first fiscal year counted in the era)
    ("令和", "R", "Reiwa", 2019),
    ("平成", "H", "Heisei", 1989),
    ("昭和", "S", "Showa", 1926),
)
FIRST_SUPPORTED_YEAR = 1926


def era_year(fiscal_year: int) -> tuple[str, str, str, int]:
    """The era of a fiscal year and the year within it: ``2013 → ("平成", "H", "Heisei", 25)``.

    FY2019 starts in April 2019, still 平成; settlements and national statistics label it 令和元年度,
    and so does this function (平成31年度 is an alias; see :func:`fiscal_year_aliases`).
    """
    if fiscal_year < FIRST_SUPPORTED_YEAR:
        raise ValueError(f"fiscal year {fiscal_year} is before 昭和 (1926)")
    for name, short, english, first in _ERAS:
        if fiscal_year >= first:
            return name, short, english, fiscal_year - first + 1
    raise AssertionError("unreachable")  # pragma: no cover


def fiscal_year_label(
    fiscal_year: int | None, locale: str = "ja", style: Literal["full", "short", "western"] = "full"
) -> str:
    """A fiscal-year label: ``2013 → "平成25年度"`` (full), ``"H25"`` (short), ``"2013年度"`` (western).

    In English every style gives ``"FY2013"``.
    """
    if fiscal_year is None:
        return t("common.no_data", locale)
    if not is_japanese(locale):
        return f"FY{fiscal_year}"
    if style == "western":
        return f"{fiscal_year}年度"
    name, short, _, number = era_year(fiscal_year)
    if style == "short":
        return f"{short}{number}"
    return f"{name}{'元' if number == 1 else number}年度"


def fiscal_year_aliases(fiscal_year: int) -> list[str]:
    """Every Japanese label used for a fiscal year: ``2019 → ["令和元年度", "平成31年度", "2019年度"]``."""
    labels = [fiscal_year_label(fiscal_year, "ja")]
    if fiscal_year == 2019:
        labels.append("平成31年度")
    labels.append(fiscal_year_label(fiscal_year, "ja", "western"))
    return labels


_ERA_PATTERN = re.compile(r"^(令和|平成|昭和|R|H|S)\.?(元|\d{1,2})(年度|年)?$", re.IGNORECASE)
_WESTERN_PATTERN = re.compile(r"^(?:FY)?(\d{4})(年度|年)?$", re.IGNORECASE)
_ERA_FIRST = {"令和": 2019, "R": 2019, "平成": 1989, "H": 1989, "昭和": 1926, "S": 1926}


def parse_fiscal_year(text: str | int | None) -> int | None:
    """Read a fiscal year written in any common form; ``None`` when it is not one.

    Accepts ``"平成25年度"``, ``"H25"``, ``"h.25"``, ``"R1"``, ``"R01"``, ``"令和元年度"``, ``"平成31年度"`` (→ 2019),
    projected Heisei years such as ``"平成38年度"`` (→ 2026), ``"2013"``, ``"2013年度"``, ``"FY2013"``, full-width
    digits (``"平成２５年度"``) and spaces from PDF extraction (``"平成 25 年度"``).
    """
    if text is None:
        return None
    if isinstance(text, int):
        return text if FIRST_SUPPORTED_YEAR <= text <= 2100 else None
    normal = unicodedata.normalize("NFKC", str(text)).replace(" ", "").strip()
    match = _ERA_PATTERN.match(normal)
    if match:
        era = match.group(1)
        era = era.upper() if len(era) == 1 else era
        number = 1 if match.group(2) == "元" else int(match.group(2))
        if number < 1:
            return None
        return _ERA_FIRST[era] + number - 1
    match = _WESTERN_PATTERN.match(normal)
    if match:
        year = int(match.group(1))
        return year if FIRST_SUPPORTED_YEAR <= year <= 2100 else None
    return None
