#!/bin/bash
# Scale-out check with CPU quotas. One 2-core machine cannot show more CPU, so each worker process (--role worker)
# runs in its own cgroup-v1 CPU group with a quota (cpu.cfs_quota_us / cpu.cfs_period_us = QUOTA CPUs) and so
# stands for a small machine of its own; the api (--role api) and PostgreSQL are not capped. For each count N in
# WORKERS a fresh database imports the same club archive (MEMBERS x RUNS runs, made by our encoders) with one api
# and N capped workers; then (KILL=1) one more run with KILL_WORKERS capped workers, where the worker with the most
# member jobs in flight is killed with kill -9 when KILL_AT % of the entries have rows; then one uncapped --role all
# process imports the same archive. Every run is checked for exactly-once storing and scoring and its final state
# compared with the single process's (digest). CPU-seconds per imported run (the service processes plus every
# PostgreSQL process, from cgroup cpuacct groups, upload start -> every run scored; the CLI uploading is not counted)
# are printed for every run; the coordination overhead compares api + OVERHEAD_WORKERS workers with the single
# process. Prints the figures and exits 1 when a run is lost, doubled or different, or a target is missed:
#   N workers >= SCALE_N x one worker's runs/s (upload start -> every run scored; SCALE_2=1.8, SCALE_4=3.2),
#   CPU-seconds per run of api + OVERHEAD_WORKERS workers <= (1 + OVERHEAD/100) x the single process's (15 %).
# Run it as root under bench/prio.sh (or any cgroup-v1 CPU group in $PRIO_CG; without one it makes its own
# under /sys/fs/cgroup/cpu) with the measurement lock:
#   flock /tmp/runrecovery-measure.lock bench/prio.sh bench/scale-out/run.sh
#   QUOTA=0.25 WORKERS="1 2 3 4" MEMBERS=100 RUNS=100 ... bench/scale-out/run.sh   (the defaults; about 18 min)
#   MEMBERS=10 RUNS=20 WORKERS="1 2" QUOTA=0.5 bench/scale-out/run.sh            (quick)
# Settings: QUOTA (0.25 CPU per worker), PERIOD_US (100000), WORKERS ("1 2 3 4"), MEMBERS (100), RUNS (100),
#   KILL (1), KILL_WORKERS (4), KILL_AT (30), SINGLE (1: the --role all run, the digests' reference, and the
#   overhead check), OVERHEAD_WORKERS (3: must be in WORKERS), BASELINE (one capped worker's runs/s from an earlier
#   run, when 1 is not in WORKERS), ASOF (the planning instant, so digests of two invocations compare), WORKER_COUNT
#   (Hangfire workers per process; unset: the service's default), INVISIBILITY (00:01:00), PORT_BASE (5120: api,
#   +1..+8 workers, +9 PostgreSQL, +10 single process), WARMUP (0; 1: before each timed import, the same processes
#   import a small archive of another club, WARMUP_RUNS runs for each of 2 members per worker process, and wait until
#   it is scored, so the timed import measures warm processes (WARMUP_IMPORTS times: by default once per worker
#   process of the layout and once for the single process, so that each process has run about as many jobs as the
#   single process before the timed import), then at most JIT_QUIET_MAX (10) seconds until the
#   processes' JIT is quiet for 2 s; every check and the digest then look at the measured club only), CAP_AT_START (1: each worker starts inside its quota group, so the .NET runtime sizes itself for
#   QUOTA CPUs as it would in a container or on a small machine: Environment.ProcessorCount 1, workstation GC, the
#   thread pool's minimum and the service's Hangfire worker count from 1 processor; 0: started uncapped and moved into
#   the group once ready, the runs before 6 Dec 2026, where every worker kept the sizes of the whole 2-core machine),
#   STATEMENTS (1: pg_stat_statements is loaded and each run prints its statements per imported run and the Hangfire
#   queue polls), NEIGHBOURS ("": none; e.g. "1+3" in WORKERS runs 1 worker beside 3 busy neighbours, each a process
#   in a quota group of its own that only burns CPU and cache (dd with 8 MB blocks): a control for "CPU per run grows
#   with the number of capped processes" that has no coordination in it), DIAGNOSTICS (1: each service process
#   serves /health/runtime and the bench prints, per process, its CPU by thread kind, JIT time and methods, GC counts
#   and pauses, allocated bytes per run, lock contentions and thread-pool work items of the timed import;
#   bench/scale-out/process-figures.py), WORKER_ENV ("": words VAR=value set for the capped workers only, after the DOTNET_* variables of
#   docker-compose.yml's worker service (COMPOSE_WORKER_ENV="" leaves those out), e.g.
#   "DOTNET_TieredCompilation=0"; a knob to try on the workers without changing the api or the single process),
#   IMAGE_ENV (unset: the DOTNET_* variables the image's Dockerfile sets, given to every service process; "" for none),
#   PUBLISH (1: the service published as the image has it, ReadyToRun; 0: the build output), TIMELINE (1: each run
#   prints the import's timeline, bench/scale-out/timeline.py).
# Needs the .NET SDK, PostgreSQL server binaries (run as the postgres user when root; bench/lib.sh), curl, python3.
set -eu
cd "$(dirname "$0")/../.."
members="${MEMBERS:-100}"
runs="${RUNS:-100}"
total=$((members * runs))
base="${PORT_BASE:-5120}"
quota="${QUOTA:-0.25}"
period="${PERIOD_US:-100000}"
worker_counts="${WORKERS:-1 2 3 4}"
kill_enabled="${KILL:-1}"
kill_workers="${KILL_WORKERS:-4}"
kill_at="${KILL_AT:-30}"
single_enabled="${SINGLE:-1}"
overhead_workers="${OVERHEAD_WORKERS:-3}"
invisibility="${INVISIBILITY:-00:01:00}"
work="${TMPDIR:-/tmp}/runrecovery-scaleout"
KEEP="${KEEP:-1}"   # logs and digests stay for a look afterwards; the next run removes them
# Every run plans as of this instant (RunRecovery:Scoring:PlanAsOfUtc): the planner reads "now", and the runs
# happen minutes apart. Loads do not depend on it; the open recommendations do.
asof="${ASOF:-$(date -u +%Y-%m-%dT%H:%M:00Z)}"
quota_us=$(python3 -c "print(round(float('$quota') * $period))")
cap_at_start="${CAP_AT_START:-1}"
statements="${STATEMENTS:-1}"
diagnostics="${DIAGNOSTICS:-1}"
# Every service process runs with the runtime settings the image sets (its Dockerfile's ENV DOTNET_* lines), as a
# container would: today DOTNET_TC_CallCountingDelayMs=0 (docs/reliability.md, "Scale-out", fourth pass).
image_env="${IMAGE_ENV-$(sed -n 's/^ENV \(DOTNET_[A-Za-z0-9_]*=[^ ]*\).*$/\1/p' src/RunRecovery.Api/Dockerfile | tr '\n' ' ')}"
# The workers also get the DOTNET_* variables docker-compose.yml gives its worker service (only that service sets any),
# as a worker container would: today its gen-0 budget (docs/reliability.md, "Scale-out", "Warm workers").
# WORKER_ENV adds to them; COMPOSE_WORKER_ENV="" leaves them out.
compose_worker_env="${COMPOSE_WORKER_ENV-$(sed -n 's/^ *\(DOTNET_[A-Za-z0-9_]*\): *"\{0,1\}\([^" ]*\)"\{0,1\} *$/\1=\2/p' docker-compose.yml | tr '\n' ' ')}"

# ---- cgroups: a CPU group with the quota per worker; cpuacct groups to count CPU per process (v1 hierarchies) ----
cpu_root=/sys/fs/cgroup/cpu
acct_root=/sys/fs/cgroup/cpuacct
[ -w "$cpu_root" ] && [ -w "$acct_root" ] || { echo "needs root and cgroup v1 cpu and cpuacct hierarchies at $cpu_root, $acct_root"; exit 2; }
own_cg=""
if [ -n "${PRIO_CG:-}" ]; then
  parent_cg="$PRIO_CG"
else
  parent_cg="$cpu_root/scaleout-$$"; own_cg="$parent_cg"
  mkdir -p "$parent_cg"; echo $$ >"$parent_cg/cgroup.procs"
fi
acct_cg="$acct_root/scaleout-$$"
mkdir -p "$acct_cg"
# cg_enter PID CPUGROUP|- ACCTGROUP: moves the process (all its threads; children forked later follow) into a
# quota group under $parent_cg (- leaves it where it is) and into the accounting group $acct_cg/ACCTGROUP.
cg_make() { # CPUGROUP ACCTGROUP: the quota group (made fresh: new throttling counters) and the accounting group
  if [ "$1" != - ]; then
    mkdir -p "$parent_cg/$1"
    echo "$period" >"$parent_cg/$1/cpu.cfs_period_us"
    echo "$quota_us" >"$parent_cg/$1/cpu.cfs_quota_us"
  fi
  mkdir -p "$acct_cg/$2"
}
cg_enter() {
  cg_make "$2" "$3"
  if [ "$2" != - ]; then echo "$1" >"$parent_cg/$2/cgroup.procs"; fi
  echo "$1" >"$acct_cg/$3/cgroup.procs"
}
acct_ns() { cat "$acct_cg/$1/cpuacct.usage" 2>/dev/null || echo 0; }
# acct_split GROUP PID: user and system CPU ticks of the group (cpuacct.stat, USER_HZ), the process's minor page
# faults, and its threads' involuntary context switches (preemptions; summed over the threads alive now)
acct_split() {
  echo "$(awk '{print $2}' "$acct_cg/$1/cpuacct.stat" 2>/dev/null | tr '\n' ' ')$(awk '{print $10}' "/proc/$2/stat" 2>/dev/null || echo 0)" \
    "$(cat /proc/"$2"/task/*/status 2>/dev/null | awk '/^nonvoluntary_ctxt_switches/ {n += $2} END {print n + 0}')"
}
cg_cleanup() {
  # processes still in a group go back to the parent before the groups are removed
  for g in "$parent_cg"/*/ "$acct_cg"/*/; do
    [ -f "$g/cgroup.procs" ] || continue
    case "$g" in "$acct_cg"/*) up="$acct_root" ;; *) up="$parent_cg" ;; esac
    for p in $(cat "$g/cgroup.procs" 2>/dev/null); do echo "$p" >"$up/cgroup.procs" 2>/dev/null || true; done
    rmdir "$g" 2>/dev/null || true
  done
  rmdir "$acct_cg" 2>/dev/null || true
  if [ -n "$own_cg" ]; then
    for p in $(cat "$own_cg/cgroup.procs" 2>/dev/null); do echo "$p" >"$cpu_root/cgroup.procs" 2>/dev/null || true; done
    rmdir "$own_cg" 2>/dev/null || true
  fi
}

rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
. bench/lib.sh
trap 'stop_started; cg_cleanup' EXIT
trap 'exit 130' INT TERM
pg_port=$((base + 9))
pg_create
if [ "$statements" = 1 ]; then
  printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.max = 1000\n" >>"$work/pg/postgresql.conf"
  pg_stop fast && pg_start
  sql_in postgres "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
fi
# PostgreSQL: the postmaster and the processes it has started (backends forked later follow it)
postmaster=$(head -n 1 "$work/pg/postmaster.pid")
cg_enter "$postmaster" - pg
for p in $(pgrep -P "$postmaster"); do echo "$p" >"$acct_cg/pg/cgroup.procs"; done

archive="$work/club.zip"
dotnet run bench/club-import/make-archive.cs "$archive" "$members" "$runs"
warmup="${WARMUP:-0}"
warm_members=$((2 * 8))   # two per worker process, for up to 8 workers (PORT_BASE+1..+8)
if [ "$warmup" = 1 ]; then dotnet run bench/club-import/make-archive.cs "$work/warm-$warm_members.zip" "$warm_members" "${WARMUP_RUNS:-20}"; fi
release_build src/RunRecovery.Api src/RunRecovery.Cli
# The service as the image ships it (PUBLISH=1, the default since 6 Dec 2026): dotnet publish -c Release, with the
# project's ReadyToRun; PUBLISH=0: the build output (bin/Release), as every run before.
if [ "${PUBLISH:-1}" = 1 ]; then
  dotnet publish -c Release src/RunRecovery.Api -o src/RunRecovery.Api/bin/Release/net10.0/publish -v quiet -nologo >/dev/null \
    || { echo "publish of src/RunRecovery.Api failed"; exit 2; }
  api_dll=src/RunRecovery.Api/bin/Release/net10.0/publish/RunRecovery.Api.dll
fi
results="$work/results.tsv"
: >"$results"
failures=0
check() { # LABEL EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "  ok   $1: $3"; else echo "  FAIL $1: $3 (expected $2)"; failures=$((failures + 1)); fi
}

# start NAME PORT ROLE DATABASE CPUGROUP|- [settings...]: a service process in the background (bench/lib.sh) in its
# CPU and accounting groups, ready; its pid in pid_NAME. The processes of one database share its import spool.
start() {
  name=$1 port=$2 role=$3 db=$4 group=$5
  shift 5
  # another service already answering on the port would take the upload, and wait_ready would pass (seen: a
  # soak on 5130, PORT_BASE+10); refuse instead
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then echo "port $port is already in use; set PORT_BASE"; exit 2; fi
  # Application Name: PostgreSQL's per-process figures (pg-figures.py) tell each service process's backends apart
  connection="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=runrecovery;Password=$(cat "$work/password");Application Name=$name"
  imports_dir="$work/imports-$db"
  if [ -n "${WORKER_COUNT:-}" ]; then set -- --RunRecovery:Worker:Count="$WORKER_COUNT" "$@"; fi
  rr_wrap=""
  if [ "$group" != - ] && [ "$cap_at_start" = 1 ]; then
    cg_make "$group" "$db-$name"
    rr_wrap="bench/scale-out/in-cgroup.sh $parent_cg/$group $acct_cg/$db-$name --"
  fi
  rr_wrap="${rr_wrap:-} env $image_env"
  if [ "$group" != - ]; then rr_wrap="$rr_wrap $compose_worker_env ${WORKER_ENV:-}"; fi
  service_spawn "$name" "$port" --role "$role" \
    --RunRecovery:Worker:InvisibilityTimeout="$invisibility" \
    --RunRecovery:Worker:ServerName="$name" \
    --RunRecovery:Scoring:PlanAsOfUtc="$asof" --Logging:LogLevel:RunRecovery.Api=Information \
    --RunRecovery:Diagnostics:Runtime="$([ "$diagnostics" = 1 ] && echo true || echo false)" "$@"
  rr_wrap=""
  cg_enter "$service" "$group" "$db-$name"
  eval "pid_$(echo "$name" | tr - _)=$service port_$(echo "$name" | tr - _)=$port"
  wait_ready "$port" "$service" "$work/$name.log" || exit 1
  echo "  $name: $(grep -m1 -o 'runtime: .*' "$work/$name.log" || echo 'runtime sizes not logged'); CPU-seconds to ready" \
    "$(python3 -c "print(f'{$(acct_ns "$db-$name") / 1e9:.1f}')")"
}

# neighbours_start N: N processes that only burn CPU and cache, each in a quota group of its own (no database, no
# coordination); neighbours_stop ends them. The control run "1+N".
neighbour_pids=""
neighbours_start() {
  k=1
  while [ $k -le "$1" ]; do
    cg_make "neighbour-$k" "neighbour-$k"
    bench/scale-out/in-cgroup.sh "$parent_cg/neighbour-$k" "$acct_cg/neighbour-$k" -- dd if=/dev/zero of=/dev/null bs=8M 2>/dev/null &
    neighbour_pids="$neighbour_pids $!"; started_pids="$started_pids $!"
    k=$((k + 1))
  done
}
neighbours_stop() {
  for p in $neighbour_pids; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  neighbour_pids=""
}

# figures snapshot 0|1 / figures diff: per service process of the run, its /health/runtime figures (JIT, GC, lock
# contention, thread pool, allocations) and its threads' CPU by name, before the upload and once every run is scored;
# then the differences (bench/scale-out/process-figures.py). Needs DIAGNOSTICS=1 for the runtime figures.
figures() {
  for p in $procs; do
    v=$(echo "$p" | tr - _)
    eval "fpid=\$pid_$v fport=\$port_$v"
    if [ "$1" = snapshot ]; then
      python3 bench/scale-out/process-figures.py snapshot "$fpid" "$fport" "$work/figures-$db-$p.$2.json" 2>/dev/null || true
      if [ "${PERF:-0}" = 1 ] && [ "$2" = 0 ]; then
        perf record -q -F 499 -g -o "$work/perf-$db-$p.data" -p "$fpid" >/dev/null 2>&1 &
        eval "perf_$v=$!"
      elif [ "${PERF:-0}" = 1 ]; then
        eval "kill -INT \$perf_$v 2>/dev/null; wait \$perf_$v 2>/dev/null || true"
      fi
    elif [ -f "$work/figures-$db-$p.0.json" ] && [ -f "$work/figures-$db-$p.1.json" ]; then
      python3 bench/scale-out/process-figures.py diff "$p" "$work/figures-$db-$p.0.json" "$work/figures-$db-$p.1.json" "$total"
      if [ "${PERF:-0}" = 1 ] && [ -f "$work/perf-$db-$p.data" ]; then
        perf report -q -i "$work/perf-$db-$p.data" --no-children --sort dso,sym --percent-limit 1.5 --stdio -g none 2>/dev/null \
          | grep -v '^$' | head -n "${PERF_TOP:-25}" | cut -c1-150 | sed 's/^/    perf /'
      fi
    else
      echo "  $p: no figures (gone)"
    fi
  done
}

# pg_figures snapshot 0|1 / pg_figures diff NS: PostgreSQL's CPU per process (the backends of each service process
# by application name, background processes, connections opened in the window), bench/scale-out/pg-figures.py.
pg_figures() {
  if [ "$1" = snapshot ]; then
    sql_in postgres "SELECT pid || '|' || coalesce(backend_type, '') || '|' || coalesce(datname, '') || '|' || coalesce(application_name, '')
      FROM pg_stat_activity" >"$work/pg-activity.tsv" 2>/dev/null || true
    python3 bench/scale-out/pg-figures.py snapshot "$acct_cg/pg/cgroup.procs" "$work/pg-activity.tsv" "$work/pg-$db.$2.json" 2>/dev/null || true
    sql_in postgres "SELECT sessions || ' ' || xact_commit FROM pg_stat_database WHERE datname = '$db'" >"$work/pg-sessions-$db.$2" 2>/dev/null || true
  elif [ -f "$work/pg-$db.0.json" ] && [ -f "$work/pg-$db.1.json" ]; then
    python3 bench/scale-out/pg-figures.py diff "$work/pg-$db.0.json" "$work/pg-$db.1.json" "$2" "$total"
    read -r s0 c0 <"$work/pg-sessions-$db.0" && read -r s1 c1 <"$work/pg-sessions-$db.1" \
      && echo "  connections opened to $db in the window: $((s1 - s0)) (the bench's own psql included); transactions committed: $((c1 - c0)) ($(python3 -c "print(f'{($c1 - $c0) / $total:.1f}')") per run)"
  fi
}

# xact_sampler start|stop|report (XACT_SAMPLES=1): one psql session samples pg_stat_activity every 0.1 s during the
# timed import (\watch: one connection, not one per sample) and reports, per service process, how many of its
# backends were on average running a statement, idle inside an open transaction (its client busy or throttled while
# holding row locks and a snapshot), or idle.
xact_sampler() {
  [ "${XACT_SAMPLES:-0}" = 1 ] || return 0
  case "$1" in
    start)
      printf "SELECT '#' UNION ALL SELECT application_name || '|' || state FROM pg_stat_activity WHERE datname = '%s' AND backend_type = 'client backend' AND application_name <> 'psql'\n\\watch 0.1\n" "$db" \
        | PGPASSWORD=$(cat "$work/password") "$pg_bin/psql" -X -qtA -h 127.0.0.1 -p "$pg_port" -U runrecovery -d "$db" >"$work/xact-$db.txt" 2>/dev/null &
      xact_pid=$!; started_pids="$started_pids $xact_pid" ;;
    stop) kill "$xact_pid" 2>/dev/null || true; wait "$xact_pid" 2>/dev/null || true ;;
    report)
      python3 - "$work/xact-$db.txt" <<'PY'
import collections, sys
samples, counts = 0, collections.Counter()
for line in open(sys.argv[1], errors="replace"):
    line = line.strip()
    if not line:
        continue
    if line == "#":
        samples += 1  # one marker row per sample
        continue
    if "|" not in line:
        continue
    app, state = line.split("|", 1)
    counts[(app, state)] += 1
samples = max(samples, 1)
apps = sorted({a for a, _ in counts})
print(f"  backends per service process, average over {samples} samples of pg_stat_activity (active / idle in transaction / idle):")
for a in apps:
    print(f"    {a:<10} {counts[(a, 'active')] / samples:5.2f} / {counts[(a, 'idle in transaction')] / samples:5.2f} / {counts[(a, 'idle')] / samples:5.2f}")
PY
      ;;
  esac
}

# statements_report DB: statements per imported run from pg_stat_statements (reset at the upload's start), the
# Hangfire queue fetches (polls) among them, and the statements with the most calls.
statements_report() {
  [ "$statements" = 1 ] || return 0
  dbid="(SELECT oid FROM pg_database WHERE datname = '$1')"
  sql_in postgres "SELECT 'statements: ' || sum(calls) || ' (' || round(sum(calls)::numeric / $total, 1) || ' per run), '
      || round(sum(total_exec_time)::numeric / 1000, 1) || ' s executing; Hangfire queue fetches '
      || coalesce(sum(calls) FILTER (WHERE query ILIKE '%jobqueue%' AND query ILIKE '%= ANY%'), 0)
      || ', sliding-invisibility updates ' || coalesce(sum(calls) FILTER (WHERE query ILIKE '%jobqueue%' AND query ILIKE '%RETURNING%fetchedat%'), 0)
      || ', hangfire schema ' || coalesce(sum(calls) FILTER (WHERE query ILIKE '%hangfire.%' OR query ILIKE '%"hangfire".%'), 0)
      || '; connection resets (Npgsql on a pooled connection''s reuse) ' || coalesce(sum(calls) FILTER (WHERE query ~* '$reset_re'), 0)
      || ' statements (' || round(coalesce(sum(calls) FILTER (WHERE query ~* '$reset_re'), 0)::numeric / $total, 1) || ' per run, '
      || round(coalesce(sum(total_exec_time) FILTER (WHERE query ~* '$reset_re'), 0)::numeric / 1000, 2) || ' s executing)'
      || ', LISTEN ' || coalesce(sum(calls) FILTER (WHERE query ~* '^LISTEN'), 0) || ', NOTIFY ' || coalesce(sum(calls) FILTER (WHERE query ~* '^NOTIFY'), 0)
    FROM pg_stat_statements WHERE dbid = $dbid" | sed 's/^/  /'
  sql_in postgres "SELECT lpad(calls::text, 8) || lpad(round(calls::numeric / $total, 2)::text, 8) || '/run  '
      || regexp_replace(left(query, 110), '\s+', ' ', 'g')
    FROM pg_stat_statements WHERE dbid = $dbid ORDER BY calls DESC LIMIT ${TOP_STATEMENTS:-14}" | sed 's/^/    /'
  echo "  by time executing (ms, ms per run, calls):"
  sql_in postgres "SELECT lpad(round(total_exec_time::numeric)::text, 8) || lpad(round((total_exec_time / $total)::numeric, 3)::text, 8) || lpad(calls::text, 8) || '  '
      || regexp_replace(left(query, 100), '\s+', ' ', 'g')
    FROM pg_stat_statements WHERE dbid = $dbid ORDER BY total_exec_time DESC LIMIT ${TOP_STATEMENTS:-14}" | sed 's/^/    /'
}
# the statements Npgsql sends when a pooled connection is reused (DISCARD ALL, or with prepared statements kept:
# SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD ...)
reset_re='^(DISCARD|SET SESSION AUTHORIZATION DEFAULT|RESET ALL|CLOSE ALL|UNLISTEN|SELECT pg_advisory_unlock_all)'

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

# warm_up SERVER DB: a second club (its members m001..) imports a small archive until every run is scored, so each
# process has run the import, member and scoring code before the timed import. Uses the coach's $key.
warm_up() {
  wclub=$(curl -fs -X POST "$1/api/clubs" -H "authorization: Bearer $key" -H 'content-type: application/json' \
    -d '{"name":"Warm-up Harriers"}' | json "['id']")
  m=1
  while [ $m -le "$warm_members" ]; do
    curl -fs -X POST "$1/api/clubs/$wclub/managed-runners" -H "authorization: Bearer $key" -H 'content-type: application/json' \
      -d "{\"name\":\"Warm $m\",\"externalId\":\"$(printf 'm%03d' $m)\"}" >/dev/null
    m=$((m + 1))
  done
  dotnet "$cli_dll" club-import --server "$1" --key "$key" --club "$wclub" --poll 0.5 "$work/warm-$warm_members.zip" >"$work/cli-warm-$2.log" 2>&1 \
    || { echo "warm-up import failed"; tail -n 3 "$work/cli-warm-$2.log"; }
  settle "$2"
  echo "warm-up: $(sql_in "$2" "SELECT count(*) FROM runrecovery.activities") runs of club $wclub imported and scored"
  jit_quiet
}

# jit_quiet: waits (at most JIT_QUIET_MAX seconds, 10) until no service process of the run has compiled a method for
# 2 s (their /health/runtime jitMethods). A warmed-up worker at 0.25 CPU still promoted hot methods to optimized
# code for seconds after its jobs ended, in its quarter of a CPU; the timed import should not pay that one-off cost.
jit_quiet() {
  [ "$diagnostics" = 1 ] || return 0
  waited=0 last=-1 same=0 trace=""
  while [ "$waited" -lt "${JIT_QUIET_MAX:-10}" ]; do
    now=0
    for p in $procs; do
      eval "qport=\$port_$(echo "$p" | tr - _)"
      m=$(curl -fs "http://127.0.0.1:$qport/health/runtime" | json "['jitMethods']" 2>/dev/null || echo 0)
      now=$((now + m))
    done
    if [ "$last" -ge 0 ]; then trace="$trace +$((now - last))"; fi
    if [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; fi
    [ "$same" -ge 2 ] && break
    last=$now; sleep 1; waited=$((waited + 1))
  done
  echo "JIT quiet after ${waited} s (methods compiled by the run's processes: $now; per second:$trace)"
}

# settle DB: waits (at most 30 min) until every activity is scored and no job is queued or running.
settle() {
  i=0
  while :; do
    left=$(sql_in "$1" "SELECT (SELECT count(*) FROM runrecovery.activities WHERE scoring_state = 'pending')
      + (SELECT count(*) FROM runrecovery.runner_scoring WHERE requested_version > scored_version)
      + (SELECT count(*) FROM hangfire.job WHERE statename IN ('Enqueued', 'Processing', 'Scheduled', 'Awaiting'))")
    [ "$left" = 0 ] && return 0
    i=$((i + 1)); [ $i -lt 3600 ] || { echo "$1: scoring did not settle ($left left)"; return 1; }
    sleep 0.5
  done
}

# digest DB FILE: the final state, one sorted line per activity and per open recommendation. The loads' "id" (the
# activity's own id, different in each database) is left out; everything else the scoring stored is in.
digest() {
  sql_in "$1" "SELECT 'activity|' || m.external_id || '|' || encode(a.sha256, 'hex') || '|' || a.scoring_state || '|'
      || coalesce((SELECT json_agg(l::jsonb - 'id' ORDER BY n)::text FROM json_array_elements(a.loads) WITH ORDINALITY AS e(l, n)), '')
      || '|' || coalesce(a.recovery_hours::text, '')
    FROM runrecovery.activities a JOIN runrecovery.club_members m ON m.runner_id = a.runner_id AND m.club_id = '$club'
    UNION ALL
    SELECT 'open|' || m.external_id || '|' || r.kind || '|' || array_to_string(r.body_parts, '+') || '|' || r.due_utc::text || '|' || r.key
    FROM runrecovery.recommendations r JOIN runrecovery.club_members m ON m.runner_id = r.runner_id AND m.club_id = '$club'
    WHERE r.status = 'open'
    ORDER BY 1" >"$2"
}

# import_job DB: seconds the import job itself ran (expansion and spool; it ends when the member jobs are enqueued).
import_job() {
  sql_in "$1" "SELECT round(extract(epoch FROM max(s.createdat) FILTER (WHERE s.name = 'Succeeded')
      - max(s.createdat) FILTER (WHERE s.name = 'Processing'))::numeric, 1)
    FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE j.invocationdata::text LIKE '%RunClubImportJob%'"
}

# timeline DB START SETTLED (TIMELINE=1, the default): the timed import's timeline from the database
# (bench/scale-out/timeline.py): accepted, the walk, the first member job enqueued and started, the member jobs'
# pick-up delay, per worker process its first and last job, busy and idle time and longest idle gap, the tail, the
# last run stored and scored. Jobs are those created since the upload started; their times are PostgreSQL's clock,
# the same machine's as START.
timeline() {
  [ "${TIMELINE:-1}" = 1 ] || return 0
  sql_in "$1" "SELECT CASE WHEN j.invocationdata::text LIKE '%ImportMemberJob%' THEN 'member' WHEN j.invocationdata::text LIKE '%ScoreRunnerJob%' THEN 'scoring'
        WHEN j.invocationdata::text LIKE '%RunClubImportJob%' THEN 'import' ELSE 'other' END
      || '|' || j.id || '|' || coalesce(split_part(p.data::jsonb ->> 'ServerId', ':', 1), '') || '|' || coalesce(p.data::jsonb ->> 'WorkerId', '')
      || '|' || extract(epoch FROM j.createdat) || '|' || coalesce(extract(epoch FROM p.createdat)::text, '')
      || '|' || coalesce((SELECT extract(epoch FROM s.createdat)::text FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Succeeded' ORDER BY s.id DESC LIMIT 1), '')
    FROM hangfire.job j
    LEFT JOIN LATERAL (SELECT data, createdat FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing' ORDER BY s.id DESC LIMIT 1) p ON true
    WHERE j.createdat >= to_timestamp($2)" >"$work/timeline-jobs-$1.tsv"
  mine_a="runrecovery.activities a JOIN runrecovery.club_members m ON m.runner_id = a.runner_id AND m.club_id = i.club_id"
  sql_in "$1" "SELECT 'accepted|' || extract(epoch FROM i.created_at) || E'\\nstarted|' || coalesce(extract(epoch FROM i.started_at)::text, '')
      || E'\\nfinished|' || coalesce(extract(epoch FROM i.finished_at)::text, '')
      || E'\\nfirst_stored|' || coalesce((SELECT extract(epoch FROM min(a.uploaded_at))::text FROM $mine_a), '')
      || E'\\nlast_stored|' || coalesce((SELECT extract(epoch FROM max(a.uploaded_at))::text FROM $mine_a), '')
      || E'\\nlast_scored|' || coalesce((SELECT extract(epoch FROM max(a.scored_at))::text FROM $mine_a), '')
    FROM runrecovery.club_imports i WHERE i.club_id = '$club'" >"$work/timeline-events-$1.tsv"
  python3 bench/scale-out/timeline.py "$work/timeline-jobs-$1.tsv" "$work/timeline-events-$1.tsv" "$2" "$3"
}

# exactly_once DB: the checks every run must pass.
exactly_once() {
  db=$1
  mine="runner_id IN (SELECT runner_id FROM runrecovery.club_members WHERE club_id = '$club')"
  import_id=$(sql_in "$db" "SELECT id FROM runrecovery.club_imports WHERE club_id = '$club'")
  check "$db: activities stored" "$total" "$(sql_in "$db" "SELECT count(*) FROM runrecovery.activities WHERE $mine")"
  check "$db: runners with a file stored twice (same SHA-256)" 0 "$(sql_in "$db" "SELECT count(*) FROM (SELECT 1 FROM runrecovery.activities WHERE $mine GROUP BY runner_id, sha256 HAVING count(*) > 1) x")"
  check "$db: activities scored (loads present)" "$total" "$(sql_in "$db" "SELECT count(*) FROM runrecovery.activities WHERE $mine AND scoring_state = 'scored' AND loads IS NOT NULL")"
  check "$db: import entry rows" "$total" "$(sql_in "$db" "SELECT count(*) FROM runrecovery.club_import_entries WHERE import_id = '$import_id'")"
  check "$db: entry rows imported (distinct entries)" "$total" "$(sql_in "$db" "SELECT count(DISTINCT ordinal) FROM runrecovery.club_import_entries WHERE import_id = '$import_id' AND outcome = 'imported'")"
  # Members with a succeeded member job. A member's job can run twice and rightly store nothing the second time: a
  # worker killed while holding the job's Hangfire state lock leaves it to resume-stalled-imports, which enqueues
  # the member again; the first job runs when the lock expires (docs/reliability.md, "Scale-out").
  check "$db: members with a succeeded member job" "$members" "$(sql_in "$db" "SELECT count(DISTINCT arguments::jsonb ->> 1) FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%ImportMemberJob%' AND arguments::text LIKE '%$import_id%'")"
  echo "  member jobs succeeded: $(sql_in "$db" "SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%ImportMemberJob%' AND arguments::text LIKE '%$import_id%'") (one per member, plus any that found its member done)"
  # scored once: one recompute per member for the whole import (the import holds a member's scoring while their files
  # are stored and releases it once; a second recompute would be a doubled scoring job)
  check "$db: members recomputed exactly once" "$members" "$(sql_in "$db" "SELECT count(*) FROM runrecovery.runner_scoring WHERE $mine AND recomputes = 1")"
  check "$db: import completed" completed "$(sql_in "$db" "SELECT state FROM runrecovery.club_imports WHERE id = '$import_id'")"
}

# spread DB: jobs of the timed import (created since its upload started) that succeeded, per server (the server of each job's last Processing state) and kind.
spread() {
  sql_in "$1" "SELECT rpad(server, 10) || ' ' || rpad(kind, 8) || ' ' || count(*) FROM (
      SELECT split_part(p.data::jsonb ->> 'ServerId', ':', 1) AS server, CASE
        WHEN j.invocationdata::text LIKE '%ImportMemberJob%' THEN 'member' WHEN j.invocationdata::text LIKE '%ScoreRunnerJob%' THEN 'scoring'
        WHEN j.invocationdata::text LIKE '%RunClubImportJob%' THEN 'import' ELSE 'other' END AS kind
      FROM hangfire.job j
      JOIN LATERAL (SELECT data FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing' ORDER BY s.id DESC LIMIT 1) p ON true
      WHERE j.statename = 'Succeeded' AND j.createdat >= to_timestamp($start_s)) x
    GROUP BY server, kind ORDER BY server, kind" | sed 's/^/  /'
}

inflight_sql="SELECT j.id FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
  WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%%ImportMemberJob%%' AND (s.data::jsonb ->> 'ServerId') LIKE '%s:%%'"

# import_run LABEL DB N KILL: one api and N workers (each in its own quota group; N=0: one uncapped --role all
# process) import the archive into DB; KILL=1 kills a worker at KILL_AT %. Appends a line to $results:
# label db n kill seconds-to-import-completed seconds-to-every-run-scored cpu-ns-of-services cpu-ns-of-postgres
import_run() {
  label=$1 db=$2 n=$3 do_kill=$4 spec=$3
  neighbours=0
  case "$n" in *+*) neighbours=${n#*+}; n=${n%%+*} ;; esac
  sql_in postgres "CREATE DATABASE $db"
  echo "== $label: $total runs"
  machine
  procs=""
  if [ "$n" = 0 ]; then
    start single $((base + 10)) all "$db" -
    server="http://127.0.0.1:$((base + 10))"; procs="single"
  else
    start api "$base" api "$db" -
    procs="api"
    w=1
    while [ $w -le "$n" ]; do
      start "worker-$w" $((base + w)) worker "$db" "worker-$w" --RunRecovery:ApplyMigrationsOnStart=false
      procs="$procs worker-$w"; w=$((w + 1))
    done
    server="http://127.0.0.1:$base"
  fi
  club "$server"
  if [ "$warmup" = 1 ]; then
    # every worker process should be as warm as the single process: the warm-up archive is imported once per worker
    # process (its jobs spread over them), so each has run about as many member and scoring jobs as the single
    # process has after one import (WARMUP_IMPORTS overrides the count)
    rounds="${WARMUP_IMPORTS:-$([ "$n" = 0 ] && echo 1 || echo "$n")}"
    r=1; while [ $r -le "$rounds" ]; do warm_up "$server" "$db"; r=$((r + 1)); done
  fi
  svc_before=0; for p in $procs; do eval "before_$(echo "$p" | tr - _)=$(acct_ns "$db-$p")"; svc_before=$((svc_before + $(acct_ns "$db-$p"))); done
  for p in $procs; do eval "split_$(echo "$p" | tr - _)=\"$(eval "acct_split $db-$p \$pid_$(echo "$p" | tr - _)")\""; done
  pg_figures snapshot 0
  pg_before=$(acct_ns pg)
  if [ "$neighbours" -gt 0 ]; then neighbours_start "$neighbours"; echo "  $neighbours neighbour(s) burning CPU, each capped at $quota CPU"; fi
  if [ "$statements" = 1 ]; then sql_in postgres "SELECT pg_stat_statements_reset()" >/dev/null; fi
  for g in "$parent_cg"/worker-*/; do if [ -f "$g/cpu.stat" ]; then cp "$g/cpu.stat" "$work/$(basename "$g").stat0"; fi; done
  figures snapshot 0
  xact_sampler start
  start_s=$(date +%s.%N)
  dotnet "$cli_dll" club-import --server "$server" --key "$key" --club "$club" --poll 0.5 "$archive" >"$work/cli-$db.log" 2>&1 &
  cli=$!
  started_pids="$started_pids $cli"
  victim="" killed_at="" inflight=""
  while kill -0 "$cli" 2>/dev/null; do
    if [ "$do_kill" = 1 ] && [ -z "$victim" ]; then
      done_entries=$(sql_in "$db" "SELECT count(*) FROM runrecovery.club_import_entries")
      if [ $((done_entries * 100)) -ge $((total * kill_at)) ]; then
        # The victim's in-flight jobs are the ones read when it was chosen: read again after, a member job of 25
        # files (0.5 s) could have ended in between and the list come back empty although the kill landed mid-job.
        best=0
        w=1
        while [ $w -le "$n" ]; do
          ids=$(sql_in "$db" "SELECT coalesce(string_agg(id::text, ','), '') FROM ($(printf "$inflight_sql" "worker-$w")) x")
          c=0; [ -n "$ids" ] && c=$(echo "$ids" | tr ',' '\n' | wc -l)
          if [ "$c" -gt "$best" ]; then best=$c victim=worker-$w inflight=$ids; fi
          w=$((w + 1))
        done
        if [ -n "$victim" ]; then
          eval "vpid=\$pid_$(echo "$victim" | tr - _)"
          kill -9 "$vpid"
          killed_at=$(date +%s.%N)
          echo "killed $victim (pid $vpid) with kill -9 at $done_entries/$total entries; its member jobs in flight: $inflight"
        fi
      fi
    fi
    sleep 0.5
  done
  wait "$cli" || true
  end_s=$(date +%s.%N)
  tail -n 2 "$work/cli-$db.log" | sed 's/^/  cli: /'
  settle "$db" || failures=$((failures + 1))
  settled_s=$(date +%s.%N)
  figures snapshot 1
  xact_sampler stop
  neighbours_stop
  svc_after=0; for p in $procs; do svc_after=$((svc_after + $(acct_ns "$db-$p"))); done
  pg_after=$(acct_ns pg)
  pg_figures snapshot 1
  machine
  cpu_line="CPU-seconds, upload start -> every run scored: postgres $(python3 -c "print(f'{($pg_after - $pg_before) / 1e9:.1f}')")"
  for p in $procs; do
    eval "b=\$before_$(echo "$p" | tr - _)"
    cpu_line="$cpu_line, $p $(python3 -c "print(f'{($(acct_ns "$db-$p") - $b) / 1e9:.1f}')")"
  done
  echo "$cpu_line"
  hz=$(getconf CLK_TCK)
  for p in $procs; do
    eval "b=\$split_$(echo "$p" | tr - _); a=\$(acct_split $db-$p \$pid_$(echo "$p" | tr - _))"
    python3 -c "b, a = '$b'.split(), '$a'.split(); print(f'  $p: user {(int(a[0]) - int(b[0])) / $hz:.1f} s, system {(int(a[1]) - int(b[1])) / $hz:.1f} s, minor page faults {int(a[2]) - int(b[2])}, preemptions {int(a[3]) - int(b[3])}' if len(a) == 4 else '  $p: gone')"
  done
  figures diff
  pg_figures diff $((pg_after - pg_before))
  xact_sampler report
  echo "import job (expansion and spool, one process): $(import_job "$db") s"
  timeline "$db" "$start_s" "$settled_s"
  echo "jobs succeeded per server:"
  spread "$db"
  if [ "$do_kill" = 1 ]; then
    if [ -n "$inflight" ]; then
      echo "the killed worker's in-flight jobs (state, server, seconds after the kill):"
      sql_in "$db" "SELECT j.id || ' ' || s.name || ' ' || coalesce(split_part(s.data::jsonb ->> 'ServerId', ':', 1), '-') || ' '
          || round((extract(epoch FROM s.createdat) - $killed_at)::numeric, 1)
        FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE j.id IN ($inflight) ORDER BY j.id, s.id" | sed 's/^/  /'
    else
      echo "  FAIL no worker had a member job in flight when $kill_at % was reached; nothing was killed"
      failures=$((failures + 1))
    fi
  fi
  if [ -n "$n" ] && [ "$n" != 0 ]; then
    echo "throttling, upload start -> every run scored (periods throttled / periods, seconds throttled), per worker:"
    w=1
    while [ $w -le "$n" ]; do
      awk -v w="worker-$w" 'FNR == NR { b[$1] = $2; next } { a[$1] = $2 }
        END { printf "  %s %d/%d, %.1f s\n", w, a["nr_throttled"] - b["nr_throttled"], a["nr_periods"] - b["nr_periods"], (a["throttled_time"] - b["throttled_time"]) / 1e9 }' \
        "$work/worker-$w.stat0" "$parent_cg/worker-$w/cpu.stat"
      w=$((w + 1))
    done
  fi
  statements_report "$db"
  exactly_once "$db"
  digest "$db" "$work/digest-$db.txt"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$db" "$spec" "$do_kill" \
    "$(python3 -c "print(f'{$end_s - $start_s:.2f}')")" "$(python3 -c "print(f'{$settled_s - $start_s:.2f}')")" \
    $((svc_after - svc_before)) $((pg_after - pg_before)) >>"$results"
  for p in $procs; do eval "kill \$pid_$(echo "$p" | tr - _) 2>/dev/null || true"; done
  for p in $procs; do eval "wait \$pid_$(echo "$p" | tr - _) 2>/dev/null || true"; done
  # the next run's workers get fresh quota groups (and fresh throttling counters)
  for g in "$parent_cg"/worker-*/ "$parent_cg"/neighbour-*/; do [ -d "$g" ] && rmdir "$g" 2>/dev/null || true; done
  rm -f "$work"/worker-*.stat0
}

echo "scale-out: archive $members members x $runs runs = $total runs; workers capped at $quota CPU each" \
  "(cpu.cfs_quota_us $quota_us / cpu.cfs_period_us $period) under $parent_cg; api and PostgreSQL not capped;" \
  "planning as of $asof; invisibility timeout $invisibility; Hangfire workers per process ${WORKER_COUNT:-default};" \
  "runtime sized in the quota: $([ "$cap_at_start" = 1 ] && echo yes || echo "no (moved into the group after start)");" \
  "warm-up import first: $([ "$warmup" = 1 ] && echo "yes, $warm_members members x ${WARMUP_RUNS:-20} runs" || echo no);" \
  "environment of every service process (the image's): ${image_env:-none}; of the workers only (docker-compose.yml's worker service, WORKER_ENV): ${compose_worker_env:-}${WORKER_ENV:-};" \
  "service: $api_dll"
for n in $worker_counts; do
  case "$n" in
    *+*) import_run "1 api + ${n%%+*} capped worker(s) + ${n#*+} neighbour(s)" "w${n%%+*}n${n#*+}" "$n" 0 ;;
    *) import_run "1 api + $n capped worker(s)" "w$n" "$n" 0 ;;
  esac
