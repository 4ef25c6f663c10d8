#!/usr/bin/env bash
# Replace assets/vendor/plotly-basic.min.js with the npm "basic" dist bundle (scatter, bar, pie) of the plotly.js
# version that the pinned Python plotly package ships, so that charts behave exactly as with the full bundle.
# Usage: bash scripts/update_plotly_bundle.sh   (needs node/npm; apt-get install nodejs npm)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(.venv/bin/python -c "import plotly, pathlib, re; p = pathlib.Path(plotly.__file__).parent / 'package_data' / 'plotly.min.js'; print(re.search(r'plotly\.js v([0-9.]+)', p.read_text()[:200]).group(1))")
tmp=$(mktemp -d)
(cd "$tmp" && npm pack --silent "plotly.js-basic-dist-min@$version" >/dev/null && tar xzf "plotly.js-basic-dist-min-$version.tgz")
cp "$tmp/package/plotly-basic.min.js" assets/vendor/plotly-basic.min.js
cp "$tmp/package/LICENSE" assets/vendor/plotly-basic.LICENSE
rm -rf "$tmp"
sha256sum assets/vendor/plotly-basic.min.js
echo "plotly.js basic bundle $version installed; run bash scripts/test.sh, then commit."
