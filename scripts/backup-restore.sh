#!/usr/bin/env bash
# Backs up a RunRecovery database with pg_dump -Fc, restores it into a fresh database with pg_restore, and proves
# the restore: the row count of every table in the runrecovery and hangfire schemas, and a checksum of every
# activity file's bytes, must be equal in the source and the restore. Prints the comparison; exits non-zero on any
# difference. See docs/reliability.md, "Backups".
#
# Usage: scripts/backup-restore.sh [options] [CONNECTION]
#   CONNECTION       the source database: an Npgsql string as the service uses ("Host=…;Port=…;Database=…;
#                    Username=…;Password=…"), a libpq URI (postgresql://user@host:port/db) or libpq keywords
#                    ("host=… port=… dbname=… user=…"). Without it, PGHOST, PGPORT, PGDATABASE, PGUSER and
#                    PGPASSWORD (or ~/.pgpass) are used, as by psql.
#   --target NAME    the database to restore into; created by the script and must not exist (default:
#                    runrecovery_restore_<UTC time>_<pid>). The connecting user needs CREATEDB.
#   --keep           keep the restored database (default: drop it after a successful comparison; it is always
#                    kept after a mismatch, for inspection).
#   --dump-file PATH write the dump there and keep it (default: a temporary file, deleted on exit).
#   --verify-only NAME  no dump or restore: compare the source with the existing database NAME.
#
# Exit codes: 0 the restore matches the source; 1 it does not; 2 usage, connection, dump or restore error.
# pg_dump, pg_restore and psql come from PG_BIN if set, else PATH, else the newest /usr/lib/postgresql/*/bin.
# The source's counts are taken inside the very snapshot pg_dump dumps (an exported snapshot held open by the
# script), so a live database that keeps changing still compares equal.
set -u -o pipefail

target=""
keep=0
dump_file=""
verify_only=""
connection=""

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
fail() { echo "backup-restore: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
        --target) [ $# -ge 2 ] || usage; target="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --dump-file) [ $# -ge 2 ] || usage; dump_file="$2"; shift 2 ;;
        --verify-only) [ $# -ge 2 ] || usage; verify_only="$2"; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "backup-restore: unknown option $1" >&2; usage ;;
        *) [ -z "$connection" ] || usage; connection="$1"; shift ;;
    esac
done

# --- tools -------------------------------------------------------------------------------------------------
find_bin() {
    if [ -n "${PG_BIN:-}" ]; then
        [ -x "$PG_BIN/$1" ] && { echo "$PG_BIN/$1"; return; }
    fi
    if command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
        return
    fi
    # shellcheck disable=SC2012 # version-sorted directory names, no odd characters
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/$1" ] && { echo "$dir/$1"; return; }
    return 1
}
PSQL=$(find_bin psql) || fail "psql not found (set PG_BIN, or install the PostgreSQL client)"
PG_DUMP=$(find_bin pg_dump) || fail "pg_dump not found (set PG_BIN, or install the PostgreSQL client)"
PG_RESTORE=$(find_bin pg_restore) || fail "pg_restore not found (set PG_BIN, or install the PostgreSQL client)"

# --- connections ---------------------------------------------------------------------------------------------
# Everything is turned into "how to reach database X": for Npgsql strings and the PG* environment, the server
# settings go into PG* variables and X is just "dbname=X"; libpq URIs and keyword strings are rewritten.
source_db=""
kind="env"
case "$connection" in
    "") source_db="${PGDATABASE:-}"; [ -n "$source_db" ] || fail "give a connection string or set PGDATABASE" ;;
    postgres://*|postgresql://*)
        kind="uri"
        source_db=$(printf '%s' "$connection" | sed -E 's#^[a-z]+://[^/]*/?([^?]*).*$#\1#')
        ;;
    *dbname=*) kind="keywords"; source_db=$(printf '%s' "$connection" | sed -nE 's/.*dbname=([^ ]+).*/\1/p') ;;
    *\;*|[Hh]ost=*|[Ss]erver=*)
        kind="env"
        IFS=';' read -r -a pairs <<< "$connection"
        for pair in "${pairs[@]}"; do
            name=$(printf '%s' "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
            value="${pair#*=}"
            case "$name" in
                host|server) export PGHOST="$value" ;;
                port) export PGPORT="$value" ;;
                database|db) source_db="$value" ;;
                username|user|userid|uid) export PGUSER="$value" ;;
                password|pwd) export PGPASSWORD="$value" ;;
                sslmode) export PGSSLMODE=$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]') ;;
                *) ;; # pooling, timeouts…: not libpq settings
            esac
        done
        ;;
    *) fail "cannot read the connection string (give Host=…;Database=…, postgresql://…/db or host=… dbname=…)" ;;
esac
[ -n "$source_db" ] || fail "the connection string names no database"
export PGAPPNAME="runrecovery-backup-restore"

conn_for() { # the libpq connection argument for database $1
    case "$kind" in
        env) printf 'dbname=%s' "$1" ;;
        keywords) printf '%s dbname=%s' "$connection" "$1" ;;
        uri) printf '%s' "$connection" | sed -E "s#^([a-z]+://[^/?]*)(/[^?]*)?#\\1/$1#" ;;
    esac
}
q() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -d "$(conn_for "$1")" "${@:2}"; }

q "$source_db" -c "SELECT 1" >/dev/null || fail "cannot connect to the source database $source_db"

