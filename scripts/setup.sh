#!/usr/bin/env bash
# Create .venv and install the pinned dependencies. Usage: scripts/setup.sh [runtime|dev]
# Idempotent: a venv that already has the current requirements is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"
req="requirements.txt"; [ "$profile" = "dev" ] && req="requirements-dev.txt"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "need root to run: $*" >&2; return 1; fi; }

apt_install() {  # install the Debian packages that are missing
  local missing=()
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if ! python3 -c "import venv, ensurepip" 2>/dev/null; then apt_install python3-venv; fi
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=".venv/.installed-$profile"
if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req" 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -c "import dash, pandas, pandera, flask_caching, babel" # fail loudly if the install did not work
  touch "$stamp"
fi
if [ "$profile" = "dev" ]; then
  apt_install chromium chromium-driver fonts-noto-cjk redis-server
  command -v npm >/dev/null || apt_install nodejs npm
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error  # axe-core for the accessibility test
fi
