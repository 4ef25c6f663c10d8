"""The committee handout over HTTP: numbered figures that do not change between printings, data tables and
sources, A4 portrait / A3 landscape, the server-rendered PDF (real Chromium) and the presenter mode."""

from __future__ import annotations

import io
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from finance.config import Settings
from tests.conftest import DATA

VIEW = "m=012149&y=2013"


@pytest.fixture(scope="module")
def handout_client():
    """An app with a private file cache: the figures of a view are rendered once for the module."""
    import app as app_module

    folder = Path(tempfile.mkdtemp(prefix="mieruka-handout-cache-"))
    settings = Settings(data_dir=DATA, cache_type="FileSystemCache", cache_dir=folder)
    return app_module.build_app(settings).server.test_client()


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "text/html"
    return response.data.decode("utf-8")


def _captions(html: str) -> list[str]:
    return re.findall(r'<span class="fignum">(図\d+|Figure \d+)</span> ([^<]+)</h3>', html)


def test_handout_numbers_every_figure_in_a_fixed_order_and_again_the_same(handout_client):
    html = _html(handout_client, f"/handout?{VIEW}")
    captions = _captions(html)
    assert [label for label, _ in captions] == [f"図{n}" for n in range(1, len(captions) + 1)]
    titles = [title for _, title in captions]
    assert titles[0] == "歳入・歳出の推移"  # the overview comes first, then the fiscal-health indicators
    assert titles.index("歳入の推移") < titles.index("歳出の推移") < titles.index("基金残高の推移")
    assert titles.index("基金残高の推移") < titles.index("借金の残高の推移") < titles.index("職員数の推移")
    assert _captions(_html(handout_client, f"/handout?{VIEW}")) == captions
    # the A3 printing of the same view numbers the figures the same way
    assert _captions(_html(handout_client, f"/handout?{VIEW}&paper=a3")) == captions


def test_handout_carries_the_data_tables_and_sources_of_the_figures(handout_client):
    html = _html(handout_client, f"/handout?{VIEW}")
    assert "@page { size: A4 portrait;" in html
    assert "<caption>図1 の数値</caption>" in html
    assert "24,649,844" in html  # 平成25年度 歳入決算額 (千円), as printed in WK-1
    assert "出典: 稚内市政策調整部財政経営課「稚内市財政の状況" in html
    assert "<script" not in html  # prints and renders to PDF without JavaScript; the CSP allows no inline script
    assert 'src="data:image/svg+xml;base64,' in html


def _summary_rows(html: str) -> dict[str, tuple[str, str, str, str]]:
    """Summary table rows: label → (value, early or management line, rebuilding line, status words)."""
    section = html[html.index('<section class="summary') : html.index('<div class="figures">')]
    rows = re.findall(
        r'<tr class="status-\w+"><th scope="row">([^<]+)</th><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td>'
        r'<td class="status">(?:<strong>)?([^<]+)',
        section,
    )
    return {label: (value, early, rebuilding, status) for label, value, early, rebuilding, status in rows}


def test_handout_summary_sets_each_ratio_against_both_lines_with_status_words(handout_client):
    html = _html(handout_client, f"/handout?{VIEW}")
    assert html.index('id="summary"') < html.index('id="fig-1"')  # the summary comes before the figures
    rows = _summary_rows(html)
    # 稚内市 H25 as printed in its document (WK lines 337–353): the value, 早期健全化基準, 財政再生基準, status
    assert rows["実質赤字比率"] == ("—（黒字1.49%）", "12.96%", "20.00%", "該当なし（赤字なし）")
    assert rows["連結実質赤字比率"] == ("—（黒字21.01%）", "17.96%", "30.00%", "該当なし（赤字なし）")
    assert rows["実質公債費比率"] == ("15.9%", "25.0%", "35.0%", "健全")
    assert rows["将来負担比率"] == ("89.3%", "350.0%", "なし（法に定めがない）", "健全")
    # each public enterprise against the 経営健全化基準; «—» is never printed as 0
    assert rows["水道事業会計"] == ("—", "20.0%", "なし（法に定めがない）", "該当なし（赤字なし）")
    assert rows["病院事業会計"][1] == "20.0%"
    summary = html[html.index('<section class="summary') : html.index('<div class="figures">')]
    for column in ("早期健全化基準", "財政再生基準", "経営健全化基準"):
        assert f'<th scope="col">{column}</th>' in summary
    assert "判定：値のある比率はいずれも早期健全化基準未満です。" in summary
    assert "<td>24,649,844</td><td>246億4,984万円</td><td>668,054円</td>" in summary  # 歳入総額, per resident
    assert "36,898人" in summary


