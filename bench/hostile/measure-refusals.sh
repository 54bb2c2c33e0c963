#!/usr/bin/env bash
# Hostile-input refusals against a real service, with the server's peak memory (docs/security.md, "Hostile input").
# Starts the API (Release build, bench/lib.sh) with its embedded PostgreSQL in a throwaway folder on port ${PORT:-5140}, sends
# 100 MB of garbage named .fit three ways (Content-Length, chunked, one multipart part) and a 10,000-part form,
# and prints each answer with the server's peak RSS (VmHWM) after it. Stops everything it started on exit.
set -euo pipefail

PORT=${PORT:-5140}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rr-hostile.XXXXXX")
chmod 755 "$WORK"
BASE="http://127.0.0.1:$PORT"
work=$WORK port=$PORT
. bench/lib.sh
trap stop_started EXIT

release_build src/RunRecovery.Api
service_start
PID=$service

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
