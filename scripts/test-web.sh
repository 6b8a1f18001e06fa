#!/usr/bin/env bash
# The schema explorer's browser tests (web/tests/: node:test + playwright-core driving
# Debian's Chromium, never a downloaded browser). Installs what is missing and works when
# it is there: Chromium (apt), web/node_modules (npm ci, by web/package-lock.json). Builds
# the wasm package when wasm/pkg is missing (scripts/build-wasm.sh), the page
# (scripts/build-web.sh) and the CLI, the reference the page's SQL must equal. The tests
# serve web/dist on a free port of 127.0.0.1 themselves (web/serve.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; exit 1
  fi
}

CHROMIUM=${ORIGIN_SCHEMA_CHROMIUM:-/usr/bin/chromium}
say "Chromium (Debian)"
if [ ! -x "$CHROMIUM" ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export ORIGIN_SCHEMA_CHROMIUM="$CHROMIUM"
"$CHROMIUM" --version 2>/dev/null

say "the page (scripts/build-web.sh)"
scripts/build-web.sh

say "native CLI (the reference)"
cargo build --locked -p origin-schema-cli
export ORIGIN_SCHEMA_BIN="${ORIGIN_SCHEMA_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/debug/origin-schema}"

say "browser tests (web/tests)"
cd web
node --test --test-concurrency=1 tests/
