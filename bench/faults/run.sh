#!/bin/sh
# Database faults (docs/reliability.md, "Database faults"). The release service (role all) on a throwaway PostgreSQL
# cluster this script controls, then:
#   1. an upload burst (UPLOADERS concurrent uploaders, bench/load/RunRecovery.Load burst) during which PostgreSQL is
#      stopped with -m immediate, left down DOWN seconds and started again: every answer 201 or a 503 problem, and
#      afterwards one stored activity (with its content) per acknowledged file;
#   2. a club import (MEMBERS x RUNS, bench/club-import/make-archive.cs) during which PostgreSQL is restarted the same
#      way: the import completes with imported + duplicates + failed == entries, nothing stored twice;
#   3. the service's own Hangfire workers, never restarted, then score every stored activity;
#   4. the /health/ready timeline (polled every 0.5 s): when it went down and when it came back.
# Exits non-zero on any violation. Usage: bench/faults/run.sh   UPLOADERS=20 DOWN=5 MEMBERS=20 RUNS=50 PORT=5132
set -eu
cd "$(dirname "$0")/../.."
port="${PORT:-5132}"
pg_port="${PG_PORT:-5133}"
down="${DOWN:-5}"
members="${MEMBERS:-20}"
runs="${RUNS:-50}"
server="http://127.0.0.1:$port"
work=$(mktemp -d "${TMPDIR:-/tmp}/runrecovery-faults.XXXXXX")
chmod 755 "$work"
. bench/lib.sh
watcher=
stop_all() { [ -n "$watcher" ] && { kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true; }; stop_started; }
trap stop_all EXIT
trap 'exit 130' INT TERM

release_build src/RunRecovery.Api bench/load/RunRecovery.Load
dotnet run bench/club-import/make-archive.cs "$work/club.zip" "$members" "$runs" >/dev/null
load=bench/load/RunRecovery.Load/bin/Release/net10.0/RunRecovery.Load
pg_create
service_start
machine
t0=$(date +%s.%N)
now() { echo "$(date +%s.%N) $t0" | awk '{printf "%.1f", $1 - $2}'; }
# /health/ready timeline: one line per poll, "seconds status".
( while :; do
    code=$(curl -s -o /dev/null -m 4 -w '%{http_code}' "$server/health/ready" || true)
    echo "$(now) $code"
    sleep 0.5
  done ) >"$work/ready.log" 2>/dev/null &
watcher=$!
restart() { # restart LABEL: stop -m immediate, wait DOWN s, start; prints when.
  echo "[$(now) s] $1: pg_ctl stop -m immediate"
  pg_stop immediate
  sleep "$down"
  pg_start
  echo "[$(now) s] $1: PostgreSQL started again"
}
violations=0

echo "== 1. upload burst, PostgreSQL restarted in the middle"
( sleep 8; restart "burst" ) &
restarter=$!
$load burst --server "$server" --pg "$connection" --uploaders "${UPLOADERS:-20}" --seconds 25 || violations=$((violations + 1))
wait $restarter

echo "== 2. club import ($members members x $runs runs), PostgreSQL restarted in the middle"
key=$(curl -fs -X POST "$server/api/runners" -H 'content-type: application/json' \
  -d '{"name":"Coach","email":"coach@faults.example","timeZone":"UTC"}' | json "['apiKey']")
club=$(curl -fs -X POST "$server/api/clubs" -H "authorization: Bearer $key" -H 'content-type: application/json' \
  -d '{"name":"Fault Harriers"}' | json "['id']")
m=1
while [ $m -le "$members" ]; do
  id=$(printf 'm%03d' $m)
  curl -fs -X POST "$server/api/clubs/$club/managed-runners" -H "authorization: Bearer $key" -H 'content-type: application/json' \
    -d "{\"name\":\"Member $id\",\"externalId\":\"$id\"}" >/dev/null
  m=$((m + 1))
done
import=$(curl -fs -X POST "$server/api/clubs/$club/imports" -H "authorization: Bearer $key" -H 'content-type: application/zip' \
  --data-binary "@$work/club.zip" | json "['id']")
