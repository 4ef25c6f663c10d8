"""Bodies the project has never seen, added from one flat CSV and computed from official components alone.

The fixtures in ``tests/fixtures/flat/`` are invented but realistic bodies (a 村, a 町 and a 都道府県 of an invented
prefecture whose codes carry valid check digits and belong to no real body). They exercise: components only;
components plus published values; a 3-year mean where truncation and rounding differ (7.6655); a negative 将来負担
numerator («—»); and a prefecture's lines.
"""

from __future__ import annotations

import hashlib
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from finance import addbody, components, indicators, queries, reconcile
from finance.load import load_dataset
from finance.status import Status
from finance.text import t
from finance.validation import DataValidationError

ROOT = Path(__file__).resolve().parents[2]
FLAT = ROOT / "tests" / "fixtures" / "flat"
VILLAGE, TOWN, PREFECTURE = "483010", "483028", "480002"


def _copy_data(target: Path) -> Path:
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("official"))
    return target


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    folder = _copy_data(tmp_path_factory.mktemp("any-body") / "data")
    for name in ("village", "town", "prefecture"):
        addbody.add(FLAT / f"{name}.csv", folder)
    return load_dataset(folder)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a + b - c", {"a": 1, "b": 1, "c": -1}),
        ("-real_balance", {"real_balance": -1}),
        ("standard_fiscal_scale - debt_service_in_demand", {"standard_fiscal_scale": 1, "debt_service_in_demand": -1}),
    ],
)
def test_formulas_are_parsed_as_linear_combinations(text, expected):
    assert components.parse_formula(text) == expected


@pytest.mark.parametrize("text", ["", "a +", "a * b", "a b", "A + b"])
def test_malformed_formulas_are_refused(text):
    with pytest.raises(ValueError):
        components.parse_formula(text)


@pytest.mark.parametrize(
    ("code", "year", "indicator", "status", "value", "legal"),
    [
        # 見本村: components only — every value is a 計算値 under the legal rule
        (VILLAGE, 2023, "real_debt_service_ratio_single", "ok", "6.1728", "6.2"),  # rounded as printed singles are
        (
            VILLAGE,
            2023,
            "real_debt_service_ratio",
            "ok",
            "6.4547",
            "6.4",
        ),  # mean of 3 unrounded years, truncated (not 6.5)
        (VILLAGE, 2023, "future_burden_ratio", "non_positive", None, None),  # numerator −200,000 → «—», never 0
        (VILLAGE, 2023, "real_deficit_ratio", "no_deficit", None, None),
        # 見本町: the mean 7.6655 truncates to 7.6 (rounding would give 7.7)
        (TOWN, 2023, "real_debt_service_ratio", "ok", "7.6655", "7.6"),
        (TOWN, 2023, "future_burden_ratio", "ok", "40.0000", "40.0"),
        # 見本県: one year of components; the deficit is real (4.00 %)
        (PREFECTURE, 2023, "real_deficit_ratio", "ok", "4.0000", "4.00"),
        (PREFECTURE, 2023, "future_burden_ratio", "ok", "119.0476", "119.0"),
        (PREFECTURE, 2023, "consolidated_real_deficit_ratio", "no_deficit", None, None),
    ],
)
def test_ratios_are_computed_from_canonical_components(added, code, year, indicator, status, value, legal):
    body = indicators.body_components(added, code)
    result = body.ratio(year, indicator)
    assert result.status == status, result.missing
    if value is None:
        assert result.value is None
        return
    assert result.value.quantize(Decimal("0.0001")) == Decimal(value)
    assert indicators.legal_value(added, indicator, result.value) == Decimal(legal)


def test_the_future_burden_dash_is_decided_by_the_numerator_alone(tmp_path):
    folder = _copy_data(tmp_path / "data")
    flat = tmp_path / "no_denominator.csv"
    lines = (FLAT / "village.csv").read_text(encoding="utf-8").splitlines()
    keep = [ln for ln in lines if ",real_debt_service_ratio," not in ln and "base_standard_fiscal_scale" not in ln]
    flat.write_text("\n".join(keep) + "\n", encoding="utf-8")
    addbody.add(flat, folder)
    ds = load_dataset(folder)
    result = indicators.body_components(ds, VILLAGE).ratio(2023, "future_burden_ratio")
    assert result.status == "non_positive" and result.denominator is None and result.numerator == -200_000


