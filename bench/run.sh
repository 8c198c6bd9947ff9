#!/usr/bin/env bash
# Builds the benchmarks (Release, -j2) and runs them; docs/benchmarks.md
# explains every figure. Raw output goes to
# build-bench/bench-results/<UTC time>.txt (not committed: the doc is).
#
#   bench/run.sh [all|eligibility|h2load|deadlines|store|cases|draw|import|officers|audit]...   (default: all)
#
# Environment:
#   BUILD_DIR   build directory (default: <repo>/build-bench)
#   JOBS        build parallelism (default: 2; keep it at 2 on a shared box)
#   MAX_LOAD    when set, wait (at most WAIT_MAX seconds, default 900) until
#               the 1-minute load average is below MAX_LOAD before each
#               program, and record the load either way
#   ELIG_ARGS   extra arguments for eligibility_bench (e.g. --duration=10)
#   DL_ARGS     extra arguments for deadlines_bench (e.g. --deadlines=100000)
#   STORE_ARGS  extra arguments for store_write_bench (e.g. --rounds=9)
#   CASES_ARGS  extra arguments for case_list_bench (e.g. --backends=sqlite,postgres
#               --sqlite_file=build-bench/cases-1m.db to keep the loaded file)
#   DRAW_ARGS   extra arguments for draw_bench (e.g. --enterprises=5000 --rounds=9)
#   IMPORT_ARGS extra arguments for import_bench (e.g. --cases=10000 --acts=2)
#   OFFICER_IMPORT_ARGS extra arguments for officer_import_bench (e.g. --officers=100000)
#   AUDIT_ARGS  extra arguments for audit_list_bench (e.g. --entries=100000)
#   NO_BUILD=1  run what is built
#
# Everything listens on 127.0.0.1 only; every program stops by itself.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build-bench}
JOBS=${JOBS:-2}
WAIT_MAX=${WAIT_MAX:-900}
what=("$@")
[ ${#what[@]} -eq 0 ] && what=(all)

want() {
  local w
  for w in "${what[@]}"; do
    [ "$w" = all ] || [ "$w" = "$1" ] && return 0
  done
  return 1
}

if [ "${NO_BUILD:-}" != 1 ]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DLAWENFORCE_BUILD_BENCH=ON \
    -DLAWENFORCE_BUILD_TESTS=ON >/dev/null
  cmake --build "$BUILD" --target eligibility_bench deadlines_bench store_write_bench \
    case_list_bench draw_bench import_bench officer_import_bench audit_list_bench -j"$JOBS"
fi

mkdir -p "$BUILD/bench-results"
out="$BUILD/bench-results/$(date -u +%Y%m%dT%H%M%SZ).txt"

load1() { cut -d' ' -f1 /proc/loadavg; }

# Waits for a quiet machine when MAX_LOAD is set; prints the load either way.
settle() {
  if [ -n "${MAX_LOAD:-}" ]; then
    local waited=0
    while awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l >= m) }'; do
      [ "$waited" -ge "$WAIT_MAX" ] && { echo "(load still $(load1) after ${WAIT_MAX}s; running anyway)"; break; }
      sleep 10
      waited=$((waited + 10))
    done
  fi
  echo "load before $1: $(cat /proc/loadavg)"
}

machine() {
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host:    nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
  echo "kernel:  $(uname -r); filesystem of TMPDIR: $(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}')"
  echo "commit:  $(git -C "$ROOT" rev-parse --short HEAD) ($(git -C "$ROOT" status --short | wc -l) paths changed in the work tree)"
  echo "redis:   $(redis-server --version)"
  echo "sqlite:  $(sqlite3 --version | cut -d' ' -f1)"
  echo "grpc:    $(pkg-config --modversion grpc++ 2>/dev/null || echo '?')"
  command -v h2load >/dev/null && echo "h2load:  $(h2load --version | head -1)"
  echo "uptime:  $(uptime)"
}

