#!/usr/bin/env bash
# Every check the project has, in order; stops at the first failure with a non-zero exit.
#   formatting → clippy (native, wasm32) → native tests → wasm tests in headless Chromium
#   → release builds (at /, under /ntm/, and an update of one chunk) → Playwright end-to-end tests against it on a phone-sized viewport.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$NTM_ROOT"
scripts/setup.sh

step() { printf '\n=== %s\n' "$1"; shift; "$@"; }
# wasm tests are the tests/wasm_*.rs files; the native unit tests use proptest, which is
# not built for wasm, so wasm targets are listed rather than --all-targets.
wasm_tests=()
for f in tests/wasm_*.rs; do wasm_tests+=(--test "$(basename "$f" .rs)"); done

step "cargo fmt --check" cargo fmt --all --check
step "clippy (native)" cargo clippy --all-targets --locked -- -D warnings
step "clippy (wasm32)" cargo clippy --locked --target wasm32-unknown-unknown --lib --bins "${wasm_tests[@]}" -- -D warnings
step "native tests" cargo test --locked
step "wasm tests (headless Chromium)" cargo test --locked --target wasm32-unknown-unknown "${wasm_tests[@]}"
step "release build" trunk build --release --offline --locked
# The same app for a host that serves it under a sub-path (tests/e2e/subpath.spec.mjs);
# cargo's build is shared, only wasm-bindgen, wasm-opt and the post-build hook run again.
step "release build under /ntm/" trunk build --release --offline --locked --public-url /ntm/ --dist target/dist-sub/ntm
# A deploy of the same app with one page's module changed (tests/e2e/update.spec.mjs): the
# same build again with NTM_TOUCH_CHUNK (scripts/page-wasm.mjs); seconds, nothing recompiled.
step "release build of an update that changed one chunk" env NTM_TOUCH_CHUNK=split_device_pages trunk build --release --offline --locked --dist target/dist-update
step "end-to-end tests (Playwright)" playwright test -c tests/e2e
printf '\nAll checks passed.\n'
