"""全国地方公共団体コード: the check digit and what a code says about the body."""

from __future__ import annotations

import re

_WEIGHTS = (6, 5, 4, 3, 2)
_CODE6 = re.compile(r"^\d{6}$")
_CODE5 = re.compile(r"^\d{5}$")


def check_digit(code5: str) -> int:
    """The check digit of a 5-digit code: weights 6,5,4,3,2; check = (11 − sum mod 11) mod 10.

    Args:
        code5: the first five digits (都道府県 2 + 市区町村 3).

    Returns:
        The sixth digit.

    Raises:
        ValueError: when ``code5`` is not five digits.
    """
    if not _CODE5.match(code5):
        raise ValueError(f"not a 5-digit code: {code5!r}")
    total = sum(int(d) * w for d, w in zip(code5, _WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def is_valid_code(code: str) -> bool:
    """Whether ``code`` is six digits whose last digit is the check digit of the first five."""
    return bool(_CODE6.match(code)) and check_digit(code[:5]) == int(code[5])


def full_code(code: str) -> str:
    """The 6-digit code: a 5-digit code (as some ministry files print it) gets its check digit appended.

    Raises:
        ValueError: when ``code`` is neither five digits nor six digits with a correct check digit.
    """
    if _CODE5.match(code):
        return code + str(check_digit(code))
    if not is_valid_code(code):
        raise ValueError(f"not a valid 団体コード: {code!r}")
    return code


def is_prefecture_code(code: str) -> bool:
    """Whether the code is that of a 都道府県 (digits 3–5 are ``000``)."""
    return code[2:5] == "000"


def is_tokyo_special_ward_code(code: str) -> bool:
    """Whether the code is that of one of Tokyo's 23 特別区 (131016 千代田区 … 131237 江戸川区)."""
    return code[:2] == "13" and 101 <= int(code[2:5]) <= 123
