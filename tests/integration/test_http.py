"""The HTTP layer without a browser: pages, health, headers, 404s and forged callback requests."""

from __future__ import annotations

import json
import re

import pytest

from layouts import ids


def test_index_and_health(client, dataset):
    response = client.get("/")
    assert response.status_code == 200
    assert "見える化" in response.get_data(as_text=True)
    health = client.get("/health")
    assert health.status_code == 200 and health.json == {"status": "ok", "data_version": dataset.version}


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"


def test_unknown_path_is_404(client):
    assert client.get("/no-such-page").status_code == 404
    assert client.get("/assets/site.css").status_code == 200


def test_every_callback_id_exists_in_the_layouts(client, dash_app):
    import layouts
    from layouts import shell

    known = {i for i in shell.layout() if isinstance(i, str)}
    for skeleton in layouts.validation_layout():  # every page and the embed skeleton
        known |= {i for i in skeleton if isinstance(i, str)}
    known.add(ids.PAGE_CONTENT)
    deps = client.get("/_dash-dependencies").json
    used = set()
    for dep in deps:
        used |= {i["id"] for i in dep["inputs"] + dep["state"]}
        outputs = dep["output"].strip(".").split("...") if dep["output"].startswith("..") else [dep["output"]]
        used |= {o.rsplit(".", 1)[0] for o in outputs}
    assert used - known == set()


def _callback(client, inputs, output):
    body = {
        "output": output,
        "outputs": {"id": output.split(".")[0], "property": output.split(".")[1]},
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    "data",
    [
        {"municipality": "012149", "year": 2013, "locale": "ja"},
        {"municipality": "999999", "year": 2013, "locale": "ja"},
        {"municipality": "012149", "year": "2013; DROP TABLE", "locale": "ja"},
        {"municipality": ["012149"], "year": {"a": 1}, "locale": None},
        "not a dict",
    ],
)
def test_overview_callback_never_500s(client, data):
    response = _callback(
        client, [{"id": ids.STATE_STORE, "property": "data", "value": data}], f"{ids.OVERVIEW_CONTENT}.children"
    )
    assert response.status_code == 200
    assert "Traceback" not in response.get_data(as_text=True)


def test_huge_payload_is_refused(client):
    response = client.post("/_dash-update-component", data="x" * 200_000, content_type="application/json")
    assert response.status_code == 413


def test_dash_routes_refuse_plainly(client):
    get = client.get("/_dash-update-component")
    assert get.status_code == 405 and get.headers["Allow"] == "POST"
    missing = client.get("/_dash-component-suites/dash/nonexist.js")
    assert missing.status_code == 404 and "見つかりません" in missing.get_data(as_text=True)
    assert client.get("/_reload-hash").status_code == 404  # Dash's hot-reload poll: debug mode only


@pytest.mark.parametrize(
    "inputs",
    [
        [{"id": ids.URL, "property": "pathname", "value": ["/embed/x"]}, {"id": ids.STATE_STORE, "property": "data"}],
        [{"id": ids.URL, "property": "pathname", "value": "/"}],
        [{"id": ids.STATE_STORE, "property": "data"}, {"id": ids.URL, "property": "pathname", "value": "/"}],
    ],
)
def test_malformed_callback_envelopes_are_400(client, inputs):
    response = _callback(client, inputs, f"{ids.EMBED_CONTENT}.children")
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_csv_names_its_charset_once(client):
    response = client.get("/download/totals.csv?m=012149&y=2013")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_a_page_of_many_tables_reaches_the_browser_as_few_components(client):
    """釧路市 H18 /enterprise has 28 tables (3,678 components as built): the browser's renderer mounts each component
    with a store dispatch that runs every other component's selector, so the page is sent with its static parts as
    HTML — same text, same cells — and only the live parts as components."""
    state = {"municipality": "012068", "year": 2006, "locale": "ja", "mode": "total"}
    response = _callback(
        client, [{"id": ids.STATE_STORE, "property": "data", "value": state}], f"{ids.ENTERPRISE_CONTENT}.children"
    )
    assert response.status_code == 200
    payload = response.get_json()["response"][ids.ENTERPRISE_CONTENT]["children"]
    text = json.dumps(payload, ensure_ascii=False)
    kinds = re.findall(r'"type": "(\w+)", "namespace"', text)
    assert len(kinds) < 150, len(kinds)
    assert kinds.count("Graph") == 5 and "Td" not in kinds
    assert "<td" in text and "62億3,385万円" in text and "<th" in text


def test_every_page_url_carries_its_figures_in_its_html(client):
    """The first view: the numbers in the HTML itself, without ids (the live page beside it owns them)."""
    html_text = client.get("/?m=012149&y=2013").get_data(as_text=True)
    first = html_text[html_text.index('<div id="first-view"') : html_text.index('<div id="react-entry-point"')]
    assert "246億4,984万円" in first and "668,054円" in first
    assert f'data-content="{ids.OVERVIEW_CONTENT}"' in first
    assert re.findall(r' id="', first) == [' id="']  # only the first view's own id
    state = {"municipality": "012068", "year": 2006, "locale": "ja", "mode": "total"}
    live = _callback(
        client, [{"id": ids.STATE_STORE, "property": "data", "value": state}], f"{ids.ENTERPRISE_CONTENT}.children"
    )
    assert "この説明はわかりましたか？" in json.dumps(live.get_json(), ensure_ascii=False)
    enterprise = client.get("/enterprise?m=012068&y=2006").get_data(as_text=True)
    assert "62億3,385万円" in enterprise
    assert "この説明はわかりましたか？" not in enterprise  # the clarity question is posted by a script: live page only
    assert "Loading..." not in html_text
    indicators = client.get("/indicators?m=012208&y=2013").get_data(as_text=True)
    assert "早期健全化基準" in indicators and "財政再生基準" in indicators
    assert 'href="/indicators?m=012149&amp;y=2013&amp;lang=en"' in indicators  # a language is a link
    embed = client.get("/embed/overview/overview-trend?m=012149&y=2013").get_data(as_text=True)
    assert 'id="first-view"' not in embed


def test_the_first_view_is_painted_without_waiting_for_scripts_or_a_stylesheet(client):
    """Every script file deferred, the renderer's start-up line a module script (deferred too, after the files it
    needs) whose text — and so its CSP hash — is Dash's own, and the site's stylesheet written into the page."""
    import base64
    import hashlib
    from pathlib import Path

    response = client.get("/?m=012149&y=2013")
    page = response.get_data(as_text=True)
    files = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page)
    assert len(files) > 10 and all(tag.startswith("<script defer src=") for tag in files)
    start = re.search(r'<script id="_dash-renderer" type="module">(.*?)</script>', page, re.S)
    assert start and page.index(start.group(0)) > page.index(files[-1])
    digest = base64.b64encode(hashlib.sha256(start.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response.headers["Content-Security-Policy"]
    css = (Path(__file__).resolve().parents[2] / "assets" / "site.css").read_text(encoding="utf-8")
    assert f"<style>{css}</style>" in page and 'rel="stylesheet"' not in page
    handout = client.get("/handout?m=012149&y=2013").get_data(as_text=True)
    assert "<script" not in handout  # server pages are unchanged: no scripts at all


def test_an_unknown_path_never_reaches_a_link_of_the_first_view(client):
    response = client.get("//evil.example/x?m=012149&y=2013&lang=en")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "evil.example" not in page
    assert 'href="/not-found?m=012149&amp;y=2013&amp;lang=ja"' in page  # the languages of the not-found page
