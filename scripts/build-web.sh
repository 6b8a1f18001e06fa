#!/usr/bin/env bash
# Build the schema explorer into web/dist/: the wasm package first when wasm/pkg is missing
# (scripts/build-wasm.sh), `npm ci` in web/ when its lock changed, then type-check and
# bundle (tsc, vite). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '== %s\n' "$*" >&2; }

if [ ! -f wasm/pkg/web/origin_schema.js ] || [ ! -f wasm/pkg/web/origin_schema_bg.wasm ]; then
  say "wasm package missing: scripts/build-wasm.sh"
  scripts/build-wasm.sh
fi

# web/node_modules, pinned by web/package-lock.json; reinstalled when the lock changes.
STAMP=web/node_modules/.origin-schema-lock
LOCK_SUM=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$LOCK_SUM" ]; then
  say "npm ci (web/)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
  echo "$LOCK_SUM" >"$STAMP"
fi

say "build web/dist"
(cd web && node_modules/.bin/tsc --noEmit -p . && node_modules/.bin/vite build --logLevel warn)
wasm=$(find web/dist/assets -name '*.wasm' | head -1)
echo "built web/dist: $(du -sh web/dist | cut -f1) ($(basename "$wasm"): $(wc -c <"$wasm") bytes, $(gzip -9 -c "$wasm" | wc -c) gzipped)"
