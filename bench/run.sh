#!/usr/bin/env bash
# Run every benchmark on this machine and write bench/RESULTS.md.
#
#   bash bench/run.sh [APP_DIR]
#
# APP_DIR: the app to measure (a checkout with app.py, gunicorn.conf.py, data/ and .venv/); default: this
# repository. Takes about 8–11 minutes (2 cores). Starts its own gunicorn servers on free 127.0.0.1 ports and stops them by PID.
# Knobs (environment): MIERUKA_BENCH_RUNS (browser runs per config, default 7), MIERUKA_BENCH_REQUESTS (latency
# requests per callback, default 200), MIERUKA_BENCH_WRK_SECONDS (default 15), MIERUKA_BENCH_THROTTLE_MBIT
# (emulated slow link for an extra first-visit run, default 10; 0 = skip), MIERUKA_BENCH_NATIONAL_S (time limit of
# bench/national.py, default 300), MIERUKA_BENCH_REVISION (label of the measured revision, when APP_DIR is no git
# checkout).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$BENCH/.." && pwd)"
APP_DIR="$(cd "${1:-$REPO}" && pwd)"

# shellcheck source=../scripts/apt.sh
source "$REPO/scripts/apt.sh"

for f in app.py gunicorn.conf.py; do
  [ -f "$APP_DIR/$f" ] || { echo "$APP_DIR is not the app (no $f)" >&2; exit 2; }
done
if [ ! -x "$APP_DIR/.venv/bin/python" ]; then
  if [ "$APP_DIR" = "$REPO" ]; then bash "$REPO/scripts/setup.sh" dev; else
    echo "$APP_DIR/.venv is missing (e.g. ln -s $REPO/.venv $APP_DIR/.venv)" >&2; exit 2
  fi
fi
"$APP_DIR/.venv/bin/python" -c "import playwright" 2>/dev/null || bash "$REPO/scripts/setup.sh" dev
apt_install wrk chromium fonts-noto-cjk

# Stop the whole run (and so every server it started, by PID, in run.py's finally blocks) after 15 minutes.
exec timeout --signal=TERM --kill-after=60 900 \
  "$APP_DIR/.venv/bin/python" "$BENCH/run.py" --app-dir "$APP_DIR" --out "$BENCH/RESULTS.md"
