#!/bin/sh
# Runner API load test: upload → recommendations visible latency, then N concurrent uploaders for S seconds.
# Starts the service (Release, role all, its own throwaway embedded PostgreSQL, upload rate limit off; bench/lib.sh),
# runs bench/load/RunRecovery.Load against it, and stops it. Needs the .NET SDK and PostgreSQL's server binaries.
# Usage: bench/load/run.sh [uploaders=50] [seconds=60] [latency runs=30]   (from anywhere)
set -eu
cd "$(dirname "$0")/../.."
port=5080
work=$(mktemp -d "${TMPDIR:-/tmp}/runrecovery-load.XXXXXX")
chmod 755 "$work"
. bench/lib.sh
trap stop_started EXIT
trap 'exit 130' INT TERM
release_build src/RunRecovery.Api bench/load/RunRecovery.Load
service_start
machine
bench/load/RunRecovery.Load/bin/Release/net10.0/RunRecovery.Load "http://127.0.0.1:$port" "${1:-50}" "${2:-60}" "${3:-30}"
