#!/usr/bin/env bash
# Fuzzes the FIT decoder with AFL++ through SharpFuzz. See fuzz/README.md.
# Usage: fuzz/run.sh [seconds]   (default 600). Output in fuzz/out (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
seconds="${1:-600}"
fixtures="${RUNRECOVERY_FIXTURES:-$repo/../shared/fixtures}"
build="$here/out/build"
seeds="$here/out/seeds"
findings="$here/out/findings"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }
command -v sharpfuzz >/dev/null || export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || { echo "sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine" >&2; exit 1; }

rm -rf "$build" && mkdir -p "$build" "$seeds"
dotnet publish "$here/RunRecovery.Fuzz/RunRecovery.Fuzz.csproj" -c Release -o "$build" >/dev/null
sharpfuzz "$build/RunRecovery.Formats.dll"

# Seeds: the corpus files up to 64 KB (AFL prefers small inputs); larger ones are covered by the mutation test.
find "$fixtures/fit" -maxdepth 1 -iname '*.fit' -size -64k -exec cp {} "$seeds/" \;

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
timeout --preserve-status "$seconds" afl-fuzz -i "$seeds" -o "$findings" -t 5000 -m none \
  -- "$build/RunRecovery.Fuzz" || true
echo "stats:"; grep -E 'execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time' "$findings/default/fuzzer_stats" || true
