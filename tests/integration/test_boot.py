"""The app starts from the page (web/boot.py): each page carries its layout, its callback graph and the answers of
the callbacks it fires as it starts — byte for byte what the routes answer — so the renderer needs no request."""

from __future__ import annotations

import html
import json
import re

import pytest

import app as app_module
from finance.config import Settings
from layouts import ids
from tests.conftest import DATA

BLOCK = re.compile(r'<script type="application/json" ([^>]*)>(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def client():
    return app_module.build_app(Settings(data_dir=DATA, cache_type="SimpleCache")).server.test_client()


def _blocks(page: str) -> tuple[dict[str, object], list[tuple[dict, object]]]:
    gets, calls = {}, []
    for attributes, text in BLOCK.findall(page):
        assert "</" not in text  # nothing in a block can end it early
        if m := re.search(r'data-get="([^"]+)"', attributes):
            gets[m.group(1)] = json.loads(text)
        elif m := re.search(r'data-call="([^"]+)"', attributes):
            calls.append((json.loads(html.unescape(m.group(1))), json.loads(text)))
    return gets, calls


@pytest.mark.parametrize(
    ("path", "content"),
    [("/?m=012149&y=2013", ids.OVERVIEW_CONTENT), ("/revenue?m=012068&y=2006&mode=per_resident", ids.REVENUE_CONTENT),
     ("/indicators?m=015130&y=2014&lang=en", ids.INDICATORS_CONTENT), ("/tax?m=012149&y=2013", ids.TAX_CONTENT)],
)  # fmt: skip
def test_a_page_carries_what_the_app_would_fetch_as_it_starts(client, path, content):
    page = client.get(path).get_data(as_text=True)
    gets, calls = _blocks(page)
    assert gets["_dash-layout"] == client.get("/_dash-layout").json
    assert gets["_dash-dependencies"] == client.get("/_dash-dependencies").json
    outputs = [call["output"] for call, _ in calls]
    assert f"{content}.children" in outputs  # the page's own content: not fetched a second time
    assert f"{ids.PAGE_CONTENT}.children" in outputs and any(ids.STATE_STORE in o for o in outputs)
    for call, answer in calls:  # each is the route's answer to the request the page will send
        body = {**call, "changedPropIds": []}
        if not body["state"]:
            del body["state"]
        body["outputs"] = [
            {"id": i, "property": p}
            for i, _, p in (part.rpartition(".") for part in call["output"].strip(".").split("..."))
        ]
        if not call["output"].startswith(".."):
            body["outputs"] = body["outputs"][0]
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200 and response.json == answer, call["output"]


def test_the_content_answer_holds_the_pages_figures(client):
    _, calls = _blocks(client.get("/?m=012149&y=2013").get_data(as_text=True))
    answer = next(a for c, a in calls if c["output"] == f"{ids.OVERVIEW_CONTENT}.children")
    text = json.dumps(answer, ensure_ascii=False)
    assert "246億4,984万円" in text and "668,054円" in text


def test_embeds_and_pages_without_a_first_view_carry_no_start_data(client):
    assert not BLOCK.search(client.get("/embed/overview/overview-trend?m=012149&y=2013").get_data(as_text=True))
    plain = app_module.build_app(Settings(data_dir=DATA, cache_type="NullCache", first_view=False)).server
    assert not BLOCK.search(plain.test_client().get("/?m=012149&y=2013").get_data(as_text=True))