entries=$((members * runs))
status() { curl -fs "$server/api/clubs/$club/imports/$import" -H "authorization: Bearer $key" 2>/dev/null || echo '{}'; }
seen() { status | python3 -c "import json,sys; d=json.load(sys.stdin); print(d.get('counts',{}).get('seen',-1))" 2>/dev/null || echo -1; }
i=0
until [ "$(seen)" -ge $((entries / 5)) ]; do
  i=$((i + 1)); [ $i -lt 1200 ] || { echo "VIOLATION: the import did not reach 20 % in 10 min"; exit 1; }
  sleep 0.25
done
echo "[$(now) s] import at $(seen) of $entries entries"
restart "import"
i=0
while :; do
  state=$(status | python3 -c "import json,sys; print(json.load(sys.stdin).get('state','unreachable'))" 2>/dev/null || echo unreachable)
  case "$state" in completed|failed|cancelled) break ;; esac
  i=$((i + 1)); [ $i -lt 2400 ] || { echo "VIOLATION: the import did not finish within 10 min"; violations=$((violations + 1)); break; }
  sleep 0.25
done
echo "[$(now) s] import $state"
STATUS="$(status)" ENTRIES="$entries" python3 - <<'PY' || violations=$((violations + 1))
import json, os, sys
d = json.loads(os.environ["STATUS"]); c = d["counts"]; n = int(os.environ["ENTRIES"])
print(f"import: state {d['state']}, attempts {d.get('attempts')}, entries {n}: seen {c['seen']}, imported {c['imported']}, "
      f"duplicates {c['duplicates']}, skipped {c['skipped']}, failed {c['failed']}")
ok = d["state"] == "completed" and c["imported"] + c["duplicates"] + c["failed"] + c["skipped"] == n and c["seen"] == n
sys.exit(0 if ok else 1)
PY
# The members are new managed runners: everything they hold came from this import.
stored=$(sql "SELECT count(*) FROM runrecovery.activities WHERE runner_id IN (SELECT runner_id FROM runrecovery.club_import_entries WHERE import_id = '$import')")
imported=$(sql "SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = '$import' AND outcome = 'imported'")
rows=$(sql "SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = '$import'")
doubles=$(sql "SELECT count(*) FROM (SELECT 1 FROM runrecovery.activities GROUP BY runner_id, sha256 HAVING count(*) > 1) d")
bare=$(sql "SELECT count(*) FROM runrecovery.activities a WHERE NOT EXISTS (SELECT 1 FROM runrecovery.activity_contents c WHERE c.activity_id = a.id)")
echo "import: entry rows $rows (of $entries), imported entries $imported, members' stored activities $stored, stored twice (runner, sha-256) $doubles, activities without content $bare"
[ "$rows" = "$entries" ] && [ "$stored" = "$imported" ] && [ "$doubles" = 0 ] && [ "$bare" = 0 ] || { echo "VIOLATION in the import"; violations=$((violations + 1)); }

echo "== 3. the same Hangfire workers score everything after the restarts (the sweeper re-enqueues after 2 min)"
i=0
while :; do
  pending=$(sql "SELECT count(*) FROM runrecovery.activities WHERE scoring_state = 'pending'")
  behind=$(sql "SELECT count(*) FROM runrecovery.runner_scoring WHERE requested_version > scored_version")
  [ "$pending" = 0 ] && [ "$behind" = 0 ] && break
  i=$((i + 1)); [ $i -lt 480 ] || { echo "VIOLATION: $pending activities still pending, $behind runners behind after 8 min"; violations=$((violations + 1)); break; }
  sleep 1
done
echo "[$(now) s] scoring: $pending activities pending, $behind runners behind, $(sql "SELECT count(*) FROM runrecovery.activities") activities in all"

echo "== 4. /health/ready timeline (s since the service was ready: status)"
awk 'prev != $2 { printf "  %6s s  %s\n", $1, ($2 == "200" ? "200 ready" : $2 " not ready"); prev = $2 }' "$work/ready.log"
live=$(curl -s -o /dev/null -w '%{http_code}' "$server/health/live")
echo "/health/live now: $live"
machine
if [ "$violations" -gt 0 ]; then echo "FAILED: $violations violation(s)"; exit 1; fi
echo "OK: no violation"
