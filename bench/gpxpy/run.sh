#!/bin/sh
# GPX parse + metrics: RunRecovery against gpxpy, side by side in one run.
# Needs the .NET SDK and Debian's python3-gpxpy (apt-get install -y python3-gpxpy).
# Usage: bench/gpxpy/run.sh [gpxpy runs, default 3] [FILES=8] [RUNS=3]   (from anywhere)
#   1. Whole process, as users run it: `runrecovery inspect --json` (the CLI published in Release) over FILES copies
#      of a generated 10-hour 1 Hz GPX file (36,000 points, 8.66 MB) against bench/gpxpy/gpxpy_files.py (parse,
#      length_2d, get_moving_data, get_uphill_downhill on each file) over the same files, interleaved, best of RUNS.
#      Target: >= 15x (wall, best against best).
#   2. In-process, as before: our parse + metrics (median of 15 after 5 warm-ups) against gpxpy's best.
# Exits 1 when the whole-process target is missed.
set -eu
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/runrecovery-10h.gpx"
dotnet build -c Release tests/RunRecovery.Benchmarks -v quiet -nologo >/dev/null
dotnet publish -c Release src/RunRecovery.Cli -o "$work/cli" -v quiet -nologo >/dev/null
bench=tests/RunRecovery.Benchmarks/bin/Release/net10.0/RunRecovery.Benchmarks
"$bench" gpx generate "$file"
mkdir "$work/files"
for i in $(seq -w 1 "${2:-8}"); do cp "$file" "$work/files/run$i.gpx"; done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
missed=0
python3 bench/whole-process/compare.py --name "GPX whole process: runrecovery inspect --json vs gpxpy" --target 15 --runs "${3:-3}" \
  --ours "$work/cli/runrecovery inspect --json" --theirs "/usr/bin/python3 bench/gpxpy/gpxpy_files.py" "$work"/files/*.gpx || missed=1

ours=$("$bench" gpx time "$file")
echo "$ours"
theirs=$(/usr/bin/python3 bench/gpxpy/gpxpy_bench.py "$file" "${1:-3}")
echo "$theirs"
OURS="$ours" THEIRS="$theirs" python3 - <<'PY'
import os
def value(text, key):
    return float(next(l.split("=", 1)[1] for l in text.splitlines() if l.startswith(key + "=")))
ours, theirs = os.environ["OURS"], os.environ["THEIRS"]
median, best = value(ours, "ours_seconds"), value(ours, "ours_best_seconds")
gpxpy_best = value(theirs, "gpxpy_seconds")
print(f"in-process ratio gpxpy/RunRecovery, best against best: {gpxpy_best / best:.0f}x ({best * 1000:.1f} ms vs {gpxpy_best * 1000:.0f} ms)")
print(f"in-process ratio gpxpy best / RunRecovery median:      {gpxpy_best / median:.0f}x ({median * 1000:.1f} ms)")
cpu, gpxpy_cpu = value(ours, "ours_cpu_seconds"), value(theirs, "gpxpy_cpu_seconds")
print(f"in-process ratio of CPU time (gpxpy best / RunRecovery median): {gpxpy_cpu / cpu:.0f}x ({cpu * 1000:.1f} ms vs {gpxpy_cpu * 1000:.0f} ms)")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$missed"
