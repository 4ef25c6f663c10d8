"""``python -m finance ratios --data DIR --m CODE [--y YEAR]``: the check a finance officer runs before publishing.

For every soundness ratio (and each 資金不足比率) of a body and year it prints the canonical components, the value
computed from them (unrounded and under the legal rule), the published value, the status and the lines in force.
"""

from __future__ import annotations

from finance import components as comp
from finance import formatting, indicators, queries
from finance.load import Dataset
from finance.text import t

RATIOS = (*indicators.SOUNDNESS, "real_debt_service_ratio_single", "funding_shortfall_ratio")


def years(ds: Dataset, code: str) -> list[int]:
    """Years with components or published ratios for the body."""
    body = indicators.body_components(ds, code)
    published = {int(r["fiscal_year"]) for r in ds.records("ratios", code) if r["indicator"] in RATIOS}  # type: ignore[call-overload]
    return sorted(set(body.years()) | published)


def report(ds: Dataset, code: str, year: int | None = None) -> str:
    """The plain-text report (Japanese labels with the English in brackets)."""
    name = queries.municipality_name(ds, code) or code
    lines = [f"{name}（{code}）"]
    catalog = indicators.component_catalog(ds)
    for y in [year] if year is not None else years(ds, code):
        lines.append("")
        lines.append(f"== {formatting.fiscal_year_label(y, 'ja')}（FY{y}）")
        for indicator in RATIOS:
            lines += _indicator(ds, code, y, indicator, catalog)
    return "\n".join(lines) + "\n"


def _indicator(ds: Dataset, code: str, year: int, indicator: str, catalog: comp.Catalog) -> list[str]:
    evaluation = indicators.evaluate(ds, indicator, code, year)
    body = indicators.body_components(ds, code)
    if evaluation.published is None and evaluation.computed is None and not body.has_components(year, indicator):
        return []
    out = [f"-- {t(f'indicator.{indicator}.name', 'ja')} ({indicator})"]
    values = body.values(year, indicator)
    for component in comp.inputs(catalog, indicator):
        if component in values.values:
            note = "（他の比率の表から）" if component in values.borrowed else ""
            out.append(f"   {component:<38} {values.values[component]:>16,} 千円{note}")
    result = body.ratio(year, indicator)
    if result.status == "incomplete":
        out.append("   計算値 computed: 構成要素が足りません / missing: " + ", ".join(result.missing))
    elif result.value is not None:
        legal = indicators.legal_value(ds, indicator, result.value)
        detail = f" ({result.numerator:,} ÷ {result.denominator:,} × 100)" if result.numerator is not None else ""
        singles = " 単年度: " + ", ".join(f"{v:.4f}" for v in result.singles) if result.singles else ""
        out.append(f"   計算値 computed: {result.value:.4f}%{detail}{singles} → 法定の端数処理 legal: {legal}%")
    else:
        surplus = f"（黒字 {result.surplus:.4f}%）" if result.surplus is not None else ""
        out.append(f"   計算値 computed: — 算定されない / not computed{surplus}")
    published = evaluation.published
    out.append(f"   公表値 published: {published.published_text if published else '（なし / none）'}")
    if evaluation.comparison is not None:
        verdict = "一致 / matches" if evaluation.comparison.matches else "不一致 / DIFFERS"
        out.append(f"   照合 check: {verdict}（{evaluation.comparison.legal_rule}）")
    out.append(f"   状態 status: {t(f'status.{evaluation.status.value}', 'ja')} / {evaluation.status.value}")
    lines = evaluation.rated.lines
    shown = [
        f"{label} {value}%"
        for label, value in (
            ("早期健全化基準", lines.early),
            ("財政再生基準", lines.rebuilding),
            ("許可", lines.caution),
        )
        if value is not None
    ]
    out.append("   基準 lines: " + (", ".join(shown) if shown else "なし / none"))
    return out
