"""Guards of Dash's own routes: a malformed request is refused with a 4xx and a plain bilingual line, never a 500.

* ``POST /_dash-update-component``: the JSON envelope is checked against the callback it names before Dash sees it
  (bounded nesting; ``output`` one of the server-side callbacks; ``outputs``, ``inputs``, ``state`` and
  ``changedPropIds`` exactly the shape and ids Dash declared; every input value of the type its component can
  produce — a ``pathname`` is a string, a dropdown value a scalar, a checklist value a list of scalars). Anything
  else is 400. What passes is what the real page sends, so an exception after that is a bug and stays a 500.
* Any other method on the callback route is 405; a missing component-suite file is 404; ``/_reload-hash`` (Dash's
  hot-reload poll) exists only in debug mode.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from dash import Dash, dcc
from flask import Flask, Response, request

from finance.text import t

CALLBACK_ROUTE = "/_dash-update-component"
SUITES_PREFIX = "/_dash-component-suites/"
MAX_DEPTH = 24
MAX_STRING = 4096
MAX_LIST = 256

log = logging.getLogger("mieruka.guard")

Check = Callable[[object], bool]


class Refused(ValueError):
    """The envelope is not one the page could have sent (the message names the first problem, for the log)."""


def bilingual(key: str) -> str:
    """Catalog message ``key`` in Japanese, then English (plain answers go to people and scripts alike)."""
    return f"{t(key, 'ja')} / {t(key, 'en')}"


def plain(key: str, status: int, **headers: str) -> Response:
    """A plain-text answer of catalog message ``key`` in both languages, with ``status`` and ``headers``."""
    return Response(bilingual(key) + "\n", status=status, mimetype="text/plain", headers=headers)


# --- the types a component can send --------------------------------------------------------------------------------


def _is_scalar(value: object) -> bool:
    if isinstance(value, str):
        return len(value) <= MAX_STRING
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _is_text(value: object) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= MAX_STRING)


def _is_scalar_list(value: object) -> bool:
    return value is None or (
        isinstance(value, list) and len(value) <= MAX_LIST and all(_is_scalar(v) and v is not None for v in value)
    )


def _is_count(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _any(value: object) -> bool:
    return True  # depth and size are bounded for the whole body


def check_for(component: object, prop: str) -> Check:
    """What ``prop`` of ``component`` may hold when the browser sends it."""
    if isinstance(component, dcc.Location) and prop in ("pathname", "search", "hash", "href"):
        return _is_text
    if prop in ("n_clicks", "n_submit", "n_blur"):
        return _is_count
    if prop == "value":
        if isinstance(component, dcc.Checklist) or (
            isinstance(component, dcc.Dropdown) and getattr(component, "multi", False)
        ):
            return _is_scalar_list
        if isinstance(component, (dcc.Dropdown, dcc.RadioItems, dcc.Input)):
            return _is_scalar
    return _any


def component_index(roots: Iterable[Any]) -> dict[str, object]:
    """Every component with a string id in the given layouts."""
    found: dict[str, object] = {}
    for root in roots:
        for component in (root, *root._traverse()):
            ident = getattr(component, "id", None)
            if isinstance(ident, str):
                found[ident] = component
    return found


# --- the envelope ----------------------------------------------------------------------------------------------------


def _pairs(output: str) -> list[tuple[str, str]]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [tuple(p.rsplit(".", 1)) for p in parts]  # type: ignore[misc]


class Spec:
    """What one server-side callback accepts: its outputs, inputs (with value checks) and state."""

    def __init__(self, dependency: dict[str, Any], components: dict[str, object]) -> None:
        self.multi = dependency["output"].startswith("..")
        self.outputs = _pairs(dependency["output"])
        self.inputs = [(i["id"], i["property"]) for i in dependency["inputs"]]
        self.state = [(s["id"], s["property"]) for s in dependency["state"]]
        self.checks = {(i, p): check_for(components.get(i), p) for i, p in self.inputs + self.state}
        self.changeable = {f"{i}.{p}" for i, p in self.inputs}


def _depth(value: object) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def _same_target(given: object, expected: tuple[str, str]) -> bool:
    return isinstance(given, dict) and given.get("id") == expected[0] and given.get("property") == expected[1]


def _values(given: object, expected: list[tuple[str, str]], spec: Spec, name: str) -> None:
    if not isinstance(given, list) or len(given) != len(expected):
        raise Refused(f"{name}: a list of {len(expected)} expected")
    for item, target in zip(given, expected, strict=True):
        if not _same_target(item, target):
            raise Refused(f"{name}: {target[0]}.{target[1]} expected")
        if not spec.checks[target](item.get("value")):
            raise Refused(f"{name}: {target[0]}.{target[1]} has a value of the wrong type")


def check_envelope(raw: bytes, specs: dict[str, Spec]) -> None:
    """Raise :class:`Refused` unless ``raw`` is an envelope the page itself could send."""
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise Refused("not JSON") from None
    if not isinstance(body, dict):
        raise Refused("not a JSON object")
    if _depth(body) > MAX_DEPTH:
        raise Refused("nested too deep")
    output = body.get("output")
    spec = specs.get(output) if isinstance(output, str) else None
    if spec is None:
        raise Refused("unknown output")
    outputs = body.get("outputs")
    if spec.multi:
        if not isinstance(outputs, list) or len(outputs) != len(spec.outputs):
            raise Refused("outputs: a list expected")
        if not all(_same_target(o, e) for o, e in zip(outputs, spec.outputs, strict=True)):
            raise Refused("outputs do not match output")
    elif not _same_target(outputs, spec.outputs[0]):
        raise Refused("outputs do not match output")
    _values(body.get("inputs"), spec.inputs, spec, "inputs")
    _values(body.get("state", []), spec.state, spec, "state")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) and c in spec.changeable for c in changed):
        raise Refused("changedPropIds: ids of the inputs expected")


# --- wiring ----------------------------------------------------------------------------------------------------------


def install(app: Dash, roots: Iterable[Any], *, debug: bool) -> None:
    """Wrap Dash's routes of ``app`` (call after every callback is registered)."""
    server: Flask = app.server
    components = component_index(roots)
    specs = {
        dep["output"]: Spec(dep, components)
        for dep in app._callback_list
        if dep.get("clientside_function") is None and dep["output"] in app.callback_map
    }
    dispatch = server.view_functions[CALLBACK_ROUTE]

    def guarded_dispatch() -> Any:
        try:
            check_envelope(request.get_data(cache=True), specs)
        except Refused as exc:
            log.warning("refused callback request from %s: %s", request.remote_addr, exc)
            return plain("server.bad_callback", 400)
        return dispatch()

    server.view_functions[CALLBACK_ROUTE] = guarded_dispatch
    suites = next(rule.endpoint for rule in server.url_map.iter_rules() if rule.rule.startswith(SUITES_PREFIX))
    serve_suite = server.view_functions[suites]

    def guarded_suite(package_name: str, fingerprinted_path: str) -> Any:
        try:
            return serve_suite(package_name, fingerprinted_path)
        except Exception as exc:  # unknown package, unregistered or missing file: Dash raises several kinds
            log.warning("component suite %s/%s not served: %r", package_name, fingerprinted_path, exc)
            return plain("server.not_found", 404)

    server.view_functions[suites] = guarded_suite

    @server.before_request
    def methods() -> Response | None:
        path = request.path
        if path == CALLBACK_ROUTE and request.method != "POST":
            return plain("server.method_not_allowed", 405, Allow="POST")
        if path == "/_reload-hash" and not debug:
            return plain("server.not_found", 404)
        return None
