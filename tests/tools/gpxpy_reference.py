#!/usr/bin/python3
"""Reference figures from gpxpy for the shared GPX fixtures.

Usage: /usr/bin/python3 tests/tools/gpxpy_reference.py [FIXTURES_DIR]
(Debian: apt-get install -y python3-gpxpy; gpxpy 1.5.0 gave the table in
tests/RunRecovery.Scoring.Tests/Metrics/GpxpyComparisonTests.cs.)

Prints one C# InlineData row per GPX file with track or route points:
file, gpxpy length_2d (m), gpxpy uphill (m, its 0.3/0.4/0.3 smoothing), gpxpy moving time (s).
"""
import os
import sys

import gpxpy

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "fixtures")
folder = os.path.join(root, "gpx")
print(f"# gpxpy {gpxpy.__version__}")
for name in sorted(os.listdir(folder)):
    if not name.endswith(".gpx"):
        continue
    with open(os.path.join(folder, name), encoding="utf-8-sig") as handle:
        gpx = gpxpy.parse(handle)
    points = sum(len(s.points) for t in gpx.tracks for s in t.segments)
    if points == 0:
        continue
    length = gpx.length_2d()
    up, _down = gpx.get_uphill_downhill()
    moving = gpx.get_moving_data()
    print(f'    [InlineData("{name}", {length:.1f}, {up:.1f}, {moving.moving_time:.0f})]')