# h2load (nghttp2-client) against the in-process servers of
# eligibility_bench --serve_for: gRPC over h2c, the 5-byte length prefix in
# the body file. h2load counts HTTP statuses only; the server's
# grpc_server_handled_total by code, printed at the end, shows the calls
# succeeded.
run_h2load() {
  if ! command -v h2load >/dev/null; then
    echo "h2load not installed (apt-get install -y nghttp2-client): skipped"
    return 0
  fi
  local dir pid
  dir=$(mktemp -d)
  "$BUILD/bench/eligibility_bench" --serve_for=300 --h2load_dir="$dir" ${ELIG_ARGS:-} &
  pid=$!
  for _ in $(seq 1 600); do [ -f "$dir/ports" ] && break; sleep 0.1; done
  if [ ! -f "$dir/ports" ]; then
    echo "eligibility_bench --serve_for did not come up"; kill "$pid"; return 1
  fi
  # shellcheck disable=SC1091
  . "$dir/ports"
  local token echo_path elig_path
  token=$(cat "$dir/token")
  echo_path=/lawenforce.bench.v1.BenchEchoService/Echo
  elig_path=/lawenforce.personnel.v1.PersonnelService/CheckEnforcementEligibility
  local conc name port path body c m
  for conc in "1 1" "4 1" "4 4"; do
    read -r c m <<<"$conc"
    for target in "echo-raw $ECHO_RAW_PORT $echo_path echo.bin" \
                  "echo(common/server) $ECHO_PORT $echo_path echo.bin" \
                  "eligibility-cached-1 $ELIG_PORT $elig_path elig1.bin" \
                  "eligibility-cached-10 $ELIG_PORT $elig_path elig10.bin"; do
      read -r name port path body <<<"$target"
      echo "-- h2load $name: $c connection(s) x $m stream(s) = $((c * m)) in flight, 1 s warm-up, 5 s"
      h2load -t 1 -c "$c" -m "$m" --warm-up-time=1 -D 5 -d "$dir/$body" \
        -H 'content-type: application/grpc' -H 'te: trailers' \
        -H "authorization: Bearer $token" "http://127.0.0.1:$port$path" |
        grep -E '^(finished in|requests:|status codes:|time for request:)'
    done
  done
  touch "$dir/stop"
  wait "$pid"
  rm -rf "$dir"
}

{
  machine
  if want eligibility; then
    echo
    echo "===== eligibility_bench ${ELIG_ARGS:-}"
    settle eligibility_bench
    "$BUILD/bench/eligibility_bench" ${ELIG_ARGS:-}
    echo "load after: $(cat /proc/loadavg)"
  fi
  if want h2load; then
    echo
    echo "===== h2load against eligibility_bench --serve_for"
    settle h2load
    run_h2load
    echo "load after: $(cat /proc/loadavg)"
  fi
  if want deadlines; then
    echo
    echo "===== deadlines_bench ${DL_ARGS:-}"
    settle deadlines_bench
    "$BUILD/bench/deadlines_bench" ${DL_ARGS:-}
    echo "load after: $(cat /proc/loadavg)"
  fi
  if want store; then
    echo
    echo "===== store_write_bench ${STORE_ARGS:-}"
    settle store_write_bench
    "$BUILD/bench/store_write_bench" ${STORE_ARGS:-}
    echo "load after: $(cat /proc/loadavg)"
  fi
  if want cases; then
    echo
    echo "===== case_list_bench ${CASES_ARGS:-}"
    settle case_list_bench
    "$BUILD/bench/case_list_bench" ${CASES_ARGS:-}
    echo "load after: $(cat /proc/loadavg)"
  fi
  if want draw; then
    echo
    echo "===== draw_bench ${DRAW_ARGS:-}"
    settle draw_bench
    "$BUILD/bench/draw_bench" ${DRAW_ARGS:-}
    echo "load after: $(cat /proc/loadavg)"
  fi
  if want import; then
    echo
    echo "===== import_bench ${IMPORT_ARGS:-}"
    settle import_bench
    "$BUILD/bench/import_bench" ${IMPORT_ARGS:-}
    echo "load after: $(cat /proc/loadavg)"
  fi
  if want officers; then
    echo
    echo "===== officer_import_bench ${OFFICER_IMPORT_ARGS:-}"
    settle officer_import_bench
    "$BUILD/bench/officer_import_bench" ${OFFICER_IMPORT_ARGS:-}
    echo "load after: $(cat /proc/loadavg)"
  fi
  if want audit; then
    echo
    echo "===== audit_list_bench ${AUDIT_ARGS:-}"
    settle audit_list_bench
    "$BUILD/bench/audit_list_bench" ${AUDIT_ARGS:-}
    echo "load after: $(cat /proc/loadavg)"
  fi
} 2>&1 | tee "$out"
echo "raw output: $out"
