"""Where a cached callback spends its time: cProfile of warm callback requests through Flask's test client.

Run with the app's venv and the app directory as working directory (``bench/run.py`` does this); prints JSON:
for every view-state callback the in-process median (no HTTP, no compression) and the project's own functions
(files outside the venv) with the largest cumulative time per request.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import VIEWS, median

REPEATS = 15


def main() -> None:
    app_dir = Path.cwd().resolve()
    sys.path.insert(0, str(app_dir))
    import app as app_module  # the app under test, built from the environment (FileSystemCache by run.py)

    client = app_module.app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    from lib import StateCallback, _outputs

    callbacks = [
        StateCallback(output=d["output"], outputs=_outputs(d["output"]))
        for d in deps
        if len(d["inputs"]) == 1
        and d["inputs"][0] == {"id": "app-state-store", "property": "data"}
        and not d.get("state")
        and not d.get("clientside_function")
        and "{" not in d["output"]
    ]
    venv = str(app_dir / ".venv")
    out: dict[str, object] = {}
    for cb in callbacks:
        bodies = [cb.body(m, y) for m, y in VIEWS]
        for body in bodies:  # warm the cache
            client.post("/_dash-update-component", data=body, content_type="application/json")
        times = []
        for i in range(REPEATS):
            start = time.perf_counter()
            client.post("/_dash-update-component", data=bodies[i % len(bodies)], content_type="application/json")
            times.append((time.perf_counter() - start) * 1000)
        profile = cProfile.Profile()
        profile.enable()
        for i in range(REPEATS):
            client.post("/_dash-update-component", data=bodies[i % len(bodies)], content_type="application/json")
        profile.disable()
        stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
        own = []
        lookups = 0.0
        for (filename, line, func), (_cc, _nc, _tt, cumulative, _callers) in stats.items():
            if "flask_caching" in filename and func == "decorated_function":
                lookups += cumulative
            if not filename.startswith("/"):
                continue
            path = os.path.realpath(filename)
            if not path.startswith(str(app_dir)) or path.startswith(venv) or "/bench/" in path:
                continue
            own.append((cumulative, f"{os.path.relpath(path, app_dir)}:{line} {func}"))
        own.sort(reverse=True)
        total = own[0][0] if own else 0.0  # the callback function itself
        out[cb.label] = {
            "in_process_ms": median(times),
            "callback": own[0][1] if own else "",
            "cache_share": round(lookups / total, 3) if total else None,
            "top_own": [[round(c / total, 3), name] for c, name in own[1:6]] if total else [],
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
