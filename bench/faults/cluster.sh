# Sourced by bench/faults/run.sh and bench/soak/run.sh: a throwaway PostgreSQL cluster the script controls
# (initdb, start, stop) and the release service on it. PostgreSQL refuses root, so as root it runs as postgres.
# Needs: $work (a folder every user can traverse), $pg_port, $port. Sets: $connection, $service (pid).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pg_bin" ] || pg_bin=$(dirname "$(command -v pg_ctl)")
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_create() {
  mkdir -p "$work/pg"
  head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/password"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$work"   # the server writes its log next to its data
  as_postgres "$pg_bin/initdb" -D "$work/pg" -U runrecovery --pwfile="$work/password" --auth=scram-sha-256 -E UTF8 --locale=C >"$work/initdb.log" 2>&1
  printf "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nport = %s\nmax_connections = 200\n" "$pg_port" >>"$work/pg/postgresql.conf"
  pg_start
  connection="Host=127.0.0.1;Port=$pg_port;Database=runrecovery;Username=runrecovery;Password=$(cat "$work/password")"
  PGPASSWORD=$(cat "$work/password") psql -q -h 127.0.0.1 -p "$pg_port" -U runrecovery -d postgres -c "CREATE DATABASE runrecovery" >/dev/null
}
pg_start() { as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -t 60 -s start; }
pg_stop() { as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -w -t 60 -s stop -m "${1:-fast}"; }
sql() { PGPASSWORD=$(cat "$work/password") psql -qtA -h 127.0.0.1 -p "$pg_port" -U runrecovery -d runrecovery -c "$1"; }

# service_start [extra args...]: the release build, role all, on $port, against $connection.
service_start() {
  dotnet src/RunRecovery.Api/bin/Release/net10.0/RunRecovery.Api.dll --urls "http://127.0.0.1:$port" \
    --ConnectionStrings:RunRecovery="$connection" \
    --RunRecovery:Imports:StorageDirectory="$work/imports" \
    --RunRecovery:Uploads:RateLimitPermits=0 \
    --RunRecovery:HangfireDashboard=Off \
    --Logging:LogLevel:Default=Warning "$@" >"$work/service.log" 2>&1 &
  service=$!
  i=0
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -lt 240 ] || { echo "service did not become ready; see $work/service.log"; tail -20 "$work/service.log"; return 1; }
    sleep 0.5
  done
}

# Stops what this script started: the service, then PostgreSQL; removes the folder unless KEEP=1.
cleanup() {
  [ -n "${service:-}" ] && { kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }
  [ -f "$work/pg/postmaster.pid" ] && pg_stop fast >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}

machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"; }