done
if [ "$kill_enabled" = 1 ]; then
  import_run "1 api + $kill_workers capped workers, kill -9 at $kill_at %" "kill$kill_workers" "$kill_workers" 1
fi
if [ "$single_enabled" = 1 ]; then
  import_run "one --role all process, not capped" single 0 0
fi

echo "== final state (per activity: member, SHA-256, state, loads, recovery hours; open recommendations as of $asof)"
reference=""
for f in "$work"/digest-*.txt; do
  echo "  $(basename "$f" .txt | sed 's/^digest-//'): $(sha256sum <"$f" | cut -c1-16) ($(wc -l <"$f") lines)"
done
if [ "$single_enabled" = 1 ]; then reference="$work/digest-single.txt"; else reference=$(ls "$work"/digest-*.txt | head -n 1); fi
for f in "$work"/digest-*.txt; do
  [ "$f" = "$reference" ] && continue
  if cmp -s "$f" "$reference"; then
    echo "  ok   $(basename "$f" .txt) equals $(basename "$reference" .txt)"
  else
    echo "  FAIL $(basename "$f" .txt) differs from $(basename "$reference" .txt):"
    diff "$f" "$reference" | head -n 6 | cut -c1-200
    failures=$((failures + 1))
  fi
done

echo "== figures"
targets=$(TOTAL="$total" BASELINE="${BASELINE:-}" SCALE_2="${SCALE_2:-1.8}" SCALE_3="${SCALE_3:-}" SCALE_4="${SCALE_4:-3.2}" \
  OVERHEAD="${OVERHEAD:-15}" OVERHEAD_WORKERS="$overhead_workers" python3 - "$results" <<'PY'
import os, sys
total = int(os.environ["TOTAL"])
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print(f"{'run':<48} {'-> completed':>13} {'-> scored':>10} {'runs/s':>7} {'CPU-s/run (svc+pg)':>22}")
rate, cpu = {}, {}
for label, db, n, kill, completed, scored, svc, pg in rows:
    r = total / float(scored)
    c = (int(svc) + int(pg)) / 1e9 / total
    if kill == "0":
        rate[n], cpu[n] = r, c
    print(f"{label:<48} {float(completed):>11.1f} s {float(scored):>8.1f} s {r:>7.1f} "
          f"{c * 1000:>8.2f} ms ({int(svc) / 1e9:.1f} + {int(pg) / 1e9:.1f} s)")
missed = 0
base = rate.get("1") or (float(os.environ["BASELINE"]) if os.environ["BASELINE"] else None)
for n, key in (("2", "SCALE_2"), ("3", "SCALE_3"), ("4", "SCALE_4")):
    if n in rate and base and os.environ[key]:
        target = float(os.environ[key])
        ratio = rate[n] / base
        ok = ratio >= target
        missed += not ok
        print(f"  {'ok  ' if ok else 'MISS'} {n} workers: {ratio:.2f}x one capped worker (target >= {target}x)")
ow = os.environ["OVERHEAD_WORKERS"]
if "0" in cpu and ow in cpu:
    over = (cpu[ow] / cpu["0"] - 1) * 100
    ok = over < float(os.environ["OVERHEAD"])
    missed += not ok
    print(f"  {'ok  ' if ok else 'MISS'} coordination overhead, api + {ow} workers against one process: "
          f"{over:+.1f} % CPU-seconds per run (target < {os.environ['OVERHEAD']} %)")
print(f"missed={missed}")
PY
)
echo "$targets" | grep -v '^missed='
missed=$(echo "$targets" | sed -n 's/^missed=//p')
[ "$failures" = 0 ] && echo "all exactly-once and digest checks passed" || echo "$failures check(s) failed"
[ "${missed:-1}" = 0 ] && echo "all targets met" || echo "${missed:-?} target(s) missed"
[ "$failures" = 0 ] && [ "${missed:-1}" = 0 ]
