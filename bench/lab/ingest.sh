#!/usr/bin/env bash
# The laboratory interface's speed (docs/benchmarks.md, "Laboratory: HL7 over MLLP"): ORU^R01 of 10 OBX each,
# acknowledged after commit, on 1 and 8 connections (each after a discarded warm-up), then the OML^O21 rate out of
# the outbox. Prints messages per second, ACK latency p50/p99 and the machine's CPU ms per message.
#   bench/lab/ingest.sh [MESSAGES]
set -euo pipefail
cd "$(dirname "$0")/../.."
messages="${1:-4000}"
mvn -q -B -Dcontinuum.build.dir=target-bench -pl continuum-server -am verify \
  -Dtest=LabInterfaceBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dcontinuum.test.excluded-groups=none \
  -DargLine="-Dcontinuum.bench.messages=$messages" >/dev/null || status=$?
grep -h '^INGEST\|^OUTBOX' continuum-server/target-bench/surefire-reports/continuum.lab.hl7.LabInterfaceBenchmark-output.txt
exit "${status:-0}"
