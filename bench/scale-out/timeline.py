#!/usr/bin/env python3
"""A club import's timeline, from the database (bench/scale-out/run.sh, TIMELINE=1).

Usage: timeline.py JOBS.tsv EVENTS.tsv START_EPOCH SETTLED_EPOCH

JOBS.tsv, one line per Hangfire job of the timed import (created since the upload started), '|'-separated:
kind (import, member, scoring, other), job id, server name, Hangfire worker id, created, processing (its last
Processing state), succeeded (its Succeeded state) as epoch seconds ('' when absent). EVENTS.tsv: name|epoch lines
(accepted, started, finished of the import; first_stored, last_stored, last_scored of its activities).

Prints, in seconds after the upload started: when the import was accepted and its job ran (the archive's walk), when
the first member job was enqueued and started on any worker, the pick-up delay of member jobs (Processing - created),
per worker process its first and last job, its busy time (the union of its jobs' Processing -> Succeeded intervals,
over its Hangfire worker threads), its idle time and longest idle gap between the first member job's start and the
last member job's end, and the tail (from the first worker process out of member jobs to the last member job's end);
then when the last run was stored and scored, and the time split into "before the first member job", "member jobs"
and "after the last member job".
"""
import collections
import statistics
import sys


def number(text):
    return float(text) if text.strip() else None


def union(intervals):
    """Total length and the merged intervals."""
    merged = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return sum(b - a for a, b in merged), merged


def main():
    jobs_path, events_path, start, settled = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    jobs = []
    for line in open(jobs_path):
        parts = line.rstrip("\n").split("|")
        if len(parts) != 7:
            continue
        kind, job_id, server, worker, created, processing, succeeded = parts
        jobs.append((kind, job_id, server, worker, number(created), number(processing), number(succeeded)))
    events = {}
    for line in open(events_path):
        if "|" in line:
            name, value = line.rstrip("\n").split("|", 1)
            if value.strip():
                events[name] = float(value)

    def at(t):
        return f"{t - start:7.2f} s" if t is not None else "      -  "

    print("  timeline of the timed import (seconds after the upload started):")
    print(f"    import accepted (row created)        {at(events.get('accepted'))}")
    imports = [j for j in jobs if j[0] == "import"]
    for kind, _, server, _, created, processing, succeeded in imports:
        print(f"    import job (walk) on {server:<14}  {at(processing)} -> {at(succeeded)} (enqueued {at(created)})")
    members = [j for j in jobs if j[0] == "member" and j[5] is not None and j[6] is not None]
    if not members:
        print("    no member job ran (not fanned out?)")
        return
    first_enqueued = min(j[4] for j in members)
    first_member = min(j[5] for j in members)
    last_member = max(j[6] for j in members)
    delays = sorted(j[5] - j[4] for j in members)
    print(f"    first member job enqueued            {at(first_enqueued)}")
    print(f"    first member job started (any)       {at(first_member)}")
    print(f"    member job pick-up delay (Processing - enqueued): median {statistics.median(delays):.2f} s, "
          f"p90 {delays[int(0.9 * (len(delays) - 1))]:.2f} s, max {delays[-1]:.2f} s over {len(delays)} jobs")
    durations = sorted(j[6] - j[5] for j in members)
    print(f"    member job duration: median {statistics.median(durations):.2f} s, max {durations[-1]:.2f} s")

    by_server = collections.defaultdict(list)
    for j in jobs:
        # a recurring job that started after the bench saw everything scored is not part of the import
        if j[5] is not None and j[6] is not None and j[5] <= settled:
            by_server[j[2]].append(j)
    last_member_end = {}
    print("    per worker process: jobs (member/scoring/other), first start -> last end, busy (union over its threads),"
          " idle in the member window, longest idle gap")
    for server in sorted(by_server):
        mine = by_server[server]
        counts = collections.Counter(j[0] for j in mine)
        busy, merged = union([(j[5], j[6]) for j in mine])
        window = [(max(a, first_member), min(b, last_member)) for a, b in merged if b > first_member and a < last_member]
        busy_window = sum(b - a for a, b in window)
        gaps, edge = [], first_member
        for a, b in window:
            gaps.append(a - edge)
            edge = b
        gaps.append(last_member - edge)
        member_ends = [j[6] for j in mine if j[0] == "member"]
        if member_ends:
            last_member_end[server] = max(member_ends)
        print(f"      {server:<10} {counts['member']:3d}/{counts['scoring']:3d}/{counts['import'] + counts['other']:2d}"
              f"  {at(min(j[5] for j in mine))} -> {at(max(j[6] for j in mine))}  busy {busy:6.2f} s"
              f"  idle {(last_member - first_member) - busy_window:6.2f} s  longest gap {max(gaps):5.2f} s"
              f"  last member job ends {at(last_member_end.get(server))}")
    total_busy = sum(union([(j[5], j[6]) for j in by_server[server]])[0] for server in by_server)
    print(f"    busy in all {len(by_server)} worker process(es): {total_busy:.2f} s; spread evenly from the first job that"
          f" would end at {at(min(j[5] for j in jobs if j[5] is not None) + total_busy / max(len(by_server), 1))}")
    if len(last_member_end) > 1:
        first_out = min(last_member_end.values())
        print(f"    tail: first worker process out of member jobs at {at(first_out)}, last member job ends "
              f"{at(last_member)}: {last_member - first_out:.2f} s with fewer than all processes storing")
    print(f"    first run stored                     {at(events.get('first_stored'))}")
    print(f"    last run stored                      {at(events.get('last_stored'))}")
    print(f"    import finished                      {at(events.get('finished'))}")
    print(f"    last run scored                      {at(events.get('last_scored'))}")
    print(f"    settled (bench saw nothing left)     {at(settled)}")
    end = events.get("last_scored") or settled
    print(f"    split: before the first member job {first_member - start:.2f} s, member jobs "
          f"{last_member - first_member:.2f} s, after the last member job {end - last_member:.2f} s")


if __name__ == "__main__":
    main()
