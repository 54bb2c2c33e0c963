#!/usr/bin/env bash
# Decodes the same 10-hour 1 Hz FIT file (36,000 records, written by our encoder) with RunRecovery's decoder and
# with Garmin's official JavaScript SDK, in the same run, and prints both throughputs and their ratio.
# Installs npm @garmin/fitsdk into bench/.garmin-sdk (git-ignored). Needs node + npm and the .NET SDK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sdk_dir="$repo/bench/.garmin-sdk"
version="${GARMIN_FITSDK_VERSION:-21.217.0}"
file="$(mktemp --suffix=.fit)"
trap 'rm -f "$file"' EXIT

if [ ! -d "$sdk_dir/node_modules/@garmin/fitsdk" ]; then
  mkdir -p "$sdk_dir"
  npm install --prefix "$sdk_dir" --no-audit --no-fund --silent "@garmin/fitsdk@$version" >/dev/null
fi

project="$repo/tests/RunRecovery.Benchmarks"
dotnet build -c Release "$project" >/dev/null
dotnet run -c Release --no-build --project "$project" -- fit-write "$file" >/dev/null

ours="$(dotnet run -c Release --no-build --project "$project" -- fit-throughput "$file")"
theirs="$(GARMIN_SDK_DIR="$sdk_dir/node_modules" node "$here/decode.mjs" "$file")"
echo "$ours"
echo "$theirs"
ours_mbs="$(awk '{print $(NF-1)}' <<<"$ours")"
theirs_mbs="$(awk '{print $(NF-1)}' <<<"$theirs")"
awk -v a="$ours_mbs" -v b="$theirs_mbs" 'BEGIN { printf "ratio (runrecovery / garmin-fitsdk): %.1fx\n", a / b }'
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; node $(node --version); $(dotnet --version | sed 's/^/.NET SDK /')"
