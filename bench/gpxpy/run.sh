#!/bin/sh
# GPX parse + metrics: RunRecovery against gpxpy on the same generated 10-hour 1 Hz file, in the same run.
# Needs the .NET SDK and Debian's python3-gpxpy (apt-get install -y python3-gpxpy).
# Usage: bench/gpxpy/run.sh [gpxpy runs, default 3]   (from anywhere)
set -eu
cd "$(dirname "$0")/../.."
file="${TMPDIR:-/tmp}/runrecovery-10h.gpx"
dotnet build -c Release tests/RunRecovery.Benchmarks -v quiet -nologo >/dev/null
bench=tests/RunRecovery.Benchmarks/bin/Release/net10.0/RunRecovery.Benchmarks
"$bench" gpx generate "$file"
ours=$("$bench" gpx time "$file" | tee /dev/stderr)
theirs=$(/usr/bin/python3 bench/gpxpy/gpxpy_bench.py "$file" "${1:-3}" | tee /dev/stderr)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
OURS="$ours" THEIRS="$theirs" python3 - <<'PY'
import os
def value(text, key):
    return float(next(l.split("=", 1)[1] for l in text.splitlines() if l.startswith(key + "=")))
ours, theirs = os.environ["OURS"], os.environ["THEIRS"]
median, best = value(ours, "ours_seconds"), value(ours, "ours_best_seconds")
gpxpy_best = value(theirs, "gpxpy_seconds")
print(f"ratio gpxpy/RunRecovery, best against best: {gpxpy_best / best:.0f}x ({best * 1000:.1f} ms vs {gpxpy_best * 1000:.0f} ms)")
print(f"ratio gpxpy best / RunRecovery median:      {gpxpy_best / median:.0f}x ({median * 1000:.1f} ms)")
cpu, gpxpy_cpu = value(ours, "ours_cpu_seconds"), value(theirs, "gpxpy_cpu_seconds")
print(f"ratio of CPU time (gpxpy best / RunRecovery median): {gpxpy_cpu / cpu:.0f}x ({cpu * 1000:.1f} ms vs {gpxpy_cpu * 1000:.0f} ms)")
PY
