#!/usr/bin/env bash
# Benchmark (not a test): the PACS in the server process (AE CONTINUUM) against Orthanc, side by side in one run
# (docs/benchmarks.md, "Imaging: PACS against Orthanc"). Anchor: ../shared/bench/anchor-orthanc (its dataset, its
# Orthanc configuration and start script, its client commands); the clients are dcmtk's, with TCP_NODELAY=1.
#   1. durable C-STORE ingest of the anchor's 800 instances (5 CT studies x 100 slices 512x512x16 bit + 100 MR
#      studies x 3 small images) with storescu, on 1 association and on 4 concurrent ones (the list split
#      round-robin, as the anchor does), into an empty store each pass: Orthanc restarted with --fresh (the
#      anchor's way), Continuum's PACS emptied while the server keeps running (index rows deleted and vacuumed,
#      files removed, sync);
#   2. C-FIND at the study level, 100 queries in one association (findscu --repeat 100, the anchor's 12 return
#      keys): one patient's 6 studies, and all 105 studies;
#   3. C-GET of one 100-instance CT study (getscu).
# The two servers alternate within every round; round 1 is a warm-up and is discarded (the JIT; Orthanc is native).
# Each pass records wall-clock time and the CPU seconds of the server (user+system from /proc/<pid>/stat, before and
# after): Orthanc's process, and for Continuum the JVM plus its embedded PostgreSQL (the postmaster, its backends and
# the children it reaped), reported separately.
#
# The anchor's objects name no order and no known MRN, so Continuum's reconciliation quarantines every study at
# ingest (the path a foreign study takes: stored, indexed, a quarantine row, not served). Before the queries the
# script resolves them as the quarantine page's "assign to patient" does (pacs_patient/pacs_study linked to a demo
# patient, status RECONCILED, the quarantine entry ASSIGNED_PATIENT) in SQL, so that C-FIND and C-GET serve them and
# audit each answer per patient.
#
# Usage: bench/imaging/pacs.sh            (from anywhere; root is needed for the anchor's network namespace)
# Knobs: RUNS (3 measured ingest rounds), FIND_RUNS (5), GET_RUNS (5), PARALLEL (4), DATASET
#        (/tmp/continuum-bench-dataset, generated with the anchor's gen-dataset.sh when missing; bench/dicom-store
#        uses the same), WORK (/tmp/continuum-pacs-bench: server data dir, Orthanc's state, logs; removed at the
#        end unless KEEP=1), JAR (continuum-server/target/continuum-server.jar, built when missing), JAVA_OPTS
#        (the launcher's defaults), JFR=1 (a JFR profile of the server during the measured ingest passes, kept
#        beside the results), SKIP (any of "ingest find get").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
RUNS="${RUNS:-3}"; FIND_RUNS="${FIND_RUNS:-5}"; GET_RUNS="${GET_RUNS:-5}"; PARALLEL="${PARALLEL:-4}"
SKIP=" ${SKIP:-} "
DATASET="${DATASET:-/tmp/continuum-bench-dataset}"
WORK="${WORK:-/tmp/continuum-pacs-bench}"
JAR="${JAR:-$ROOT/continuum-server/target/continuum-server.jar}"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx2g -XX:+UseG1GC -XX:TieredStopAtLevel=4}"
ANCHOR="${ANCHOR:-$ROOT/../shared/bench/anchor-orthanc}"
case "$WORK" in /|/tmp|/tmp/|"$HOME"|"") echo "refusing WORK=$WORK" >&2; exit 1;; esac
export ANCHOR_WORK="$WORK/orthanc"   # the anchor scripts keep Orthanc's storage, config, pid files and logs here
# shellcheck source=/dev/null
source "$ANCHOR/common.sh"           # TCP_NODELAY=1, ORTHANC_* ports and AE titles, ns_prefix, log, die
skip() { [[ "$SKIP" == *" $1 "* ]]; }
for t in storescu findscu getscu echoscu psql curl jq python3 Orthanc; do
  command -v "$t" >/dev/null || die "$t missing (dcmtk, postgresql-client, curl, jq, python3, orthanc)"
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/bench/results/imaging-pacs-$STAMP.txt"
RAW="$WORK/raw.txt"
DATA="$WORK/continuum-data"
rm -rf "$DATA" "$WORK/lists" "$WORK/get-out"; mkdir -p "$DATA" "$WORK/lists" "$WORK/get-out"
: > "$RAW"

