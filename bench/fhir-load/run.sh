#!/usr/bin/env bash
# Runs the standard FHIR Patient workload (../shared/bench/fhir-load) and the interactions of issue 19
# (Interactions.java: a 10-entry transaction, a patient's _history, a _revinclude search) against Continuum, and
# against a reference FHIR server in the same sitting when its base URL is given:
#   bench/fhir-load/run.sh small [REFERENCE_BASE]   fresh data dir, no demo patients: the workload creates its own
#   bench/fhir-load/run.sh large [REFERENCE_BASE]   100,000 demo patients generated first (kept in
#                                                   bench-data/patients-100000, shared with bench/patient-search)
# REFERENCE_BASE (e.g. http://127.0.0.1:28080/fhir) is a server already running on loopback, without
# authentication; it runs first, then Continuum is started and runs the same. With BENCH_REFERENCE_PID the
# reference's process is stopped (TERM) once its passes are done, so that it does not share the cores with Continuum.
# Each server runs the workload twice ("# pass 1" cold JIT, "# pass 2" warm); the ratio is taken from pass 2.
# Results go to bench/results/fhir-load-<size>-<date>.jsonl, each server's lines after a "# server <name>" line;
# with BENCH_CPU=1 they end with one "cpu" line per phase: CPU seconds of the load generator, the server's JVM and
# PostgreSQL while it ran, and the same per operation (bench/fhir-load/cpu-by-process.py; the window includes the
# load generator's start and its warm-up requests, the same for both servers).
# Copy the figures into docs/benchmarks.md.
# Diagnostic only: BENCH_CLIENT_OPTS='-XX:TieredStopAtLevel=1' gives those JVM options to the load generator alone
# (as JAVA_TOOL_OPTIONS of run-bench.sh, never the server's), to see what the server does when the client spends less
# of the shared cores; such results are marked in their file name and header and are not comparable with the
# reference, which was measured with the client's defaults.
set -euo pipefail
SIZE="${1:-small}"
REFERENCE="${2:-}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${CONTINUUM_SHARED_BENCH:-$ROOT/../shared/bench/fhir-load}"
PORT="${BENCH_PORT:-18480}"
if [ "$SIZE" = small ]; then DATA="$ROOT/bench-data/small"; else DATA="$ROOT/bench-data/patients-100000"; fi
OUT="$ROOT/bench/results/fhir-load-$SIZE-$(date -u +%Y%m%dT%H%M%SZ)${BENCH_CLIENT_OPTS:+-client-opts}.jsonl"
mkdir -p "$ROOT/bench/results"
export CONTINUUM_DEMO_PASSWORD=bench-password-1
export CONTINUUM_SECURITY_TOKENLIFETIME=2h
export CONTINUUM_HTTP_ADDRESS=127.0.0.1
# One user drives the whole load: lift the per-user API limit (docs/operations.md, "Rate limits").
export CONTINUUM_SECURITY_RATELIMIT_APIUSER=100000000/1m
(cd "$ROOT" && ./continuum build)

if [ "$SIZE" = small ]; then
  rm -rf "$DATA"
  export CONTINUUM_DEMO_PATIENTS=0
elif [ ! -d "$DATA/postgres" ]; then
  echo "Generating 100,000 demo patients into $DATA (once)..." >&2
  t0=$(date +%s)
  CONTINUUM_DATA_DIR="$DATA" "$ROOT/continuum" demo --patients 100000
  echo "{\"phase\":\"generate_100k\",\"seconds\":$(( $(date +%s) - t0 ))}" | tee -a "$OUT"
fi

# With BENCH_CPU=1: CPU by process kind (load generator, server JVM, PostgreSQL) for every phase, appended to the
# results at the end. Off by default: sampling /proc twice a second costs a little CPU of its own.
SAMPLES="$(mktemp)"
SAMPLER=""
if [ "${BENCH_CPU:-0}" = 1 ]; then
  "$HERE/cpu-by-process.py" sample "$SAMPLES" "$OUT" &
  SAMPLER=$!
fi

javac -d /tmp/continuum-loadgen "$SHARED/LoadGen.java" "$HERE/Interactions.java"

