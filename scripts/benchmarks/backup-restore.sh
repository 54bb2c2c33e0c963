#!/bin/sh
# Backup and export benchmark: populates a database through the real service (a club archive of MEMBERS x RUNS
# synthetic FIT/GPX runs, made by bench/club-import/make-archive.cs and imported with the CLI, then scored by the
# job server); claims the first member's account and downloads their export (GET /api/runners/me/export: size,
# time, entries, and the service's peak memory before and after); then runs scripts/backup-restore.sh against the
# database and prints its size with the script's dump/restore times and dump size. Everything runs in its own folder under ${TMPDIR:-/tmp} with its own
# PostgreSQL cluster (port 5106, run as the postgres user) and release service (port 5107), started by bench/lib.sh;
# both are stopped on exit.
# Needs the .NET SDK, PostgreSQL server binaries, curl and python3. Run as root or as a user that can runuser.
# Usage: scripts/benchmarks/backup-restore.sh          MEMBERS=1 RUNS=1000 (default: one runner, 1,000 activities)
set -eu
cd "$(dirname "$0")/../.."
members="${MEMBERS:-1}"
runs="${RUNS:-1000}"
pg_port=5106
port=5107
server="http://127.0.0.1:$port"
work=$(mktemp -d "${TMPDIR:-/tmp}/runrecovery-backup-bench.XXXXXX")
chmod 755 "$work"
. bench/lib.sh
[ -d "$pg_bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql"; exit 2; }
trap stop_started EXIT
trap 'exit 130' INT TERM

pg_create
dotnet run bench/club-import/make-archive.cs "$work/club.zip" "$members" "$runs"
release_build src/RunRecovery.Api src/RunRecovery.Cli
service_start

key=$(curl -fs -X POST "$server/api/runners" -H 'content-type: application/json' \
  -d '{"name":"Coach","email":"coach@backup.example","timeZone":"UTC"}' | json "['apiKey']")
club=$(curl -fs -X POST "$server/api/clubs" -H "authorization: Bearer $key" -H 'content-type: application/json' \
  -d '{"name":"Backup Harriers"}' | json "['id']")
m=1
while [ $m -le "$members" ]; do
  id=$(printf 'm%03d' $m)
  code=$(curl -fs -X POST "$server/api/clubs/$club/managed-runners" -H "authorization: Bearer $key" -H 'content-type: application/json' \
    -d "{\"name\":\"Member $id\",\"externalId\":\"$id\"}" | json "['claimCode']")
  [ $m -ne 1 ] || first_code="$code"
  m=$((m + 1))
done
dotnet "$cli_dll" club-import --server "$server" --key "$key" --club "$club" --poll 0.5 "$work/club.zip" \
  >"$work/cli.log" 2>&1 || { cat "$work/cli.log"; exit 1; }
tail -n 2 "$work/cli.log"

i=0
until [ "$(sql "SELECT count(*) FROM runrecovery.runner_scoring WHERE job_pending OR requested_version <> scored_version")" = 0 ]; do
  i=$((i + 1)); [ $i -lt 600 ] || { echo "scoring did not finish in 5 minutes"; exit 1; }
  sleep 0.5
done
member_key=$(curl -fs -X POST "$server/api/clubs/claim" -H 'content-type: application/json' -d "{\"code\":\"$first_code\"}" | json "['apiKey']")
rss_before=$(awk '/VmRSS/ {print $2}' /proc/$service/status)
hwm_before=$(awk '/VmHWM/ {print $2}' /proc/$service/status)
export_stats=$(curl -fs -o "$work/export.zip" -w '%{size_download} %{time_total}' "$server/api/runners/me/export" -H "authorization: Bearer $member_key")
hwm_after=$(awk '/VmHWM/ {print $2}' /proc/$service/status)
entries=$(python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(len(z.namelist()), z.testzip() or 'crc-ok')" "$work/export.zip")
kill "$service"; wait "$service" 2>/dev/null || true

machine
echo "database: $(sql "SELECT count(*) FROM runrecovery.activities") activities, $(sql "SELECT pg_size_pretty(sum(length(content))) FROM runrecovery.activity_contents") of files, $(sql "SELECT pg_size_pretty(pg_database_size('runrecovery'))") on disk"
echo "export of member m001 ($runs activities): $(echo "$export_stats" | awk '{printf "%.1f MB in %.1f s", $1 / 1048576, $2}'), $entries (entries, zip check); service RSS before $((rss_before / 1024)) MB, peak RSS before $((hwm_before / 1024)) MB, after $((hwm_after / 1024)) MB"
PG_BIN="$pg_bin" scripts/backup-restore.sh "$connection"
