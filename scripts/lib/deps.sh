# shellcheck shell=bash
# The Debian packages lawenforce needs to build, test and run locally: the one
# list, used by scripts/up and scripts/test. Source this file, then call
# ensure_packages.

LAWENFORCE_APT_PACKAGES=(
  build-essential cmake pkg-config ccache
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libhiredis-dev prometheus-cpp-dev libssl-dev nlohmann-json3-dev
  libsqlite3-dev sqlite3 libgtest-dev libgmock-dev
  redis-server
  libpq-dev postgresql-15
  prometheus
  openssl unzip nghttp2-client
  python3 python3-grpcio python3-protobuf
  clang-format
)

# Prints the packages of LAWENFORCE_APT_PACKAGES (or of the arguments) that
# dpkg does not report as installed, one per line.
missing_packages() {
  local pkg status
  local -a wanted=("$@")
  ((${#wanted[@]})) || wanted=("${LAWENFORCE_APT_PACKAGES[@]}")
  for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "installed" ]] || printf '%s\n' "$pkg"
  done
}

# Installs whatever is missing (apt-get update once, then one install).
# Needs root, or sudo without a password. Quiet when nothing is missing.
ensure_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages "$@")
  if ((${#missing[@]} == 0)); then
    echo "deps: all ${#LAWENFORCE_APT_PACKAGES[@]} Debian packages present"
    return 0
  fi
  echo "deps: installing ${missing[*]}"
  local -a sudo=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "deps: missing packages (${missing[*]}) and not root; install them with:" >&2
      echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null || return 1
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" </dev/null || return 1
  mapfile -t missing < <(missing_packages "$@")
  if ((${#missing[@]})); then
    echo "deps: still missing after install: ${missing[*]}" >&2
    return 1
  fi
}
