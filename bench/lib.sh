# bench/lib.sh: what the benchmark scripts share (POSIX sh; sourced, never run). From the repository root:
#   work=$(mktemp -d ...); . bench/lib.sh
# Then: release_build, pg_create / pg_start / pg_stop / sql (a throwaway PostgreSQL cluster in $work/pg that this
# script controls), service_start / service_spawn + wait_ready (the release service, role all by default, with the
# benchmark settings), machine, json, and stop_started (trap it on EXIT: stops everything this script started).
# PostgreSQL refuses to run as root, so as root its commands run as the postgres user; $work must be traversable
# by every user (chmod 755).
# Settings read: $work (required), $pg_port (for pg_create, default 5199), $port (for service_start, default 5198),
# $imports_dir (default $work/imports), KEEP=1 (keep $work after stop_started). Its own variables start with rr_.

api_dll=src/RunRecovery.Api/bin/Release/net10.0/RunRecovery.Api.dll
cli_dll=src/RunRecovery.Cli/bin/Release/net10.0/runrecovery.dll
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
started_pids=""

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# release_build PROJECT...: dotnet build -c Release, quietly (src/RunRecovery.Api, src/RunRecovery.Cli, bench/load/...).
release_build() {
  for project in "$@"; do
    dotnet build -c Release "$project" -v quiet -nologo >/dev/null || { echo "build of $project failed"; return 1; }
  done
}

# pg_create: initdb in $work/pg (user runrecovery, a generated password, scram-sha-256, no Unix socket), start it on
# $pg_port and create the database runrecovery. Sets $connection (an Npgsql connection string).
pg_create() {
  pg_port="${pg_port:-5199}"
  mkdir -p "$work/pg"
  head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/password"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$work"   # the server writes its log next to its data
  as_postgres "$pg_bin/initdb" -D "$work/pg" -U runrecovery --pwfile="$work/password" --auth=scram-sha-256 -E UTF8 --locale=C >"$work/initdb.log" 2>&1
  printf "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nport = %s\nmax_connections = 300\n" "$pg_port" >>"$work/pg/postgresql.conf"
  pg_start
  connection="Host=127.0.0.1;Port=$pg_port;Database=runrecovery;Username=runrecovery;Password=$(cat "$work/password")"
  sql_in postgres "CREATE DATABASE runrecovery" >/dev/null
}
pg_start() { as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -t 60 -s start; }
pg_stop() { as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -w -t 60 -s stop -m "${1:-fast}"; }

# sql_in DATABASE QUERY / sql QUERY (database runrecovery): one query on the throwaway cluster, unaligned output.
sql_in() { PGPASSWORD=$(cat "$work/password") "$pg_bin/psql" -X -qtA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U runrecovery -d "$1" -c "$2"; }
sql() { sql_in runrecovery "$1"; }

# service_spawn NAME PORT [ARGS...]: the release service in the background, its log in $work/NAME.log, with the
# benchmark settings (upload rate limit and Hangfire dashboard off, warnings only, club-import spool in
# $imports_dir, default $work/imports: processes of one database must share it). The database is $connection when
# set (pg_create), else the service's embedded cluster in $work/NAME-postgres. Sets $service to its pid. $rr_wrap,
# when set, is a command (words) that execs the rest, e.g. into a cgroup before the runtime starts; the pid stays.
service_spawn() {
  rr_name=$1 rr_port=$2
  shift 2
  if [ -n "${connection:-}" ]; then
    set -- --ConnectionStrings:RunRecovery="$connection" "$@"
  else
    set -- --RunRecovery:EmbeddedDatabase:DataDirectory="$work/$rr_name-postgres" "$@"
  fi
  ${rr_wrap:-} dotnet "$api_dll" --urls "http://127.0.0.1:$rr_port" \
    --RunRecovery:Imports:StorageDirectory="${imports_dir:-$work/imports}" \
    --RunRecovery:Uploads:RateLimitPermits=0 \
    --RunRecovery:HangfireDashboard=Off \
    --Logging:LogLevel:Default=Warning "$@" >"$work/$rr_name.log" 2>&1 &
  service=$!
  started_pids="$started_pids $service"
}

# wait_ready PORT PID LOG: until /health/ready answers 200 (at most 2 minutes); fails early if PID exits.
wait_ready() {
  rr_tries=0
  until curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; do
    kill -0 "$2" 2>/dev/null || { echo "the service (pid $2) exited before it was ready; see $3:"; tail -n 20 "$3"; return 1; }
    rr_tries=$((rr_tries + 1))
    [ $rr_tries -lt 240 ] || { echo "the service did not become ready in 2 minutes; see $3:"; tail -n 20 "$3"; return 1; }
    sleep 0.5
  done
}

# service_start [ARGS...]: service_spawn "service" on $port, then wait_ready. The common case.
service_start() {
  port="${port:-5198}"
  service_spawn service "$port" "$@"
  wait_ready "$port" "$service" "$work/service.log"
}

# stop_started: stops every service this script spawned, then its PostgreSQL; removes $work unless KEEP=1.
stop_started() {
  for rr_pid in $started_pids; do kill "$rr_pid" 2>/dev/null || true; done
  for rr_pid in $started_pids; do wait "$rr_pid" 2>/dev/null || true; done
  started_pids=""
  if [ -f "$work/pg/postmaster.pid" ]; then pg_stop fast >/dev/null 2>&1 || true; fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}

machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"; }

# json EXPR: reads JSON on stdin and prints the Python expression applied to it, e.g. json "['apiKey']".
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
