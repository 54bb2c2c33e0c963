#!/bin/sh
# Club import benchmark: a 10,000-run club archive (100 members x 100 runs, FIT and GPX from our encoders)
# imported through the real service (release build, embedded PostgreSQL, Hangfire) with the real CLI.
# Prints end-to-end runs/s (upload start -> import completed), the job's own runs/s, and the service's peak
# memory (VmHWM of the service process; the PostgreSQL server processes are not included).
# Needs the .NET SDK, PostgreSQL server binaries, curl and python3.
# Usage: bench/club-import/run.sh            MEMBERS=10 RUNS=50 bench/club-import/run.sh   (smaller)
set -eu
cd "$(dirname "$0")/../.."
members="${MEMBERS:-100}"
runs="${RUNS:-100}"
port="${PORT:-5077}"
work="${TMPDIR:-/tmp}/runrecovery-club-bench"
KEEP="${KEEP:-1}"   # the folder (logs, the embedded cluster) stays for a look afterwards; the next run removes it
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
. bench/lib.sh
trap stop_started EXIT
trap 'exit 130' INT TERM
archive="$work/club.zip"
server="http://127.0.0.1:$port"

dotnet run bench/club-import/make-archive.cs "$archive" "$members" "$runs"
release_build src/RunRecovery.Api src/RunRecovery.Cli
service_start
pid=$service

key=$(curl -fs -X POST "$server/api/runners" -H 'content-type: application/json' \
  -d '{"name":"Coach","email":"coach@bench.example","timeZone":"UTC"}' | json "['apiKey']")
club=$(curl -fs -X POST "$server/api/clubs" -H "authorization: Bearer $key" -H 'content-type: application/json' \
  -d '{"name":"Benchmark Harriers"}' | json "['id']")
m=1
while [ $m -le "$members" ]; do
  id=$(printf 'm%03d' $m)
  curl -fs -X POST "$server/api/clubs/$club/managed-runners" -H "authorization: Bearer $key" -H 'content-type: application/json' \
    -d "{\"name\":\"Member $id\",\"externalId\":\"$id\"}" >/dev/null
  m=$((m + 1))
done
rss_before=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pgcpu() { for p in $(pgrep -u postgres postgres 2>/dev/null || pgrep postgres); do cpu "$p"; done | awk '{s += $1} END {print s + 0}'; }
svc_cpu_before=$(cpu $pid)
pg_cpu_before=$(pgcpu)

start=$(date +%s.%N)
set +e
runrecovery_status=0
dotnet "$cli_dll" club-import --server "$server" --key "$key" --club "$club" --poll 0.5 "$archive" \
  >"$work/cli.log" 2>&1 || runrecovery_status=$?
set -e
end=$(date +%s.%N)
svc_cpu=$(( $(cpu $pid) - svc_cpu_before ))
pg_cpu=$(( $(pgcpu) - pg_cpu_before ))
tail -n 4 "$work/cli.log"

import=$(curl -fs "$server/api/clubs/$club/imports/$(grep -o 'import [0-9a-f-]\{36\}' "$work/cli.log" | head -1 | cut -d' ' -f2)" -H "authorization: Bearer $key")
peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
machine
START="$start" END="$end" IMPORT="$import" PEAK="$peak" BEFORE="$rss_before" ARCHIVE="$archive" STATUS="$runrecovery_status" SVC_CPU="$svc_cpu" PG_CPU="$pg_cpu" TICK="$(getconf CLK_TCK)" python3 - <<'PY'
import json, os
from datetime import datetime
imp = json.loads(os.environ["IMPORT"])
c = imp["counts"]
wall = float(os.environ["END"]) - float(os.environ["START"])
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
job = (t(imp["finishedAt"]) - t(imp["startedAt"])).total_seconds()
runs = c["imported"] + c["duplicates"]
print(f"archive: {os.path.getsize(os.environ['ARCHIVE']) / 2**20:.1f} MB, state {imp['state']}, cli exit {os.environ['STATUS']}")
print(f"counts: seen {c['seen']}, imported {c['imported']}, duplicates {c['duplicates']}, skipped {c['skipped']}, failed {c['failed']}")
print(f"end to end (upload start -> import completed, as the CLI saw it): {wall:.1f} s = {runs / wall:.0f} runs/s")
print(f"import job alone (startedAt -> finishedAt): {job:.1f} s = {runs / job:.0f} runs/s")
tick = int(os.environ["TICK"])
print(f"cpu during the import: service {int(os.environ['SVC_CPU']) / tick:.1f} s, postgres {int(os.environ['PG_CPU']) / tick:.1f} s (of {wall:.1f} s wall on {os.cpu_count()} cores)")
print(f"service memory: peak RSS (VmHWM) {int(os.environ['PEAK']) / 1024:.0f} MB; RSS before the import {int(os.environ['BEFORE']) / 1024:.0f} MB")
PY
