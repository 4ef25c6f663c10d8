"""Open data back out: the national tables in bulk, the descriptor with the attribution, a body as JSON."""

from __future__ import annotations

import csv
import io
import json


def test_bulk_ratios_csv_is_the_cleaned_table_and_formula_safe(dash_app):
    client = dash_app.server.test_client()
    response = client.get("/download/national/ratios.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["municipality_code", "fiscal_year", "indicator"]
    assert len(rows) - 1 == 196_210
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    negative = [r for r in rows if r[0] == "015130" and r[1] == "2022" and r[2] == "real_debt_service_ratio"]
    assert negative and negative[0][4] == "-1.0"  # a negative number stays a number


def test_unknown_tables_and_bodies_are_refused(dash_app):
    client = dash_app.server.test_client()
    assert client.get("/download/national/secrets.csv").status_code == 404
    assert client.get("/download/national/..%2Fratios.csv").status_code == 404
    assert client.get("/download/body/999999.json").status_code == 404


def test_datapackage_carries_the_attribution(dash_app):
    descriptor = json.loads(dash_app.server.test_client().get("/download/national/datapackage.json").get_data())
    assert "総務省" in descriptor["attribution_ja"]
    assert {r["path"] for r in descriptor["resources"]} >= {"ratios.csv", "municipalities.csv"}


def test_a_body_as_json(dash_app):
    payload = json.loads(dash_app.server.test_client().get("/download/body/012092.json").get_data())
    assert payload["name_ja"] == "夕張市" and "総務省" in payload["attribution_ja"]
    h25 = [r for r in payload["ratios"] if r["fiscal_year"] == 2013 and r["indicator"] == "real_debt_service_ratio"]
    assert h25[0]["value"] == 47.2 and h25[0]["source_id"] == "MIC_SHUYOU_CITY_2013"
    village = json.loads(dash_app.server.test_client().get("/download/body/014036.json").get_data())
    fb = [r for r in village["ratios"] if r["fiscal_year"] == 2024 and r["indicator"] == "future_burden_ratio"]
    assert fb[0]["value"] is None and fb[0]["status"] == "non_positive"  # not 0
    assert {s["source_id"] for s in payload["sources"]} >= {"MIC_SHUYOU_CITY_2013"}


def test_bulk_ratios_parquet_has_typed_numbers_text_codes_and_nulls(dash_app, tmp_path):
    import fastparquet

    response = dash_app.server.test_client().get("/download/national/ratios.parquet")
    assert response.status_code == 200 and response.mimetype == "application/vnd.apache.parquet"
    path = tmp_path / "ratios.parquet"
    path.write_bytes(response.get_data())
    frame = fastparquet.ParquetFile(str(path)).to_pandas()
    assert len(frame) == 196_210  # the same rows as the CSV
    assert frame["value"].dtype == "float64" and str(frame["fiscal_year"].dtype) == "Int64"
    wakkanai = frame[(frame["municipality_code"] == "012149") & (frame["fiscal_year"] == 2013)]
    assert wakkanai.set_index("indicator")["value"]["real_debt_service_ratio"] == 15.9  # code kept as text
    village = frame[
        (frame["municipality_code"] == "014036")
        & (frame["fiscal_year"] == 2024)
        & (frame["indicator"] == "future_burden_ratio")
    ]
    assert village["value"].isna().all() and (village["status"] == "non_positive").all()  # «-» is null, not 0
    assert dash_app.server.test_client().get("/download/national/secrets.parquet").status_code == 404


def test_datapackage_types_the_number_columns_and_names_the_parquet_copies(dash_app):
    descriptor = json.loads(dash_app.server.test_client().get("/download/national/datapackage.json").get_data())
    ratios = next(r for r in descriptor["resources"] if r["name"] == "ratios")
    types = {f["name"]: f["type"] for f in ratios["schema"]["fields"]}
    assert types["value"] == "number" and types["fiscal_year"] == "integer" and types["municipality_code"] == "string"
    assert ratios["parquet"] == "ratios.parquet"
