#!/usr/bin/python3
"""Time gpxpy on a GPX file doing what RunRecovery's parse + metrics does: parse, 2D length,
moving data (moving time / stopped time) and uphill/downhill. Prints gpxpy_seconds=<best wall time of N>
and gpxpy_cpu_seconds=<best CPU time of N>."""
import sys
import time

import gpxpy

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
best = None
best_cpu = None
for _ in range(runs):
    start = time.perf_counter()
    start_cpu = time.process_time()
    with open(path, encoding="utf-8") as handle:
        gpx = gpxpy.parse(handle)
    length = gpx.length_2d()
    moving = gpx.get_moving_data()
    up, down = gpx.get_uphill_downhill()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - start_cpu
    best = elapsed if best is None else min(best, elapsed)
    best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
print(f"gpxpy {gpxpy.__version__}: length_2d {length:.1f} m, moving {moving.moving_time:.0f} s, uphill {up:.1f} m")
print(f"gpxpy_seconds={best:.4f}")
print(f"gpxpy_cpu_seconds={best_cpu:.4f}")