def test_a_body_with_components_only_is_selectable_and_rated(added):
    assert 2023 in queries.fiscal_years(added, VILLAGE)
    assert queries.default_year(added, VILLAGE) == 2023
    evaluation = indicators.evaluate(added, "real_debt_service_ratio", VILLAGE, 2023)
    assert evaluation.published is None and evaluation.is_computed
    assert evaluation.status is Status.SOUND and evaluation.rated.lines.early == 25.0
    points = indicators.trend(added, "real_debt_service_ratio", VILLAGE)
    assert [(p.year, p.value, p.computed) for p in points] == [(2023, 6.4, True)]
    fbr = indicators.evaluate(added, "future_burden_ratio", VILLAGE, 2023)
    assert fbr.status is Status.NOT_COMPUTED and fbr.distance is None


def test_prefecture_lines(added):
    expected = {
        "real_deficit_ratio": (3.75, 5.0, Status.EARLY),
        "consolidated_real_deficit_ratio": (8.75, 15.0, Status.NO_DEFICIT),
        "future_burden_ratio": (400.0, None, Status.SOUND),
    }
    for indicator, (early, rebuilding, state) in expected.items():
        evaluation = indicators.evaluate(added, indicator, PREFECTURE, 2023)
        assert (evaluation.rated.lines.early, evaluation.rated.lines.rebuilding, evaluation.status) == (
            early,
            rebuilding,
            state,
        ), indicator


def test_published_values_reconcile_under_the_legal_rule(added):
    town = indicators.evaluate(added, "real_debt_service_ratio", TOWN, 2023)
    assert town.comparison.legal_rule == "truncate" and town.comparison.matches and not town.flagged
    assert town.comparison.rule == "truncate"  # 7.6655: truncation 7.6 matches, rounding 7.7 would not
    single = indicators.evaluate(added, "real_debt_service_ratio_single", TOWN, 2022)
    assert single.comparison.legal_rule == "round" and single.comparison.matches  # 7.75 printed 7.8


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.csv")}


def test_a_wrongly_rounded_published_value_is_rejected_and_nothing_is_written(tmp_path):
    folder = _copy_data(tmp_path / "data")
    flat = tmp_path / "town_rounded.csv"
    text = (FLAT / "town.csv").read_text(encoding="utf-8")
    flat.write_text(text.replace(",published,7.6,%,", ",published,7.7,%,"), encoding="utf-8")
    before = _hashes(folder)
    with pytest.raises(DataValidationError) as caught:
        addbody.add(flat, folder)
    assert _hashes(folder) == before
    mismatch = [i for i in caught.value.issues if i.code == "ratio_mismatch"]
    assert len(mismatch) == 1
    issue = mismatch[0]
    assert issue.file == "ratios.csv" and issue.line is not None and issue.value == "7.7"
    assert issue.params["published"] == "7.7" and issue.params["computed"] == "7.6"
    assert issue.params["unrounded"] == "7.6655" and issue.params["rule"] == "truncate"
    assert "7.6" in issue.message("ja") and "7.7" in issue.message("en")


def test_a_recorded_discrepancy_is_a_notice_and_flagged_with_its_note(tmp_path):
    folder = _copy_data(tmp_path / "data")
    flat = tmp_path / "town_rounded.csv"
    text = (FLAT / "town.csv").read_text(encoding="utf-8")
    flat.write_text(text.replace(",published,7.6,%,", ",published,7.7,%,"), encoding="utf-8")
    with (folder / "discrepancies.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "TEST-town-rdsr,ratios.csv,483028,2023,general_etc,real_debt_service_ratio,7.7,7.6 (7.6655),"
            "丸めた単年度の平均を公表している。,The published mean is of rounded single years.,WK,1\n"
        )
    addbody.add(flat, folder)
    ds = load_dataset(folder)
    assert any(i.code == "ratio_mismatch_recorded" and i.severity == "notice" for i in ds.notices)
    evaluation = indicators.evaluate(ds, "real_debt_service_ratio", TOWN, 2023)
    assert evaluation.flagged and evaluation.published.value == 7.7
    assert evaluation.notes == (
        ("丸めた単年度の平均を公表している。", "The published mean is of rounded single years."),
    )


