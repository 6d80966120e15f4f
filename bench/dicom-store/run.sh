#!/usr/bin/env bash
# Benchmark (not a test): C-STORE throughput of our storescp against dcmtk's storescp, both writing files.
# dcmtk storescu (TCP_NODELAY=1) sends the same generated dataset, in the same run, to
#   (a) java -jar continuum-dicom.jar storescp --dir ...          (our SCP, writing Part 10 files)
#   (b) java -jar continuum-dicom.jar storescp --dir ... --fsync  (same, fsync before each Success status)
#   (c) dcmtk storescp -od ...                                     (the baseline)
# Prints instances/s and MB/s per case (mean and best of RUNS timed runs after one warm-up) and the ratio a/c.
# Also, for information: our storescu (java -jar ... storescu) sending the same dataset to dcmtk's storescp.
#
# Usage: bench/dicom-store/run.sh            (from the repository root)
# Knobs: RUNS (5), DATASET (/tmp/continuum-bench-dataset; generated with ../shared/bench/anchor-orthanc/gen-dataset.sh
#        when missing: 5 CT studies x 100 slices 512x512x16 bit + 300 small MR images = 800 instances, ~266 MB),
#        WORK (/tmp/continuum-bench-store), OURS_PORT (11190), DCMTK_PORT (11191), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
RUNS="${RUNS:-5}"
DATASET="${DATASET:-/tmp/continuum-bench-dataset}"
WORK="${WORK:-/tmp/continuum-bench-store}"
OURS_PORT="${OURS_PORT:-11190}"
DCMTK_PORT="${DCMTK_PORT:-11191}"
JAR="$ROOT/continuum-dicom/target/continuum-dicom.jar"
ANCHOR="${ANCHOR:-$ROOT/../shared/bench/anchor-orthanc}"
export TCP_NODELAY=1   # dcmtk leaves Nagle's algorithm on otherwise (~15 instances/s)

command -v storescu >/dev/null || { echo "dcmtk missing: apt-get install -y dcmtk" >&2; exit 1; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -pl continuum-dicom package -DskipTests)
if [ ! -d "$DATASET" ]; then
  "$ANCHOR/gen-dataset.sh" "$DATASET"
fi
N=$(find "$DATASET" -type f | wc -l)
BYTES=$(find "$DATASET" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
mkdir -p "$WORK"
SERVER_PID=""
stop_server() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi; }
trap stop_server EXIT

wait_port() {  # wait until something listens on 127.0.0.1:$1
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listening on port $1" >&2; exit 1
}

# time_case NAME PORT OUTDIR [SENDER] -> prints "NAME mean_s best_s"; SENDER dcmtk (default) or continuum
time_case() {
  local name=$1 port=$2 out=$3 sender=${4:-dcmtk} times=() i t0 t1
  for i in $(seq 0 "$RUNS"); do
    rm -rf "$out"; mkdir -p "$out"; sync
    t0=$(date +%s.%N)
    if [ "$sender" = dcmtk ]; then
      storescu -aet BENCHSCU -aec STORESCP +sd +r 127.0.0.1 "$port" "$DATASET" >/dev/null
    else
      java ${JAVA_OPTS:-} -jar "$JAR" storescu --aet BENCHSCU --call STORESCP --port "$port" "$DATASET" >/dev/null
    fi
    t1=$(date +%s.%N)
    local got; got=$(find "$out" -type f | wc -l)
    [ "$got" -eq "$N" ] || { echo "$name: $got of $N files written" >&2; exit 1; }
    [ "$i" -eq 0 ] && continue   # warm-up (JIT for ours, page cache for both)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  done
  printf '%s\n' "${times[@]}" | awk -v name="$name" '{s+=$1; if (min==""||$1<min) min=$1} END {printf "%s %.4f %.4f\n", name, s/NR, min}'
}

start_ours() {  # start_ours OUTDIR [--fsync]
  java ${JAVA_OPTS:-} -jar "$JAR" storescp --aet STORESCP --bind 127.0.0.1 --port "$OURS_PORT" --dir "$1" ${2:-} \
    >"$WORK/ours.log" 2>&1 &
  SERVER_PID=$!; wait_port "$OURS_PORT"
}

RESULTS="$WORK/results.txt"; : >"$RESULTS"
start_ours "$WORK/ours"; time_case continuum-storescp "$OURS_PORT" "$WORK/ours" >>"$RESULTS"; stop_server
start_ours "$WORK/ours-fsync" --fsync; time_case continuum-storescp-fsync "$OURS_PORT" "$WORK/ours-fsync" >>"$RESULTS"; stop_server
mkdir -p "$WORK/dcmtk"; storescp -aet STORESCP -od "$WORK/dcmtk" "$DCMTK_PORT" >"$WORK/dcmtk.log" 2>&1 &
SERVER_PID=$!; wait_port "$DCMTK_PORT"
time_case dcmtk-storescp-od "$DCMTK_PORT" "$WORK/dcmtk" >>"$RESULTS"
# Informational: our SCU (a fresh JVM per run, so its start-up of ~0.3 s is included) into dcmtk's SCP.
time_case continuum-storescu-to-dcmtk "$DCMTK_PORT" "$WORK/dcmtk" continuum >>"$RESULTS"; stop_server

echo "dataset: $N instances, $BYTES bytes ($DATASET); $RUNS timed runs per case after one warm-up"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), dcmtk $(storescu --version | grep -o 'v[0-9][0-9.]*' | head -1)"
printf '%-28s %10s %10s %12s %10s\n' case mean_s best_s inst_per_s MB_per_s
while read -r name mean best; do
  printf '%-28s %10.3f %10.3f %12.1f %10.1f\n' "$name" "$mean" "$best" "$(awk -v n="$N" -v t="$mean" 'BEGIN {print n / t}')" "$(awk -v b="$BYTES" -v t="$mean" 'BEGIN {print b / 1e6 / t}')"
done <"$RESULTS"
ours=$(awk '$1=="continuum-storescp" {print $2}' "$RESULTS"); dcmtk=$(awk '$1=="dcmtk-storescp-od" {print $2}' "$RESULTS")
printf 'ratio continuum/dcmtk (instances/s, mean): %.2f\n' "$(awk -v d="$dcmtk" -v o="$ours" 'BEGIN {print d / o}')"