[ -f "$JAR" ] || (cd "$ROOT" && ./continuum build)
if [ ! -d "$DATASET/ct" ] || [ ! -d "$DATASET/small" ]; then "$ANCHOR/gen-dataset.sh" "$DATASET"; fi
find "$DATASET" -name '*.dcm' | sort > "$WORK/lists/all"
N=$(wc -l < "$WORK/lists/all")
BYTES=$(xargs -a "$WORK/lists/all" stat -c %s | awk '{s += $1} END {print s}')
awk -v p="$PARALLEL" -v d="$WORK/lists" '{print > (d "/chunk" (NR % p))}' "$WORK/lists/all"
grep '/ct/study0/' "$WORK/lists/all" > "$WORK/lists/ct0"
CT0=$(dcmdump +P StudyInstanceUID "$(head -1 "$WORK/lists/ct0")" | sed 's/.*\[\(.*\)\].*/\1/')
CT0_N=$(wc -l < "$WORK/lists/ct0")

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port); DICOM_PORT=$(free_port); MLLP_PORT=$(free_port)

JPID=""
cleanup() {
  if [ -n "$JPID" ] && kill -0 "$JPID" 2>/dev/null; then
    kill "$JPID"; for _ in $(seq 1 300); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$JPID" 2>/dev/null && kill -KILL "$JPID"
  fi
  "$ANCHOR/orthanc-stop.sh" --wipe >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# ---------- servers ----------
log "starting Continuum (data $DATA, HTTP $HTTP_PORT, DICOM $DICOM_PORT, MLLP $MLLP_PORT, all on 127.0.0.1)"
# A small demo hospital (20 patients): the demo patients are what the studies are assigned to before the queries.
# Backups off (a scheduled base backup two minutes after start and WAL archiving would run inside the passes), and
# the server's working directory is $WORK, so that nothing it writes relative to it lands in the repository.
# shellcheck disable=SC2086
(cd "$WORK" && exec env CONTINUUM_BACKUP_ENABLED=false CONTINUUM_BACKUP_SCHEDULE_ENABLED=false CONTINUUM_DATA_DIR="$DATA" CONTINUUM_HTTP_PORT="$HTTP_PORT" CONTINUUM_HTTP_ADDRESS=127.0.0.1 \
  CONTINUUM_DICOM_PORT="$DICOM_PORT" CONTINUUM_DICOM_ADDRESS=127.0.0.1 CONTINUUM_DICOM_ACCEPT_UNKNOWN_CALLERS=true \
  CONTINUUM_MLLP_PORT="$MLLP_PORT" CONTINUUM_MLLP_ADDRESS=127.0.0.1 CONTINUUM_DEMO=true CONTINUUM_DEMO_PATIENTS=20 \
  java $JAVA_OPTS -jar "$JAR") </dev/null > "$WORK/continuum.log" 2>&1 &
JPID=$!
for i in $(seq 1 900); do
  echoscu -q -aet BENCHSCU -aec CONTINUUM 127.0.0.1 "$DICOM_PORT" 2>/dev/null && break
  kill -0 "$JPID" 2>/dev/null || { tail -30 "$WORK/continuum.log" >&2; die "Continuum exited"; }
  [ "$i" = 900 ] && die "Continuum's AE did not answer in 15 min"
  sleep 1
done
log "Continuum up (pid $JPID) after ${i} s"
PGPORT=$(sed -n 4p "$DATA/postgres/postmaster.pid"); PGMASTER=$(sed -n 1p "$DATA/postgres/postmaster.pid")
export PGPASSWORD; PGPASSWORD="$(cat "$DATA/secrets/db-password")"
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U continuum -d continuum -qAt -v ON_ERROR_STOP=1 -c "$1"; }

