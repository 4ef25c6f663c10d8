"""Data downloads and embeds over HTTP: CSV/XLSX content, bad input, and the framing headers of /embed/*."""

from __future__ import annotations

import csv
import io

import pytest

from finance import exports
from finance.config import Settings
from tests.conftest import DATA

ORIGIN = "http://127.0.0.1:8765"


def _csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))


@pytest.fixture(scope="module")
def framed_client():
    """A second app of the process with an allowed embedding origin configured."""
    import app as app_module

    settings = Settings(data_dir=DATA, cache_type="NullCache", frame_ancestors=(ORIGIN,))
    return app_module.build_app(settings).server.test_client()


def test_embed_allows_the_configured_origin_only_on_embed_paths(framed_client):
    embed = framed_client.get("/embed/overview-trend?m=012149&y=2013")
    assert embed.status_code == 200
    assert "frame-ancestors 'self' " + ORIGIN in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    page = framed_client.get("/?m=012149&y=2013")
    assert ORIGIN not in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"
    download = framed_client.get("/download/totals.csv?m=012149&y=2013")
    assert ORIGIN not in download.headers["Content-Security-Policy"]


def test_embed_without_configured_origins_is_frameable_from_any_origin(client):
    response = client.get("/embed/indicator-real_debt_service_ratio?m=012149&y=2013")
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors *")
    assert "X-Frame-Options" not in response.headers
    for path in ("/?m=012149&y=2013", "/revenue?m=012149&y=2013", "/download/totals.csv?m=012149&y=2013"):
        other = client.get(path)
        assert other.headers["Content-Security-Policy"].endswith("frame-ancestors 'self'"), path
        assert other.headers["X-Frame-Options"] == "SAMEORIGIN", path


@pytest.mark.parametrize("path", ["/embed/no-such-figure", "/embed/", "/embed/overview-trend/x", "/embed/../admin"])
def test_unknown_embed_is_404(client, path):
    assert client.get(path).status_code == 404


def test_totals_csv_has_bom_units_sources_and_numbers(client, dataset):
    response = client.get("/download/totals.csv?m=012149&y=2013&lang=ja")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="mieruka-012149-2013-totals.csv"' in response.headers["Content-Disposition"]
    rows = _csv(response.data)
    assert ["データ版", dataset.version] in rows
    header = next(r for r in rows if r and r[0] == "年度（西暦）")
    assert "歳入決算額（千円）" in header and "歳出決算額（千円）" in header
    assert {"出典資料", "表", "発行日"} <= set(header)
    fy2013 = next(r for r in rows if r and r[0] == "2013")
    assert fy2013[header.index("歳出決算額（千円）")] == "24293107"  # a plain number, no separators or quotes
    assert fy2013[header.index("発行日")] == "2014-10"
    assert rows[-1][0].startswith("出典")


def test_breakdowns_and_indicators_download(client):
    for dataset in ("revenue", "expenditure", "indicators", "indicator-future_burden_ratio"):
        response = client.get(f"/download/{dataset}.csv?m=012149&y=2013")
        assert response.status_code == 200, dataset
        assert len(_csv(response.data)) > 7, dataset
    rows = _csv(client.get("/download/revenue.csv?m=012149&y=2013&lang=en").data)
    assert "Amount (thousand yen)" in next(r for r in rows if r and r[0] == "Item")


def test_csv_neutralises_formula_text_and_keeps_negative_numbers():
    table = exports.Table(
        "test",
        '=HYPERLINK("x")',
        (("label", "@SUM(A1)"),),
        ("項目", "金額（千円）"),
        (("=cmd|' /C calc'!A0", -1234), ("+1", 5), ("-minus", -0.5), ("\tTab", None), ("普通", 0)),
        "出典",
    )
    rows = _csv(exports.to_csv(table))
    assert rows[0] == ["label", "'@SUM(A1)"]
    body = {r[0]: r[1] for r in rows[3:8]}
    assert body == {"'=cmd|' /C calc'!A0": "-1234", "'+1": "5", "'-minus": "-0.5", "'\tTab": "", "普通": "0"}
    raw = exports.to_csv(table).decode("utf-8-sig")
    assert ",-1234\r\n" in raw  # unquoted: a number for Excel


def test_xlsx_opens_with_numeric_cells(client):
    from openpyxl import load_workbook

    response = client.get("/download/totals.xlsx?m=012149&y=2013")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in values if r[0] == "年度（西暦）")
    row = next(r for r in values if r[0] == 2013)
    assert row[header.index("歳出決算額（千円）")] == 24293107
    assert isinstance(row[header.index("歳入決算額（千円）")], int)
    assert any(r[0] and str(r[0]).startswith("出典") for r in values)


def test_xlsx_never_writes_formulas():
    from openpyxl import load_workbook

    table = exports.Table("t", "t", (), ("a", "b"), (("=1+1", -3),), "出典")
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(table))).active
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value is not None}
    assert cells["'=1+1"] == "s" and cells[-3] == "n"


@pytest.mark.parametrize(
    "query",
    ["?m=999999", "?m=012149&y=1850", "?m=012149&y=abc", "?m=012149&lang=fr", "?y=" + "9" * 600],
)
def test_bad_parameters_are_400_plain(client, query):
    response = client.get("/download/totals.csv" + query)
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and len(text) < 200


def test_year_in_any_notation_and_defaults(client):
    assert client.get("/download/totals.csv?m=012149&y=平成25年度").status_code == 200
    assert client.get("/download/totals.csv").status_code == 200


@pytest.mark.parametrize("path", ["/download/nope.csv", "/download/totals.json", "/download/totals", "/download/.csv"])
def test_unknown_dataset_is_404(client, path):
    assert client.get(path + "?m=012149&y=2013").status_code == 404
