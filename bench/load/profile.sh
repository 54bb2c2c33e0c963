#!/bin/sh
# Where an upload's CPU goes at one open-loop rate (docs/reliability.md, "Soak and capacity"). Starts the release
# service (role all) on a throwaway PostgreSQL cluster with pg_stat_statements, offers RATE uploads/s for STEP seconds
# (bench/load/RunRecovery.Load steps: a 15 s warm-up at 5/s first), and meanwhile samples the service's CPU with
# perf (TRACE seconds from TRACE_AFTER seconds into the step; the service writes JIT maps, DOTNET_PerfMapEnabled=1,
# and W^X is off, so managed frames have names; dotnet-trace's cpu-sampling profile needs collect-linux, not available here). Prints
# the step's row (CPU-s of generator / service / PostgreSQL), the statements per stored upload with their execution
# time, the scoring jobs per stored upload, and the profile's top symbols (self and with children). TRACE=0: none.
# Usage: RATE=250 ... CONN_EXTRA='Max Auto Prepare=64' STEP=40 TRACE=15 TRACE_AFTER=10 TOP=30 bench/load/profile.sh [service args...]
#   e.g. flock /tmp/runrecovery-measure.lock bench/prio.sh bench/load/profile.sh
set -eu
PATH="$PATH:$HOME/.dotnet/tools"
cd "$(dirname "$0")/../.."
port="${PORT:-5140}"
pg_port="${PG_PORT:-5141}"
rate="${RATE:-250}"
step="${STEP:-40}"
trace="${TRACE:-15}"
work=$(mktemp -d "${TMPDIR:-/tmp}/runrecovery-profile.XXXXXX")
chmod 755 "$work"
. bench/lib.sh
trap stop_started EXIT
trap 'exit 130' INT TERM

release_build src/RunRecovery.Api bench/load/RunRecovery.Load
load=bench/load/RunRecovery.Load/bin/Release/net10.0/RunRecovery.Load
pg_create
connection="$connection${CONN_EXTRA:+;$CONN_EXTRA}"   # e.g. CONN_EXTRA='Max Auto Prepare=64'
echo "shared_preload_libraries = 'pg_stat_statements'" >>"$work/pg/postgresql.conf"
pg_stop fast
pg_start
sql "CREATE EXTENSION pg_stat_statements" >/dev/null
# W^X off while profiling: with it, JIT code runs from a double-mapped memfd that perf cannot match to the map.
if [ "$trace" -gt 0 ]; then export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0; fi
service_start "$@"
machine
$load steps --server "http://127.0.0.1:$port" --rates "$rate" --seconds "$step" \
  --pid "$service" --pg-pid "$(head -n 1 "$work/pg/postmaster.pid")" >"$work/steps.out" 2>&1 &
steps=$!
started_pids="$started_pids $steps"
until grep -q '^|---' "$work/steps.out" 2>/dev/null; do
  kill -0 "$steps" 2>/dev/null || break
  sleep 0.2
done
sql "SELECT pg_stat_statements_reset()" >/dev/null
# Connections of the service each second during the step (to see what holds the pool): total, then by state and query.
( while kill -0 "$steps" 2>/dev/null; do
    sql "SELECT coalesce(sum(n), 0) || ' | ' || coalesce(string_agg(n || ' ' || k, ' ; ' ORDER BY n DESC), '') FROM (SELECT count(*) n, state || ': ' || left(regexp_replace(query, '\s+', ' ', 'g'), 50) k FROM pg_stat_activity WHERE datname = 'runrecovery' AND pid <> pg_backend_pid() GROUP BY 2) c" 2>/dev/null
    sleep 1
  done ) >"$work/connections" &
sql "SELECT count(*) FROM runrecovery.activities" >"$work/before"
if [ "$trace" -gt 0 ]; then
  sleep "${TRACE_AFTER:-10}"
  perf record -F 499 -g -p "$service" -o "$work/perf.data" -- sleep "$trace" >"$work/trace.log" 2>&1 \
    || { echo "perf record failed:"; tail -n 5 "$work/trace.log"; }
fi
wait "$steps" || true
cat "$work/steps.out"
machine
uploads=$(($(sql "SELECT count(*) FROM runrecovery.activities") - $(cat "$work/before")))
echo "from the step's start: $uploads uploads stored; statements per stored upload (scoring jobs and Hangfire included):"
sql "SELECT round(sum(calls)::numeric / $uploads, 1) || ' statements, ' || round(sum(total_exec_time)::numeric / $uploads, 2) || ' ms executing' FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'"
sql "SELECT round(calls::numeric / $uploads, 2) || ' | ' || round(mean_exec_time::numeric, 3) || ' ms | ' || round(total_exec_time::numeric / $uploads, 3) || ' ms/upload | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 140) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT ${TOP:-30}"
echo "connections to the database during the step (the 3 samples with the most):"
sort -t'|' -k1 -n -r "$work/connections" | head -n 3 | cut -c1-600
echo "the service's warnings and errors (message lines, counted; ids and numbers masked):"
grep -A1 -E '^(warn|fail|crit):' "$work/service.log" | grep -vE '^(warn|fail|crit):|^--' | sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g; s/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -n 12
echo "scoring jobs per stored upload (whole run): $(sql "SELECT round(count(*)::numeric / greatest((SELECT count(*) FROM runrecovery.activities), 1), 3) FROM hangfire.job WHERE invocationdata::text LIKE '%ScoreRunnerJob%'")"
if [ -f "$work/perf.data" ]; then
  echo "the service's CPU samples by symbol, self:"
  perf report -i "$work/perf.data" --no-children --sort sym --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -n "${TOP:-30}"
  echo "with children (call graph folded):"
  perf report -i "$work/perf.data" --children --sort sym --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -n "${TOP:-30}"
  if [ -n "${TRACE_OUT:-}" ]; then cp "$work/perf.data" "$TRACE_OUT"; cp /tmp/perf-"$service".map "$TRACE_OUT.map" 2>/dev/null || true; fi
fi
