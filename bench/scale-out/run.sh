#!/bin/bash
# Scale-out check: one api process (--role api) and three worker processes (--role worker) on one throwaway
# PostgreSQL cluster import a club archive (MEMBERS x RUNS runs, default 100 x 100 = 10,000, made by our encoders);
# when KILL_AT % of the entries have rows, the worker with the most member jobs in flight is killed with kill -9.
# The same archive is then imported by one --role all process into a second database, and the two final states are
# compared. Prints runs/s, jobs per worker, the killed worker's in-flight jobs and when they ran again, the
# exactly-once checks and the digests; exits 1 if anything is lost, doubled or different.
# Needs the .NET SDK, PostgreSQL server binaries (run as the postgres user when root; bench/lib.sh), curl and python3.
# Usage: bench/scale-out/run.sh      MEMBERS=10 RUNS=20 bench/scale-out/run.sh   (quick)
# Settings: PORT_BASE (5120: api, +1..+3 workers, +4 single process, +9 PostgreSQL), KILL_AT (30),
#           INVISIBILITY (Hangfire invisibility timeout, 00:01:00 here; the service's default is 5 minutes),
#           KILL=0 (kill nobody: the spread and throughput without a takeover).
set -eu
cd "$(dirname "$0")/../.."
members="${MEMBERS:-100}"
runs="${RUNS:-100}"
total=$((members * runs))
base="${PORT_BASE:-5120}"
kill_at="${KILL_AT:-30}"
kill_enabled="${KILL:-1}"
invisibility="${INVISIBILITY:-00:01:00}"
work="${TMPDIR:-/tmp}/runrecovery-scaleout"
KEEP="${KEEP:-1}"   # logs and digests stay for a look afterwards; the next run removes them
# Both runs plan as of this instant (RunRecovery:Scoring:PlanAsOfUtc): the planner reads "now", and the two runs
# happen minutes apart. Loads do not depend on it; the open recommendations do.
asof=$(date -u +%Y-%m-%dT%H:%M:00Z)

rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
. bench/lib.sh
trap stop_started EXIT
trap 'exit 130' INT TERM
pg_port=$((base + 9))
pg_create
sql_in postgres "CREATE DATABASE scaleout"
sql_in postgres "CREATE DATABASE single"

archive="$work/club.zip"
dotnet run bench/club-import/make-archive.cs "$archive" "$members" "$runs"
release_build src/RunRecovery.Api src/RunRecovery.Cli

# start NAME PORT ROLE DATABASE [settings...]: a service process in the background (bench/lib.sh), ready; its pid in
# pid_NAME. The processes of one database share its import spool.
start() {
  name=$1 port=$2 role=$3 db=$4
  shift 4
  connection="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=runrecovery;Password=$(cat "$work/password")"
  imports_dir="$work/imports-$db"
  service_spawn "$name" "$port" --role "$role" \
    --RunRecovery:Worker:InvisibilityTimeout="$invisibility" \
    --RunRecovery:Worker:ServerName="$name" \
    --RunRecovery:Scoring:PlanAsOfUtc="$asof" "$@"
  eval "pid_$(echo "$name" | tr - _)=$service"
  wait_ready "$port" "$service" "$work/$name.log" || exit 1
}

# club SERVER: a coach, a club and the managed members m001…; sets key and club.
club() {
  server=$1
  key=$(curl -fs -X POST "$server/api/runners" -H 'content-type: application/json' \
    -d '{"name":"Coach","email":"coach@bench.example","timeZone":"UTC"}' | json "['apiKey']")
  club=$(curl -fs -X POST "$server/api/clubs" -H "authorization: Bearer $key" -H 'content-type: application/json' \
    -d '{"name":"Scale-out Harriers"}' | json "['id']")
  m=1
  while [ $m -le "$members" ]; do
    id=$(printf 'm%03d' $m)
    curl -fs -X POST "$server/api/clubs/$club/managed-runners" -H "authorization: Bearer $key" -H 'content-type: application/json' \
      -d "{\"name\":\"Member $id\",\"externalId\":\"$id\"}" >/dev/null
    m=$((m + 1))
  done
}

