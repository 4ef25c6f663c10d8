#!/usr/bin/env bash
# Set everything up and serve the dashboard with the bundled data at http://127.0.0.1:8050
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh runtime
.venv/bin/python -m finance validate "${MIERUKA_DATA_DIR:-data}" --quiet
echo "Serving on http://${MIERUKA_BIND:-127.0.0.1:8050}  (Ctrl+C to stop)"
exec .venv/bin/gunicorn --config gunicorn.conf.py app:server
