#!/usr/bin/env bash
# Lists the mutual `using` pairs between the top-level folders of an application project (default
# src/RunRecovery.Application): folder A has a file with `using RunRecovery.Application.B…;` and B has one with
# `using RunRecovery.Application.A…;`. Feature folders should depend on Persistence, not on each other
# (docs/decisions/application-structure.md). Prints one "A <-> B" line per pair, then the count; exits 0.
#
# Usage: scripts/folder-cycles.sh [PROJECT_FOLDER] [--edges]
#   --edges   also print every one-way edge "A -> B".
set -euo pipefail
root=src/RunRecovery.Application
edges=false
for arg in "$@"; do
  case $arg in
    --edges) edges=true ;;
    *) root=$arg ;;
  esac
done
prefix=$(basename "$root")
list=$(cd "$root" && grep -rHoE "^using (static )?${prefix//./\\.}\.[A-Za-z]+" --include=*.cs . \
  | sed -E "s#^\./([^/]+)/[^:]*:using (static )?${prefix//./\\.}\.([A-Za-z]+)#\1 \3#" \
  | grep -v '^\./' | awk '$1 != $2' | sort -u)
if $edges; then
  awk '{print $1 " -> " $2}' <<<"$list"
fi
pairs=$(awk '{e[$1" "$2]=1} END {for (k in e) {split(k,p," "); if (p[1] < p[2] && ((p[2]" "p[1]) in e)) print p[1]" <-> "p[2]}}' <<<"$list" | sort)
[ -n "$pairs" ] && echo "$pairs"
echo "$(grep -c . <<<"$pairs" || true) mutual pairs"