"$ANCHOR/orthanc-start.sh" --fresh
NS="$(ns_prefix)"
orthanc_pid() { cat "$ORTHANC_PIDFILE"; }

# ---------- CPU accounting ----------
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user+system clock ticks of one process
pg_ticks() {  # the embedded PostgreSQL: postmaster, its live children, and the children it has reaped
  local t; t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PGMASTER/stat")
  for c in $(pgrep -P "$PGMASTER"); do t=$((t + $(ticks "$c" 2>/dev/null || echo 0))); done
  echo "$t"
}
HZ=$(getconf CLK_TCK)
cpu_snapshot() {  # "<jvm ticks> <pg ticks>" or "<orthanc ticks> 0"
  if [ "$1" = continuum ]; then echo "$(ticks "$JPID") $(pg_ticks)"; else echo "$(ticks "$(orthanc_pid)") 0"; fi
}

# measure SERVER CASE ROUND COMMAND... : runs COMMAND, appends "case server round seconds cpu_main cpu_pg load1" to $RAW
measure() {
  local server=$1 case=$2 round=$3 t0 t1 c0 c1; shift 3
  read -r -a c0 <<< "$(cpu_snapshot "$server")"
  t0=$(date +%s.%N)
  "$@" > "$WORK/client.log" 2>&1 || { tail -5 "$WORK/client.log" >&2; die "$case on $server: client failed"; }
  t1=$(date +%s.%N)
  read -r -a c1 <<< "$(cpu_snapshot "$server")"
  echo "$case $server $round $(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" \
    "$(awk -v a="${c0[0]}" -v b="${c1[0]}" -v h="$HZ" 'BEGIN {print (b - a) / h}')" \
    "$(awk -v a="${c0[1]}" -v b="${c1[1]}" -v h="$HZ" 'BEGIN {print (b - a) / h}')" \
    "$(cut -d' ' -f1 /proc/loadavg)" >> "$RAW"
}

target() {  # SERVER -> the address arguments and client prefix
  if [ "$1" = continuum ]; then echo "CONTINUUM 127.0.0.1 $DICOM_PORT"; else echo "$ORTHANC_AET 127.0.0.1 $ORTHANC_DICOM_PORT"; fi
}
prefix() { [ "$1" = continuum ] && echo "" || echo "$NS"; }

send_1() {  # SERVER: the whole list on one association
  local a; read -r -a a <<< "$(target "$1")"
  # shellcheck disable=SC2046
  $(prefix "$1") storescu -aet "$BENCH_AET" -aec "${a[0]}" "${a[1]}" "${a[2]}" $(cat "$WORK/lists/all")
}
send_p() {  # SERVER: the round-robin chunks on PARALLEL concurrent associations
  local a; read -r -a a <<< "$(target "$1")"
  ls "$WORK"/lists/chunk* | xargs -P "$PARALLEL" -n 1 sh -c \
    "$(prefix "$1") storescu -aet $BENCH_AET -aec ${a[0]} ${a[1]} ${a[2]} \$(cat \"\$0\")"
}

empty_store() {  # SERVER: an empty store for the next ingest pass
  if [ "$1" = continuum ]; then
    sql "begin; delete from pacs_quarantine; delete from pacs_instance; delete from pacs_series; delete from pacs_study;
         delete from pacs_patient; commit;"
    sql "vacuum analyze pacs_quarantine, pacs_instance, pacs_series, pacs_study, pacs_patient;"
    find "$DATA/dicom" -mindepth 1 -delete 2>/dev/null || true; sync
  else
    "$ANCHOR/orthanc-start.sh" --fresh 2>/dev/null
  fi
}
stored() {  # SERVER -> number of instances the store holds
  if [ "$1" = continuum ]; then sql "select count(*) from pacs_instance"
  else $NS curl -sf "http://127.0.0.1:$ORTHANC_HTTP_PORT/statistics" | jq .CountInstances; fi
}

