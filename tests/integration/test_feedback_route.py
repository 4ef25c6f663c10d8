"""``POST /feedback`` over HTTP: one good vote is stored; forged, malformed, oversized and too frequent ones are
refused with a 4xx and store nothing; the rest of the site stays read-only."""

from __future__ import annotations

import itertools
import json

import pytest

from finance.feedback import MAX_BODY_BYTES

GOOD = {"key": "resident.debt.coverage_explain", "page": "/debt", "locale": "ja", "understood": False, "comment": "?"}
HEADERS = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin", "X-Mieruka-Feedback": "1"}
_clients = itertools.count(1)


@pytest.fixture()
def store(dash_app):
    return dash_app.server.extensions["mieruka_feedback"].get()


@pytest.fixture()
def post(client):
    address = f"192.0.2.{next(_clients)}"  # each test its own client, so the rate limit of one never hits another

    def send(body: object = GOOD, headers: dict[str, str] | None = None, content_type: str = "application/json"):
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return client.post(
            "/feedback",
            data=data,
            headers=HEADERS if headers is None else headers,
            content_type=content_type,
            environ_base={"REMOTE_ADDR": address},
        )

    return send


def test_a_good_vote_is_stored_without_any_cookie(post, store):
    before = len(store.votes())
    response = post()
    assert response.status_code == 201 and response.json == {"ok": True}
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert store.votes()[before:][0][0] == "resident.debt.coverage_explain"


@pytest.mark.parametrize(
    ("body", "headers", "content_type", "status"),
    [
        ("{not json", None, "application/json", 400),
        (json.dumps([1, 2]), None, "application/json", 400),
        ({**GOOD, "comment": "あ" * 201}, None, "application/json", 400),
        ({**GOOD, "key": "<script>"}, None, "application/json", 400),
        ({**GOOD, "understood": "yes"}, None, "application/json", 400),
        ("\xff\xfe", None, "application/json", 400),
        (json.dumps({**GOOD, "comment": "x" * (MAX_BODY_BYTES + 1)}), None, "application/json", 413),
        ("key=resident.debt.coverage_explain&understood=false", None, "application/x-www-form-urlencoded", 415),
        (GOOD, {**HEADERS, "Origin": "https://evil.example"}, "application/json", 403),
        (GOOD, {**HEADERS, "Sec-Fetch-Site": "cross-site"}, "application/json", 403),
        (GOOD, {k: v for k, v in HEADERS.items() if k != "Origin"}, "application/json", 403),
        (GOOD, {k: v for k, v in HEADERS.items() if k != "X-Mieruka-Feedback"}, "application/json", 403),
    ],
    ids=[
        "malformed-json",
        "not-an-object",
        "comment-201",
        "unknown-key",
        "not-boolean",
        "bad-bytes",
        "oversized-body",
        "form-post",
        "wrong-origin",
        "cross-site",
        "no-origin",
        "no-custom-header",
    ],
)
def test_refused_posts_store_nothing(post, store, body, headers, content_type, status):
    before = store.votes()
    response = post(body, headers, content_type)
    assert response.status_code == status
    assert "error" in response.json and "Traceback" not in response.get_data(as_text=True)
    assert store.votes() == before


def test_the_rate_limit_refuses_a_flood_and_stores_nothing_more(post, store):
    before = len(store.votes())
    codes = [post().status_code for _ in range(25)]
    assert codes[:20] == [201] * 20 and set(codes[20:]) == {429}
    assert len(store.votes()) == before + 20


def test_only_post_is_allowed_and_the_rest_stays_read_only(client, store):
    before = store.votes()
    assert client.get("/feedback").status_code == 404  # no page there (Dash's catch-all answers GET with 404)
    assert client.put("/feedback", data=json.dumps(GOOD), headers=HEADERS).status_code == 405
    assert client.delete("/feedback", headers=HEADERS).status_code == 405
    assert client.post("/", data=json.dumps(GOOD), headers=HEADERS).status_code == 405
    assert store.votes() == before


def test_every_explanation_of_a_page_carries_the_question_with_its_catalog_key():
    from finance.text import has, t
    from layouts import components

    section = components.chart_section(
        title="x",
        sentences=[],
        explain=t("resident.debt.coverage_explain", "en"),
        terms=None,
        body=[],
        source=None,
        table=None,
        locale="en",
    )
    forms = [c for c in section.children if getattr(c, "className", "") == "feedback"]
    assert len(forms) == 1
    form = forms[0].to_plotly_json()["props"]
    assert form["data-key"] == "resident.debt.coverage_explain" and has(form["data-key"])
    fieldset = forms[0].children[0]
    assert fieldset.children[0].children == t("feedback.question", "en")


def test_an_unreachable_database_never_stops_the_site_and_refuses_with_503(tmp_path):
    from flask import Flask

    from finance.config import Settings
    from tests.postgres import free_port
    from web import feedback as route

    server = Flask("probe")
    settings = Settings(feedback_dir=tmp_path, database_url=f"postgresql://nobody@127.0.0.1:{free_port()}/none")
    route.register(server, settings)  # starts although PostgreSQL is not there
    response = server.test_client().post(
        "/feedback", data=json.dumps(GOOD), headers=HEADERS, content_type="application/json"
    )
    assert response.status_code == 503 and response.json == {"error": "unavailable"}
    assert "nobody" not in response.get_data(as_text=True)  # nothing about the database is shown
    assert list(tmp_path.iterdir()) == []  # and nothing was written anywhere else instead


@pytest.mark.parametrize(
    ("remote", "forwarded", "hops", "expected"),
    [
        ("10.0.0.2", None, 0, "10.0.0.2"),
        ("10.0.0.2", "198.51.100.7", 0, "10.0.0.2"),  # no trusted proxy: a forged header changes nothing
        ("10.0.0.2", "198.51.100.7", 1, "198.51.100.7"),  # nginx appended the address it saw
        ("10.0.0.2", "6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),  # what the client sent first is ignored
        ("10.0.0.2", "", 1, "10.0.0.2"),
    ],
)
def test_the_rate_limit_counts_the_client_behind_trusted_proxies_only(remote, forwarded, hops, expected):
    from web.feedback import client_address

    assert client_address(remote, forwarded, hops) == expected


def test_the_glossary_asks_under_each_plain_explanation():
    from layouts import glossary

    page = glossary.layout("easy").to_plotly_json()
    keys = []

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("className") == "feedback":
                keys.append(props["data-key"])
            walk(props.get("children"))
        elif isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "to_plotly_json"):
            walk(node.to_plotly_json())

    walk(page)
    assert keys == [f"glossary.{k}.plain" for k in glossary.terms()]
