#!/usr/bin/env bash
# Issue 19 points 6 and 7 against a real Release service (docs/security.md, "Measured: the perimeter cases").
# For each case: the answers, that nothing was stored (row counts of every table a case could write, and the Hangfire
# job count), the CPU-seconds per request of the service and its PostgreSQL together, the service's peak RSS above
# what it had before the case, and /health/ready afterwards. CPU is shown as measured and net of what the idle
# service and database burn in the same time (recurring jobs, Hangfire's polling), measured for 20 s once warm. Exits 1 when an answer, a stored count or health is
# wrong, or a request costs 1 CPU-second or more, or the peak passes 64 MB above the baseline.
#
# The service (bench/lib.sh: release build, role all) runs on a throwaway PostgreSQL cluster that this script starts,
# trusting 127.0.0.2 as its proxy: curl bound to 127.0.0.2 (--interface) is that listed proxy, curl from 127.0.0.1
# with X-Forwarded-For is a proxy nobody listed. Body deadlines are shortened so the slow-body cases finish quickly.
# Phase 2 restarts the service with private webhook addresses allowed, to compare delivery errors for a closed port
# and an open one. Stops everything it started on exit. Usage: bench/hostile/perimeter.sh   (PORT, PG_PORT to move)
set -euo pipefail

PORT=${PORT:-5143}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rr-perimeter.XXXXXX")
chmod 755 "$WORK"
BASE="http://127.0.0.1:$PORT"
work=$WORK port=$PORT pg_port=${PG_PORT:-5144}
. bench/lib.sh
trap stop_started EXIT

SETTINGS=(
  --RunRecovery:ForwardedHeaders:KnownProxies:0=127.0.0.2
  --RunRecovery:Https:Redirect=Off
  --RunRecovery:HangfireDashboard=Loopback
  --RunRecovery:Diagnostics:Runtime=true
  --RunRecovery:Http:RequestBodyTimeout=00:00:10
  --RunRecovery:Http:LargeRequestBodyTimeout=00:00:20
)
release_build src/RunRecovery.Api
pg_create
service_start "${SETTINGS[@]}"
PID=$service
TICK=$(getconf CLK_TCK)
FAILED=0

