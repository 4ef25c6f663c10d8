"""The residents' booklet (財政白書) from a real gunicorn: the PDF of 稚内市 H25 (printed by Chromium, read back with
pypdf) has the chapters and figures of the city's own booklet and a contents page with page numbers; a body added
from one flat CSV gets a shorter booklet; bad parameters are refused."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from finance import addbody
from tests.conftest import ROOT
from tests.integration.test_multi_instance import _free_port, _stop, _wait_healthy

GUNICORN = Path(sys.executable).with_name("gunicorn")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """One gunicorn on a copy of the data with the invented village of the fixtures added."""
    tmp = tmp_path_factory.mktemp("booklet")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("official"))
    addbody.add(ROOT / "tests" / "fixtures" / "flat" / "village.csv", data)
    port = _free_port()
    log = tmp / "gunicorn.log"
    env = {
        **os.environ,
        "MIERUKA_DATA_DIR": str(data),
        "MIERUKA_BIND": f"127.0.0.1:{port}",
        "MIERUKA_WORKERS": "1",
        "MIERUKA_CACHE_TYPE": "FileSystemCache",
        "MIERUKA_CACHE_DIR": str(tmp / "cache"),
        "MIERUKA_ACCESS_LOG": str(tmp / "access.log"),
        "MIERUKA_PRERENDER": "none",  # the background renders are tested on their own (test_prerender)
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(GUNICORN), "--config", "gunicorn.conf.py", "app:server"], cwd=ROOT, env=env, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(proc, url, log)
        yield url
    finally:
        _stop(proc)


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=180) as response:
            return response.status, response.headers.get_content_type(), bytes(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def _fold(text: str) -> str:
    """NFKC, the look-alikes of PDF text extraction mapped (‧ → ・, ⺠ → 民), without whitespace."""
    folded = unicodedata.normalize("NFKC", text).translate(str.maketrans({"\u2027": "・", "\u2ea0": "民"}))
    return re.sub(r"\s+", "", folded)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def wakkanai_pdf(server) -> list[str]:
    status, kind, body = _get(f"{server}/booklet.pdf?m=012149&y=2013")
    assert (status, kind) == (200, "application/pdf")
    return _pages(body)


def test_wakkanai_booklet_pdf_has_the_chapters_and_figures_of_the_citys_booklet(wakkanai_pdf):
    assert len(wakkanai_pdf) >= 8
    text = _fold("\n".join(wakkanai_pdf))
    for heading in (
        "稚内市財政の状況",
        "平成25年度決算の概要及び健全化判断比率の概要",
        "I決算の概要",
        "【I-1平成25年度の歳入・歳出決算状況】",
        "【I-2決算の推移と市民1人あたりの決算】",
        "《(1)市税》",
        "《(2)地方交付税》",
        "《(3)地方債》",
        "II健全化判断比率の概要",
        "【II-4実質公債費比率の算出の状況】",
        "【II-5将来負担比率の算出の状況】",
        "【II-6資金不足比率】",
        "【II-7その他の財政指標】",
    ):
        assert heading in text, heading
    for figure in (
        "246億4,984万円",  # 歳入 合計 (WK-1)
        "242億9,310万円",
        "3億5,674万円",  # 歳入歳出差引
        "668,054",  # 市民1人あたり歳入 H25
        "約3億4千万円減少",
        "15.9%",
        "89.3%",
        "12.96%",  # 実質赤字比率の早期健全化基準
        "(黒字1.49%)",
        "9,317,831千円÷10,425,613千円×100≒89.3%",
        "1,539,877千円÷10,425,613千円×100≒14.8%",
    ):
        assert figure in text, figure


def test_the_contents_page_numbers_point_at_the_sections(wakkanai_pdf):
    contents = unicodedata.normalize("NFKC", wakkanai_pdf[1]).translate(str.maketrans({"\u2027": "・"}))
    assert "目次" in contents
    numbers = {
        m.group(1).strip(): int(m.group(2))
        for m in re.finditer(r"^\s*\d\s+(\S[^\n]*?)\s*[.…·‥]*\s*(\d+)\s*$", contents, re.MULTILINE)
    }
    assert len(numbers) >= 10, contents
    assert list(numbers.values()) == sorted(numbers.values())
    for title, page in numbers.items():
        # each section's heading 「【I-3 歳入】」 is printed on the page the contents gives
        assert f"{_fold(title)}】" in _fold(wakkanai_pdf[page - 1]), (title, page)


def test_an_added_village_gets_a_short_booklet(server):
    status, kind, body = _get(f"{server}/booklet.pdf?m=483010&y=2023")
    assert (status, kind) == (200, "application/pdf")
    pages = _pages(body)
    text = _fold("\n".join(pages))
    assert "見本村財政の状況" in text
    assert "村民1人あたり" in text
    assert "(計算値)" in text  # ratios computed from the official components, said to be computed
    assert "データがないため省いています" in text
    assert len(pages) < 12


def test_html_booklet_has_no_script_and_speaks_three_languages(server):
    for lang, marker, tag in (("ja", "財政の状況", 'lang="ja"'), ("en", "The finances of Wakkanai", 'lang="en"'),
                              ("easy", "お金の 使い方", 'lang="ja"')):  # fmt: skip
        status, kind, body = _get(f"{server}/booklet?m=012149&y=2013&lang={lang}")
        html = body.decode("utf-8")
        assert (status, kind) == (200, "text/html")
        assert marker in html and tag in html
        assert "<script" not in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/booklet?m=999999&y=2013", 400),
        ("/booklet?m=012149&y=1900", 400),
        ("/booklet?m=012149&y=2013&lang=xx", 400),
        ("/booklet.pdf?m=012149&y=abc", 400),
        ("/booklet.pdf?m=012149&y=2013&lang=fr", 400),
        ("/booklet/012149", 404),
    ],
)
def test_bad_parameters_are_refused(server, path, status):
    assert _get(server + path)[0] == status
