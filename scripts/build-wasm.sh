#!/usr/bin/env bash
# Build the wasm package into wasm/pkg/: the Node build (CommonJS, `require('./wasm/pkg')`)
# and the browser build (ES module, wasm/pkg/web/). Installs what is missing: the
# wasm32 target, wasm-bindgen-cli at the version of the wasm-bindgen crate in Cargo.lock,
# and npm's binaryen (wasm/package-lock.json) for wasm-opt. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '== %s\n' "$*" >&2; }

TARGET=wasm32-unknown-unknown
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
PKG=wasm/pkg
NAME=origin_schema

if ! rustup target list --installed | grep -qx "$TARGET"; then
  say "rustup target add $TARGET"
  rustup target add "$TARGET"
fi

# The CLI must match the crate exactly: the wasm carries a schema only that version reads.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$BINDGEN_VERSION" ]; then
  echo "build-wasm: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "=$BINDGEN_VERSION" --force
fi

# npm's binaryen, pinned by wasm/package-lock.json (Debian's is too old for today's wasm).
STAMP=wasm/node_modules/.origin-schema-lock
LOCK_SUM=$(sha256sum wasm/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$LOCK_SUM" ]; then
  say "npm ci (wasm/)"
  (cd wasm && npm ci --no-audit --no-fund --loglevel=error)
  echo "$LOCK_SUM" >"$STAMP"
fi
WASM_OPT=wasm/node_modules/.bin/wasm-opt

say "cargo build $TARGET"
# Size over speed for the download: whole-program LTO, one codegen unit, opt-level z.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  cargo build --locked --release --target "$TARGET" -p origin-schema-wasm
RAW="$TARGET_DIR/$TARGET/release/origin_schema_wasm.wasm"

rm -rf "$PKG"
say "wasm-bindgen $BINDGEN_VERSION (nodejs, web)"
wasm-bindgen --target nodejs --out-dir "$PKG" --out-name "$NAME" "$RAW"
wasm-bindgen --target web --out-dir "$PKG/web" --out-name "$NAME" "$RAW"
# After a panic the module starts a fresh instance; the glue must not let an object made
# before it reach the new one (see wasm/patch-glue.mjs and wasm/README.md).
node wasm/patch-glue.mjs "$PKG/$NAME.js" "$PKG/web/$NAME.js"

# wasm-opt takes a while: results are kept by the hash of their input.
CACHE="$TARGET_DIR/wasm-opt-cache"
mkdir -p "$CACHE"
optimize() {
  local file=$1 sum
  sum=$(sha256sum "$file" | cut -d' ' -f1)
  if [ ! -f "$CACHE/$sum.wasm" ]; then
    say "wasm-opt -Oz $file"
    "$WASM_OPT" -Oz --strip-debug --strip-producers \
      --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$file" -o "$CACHE/$sum.tmp"
    mv "$CACHE/$sum.tmp" "$CACHE/$sum.wasm"
  fi
  cp "$CACHE/$sum.wasm" "$file"
}
optimize "$PKG/${NAME}_bg.wasm"
optimize "$PKG/web/${NAME}_bg.wasm"

VERSION=$(awk '/^\[workspace.package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version = / { gsub(/version = |"/, ""); print; exit }' Cargo.toml)
# The browser build is ES modules in a package that is CommonJS for Node.
echo '{ "type": "module" }' >"$PKG/web/package.json"
cat >"$PKG/package.json" <<EOF
{
  "name": "origin-schema",
  "version": "$VERSION",
  "description": "Model PostgreSQL schemas as data, diff them, and generate idempotent migration SQL (WebAssembly, for Node and the browser).",
  "license": "MIT OR Apache-2.0",
  "repository": { "type": "git", "url": "https://github.com/origin-schema/origin-schema" },
  "main": "./$NAME.js",
  "types": "./$NAME.d.ts",
  "exports": {
    ".": { "types": "./$NAME.d.ts", "default": "./$NAME.js" },
    "./web": { "types": "./web/$NAME.d.ts", "default": "./web/$NAME.js" },
    "./web/${NAME}_bg.wasm": "./web/${NAME}_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": [
    "$NAME.js",
    "$NAME.d.ts",
    "${NAME}_bg.wasm",
    "${NAME}_bg.wasm.d.ts",
    "web/",
    "README.md"
  ],
  "engines": { "node": ">=18" }
}
EOF
cp wasm/README.md "$PKG/README.md"

bytes=$(wc -c <"$PKG/${NAME}_bg.wasm")
gzipped=$(gzip -9 -c "$PKG/${NAME}_bg.wasm" | wc -c)
echo "built $PKG (origin-schema $VERSION, wasm-bindgen $BINDGEN_VERSION): ${NAME}_bg.wasm $bytes bytes, $gzipped gzipped"