MACHINE="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(Orthanc --version 2>&1 | head -1), dcmtk $(storescu --version | grep -o 'v[0-9][0-9.]*' | head -1), commit $(git rev-parse --short HEAD)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------- 1. ingest ----------
if ! skip ingest; then
  for round in $(seq 0 "$RUNS"); do
    if [ "$round" = 1 ] && [ "${JFR:-0}" = 1 ]; then
      jcmd "$JPID" JFR.start name=pacs-ingest settings=profile filename="$WORK/ingest.jfr" >/dev/null
    fi
    for server in continuum orthanc; do
      for mode in 1 p; do
        empty_store "$server"
        c="cstore-all-1assoc"; [ "$mode" = p ] && c="cstore-all-${PARALLEL}assoc"
        measure "$server" "$c" "$round" "send_$mode" "$server"
        got=$(stored "$server"); [ "$got" = "$N" ] || die "$c on $server: $got of $N instances stored"
        log "round $round $c $server: $(tail -1 "$RAW" | awk '{printf "%.2f s, CPU %.2f + %.2f s", $4, $5, $6}')"
      done
    done
  done
  if [ "${JFR:-0}" = 1 ]; then
    jcmd "$JPID" JFR.stop name=pacs-ingest >/dev/null
    cp "$WORK/ingest.jfr" "$ROOT/bench/results/imaging-pacs-$STAMP-ingest.jfr"
  fi
fi

# ---------- 2. the full dataset in both, Continuum's studies assigned to the demo patients ----------
for server in continuum orthanc; do
  [ "$(stored "$server")" = "$N" ] || { empty_store "$server"; send_1 "$server" > "$WORK/client.log" 2>&1; }
done
sql "with p as (select id, row_number() over (order by dicom_patient_id) as n from pacs_patient),
          d as (select id, row_number() over (order by id) as n, count(*) over () as c from patient)
     update pacs_patient pp set patient_id = d.id from p, d
     where pp.id = p.id and d.n = (p.n - 1) % d.c + 1;
     update pacs_study st set status = 'RECONCILED', patient_id = pp.patient_id, updated_at = now()
       from pacs_patient pp where st.pacs_patient_id = pp.id;
     update pacs_quarantine set resolution = 'ASSIGNED_PATIENT', resolved_by = 'bench', resolved_at = now(),
       resolution_note = 'bench/imaging/pacs.sh' where resolution is null;
     analyze pacs_patient; analyze pacs_study;"

# ---------- 3. C-FIND, 100 queries in one association ----------
FIND_KEYS="-k QueryRetrieveLevel=STUDY -k StudyInstanceUID= -k PatientName= -k PatientBirthDate= -k PatientSex= -k StudyDate= -k StudyTime= -k StudyDescription= -k ReferringPhysicianName= -k ModalitiesInStudy= -k NumberOfStudyRelatedSeries= -k NumberOfStudyRelatedInstances="
find_x100() {  # SERVER QUERY-KEYS...
  local s=$1 a; shift; read -r -a a <<< "$(target "$s")"
  # shellcheck disable=SC2086
  $(prefix "$s") findscu -S -aet "$BENCH_AET" -aec "${a[0]}" $FIND_KEYS --repeat 100 "$@" "${a[1]}" "${a[2]}"
}
matches() {  # SERVER QUERY-KEYS... -> responses of one query
  local s=$1 a; shift; read -r -a a <<< "$(target "$s")"
  # shellcheck disable=SC2086
  $(prefix "$s") findscu -S -aet "$BENCH_AET" -aec "${a[0]}" $FIND_KEYS "$@" "${a[1]}" "${a[2]}" 2>&1 \
    | grep -c 'Find Response: .* (Pending)' || true
}
if ! skip find; then
  declare -A Q=([cfind-study-by-patientid-x100]="-k PatientID=SYN00003 -k AccessionNumber="
                [cfind-study-all-x100]="-k PatientID= -k AccessionNumber=")
  for c in cfind-study-by-patientid-x100 cfind-study-all-x100; do
    # shellcheck disable=SC2086
    echo "# $c matches: continuum $(matches continuum ${Q[$c]}), orthanc $(matches orthanc ${Q[$c]})" >> "$RAW"
  done
  for round in $(seq 0 "$FIND_RUNS"); do
    for c in cfind-study-by-patientid-x100 cfind-study-all-x100; do
      for server in continuum orthanc; do
        # shellcheck disable=SC2086
        measure "$server" "$c" "$round" find_x100 "$server" ${Q[$c]}
      done
    done
  done
