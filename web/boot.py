"""The app starts from the page: the layout, the callback graph and the first answers travel inside the HTML.

A page with a first view (:mod:`web.firstview`) already holds its content as HTML. Without this, the app then
fetches ``_dash-layout`` and ``_dash-dependencies`` and posts one callback per part of the page — the same content a
second time, a few round trips after the HTML. Here the server answers those requests while it writes the page:

* the layout and the callback graph exactly as their routes answer them;
* the answers of the callbacks the page fires when it starts, found by walking the callback graph the way the
  renderer does (a callback runs once the callbacks that produce its inputs have answered, and only when its
  outputs are on the page), each answered by the real callback route in this process (guard and answer store
  included) for the inputs the page will send.

They are written as ``<script type="application/json">`` data blocks (never executed; the CSP is unchanged).
``assets/firstview.js`` answers the renderer's requests from them: a GET of the layout or the graph once, and a
callback whose output and input values are exactly those of a stored answer, once. Anything else — a request
whose inputs differ, a later interaction — goes to the network as before. Every callback is a pure function of its
inputs (the state callback also reads which input changed; its first call is the page's start, with none changed,
which is the call answered here), so an answer used is the answer the network would have given.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from dash import Dash
from markupsafe import escape

from layouts.ids import URL as URL_ID
from web.responsecache import ROUTE

log = logging.getLogger("mieruka")

ROUNDS = 12  # the start of a page is a chain of a few callbacks; a bound against a cycle in the graph

Prop = tuple[str, str]


def _components(value: object) -> Iterator[dict[str, Any]]:
    """Every component (``{"type", "namespace", "props"}``) in a JSON tree."""
    if isinstance(value, dict):
        if "namespace" in value and isinstance(value.get("props"), dict):
            yield value
        for item in value.values():
            yield from _components(item)
    elif isinstance(value, list):
        for item in value:
            yield from _components(item)


def _learn(tree: object, values: dict[Prop, object], present: set[str]) -> None:
    """Record the ids on the page and the props their components start with."""
    for component in _components(tree):
        props = component["props"]
        node_id = props.get("id")
        if isinstance(node_id, str):
            present.add(node_id)
            for prop, value in props.items():
                values[(node_id, prop)] = value


def _outputs(dependency: dict[str, Any]) -> list[Prop] | None:
    """The (id, property) pairs a callback writes; ``None`` for a pattern-matching one (not answered here)."""
    text = str(dependency["output"])
    parts = text.strip(".").split("...") if text.startswith("..") else [text]
    pairs = []
    for part in parts:
        node_id, _, prop = part.rpartition(".")
        if node_id.startswith("{"):
            return None
        pairs.append((node_id, prop))
    return pairs


def _body(dependency: dict[str, Any], outputs: list[Prop], values: dict[Prop, object]) -> dict[str, Any]:
    """The request the renderer sends for this callback's first call (a missing value is left out, as it does)."""

    def items(specs: list[dict[str, str]]) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for spec in specs:
            item: dict[str, object] = {"id": spec["id"], "property": spec["property"]}
            value = values.get((spec["id"], spec["property"]))
            if value is not None:
                item["value"] = value
            out.append(item)
        return out

    specs = [{"id": i, "property": p} for i, p in outputs]
    body: dict[str, Any] = {
        "output": dependency["output"],
        "outputs": specs if str(dependency["output"]).startswith("..") else specs[0],
        "inputs": items(dependency["inputs"]),
        "changedPropIds": [],
    }
    if dependency.get("state"):
        body["state"] = items(dependency["state"])
    return body


def _answer(app: Dash, body: dict[str, Any]) -> bytes | None:
    """The callback route's answer to ``body`` in this process, or ``None`` when it is not a 200 of JSON."""
    server = app.server
    with server.test_request_context(ROUTE, method="POST", json=body):
        response = server.make_response(server.view_functions[ROUTE]())
    if response.status_code != 200 or response.mimetype != "application/json":
        return None
    return bytes(response.get_data())


def _plain(value: object) -> bool:
    """Whether ids of this dependency list are plain strings (pattern-matching callbacks are left to the page)."""
    return all(isinstance(spec.get("id"), str) for spec in value) if isinstance(value, list) else False


def answers(app: Dash, path: str, search: str, layout: object, graph: list[dict[str, Any]]) -> list[tuple[dict, bytes]]:
    """The page's first callback calls and their answers, in the order the page makes them."""
    values: dict[Prop, object] = {}
    present: set[str] = set()
    _learn(layout, values, present)
    values[(URL_ID, "pathname")] = path  # what dcc.Location reads from the address bar
    values[(URL_ID, "search")] = f"?{search}" if search else ""
    candidates = []
    for dependency in graph:
        outputs = _outputs(dependency)
        if outputs is None or dependency.get("clientside_function") or dependency.get("prevent_initial_call"):
            continue
        if _plain(dependency.get("inputs")) and _plain(dependency.get("state") or []):
            candidates.append((dependency, outputs))
    produced = {pair: str(d["output"]) for d, outs in candidates for pair in outs}
    done: set[str] = set()
    found: list[tuple[dict, bytes]] = []
    for _ in range(ROUNDS):
        waiting = {
            str(d["output"])
            for d, outs in candidates
            if str(d["output"]) not in done and all(node_id in present for node_id, _ in outs)
        }
        ready = [
            (dependency, outputs)
            for dependency, outputs in candidates
            if str(dependency["output"]) in waiting
            # an input (not a state: states do not hold a call back) still to come from another callback
            and not any(
                produced.get((s["id"], s["property"])) in waiting - {str(dependency["output"])}
                for s in dependency["inputs"]
            )
        ]
        if not ready:
            break
        bodies = [_body(dependency, outputs, values) for dependency, outputs in ready]  # fired together
        for body in bodies:
            done.add(str(body["output"]))
            data = _answer(app, body)
            if data is None:
                continue
            found.append((body, data))
            for node_id, props in json.loads(data).get("response", {}).items():
                for prop, value in props.items():
                    values[(node_id, prop)] = value
                    _learn(value, values, present)
    return found


def _block(attributes: str, text: str) -> str:
    safe = text.replace("<", "\\u003c")  # JSON has no "<" outside its strings: no "</script>" can end the block
    return f'<script type="application/json" {attributes}>{safe}</script>'


def scripts(app: Dash, path: str, search: str) -> str:
    """The data blocks of a page: its layout, its callback graph and its first answers (``""`` if they fail)."""
    try:
        layout_text = app.serve_layout().get_data(as_text=True)
        graph_text = app.dependencies().get_data(as_text=True)
        found = answers(app, path, search, json.loads(layout_text), json.loads(graph_text))
    except Exception:  # a head start only: the page works without it (the app fetches as usual)
        log.exception("start data of %s?%s failed", path, search)
        return ""
    blocks = [
        _block('id="boot-layout" data-get="_dash-layout"', layout_text),
        _block('id="boot-graph" data-get="_dash-dependencies"', graph_text),
    ]
    for body, data in found:
        key = {"output": body["output"], "inputs": body["inputs"], "state": body.get("state", [])}
        blocks.append(_block(f'class="boot-answer" data-call="{escape(json.dumps(key))}"', data.decode()))
    return "".join(blocks)