# CPU ticks of the service, and of PostgreSQL (the postmaster with its reaped children, plus its live backends).
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk -v all="${2:-}" '{print $12 + $13 + (all ? $14 + $15 : 0)}'; }
pg_ticks() {
  local master total
  master=$(head -n 1 "$work/pg/postmaster.pid")
  total=$(ticks "$master" all)
  for stat in /proc/[0-9]*/stat; do
    [ "$(sed 's/^.*) //' "$stat" 2>/dev/null | awk '{print $2}')" = "$master" ] || continue
    total=$((total + $(ticks "$(basename "$(dirname "$stat")")" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
stored() {
  sql "SELECT (SELECT count(*) FROM runrecovery.runners) || ' ' || (SELECT count(*) FROM runrecovery.activities) || ' ' ||
              (SELECT count(*) FROM runrecovery.activity_contents) || ' ' || (SELECT count(*) FROM runrecovery.checkins) || ' ' ||
              (SELECT count(*) FROM runrecovery.club_imports) || ' ' ||
              (SELECT count(*) FROM runrecovery.runner_settings WHERE webhook_url IS NOT NULL) || ' ' ||
              (SELECT count(*) FROM hangfire.job j WHERE NOT EXISTS
                 (SELECT 1 FROM hangfire.jobparameter p WHERE p.jobid = j.id AND p.name = 'RecurringJobId'))"
}

# case LABEL EXPECTED_STATUSES EXPECTED_NEW_RUNNERS COMMAND...: runs COMMAND (which prints one status per request),
# then prints and checks the line for the table in docs/security.md.
case_() {
  local label=$1 expected=$2 runners=$3
  shift 3
  local before cpu0 pg0 rss0 t0 statuses requests cpu net peak after health
  before=$(stored)
  cpu0=$(ticks "$PID"); pg0=$(pg_ticks); rss0=$(kb "$PID" VmRSS); t0=$(date +%s.%N)
  echo 5 >"/proc/$PID/clear_refs" # resets VmHWM to the current RSS (Linux ≥ 4.0)
  statuses=$("$@" | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}' | sed 's/ $//')
  requests=$(echo "$statuses" | tr ' ' '\n' | awk -F'×' '{n += $1} END {print n}')
  cpu=$(echo "scale=4; ($(ticks "$PID") - $cpu0 + $(pg_ticks) - $pg0) / $TICK / $requests" | bc)
  local seconds
  seconds=$(echo "$(date +%s.%N) - $t0" | bc)
  peak=$(( ($(kb "$PID" VmHWM) - rss0) / 1024 ))
  after=$(stored)
  health=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")
  local verdict=ok
  [ "$statuses" = "$expected" ] || verdict="ANSWERS (expected $expected)"
  local new_runners=$(( $(echo "$after" | cut -d' ' -f1) - $(echo "$before" | cut -d' ' -f1) ))
  [ "$new_runners" = "$runners" ] && [ "$(echo "$after" | cut -d' ' -f2-)" = "$(echo "$before" | cut -d' ' -f2-)" ] \
    || verdict="$verdict STORED ($before -> $after)"
  [ "$health" = 200 ] || verdict="$verdict HEALTH $health"
  [ "$(echo "$cpu < 1" | bc)" = 1 ] || verdict="$verdict CPU"
  [ "$peak" -lt 64 ] || verdict="$verdict MEMORY"
  echo "$label|$statuses|$cpu|$seconds|$requests|$peak|$health|$verdict" >>"$WORK/cases"
  echo "  done: $label: $statuses, $verdict" >&2
  [ "$verdict" = ok ] || FAILED=1
}
# report: every recorded case with its CPU net of the idle service and database over the case's duration.
report() {
  while IFS='|' read -r label statuses cpu seconds requests peak health verdict; do
    net=$(echo "scale=4; x = $cpu - $IDLE * $seconds / $requests; if (x < 0) x = 0; x" | bc)
    printf '%-62s %-22s %7.3f CPU-s/req (net of idle %6.3f)  peak +%3d MB  health %s  %s\n' "$label" "$statuses" "$cpu" "$net" "$peak" "$health" "$verdict"
  done <"$WORK/cases"
  : >"$WORK/cases"
}
idle_rate() { # SECONDS: CPU-seconds per second of the idle service and database over that many seconds
  local c0 p0
  c0=$(ticks "$PID"); p0=$(pg_ticks); sleep "$1"
  echo "scale=5; ($(ticks "$PID") - $c0 + $(pg_ticks) - $p0) / $TICK / $1" | bc
}

status() { curl -s -o /dev/null -w '%{http_code}\n' "$@" || echo 000; }
key() { echo "rr_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | cut -c1-43)"; }
signup() { # name [curl options…]
  local name=$1
  shift
  curl -s -H 'Content-Type: application/json' -d "{\"name\":\"$name\",\"email\":\"$name@example.org\",\"timeZone\":\"UTC\"}" "$@" "$BASE/api/runners"
}
VALID=$(signup valid | json "['apiKey']")
LISTED=(--interface 127.0.0.2 -H 'X-Forwarded-Proto: https')

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); service RSS $(( $(kb "$PID" VmRSS) / 1024 )) MB after start"

hangfire_unlisted() { for _ in $(seq 20); do status -H 'X-Forwarded-For: 203.0.113.7' "$BASE/hangfire"; done; }
case_ "6  /hangfire via an unlisted proxy on loopback (×20)" "20×401" 0 hangfire_unlisted
hangfire_listed() { for _ in $(seq 20); do status "${LISTED[@]}" -H 'X-Forwarded-For: 203.0.113.7' "$BASE/hangfire"; done; }
case_ "6  /hangfire via the listed proxy for a remote client (×20)" "20×401" 0 hangfire_listed
runtime_unlisted() { for _ in $(seq 20); do status -H 'X-Forwarded-For: 203.0.113.7' "$BASE/health/runtime?collect=true"; done; }
case_ "6  /health/runtime?collect=true via an unlisted proxy (×20)" "20×404" 0 runtime_unlisted
bad_keys_unlisted() { for _ in $(seq 60); do status -H "Authorization: Bearer $(key)" -H 'X-Forwarded-For: 203.0.113.7' "$BASE/api/runners/me"; done; }
case_ "6  bad keys via an unlisted proxy: limited, not exempt (×60)" "30×401 30×429" 0 bad_keys_unlisted

nat() { # 40 bad keys from 198.51.100.9, then 20 requests with a valid key and one more bad key from the same address
  for _ in $(seq 40); do status "${LISTED[@]}" -H 'X-Forwarded-For: 198.51.100.9' -H "Authorization: Bearer $(key)" "$BASE/api/runners/me"; done
  for _ in $(seq 20); do status "${LISTED[@]}" -H 'X-Forwarded-For: 198.51.100.9' -H "Authorization: Bearer $VALID" "$BASE/api/runners/me"; done
  status "${LISTED[@]}" -H 'X-Forwarded-For: 198.51.100.9' -H "Authorization: Bearer $(key)" "$BASE/api/runners/me"
}
case_ "7  one NAT address: 40 bad keys, 20 valid, 1 bad" "20×200 30×401 11×429" 0 nat

flood() { for i in $(seq 100); do signup "flood$i" -o /dev/null -w '%{http_code}\n' "${LISTED[@]}" -H 'X-Forwarded-For: 198.51.100.50'; done; }
case_ "7  sign-up flood from one address (×100)" "20×201 80×429" 20 flood

webhooks() {
  for host in 192.0.2.10 '[::7f00:1]' '[::ffff:127.0.0.1]' '[64:ff9b::a9fe:a9fe]' '[2002:a00:1::1]' 2130706433 198.18.0.1 '[fd00::1]'; do
    status -X PUT -H "Authorization: Bearer $VALID" -H 'Content-Type: application/json' -d "{\"webhookUrl\":\"https://$host/hook\"}" "$BASE/api/runners/me/profile"
  done
}
case_ "7  webhook URLs at special-purpose addresses (×8)" "8×400" 0 webhooks

head -c 900000 /dev/zero | tr '\0' 'a' | sed 's/^/{"name":"/' >"$WORK/slow.json" # under the 1 MB JSON limit
slow() { status -H 'Content-Type: application/json' -H 'Expect:' --limit-rate "$1" --data-binary @"$WORK/slow.json" "$BASE/api/runners"; }
# Warm-up, not a case: the 4 KB/s trickle below cost 1.06 CPU-s (service and database) in one run; in side-by-side
# runs the same body at 8-16 KB/s cost the service 1.1-1.45 CPU-s the first time after start and 0.13-0.38 after. A
# first-use cost (JIT) or a background one (a recurring job) that a single request can land on: the warm-up pays the
# first-use part; its cost is printed and kept out of the figures.
c0=$(ticks "$PID")
warm=$(slow 4000)
echo "warm-up (not a case): first trickled JSON body since start: $warm, $(echo "scale=3; ($(ticks "$PID") - $c0) / $TICK" | bc) CPU-s of the service"
slow_below() { slow 300; }
case_ "7  900 KB JSON body at 300 B/s (below the 1 KiB/s minimum)" "1×408" 0 slow_below
slow_above() { slow 4000; }
case_ "7  900 KB JSON body at 4 KB/s (above it; 10 s deadline)" "1×408" 0 slow_above
head -c 5000000 /dev/urandom >"$WORK/slow.fit"
slow_upload() {
  status -H "Authorization: Bearer $VALID" -H 'Content-Type: application/vnd.ant.fit' -H 'Expect:' --limit-rate 4000 --data-binary @"$WORK/slow.fit" "$BASE/api/activities"
}
case_ "7  5 MB upload at 4 KB/s (20 s large-body deadline)" "1×408" 0 slow_upload

IDLE=$(idle_rate 20) # warm by now
echo "idle service + database after the cases: $IDLE CPU-s per second; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-62s %-22s %s\n' "case" "answers" "cost"
report

# Phase 2: delivery errors, with private addresses and http allowed so that local ports can be the receivers.
kill "$PID"; wait "$PID" 2>/dev/null || true
service_start "${SETTINGS[@]}" --RunRecovery:Webhooks:AllowPrivateAddresses=true --RunRecovery:Webhooks:AllowHttp=true --RunRecovery:Webhooks:MaxAttempts=1
PID=$service
BANNER_PORT=$((PORT + 10)) CLOSED_PORT=$((PORT + 11))
python3 - "$BANNER_PORT" <<'PY' &
import socket, sys
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", int(sys.argv[1]))); server.listen(16); server.settimeout(300)
while True:
    try:
        client, _ = server.accept()
    except OSError:
        break
    client.sendall(b"SSH-2.0-OpenSSH_9.6\r\n"); client.close()
PY
started_pids="$started_pids $!"
python3 - "$WORK/run.gpx" <<'PY'
import datetime, sys
start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=3)
points = "".join(
    f'<trkpt lat="{51.5 + i * 0.00005:.6f}" lon="-0.12"><time>{(start + datetime.timedelta(seconds=5 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")}</time>'
    f'<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{140 + i % 15}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>'
    for i in range(600))
open(sys.argv[1], "w").write('<?xml version="1.0"?><gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1" '
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><type>running</type><trkseg>' + points + '</trkseg></trk></gpx>')
PY
for target in closed:$CLOSED_PORT banner:$BANNER_PORT; do
  name=${target%%:*}
  k=$(signup "hook$name" | json "['apiKey']")
  curl -sf -X PUT -H "Authorization: Bearer $k" -H 'Content-Type: application/json' -d "{\"webhookUrl\":\"http://127.0.0.1:${target##*:}/hook\"}" "$BASE/api/runners/me/profile" >/dev/null
  curl -sf -H "Authorization: Bearer $k" -H 'Content-Type: application/gpx+xml' --data-binary @"$WORK/run.gpx" "$BASE/api/activities" >/dev/null
done
# Makes the two runners' open recommendations due now (the harness moves time, as the tests fix the clock) until the
# dispatcher (every minute) has queued them and each has failed its one attempt; prints one status per attempt.
deliveries() {
  for _ in $(seq 120); do
    sql "UPDATE runrecovery.recommendations r SET due_utc = now() - interval '1 minute' FROM runrecovery.runners u
         WHERE u.id = r.runner_id AND u.name LIKE 'hook%' AND r.delivery_state IS NULL AND r.status = 'open'" >/dev/null
    [ "$(sql "SELECT count(DISTINCT r.runner_id) FROM runrecovery.recommendations r JOIN runrecovery.runners u ON u.id = r.runner_id
              WHERE u.name LIKE 'hook%' AND r.delivery_state = 'failed'")" = 2 ] && break
    sleep 2
  done
  sleep 5 # attempts queued in the same minute finish
  sql "SELECT r.delivery_state FROM runrecovery.recommendations r JOIN runrecovery.runners u ON u.id = r.runner_id
       WHERE u.name LIKE 'hook%' AND r.delivery_state IS NOT NULL"
}
echo "phase 2: service restarted with private webhook addresses allowed; RSS $(( $(kb "$PID" VmRSS) / 1024 )) MB"
sleep 20 # both uploads scored
IDLE=$(idle_rate 20)
echo "idle service + database: $IDLE CPU-s per second"
cpu0=$(ticks "$PID"); pg0=$(pg_ticks); rss0=$(kb "$PID" VmRSS); t0=$(date +%s.%N)
echo 5 >"/proc/$PID/clear_refs"
attempts=$(deliveries | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}' | sed 's/ $//')
count=$(echo "$attempts" | tr ' ' '\n' | awk -F'×' '{n += $1} END {print n + 0}')
cpu=$(echo "scale=4; ($(ticks "$PID") - $cpu0 + $(pg_ticks) - $pg0) / $TICK / ($count + ($count == 0))" | bc)
net=$(echo "scale=4; x = $cpu - $IDLE * ($(date +%s.%N) - $t0) / ($count + ($count == 0)); if (x < 0) x = 0; x" | bc)
peak=$(( ($(kb "$PID" VmHWM) - rss0) / 1024 ))
errors=$(sql "SELECT DISTINCT r.delivery_error FROM runrecovery.recommendations r JOIN runrecovery.runners u ON u.id = r.runner_id
              WHERE u.name LIKE 'hook%' AND r.delivery_state = 'failed'")
closed=$(sql "SELECT count(*) FROM runrecovery.recommendations r JOIN runrecovery.runners u ON u.id = r.runner_id WHERE u.name = 'hookclosed' AND r.delivery_state = 'failed'")
banner=$(sql "SELECT count(*) FROM runrecovery.recommendations r JOIN runrecovery.runners u ON u.id = r.runner_id WHERE u.name = 'hookbanner' AND r.delivery_state = 'failed'")
health=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")
verdict=ok
[ "$closed" -gt 0 ] && [ "$banner" -gt 0 ] || verdict="NO ATTEMPT (closed $closed, open $banner)"
[ "$(echo "$errors" | wc -l)" = 1 ] || verdict="$verdict ERRORS DIFFER"
[ "$health" = 200 ] || verdict="$verdict HEALTH $health"
[ "$(echo "$cpu < 1" | bc)" = 1 ] || verdict="$verdict CPU"
[ "$peak" -lt 64 ] || verdict="$verdict MEMORY"
printf '%-62s %-22s %7.3f CPU-s/req (net of idle %6.3f)  peak +%3d MB  health %s  %s\n' \
  "7  deliveries: closed port ($closed) and open non-HTTP port ($banner)" "$attempts" "$cpu" "$net" "$peak" "$health" "$verdict"
echo "   recorded error, for both: $errors"
[ "$verdict" = ok ] || FAILED=1
exit $FAILED
