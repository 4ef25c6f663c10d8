"""HTTP adapter of the data downloads: ``GET /download/<dataset>.csv`` and ``.xlsx`` (tables: finance.exports).

Query parameters ``m``, ``y`` and ``lang`` are read like the pages' (``finance.viewstate``), but a value that is
given and not valid is refused with 400 and a plain message: a download must never silently be of another view.
Missing parameters take the pages' defaults. Unknown datasets are 404. The request checks here
(:func:`requested_view`, :func:`choice_param`) and :func:`attachment` serve the figure kit and the handout too.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, abort, request

from finance import exports, formatting, opendata, repository, viewstate

MIMETYPES = {
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types (naming it here too gave it twice)
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class BadRequest(ValueError):
    """A parameter was given but is not valid."""


def checked_view(params: Mapping[str, str]) -> viewstate.ViewState:
    """The view of the query; given values must be valid exactly as written (else :class:`BadRequest`)."""
    ds = repository.get()
    if len(request.query_string) > viewstate.MAX_QUERY_LENGTH:
        raise BadRequest("query too long / クエリが長すぎます")
    view = viewstate.resolve(ds, params)
    if "m" in params and view.municipality != params["m"]:
        raise BadRequest("unknown municipality (m) / 団体コード m が正しくありません")
    if "y" in params and view.year != formatting.parse_fiscal_year(params["y"]):
        raise BadRequest("unknown fiscal year (y) / 年度 y が正しくありません")
    if "lang" in params and view.locale != params["lang"]:
        raise BadRequest("unknown language (lang): ja or en / 言語 lang は ja か en です")
    if "mode" in params and view.mode != params["mode"]:
        raise BadRequest("unknown display (mode): per_resident or share / 表示 mode は per_resident か share です")
    if view.year is None or viewstate.checked(ds, view.as_dict()) is None:
        raise BadRequest("no data for this view / この団体・年度のデータはありません")
    return view


def requested_view() -> viewstate.ViewState:
    """The request's view with its display mode (``m``, ``y``, ``lang``, ``mode``), checked as :func:`checked_view`."""
    return checked_view({k: v for k, v in request.args.items() if k in ("m", "y", "lang", "mode")})


def choice_param(name: str, allowed: tuple[str, ...], default: str) -> str:
    """Query parameter ``name`` if it is one of ``allowed``, ``default`` when absent (else :class:`BadRequest`)."""
    value = request.args.get(name)
    if value is None:
        return default
    if value not in allowed:
        choices = ", ".join(allowed)
        raise BadRequest(f"{name} must be one of {choices} / {name} は {choices} のいずれかです")
    return value


def plain(message: str, status: int) -> Response:
    """A plain-text answer (a refused parameter: 400)."""
    return Response(message + "\n", status=status, mimetype="text/plain")


def attachment(body: bytes, mimetype: str, name: str, *, inline: bool = False) -> Response:
    """A file answer: its name for saving, revalidated on every use (the data version may change)."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{name}"'
    response.headers["Cache-Control"] = "no-cache"
    return response


def download(dataset: str, fmt: str) -> Response:
    """One dataset of the requested view as CSV or XLSX."""
    if dataset not in exports.DATASETS or fmt not in exports.FORMATS:
        abort(404)
    try:
        view = checked_view({k: v for k, v in request.args.items() if k in ("m", "y", "lang")})
    except BadRequest as exc:
        return plain(str(exc), 400)
    assert view.year is not None
    table = exports.build(repository.get(), dataset, view.municipality, view.year, view.locale)
    body = exports.to_csv(table) if fmt == "csv" else exports.to_xlsx(table)
    return attachment(body, MIMETYPES[fmt], f"mieruka-{view.municipality}-{view.year}-{dataset}.{fmt}")


def csv_download(dataset: str) -> Response:
    """``GET /download/<dataset>.csv``."""
    return download(dataset, "csv")


def xlsx_download(dataset: str) -> Response:
    """``GET /download/<dataset>.xlsx``."""
    return download(dataset, "xlsx")


def national_csv(name: str) -> Response:
    """``GET /download/national/<name>.csv``: a cleaned national table in bulk (formula-safe CSV)."""
    body = opendata.bulk_csv(repository.get(), name)
    if body is None:
        abort(404)
    return attachment(body, MIMETYPES["csv"], f"mieruka-national-{name}.csv")


def national_parquet(name: str) -> Response:
    """``GET /download/national/<name>.parquet``: the same table as Parquet (numbers typed, codes as text)."""
    body = opendata.bulk_parquet(repository.get(), name)
    if body is None:
        abort(404)
    return attachment(body, "application/vnd.apache.parquet", f"mieruka-national-{name}.parquet")


def national_datapackage() -> Response:
    """``GET /download/national/datapackage.json``: the descriptor with the licence and the attribution."""
    body = opendata.datapackage(repository.get())
    if body is None:
        abort(404)
    return attachment(body, "application/json", "datapackage.json")


def body_json(code: str) -> Response:
    """``GET /download/body/<code>.json``: one body's national rows with their sources."""
    ds = repository.get()
    if code not in ds.codes:
        return plain("unknown municipality code / 団体コードが正しくありません", 404)
    body = opendata.body_json(ds, code)
    if body is None:
        abort(404)
    return attachment(body, "application/json", f"mieruka-{code}.json")


def register(server: Flask) -> None:
    """Add the download routes to the Flask server."""
    server.add_url_rule("/download/national/<name>.csv", "download_national_csv", national_csv, methods=["GET"])
    server.add_url_rule(
        "/download/national/<name>.parquet", "download_national_parquet", national_parquet, methods=["GET"]
    )
    server.add_url_rule(
        "/download/national/datapackage.json", "download_national_datapackage", national_datapackage, methods=["GET"]
    )
    server.add_url_rule("/download/body/<code>.json", "download_body_json", body_json, methods=["GET"])
    server.add_url_rule("/download/<dataset>.csv", "download_csv", csv_download, methods=["GET"])
    server.add_url_rule("/download/<dataset>.xlsx", "download_xlsx", xlsx_download, methods=["GET"])
