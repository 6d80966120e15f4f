#!/usr/bin/env bash
# The cost of RPO 0 (docs/benchmarks.md, "Resilience: failover"): the same mixed write load (8 clients) on one node
# over the embedded PostgreSQL, then on one node of a synchronous cluster of its own, in one run; each with a
# discarded 30 s warm-up and a measured 60 s. Prints writes per second and the machine's CPU ms per write.
#   bench/resilience/throughput.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
clients="${1:-8}"
seconds="${2:-60}"
mvn -q -B -Dcontinuum.build.dir=target-bench -pl continuum-server -am -Pcluster verify \
  -Dtest=WriteThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dcontinuum.test.excluded-groups=none \
  -DargLine="-Dcontinuum.bench.clients=$clients -Dcontinuum.bench.seconds=$seconds" >/dev/null || status=$?
grep -h '^THROUGHPUT' continuum-server/target-bench/surefire-reports/continuum.resilience.WriteThroughputBenchmark-output.txt
exit "${status:-0}"
