"""Generate a synthetic national dataset in the project's own schema (for benchmarks only, never served).

Usage: .venv/bin/python bench/generate_national.py --municipalities 1741 --years 20 --out bench/out/national-1741

Structure follows the real data: per municipality and fiscal year a revenue statement whose items add up to
the printed total, expenditure by nature (義務的/投資的/その他) adding up to its total, real balance and
standard fiscal scale, year-end population, funds by kind with their total, debt outstanding, staff counts and
the published ratios (the four soundness ratios with «—» surpluses, 経常収支比率). Magnitudes are drawn per
municipality from log-normal populations (a few hundred to millions of residents) and per-resident amounts
in the range municipalities publish. Every figure is synthetic and says so in its source.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from finance.schemas import SPECS, check_digit

ROOT = Path(__file__).resolve().parent.parent
REVENUE = (  # item, share of revenue (mean), label
    ("rev_local_tax", 0.30, "地方税"),
    ("rev_local_allocation_tax", 0.22, "地方交付税"),
    ("rev_national_disbursements", 0.15, "国庫支出金"),
    ("rev_prefectural_disbursements", 0.07, "都道府県支出金"),
    ("rev_local_bonds", 0.10, "地方債"),
    ("rev_fees", 0.03, "使用料及び手数料"),
    ("rev_transfers_in", 0.03, "繰入金"),
    ("rev_other", 0.10, "その他"),
)
EXPENDITURE = (
    ("expn_personnel", 0.17, "人件費"),
    ("expn_social_assistance", 0.20, "扶助費"),
    ("expn_debt_service", 0.12, "公債費"),
    ("expn_goods_services", 0.14, "物件費"),
    ("expn_subsidies", 0.10, "補助費等"),
    ("expn_transfers_out", 0.10, "繰出金"),
    ("expn_construction", 0.12, "普通建設事業費"),
    ("expn_other", 0.05, "その他"),
)
SOURCE = "SYNTH"
TABLE = "合成データ（ベンチマーク用）"


def codes(count: int) -> list[str]:
    """``count`` distinct six-digit codes with valid check digits (prefecture 01–47, number 100+)."""
    out = []
    for i in range(count):
        five = f"{1 + i % 47:02d}{100 + i // 47:03d}"
        out.append(five + str(check_digit(five)))
    return out


def _split(total: np.ndarray, shares: tuple[float, ...], rng: np.random.Generator) -> np.ndarray:
    """Integer parts of each total, varying around ``shares``, that add up exactly to the total."""
    weights = rng.dirichlet(np.array(shares) * 60, size=len(total))
    parts = np.floor(weights * total[:, None]).astype(np.int64)
    parts[:, -1] = total - parts[:, :-1].sum(axis=1)
    return parts


def _long(
    keys: pd.DataFrame, values: np.ndarray, items: tuple[tuple[str, float, str], ...], part_of: str
) -> pd.DataFrame:
    frames = []
    for column, (item, _, label) in enumerate(items):
        frames.append(keys.assign(item=item, label_ja=label, amount_thousand_yen=values[:, column], part_of=part_of))
    return pd.concat(frames, ignore_index=True)


def generate(count: int, years: int, out: Path, seed: int = 20261123) -> dict[str, int]:
    """Write the dataset into ``out`` and return the row count of each file."""
    rng = np.random.default_rng(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "reference").mkdir(parents=True)
    for name in ("items.csv", "indicators.csv", "thresholds.csv"):
        shutil.copy(ROOT / "data" / "reference" / name, out / "reference" / name)
    town_codes = codes(count)
    population0 = np.clip(rng.lognormal(mean=10.1, sigma=1.25, size=count), 300, 3_800_000).astype(np.int64)
    kinds = np.where(population0 > 50_000, "市", np.where(population0 > 8_000, "町", "村"))
    pd.DataFrame(
        {
            "municipality_code": town_codes,
            "name_ja": [f"合成{k}{i:05d}" for i, k in enumerate(kinds)],
            "name_kana": [f"ごうせい{i:05d}" for i in range(count)],
            "name_en": [f"Synthetic {i:05d}" for i in range(count)],
            "prefecture_ja": "合成県",
            "prefecture_en": "Synthetic",
            "kind": kinds,
            "similar_group": "",
            "similar_group_year": "",
            "source_id": SOURCE,
        }
    ).to_csv(out / "reference" / "municipalities.csv", index=False)
    pd.DataFrame(
        [
            {
                "source_id": SOURCE,
                "title_ja": "合成データ（ベンチマーク用、実在しない数値）",
                "title_en": "Synthetic benchmark data",
                "publisher_ja": "Mieruka bench",
                "published": "2026-11",
                "url": "",
                "date_basis": "生成日",
                "kind": "statistics",
                "note": "実在の団体・数値ではありません（bench/generate_national.py）",
                "short_ja": "合成データ",
                "short_en": "Synthetic data",
                "pages": "",
            }
        ]
    ).to_csv(out / "reference" / "sources.csv", index=False)
    accounts = pd.DataFrame(
        [
            (c, a, n, n, k, "", "")
            for c in town_codes
            for a, n, k in (
                ("general", "一般会計", "一般会計"),
                ("ordinary", "普通会計", "集計"),
                ("general_etc", "一般会計等", "集計"),
            )
        ],
        columns=["municipality_code", "account", "name_ja", "name_en", "kind", "law_application", "in_general_etc"],
    ).assign(source_id=SOURCE, note="")
    accounts.to_csv(out / "reference" / "accounts.csv", index=False)

    year_list = np.arange(2024 - years, 2024)
    grid = pd.MultiIndex.from_product([town_codes, year_list], names=["municipality_code", "fiscal_year"]).to_frame(
        index=False
    )
    n = len(grid)
    trend = np.exp(rng.normal(0, 0.03, size=(count, years)).cumsum(axis=1)).ravel()
    population = np.maximum(100, (np.repeat(population0, years) * trend)).astype(np.int64)
    per_resident_k = rng.normal(520, 120, size=count).clip(300, 1500)  # 千円 per resident
    revenue = (population * np.repeat(per_resident_k, years) * rng.normal(1, 0.03, size=n)).astype(np.int64)
    expenditure = (revenue * rng.uniform(0.95, 0.995, size=n)).astype(np.int64)
    common = {
        "account": "ordinary",
        "published_unit": "千円",
        "rounding": "exact",
        "figure_kind": "決算",
        "source_id": SOURCE,
        "source_table": TABLE,
        "source_lines": "-",
        "note": "",
    }
    keys = grid.assign(**common)
    rev_parts = _split(revenue, tuple(s for _, s, _ in REVENUE), rng)
    exp_parts = _split(expenditure, tuple(s for _, s, _ in EXPENDITURE), rng)
    balance = revenue - expenditure
    scale = (revenue * rng.uniform(0.45, 0.6, size=n)).astype(np.int64)
    singles = [
        _long(keys, rev_parts, REVENUE, "rev_total"),
        keys.assign(item="rev_total", label_ja="歳入合計", amount_thousand_yen=revenue, part_of=""),
        _long(keys, exp_parts, EXPENDITURE, "exp_total"),
        keys.assign(item="exp_total", label_ja="歳出合計", amount_thousand_yen=expenditure, part_of=""),
        keys.assign(item="bal_formal_balance", label_ja="形式収支", amount_thousand_yen=balance, part_of=""),
        keys.assign(
            item="bal_real_balance",
            label_ja="実質収支",
            amount_thousand_yen=(balance * 0.8).astype(np.int64),
            part_of="",
        ),
        keys.assign(item="base_standard_fiscal_scale", label_ja="標準財政規模", amount_thousand_yen=scale, part_of=""),
    ]
    settlement = pd.concat(singles, ignore_index=True)
    columns = [c.name for c in next(s for s in SPECS if s.name == "settlement").columns]
    settlement[columns].to_csv(out / "settlement.csv", index=False)

    grid.assign(
        population=population,
        basis="juki_fy_end",
        as_of=[f"{y + 1}-03-31" for y in grid["fiscal_year"]],
        figure_kind="決算",
        source_id=SOURCE,
        source_table=TABLE,
        source_lines="-",
        note="",
    ).to_csv(out / "population.csv", index=False)

    fund_total = (revenue * rng.uniform(0.05, 0.4, size=n)).astype(np.int64)
    fund_parts = _split(fund_total, (0.4, 0.2, 0.4), rng)
    fund_keys = grid.assign(measure="balance_end", **common)
    funds = pd.concat(
        [
            *[
                fund_keys.assign(fund=f, label_ja=name, amount_thousand_yen=fund_parts[:, i], part_of="fund_total")
                for i, (f, name) in enumerate(
                    (
                        ("fund_fiscal_adjustment", "財政調整基金"),
                        ("fund_debt_reduction", "減債基金"),
                        ("fund_specific", "その他特定目的基金"),
                    )
                )
            ],
            fund_keys.assign(fund="fund_total", label_ja="計", amount_thousand_yen=fund_total, part_of=""),
        ],
        ignore_index=True,
    )
    funds[[c.name for c in next(s for s in SPECS if s.name == "funds").columns]].to_csv(out / "funds.csv", index=False)

    debt = grid.assign(
        measure="outstanding_end",
        label_ja="地方債現在高",
        **common,
        amount_thousand_yen=(revenue * rng.uniform(0.6, 1.6, size=n)).astype(np.int64),
    )
    debt[[c.name for c in next(s for s in SPECS if s.name == "debt").columns]].to_csv(out / "debt.csv", index=False)

    staff_total = np.maximum(5, population // rng.integers(90, 160, size=n)).astype(np.int64)
    staff = pd.concat(
        [
            grid.assign(category="total", label_ja="職員数", count=staff_total),
            grid.assign(category="general", label_ja="一般職員", count=(staff_total * 0.85).astype(np.int64)),
        ],
        ignore_index=True,
    ).assign(
        as_of=lambda f: f["fiscal_year"].astype(str) + "-04-01",
        account="ordinary",
        figure_kind="決算",
        source_id=SOURCE,
        source_table=TABLE,
        source_lines="-",
        note="",
    )
    staff[[c.name for c in next(s for s in SPECS if s.name == "staff").columns]].to_csv(out / "staff.csv", index=False)

    surplus = np.round(balance * 80 / np.maximum(scale, 1), 2)
    debt_service = np.round(rng.normal(9, 4, size=n).clip(-1, 30), 1)
    burden = np.round(rng.normal(40, 50, size=n), 1)
    ratio_base = {
        "scenario": "",
        "early_threshold": "",
        "rebuilding_threshold": "",
        "figure_kind": "決算",
        "source_id": SOURCE,
        "source_table": TABLE,
        "source_lines": "-",
        "note": "",
    }
    ratios = pd.concat(
        [
            grid.assign(
                account="general_etc",
                indicator="real_deficit_ratio",
                published_text="—",
                value="",
                status="no_deficit",
                surplus_value=surplus,
                **ratio_base,
            ),
            grid.assign(
                account="general_etc",
                indicator="consolidated_real_deficit_ratio",
                published_text="—",
                value="",
                status="no_deficit",
                surplus_value=np.round(surplus * 3, 2),
                **ratio_base,
            ),
            grid.assign(
                account="general_etc",
                indicator="real_debt_service_ratio",
                published_text=debt_service.astype(str),
                value=debt_service,
                status="ok",
                surplus_value="",
                **ratio_base,
            ),
            grid.assign(
                account="general_etc",
                indicator="future_burden_ratio",
                published_text=np.where(burden > 0, burden.astype(str), "—"),
                value=np.where(burden > 0, burden, np.nan),
                status=np.where(burden > 0, "ok", "non_positive"),
                surplus_value="",
                **ratio_base,
            ),
            grid.assign(
                account="ordinary",
                indicator="ordinary_balance_ratio",
                published_text=np.round(rng.normal(91, 4, size=n), 1).astype(str),
                status="ok",
                surplus_value="",
                **ratio_base,
            ).assign(value=lambda f: f["published_text"]),
        ],
        ignore_index=True,
    )
    ratios["value"] = ratios["value"].astype(str).replace({"nan": ""})
    ratios[[c.name for c in next(s for s in SPECS if s.name == "ratios").columns]].to_csv(
        out / "ratios.csv", index=False
    )

    written = {
        "settlement.csv": len(settlement),
        "population.csv": n,
        "funds.csv": len(funds),
        "debt.csv": n,
        "staff.csv": len(staff),
        "ratios.csv": len(ratios),
    }
    for spec in SPECS:  # the remaining files: header only
        path = out / spec.path
        if not path.exists():
            path.write_text(",".join(spec.column_names) + "\n", encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=1741)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "national-1741")
    args = parser.parse_args()
    rows = generate(args.municipalities, args.years, args.out)
    print(f"{args.out}: {sum(rows.values()):,} rows", rows)


if __name__ == "__main__":
    main()
