#!/usr/bin/env bash
# Measures a FHIR Bulk Data export ($export) of the 100,000-patient demo: time from kick-off to the complete status,
# the files' size, and the server JVM's heap (from its GC log: the most used before a collection, and the most still
# live after one, during the export) and resident high-water mark. Not a test.
#   bench/bulk-export/run.sh [TYPES]    TYPES: the export's _type (default: every type)
# Uses bench-data/patients-100000 (shared with bench/fhir-load large; generated once if missing). Registers a system
# client "bench-bulk" with a new P-384 key (./continuum client register), obtains a token with a signed assertion
# (assertion.py, needs python3-cryptography), kicks the export off, polls, downloads every file.
# Results go to bench/results/bulk-export-<date>.jsonl; copy the figures into docs/benchmarks.md.
set -euo pipefail
TYPES="${1:-}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${BENCH_PORT:-18490}"
DATA="$ROOT/bench-data/patients-100000"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/bench/results/bulk-export-$STAMP.jsonl"
WORK="$(mktemp -d)"
mkdir -p "$ROOT/bench/results"
export CONTINUUM_DEMO_PASSWORD=bench-password-1
export CONTINUUM_HTTP_ADDRESS=127.0.0.1
(cd "$ROOT" && ./continuum build)

if [ ! -d "$DATA/postgres" ]; then
  echo "Generating 100,000 demo patients into $DATA (once)..." >&2
  t0=$(date +%s)
  CONTINUUM_DATA_DIR="$DATA" "$ROOT/continuum" demo --patients 100000
  echo "{\"phase\":\"generate_100k\",\"seconds\":$(( $(date +%s) - t0 ))}" | tee -a "$OUT"
fi

openssl ecparam -name secp384r1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$WORK/client.pem"
openssl ec -in "$WORK/client.pem" -pubout -out "$WORK/client.pub" 2>/dev/null
CONTINUUM_DATA_DIR="$DATA" "$ROOT/continuum" client register bench-bulk "$WORK/client.pub" "system/*.rs" >/dev/null

GC_LOG="$WORK/gc.log"
CONTINUUM_JAVA_OPTS="${CONTINUUM_JAVA_OPTS:--Xms256m -Xmx2g} -Xlog:gc:file=$GC_LOG:uptime" \
  CONTINUUM_DATA_DIR="$DATA" CONTINUUM_HTTP_PLAIN=loopback CONTINUUM_HTTPS_PORT=0 CONTINUUM_HTTP_PORT="$PORT" \
  CONTINUUM_MLLP_PORT=0 CONTINUUM_DICOM_PORT=0 \
  "$ROOT/continuum" start > "$ROOT/bench/results/server-bulk-export.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/fhir/metadata" -o /dev/null && break
  sleep 1
done
JVM=$(pgrep -P "$SERVER" java || echo "$SERVER")

TOKEN_URL="http://127.0.0.1:$PORT/api/token"
token=$(curl -sf -X POST "$TOKEN_URL" --data-urlencode grant_type=client_credentials \
  --data-urlencode client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \
  --data-urlencode "client_assertion=$("$HERE/assertion.py" bench-bulk "$WORK/client.pem" "$TOKEN_URL")" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
[ -n "$token" ] || { echo "no token for the bench client" >&2; exit 1; }
patients=$(PGPASSWORD="$(cat "$DATA/secrets/db-password")" psql -h 127.0.0.1 -p "$(sed -n 4p "$DATA/postgres/postmaster.pid")" \
  -U continuum -d continuum -At -c "select count(*) from patient where merged_into is null")
echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), commit $(git -C "$ROOT" rev-parse --short HEAD), $patients patients" | tee -a "$OUT"

uptime_ms() { echo $(( $(date +%s%3N) - $(date -d "$(ps -o lstart= -p "$JVM")" +%s%3N) )); }
start_up=$(uptime_ms)
t0=$(date +%s%3N)
status_url=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $token" -H "Prefer: respond-async" \
  -H "Accept: application/fhir+json" "http://127.0.0.1:$PORT/fhir/\$export${TYPES:+?_type=$TYPES}" \
  | tr -d '\r' | sed -n 's/^Content-Location: //Ip')
[ -n "$status_url" ] || { echo "the kick-off was not accepted" >&2; exit 1; }
while :; do
  code=$(curl -s -o "$WORK/manifest.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$status_url")
  [ "$code" = 202 ] || break
  sleep 1
done
t1=$(date +%s%3N)
end_up=$(uptime_ms)
[ "$code" = 200 ] || { echo "export ended with HTTP $code: $(cat "$WORK/manifest.json")" >&2; exit 1; }
bytes=0
for url in $(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(' '.join(f['url'] for f in m['output'] + m['error']))" "$WORK/manifest.json"); do
  size=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $token" "$url")
  bytes=$(( bytes + size ))
done
hwm_kb=$(awk '/VmHWM/{print $2}' "/proc/$JVM/status")
python3 - "$GC_LOG" "$start_up" "$end_up" "$WORK/manifest.json" "$(( t1 - t0 ))" "$bytes" "$hwm_kb" <<'PY' | tee -a "$OUT"
import json, re, sys
log, start, end, manifest, ms, size, hwm = sys.argv[1:8]
start, end = int(start) / 1000, int(end) / 1000
before = after = 0
for line in open(log):
    m = re.match(r"\[(\d+\.\d+)s\].*Pause.* (\d+)M->(\d+)M\((\d+)M\)", line)
    if m and start <= float(m.group(1)) <= end:
        before, after = max(before, int(m.group(2))), max(after, int(m.group(3)))
counts = {f["type"]: f["count"] for f in json.load(open(manifest))["output"]}
print(json.dumps({"phase": "bulk_export", "seconds": round(int(ms) / 1000, 1), "resources": sum(counts.values()),
                  "by_type": counts, "bytes": int(size), "heap_used_before_gc_max_mb": before,
                  "heap_live_after_gc_max_mb": after, "jvm_resident_high_water_mb": int(hwm) // 1024}))
PY
