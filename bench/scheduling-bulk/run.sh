#!/usr/bin/env bash
# Bulk rescheduling benchmark (not a test): N booked consultations (a physician and a room each) of one department in a
# window, moved in bulk: time to proposals (selection + audit + planning) and time to rebook and queue every patient's
# message, one transaction per appointment. Runs the opt-in BulkRescheduleBenchmark against the embedded PostgreSQL of
# a test context and writes one JSON line per measurement, with the machine's conditions, to
# bench/results/scheduling-bulk-<N>-<date>.jsonl. Copy the figures into docs/benchmarks.md.
#   bench/scheduling-bulk/run.sh [appointments] [resource pairs]      defaults 5000 10
set -euo pipefail
N="${1:-5000}"
PAIRS="${2:-10}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/bench/results/scheduling-bulk-$N-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
BUILD="${CONTINUUM_BUILD_DIR:-target-bench-scheduling-bulk}"
mkdir -p "$ROOT/bench/results"
echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
(cd "$ROOT" && mvn -q -B -o -pl continuum-server -Dspring-javaformat.skip=true -Dcontinuum.build.dir="$BUILD" \
  -Dtest=BulkRescheduleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dcontinuum.bench=scheduling-bulk -Dbench.appointments=$N -Dbench.resources=$PAIRS -Dbench.out=$OUT" test)
echo "# machine after: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo "Results in $OUT"