# settle DB: waits (at most 15 min) until every activity is scored and no job is queued or running.
settle() {
  i=0
  while :; do
    left=$(sql_in "$1" "SELECT (SELECT count(*) FROM runrecovery.activities WHERE scoring_state = 'pending')
      + (SELECT count(*) FROM runrecovery.runner_scoring WHERE requested_version > scored_version)
      + (SELECT count(*) FROM hangfire.job WHERE statename IN ('Enqueued', 'Processing', 'Scheduled', 'Awaiting'))")
    [ "$left" = 0 ] && return 0
    i=$((i + 1)); [ $i -lt 1800 ] || { echo "$1: scoring did not settle ($left left)"; return 1; }
    sleep 0.5
  done
}

# digest DB FILE: the final state, one sorted line per activity and per open recommendation. The loads' "id" (the
# activity's own id, different in each database) is left out; everything else the scoring stored is in.
digest() {
  sql_in "$1" "SELECT 'activity|' || m.external_id || '|' || encode(a.sha256, 'hex') || '|' || a.scoring_state || '|'
      || coalesce((SELECT json_agg(l::jsonb - 'id' ORDER BY n)::text FROM json_array_elements(a.loads) WITH ORDINALITY AS e(l, n)), '')
      || '|' || coalesce(a.recovery_hours::text, '')
    FROM runrecovery.activities a JOIN runrecovery.club_members m ON m.runner_id = a.runner_id
    UNION ALL
    SELECT 'open|' || m.external_id || '|' || r.kind || '|' || array_to_string(r.body_parts, '+') || '|' || r.due_utc::text || '|' || r.key
    FROM runrecovery.recommendations r JOIN runrecovery.club_members m ON m.runner_id = r.runner_id
    WHERE r.status = 'open'
    ORDER BY 1" >"$2"
}

failures=0
check() { # LABEL EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "  ok   $1: $3"; else echo "  FAIL $1: $3 (expected $2)"; failures=$((failures + 1)); fi
}

# ---- scaled out: api + 3 workers -------------------------------------------------------------------------------
echo "== scale-out: 1 api + 3 workers, $total runs, kill -9 at $kill_at %, invisibility timeout $invisibility"
machine
start api "$base" api scaleout
for w in 1 2 3; do
  start "worker-$w" $((base + w)) worker scaleout --RunRecovery:ApplyMigrationsOnStart=false
done
server="http://127.0.0.1:$base"
club "$server"
start_s=$(date +%s.%N)
dotnet "$cli_dll" club-import --server "$server" --key "$key" --club "$club" --poll 0.5 "$archive" >"$work/cli-scaleout.log" 2>&1 &
cli=$!
started_pids="$started_pids $cli"

inflight_sql="SELECT j.id FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
  WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%%ImportMemberJob%%' AND (s.data::jsonb ->> 'ServerId') LIKE '%s:%%'"
victim="" killed_at="" inflight=""
while kill -0 "$cli" 2>/dev/null; do
  done_entries=$(sql_in scaleout "SELECT count(*) FROM runrecovery.club_import_entries")
  if [ "$kill_enabled" = 1 ] && [ -z "$victim" ] && [ $((done_entries * 100)) -ge $((total * kill_at)) ]; then
    best=0
    for w in worker-1 worker-2 worker-3; do
      n=$(sql_in scaleout "SELECT count(*) FROM ($(printf "$inflight_sql" "$w")) x")
      if [ "$n" -gt "$best" ]; then best=$n victim=$w; fi
    done
    if [ -n "$victim" ]; then
      eval "vpid=\$pid_$(echo "$victim" | tr - _)"
      inflight=$(sql_in scaleout "SELECT string_agg(id::text, ',') FROM ($(printf "$inflight_sql" "$victim")) x")
      kill -9 "$vpid"
      killed_at=$(date +%s.%N)
      echo "killed $victim (pid $vpid) with kill -9 at $done_entries/$total entries; its member jobs in flight: $inflight"
    fi
  fi
  sleep 0.5
done
wait "$cli" || true
end_s=$(date +%s.%N)
tail -n 3 "$work/cli-scaleout.log"
settle scaleout
settled_s=$(date +%s.%N)
machine
import=$(sql_in scaleout "SELECT row_to_json(i) FROM runrecovery.club_imports i")
python3 - "$start_s" "$end_s" "$settled_s" "$total" "$import" <<'PY'
import json, sys
start, end, settled, total = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
imp = json.loads(sys.argv[5])
print(f"import {imp['state']}, attempts {imp['attempts']}")
print(f"end to end (upload start -> import completed): {end - start:.1f} s = {total / (end - start):.0f} runs/s")
print(f"until every run was scored: {settled - start:.1f} s = {total / (settled - start):.0f} runs/s")
PY
# import_job DB: seconds the import job itself ran (expansion and spool; it ends when the member jobs are enqueued).
import_job() {
  sql_in "$1" "SELECT round(extract(epoch FROM max(s.createdat) FILTER (WHERE s.name = 'Succeeded')
      - max(s.createdat) FILTER (WHERE s.name = 'Processing'))::numeric, 1)
    FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE j.invocationdata::text LIKE '%RunClubImportJob%'"
}
echo "import job (expansion and spool, one process): $(import_job scaleout) s"
echo "jobs succeeded per worker (the server of each job's last Processing state):"
sql_in scaleout "SELECT rpad(server, 10) || ' ' || rpad(kind, 8) || ' ' || count(*) FROM (
      SELECT split_part(p.data::jsonb ->> 'ServerId', ':', 1) AS server, CASE
        WHEN j.invocationdata::text LIKE '%ImportMemberJob%' THEN 'member' WHEN j.invocationdata::text LIKE '%ScoreRunnerJob%' THEN 'scoring'
        WHEN j.invocationdata::text LIKE '%RunClubImportJob%' THEN 'import' ELSE 'other' END AS kind
      FROM hangfire.job j
      JOIN LATERAL (SELECT data FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing' ORDER BY s.id DESC LIMIT 1) p ON true
      WHERE j.statename = 'Succeeded') x
    GROUP BY server, kind ORDER BY server, kind" | sed 's/^/  /'