# The workload of one server: two passes of the standard workload, each followed by the interactions.
workload() {
  local base="$1" bearer="$2" pass ids
  ids="$(mktemp)"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)" | tee -a "$OUT"
  if [ -n "${BENCH_CLIENT_OPTS:-}" ]; then
    echo "# DIAGNOSTIC, not comparable with the reference: load generator run with JVM options $BENCH_CLIENT_OPTS" | tee -a "$OUT"
  fi
  for pass in 1 2; do
    echo "# pass $pass ($([ $pass = 1 ] && echo cold || echo warm) JIT), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
    if [ -n "${BENCH_CLIENT_OPTS:-}" ]; then
      JAVA_TOOL_OPTIONS="$BENCH_CLIENT_OPTS" FHIR_BEARER="$bearer" "$SHARED/run-bench.sh" "$base" "$OUT" "b$(date +%s)p$pass"
    else
      FHIR_BEARER="$bearer" "$SHARED/run-bench.sh" "$base" "$OUT" "b$(date +%s)p$pass"
    fi
    interactions transaction --count 200 --concurrency 1 --ids "$ids.1"
    interactions transaction --count 500 --concurrency 8 --ids "$ids.8"
    cat "$ids.1" "$ids.8" > "$ids"
    interactions history --ids "$ids" --count 1000 --concurrency 1 --warmup 100
    interactions history --ids "$ids" --count 2000 --concurrency 8 --warmup 100
    interactions revinclude --ids "$ids" --count 1000 --concurrency 1 --warmup 100
    interactions revinclude --ids "$ids" --count 2000 --concurrency 8 --warmup 100
  done
  rm -f "$ids" "$ids.1" "$ids.8"
}
interactions() {
  FHIR_BEARER="$bearer" java -cp /tmp/continuum-loadgen Interactions "$@" --base "$base" --max-seconds 600 | tee -a "$OUT"
}

if [ -n "$REFERENCE" ]; then
  echo "# server reference $REFERENCE" | tee -a "$OUT"
  java -cp /tmp/continuum-loadgen LoadGen wait --base "$REFERENCE" --timeout 600 | tee -a "$OUT"
  workload "$REFERENCE" ""
  if [ -n "${BENCH_REFERENCE_PID:-}" ]; then
    kill -TERM "$BENCH_REFERENCE_PID" 2>/dev/null || true
    while kill -0 "$BENCH_REFERENCE_PID" 2>/dev/null; do sleep 1; done
  fi
fi

echo "# server continuum http://127.0.0.1:$PORT/fhir" | tee -a "$OUT"
start_ms=$(date +%s%3N)
CONTINUUM_DATA_DIR="$DATA" CONTINUUM_HTTP_PLAIN=loopback CONTINUUM_HTTPS_PORT=0 CONTINUUM_HTTP_PORT="$PORT" CONTINUUM_MLLP_PORT=0 \
  CONTINUUM_DICOM_PORT=0 "$ROOT/continuum" start > "$ROOT/bench/results/server-$SIZE.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER $SAMPLER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -f "$SAMPLES"' EXIT
java -cp /tmp/continuum-loadgen LoadGen wait --base "http://127.0.0.1:$PORT/fhir" --timeout 600 \
  --since-epoch-ms "$start_ms" | sed 's/"phase":"wait"/"phase":"startup_to_metadata"/' | tee -a "$OUT"

token=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/token" -d "username=physician&password=$CONTINUUM_DEMO_PASSWORD" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
[ -n "$token" ] || { echo "cannot obtain a token for the physician demo account" >&2; exit 1; }
workload_ms=$(date +%s%3N)
workload "http://127.0.0.1:$PORT/fhir" "$token"
# Change-feed lag: from the change (inside the writer's transaction) to its position being assigned after commit,
# for the workload's changes only (a fresh demo's start writes tens of thousands of slots in one transaction).
if command -v psql >/dev/null 2>&1; then
  PGPASSWORD="$(cat "$DATA/secrets/db-password")" psql -h 127.0.0.1 -p "$(sed -n 4p "$DATA/postgres/postmaster.pid")" \
    -U continuum -d continuum -At -c "select json_build_object('phase','change_feed_lag','changes',count(*),
      'p50_ms',round((percentile_cont(0.5) within group (order by extract(epoch from sequenced_at - changed_at)) * 1000)::numeric,1),
      'p99_ms',round((percentile_cont(0.99) within group (order by extract(epoch from sequenced_at - changed_at)) * 1000)::numeric,1),
      'max_ms',round((max(extract(epoch from sequenced_at - changed_at)) * 1000)::numeric,1))
      from change_feed where changed_at >= to_timestamp($workload_ms / 1000.0)" | tee -a "$OUT"
fi
if [ -n "$SAMPLER" ]; then
  kill -TERM "$SAMPLER" 2>/dev/null && wait "$SAMPLER" 2>/dev/null || true
  "$HERE/cpu-by-process.py" phases "$SAMPLES" "$OUT" > "$OUT.cpu" && cat "$OUT.cpu" >> "$OUT" && rm -f "$OUT.cpu"
fi
echo "Results in $OUT"
