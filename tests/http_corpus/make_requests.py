"""Generate the adversarial HTTP corpus: malformed requests built from the app's own ``/_dash-dependencies``.

The corpus is deterministic (fixed seed) given the dependencies: :func:`build` makes it from the
``/_dash-dependencies`` of a running server, which ``tests/integration/test_adversarial.py`` does before sending
every request to a real gunicorn (no answer may be a 5xx and no traceback may reach its log). Run
``.venv/bin/python tests/http_corpus/make_requests.py`` from the repository root to write
``tests/http_corpus/requests.jsonl`` for reading (not committed: 3 MB) and ``manifest.json`` (count and hash of the
corpus of the committed app, committed). Each request: ``{"name", "method", "path", "content_type", "body"}``
(``body_hex`` for bytes that are not UTF-8), plus ``"valid": true`` for the untouched envelopes, which must answer
200 (or 204: nothing to update).

What it holds: for every server-side callback the envelope the page sends, then each envelope key missing or of
every wrong JSON type, unknown and mismatched outputs, inputs and ``changedPropIds`` of the wrong shape, every
input value replaced by each hostile value (wrong types, huge, deep, control characters, traversal, markup),
bodies that are not JSON or nested 2,000 deep, random combinations of the above (seeded), and other methods and
Dash routes (GET on the callback route, missing component-suite files, ``/_reload-hash``).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = HERE / "requests.jsonl"
SEED = 14
RANDOM_CASES = 900
CALLBACK = "/_dash-update-component"

WRONG_TYPES: list[Any] = [None, 0, -1, 1.5, True, "", "x", [], [None], {}, {"a": 1}]


DEEP = "__deep__"  # placed where a deeply nested value goes, then replaced in the JSON text (json.dumps recurses)


def deep(n: int, kind: str = "list") -> Any:
    """A value nested ``n`` deep; beyond what ``json.dumps`` can encode, a marker :func:`case` expands."""
    if n > 100:
        return f"{DEEP}{kind}{n}"
    value: Any = 1
    for _ in range(n):
        value = [value] if kind == "list" else {"a": value}
    return value


def _expand(text: str) -> str:
    for kind in ("list", "dict"):
        for n in (200, 2000, 5000):
            nested = "[" * n + "1" + "]" * n if kind == "list" else '{"a":' * n + "1" + "}" * n
            text = text.replace(f'"{DEEP}{kind}{n}"', nested)
    return text


HOSTILE_VALUES: list[Any] = [
    *WRONG_TYPES,
    False,
    2**70,
    -(2**70),
    1e308,
    -0.0,
    "0" * 5000,
    "あ" * 3000,
    "../../../../etc/passwd",
    "/embed/../../etc/passwd",
    "/embed/" + "a/" * 300,
    "\x00\x01\r\n",
    "?m=012149&y=2013" + "&y=1" * 500,
    "<script>alert(1)</script>",
    "%00%2e%2e%2f",
    "\u202e\ufeff",
    "012149",
    "2013",
    2013,
    "/",
    "/embed/overview-trend",
    ["012149", "017001"],
    ["012149"] * 300,
    [["012149"]],
    [{"a": 1}],
    [1, 2, 3],
    {"m": "012149", "y": 2013, "lang": "ja"},
    {"m": ["012149"], "y": {"a": 1}, "lang": None},
    {"m": "012149", "y": 2**70, "mode": "share", "lang": "en"},
    {"m": "012149", "y": "2013", "fig": ["x"], "lang": ["ja"]},
    {"m": "999999", "y": -1, "mode": {}, "lang": "xx"},
    deep(10),
    deep(30, "dict"),
]


def envelope(dep: dict[str, Any], defaults: dict[tuple[str, str], Any]) -> dict[str, Any]:
    """The envelope the page sends for ``dep`` (output, outputs, inputs with a plausible value, state)."""
    output = dep["output"]
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    targets = [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]
    inputs = [{"id": i["id"], "property": i["property"], "value": defaults.get((i["id"], i["property"]))}
              for i in dep["inputs"]]  # fmt: skip
    state = [{"id": s["id"], "property": s["property"], "value": defaults.get((s["id"], s["property"]))}
             for s in dep["state"]]  # fmt: skip
    body: dict[str, Any] = {
        "output": output,
        "outputs": targets if output.startswith("..") else targets[0],
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"] if inputs else [],
    }
    if state:
        body["state"] = state
    return body


DEFAULTS: dict[tuple[str, str], Any] = {
    ("app-url", "pathname"): "/",
    ("app-url", "search"): "?m=012149&y=2013",
    ("app-municipality-select", "value"): "012149",
    ("app-year-select", "value"): 2013,
    ("app-lang-radio", "value"): "ja",
    ("app-state-store", "data"): {"m": "012149", "y": 2013, "mode": "total", "lang": "ja"},
    ("tax-amount-input", "value"): 100000,
    ("compare-municipality-checklist", "value"): ["012149"],
}


def case(name: str, body: Any, *, method: str = "POST", path: str = CALLBACK, valid: bool = False,
         content_type: str = "application/json") -> dict[str, Any]:  # fmt: skip
    out: dict[str, Any] = {"name": name, "method": method, "path": path, "content_type": content_type}
    if isinstance(body, bytes):
        out["body_hex"] = body.hex()
    elif isinstance(body, str):
        out["body"] = body
    else:
        out["body"] = _expand(json.dumps(body, ensure_ascii=False))
    if valid:
        out["valid"] = True
    return out


def callback_cases(deps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    server_side = [d for d in deps if d.get("clientside_function") is None]
    outputs = [d["output"] for d in deps]
    for n, dep in enumerate(server_side):
        base = envelope(dep, DEFAULTS)
        tag = f"cb{n}"
        cases.append(case(f"{tag} valid", base, valid=True))
        initial = copy.deepcopy(base)
        initial["changedPropIds"] = []
        cases.append(case(f"{tag} valid initial call", initial, valid=True))
        for key in ("output", "outputs", "inputs", "state", "changedPropIds"):
            missing = {k: v for k, v in base.items() if k != key}
            cases.append(case(f"{tag} without {key}", missing))
            for wrong in WRONG_TYPES:
                cases.append(case(f"{tag} {key}={json.dumps(wrong)}", {**base, key: wrong}))
        for other in (o for o in outputs if o != dep["output"]):
            cases.append(case(f"{tag} output of another callback", {**base, "output": other}))
        for output in ("no-such.children", dep["output"] + ".", dep["output"].upper(), "..a.b...c.d..", "."):
            cases.append(case(f"{tag} unknown output", {**base, "output": output}))
        single = base["outputs"] if isinstance(base["outputs"], dict) else base["outputs"][0]
        for outs in (
            [single],
            {**single, "id": "no-such"},
            {**single, "property": "style"},
            [single, single],
            {"id": {"type": "x", "index": 1}, "property": single["property"]},
        ):
            cases.append(case(f"{tag} outputs mismatch", {**base, "outputs": outs}))
        inputs = base["inputs"]
        for label, broken in (
            ("no inputs", []),
            ("one more input", [*inputs, inputs[0]]),
            ("inputs reversed", list(reversed(inputs)) if len(inputs) > 1 else [{**inputs[0], "id": "x"}]),
            ("input without id", [{k: v for k, v in inputs[0].items() if k != "id"}, *inputs[1:]]),
            ("input without property", [{k: v for k, v in inputs[0].items() if k != "property"}, *inputs[1:]]),
            ("input without value", [{k: v for k, v in inputs[0].items() if k != "value"}, *inputs[1:]]),
            ("input not an object", ["app-url.pathname", *inputs[1:]]),
            ("input id pattern", [{**inputs[0], "id": {"type": "a", "index": ["ALL"]}}, *inputs[1:]]),
        ):
            cases.append(case(f"{tag} {label}", {**base, "inputs": broken}))
        for changed in (["no-such.value"], [1], [None], ["app-url.pathname"] * 50, "app-url.pathname"):
            cases.append(case(f"{tag} changedPropIds {json.dumps(changed)[:40]}", {**base, "changedPropIds": changed}))
        cases.append(case(f"{tag} state given", {**base, "state": [{"id": "x", "property": "y", "value": 1}]}))
        for i, item in enumerate(inputs):
            for value in HOSTILE_VALUES:
                changed = copy.deepcopy(base)
                changed["inputs"][i]["value"] = value
                label = json.dumps(value, ensure_ascii=False)[:40]
                cases.append(case(f"{tag} {item['id']}.{item['property']}={label}", changed))
            for depth in (200, 2000):
                changed = copy.deepcopy(base)
                changed["inputs"][i]["value"] = deep(depth)
                cases.append(case(f"{tag} {item['id']}.{item['property']} nested {depth}", changed))
    return cases


def body_cases(deps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    base = envelope(next(d for d in deps if d.get("clientside_function") is None), DEFAULTS)
    text = json.dumps(base)
    cases = [
        case("empty body", ""),
        case("not JSON", "hello"),
        case("truncated JSON", text[: len(text) // 2]),
        case("JSON with NaN", text.replace('"value": "/"', '"value": NaN', 1)),
        case("JSON with Infinity", '{"output": Infinity}'),
        case("huge number", '{"output": 1' + "0" * 4000 + "}"),
        case("JSON array", [base]),
        case("JSON string", '"' + "a" * 100 + '"'),
        case("JSON null", "null"),
        case("BOM", "\ufeff" + text),
        case("not UTF-8", b"\xff\xfe" + text.encode("utf-16-le")),
        case("invalid UTF-8 in a string", text.encode().replace(b'"/"', b'"\xc3\x28"', 1)),
        case("nested 2000 deep lists", deep(2000)),
        case("nested 5000 deep objects", deep(5000, "dict")),
        case("nested 2000 deep in inputs", {**base, "inputs": deep(2000)}),
        case("nested 2000 deep in outputs", {**base, "outputs": deep(2000, "dict")}),
        case("duplicate keys", text[:-1] + ', "output": "no-such.children"}'),
        case("text/plain", text, content_type="text/plain"),
        case("form content type", "output=x", content_type="application/x-www-form-urlencoded"),
        case("no content type", text, content_type=""),
    ]
    for method in ("GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"):
        cases.append(case(f"{method} on the callback route", "" if method in ("GET", "HEAD") else text, method=method))
    for path in (
        "/_dash-component-suites/dash/nonexist.js",
        "/_dash-component-suites/dash/../../app.py",
        "/_dash-component-suites/nosuchpackage/x.js",
        "/_dash-component-suites/os/__init__.py",
        "/_dash-component-suites/dash/dcc/nonexist.v1_0_0m1.js",
        "/_dash-component-suites/dash/deps/react@0.0.0.min.js",
        "/_dash-component-suites/dash/",
        "/_dash-component-suites/dash/dash.py",
        "/_reload-hash",
        "/_dash-layout?x=" + "a" * 3000,
        "/_dash-dependencies",
        "/_dash-update-component/extra",
        "/_favicon.ico",
    ):
        cases.append(case(f"GET {path[:60]}", "", method="GET", path=path))
    cases.append(case("POST /_dash-layout", text, path="/_dash-layout"))
    cases.append(case("POST /_dash-dependencies", text, path="/_dash-dependencies"))
    return cases


def random_cases(deps: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """Seeded combinations: two or three mutations of one valid envelope at once."""
    server_side = [d for d in deps if d.get("clientside_function") is None]
    keys = ["output", "outputs", "inputs", "state", "changedPropIds"]
    cases = []
    for n in range(RANDOM_CASES):
        dep = rng.choice(server_side)
        body = envelope(dep, DEFAULTS)
        for _ in range(rng.randint(2, 3)):
            roll = rng.random()
            if roll < 0.5 and body.get("inputs") and isinstance(body["inputs"], list):
                item = rng.choice(body["inputs"])
                if isinstance(item, dict):
                    item["value"] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
            elif roll < 0.7:
                body[rng.choice(keys)] = copy.deepcopy(rng.choice(WRONG_TYPES))
            elif roll < 0.85:
                body.pop(rng.choice(keys), None)
            else:
                body["output"] = rng.choice([d["output"] for d in deps])
        cases.append(case(f"random {n}", body))
    return cases


def dependencies() -> list[dict[str, Any]]:
    """``/_dash-dependencies`` of the app, read through Flask's test client (no server needed)."""
    os.environ.setdefault("MIERUKA_CACHE_TYPE", "NullCache")
    sys.path.insert(0, str(ROOT))
    import app

    return list(app.server.test_client().get("/_dash-dependencies").get_json())


def build(deps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The whole corpus for these dependencies (same dependencies, same corpus)."""
    return [*callback_cases(deps), *body_cases(deps), *random_cases(deps, random.Random(SEED))]


def main() -> None:
    cases = build(dependencies())
    text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in cases)
    OUT.write_text(text, encoding="utf-8")
    manifest = {
        "requests": len(cases),
        "valid_envelopes": sum(1 for c in cases if c.get("valid")),
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "seed": SEED,
    }
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(cases)} requests → {OUT.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
