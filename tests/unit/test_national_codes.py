import pytest

from finance.national.codes import (
    check_digit,
    full_code,
    is_prefecture_code,
    is_tokyo_special_ward_code,
    is_valid_code,
)


@pytest.mark.parametrize(
    ("code5", "digit"),
    [
        ("01214", 9),  # 稚内市 012149
        ("01513", 0),  # 中頓別町 015130
        ("01209", 2),  # 夕張市 012092
        ("31000", 0),  # 鳥取県 310000
        ("13101", 6),  # 千代田区 131016
        ("01100", 2),  # 札幌市 011002
        ("14130", 5),  # 川崎市 141305
    ],
)
def test_check_digit_of_known_codes(code5, digit):
    assert check_digit(code5) == digit
    assert is_valid_code(code5 + str(digit))
    assert full_code(code5) == code5 + str(digit)


@pytest.mark.parametrize("bad", ["012148", "01214", "12149", "0121490", "01214a", ""])
def test_wrong_or_malformed_codes_are_not_valid(bad):
    assert not is_valid_code(bad)


def test_full_code_refuses_a_wrong_check_digit():
    with pytest.raises(ValueError, match="012148"):
        full_code("012148")


def test_kinds_told_by_the_code():
    assert is_prefecture_code("010006") and not is_prefecture_code("012149")
    assert is_tokyo_special_ward_code("131016") and is_tokyo_special_ward_code("131237")
    assert not is_tokyo_special_ward_code("132012")  # 八王子市
