#!/usr/bin/env bash
# Installs everything the project needs to build, serve and test, from the package
# registries only (crates.io, npm, Debian). Idempotent: each step is skipped when what it
# installs is already there at the right version, so a warm machine passes in seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$NTM_ROOT"

TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than this machine's 1.95
log() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Rust: the wasm target and the linters.
installed_targets=$(rustup target list --installed)
grep -qx wasm32-unknown-unknown <<<"$installed_targets" || { log "adding wasm32 target"; rustup target add wasm32-unknown-unknown; }
installed_components=$(rustup component list --installed)
grep -q '^clippy' <<<"$installed_components" || rustup component add clippy
grep -q '^rustfmt' <<<"$installed_components" || rustup component add rustfmt

# trunk, pinned.
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock. Without --locked:
# one of its locked dependency versions is missing from the registry mirror.
wb_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wb_version" ]; then
  echo "setup: cannot read wasm-bindgen's version from Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version" \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "installing wasm-bindgen-cli $wb_version (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# The crates of the app and of its wasm-split tool (tools/wasm-split), downloaded so that
# `trunk build --offline` (whose hook builds both) works on a fresh machine. Quick when cached.
cargo fetch --locked --quiet
cargo fetch --locked --quiet --manifest-path tools/wasm-split/Cargo.toml

# Debian's Chromium and its driver, for wasm tests and Playwright.
if [ ! -x "$NTM_CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
  log "installing chromium and chromium-driver from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# npm packages at the versions package-lock.json pins; reinstalled only when it changes.
# `npm install`, not `npm ci`: the registry mirror here lacks other platforms' optional
# packages (rollup's android/darwin builds), which `npm ci` insists on finding in the lock.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.ntm-lock-sha256 2>/dev/null)" != "$lock_sum" ]; then
  log "installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
  sha256sum package-lock.json | cut -d' ' -f1 > node_modules/.ntm-lock-sha256
fi

# The wasm-opt trunk will find must be npm's binaryen, never Debian's 108.
wasm_opt_path=$(command -v wasm-opt || true)
case "$wasm_opt_path" in
  "$NTM_ROOT"/node_modules/.bin/wasm-opt) ;;
  *) echo "setup: wasm-opt resolves to '$wasm_opt_path', expected node_modules/.bin/wasm-opt" >&2; exit 1 ;;
esac
log "ready (trunk $TRUNK_VERSION, wasm-bindgen $wb_version, $(wasm-opt --version | head -1), $("$NTM_CHROMIUM" --version 2>/dev/null | head -1))"
