#!/usr/bin/env bash
# RunRecovery's FIT reading against Garmin's official JavaScript SDK (@garmin/fitsdk), side by side in one run.
# Usage: bench/garmin-fitsdk/run.sh [FILES=60] [RUNS=3]   (from anywhere; needs node + npm and the .NET SDK)
#   1. Whole process, as users run it: `runrecovery inspect --json` (the CLI published in Release, as the README
#      says) over FILES copies of a 10-hour 1 Hz FIT file (36,000 records, written by our encoder), against
#      bench/garmin-fitsdk/decode-files.mjs (node: Garmin's Decoder.read() on each file) over the same files,
#      interleaved, best of RUNS. Ours parses, measures (metrics) and writes JSON; theirs only decodes.
#      Target: >= 10x (wall, best against best).
#   2. In-process: our decode into ParsedActivity (mean of 100 after 20 warm-ups) against Garmin's Decoder.read()
#      (mean of 20 after 5), and our decode against our own wire loop (fit-mapping, best of 60, interleaved).
#      Targets: >= 10x Garmin; decode into ParsedActivity >= 600 MB/s median of 60 (>= 900 MB/s median is the
#      quiet-machine goal, printed, not checked).
# Exits 1 when a target is missed. Installs @garmin/fitsdk into bench/.garmin-sdk (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sdk_dir="$repo/bench/.garmin-sdk"
version="${GARMIN_FITSDK_VERSION:-21.217.0}"
count="${1:-60}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -d "$sdk_dir/node_modules/@garmin/fitsdk" ]; then
  mkdir -p "$sdk_dir"
  npm install --prefix "$sdk_dir" --no-audit --no-fund --silent "@garmin/fitsdk@$version" >/dev/null
fi
export GARMIN_SDK_DIR="$sdk_dir/node_modules"

project="$repo/tests/RunRecovery.Benchmarks"
bench="$project/bin/Release/net10.0/RunRecovery.Benchmarks"
dotnet build -c Release "$project" -v quiet -nologo >/dev/null
dotnet publish -c Release "$repo/src/RunRecovery.Cli" -o "$work/cli" -v quiet -nologo >/dev/null
"$bench" fit-write "$work/ten.fit" >/dev/null
mkdir "$work/files"
for i in $(seq -w 1 "$count"); do cp "$work/ten.fit" "$work/files/run$i.fit"; done

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; node $(node --version); $(dotnet --version | sed 's/^/.NET SDK /')"
missed=0
python3 "$repo/bench/whole-process/compare.py" --name "FIT whole process: runrecovery inspect --json vs @garmin/fitsdk $version" \
  --target 10 --runs "$runs" --ours "$work/cli/runrecovery inspect --json" --theirs "node $here/decode-files.mjs" "$work"/files/*.fit \
  || missed=1

ours="$("$bench" fit-throughput "$work/ten.fit")"
theirs="$(node "$here/decode.mjs" "$work/ten.fit")"
echo "in-process: $ours"
echo "in-process: $theirs"
ours_mbs="$(awk '{print $(NF-1)}' <<<"$ours")"
theirs_mbs="$(awk '{print $(NF-1)}' <<<"$theirs")"
awk -v a="$ours_mbs" -v b="$theirs_mbs" 'BEGIN { r = a / b; printf "in-process ratio (runrecovery / garmin-fitsdk): %.1fx; target >= 10x: %s\n", r, (r >= 10 ? "met" : "MISSED"); exit (r >= 10 ? 0 : 1) }' || missed=1

mapping="$("$bench" fit-mapping "$work/ten.fit")"
echo "$mapping"
best_mbs="$(sed -n 's/^runrecovery into ParsedActivity: best [0-9.]* ms = \([0-9]*\) MB\/s.*/\1/p' <<<"$mapping")"
median_mbs="$(sed -n 's/^runrecovery into ParsedActivity: .* median [0-9.]* ms = \([0-9]*\) MB\/s.*/\1/p' <<<"$mapping")"
# Issue 18 (fitmap): >= 600 MB/s median in every run, under load too (exit 1 when missed); >= 900 MB/s median is
# the goal on a quiet machine, which the script cannot tell, so that line is only printed.
awk -v b="$best_mbs" -v m="$median_mbs" 'BEGIN { printf "decode into ParsedActivity: best %d MB/s, median %d MB/s; target median >= 600 MB/s: %s; quiet-machine goal median >= 900 MB/s: %s\n", b, m, (m >= 600 ? "met" : "MISSED"), (m >= 900 ? "met" : "not met"); exit (m >= 600 ? 0 : 1) }' || missed=1
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$missed"
