"""The 広報 figure kit over HTTP, rendered by the real kaleido + Debian Chromium: PNG size and resolution, SVG
text, PDF size and extractable Japanese text, the black-and-white palette, the QR code (read back with zbarimg)
and its short link, and refusals of bad parameters."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from finance.config import Settings
from tests.conftest import DATA

PUBLIC = "https://zaisei.example.jp"
VIEW = "m=012149&y=2013"


@pytest.fixture(scope="module")
def kit():
    """An app whose printed links use the configured public origin."""
    import app as app_module

    return app_module.build_app(Settings(data_dir=DATA, cache_type="NullCache", public_url=PUBLIC)).server.test_client()


def _get(kit, url: str) -> bytes:
    response = kit.get(url)
    assert response.status_code == 200, response.data[:300]
    return response.data


def _qr(png: bytes, tmp_path: Path) -> str:
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbar-tools is installed by scripts/setup.sh dev"
    path = tmp_path / "figure.png"
    path.write_bytes(png)
    result = subprocess.run([zbarimg, "--quiet", "--raw", str(path)], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_png_one_column_is_85_mm_at_300_dpi_and_its_qr_code_opens_the_figure(kit, tmp_path):
    response = kit.get(f"/figure/revenue/revenue-trend.png?{VIEW}&size=1col")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert 'filename="mieruka-012149-2013-revenue-trend-1col.png"' in response.headers["Content-Disposition"]
    with Image.open(io.BytesIO(response.data)) as image:
        assert image.width == 1004  # 85 mm at 300 dpi
        assert image.height >= 944  # at least 80 mm
        assert [round(d) for d in image.info["dpi"]] == [300, 300]
    link = _qr(response.data, tmp_path)
    assert link == f"{PUBLIC}/s/012149/2013/revenue/revenue-trend"
    short = kit.get(link.removeprefix(PUBLIC))
    assert short.status_code == 302
    assert short.headers["Location"] == "/revenue?m=012149&y=2013&fig=revenue-trend&lang=ja"
    assert kit.get(short.headers["Location"]).status_code == 200


def test_png_two_columns_is_175_mm_and_per_resident_mode_travels_in_the_qr_link(kit, tmp_path):
    data = _get(kit, f"/figure/revenue/revenue-trend.png?{VIEW}&size=2col&mode=per_resident&lang=en")
    with Image.open(io.BytesIO(data)) as image:
        assert image.width == 2067  # 175 mm at 300 dpi
        assert [round(d) for d in image.info["dpi"]] == [300, 300]
    link = _qr(data, tmp_path)
    assert link == f"{PUBLIC}/s/012149/2013/revenue/revenue-trend?mode=per_resident&lang=en"
    location = kit.get(link.removeprefix(PUBLIC)).headers["Location"]
    assert location == "/revenue?m=012149&y=2013&mode=per_resident&fig=revenue-trend&lang=en"


def _colourful_pixels(png: bytes) -> int:
    with Image.open(io.BytesIO(png)) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    return int(((pixels.max(axis=2) - pixels.min(axis=2)) > 24).sum())


def test_black_and_white_palette_has_no_colour_and_the_colour_one_has(kit):
    colour = _get(kit, f"/figure/revenue/revenue-trend.png?{VIEW}&size=1col")
    gray = _get(kit, f"/figure/revenue/revenue-trend.png?{VIEW}&size=1col&palette=gray")
    assert _colourful_pixels(colour) > 1000  # the blue and orange bars
    assert _colourful_pixels(gray) == 0


def test_svg_keeps_title_source_and_reference_date_as_text_and_is_sized_in_mm(kit):
    data = _get(kit, f"/figure/indicators/real_debt_service_ratio-general_etc.svg?{VIEW}")
    root = ET.fromstring(data)
    assert root.get("width") == "175.0mm"
    texts = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "稚内市 借金の返済の重さ 実質公債費比率" in texts
    assert "早期健全化基準 25.0%" in texts  # the page's threshold line, as on screen
    assert "10.8" in texts  # the latest published value (FY2024, national table): a 20-year trend labels its last point
    assert "出典: 稚内市政策調整部財政経営課「稚内市財政の状況" in texts
    assert "基準日：2014年3月31日（平成25年度末）" in texts
    assert "Noto Sans CJK JP" in data.decode()  # the font is named so a viewer finds Japanese glyphs


def test_pdf_is_175_mm_wide_with_japanese_text_that_can_be_extracted(kit):
    data = _get(kit, f"/figure/revenue/revenue-items.pdf?{VIEW}")
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    assert float(page.mediabox.width) == pytest.approx(175 / 25.4 * 72, abs=0.5)
    # Chromium maps some kanji to their Kangxi-radical code points (⼊ for 入); NFKC folds them back
    text = unicodedata.normalize("NFKC", page.extract_text())
    assert "稚内市 歳入の内訳" in text
    assert "市税" in text and "地方交付税" in text
    assert "基準日:2014年3月31日" in text  # NFKC folds the full-width colon
    fonts = page["/Resources"]["/Font"]
    assert fonts  # glyphs travel with the file (no font needed on the printing machine)


def test_english_figure_prints_english_title_and_reference_date(kit):
    data = _get(kit, "/figure/debt/debt-accounts.svg?m=015130&y=2011&lang=en")
    texts = " ".join("".join(el.itertext()) for el in ET.fromstring(data).iter("{http://www.w3.org/2000/svg}text"))
    assert "Nakatonbetsu" in texts
    assert "Reference date: 2012-03-31 (end of FY2011)" in texts


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/figure/revenue/revenue-trend.png?{VIEW}&size=3col", 400),
        (f"/figure/revenue/revenue-trend.png?{VIEW}&palette=neon", 400),
        (f"/figure/revenue/revenue-trend.png?{VIEW}&mode=everything", 400),
        ("/figure/revenue/revenue-trend.png?m=999999&y=2013", 400),
        ("/figure/revenue/revenue-trend.png?m=012149&y=1850", 400),
        (f"/figure/revenue/no-such-figure.png?{VIEW}", 404),
        (f"/figure/secret/revenue-trend.png?{VIEW}", 404),
        (f"/figure/revenue/revenue-trend.gif?{VIEW}", 404),
        (f"/figure/revenue/REVENUE.png?{VIEW}", 404),
        ("/s/012149/2013/revenue/<script>", 404),
        ("/s/999999/2013/revenue/revenue-trend", 404),
    ],
)
def test_bad_parameters_are_refused_plainly(kit, url, status):
    response = kit.get(url)
    assert response.status_code == status
    assert b"Traceback" not in response.data


def test_a_figure_the_year_does_not_have_is_not_found(kit):
    # Wakkanai prints no 性質別 breakdown for H25 (only the 款 list): there is no such chart to export
    assert kit.get(f"/figure/expenditure/expenditure-nature.png?{VIEW}").status_code == 404


def test_any_figure_has_an_embed_page_and_unknown_ones_are_not_found(kit):
    assert kit.get(f"/embed/revenue/revenue-items?{VIEW}").status_code == 200
    assert kit.get(f"/embed/indicators/real_debt_service_ratio-general_etc?{VIEW}").status_code == 200
    assert kit.get(f"/embed/secret/revenue-items?{VIEW}").status_code == 404
    assert kit.get(f"/embed/revenue/Revenue?{VIEW}").status_code == 404


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("/figure/debt/debt-coverage.png?m=012149&y=2013&size=1col&palette=gray", "/s/012149/2013/debt/debt-coverage"),
        ("/figure/staff/staff-counts.png?m=015130&y=2011&size=2col", "/s/015130/2011/staff/staff-counts"),
        ("/figure/indicators/future_burden_ratio-general_etc.png?m=012149&y=2013&size=1col",
         "/s/012149/2013/indicators/future_burden_ratio-general_etc"),
    ],
)  # fmt: skip
def test_the_qr_code_is_whole_and_readable_on_every_kind_of_chart(kit, tmp_path, url, link):
    # horizontal bars keep their own narrow left margin: the code must still sit inside the image
    assert _qr(_get(kit, url), tmp_path) == PUBLIC + link


def _csv_rows(body: bytes) -> list[list[str]]:
    import csv

    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))


def test_the_data_of_any_figure_downloads_with_units_numbers_and_sources(kit):
    response = kit.get(f"/download/figure/revenue/revenue-items.csv?{VIEW}")
    assert response.status_code == 200
    rows = _csv_rows(response.data)
    assert rows[0] == ["表", "稚内市 歳入の内訳"]
    header = rows[rows.index([]) + 1]
    assert header[:4] == ["項目", "金額（千円）", "市民1人あたり（円）", "割合（%）"]
    tax = next(r for r in rows if r and r[0] == "市税")
    assert tax[1:4] == ["4443990", "120440", "18.03"]  # 市税 H25 as printed (千円), per resident, share (%)
    assert rows[-1][0].startswith("出典: 稚内市政策調整部財政経営課")


def test_figure_data_as_xlsx_keeps_numbers_numeric_and_missing_empty(kit):
    from openpyxl import load_workbook

    response = kit.get("/download/figure/staff/staff-counts.xlsx?m=015130&y=2011")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(row for row in values if row[0] == "項目")
    total = next(row for row in values if row[0] == "職員数 (a+b+c)")
    assert total[header.index("人数（人）")] == 48  # 中頓別町 職員数 H23, a number in the workbook
    assert total[header.index("人口1,000人あたり（計算）（人）")] == pytest.approx(24.7, abs=0.05)
    assert total[header.index("人口1,000人あたり（資料）（人）")] is None  # not printed for the total: empty, never 0


def test_a_figure_table_writes_values_under_headers_with_units_and_shows_texts():
    from finance import figuremodel as fm

    data = fm.table(
        [fm.Column("項目"), fm.Column("金額（千円）", "thousand_yen"), fm.Column("市民1人あたり", "yen")],
        [
            [fm.text("=市税"), fm.number(4443990, "4,443,990"), fm.number(None, "データなし")],
            [fm.text("地方債"), fm.number(-1561, "▲1,561"), fm.number(Decimal("742588"), "約74万円")],
        ],
    )
    assert data.shown() == (
        ["項目", "金額（千円）", "市民1人あたり"],
        [["=市税", "4,443,990", "データなし"], ["地方債", "▲1,561", "約74万円"]],
    )
    header, rows = data.typed("ja")
    assert header == ("項目", "金額（千円）", "市民1人あたり（円）")  # the unit said once
    assert rows == (("=市税", 4443990, None), ("地方債", -1561, 742588))
    assert data.typed("en")[0][2] == "市民1人あたり (yen)"
    with pytest.raises(TypeError):
        fm.table([fm.Column("額", "yen")], [[fm.Cell("約74万円", "約74万円")]])  # display text is not a number
