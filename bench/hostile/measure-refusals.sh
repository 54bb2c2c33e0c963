#!/usr/bin/env bash
# Hostile-input refusals against a real service, with the server's peak memory (docs/security.md, "Hostile input").
# Starts the API (Release build) with its embedded PostgreSQL in a throwaway folder on port ${PORT:-5140}, sends
# 100 MB of garbage named .fit three ways (Content-Length, chunked, one multipart part) and a 10,000-part form,
# and prints each answer with the server's peak RSS (VmHWM) after it. Stops everything it started on exit.
set -euo pipefail

PORT=${PORT:-5140}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rr-hostile.XXXXXX")
chmod 755 "$WORK"
BASE="http://127.0.0.1:$PORT"
PID=""

cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$PID" 2>/dev/null || true
  fi
  if [[ -f "$WORK/pg/postmaster.pid" ]]; then
    PG_CTL=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -1 || true)
    [[ -n "$PG_CTL" ]] && runuser -u postgres -- "$PG_CTL" -D "$WORK/pg" stop -m fast >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build "$ROOT/src/RunRecovery.Api" -c Release -v q -nologo >/dev/null
DLL="$ROOT/src/RunRecovery.Api/bin/Release/net10.0/RunRecovery.Api.dll"
(cd "$WORK" && exec dotnet "$DLL" --urls "$BASE" --RunRecovery:EmbeddedDatabase:DataDirectory="$WORK/pg" \
  --RunRecovery:Uploads:RateLimitPermits=0 --Logging:LogLevel:Default=Warning >"$WORK/service.log" 2>&1) &
PID=$!
for _ in $(seq 1 300); do
  curl -sf "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 0.5
done
# The subshell execs dotnet, so $PID is the service itself.

peak() { awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$PID/status"; }
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$PID/status"; }

KEY=$(curl -sf -H 'Content-Type: application/json' -d '{"name":"Hostile","email":"hostile@example.org","timeZone":"UTC"}' "$BASE/api/runners" | sed -E 's/.*"apiKey":"([^"]+)".*/\1/')
head -c $((100 * 1024 * 1024)) /dev/urandom >"$WORK/garbage.fit"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); service started: RSS $(rss), peak $(peak)"

run() { # label, curl arguments…
  local label=$1; shift
  local start end out
  start=$(date +%s.%N)
  out=$(curl -s -o /dev/null -w '%{http_code} sent=%{size_upload}' -H "Authorization: Bearer $KEY" "$@" "$BASE/api/activities" || echo "connection closed")
  end=$(date +%s.%N)
  printf '%-48s %-28s %5.2f s   RSS %s, peak %s\n' "$label" "$out" "$(echo "$end - $start" | bc)" "$(rss)" "$(peak)"
}

run "100 MB raw, Content-Length (Expect: 100-continue)" -H 'Content-Type: application/vnd.ant.fit' --data-binary @"$WORK/garbage.fit"
run "100 MB raw, Content-Length, no Expect" -H 'Content-Type: application/vnd.ant.fit' -H 'Expect:' --data-binary @"$WORK/garbage.fit"
run "100 MB raw, chunked" -H 'Content-Type: application/vnd.ant.fit' -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/garbage.fit"
run "100 MB as one multipart part" -F "files=@$WORK/garbage.fit;type=application/vnd.ant.fit"
FORM=()
for i in $(seq 1 10000); do FORM+=(-F "f$i=@$WORK/one.fit"); done
printf 'x' >"$WORK/one.fit"
run "10,000 files in one form" "${FORM[@]}"
