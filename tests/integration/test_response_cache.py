"""Callback answers as bytes, under gunicorn with the shared file cache: a repeated callback is answered with the
stored, compressed bytes of the first answer — the same JSON — by whichever worker gets it."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request

import brotli
import pytest

import app as app_module
from finance.config import Settings
from layouts import ids
from tests.browser.conftest import run_gunicorn
from tests.conftest import DATA
from web import responsecache


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from run_gunicorn(tmp_path_factory, {})


def _post(server: str, body: dict, encoding: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        server + "/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept-Encoding": encoding},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _body(code: str, year: int) -> dict:
    state = {"municipality": code, "year": year, "locale": "ja", "mode": "total"}
    return {
        "output": f"{ids.ENTERPRISE_CONTENT}.children",
        "outputs": {"id": ids.ENTERPRISE_CONTENT, "property": "children"},
        "inputs": [{"id": ids.STATE_STORE, "property": "data", "value": state}],
        "changedPropIds": [f"{ids.STATE_STORE}.data"],
    }


def test_a_repeated_callback_is_answered_with_the_stored_bytes(server):
    body = _body("012068", 2006)
    status, headers, first = _post(server, body, "gzip, deflate, br")
    assert status == 200 and headers["Content-Encoding"] == "br"
    answers = [_post(server, body, "gzip, deflate, br") for _ in range(4)]  # both workers share the file cache
    assert all(h["X-Mieruka-Cache"] == "hit" and b == first for _, h, b in answers)
    plain_status, plain_headers, plain = _post(server, body, "identity")
    assert plain_status == 200 and "Content-Encoding" not in plain_headers
    assert json.loads(brotli.decompress(first)) == json.loads(plain)  # the same answer, whatever the encoding
    assert "62億3,385万円" in json.dumps(json.loads(plain), ensure_ascii=False)
    _, zipped_headers, zipped = _post(server, body, "gzip")
    assert zipped_headers["Content-Encoding"] == "gzip" and json.loads(gzip.decompress(zipped)) == json.loads(plain)
    _, other_headers, other = _post(server, _body("012068", 2005), "br")
    assert other_headers["X-Mieruka-Cache"] == "miss" and other != first  # another view: another answer


def test_refused_requests_are_never_stored(server):
    bad = {**_body("012068", 2006), "output": "nonexistent.children"}
    for _ in range(2):
        status, headers, _ = _post(server, bad, "br")
        assert status == 400 and "X-Mieruka-Cache" not in headers


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("", "identity"), ("*", "identity")],
)
def test_the_encoding_follows_accept_encoding(accept, chosen):
    assert responsecache.chosen_encoding(accept, enabled=True) == chosen
    assert responsecache.chosen_encoding(accept, enabled=False) == "identity"


def _get(server: str, path: str, encoding: str = "br") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(server + path, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_a_page_is_stored_under_its_canonical_view_and_keeps_its_headers(server):
    _, first_headers, first = _get(server, "/funds?m=015130&y=2011")
    assert first_headers["Content-Encoding"] == "br"
    assert "財政調整基金" in brotli.decompress(first).decode()
    for same in ("/funds?m=015130&y=2011", "/funds?y=2011&m=015130&lang=ja", "/funds?m=015130&y=2011&utm_source=x"):
        status, headers, body = _get(server, same)
        assert status == 200 and headers["X-Mieruka-Cache"] == "hit" and body == first
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]  # headers are added to every answer
    english = _get(server, "/funds?m=015130&y=2011&lang=en")[2]
    assert english != first and 'lang="en"' in brotli.decompress(english).decode()[:200]
    for _ in range(2):  # an unknown path is never stored
        status, headers, _ = _get(server, "/no-such-page?m=015130")
        assert status == 404 and "X-Mieruka-Cache" not in headers


@pytest.fixture(scope="module")
def in_process():
    """The app in this process with a public URL (so foreign hosts are refused), and a count of the requests that
    entered Flask."""
    built = app_module.build_app(
        Settings(data_dir=DATA, cache_type="SimpleCache", public_url="https://zaisei.example.jp")
    )
    entered: list[str] = []
    built.server.before_request(lambda: entered.append("flask") and None)
    return built.server.test_client(), entered


def test_a_stored_callback_answer_is_sent_before_flask_with_the_same_headers(in_process):
    client, entered = in_process
    body = json.dumps(_body("012068", 2006))
    first = client.post("/_dash-update-component", data=body, content_type="application/json",
                        headers={"Accept-Encoding": "br"})  # fmt: skip
    assert first.status_code == 200 and first.headers["X-Mieruka-Cache"] == "miss"
    before = len(entered)
    again = client.post("/_dash-update-component", data=body, content_type="application/json",
                        headers={"Accept-Encoding": "br"})  # fmt: skip
    assert again.headers["X-Mieruka-Cache"] == "hit" and again.data == first.data
    assert len(entered) == before  # answered without entering Flask
    same = ("Content-Type", "Content-Encoding", "Vary", "Content-Security-Policy", "X-Frame-Options",
            "X-Content-Type-Options", "Referrer-Policy")  # fmt: skip
    assert {h: again.headers.get(h) for h in same} == {h: first.headers.get(h) for h in same}
    assert "frame-ancestors 'self'" in again.headers["Content-Security-Policy"]
    assert int(again.headers["Content-Length"]) == len(again.data)
    plain = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert plain.headers["X-Mieruka-Cache"] == "miss" and "Content-Encoding" not in plain.headers  # its own key
    assert json.loads(plain.data) == json.loads(brotli.decompress(first.data))


def test_a_stored_answer_is_not_sent_to_a_foreign_host(in_process):
    client, _ = in_process
    body = json.dumps(_body("012068", 2007))
    for _ in range(2):
        assert client.post("/_dash-update-component", data=body, content_type="application/json").status_code == 200
    foreign = client.post("/_dash-update-component", data=body, content_type="application/json",
                          headers={"Host": "evil.example"})  # fmt: skip
    assert foreign.status_code == 400 and "X-Mieruka-Cache" not in foreign.headers
