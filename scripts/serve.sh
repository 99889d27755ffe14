#!/usr/bin/env bash
# Builds the release app and serves it at http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops).
# The server falls back to index.html for app routes, as a static host should.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$NTM_ROOT"
scripts/setup.sh
trunk build --release --offline
port="${PORT:-8080}"
echo "serve: http://127.0.0.1:$port/"
exec sirv dist --single --host 127.0.0.1 --port "$port"
