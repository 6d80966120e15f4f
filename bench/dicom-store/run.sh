#!/usr/bin/env bash
# Benchmark (not a test): C-STORE throughput of our storescp against dcmtk's storescp, both writing files.
# dcmtk storescu (TCP_NODELAY=1) sends the same generated dataset, in the same run, to
#   (a) java -jar continuum-dicom.jar storescp --dir ...          (our SCP, writing Part 10 files)
#   (b) java -jar continuum-dicom.jar storescp --dir ... --fsync  (same, fsync before each Success status)
#   (c) dcmtk storescp -od ...                                     (the baseline)
# and, for information, (d) our storescu (a fresh JVM each run, start-up included) into dcmtk's storescp.
# All servers run side by side and the cases alternate within each round, so that other load on the machine
# hits them alike. Prints instances/s and MB/s per case (mean and best of RUNS rounds after WARMUP rounds)
# and the ratio a/c, plus the CPU seconds the receiving SCP process used per run (user+system, from /proc), which
# other load on the machine does not inflate the way it inflates wall-clock time.
#
# Usage: bench/dicom-store/run.sh            (from the repository root)
# Knobs: RUNS (5), WARMUP (2 untimed rounds: the JIT needs them, more so when other load starves its threads),
#        DATASET (/tmp/continuum-bench-dataset; generated with ../shared/bench/anchor-orthanc/gen-dataset.sh when
#        missing: 5 CT studies x 100 slices 512x512x16 bit + 300 small MR images = 800 instances, ~266 MB),
#        WORK (/tmp/continuum-bench-store), BASE_PORT (11190: uses 11190-11193), JAVA_OPTS, JAR (the build to
#        measure, default continuum-dicom/target/continuum-dicom.jar),
#        BASELINE_JAR (another build's continuum-dicom.jar, with its lib/ beside it: adds the case
#        "baseline-storescp", that build's storescp, to every round, to compare two builds in the same run).
# CT only (the large-image case of issue 17): DATASET=/tmp/ct200 after
#   CT_STUDIES=2 CT_SLICES=100 SMALL_STUDIES=0 ../shared/bench/anchor-orthanc/gen-dataset.sh /tmp/ct200
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-2}"
DATASET="${DATASET:-/tmp/continuum-bench-dataset}"
WORK="${WORK:-/tmp/continuum-bench-store}"
BASE_PORT="${BASE_PORT:-11190}"
JAR="${JAR:-$ROOT/continuum-dicom/target/continuum-dicom.jar}"
ANCHOR="${ANCHOR:-$ROOT/../shared/bench/anchor-orthanc}"
export TCP_NODELAY=1   # dcmtk leaves Nagle's algorithm on otherwise (~15 instances/s)

command -v storescu >/dev/null || { echo "dcmtk missing: apt-get install -y dcmtk" >&2; exit 1; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -pl continuum-dicom package -DskipTests)
if [ ! -d "$DATASET" ]; then
  "$ANCHOR/gen-dataset.sh" "$DATASET"
fi
N=$(find "$DATASET" -type f | wc -l)
BYTES=$(find "$DATASET" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
case "$WORK" in /|/tmp|"$HOME"|"") echo "refusing WORK=$WORK" >&2; exit 1;; esac
rm -rf "$WORK"; mkdir -p "$WORK/ours" "$WORK/ours-fsync" "$WORK/dcmtk" "$WORK/baseline"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_port() {  # wait until something listens on 127.0.0.1:$1
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listening on port $1" >&2; exit 1
}

OURS=$BASE_PORT; OURS_FSYNC=$((BASE_PORT + 1)); DCMTK=$((BASE_PORT + 2))
java ${JAVA_OPTS:-} -jar "$JAR" storescp --aet STORESCP --bind 127.0.0.1 --port "$OURS" --dir "$WORK/ours" \
  >"$WORK/ours.log" 2>&1 & PIDS+=($!)
java ${JAVA_OPTS:-} -jar "$JAR" storescp --aet STORESCP --bind 127.0.0.1 --port "$OURS_FSYNC" --dir "$WORK/ours-fsync" \
  --fsync >"$WORK/ours-fsync.log" 2>&1 & PIDS+=($!)
