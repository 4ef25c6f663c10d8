"""``scripts/setup.sh`` does not lie: a failed pip install fails the command (and marks nothing installed), and a
Python older than the required 3.11 is refused with a clear message. Run on a copy of the scripts in a temporary
folder (pip with no index: nothing is downloaded)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _copy(tmp: Path, requirements: str) -> Path:
    repo = tmp / "repo"
    (repo / "scripts").mkdir(parents=True)
    for name in ("setup.sh", "apt.sh"):
        shutil.copy(ROOT / "scripts" / name, repo / "scripts" / name)
    (repo / "requirements.txt").write_text(requirements)
    (repo / "requirements-dev.txt").write_text("-r requirements.txt\n")
    return repo


def _run(repo: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "scripts/setup.sh", "runtime"],
        cwd=repo,
        env={**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": "", **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_failed_pip_install_fails_the_setup(tmp_path):
    repo = _copy(tmp_path, "mieruka-no-such-package==0.0.0\n")
    result = _run(repo, PYTHON=sys.executable)
    assert result.returncode != 0
    assert "pip install -r requirements.txt failed" in result.stderr
    assert not (repo / ".venv" / ".installed-runtime").exists()


def test_a_python_older_than_3_11_is_refused_clearly(tmp_path):
    repo = _copy(tmp_path, "")
    old = tmp_path / "python3.9"
    old.write_text('#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python 3.9.2"; exit 0; fi\nexit 1\n')
    old.chmod(0o755)
    result = _run(repo, PYTHON=str(old))
    assert result.returncode == 1
    assert "Python 3.11 以上が必要です" in result.stderr and "Python 3.11 or newer is needed" in result.stderr
    assert "3.9.2" in result.stderr
    assert not (repo / ".venv").exists()