if [ "$kill_enabled" != 1 ]; then
  echo "no worker killed (KILL=$kill_enabled)"
elif [ -n "$inflight" ]; then
  echo "the killed worker's in-flight jobs (state, server, seconds after the kill):"
  sql_in scaleout "SELECT j.id || ' ' || s.name || ' ' || coalesce(split_part(s.data::jsonb ->> 'ServerId', ':', 1), '-') || ' '
      || round((extract(epoch FROM s.createdat) - $killed_at)::numeric, 1)
    FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE j.id IN ($inflight) ORDER BY j.id, s.id" | sed 's/^/  /'
else
  echo "  FAIL no worker had a member job in flight when $kill_at % was reached; nothing was killed"
  failures=$((failures + 1))
fi
echo "exactly once:"
check "activities stored" "$total" "$(sql_in scaleout "SELECT count(*) FROM runrecovery.activities")"
check "runners with a file stored twice (same SHA-256)" 0 "$(sql_in scaleout "SELECT count(*) FROM (SELECT 1 FROM runrecovery.activities GROUP BY runner_id, sha256 HAVING count(*) > 1) x")"
check "activities scored (loads present)" "$total" "$(sql_in scaleout "SELECT count(*) FROM runrecovery.activities WHERE scoring_state = 'scored' AND loads IS NOT NULL")"
check "import entry rows" "$total" "$(sql_in scaleout "SELECT count(*) FROM runrecovery.club_import_entries")"
check "entry rows imported (distinct entries)" "$total" "$(sql_in scaleout "SELECT count(DISTINCT ordinal) FROM runrecovery.club_import_entries WHERE outcome = 'imported'")"
check "member jobs succeeded (one per member)" "$members" "$(sql_in scaleout "SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%ImportMemberJob%'")"
digest scaleout "$work/digest-scaleout.txt"
for p in api worker-1 worker-2 worker-3; do eval "kill \$pid_$(echo "$p" | tr - _) 2>/dev/null || true"; done

# ---- one process ------------------------------------------------------------------------------------------------
echo "== one process (--role all), same archive, fresh database"
start single $((base + 4)) all single
server="http://127.0.0.1:$((base + 4))"
club "$server"
start_s=$(date +%s.%N)
dotnet "$cli_dll" club-import --server "$server" --key "$key" --club "$club" --poll 0.5 "$archive" >"$work/cli-single.log" 2>&1 || true
end_s=$(date +%s.%N)
tail -n 3 "$work/cli-single.log"
settle single
settled_s=$(date +%s.%N)
python3 -c "import sys; s,e,t,n=map(float,sys.argv[1:]); print(f'end to end: {e-s:.1f} s = {n/(e-s):.0f} runs/s; until scored: {t-s:.1f} s = {n/(t-s):.0f} runs/s')" \
  "$start_s" "$end_s" "$settled_s" "$total"
echo "import job (expansion and spool): $(import_job single) s"
check "activities stored (one process)" "$total" "$(sql_in single "SELECT count(*) FROM runrecovery.activities WHERE scoring_state = 'scored'")"
digest single "$work/digest-single.txt"
machine

echo "== final state (per activity: member, SHA-256, state, loads, recovery hours; open recommendations as of $asof)"
a=$(sha256sum <"$work/digest-scaleout.txt" | cut -c1-16)
b=$(sha256sum <"$work/digest-single.txt" | cut -c1-16)
echo "  scale-out $a ($(wc -l <"$work/digest-scaleout.txt") lines), one process $b ($(wc -l <"$work/digest-single.txt") lines)"
if cmp -s "$work/digest-scaleout.txt" "$work/digest-single.txt"; then
  echo "  ok   equal"
else
  echo "  FAIL different:"
  diff "$work/digest-scaleout.txt" "$work/digest-single.txt" | head -n 10 | cut -c1-200
  failures=$((failures + 1))
fi
[ "$failures" = 0 ] && echo "all checks passed" || { echo "$failures check(s) failed"; exit 1; }
