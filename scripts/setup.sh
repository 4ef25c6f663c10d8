#!/usr/bin/env bash
# Create .venv and install the pinned dependencies. Usage: scripts/setup.sh [runtime|dev]
# Needs Python 3.11 or newer (python3, or $PYTHON). Idempotent: a venv that already has the current requirements is
# left alone. Any failed step fails the command — except Chromium for serving: without it (and without root to
# install it) the site is served with image and PDF exports switched off, and a warning says so.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"
req="requirements.txt"; [ "$profile" = "dev" ] && req="requirements-dev.txt"
python="${PYTHON:-python3}"
required="3.11"

# shellcheck source=scripts/apt.sh
source scripts/apt.sh

if ! "$python" -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)" 2>/dev/null; then
  found=$("$python" --version 2>&1 || echo "no $python")
  echo "Python $required 以上が必要です（見つかったもの: $found）/ Python $required or newer is needed (found: $found)." >&2
  echo "PYTHON=/path/to/python3.11 bash scripts/setup.sh で指定できます / point PYTHON at one." >&2
  exit 1
fi
if ! "$python" -c "import venv, ensurepip" 2>/dev/null; then apt_install python3-venv; fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.installed-$profile"
if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  log=$(mktemp)
  if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req" >"$log" 2>&1; then
    grep -v "is ignored" "$log" >&2 || true  # this machine's pip config names index folders that do not exist
    rm -f "$log"
    echo "pip install -r $req に失敗しました / pip install -r $req failed" >&2
    exit 1
  fi
  rm -f "$log"
  .venv/bin/python -c "import dash, pandas, pandera, flask_caching, babel, kaleido, segno, PIL, pypdf, python_calamine, psycopg" # fail loudly if the install did not work
  touch "$stamp"
fi
if [ "$profile" = "dev" ]; then
  apt_install chromium fonts-noto-cjk  # the tests render images and PDFs with Chromium and Japanese fonts
  # zbar-tools: the tests read the QR codes of the images; nginx-light + openssl: deploy/nginx.conf is tested for real;
  # postgresql: the feedback store is tested against a real server
  apt_install chromium-driver redis-server zbar-tools nginx-light openssl postgresql
  command -v npm >/dev/null || apt_install nodejs npm
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error  # axe-core for the accessibility test
elif ! apt_install chromium fonts-noto-cjk; then  # only image and PDF exports need them: serve without
  echo "警告: Chromium を入れられませんでした（root か sudo が必要）。図と資料の書き出しなしで表示します。" >&2
  echo "Warning: could not install Chromium (needs root or sudo); serving with figure and handout exports off." >&2
fi
