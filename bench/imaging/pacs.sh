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
#   3. C-GET of one 100-instance CT study (getscu);
#   4. WADO-RS /metadata of that CT study (DICOM JSON of its 100 instances), 10 requests per pass on one keep-alive
#      connection (bench/imaging/http_latency.py), both servers (Orthanc's DICOMweb plugin, /dicom-web);
#   5. QIDO-RS study searches at the anchor's 105 studies, both servers (one patient's studies; all studies);
#   6. QIDO-RS study searches at 100,000 studies, Continuum only: the index loaded directly with SQL-generated rows
#      (20,000 patients x 5 studies, one series each, no instance rows: a study-level search reads none), latency
#      p50/p99 over QIDO_REQUESTS requests per query after a discarded warm-up pass. Orthanc is not loaded with
#      100,000 studies: it takes objects only (C-STORE, REST or STOW-RS), at its ~180 small objects/s on this
#      machine that is 10 minutes or more of loading per run (docs/benchmarks.md).
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
#        beside the results), LABEL (appended to the results file's name, e.g. base-<commit>), SKIP (any of "ingest find get metadata qido qido100k"), QIDO_REQUESTS (500 per query
#        at 100,000 studies), QIDO_STUDIES (100000).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
RUNS="${RUNS:-3}"; FIND_RUNS="${FIND_RUNS:-5}"; GET_RUNS="${GET_RUNS:-5}"; PARALLEL="${PARALLEL:-4}"
QIDO_REQUESTS="${QIDO_REQUESTS:-500}"; QIDO_STUDIES="${QIDO_STUDIES:-100000}"
HERE="$ROOT/bench/imaging"
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
OUT="$ROOT/bench/results/imaging-pacs-$STAMP${LABEL:+-$LABEL}.txt"
RAW="$WORK/raw.txt"
HTTPRAW="$WORK/http-raw.txt"   # case server round requests mean_ms p50_ms p90_ms p99_ms max_ms bytes_per_request
DATA="$WORK/continuum-data"
rm -rf "$DATA" "$WORK/lists" "$WORK/get-out"; mkdir -p "$DATA" "$WORK/lists" "$WORK/get-out"
: > "$RAW"; : > "$HTTPRAW"

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
(cd "$WORK" && exec env CONTINUUM_BACKUP_ENABLED=false CONTINUUM_BACKUP_SCHEDULE_ENABLED=false CONTINUUM_DATA_DIR="$DATA" CONTINUUM_HTTP_PLAIN=loopback CONTINUUM_HTTPS_PORT=0 CONTINUUM_HTTP_PORT="$HTTP_PORT" CONTINUUM_HTTP_ADDRESS=127.0.0.1 \
  CONTINUUM_DICOM_PORT="$DICOM_PORT" CONTINUUM_DICOM_ADDRESS=127.0.0.1 CONTINUUM_DICOM_ACCEPT_UNKNOWN_CALLERS=true \
  CONTINUUM_MLLP_PORT="$MLLP_PORT" CONTINUUM_MLLP_ADDRESS=127.0.0.1 CONTINUUM_DEMO=true CONTINUUM_DEMO_PATIENTS=20 CONTINUUM_DEMO_PASSWORD=bench-password-1 \
  CONTINUUM_SECURITY_RATELIMIT_APIUSER=100000000/1m \
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

MACHINE="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(Orthanc --version 2>&1 | head -1), dcmtk $(storescu --version | grep -o 'v[0-9][0-9.]*' | head -1), script at commit $(git rev-parse --short HEAD), server $JAR ($(date -u -r "$JAR" +%Y-%m-%dT%H:%MZ))"
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

# ---------- 5.-7. DICOMweb: WADO-RS metadata, QIDO-RS ----------
TOKEN=""
if ! skip metadata || ! skip qido || ! skip qido100k; then
  TOKEN=$(curl -sf -X POST "http://127.0.0.1:$HTTP_PORT/api/token" -d "username=physician&password=bench-password-1" \
    | jq -r .access_token)
  [ -n "$TOKEN" ] && [ "$TOKEN" != null ] || die "no bearer token for the physician demo account"
fi
web_base() { if [ "$1" = continuum ]; then echo "http://127.0.0.1:$HTTP_PORT/dicomweb"; else echo "http://127.0.0.1:$ORTHANC_HTTP_PORT/dicom-web"; fi; }
# http_pass SERVER CASE ROUND URL_FILE REQUESTS ACCEPT: one keep-alive pass, wall time and server CPU in $RAW,
# the latency distribution in $HTTPRAW
http_pass() {
  local s=$1 c=$2 round=$3 urls=$4 n=$5 accept=$6 out="$WORK/http-$2-$1-$3.json" auth=()
  [ "$s" = continuum ] && auth=("Authorization: Bearer $TOKEN")
  # shellcheck disable=SC2046
  measure "$s" "$c" "$round" $(prefix "$s") python3 "$HERE/http_latency.py" "$urls" "$n" "$out" "Accept: $accept" "${auth[@]}"
  echo "$c $s $round $(jq -r '[.requests, .mean_ms, .p50_ms, .p90_ms, .p99_ms, .max_ms, .bytes_per_request] | @tsv' "$out" | tr '\t' ' ')" >> "$HTTPRAW"
  log "round $round $c $s: $(tail -1 "$HTTPRAW" | awk '{printf "mean %.2f ms, p99 %.2f ms", $5, $8}')"
}
urls() {  # SERVER NAME PATH-AND-QUERY... -> a URL file
  local s=$1 f="$WORK/lists/urls-$2-$1" b; b=$(web_base "$1"); shift 2
  for q in "$@"; do echo "$b/$q"; done > "$f"; echo "$f"
}
if ! skip metadata; then
  for round in $(seq 0 "$GET_RUNS"); do
    for server in continuum orthanc; do
      http_pass "$server" wado-metadata-ct-study-x10 "$round" "$(urls "$server" meta "studies/$CT0/metadata")" 10 application/dicom+json
    done
  done
  for server in continuum orthanc; do  # both describe the same 100 instances
    auth=(); [ "$server" = continuum ] && auth=(-H "Authorization: Bearer $TOKEN")
    # shellcheck disable=SC2046
    got=$($(prefix "$server") curl -sf -H 'Accept: application/dicom+json' "${auth[@]}" "$(web_base "$server")/studies/$CT0/metadata" | jq length)
    [ "$got" = "$CT0_N" ] || die "WADO-RS metadata from $server: $got of $CT0_N instances"
  done
fi
if ! skip qido; then  # the anchor's 105 studies in both
  for round in $(seq 0 "$FIND_RUNS"); do
    for server in continuum orthanc; do
      # shellcheck disable=SC2046
      http_pass "$server" qido-studies-by-patientid-105 "$round" \
        "$(urls "$server" pid $(for i in $(seq 0 19); do printf 'studies?PatientID=SYN%05d ' "$i"; done))" 100 application/dicom+json
      http_pass "$server" qido-studies-all-105 "$round" "$(urls "$server" all studies)" 100 application/dicom+json
    done
  done
fi

if ! skip qido100k; then
  log "loading $QIDO_STUDIES studies into Continuum's index with SQL"
  t0=$(date +%s.%N)
  sql "begin;
    create temporary table bench_demo as select id, row_number() over (order by id) - 1 as n, count(*) over () as c from patient;
    insert into pacs_patient (dicom_patient_id, issuer, patient_name, patient_name_match, birth_date, sex, patient_id, updated_at)
      select 'QP' || lpad(g::text, 7, '0'), '', 'QIDO^PATIENT' || g, 'QIDO^PATIENT' || g,
             date '1930-01-01' + cast(g::bigint * 7919 % 30000 as int), case when g % 2 = 0 then 'M' else 'F' end,
             (select id from bench_demo where n = g % c), now()
      from generate_series(0, $QIDO_STUDIES / 5 - 1) g;
    insert into pacs_study (study_instance_uid, pacs_patient_id, patient_id, study_date, study_time, accession_number,
                            study_id, study_description, referring_physician, referring_physician_match, modalities,
                            sop_classes, series_count, instance_count, status, created_at, updated_at)
      select '2.25.77' || lpad(g::text, 9, '0'), pp.id, pp.patient_id,
             date '2015-01-01' + cast(g::bigint * 104729 % 4383 as int), time '07:00' + (g % 600) * interval '1 minute',
             'QA' || lpad(g::text, 9, '0'), 'S' || g, 'QIDO STUDY ' || (g % 50), 'REF^DOCTOR' || (g % 200),
             'REF^DOCTOR' || (g % 200), array[(array['CT','MR','US','CR','DX'])[g % 5 + 1]]::varchar[],
             array['1.2.840.10008.5.1.4.1.1.2']::varchar[], 1, 100, 'RECONCILED', now(), now()
      from generate_series(0, $QIDO_STUDIES - 1) g
      join pacs_patient pp on pp.dicom_patient_id = 'QP' || lpad((g / 5)::text, 7, '0') and pp.issuer = '';
    insert into pacs_series (series_instance_uid, study_id, modality, series_number, series_description, updated_at, instance_count)
      select '2.25.78' || substr(st.study_instance_uid, 8), st.id, st.modalities[1], 1, 'SERIES', now(), 100
      from pacs_study st where st.study_instance_uid like '2.25.77%';
    commit;"
  sql "vacuum analyze pacs_patient, pacs_study, pacs_series;"
  log "loaded in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s: $(sql "select count(*) from pacs_study") studies"
  echo "# qido100k: $(sql "select count(*) from pacs_study") studies, $(sql "select count(*) from pacs_patient") patients in the index (SQL-generated rows beside the anchor's 105)" >> "$RAW"
  Q1=$(for i in $(seq 0 199); do printf 'studies?PatientID=QP%07d ' $(( (i * 7727) % (QIDO_STUDIES / 5) )); done)
  Q2=$(for i in $(seq 0 199); do printf 'studies?AccessionNumber=QA%09d ' $(( (i * 48611) % QIDO_STUDIES )); done)
  Q3=$(for i in $(seq 0 199); do printf 'studies?PatientName=QIDO%%5EPATIENT%d*&limit=20 ' $(( 1000 + (i * 37) % 8999 )); done)
  Q4=$(for i in $(seq 0 199); do printf 'studies?StudyDate=%s ' "$(date -u -d "2016-01-01 + $(( (i * 13) % 3000 )) days" +%Y%m%d)"; done)
  Q5=$(for i in $(seq 0 199); do d=$(date -u -d "2016-01-01 + $(( (i * 13) % 3000 )) days" +%Y%m%d); printf 'studies?StudyDate=%s-%s&ModalitiesInStudy=CT ' "$d" "$(date -u -d "$d + 30 days" +%Y%m%d)"; done)
  Q6="studies?limit=100 studies?limit=100&offset=100"
  declare -A QK=([qido100k-by-patientid]="$Q1" [qido100k-by-accession]="$Q2" [qido100k-name-prefix-limit20]="$Q3"
                 [qido100k-one-day]="$Q4" [qido100k-month-ct]="$Q5" [qido100k-newest-100]="$Q6")
  for c in qido100k-by-patientid qido100k-by-accession qido100k-name-prefix-limit20 qido100k-one-day qido100k-month-ct qido100k-newest-100; do
    # shellcheck disable=SC2086
    f=$(urls continuum "$c" ${QK[$c]})
    http_pass continuum "$c" 0 "$f" 100 application/dicom+json
    http_pass continuum "$c" 1 "$f" "$QIDO_REQUESTS" application/dicom+json
  done
  if [ "${EXPLAIN:-0}" = 1 ]; then  # the plans of the statements QIDO-RS generates for these searches
    ex() { sql "explain (analyze, buffers) $1" | sed 's/^/#   /'; }
    SEL="select s.study_instance_uid, s.patient_id, s.study_date, s.study_time, s.accession_number, s.modalities, p.patient_name, p.dicom_patient_id, p.birth_date, p.sex, s.series_count, s.instance_count from pacs_study s join pacs_patient p on p.id = s.pacs_patient_id where s.status = 'RECONCILED'"
    ORD="order by s.study_date desc nulls last, s.study_time desc nulls last, s.id desc"
    {
      echo "# EXPLAIN qido100k-by-patientid"; ex "$SEL and p.dicom_patient_id = 'QP0012345' $ORD limit 101"
      echo "# EXPLAIN qido100k-by-accession"; ex "$SEL and s.accession_number = 'QA000054321' $ORD limit 101"
      echo "# EXPLAIN qido100k-name-prefix-limit20"; ex "$SEL and p.patient_name_match like 'QIDO^PATIENT1234%' $ORD limit 21"
      echo "# EXPLAIN qido100k-one-day"; ex "$SEL and (s.study_date >= '2020-05-05' and s.study_date <= '2020-05-05') $ORD limit 101"
      echo "# EXPLAIN qido100k-month-ct"; ex "$SEL and (s.study_date >= '2020-05-05' and s.study_date <= '2020-06-04') and s.modalities && array['CT']::varchar[] $ORD limit 101"
      echo "# EXPLAIN qido100k-newest-100"; ex "$SEL $ORD limit 101 offset 100"
    } >> "$RAW"
  fi
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
  echo "# DICOMweb over one keep-alive connection (bench/imaging/http_latency.py); latency per request over the measured"
  echo "# passes (rounds > 0; at 100,000 studies one pass of QIDO_REQUESTS after a 100-request warm-up pass);"
  echo "# cpu_ms_per_req: the server's CPU (JVM + PostgreSQL, or Orthanc) per request"
  printf '%-34s %-10s %6s %9s %9s %9s %9s %9s %14s %8s\n' case server reqs mean_ms p50_ms p90_ms p99_ms max_ms cpu_ms_per_req bytes
  for c in $(awk '{print $1}' "$HTTPRAW" | awk '!seen[$0]++'); do
    for server in continuum orthanc; do
      join <(awk -v c="$c" -v s="$server" '$1 == c && $2 == s && $3 > 0 {print $3, $4, $5, $6, $7, $8, $9, $10}' "$HTTPRAW" | sort) \
           <(awk -v c="$c" -v s="$server" '$1 == c && $2 == s && $3 > 0 {print $3, $5 + $6}' "$RAW" | sort) |
        awk -v c="$c" -v s="$server" '{ n += $2; mean += $2 * $3; p50 += $4; p90 += $5; p99 += $6; if ($7 > max) max = $7
                                       bytes = $8; cpu += $9; k++ }
          END { if (!k) exit
                printf "%-34s %-10s %6d %9.2f %9.2f %9.2f %9.2f %9.2f %14.2f %8d\n", c, s, n, mean / n, p50 / k,
                  p90 / k, p99 / k, max, cpu * 1000 / n, bytes }'
    done
  done
  echo "# (p50/p90/p99 are the mean of the passes' percentiles; max the largest single request)"
  echo
  echo "# raw: case server round seconds cpu_s(JVM or Orthanc) cpu_pg_s load1"
  cat "$RAW"
  echo "# raw http: case server round requests mean_ms p50_ms p90_ms p99_ms max_ms bytes_per_request"
  cat "$HTTPRAW"
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
log "results in $OUT"
