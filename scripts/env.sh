# Sourced by the other scripts: tool paths. node_modules/.bin comes first so trunk finds
# npm's wasm-opt (binaryen 132), never Debian's wasm-opt 108, which breaks the module.
NTM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NTM_ROOT
export PATH="$NTM_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export NTM_CHROMIUM="${NTM_CHROMIUM:-/usr/bin/chromium}"
