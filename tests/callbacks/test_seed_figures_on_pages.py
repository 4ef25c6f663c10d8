"""Audit: every figure group of the five seed documents is on a page, at its printed precision and kind.

The groups are those of the seed inventory (WK-1 … KR-5: 稚内市財政の状況, 中頓別町 公債費負担適正化計画,
釧路市下水道 経営健全化計画, 釧路市都市経営戦略プラン and 提言). Each is looked up in the text of the pages as the
browser receives them (the callbacks called directly): the overview, the indicators page and the six resident pages.
A group that cannot be shown is listed in :data:`NOT_SHOWN` with the reason; nothing else may be missing.
"""

from __future__ import annotations

import pytest

from callbacks import indicators, overview, resident
from tests.callbacks.test_callbacks import texts

WK, NT, KS = "012149", "015130", "012068"
YEARS = {WK: (2013, 2012), NT: (2010, 2011, 2014), KS: (2006, 2011)}  # the years the documents are about
PAGES = ("revenue", "expenditure", "funds", "debt", "staff", "enterprise")

# group id → (body, texts that must appear on its pages, as printed)
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "WK-1": (
        WK,
        (
            "市税 4,443,990",
            "自主財源 77億6,854万円（31.5%）",
            "依存財源 168億8,130万円（68.5%）",
            "財産収入 208,260 5,644円 0.9%",  # the printed share in the table …
            "財産収入の割合は資料の印刷どおり0.9%です。金額から計算すると0.8%",  # … and the difference flagged
            "諸収入 1,788,850 48,481円 7.2%",
            "諸収入の割合は資料の印刷どおり7.2%です。金額から計算すると7.3%",
            "職員費 2,715,780",
            "歳入歳出差引 3億5,674万円",
        ),
    ),
    "WK-2": (WK, ("▲1,561,327千円", "540,017千円", "192,863千円", "32,321,365", "2,811,746千円")),
    "WK-3": (WK, ("668,054円", "14,635円", "▲35,679円", "43,760人", "36,898人")),
    "WK-4": (
        WK,
        (
            "44億4千万円",
            "約101億円",
            "18億3千万円",
            "82億4千万円",
            "約▲1億7千万円",
            "約274億円",
            "約130億円",
            "6千万円",
            "約405億円",
            "市民1人あたり約110万円",  # 約405億円 ÷ 36,898人 = 1,097,620円
            "4億8千万円",
            "30億1千万円",
            "5億2千万円",
            "約174億円（63.5%）",
            "31億3千万円",
            "約41%",
            "707",
            "472",
            "約77億円",
            "10億8千万円",
            "約12億円",
            "約282億円",
            "約89億円",
            "約7千万円",
            "87.9",
        ),
    ),
    "WK-5": (WK, ("黒字1.49%", "黒字21.01%", "15.9%", "89.3%", "12.96%", "17.96%", "350.0%")),
    "WK-6": (WK, ("資金不足比率", "20.0%", "臨港用地造成", "公設地方卸売市場")),
    "WK-7": (WK, ("国民健康保険", "後期高齢者医療", "病院", "港湾整備")),
    "WK-8": (WK, ("1,140,556", "90,349", "1,050,207", "1,917,216", "507,750", "100,224", "59,786", "6,384", "8,169")),
    "WK-9": (
        WK,
        (
            "3,464,724",
            "617,572",
            "39,447",
            "303,369",
            "4,425,112",
            "386,677",
            "2,498,558",
            "2,885,235",
            "1,539,877",
            "12,924,171",
            "10,425,613",
            "14.8",
            "17.1",
        ),
    ),
    "WK-10": (
        WK,
        (
            "28,174,940",
            "1,603,474",
            "5,909,562",
            "338,487",
            "3,239,584",
            "98,922",
            "39,364,969",
            "3,316,289",
            "3,700,807",
            "23,030,042",
            "30,047,138",
            "9,317,831",
        ),
    ),
    "NT-1": (NT, ("26.0%", "28.3%", "21.7%", "18.0%")),
    "NT-2": (NT, ("25.6%", "18.7%", "15.9%", "13.8%", "26億2千万円", "27億6千万円", "23億9千万円", "23億5千万円")),
    "NT-3": (NT, ("664,565", "522,214", "507,374", "102,363", "10.6%", "7.4%", "16.4%", "14.0%", "10.9%", "10.8")),
    "NT-4": (
        NT,
        (
            "259,342",
            "828,572",
            "172,504",
            "18,761",
            "42,163",
            "587,060",
            "142,275",
            "2,617,950",
            "2,759,094",
            "2,385,874",
            "2,345,280",
            "15.5%",
            "7.5%",
            "16.7%",
            "14.3%",
        ),
    ),
    "NT-5": (NT, ("長寿園施設改修拡張事業", "926.2百万円", "571.8百万円", "平成9年度 90.6百万円", "（平成41年度）")),
    "NT-6": (NT, ("264.7百万円", "120.1百万円", "129.2百万円", "270.8百万円")),
    "NT-7": (
        NT,
        (
            "41.8",
            "35.7",
            "24.6",
            "形式収支",
            "実質単年度収支",
            "臨時財政対策債発行可能額",
            "2,148人",
            "1,943人",
            "人件費 473,000",
        ),
    ),
    "NT-8": (NT, ("2億2,800万円", "6億1,400万円", "19億6,300万円")),
    "NT-9": (NT, ("70億5,900万円", "48億3,100万円")),
    "NT-10": (
        NT,
        ("85.9", "81.1", "17.2", "9.7", "95.1", "92.3", "98.3", "5.8", "26.1", "22.84", "23.0", "起債制限比率"),
    ),
    "KS-1": (KS, ("232", "492", "51,007,965", "5,777,464", "6,229,339", "118.4", "0.481", "16.4", "95.1")),
    "KS-2": (KS, ("3,112", "9,830", "1,687", "2,261", "2,047")),
    "KS-3": (KS, ("2,910,232", "9,202,484", "2,163,683", "3,389,446", "9,829,479")),
    "KS-4": (KS, ("5,980,899", "6,484,722", "9,329,996", "8,093,913", "6,233,850", "8,095,454", "156.3", "129.1")),
    "KS-5": (KS, ("建設改良費", "企業債償還金", "損益勘定留保資金")),
    "KS-6": (KS, ("基準内", "基準外")),
    "KS-7": (KS, ("46.2", "収益的収支比率")),
    "KS-8": (KS, ("196,497",)),
    "KS-9": (KS, ("99.1", "112.5", "103.3", "122.8", "料金回収率", "繰入金比率", "累積欠損金比率")),
    "KS-10": (
        KS,
        (
            "98.1",
            "62億円",
            "237",
            "161",
            "212",
            "247",
            "29,276",
            "34,743",
            "4,297",
            "3,220",
            "3,229",
            "874",
            "838",
            "308,372千円",
            "57億8千万円",
            "62億3千万円",
            "80億9千万円",
        ),
    ),
    "KS-11": (KS, ("186,643", "水洗化率", "有収水量", "234.2", "汚水処理原価", "51,058")),
    "KL-1": (KS, ("131億円", "債務保証・損失補償")),
    "KL-2": (KS, ("約14億3千万円", "平成38年度")),
    "KL-3": (KS, ("約265億円",)),
    "KL-4": (KS, ("287億円",)),
    "KR-1": (KS, ("将来推計人口 124,000人",)),  # printed 「12万4千人」 (平成42年)
    "KR-3": (KS, ("約150億円",)),
    "KR-4": (KS, ("99.1%",)),
    "KL-7": (KS, ("約500施設",)),  # a count, not money (公有資産マネジメント, 平成24年度)
    "KR-2": (KS, ("これまで目指してきた都市の規模（25万都市）", "250,000人")),
}