def test_a_body_of_the_national_tables_gets_its_summary_from_the_national_indicators(handout_client):
    html = _html(handout_client, "/handout?m=012092&y=2013")  # 夕張市 H25 (財政再生団体)
    rows = _summary_rows(html)
    assert rows["実質公債費比率"] == ("47.2%", "25.0%", "35.0%", "財政再生基準以上")
    # the law sets no 財政再生基準 for 将来負担比率: 748.7 % is at or above the 早期健全化基準, the highest line
    assert rows["将来負担比率"] == ("748.7%", "350.0%", "なし（法に定めがない）", "早期健全化基準以上")
    assert rows["実質赤字比率"][0] == "—（資料になし）" and rows["実質赤字比率"][3] == "データなし"
    assert "判定：財政再生基準以上の比率があります" in html
    assert "総務省が公表する全国の表" in html  # the cover says where the figures come from
    # what the national tables lack is left out with one sentence, never shown as 0
    assert "この年度の公営企業の資金不足比率は資料にないため" in html
    assert "この年度の歳入・歳出の総額は資料にないため" in html


def test_no_figure_titled_as_a_ratio_shows_an_amount(handout_client):
    html = _html(handout_client, f"/handout?{VIEW}")
    sections = re.findall(r'<section class="figure slide" id="(fig-\d+)".*?</section>', html, re.S)
    assert sections
    ratio = re.compile(r"(実質赤字比率|連結実質赤字比率|実質公債費比率|将来負担比率|資金不足比率)$")
    for anchor in sections:
        block = html[html.index(f'id="{anchor}"') :]
        block = block[: block.index("</section>")]
        title = re.search(r"</span> ([^<]+)</h3>", block)
        assert title is not None
        header = re.search(r"<thead>(.*?)</thead>", block, re.S)
        if ratio.search(title.group(1)):
            assert header is not None and "千円" not in header.group(1), (anchor, title.group(1))
        elif header is not None and "千円" in header.group(1):
            assert not ratio.search(title.group(1))


def test_a3_handout_is_landscape_with_two_figures_side_by_side(handout_client):
    html = _html(handout_client, f"/handout?{VIEW}&paper=a3")
    assert "@page { size: A3 landscape;" in html
    assert 'class="handout paper-a3"' in html


def test_handout_pdf_is_a4_with_numbered_figures_and_extractable_japanese(handout_client):
    response = handout_client.get(f"/handout.pdf?{VIEW}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) > 5
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)  # A4 portrait
    text = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))
    assert "稚内市 財政の状況 平成25年度決算" in text
    assert re.search(r"図1\s*歳入.歳出の推移", text)  # pdf text gives ‧ (U+2027) for the printed ・
    assert "24,649,844" in text
    assert "1 / " in text  # page numbers in the footer
    cover = re.sub(r"\s", "", unicodedata.normalize("NFKC", reader.pages[0].extract_text()))
    assert "稚内市財政の状況平成25年度決算の概要及び健全化判断比率の概要" in cover  # the source
    assert "2014-10" in cover  # the date of the data
    summary = re.sub(r"\s", "", unicodedata.normalize("NFKC", reader.pages[1].extract_text()))
    for words in ("早期健全化基準", "財政再生基準", "経営健全化基準", "15.9%", "89.3%", "350.0%", "24,649,844"):
        assert words in summary, words


def test_english_a3_pdf_in_black_and_white_is_landscape(handout_client):
    response = handout_client.get("/handout.pdf?m=015130&y=2011&lang=en&paper=a3&palette=gray")
    assert response.status_code == 200
    page = PdfReader(io.BytesIO(response.data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)  # A3 landscape
    assert "Nakatonbetsu" in page.extract_text()


def test_presenter_mode_shows_the_same_figures_as_slides_without_figure_tables(handout_client):
    html = _html(handout_client, f"/present?{VIEW}")
    assert 'class="handout paper-a4 presenter"' in html
    assert _captions(html) == _captions(_html(handout_client, f"/handout?{VIEW}"))
    assert "<table>" not in html  # the figures' data tables stay on paper; the summary's tables are slides
    slides = html.count(' slide" id=')
    assert slides == len(_captions(html)) + 3  # cover, the summary on two slides, one slide per figure
    assert f"スライド 1 / {slides}" in html
    assert '<script src="/assets/present.js" defer></script>' in html  # no inline script (CSP)


@pytest.mark.parametrize(
    "url",
    [f"/handout?{VIEW}&paper=b5", f"/handout.pdf?{VIEW}&palette=neon", "/present?m=999999", "/handout?m=012149&y=1"],
)
def test_bad_handout_parameters_are_refused(handout_client, url):
    response = handout_client.get(url)
    assert response.status_code == 400
    assert b"Traceback" not in response.data
