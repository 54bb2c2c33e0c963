#!/usr/bin/env python3
"""Where PostgreSQL's CPU goes during the timed import of bench/scale-out/run.sh, per PostgreSQL process.

  pg-figures.py snapshot CGROUP_PROCS ACTIVITY.tsv OUT.json
      the CPU ticks (/proc/PID/stat) of every process in the cgroup (the postmaster and every process it forked),
      with what pg_stat_activity says each is (ACTIVITY.tsv: pid, backend type, database, application name; the
      service processes name themselves with "Application Name" in their connection strings)
  pg-figures.py diff BEFORE.json AFTER.json TOTAL_NS RUNS
      prints PostgreSQL's CPU of the window by kind of process: the backends serving each service process
      (application name), the bench's own psql, background processes (checkpointer, WAL writer, autovacuum, ...), and
      processes that started or ended inside the window (connections opened and closed, autovacuum workers), whose
      CPU is what the cgroup counted (TOTAL_NS) but no process alive at the end holds
"""
import json
import os
import sys

HZ = os.sysconf("SC_CLK_TCK")


def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12]), int(fields[19])  # utime + stime; starttime (clock ticks after boot)


def snapshot(procs_file, activity_file, out):
    activity = {}
    with open(activity_file) as f:
        for line in f:
            parts = line.rstrip("\n").split("|")
            if len(parts) >= 4 and parts[0].isdigit():
                activity[parts[0]] = {"type": parts[1], "db": parts[2], "app": parts[3]}
    procs = {}
    with open(procs_file) as f:
        pids = [line.strip() for line in f if line.strip()]
    for pid in pids:
        try:
            cpu, start = ticks(pid)
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, ValueError):
            continue
        procs[pid] = {"cpu": cpu, "start": start, "cmd": cmd, **activity.get(pid, {})}
    with open(out, "w") as f:
        json.dump(procs, f)


def kind(p):
    app, ptype = p.get("app") or "", p.get("type") or ""
    if ptype == "client backend":
        return f"backends of {app or '(no application name)'}"
    if ptype:
        return ptype  # checkpointer, walwriter, background writer, autovacuum launcher/worker, ...
    cmd = p.get("cmd", "")
    return "postmaster" if "postgres:" not in cmd else cmd.split(":", 1)[1].strip().split(" ")[0]


def diff(before_file, after_file, total_ns, runs):
    before, after = json.load(open(before_file)), json.load(open(after_file))
    total = int(total_ns) / 1e9
    runs = int(runs)
    sums, counts, new = {}, {}, {}
    for pid, p in after.items():
        b = before.get(pid)
        if b is not None and b["start"] == p["start"]:
            seconds = (p["cpu"] - b["cpu"]) / HZ
            k = kind(p)
        else:
            seconds = p["cpu"] / HZ
            k = kind(p) + " (opened in the window)"
            new[k] = new.get(k, 0) + 1
        sums[k] = sums.get(k, 0) + seconds
        counts[k] = counts.get(k, 0) + 1
    gone = [pid for pid, b in before.items() if pid not in after or after[pid]["start"] != b["start"]]
    accounted = sum(sums.values())
    print(f"  postgres by process kind ({total:.1f} CPU-s in the window, {total / runs * 1000:.3f} ms per run):")
    for k, s in sorted(sums.items(), key=lambda item: -item[1]):
        print(f"    {s:7.2f} s {s / runs * 1e6:7.0f} us/run  {counts[k]:3d} process(es)  {k}")
    print(f"    {total - accounted:7.2f} s {(total - accounted) / runs * 1e6:7.0f} us/run  "
          f"processes gone in the window ({len(gone)} alive at the start ended; their CPU in the window and that of "
          f"processes started and ended inside it)")


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        snapshot(*sys.argv[2:5])
    else:
        diff(*sys.argv[2:6])