# group id → why it is not on a page
NOT_SHOWN: dict[str, str] = {
    "WK-11": "charts whose data were lost in the text extraction; only their narrative numbers survive (WK-4)",
    "KL-5": "tick labels of a lost chart, not data",
    "KL-6": "chart labels without data",
    "KR-5": "the merger date (平成17年): not a figure; not loaded",
}

ALL_GROUPS = (
    [f"WK-{i}" for i in range(1, 12)]
    + [f"NT-{i}" for i in range(1, 11)]
    + [f"KS-{i}" for i in range(1, 12)]
    + [f"KL-{i}" for i in range(1, 8)]
    + [f"KR-{i}" for i in range(1, 6)]
)


@pytest.fixture(scope="module")
def page_texts(dash_app) -> dict[str, str]:
    """The visible text of every page of each body in the years its documents are about."""
    found = {}
    for code, years in YEARS.items():
        parts = []
        for year in years:
            state = {"municipality": code, "year": year, "locale": "ja", "mode": "total"}
            parts.append(texts(overview.update_overview(state)))
            parts.append(texts(indicators.update_indicators(state)))
            parts += [texts(getattr(resident, f"update_{page}")(state)) for page in PAGES]
        found[code] = "\n".join(parts)
    return found


def test_every_group_is_audited_or_listed_with_a_reason():
    assert set(GROUPS) | set(NOT_SHOWN) == set(ALL_GROUPS)
    assert not set(GROUPS) & set(NOT_SHOWN)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_group_is_on_a_page(page_texts, group):
    code, wanted = GROUPS[group]
    missing = [text for text in wanted if text not in page_texts[code]]
    assert not missing, f"{group}: not on any page: {missing}"


def test_plan_figures_keep_their_own_time_reference(page_texts):
    """A figure without a fiscal year is shown under the document's time, never under an inferred year."""
    assert "資料の時点（2012発行）" in page_texts[KS]  # 131億円 (KL)
    assert "資料の時点（2011発行）" in page_texts[KS]  # 約150億円 (KR)
    assert "釧路市土地開発公社及び釧路振興公社の借金 131億円" not in page_texts[KS]  # no longer as the city's debt