storescp -aet STORESCP -od "$WORK/dcmtk" "$DCMTK" >"$WORK/dcmtk.log" 2>&1 & PIDS+=($!)
for p in "$OURS" "$OURS_FSYNC" "$DCMTK"; do wait_port "$p"; done
BASELINE=$((BASE_PORT + 3))
if [ -n "${BASELINE_JAR:-}" ]; then
  java ${JAVA_OPTS:-} -jar "$BASELINE_JAR" storescp --aet STORESCP --bind 127.0.0.1 --port "$BASELINE" \
    --dir "$WORK/baseline" >"$WORK/baseline.log" 2>&1 & PIDS+=($!)
  wait_port "$BASELINE"
fi

cpu_seconds() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$1/stat"; }   # user+system CPU of a process

# one_run NAME PORT OUTDIR SENDER SERVER_PID -> appends "NAME seconds server_cpu_seconds" to $TIMES (not in warm-up)
one_run() {
  local name=$1 port=$2 out=$3 sender=$4 server=$5 t0 t1 got c0 c1
  find "$out" -type f -delete; sync
  c0=$(cpu_seconds "$server")
  t0=$(date +%s.%N)
  if [ "$sender" = dcmtk ]; then
    storescu -aet BENCHSCU -aec STORESCP +sd +r 127.0.0.1 "$port" "$DATASET" >/dev/null
  else
    java ${JAVA_OPTS:-} -jar "$JAR" storescu --aet BENCHSCU --call STORESCP --port "$port" "$DATASET" >/dev/null
  fi
  t1=$(date +%s.%N)
  c1=$(cpu_seconds "$server")
  got=$(find "$out" -type f | wc -l)
  [ "$got" -eq "$N" ] || { echo "$name: $got of $N files written" >&2; exit 1; }
  [ "$round" -le "$WARMUP" ] || echo "$name $(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}') \
    $(awk -v a="$c0" -v b="$c1" 'BEGIN {print b - a}')" >>"$TIMES"
}

TIMES="$WORK/times.txt"; : >"$TIMES"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 $((WARMUP + RUNS))); do
  one_run continuum-storescp "$OURS" "$WORK/ours" dcmtk "${PIDS[0]}"
  one_run dcmtk-storescp-od "$DCMTK" "$WORK/dcmtk" dcmtk "${PIDS[2]}"
  one_run continuum-storescp-fsync "$OURS_FSYNC" "$WORK/ours-fsync" dcmtk "${PIDS[1]}"
  one_run continuum-storescu-to-dcmtk "$DCMTK" "$WORK/dcmtk" continuum "${PIDS[2]}"
  if [ -n "${BASELINE_JAR:-}" ]; then one_run baseline-storescp "$BASELINE" "$WORK/baseline" dcmtk "${PIDS[3]}"; fi
done

echo "dataset: $N instances, $BYTES bytes ($DATASET); $RUNS timed rounds after $WARMUP warm-up rounds, cases alternating"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), dcmtk $(storescu --version | grep -o 'v[0-9][0-9.]*' | head -1)"
printf '%-28s %10s %10s %12s %10s %14s\n' case mean_s best_s inst_per_s MB_per_s scp_cpu_s/run
for name in continuum-storescp continuum-storescp-fsync dcmtk-storescp-od continuum-storescu-to-dcmtk baseline-storescp; do
  grep -q "^$name " "$TIMES" || continue
  awk -v name="$name" -v n="$N" -v bytes="$BYTES" '$1 == name {s += $2; cpu += $3; c++; if (min == "" || $2 < min) min = $2}
    END {printf "%-28s %10.3f %10.3f %12.1f %10.1f %14.2f\n", name, s / c, min, n / (s / c), bytes / 1e6 / (s / c), cpu / c}' "$TIMES"
done
awk '$1 == "continuum-storescp" {o += $2; co++} $1 == "dcmtk-storescp-od" {d += $2; cd++}
  END {printf "ratio continuum/dcmtk (instances/s, mean): %.2f\n", (d / cd) / (o / co)}' "$TIMES"
awk '$1 == "continuum-storescp" {o += $3; co++} $1 == "dcmtk-storescp-od" {d += $3; cd++}
  END {printf "ratio continuum/dcmtk (SCP CPU per run, lower is better): %.2f\n", (o / co) / (d / cd)}' "$TIMES"
