"""Invalid data stops the server before it serves anything: the bilingual report, exit code 1, no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA, ROOT


def run_gunicorn_until_exit(data_dir: Path, bind: str) -> subprocess.CompletedProcess[str]:
    """Start gunicorn as production does on ``data_dir`` and wait for it to exit (it must refuse bad data)."""
    env = {**os.environ, "MIERUKA_DATA_DIR": str(data_dir), "MIERUKA_BIND": bind}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.run(
        [str(gunicorn), "--config", "gunicorn.conf.py", "app:server"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_gunicorn_refuses_invalid_data(tmp_path: Path):
    bad = tmp_path / "data"
    shutil.copytree(DATA, bad)
    lines = (bad / "settlement.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("012149", "012148", 1)
    (bad / "settlement.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_gunicorn_until_exit(bad, "127.0.0.1:0")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "データに誤りがあるため起動できません" in output and "Refusing to start" in output
    assert "settlement.csv 2行目 列「municipality_code」 値「012148」" in output
    assert "エラー 1 件" in output  # the follow-on reference errors of that row are not repeated
    assert "Traceback" not in output


def test_missing_data_folder_is_a_clear_message(tmp_path: Path):
    env = {**os.environ, "MIERUKA_DATA_DIR": str(tmp_path / "nowhere")}
    result = subprocess.run(
        [sys.executable, "-c", "import app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "データのフォルダが見つかりません" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_public_url_is_a_clear_message():
    env = {**os.environ, "MIERUKA_PUBLIC_URL": "javascript:alert(1)"}
    result = subprocess.run(
        [sys.executable, "-c", "import app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "設定に誤りがあるため起動できません" in result.stderr and "MIERUKA_PUBLIC_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_frame_ancestor_that_is_no_origin_is_a_clear_message():
    env = {**os.environ, "MIERUKA_FRAME_ANCESTORS": "https://a.example; script-src *"}
    result = subprocess.run(
        [sys.executable, "-c", "import app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "設定に誤りがあるため起動できません" in result.stderr and "MIERUKA_FRAME_ANCESTORS" in result.stderr
    assert "origins" in result.stderr and "Traceback" not in result.stderr


def test_fresh_workers_serve_every_script_of_a_page_at_once(tmp_path: Path):
    """A page's scripts, fetched in parallel from workers that have just started, are all served.

    Dash registers the files it serves on a process's first request and marks that done before it is; a threaded
    worker answered the other parallel requests with 404 meanwhile, and the page never started (seen in browser tests
    after a worker was recycled). Workers recycled every 25 requests here, so many fresh workers meet a burst.
    """
    import re
    import urllib.error
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from tests.integration.test_faults import _start
    from tests.integration.test_multi_instance import _stop

    os.environ["GUNICORN_CMD_ARGS"] = "--max-requests 25 --max-requests-jitter 0"
    try:
        proc, url, log = _start(tmp_path)
    finally:
        del os.environ["GUNICORN_CMD_ARGS"]

    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(url + path, timeout=60) as response:
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code

    try:
        with urllib.request.urlopen(url + "/?m=012149&y=2013", timeout=60) as response:
            scripts = re.findall(r'<script (?:defer )?src="([^"]+)"', response.read().decode())
        assert len(scripts) >= 5
        failed = []
        with ThreadPoolExecutor(len(scripts)) as pool:
            for _ in range(12):
                failed += [p for p, s in zip(scripts, pool.map(status, scripts), strict=True) if s != 200]
        assert failed == [], failed[:5]
    finally:
        _stop(proc)
    assert "not a registered library" not in log.read_text(errors="replace")
