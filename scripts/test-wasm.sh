#!/usr/bin/env bash
# Build the wasm package (scripts/build-wasm.sh) and run its Node tests against the
# native CLI: node --test wasm/tests/. Installs Graphviz, for the DOT test, when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

say "wasm package"
scripts/build-wasm.sh

if ! command -v dot >/dev/null; then
  say "Graphviz (Debian)"
  { as_root apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; } ||
    echo "no root to install graphviz: the DOT layout test is skipped" >&2
fi

say "native CLI (the reference the package must equal)"
cargo build --locked -p origin-schema-cli
export ORIGIN_SCHEMA_BIN="${ORIGIN_SCHEMA_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/debug/origin-schema}"

say "Node tests (wasm/tests)"
node --test wasm/tests/
