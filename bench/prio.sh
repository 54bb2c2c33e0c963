#!/bin/bash
# Runs a command (and all its children) in a cgroup-v1 CPU group with cpu.shares=262144, so a measurement gets the
# machine's CPU before any other work on it (builds, test runs). Checked on the 2-core build machine: one busy loop in
# such a group got 99.8 % of a core against six busy loops outside it. Needs root and cgroup v1
# (/sys/fs/cgroup/cpu). The group is $PRIO_CG for the command; quota groups for capped workers may be made under it
# (bench/scale-out/run.sh does). Docs state figures measured this way as "in a cgroup with cpu.shares 262144".
# Usage: bench/prio.sh <command> [args...]
# Two measurements should not overlap: flock /tmp/runrecovery-measure.lock bench/prio.sh bench/...
set -euo pipefail
cg=/sys/fs/cgroup/cpu/prio-$$
mkdir -p "$cg"
echo 262144 > "$cg/cpu.shares"
cleanup() {
  for t in $(cat "$cg"/tasks 2>/dev/null); do echo "$t" > /sys/fs/cgroup/cpu/tasks 2>/dev/null || true; done
  find "$cg" -depth -type d -exec rmdir {} \; 2>/dev/null || true
}
trap cleanup EXIT
export PRIO_CG="$cg"
sh -c 'echo $$ > "$0/tasks"; exec "$@"' "$cg" "$@"
