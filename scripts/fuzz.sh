#!/usr/bin/env bash
# Fuzzes the exchange-file reader (parser + validator) with libFuzzer for N seconds
# (default 300), starting from the bad-file corpus. Needs the nightly toolchain; installs
# cargo-fuzz from crates.io if missing. Crashes are saved under fuzz/artifacts/.
#   scripts/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
mkdir -p fuzz/corpus/read_file
cp tests/exchange_corpus/*.json fuzz/corpus/read_file/
cargo +nightly fuzz run read_file fuzz/corpus/read_file -- \
  -max_total_time="$seconds" -max_len=200000 -dict=fuzz/json.dict
