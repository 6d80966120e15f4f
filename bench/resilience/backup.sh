#!/usr/bin/env bash
# Backup benchmark (not a test): how long a base backup of the embedded database takes and how large it is, how long
# its verification (restore into a scratch copy, recovery, amcheck, row counts, audit chain, change feed) and a full
# restore take, for the demo hospital with N patients (default 100,000).
#   bench/resilience/backup.sh [patients]
# Everything lives in a fresh temporary directory (data, backups, key, restored copy) and a free loopback port; the
# commands are the launcher's (./continuum demo, start, backup, backup verify, restore). One JSON line per phase goes
# to bench/results/backup-<N>-<date>.jsonl. KEEP=1 keeps the temporary directory. Copy the figures into
# docs/benchmarks.md ("Resilience: backups").
set -euo pipefail
N="${1:-100000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/continuum-backup-bench.XXXXXX")"
OUT="$ROOT/bench/results/backup-$N-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$ROOT/bench/results"
export CONTINUUM_DATA_DIR="$WORK/data" CONTINUUM_BACKUP_DIR="$WORK/backups" CONTINUUM_BACKUP_KEY_FILE="$WORK/backup.key"
export CONTINUUM_DEMO_PASSWORD=bench-password-1 CONTINUUM_HTTP_ADDRESS=127.0.0.1 CONTINUUM_HTTP_PORT="$PORT" \
  CONTINUUM_HTTP_PLAIN=loopback CONTINUUM_HTTPS_PORT=0
# One user drives the whole load: lift the per-user API limit (docs/operations.md, "Rate limits").
export CONTINUUM_SECURITY_RATELIMIT_APIUSER=100000000/1m
# Nothing on the server's own schedule while measuring; the backup step does not verify, verification is timed apart.
export CONTINUUM_BACKUP_SCHEDULE_ENABLED=false CONTINUUM_BACKUP_SCHEDULE_VERIFY=false
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT
line() { echo "$1" | tee -a "$OUT"; }
timed() { # name command... : runs the command, prints its output to the log, records its wall time
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$WORK/$name.out" 2>&1 || { cat "$WORK/$name.out" >&2; echo "$name failed" >&2; exit 1; }
  t1=$(date +%s.%N)
  line "{\"phase\":\"$name\",\"seconds\":$(echo "$t1 - $t0" | bc),\"patients\":$N}"
}
line "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$ROOT" rev-parse --short HEAD)"
timed demo "$ROOT/continuum" demo --patients "$N"
"$ROOT/continuum" start > "$WORK/server.log" 2>&1 &
SERVER=$!
until grep -q "Continuum is up" "$WORK/server.log" 2>/dev/null; do
  kill -0 "$SERVER" 2>/dev/null || { echo "server died; see $WORK/server.log" >&2; KEEP=1; exit 1; }
  sleep 2
done
line "{\"phase\":\"database\",\"bytes\":$(du -sb "$WORK/data/postgres" | cut -f1)}"
timed backup "$ROOT/continuum" backup
grep -h "Base backup" "$WORK/backup.out" | tee -a "$OUT"
line "{\"phase\":\"backup-size\",\"base_bytes\":$(du -sb "$WORK/backups/base" | cut -f1),\"wal_bytes\":$(du -sb "$WORK/backups/wal" | cut -f1)}"
timed verify "$ROOT/continuum" backup verify
grep -h "verified in\|Recoverable" "$WORK/verify.out" | tee -a "$OUT"
timed list "$ROOT/continuum" backup list
timed restore "$ROOT/continuum" restore --to "$WORK/restored"
line "{\"phase\":\"restored-size\",\"bytes\":$(du -sb "$WORK/restored/postgres" | cut -f1)}"
echo "Results in $OUT"
