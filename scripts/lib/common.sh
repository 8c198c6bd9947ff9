# shellcheck shell=bash
# Shared helpers of scripts/up, scripts/down and scripts/test. Source it after
# setting LAWENFORCE_ROOT (the repository root).

# Debian's interpreter: it has python3-grpcio and python3-protobuf, whatever
# python3 comes first on PATH (pyenv shims and the like).
PYTHON=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1

log() { printf '%s %s\n' "[$(date +%H:%M:%S)]" "$*"; }
warn() { printf '%s WARNING: %s\n' "[$(date +%H:%M:%S)]" "$*" >&2; }
die() {
  printf '%s ERROR: %s\n' "[$(date +%H:%M:%S)]" "$*" >&2
  exit 1
}

# Phase timing: phase_start NAME ... phase_end; phase_report prints them all.
PHASE_NAMES=()
PHASE_SECONDS=()
PHASE_RESULTS=()
_phase_name=""
_phase_t0=0
phase_start() {
  _phase_name="$1"
  _phase_t0=$(date +%s.%N)
  log "== ${_phase_name}"
}
# phase_end [RESULT] (default "ok")
phase_end() {
  local t1 secs
  t1=$(date +%s.%N)
  secs=$(awk -v a="$_phase_t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  PHASE_NAMES+=("$_phase_name")
  PHASE_SECONDS+=("$secs")
  PHASE_RESULTS+=("${1:-ok}")
  log "== ${_phase_name}: ${1:-ok} in ${secs}s"
}
phase_report() {
  local i total=0
  echo "Phase timings:"
  for i in "${!PHASE_NAMES[@]}"; do
    printf '  %-40s %8ss  %s\n' "${PHASE_NAMES[$i]}" "${PHASE_SECONDS[$i]}" "${PHASE_RESULTS[$i]}"
    total=$(awk -v a="$total" -v b="${PHASE_SECONDS[$i]}" 'BEGIN { printf "%.1f", a + b }')
  done
  printf '  %-40s %8ss\n' "total" "$total"
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when PID is a live (non-zombie) process whose command line contains
# WORD: guards against a recycled pid in a stale pid file.
pid_is() {
  local pid="$1" word="$2" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || echo Z)
  [[ "$state" != Z ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$word"
}

# The pid in FILE if it is a live process running WORD, else nothing.
live_pid_from() {
  local file="$1" word="$2" pid
  [[ -f "$file" ]] || return 1
  pid=$(tr -dc '0-9' <"$file")
  pid_is "$pid" "$word" || return 1
  printf '%s\n' "$pid"
}

# stop_pid PID WORD TIMEOUT_SECONDS: SIGTERM, wait up to TIMEOUT for the
# process to go, then SIGKILL. Works for children and non-children alike.
# Sets STOP_RC to the exit code when PID was our child (127 otherwise).
STOP_RC=127
stop_pid() {
  local pid="$1" word="$2" timeout="$3" deadline
  STOP_RC=127
  pid_is "$pid" "$word" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$((SECONDS + timeout))
  while pid_is "$pid" "$word"; do
    if ((SECONDS >= deadline)); then
      warn "$word (pid $pid) still running ${timeout}s after SIGTERM: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.1
  done
  # Reap it when it is our child, to learn its exit code.
  STOP_RC=0
  wait "$pid" 2>/dev/null || STOP_RC=$?
  return 0
}

# ccache (picked up by CMakeLists.txt when installed): rewrite paths under the
# repository to relative ones and leave the working directory out of the hash,
# so a fresh clone in another folder (CI) reuses objects compiled here.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$LAWENFORCE_ROOT}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
