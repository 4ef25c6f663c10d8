"""The adversarial corpus against a real gunicorn: no malformed request gets a 5xx or leaves a traceback in the log.

The corpus (``tests/http_corpus/make_requests.py``, seeded) is built from the running server's own
``/_dash-dependencies``, so a new callback is attacked too. The untouched envelopes must still answer 200/204: the
guard refuses what the page cannot send, not what it does.
"""

from __future__ import annotations

import http.client
import json
import time
from collections import Counter

from tests.http_corpus import make_requests
from tests.integration.test_faults import _start
from tests.integration.test_multi_instance import _stop


def _send(conn_box: list[http.client.HTTPConnection], host: str, port: int, item: dict[str, object]) -> int:
    body = bytes.fromhex(str(item["body_hex"])) if "body_hex" in item else str(item.get("body", "")).encode()
    headers = {"Content-Type": str(item["content_type"])} if item["content_type"] else {}
    for attempt in range(2):
        conn = conn_box[0]
        try:
            conn.request(str(item["method"]), str(item["path"]), body=body or None, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
            return response.status
        except (http.client.HTTPException, OSError):
            conn.close()
            conn_box[0] = http.client.HTTPConnection(host, port, timeout=60)
            if attempt:
                raise
    raise AssertionError("unreachable")


def test_the_adversarial_corpus_gets_no_5xx_and_leaves_no_traceback(tmp_path):
    proc, url, log = _start(tmp_path)
    try:
        host, port = "127.0.0.1", int(url.rsplit(":", 1)[1])
        conn_box = [http.client.HTTPConnection(host, port, timeout=60)]
        conn_box[0].request("GET", "/_dash-dependencies")
        deps = json.loads(conn_box[0].getresponse().read())
        corpus = make_requests.build(deps)
        assert len(corpus) >= 2000
        statuses: Counter[int] = Counter()
        failures, valid_refused = [], []
        started = time.monotonic()
        for item in corpus:
            status = _send(conn_box, host, port, item)
            statuses[status] += 1
            if status >= 500:
                failures.append((item["name"], status))
            if item.get("valid") and status not in (200, 204):
                valid_refused.append((item["name"], status))
            assert time.monotonic() - started < 600, "the corpus took more than 10 minutes"
        conn_box[0].close()
        print(f"\n{len(corpus)} requests in {time.monotonic() - started:.1f} s: {dict(sorted(statuses.items()))}")  # noqa: T201
        assert failures == []
        assert valid_refused == []
        assert proc.poll() is None
    finally:
        _stop(proc)
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text[text.find("Traceback") - 300 : text.find("Traceback") + 3000]
