#!/usr/bin/env bash
# Failover benchmark (docs/benchmarks.md, "Resilience: failover"): brings up a cluster of its own (etcd, three
# PostgreSQL 15 under Patroni, two Continuum nodes) in a temporary directory, kills the whole primary member
# KILLS times (default 10) under a mixed write load from 6 clients, and prints the time to recover per kill with
# its median and maximum; a lost acknowledged write fails the run (RPO above 0).
#   bench/resilience/failover.sh [KILLS]
set -euo pipefail
cd "$(dirname "$0")/../.."
kills="${1:-10}"
mvn -q -B -Dcontinuum.build.dir=target-bench -pl continuum-server -am -Pcluster verify \
  -Dtest=FailoverBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dcontinuum.test.excluded-groups=none \
  -Dcontinuum.bench.kills="$kills" -DargLine="-Dcontinuum.bench.kills=$kills" >/dev/null || status=$?
grep -h '^FAILOVER' continuum-server/target-bench/surefire-reports/continuum.resilience.FailoverBenchmark-output.txt
exit "${status:-0}"
