#!/usr/bin/env python3
"""Per-process figures for bench/scale-out/run.sh: where a service process's CPU goes during the timed import.

  process-figures.py snapshot PID PORT OUT.json
      the process's /health/runtime (RunRecovery:Diagnostics:Runtime=true: JIT, GC, lock contention, thread pool,
      allocations; src/RunRecovery.Api/Health/RuntimeFigures.cs) and the CPU ticks of each of its threads by name
      (/proc/PID/task/*/stat; .NET names its threads, e.g. ".NET TP Worker", ".NET Tiered Com")
  process-figures.py diff NAME BEFORE.json AFTER.json RUNS
      prints the differences, per imported run where it helps

Threads that ended between the two snapshots are missing from the per-thread lines: "threads gone" is the process's
CPU (from /proc/PID/stat) not found in a thread alive at both snapshots.
"""
import json
import os
import re
import sys
import urllib.request

HZ = os.sysconf("SC_CLK_TCK")


def proc_stat(path):
    with open(path) as f:
        text = f.read()
    name = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    return name, int(fields[11]), int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def snapshot(pid, port, out):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name, user, system = proc_stat(f"/proc/{pid}/task/{tid}/stat")
        except (OSError, ValueError):
            continue
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                preempted = next(int(line.split()[1]) for line in f if line.startswith("nonvoluntary_ctxt_switches"))
        except (OSError, StopIteration):
            preempted = 0
        threads[tid] = [name, user, system, preempted]
    _, user, system = proc_stat(f"/proc/{pid}/stat")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/runtime", timeout=10) as response:
            runtime = json.load(response)
    except OSError as error:
        runtime = {"error": str(error)}
    with open(out, "w") as f:
        json.dump({"threads": threads, "user": user, "system": system, "runtime": runtime}, f)


def group(name):
    # "Worker #1a2b3c" and ".NET TP Worker" kinds: one line per kind, not per thread
    return re.sub(r"#\S*|\d+", "#", name).strip()


def diff(label, before_path, after_path, runs):
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    runs = int(runs)
    ms_per_tick = 1000 / HZ
    total_ms = (after["user"] + after["system"] - before["user"] - before["system"]) * ms_per_tick
    kinds, counts, seen = {}, {}, 0.0
    switches = {}
    for tid, (name, user, system, preempted) in after["threads"].items():
        b = before["threads"].get(tid)
        if b is None or b[0] != name:
            kinds.setdefault(group(name) + " (new)", 0.0)
            kinds[group(name) + " (new)"] += (user + system) * ms_per_tick
            counts[group(name) + " (new)"] = counts.get(group(name) + " (new)", 0) + 1
            seen += (user + system) * ms_per_tick
            continue
        spent = (user + system - b[1] - b[2]) * ms_per_tick
        switches[group(name)] = switches.get(group(name), 0) + preempted - b[3]
        kinds[group(name)] = kinds.get(group(name), 0.0) + spent
        counts[group(name)] = counts.get(group(name), 0) + 1
        seen += spent
    print(f"  {label}: {total_ms / 1000:.1f} CPU-s ({total_ms / runs:.2f} ms per run); by thread kind (threads):")
    rows = sorted(kinds.items(), key=lambda kv: -kv[1])
    shown = [f"{k} ({counts[k]}) {v / 1000:.1f} s" + (f", {switches[k] // 1000} k preemptions" if switches.get(k, 0) >= 1000 else "")
             for k, v in rows if v >= 0.05 * 1000]
    shown.append(f"threads gone {max(total_ms - seen, 0) / 1000:.1f} s")
    print("    " + ", ".join(shown))
    rb, ra = before["runtime"], after["runtime"]
    if "error" in rb or "error" in ra:
        print(f"    runtime figures unavailable: {rb.get('error') or ra.get('error')}")
        return

    def d(key):
        return ra.get(key, 0) - rb.get(key, 0)

    print(f"    JIT {d('jitMs') / 1000:.2f} s, {d('jitMethods')} methods ({d('jitILBytes') / 1024:.0f} KB IL);"
          f" GC {d('gen0Collections')}/{d('gen1Collections')}/{d('gen2Collections')} (gen0/1/2), pauses"
          f" {d('gcPauseMs') / 1000:.2f} s; allocated {d('allocatedBytes') / runs / 1024:.0f} KB per run;"
          f" lock contentions {d('lockContentions')}; thread-pool work items {d('threadPoolWorkItems') / runs:.1f}"
          f" per run; threads {ra.get('threads')} (thread pool {ra.get('threadPoolThreads')}); timers {ra.get('timers')};"
          f" processors {ra.get('processors')}")


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(*sys.argv[2:5])
    else:
        diff(*sys.argv[2:6])
