#!/bin/sh
# in-cgroup.sh GROUPDIR... -- COMMAND [ARGS...]: puts this process into each cgroup-v1 group (their cgroup.procs),
# then execs COMMAND, so it starts inside them with the same pid. The .NET runtime reads its CPU quota once, at
# start-up (Environment.ProcessorCount, server or workstation GC, the thread pool's minimum): a process moved into a
# quota group after it started keeps the sizes of the whole machine. Used by bench/scale-out/run.sh (CAP_AT_START=1).
set -eu
while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
  echo $$ >"$1/cgroup.procs"
  shift
done
[ "$#" -gt 1 ] || { echo "usage: in-cgroup.sh GROUPDIR... -- COMMAND [ARGS...]" >&2; exit 2; }
shift
exec "$@"
