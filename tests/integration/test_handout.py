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


def test_english_a3_pdf_in_black_and_white_is_landscape(handout_client):
    response = handout_client.get("/handout.pdf?m=015130&y=2011&lang=en&paper=a3&palette=gray")
    assert response.status_code == 200
    page = PdfReader(io.BytesIO(response.data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)  # A3 landscape
    assert "Nakatonbetsu" in page.extract_text()


def test_presenter_mode_shows_the_same_figures_in_large_type_without_tables(handout_client):
    html = _html(handout_client, f"/present?{VIEW}")
    assert 'class="handout paper-a4 presenter"' in html
    assert _captions(html) == _captions(_html(handout_client, f"/handout?{VIEW}"))
    assert "<table>" not in html


@pytest.mark.parametrize(
    "url",
    [f"/handout?{VIEW}&paper=b5", f"/handout.pdf?{VIEW}&palette=neon", "/present?m=999999", "/handout?m=012149&y=1"],
)
def test_bad_handout_parameters_are_refused(handout_client, url):
    response = handout_client.get(url)
    assert response.status_code == 400
    assert b"Traceback" not in response.data
