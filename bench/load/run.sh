#!/bin/sh
# Runner API load test: upload → recommendations visible latency, then N concurrent uploaders for S seconds.
# Starts the service (Release, role all, its own throwaway embedded PostgreSQL, upload rate limit off),
# runs bench/load/RunRecovery.Load against it, and stops it. Needs the .NET SDK and PostgreSQL's server binaries.
# Usage: bench/load/run.sh [uploaders=50] [seconds=60] [latency runs=30]   (from anywhere)
set -eu
cd "$(dirname "$0")/../.."
port=5080
data=$(mktemp -d "${TMPDIR:-/tmp}/runrecovery-load.XXXXXX")
chmod 755 "$data"
dotnet build -c Release src/RunRecovery.Api -v quiet -nologo >/dev/null
dotnet build -c Release bench/load/RunRecovery.Load -v quiet -nologo >/dev/null
RunRecovery__EmbeddedDatabase__DataDirectory="$data/postgres" \
RunRecovery__Uploads__RateLimitPermits=0 \
RunRecovery__HangfireDashboard=Off \
Logging__LogLevel__Default=Warning \
  dotnet src/RunRecovery.Api/bin/Release/net10.0/RunRecovery.Api.dll --urls "http://127.0.0.1:$port" >"$data/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$data"' EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
bench/load/RunRecovery.Load/bin/Release/net10.0/RunRecovery.Load "http://127.0.0.1:$port" "${1:-50}" "${2:-60}" "${3:-30}"
