#!/bin/sh
# Soak and capacity (docs/reliability.md, "Soak and capacity"). Starts the release service (role all) on a throwaway
# PostgreSQL cluster with the loopback-only runtime figures on, then runs bench/load/RunRecovery.Load:
#   soak:  RATE uploads/s open loop for MINUTES (after printing the GC settings in effect), sampling every 10 s
#          service RSS, GC heap, fds, threads, PostgreSQL
#          connections, scoring backlog and p50/p99 per window; writes CSV (default $TMPDIR/runrecovery-soak.csv)
#          and prints a per-minute table and a first-5-min vs last-5-min summary with slopes.
#   steps: offered rate stepped through RATES (STEP seconds each, a fresh service) and the highest rate held
#          with p99 < 1 s and no errors.
#          STATEMENTS=1: PostgreSQL with pg_stat_statements; prints the statements per stored upload after the steps.
#          COLLECT_EVERY=K: every K-th sample first forces a full compacting GC and records the live heap (diagnosis).
# Usage: bench/soak/run.sh [soak|steps|both]   RATE=10 MINUTES=30 RATES=5,10,20,40,60 STEP=60 CSV=... PORT=5130
set -eu
cd "$(dirname "$0")/../.."
mode="${1:-both}"
port="${PORT:-5130}"
pg_port="${PG_PORT:-5131}"
csv="${CSV:-${TMPDIR:-/tmp}/runrecovery-soak.csv}"
work=$(mktemp -d "${TMPDIR:-/tmp}/runrecovery-soak.XXXXXX")
chmod 755 "$work"
. bench/lib.sh
trap stop_started EXIT
trap 'exit 130' INT TERM

release_build src/RunRecovery.Api bench/load/RunRecovery.Load
load=bench/load/RunRecovery.Load/bin/Release/net10.0/RunRecovery.Load
status=0

if [ "$mode" = soak ] || [ "$mode" = both ]; then
  pg_create
  service_start --RunRecovery:Diagnostics:Runtime=true
  machine
  # The GC settings the service really runs with (runtimeconfig, then DOTNET_ variables): gcSettings of /health/runtime.
  curl -fs "http://127.0.0.1:$port/health/runtime" | json "['gcSettings']" | python3 -c "import ast,sys; s=ast.literal_eval(sys.stdin.read()); print('gc settings: ' + ', '.join(k + ' ' + s[k] for k in ('ServerGC', 'ConcurrentGC', 'GCDynamicAdaptationMode', 'HeapCount', 'GCGen0MaxBudget', 'GCConserveMem', 'LOHThreshold')))"
  echo "started $(date -u +%FT%TZ)"
  $load soak --server "http://127.0.0.1:$port" --rate "${RATE:-10}" --minutes "${MINUTES:-30}" --pid "$service" \
    --pg "$connection" --csv "$csv" --collect-every "${COLLECT_EVERY:-0}" || status=$?
  echo "ended $(date -u +%FT%TZ); CSV in $csv"
  machine
  kill "$service"; wait "$service" 2>/dev/null || true; service=
  pg_stop fast; rm -rf "$work/pg"
fi

if [ "$mode" = steps ] || [ "$mode" = both ]; then
  pg_create
  if [ "${STATEMENTS:-0}" = 1 ]; then
    # Round trips per upload: pg_stat_statements counts every statement the service sends.
    echo "shared_preload_libraries = 'pg_stat_statements'" >>"$work/pg/postgresql.conf"
    pg_stop fast; pg_start
    sql "CREATE EXTENSION pg_stat_statements" >/dev/null
  fi
  service_start
  machine
  $load steps --server "http://127.0.0.1:$port" --rates "${RATES:-5,10,20,40,60}" --seconds "${STEP:-60}" \
    --pid "$service" --pg-pid "$(head -n 1 "$work/pg/postmaster.pid")" || status=$?
  machine
  if [ "${STATEMENTS:-0}" = 1 ]; then
    uploads=$(sql "SELECT count(*) FROM runrecovery.activities")
    echo "statements per stored upload ($uploads stored; every statement of the run, scoring jobs and Hangfire included):"
    sql "SELECT round(sum(calls)::numeric / $uploads, 1) || ' statements, ' || round(sum(total_exec_time)::numeric / $uploads, 2) || ' ms executing' FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'"
    sql "SELECT round(calls::numeric / $uploads, 2) || ' | ' || round(mean_exec_time::numeric, 3) || ' ms | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 150) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT ${TOP:-40}"
  fi
fi
exit $status
