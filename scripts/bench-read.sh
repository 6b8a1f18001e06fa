#!/usr/bin/env bash
# Times the SQL reader: the 500-table pg_dump-style file of the committed generator seed
# (tests/src/generate.rs), one warm-up read and 10 timed ones, release build. Fails when
# the median is 100 ms or more. Extra arguments go to read-bench (--tables, --seed, --runs,
# --write FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --release --locked -q -p origin-schema-tests --bin read-bench -- "$@"
