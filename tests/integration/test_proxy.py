"""``deploy/nginx.conf`` in front of a real gunicorn, with a real nginx (installed by ``scripts/setup.sh dev``): pages
pass, bursts get 429 from ``limit_req``, HSTS is sent over HTTPS only.

The config is used as shipped except for the addresses: the upstream servers become the test's gunicorn, the
listener a free loopback port, and an HTTPS listener with a throw-away self-signed certificate is added to the same
server block. Every process is stopped by its PID.
"""

from __future__ import annotations

import http.client
import shutil
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.integration.test_faults import _start
from tests.integration.test_multi_instance import _free_port, _stop

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _config(tmp: Path, app_port: int, http_port: int, https_port: int) -> Path:
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("server app1:8050", f"server 127.0.0.1:{app_port}").replace(
        "    server app2:8050 max_fails=3 fail_timeout=10s;\n", ""
    )
    assert "    listen 80;\n" in site
    site = site.replace(
        "    listen 80;\n",
        f"    listen 127.0.0.1:{http_port};\n    listen 127.0.0.1:{https_port} ssl;\n"
        f"    ssl_certificate {tmp}/cert.pem;\n    ssl_certificate_key {tmp}/key.pem;\n",
    )
    main = tmp / "nginx.conf"
    temp = {name: tmp / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
    main.write_text(
        f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nworker_processes 1;\nevents {{ worker_connections 256; }}\n"
        "http {\n"
        f"  access_log {tmp}/access.log;\n"
        f"  client_body_temp_path {temp['body']};\n  proxy_temp_path {temp['proxy']};\n"
        f"  fastcgi_temp_path {temp['fastcgi']};\n  uwsgi_temp_path {temp['uwsgi']};\n"
        f"  scgi_temp_path {temp['scgi']};\n"
        f"{site}\n}}\n"
    )
    return main


def _get(port: int, path: str, *, tls: bool = False) -> tuple[int, dict[str, str]]:
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn: http.client.HTTPConnection = http.client.HTTPSConnection("127.0.0.1", port, timeout=60, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is installed by scripts/setup.sh dev")
def test_nginx_config_limits_rates_and_sends_hsts_over_https(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    app, url, log = _start(tmp_path)
    http_port, https_port = _free_port(), _free_port()
    config = _config(tmp_path, int(url.rsplit(":", 1)[1]), http_port, https_port)
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proxy = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(config), "-g", "daemon off;"])
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, headers = _get(http_port, "/")
                break
            except OSError:
                assert time.monotonic() < deadline and proxy.poll() is None, (tmp_path / "error.log").read_text()
                time.sleep(0.2)
        assert status == 200 and "strict-transport-security" not in headers  # plain HTTP: no HSTS
        status, headers = _get(https_port, "/", tls=True)
        assert status == 200 and headers["strict-transport-security"].startswith("max-age=31536000")
        assert "content-security-policy" in headers  # the app's own headers pass through

        pages = [_get(http_port, "/_dash-dependencies")[0] for _ in range(80)]  # 10/s with a burst of 40
        assert pages.count(200) >= 40 and pages.count(429) >= 10, pages
        renders = [_get(http_port, "/figure/revenue/revenue-trend.svg?m=012149&y=2013")[0] for _ in range(16)]
        assert renders[0] == 200 and renders.count(429) >= 3, renders  # 20/min with a burst of 10
        assert _get(http_port, "/health")[0] == 200  # health checks are never limited
    finally:
        _stop(proxy)
        _stop(app)
    assert "Traceback" not in log.read_text(errors="replace")