def test_every_error_of_a_flat_file_is_reported_at_once(tmp_path):
    flat = tmp_path / "bad.csv"
    header = ",".join(addbody.HEADER)
    src = "決算カード,見本村,2024-11,3"
    flat.write_text(
        "\n".join(
            [
                header,
                f"48301,見本村,村,見本県,2023,totals,rev_total,100,千円,決算,{src}",  # five digits
                f"483011,見本村,村,見本県,2023,totals,rev_total,100,千円,決算,{src}",  # wrong check digit
                f"483010,見本村,村,見本県,平成25,totals,rev_total,100,千円,決算,{src}",  # era year
                f"483010,見本村,村,見本県,2023,revenue,rev_unknown,100,千円,決算,{src}",  # unknown item
                f"483010,見本村,村,見本県,2023,revenue,rev_local_tax,12a,千円,決算,{src}",  # not a number
                f"483010,見本村,村,見本県,2023,staff,total,98,千円,決算,{src}",  # wrong unit
                f"483010,見本村,村,見本県,2023,revenue,rev_fees,1234,円,決算,{src}",  # yen not whole thousands
                f"483010,見本村,村,見本県,2023,future_burden_ratio,usable_funds,-,千円,決算,{src}",  # «—» not a ratio
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    codes = addbody.read_codes(ROOT / "data")
    with pytest.raises(addbody.AddError) as caught:
        addbody.read_rows(flat, codes)
    found = [(i.line, i.column, i.code) for i in caught.value.issues]
    assert found == [
        (2, "municipality_code", "add_code_five"),
        (3, "municipality_code", "add_code_check_digit"),
        (4, "fiscal_year", "add_year"),
        (5, "item", "add_item"),
        (6, "amount", "add_amount"),
        (7, "unit", "add_unit"),
        (8, "amount", "add_yen_thousands"),
        (9, "amount", "add_dash_not_allowed"),
    ]
    first = caught.value.issues[0]
    assert "483010" in first.fix("ja") and "483010" in first.fix("en")  # the code with its check digit
    assert "483010" in caught.value.issues[1].fix("ja")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234", (Decimal(1234), False)),
        ("▲1,561,327", (Decimal(-1561327), False)),
        ("△ 4.0", (Decimal("-4.0"), False)),
        ("１２３", (Decimal(123), False)),
        ("—", (None, True)),
        ("-", (None, True)),
        ("", (None, False)),
        ("12a", None),
    ],
)
def test_amounts_are_read_as_printed(text, expected):
    assert addbody.parse_amount(text) == expected


def test_template_lists_every_code_with_its_official_name():
    text = addbody.template(addbody.read_codes(ROOT / "data"))
    assert text.splitlines()[-1] == ",".join(addbody.HEADER)
    for needle in (
        "item=debt_service_in_demand  元利償還金・準元利償還金に係る基準財政需要額算入額",
        "item=rev_local_tax  地方税",
        "item=expf_assembly  議会費",
        "item=fund_fiscal_adjustment  財政調整基金",
        "item=juki_jan1",
    ):
        assert needle in text


def test_printed_precision_is_kept():
    assert reconcile.printed_decimals("6.99", 1) == 2
    assert reconcile.printed_decimals("— (黒字1.49%)", 1) == 2
    assert reconcile.printed_decimals("15.9%", 2) == 1
    assert queries.printed_decimals("6.99%") == 2 and queries.printed_decimals("—") is None


def test_resident_words_follow_the_body_kind():
    from finance.text import body_words

    assert body_words("ja", "都道府県", "鳥取県")["resident"] == "県民"
    assert body_words("ja", "都道府県", "東京都")["resident"] == "都民"
    assert body_words("ja", "都道府県", "北海道")["resident"] == "道民"
    assert body_words("ja", "町", "見本町") == {"resident": "町民", "body": "町"}
    assert body_words("ja", "村")["resident"] == "村民"
    assert body_words("ja", "特別区")["resident"] == "区民"
    assert body_words("en", "町") == {"resident": "resident", "body": "town"}
    assert t("overview.per_resident", "ja", amount="1円", resident="県民") == "県民1人あたり 1円"


ENGINE = ("finance/components.py", "finance/reconcile.py", "finance/calc.py", "finance/ratiocheck.py",
          "layouts/indicators.py",
          *sorted(p.relative_to(ROOT).as_posix() for package in ("indicators", "addbody")
                  for p in (ROOT / "finance" / package).glob("*.py")))  # fmt: skip


@pytest.mark.parametrize("path", ENGINE)
def test_the_engine_names_no_seed_body_and_no_printed_item_code(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    for needle in ("稚内", "中頓別", "釧路", "Wakkanai", "Nakatonbetsu", "Kushiro", "012149", "015130", "012068",
                   "quasi_1", "lat_included", '"A-B"', '"C-D"'):  # fmt: skip
        assert needle not in text, needle
    assert not any("\u2460" <= ch <= "\u2473" for ch in text)  # circled numbers ①–⑳
