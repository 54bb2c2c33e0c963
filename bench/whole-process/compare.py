#!/usr/bin/python3
"""Whole-process comparison, side by side in one run: runs two commands over the same files, interleaved
(ours, theirs, ours, theirs, ...), and reports the best and median wall time and the CPU time (user + system of the
process and its children) of each, their ratio, the machine's load, and whether the ratio meets the target.

Usage: compare.py --name NAME --target RATIO [--runs N] --ours 'COMMAND' --theirs 'COMMAND' FILE...
Each COMMAND is a shell command; the files are appended as arguments. Each must exit 0 (ours may exit 1 when
some input failed only if --allow-ours-1 is given) and print one line per file. Exits 1 when the best-against-best
wall ratio misses the target, 2 on a failed run."""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def run(command, files):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(["/bin/sh", "-c", command + ' "$@"', "sh", *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = result.stdout.count(b"\n")
    return wall, cpu, result.returncode, lines, result.stderr.decode(errors="replace")[-500:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--target", type=float, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ours", required=True)
    parser.add_argument("--theirs", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    load_before = open("/proc/loadavg").read().split()[:3]
    results = {"ours": [], "theirs": []}
    for _ in range(args.runs):
        for who, command in (("ours", args.ours), ("theirs", args.theirs)):
            wall, cpu, code, lines, stderr = run(command, args.files)
            if code != 0 or lines != len(args.files):
                print(f"{args.name}: {who} exited {code} with {lines} lines for {len(args.files)} files\n{stderr}", file=sys.stderr)
                return 2
            results[who].append((wall, cpu))
    load_after = open("/proc/loadavg").read().split()[:3]

    total_bytes = sum(os.path.getsize(f) for f in args.files)
    print(f"{args.name}: {len(args.files)} files, {total_bytes / 1e6:.1f} MB, {args.runs} runs each, interleaved; "
          f"load average {' '.join(load_before)} before, {' '.join(load_after)} after; {os.cpu_count()} cores")
    summary = {}
    for who in ("ours", "theirs"):
        walls = [w for w, _ in results[who]]
        cpus = [c for _, c in results[who]]
        best, median, cpu = min(walls), statistics.median(walls), min(cpus)
        summary[who] = (best, median, cpu)
        print(f"  {who:6} wall best {best:8.3f} s  median {median:8.3f} s  ({total_bytes / best / 1e6:7.1f} MB/s)  "
              f"cpu best {cpu:8.3f} s  ({cpu / len(args.files) * 1000:6.1f} ms per file)")
    ratio = summary["theirs"][0] / summary["ours"][0]
    median_ratio = summary["theirs"][1] / summary["ours"][1]
    cpu_ratio = summary["theirs"][2] / summary["ours"][2]
    verdict = "met" if ratio >= args.target else "MISSED"
    print(f"  ratio theirs/ours: wall best {ratio:.1f}x, wall median {median_ratio:.1f}x, cpu {cpu_ratio:.1f}x; "
          f"target >= {args.target:g}x (wall, best against best): {verdict}")
    return 0 if ratio >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
