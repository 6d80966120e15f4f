#!/usr/bin/env bash
# Continuity benchmarks (not tests): scripts that start real servers (and downtime nodes) from the built jars on free
# loopback ports with their own data directories, measure, and write one JSON line per measurement, with the
# machine's conditions, to bench/results/continuity-<what>-<date>.jsonl. Copy the figures into docs/benchmarks.md.
#   bench/continuity/run.sh probe [runs] [refused|hung]    first failed probe → incident open (default settings)
#   bench/continuity/run.sh impact [runs] [hours,...]      resolution → stored impact report, demo appointments ×10
#   bench/continuity/run.sh lag [writes/s] [seconds] [sync interval]   downtime node lag under clinical writes
#   bench/continuity/run.sh catchup [changes] [runs]       node stopped, changes queued, node started: time to current
#   bench/continuity/run.sh size                           node's load, memory and disk for the 100,000-patient demo
# See bench/continuity/README.md. BENCH_SKIP_BUILD=1 reuses the jars in continuum-*/$CONTINUUM_BUILD_DIR; BENCH_LABEL=x
# ends the results file name in -x (an experiment or a diagnostic).
set -euo pipefail
WHAT="${1:?usage: run.sh probe|impact|lag|catchup|size [args]}"
shift
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export CONTINUUM_BUILD_DIR="${CONTINUUM_BUILD_DIR:-target-bench}"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && mvn -q -B -o -pl continuum-server,continuum-downtime -am -DskipTests -Dspring-javaformat.skip=true \
    -Dcontinuum.build.dir="$CONTINUUM_BUILD_DIR" package)
fi
OUT="$ROOT/bench/results/continuity-$WHAT-$(date -u +%Y%m%dT%H%M%SZ)${BENCH_LABEL:+-$BENCH_LABEL}.jsonl"
case "$WHAT" in
  probe) python3 "$HERE/probe_bench.py" "$OUT" "$@" ;;
  impact) python3 "$HERE/impact_bench.py" "$OUT" "$@" ;;
  lag|catchup|size) python3 "$HERE/node_bench.py" "$OUT" "$WHAT" "$@" ;;
  *) echo "unknown benchmark: $WHAT" >&2; exit 2 ;;
esac
echo "Results in $OUT"
