#!/usr/bin/env bash
# Benchmarks (issue 7; see BENCHMARKS.md): builds the release, makes the synthetic data
# sets, serves the build precompressed as a static host would, and prints a table with
# PASS / FAIL per budget. Not part of scripts/test.sh. About 5 minutes on 2 cores, warm.
#   scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck source=/dev/null
source scripts/env.sh
trunk build --release --offline
cargo run --release --example bench_data -- target/bench
node scripts/bench.mjs
