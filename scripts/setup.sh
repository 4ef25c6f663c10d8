#!/usr/bin/env bash
# Create .venv and install the pinned dependencies. Usage: scripts/setup.sh [runtime|dev]
# Idempotent: a venv that already has the current requirements is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"
req="requirements.txt"; [ "$profile" = "dev" ] && req="requirements-dev.txt"

# shellcheck source=scripts/apt.sh
source scripts/apt.sh

if ! python3 -c "import venv, ensurepip" 2>/dev/null; then apt_install python3-venv; fi
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=".venv/.installed-$profile"
if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req" 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -c "import dash, pandas, pandera, flask_caching, babel, kaleido, segno, PIL, pypdf, python_calamine" # fail loudly if the install did not work
  touch "$stamp"
fi
apt_install chromium fonts-noto-cjk  # the figure kit renders images and PDFs with Chromium and Japanese fonts
if [ "$profile" = "dev" ]; then
  apt_install chromium-driver redis-server zbar-tools postgresql  # zbar-tools: QR codes; postgresql: feedback store tests
  command -v npm >/dev/null || apt_install nodejs npm
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error  # axe-core for the accessibility test
fi
