#!/usr/bin/env bash
# Patient search benchmark (not a test): the web search page and FHIR Patient?name= at 100,000 patients.
#   bench/patient-search/run.sh [patients]      default 100000
# Generates the population once into bench-data/patients-<N> (CONTINUUM_DEMO_PATIENTS=N on first start), starts the
# server on port 18580, runs search_bench.py (4 clients, 20 s per query kind) and writes one JSON line per kind to
# bench/results/patient-search-<N>-<date>.jsonl. Copy the figures into docs/benchmarks.md.
# (SIGTERM, not SIGINT, stops the server: a background job of a script ignores SIGINT.)
set -euo pipefail
N="${1:-100000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${BENCH_PORT:-18580}"
DATA="$ROOT/bench-data/patients-$N"
OUT="$ROOT/bench/results/patient-search-$N-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
BUILD="${CONTINUUM_BUILD_DIR:-target-bench}"
JAR="$ROOT/continuum-server/$BUILD/continuum-server.jar"
mkdir -p "$ROOT/bench/results"
export CONTINUUM_DEMO_PASSWORD=bench-password-1 CONTINUUM_HTTP_ADDRESS=127.0.0.1 CONTINUUM_DEMO_PATIENTS="$N"
# One user drives the whole load: lift the per-user API limit (docs/operations.md, "Rate limits").
export CONTINUUM_SECURITY_RATELIMIT_APIUSER=100000000/1m
(cd "$ROOT" && mvn -q -B -pl continuum-server -DskipTests -Dcontinuum.build.dir="$BUILD" package)
start=$(date +%s)
CONTINUUM_DATA_DIR="$DATA" CONTINUUM_HTTP_PLAIN=loopback CONTINUUM_HTTPS_PORT=0 CONTINUUM_HTTP_PORT="$PORT" java -Xmx2g -jar "$JAR" > "$ROOT/bench/results/server-patient-search-$N.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
# The banner is printed once seeding is done (the web server answers earlier, while the population is generated).
until grep -q "Continuum is up" "$ROOT/bench/results/server-patient-search-$N.log" 2>/dev/null; do
  kill -0 $SERVER 2>/dev/null || { echo "server died; see bench/results/server-patient-search-$N.log" >&2; exit 1; }
  sleep 2
done
echo "{\"phase\":\"ready\",\"seconds\":$(( $(date +%s) - start )),\"patients\":$N}" | tee -a "$OUT"
grep -h "Demo data 'patients' seeded" "$ROOT/bench/results/server-patient-search-$N.log" | tee -a "$OUT" || true
echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
python3 "$HERE/search_bench.py" "http://127.0.0.1:$PORT" "$CONTINUUM_DEMO_PASSWORD" "${BENCH_SECONDS:-20}" "${BENCH_CLIENTS:-4}" | tee -a "$OUT"
echo "Results in $OUT"
