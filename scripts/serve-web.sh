#!/usr/bin/env bash
# Build the schema explorer (scripts/build-web.sh: the wasm package too when missing) and
# serve web/dist on http://127.0.0.1:PORT (default 8080; `PORT=0` picks a free one).
#   scripts/serve-web.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-${PORT:-8080}}
scripts/build-web.sh
exec node web/serve.mjs --port "$PORT"