fi

# ---------- 4. C-GET of one 100-instance CT study ----------
get_study() {
  local a; read -r -a a <<< "$(target "$1")"
  rm -rf "$WORK/get-out"; mkdir -p "$WORK/get-out"
  $(prefix "$1") getscu -S -aet "$BENCH_AET" -aec "${a[0]}" -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$CT0" \
    -od "$WORK/get-out" "${a[1]}" "${a[2]}"
}
if ! skip get; then
  for round in $(seq 0 "$GET_RUNS"); do
    for server in continuum orthanc; do
      measure "$server" cget-ct-study "$round" get_study "$server"
      got=$(find "$WORK/get-out" -type f | wc -l); [ "$got" = "$CT0_N" ] || die "C-GET from $server: $got of $CT0_N files"
    done
  done
fi

# ---------- summary ----------
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# imaging-pacs $STAMP: Continuum's PACS (AE CONTINUUM) against Orthanc, same run, servers alternating per round"
  echo "# machine: $MACHINE; load before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "# dataset: $N instances, $BYTES bytes ($DATASET); CT study 0 $CT0 ($CT0_N instances)"
  echo "# rounds: ingest $RUNS, find $FIND_RUNS, get $GET_RUNS measured after 1 discarded warm-up round (round 0)"
  echo "# ingest into an empty store each pass (Orthanc: orthanc-start.sh --fresh; Continuum: PACS rows deleted and vacuumed, files removed)"
  echo "# cpu: server user+system s per pass: cpu_s the JVM (Orthanc: its process), cpu_pg_s Continuum's embedded PostgreSQL; the CPU ratio compares JVM + PostgreSQL with Orthanc"
  echo "# ms_per_op: per query for cfind-*-x100 (one findscu association, 100 queries), per retrieval for cget"
  echo
  printf '%-30s %-10s %9s %9s %10s %10s %9s %8s %8s\n' case server mean_s best_s inst_per_s ms_per_op cpu_s cpu_pg_s load1
  for c in cstore-all-1assoc "cstore-all-${PARALLEL}assoc" cfind-study-by-patientid-x100 cfind-study-all-x100 cget-ct-study; do
    for server in continuum orthanc; do
      awk -v c="$c" -v s="$server" -v n="$N" -v g="$CT0_N" '$1 == c && $2 == s && $3 > 0 {
          t += $4; cpu += $5; pg += $6; ld += $7; k++; if (min == "" || $4 < min) min = $4 }
        END { if (!k) exit; m = t / k; inst = (c ~ /^cstore/) ? n / m : (c ~ /^cget/) ? g / m : 0
              op = (c ~ /x100$/) ? sprintf("%.2f", m * 10) : (c ~ /^cget/) ? sprintf("%.1f", m * 1000) : "-"
              printf "%-30s %-10s %9.3f %9.3f %10s %10s %9.3f %8.3f %8.1f\n", c, s, m, min,
                (inst ? sprintf("%.1f", inst) : "-"), op, cpu / k, pg / k, ld / k }' "$RAW"
    done
    awk -v c="$c" '$1 == c && $3 > 0 { t[$2] += $4; cpu[$2] += $5 + $6; k[$2]++ }
      END { if (!k["continuum"] || !k["orthanc"]) exit
            printf "%-30s ratio continuum/orthanc: time %.2f (rate %.2fx), server CPU %.2f\n", c,
              (t["continuum"] / k["continuum"]) / (t["orthanc"] / k["orthanc"]),
              (t["orthanc"] / k["orthanc"]) / (t["continuum"] / k["continuum"]),
              (cpu["continuum"] / k["continuum"]) / (cpu["orthanc"] / k["orthanc"]) }' "$RAW"
  done
  echo
  echo "# raw: case server round seconds cpu_s(JVM or Orthanc) cpu_pg_s load1"
  cat "$RAW"
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
log "results in $OUT"
