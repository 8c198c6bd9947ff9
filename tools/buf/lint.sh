#!/usr/bin/env bash
# Lints proto/ with the pinned buf CLI (installed from npm into
# tools/buf/node_modules on first use). Run by CTest as proto_buf_lint.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ ! -x "$here/node_modules/.bin/buf" ]; then
  (cd "$here" && npm install --no-audit --no-fund --silent)
fi
exec "$here/node_modules/.bin/buf" lint "$root/proto"
