#!/usr/bin/env bash
# Scheduling benchmark (not a test): free-slot search latency at 3 months x 100 resources, and booking throughput with
# 50 concurrent clients racing over the same 1,000 slots (checking that every slot has exactly one winner).
#   bench/scheduling/run.sh [resources]      default 100
# Generates the demo hospital once into bench-data/scheduling-<N> (CONTINUUM_SCHEDULING_DEMO_RESOURCES=N on first
# start: the 21 standard schedules plus outpatient resources up to N, slots from two weeks ago to 92 days ahead),
# starts the server on port 18590, runs slot_bench.py and writes one JSON line per measurement to
# bench/results/scheduling-<N>-<date>.jsonl. Copy the figures into docs/benchmarks.md.
set -euo pipefail
N="${1:-100}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${BENCH_PORT:-18590}"
DATA="$ROOT/bench-data/scheduling-$N"
OUT="$ROOT/bench/results/scheduling-$N-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
LOG="$ROOT/bench/results/server-scheduling-$N.log"
BUILD="${CONTINUUM_BUILD_DIR:-target-bench-scheduling}"
JAR="$ROOT/continuum-server/$BUILD/continuum-server.jar"
mkdir -p "$ROOT/bench/results"
export CONTINUUM_DEMO_PASSWORD=bench-password-1 CONTINUUM_HTTP_ADDRESS=127.0.0.1 CONTINUUM_SCHEDULING_DEMO_RESOURCES="$N"
# One user drives the whole load: lift the per-user API limit (docs/operations.md, "Rate limits").
export CONTINUUM_SECURITY_RATELIMIT_APIUSER=100000000/1m
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  (cd "$ROOT" && mvn -q -B -o -pl continuum-server -DskipTests -Dspring-javaformat.skip=true -Dcontinuum.build.dir="$BUILD" package)
fi
start=$(date +%s)
rm -f "$LOG"
CONTINUUM_DATA_DIR="$DATA" CONTINUUM_HTTP_PLAIN=loopback CONTINUUM_HTTPS_PORT=0 CONTINUUM_HTTP_PORT="$PORT" java -Xmx2g -jar "$JAR" > "$LOG" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
until grep -q "Continuum is up" "$LOG" 2>/dev/null; do
  kill -0 $SERVER 2>/dev/null || { echo "server died; see $LOG" >&2; exit 1; }
  sleep 2
done
echo "{\"phase\":\"ready\",\"seconds\":$(( $(date +%s) - start )),\"resources\":$N}" | tee -a "$OUT"
grep -h "Demo data 'scheduling' seeded" "$LOG" | tee -a "$OUT" || true
echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
python3 "$HERE/slot_bench.py" "http://127.0.0.1:$PORT" "$CONTINUUM_DEMO_PASSWORD" "${BENCH_SECONDS:-20}" \
  "${BENCH_CLIENTS:-4}" "${BENCH_RACERS:-50}" "${BENCH_SLOTS:-1000}" | tee -a "$OUT"
echo "# machine after: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo "Results in $OUT"
