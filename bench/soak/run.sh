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
#          TIMELINE=all|errors|none: per-second rows of each step (429s, GC, recomputes appended/rebuilt, scoring
#          backlog, checkpoints; default: the steps with an error), then the server log's checkpoints and autovacuum.
#          PG_SETTINGS="name = value;...": extra postgresql.conf lines for the steps' cluster.
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

[ "${NO_BUILD:-0}" = 1 ] || release_build src/RunRecovery.Api bench/load/RunRecovery.Load  # NO_BUILD=1: built beforehand (outside the measurement lock)
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
  # What may coincide with a burst of 429s (issue 18 point 3): checkpoints and autovacuum runs go to the server's log,
  # printed after the steps with their times (the steps' per-second rows carry UTC times). PG_SETTINGS: extra
  # postgresql.conf lines separated by ";" (e.g. "max_wal_size = 4GB;checkpoint_timeout = 15min").
  printf "log_checkpoints = on\nlog_autovacuum_min_duration = 0\n" >>"$work/pg/postgresql.conf"
  if [ -n "${PG_SETTINGS:-}" ]; then echo "$PG_SETTINGS" | tr ';' '\n' >>"$work/pg/postgresql.conf"; fi
  if [ "${STATEMENTS:-0}" = 1 ]; then
    # Round trips per upload: pg_stat_statements counts every statement the service sends.
    echo "shared_preload_libraries = 'pg_stat_statements'" >>"$work/pg/postgresql.conf"
  fi
  pg_stop fast; pg_start
  if [ "${STATEMENTS:-0}" = 1 ]; then sql "CREATE EXTENSION pg_stat_statements" >/dev/null; fi
  echo "PostgreSQL: $(sql "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('max_wal_size', 'checkpoint_timeout', 'checkpoint_completion_target', 'shared_buffers', 'wal_buffers', 'full_page_writes', 'synchronous_commit', 'wal_compression', 'bgwriter_lru_maxpages')")"
  # The runtime figures (loopback only) feed the per-second rows: GC, uploads in flight, recomputes appended/rebuilt.
  service_start --RunRecovery:Diagnostics:Runtime=true
  machine
  $load steps --server "http://127.0.0.1:$port" --rates "${RATES:-5,10,20,40,60}" --seconds "${STEP:-60}" \
    --pid "$service" --pg-pid "$(head -n 1 "$work/pg/postmaster.pid")" --pg "$connection" --timeline "${TIMELINE:-errors}" || status=$?
  machine
  echo "scoring recomputes over the whole run (warm-up included): $(curl -fs "http://127.0.0.1:$port/health/runtime" | json "['scoringAppends']") appended, $(curl -fs "http://127.0.0.1:$port/health/runtime" | json "['scoringRebuilds']") rebuilt"
  echo "checkpoints and autovacuum (server log, UTC):"
  grep -E "checkpoint (starting|complete)|automatic (vacuum|analyze)" "$work/pg.log" | sed -E 's/^([0-9-]+ [0-9:.]+) [A-Z]+ \[[0-9]+\] /  \1 /; s/(checkpoint complete: wrote [0-9]+ buffers \([0-9.]+%\)).*(write=[0-9.]+ s, sync=[0-9.]+ s, total=[0-9.]+ s).*(distance=[0-9]+ kB).*/\1 \2 \3/' | cut -c1-220 || true
  if [ "${STATEMENTS:-0}" = 1 ]; then
    uploads=$(sql "SELECT count(*) FROM runrecovery.activities")
    echo "statements per stored upload ($uploads stored; every statement of the run, scoring jobs and Hangfire included):"
    sql "SELECT round(sum(calls)::numeric / $uploads, 1) || ' statements, ' || round(sum(total_exec_time)::numeric / $uploads, 2) || ' ms executing' FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'"
    sql "SELECT round(calls::numeric / $uploads, 2) || ' | ' || round(mean_exec_time::numeric, 3) || ' ms | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 150) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT ${TOP:-40}"
  fi
fi
exit $status