# --- what is compared ----------------------------------------------------------------------------------------
# One line per table, "schema.table|rows", then "activity-files|<count>:<md5 of the md5s ordered by activity id>".
read -r -d '' COUNT_SQL <<'SQL'
SELECT format('SELECT %L || ''|'' || count(*) FROM %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('runrecovery', 'hangfire') AND c.relkind IN ('r', 'p')
ORDER BY n.nspname, c.relname
\gexec
SELECT 'activity-files|' || count(*) || ':' || coalesce(md5(string_agg(md5(content), '' ORDER BY activity_id)), '-')
FROM runrecovery.activity_contents;
SQL

work=$(mktemp -d "${TMPDIR:-/tmp}/runrecovery-backup.XXXXXX") || fail "cannot make a temporary folder"
snapshot_pid=""
cleanup() {
    if [ -n "$snapshot_pid" ]; then
        kill "$snapshot_pid" 2>/dev/null
        wait "$snapshot_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

now_ms() { date +%s%3N; }
seconds_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

if [ -z "$verify_only" ]; then
    [ -n "$target" ] || target="runrecovery_restore_$(date -u +%Y%m%d%H%M%S)_$$"
    case "$target" in *[!a-z0-9_]*) fail "--target must be lower-case letters, digits and _" ;; esac
    [ -n "$dump_file" ] || dump_file="$work/runrecovery.dump"

    # Hold a REPEATABLE READ transaction open and export its snapshot: pg_dump dumps exactly that snapshot and
    # the source's counts are read in it too.
    mkfifo "$work/snapshot.in" "$work/snapshot.out"
    "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -d "$(conn_for "$source_db")" <"$work/snapshot.in" >"$work/snapshot.out" 2>"$work/snapshot.err" &
    snapshot_pid=$!
    exec {snap_in}>"$work/snapshot.in"
    echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();" >&"$snap_in"
    exec {snap_out}<"$work/snapshot.out"
    read -r -t 30 snapshot <&"$snap_out" || fail "could not export a snapshot: $(cat "$work/snapshot.err")"

    started=$(now_ms)
    "$PG_DUMP" -Fc --snapshot="$snapshot" -f "$dump_file" -d "$(conn_for "$source_db")" || fail "pg_dump failed"
    dump_seconds=$(seconds_since "$started")
    { printf 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\nSET TRANSACTION SNAPSHOT %s;\n' "'$snapshot'"; printf '%s\n' "$COUNT_SQL"; echo "COMMIT;"; } \
        | q "$source_db" -f - >"$work/source.txt" || fail "could not count the source's rows"
    echo "COMMIT;" >&"$snap_in"
    exec {snap_in}>&- {snap_out}<&-
    wait "$snapshot_pid"
    snapshot_pid=""

    q "$source_db" -c "CREATE DATABASE \"$target\"" || fail "could not create database $target (the user needs CREATEDB; the name must be new)"
    started=$(now_ms)
    "$PG_RESTORE" --exit-on-error --no-owner --no-privileges -d "$(conn_for "$target")" "$dump_file" || fail "pg_restore into $target failed (database kept for inspection)"
    restore_seconds=$(seconds_since "$started")
    dump_bytes=$(wc -c <"$dump_file" | tr -d ' ')
    echo "dump: $dump_bytes bytes in ${dump_seconds} s (pg_dump -Fc, $("$PG_DUMP" --version | awk '{print $3}')); restore into $target: ${restore_seconds} s"
else
    target="$verify_only"
    printf '%s\n' "$COUNT_SQL" | q "$source_db" -f - >"$work/source.txt" || fail "could not count the source's rows"
fi

printf '%s\n' "$COUNT_SQL" | q "$target" -f - >"$work/restored.txt" || fail "could not count the rows of $target"

# --- the comparison --------------------------------------------------------------------------------------------
mismatches=$(awk -F'|' -v source_db="$source_db" -v target="$target" '
    FNR == NR { source[$1] = $2; order[++n] = $1; next }
    { restored[$1] = $2; if (!($1 in source)) order[++n] = $1 }
    END {
        printf "%-36s %20s %20s  %s\n", "table", "source", "restored", "result"
        bad = 0
        for (i = 1; i <= n; i++) {
            t = order[i]
            s = (t in source) ? source[t] : "(missing)"
            r = (t in restored) ? restored[t] : "(missing)"
            ok = (s == r) ? "ok" : "MISMATCH"
            if (ok != "ok") bad++
            if (t == "activity-files") {
                split(s, sp, ":"); split(r, rp, ":")
                printf "%-36s %20s %20s  %s\n", "activity-files/count", sp[1], rp[1], (sp[1] == rp[1]) ? "ok" : "MISMATCH"
                printf "%-36s %20s %20s  %s\n", "activity-files/md5-of-md5s", substr(sp[2], 1, 16), substr(rp[2], 1, 16), (sp[2] == rp[2]) ? "ok" : "MISMATCH"
            } else {
                printf "%-36s %20s %20s  %s\n", t, s, r, ok
            }
        }
        print bad > "/dev/stderr"
    }' "$work/source.txt" "$work/restored.txt" 2>"$work/bad.txt")
echo "$mismatches"
bad=$(cat "$work/bad.txt")

if [ "$bad" != "0" ]; then
    echo "RESULT: MISMATCH in $bad line(s); $target kept for inspection" >&2
    exit 1
fi

if [ -z "$verify_only" ] && [ "$keep" -eq 0 ]; then
    q "$source_db" -c "DROP DATABASE \"$target\"" || fail "the restore matched but $target could not be dropped"
    echo "RESULT: OK: the restore matches the source ($target dropped; --keep keeps it)"
else
    echo "RESULT: OK: $target matches the source"
fi
exit 0
