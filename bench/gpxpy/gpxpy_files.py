#!/usr/bin/python3
"""Whole-process peer for `runrecovery inspect --json`: for every GPX file named on the command line, gpxpy parses
it and computes what RunRecovery's metrics compute (2D length, moving data, uphill/downhill), one line per file."""
import json
import sys

import gpxpy  # Debian python3-gpxpy: run with /usr/bin/python3

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        gpx = gpxpy.parse(handle)
    moving = gpx.get_moving_data()
    up, down = gpx.get_uphill_downhill()
    print(json.dumps({"file": path, "length2d": round(gpx.length_2d(), 1), "moving": moving.moving_time,
                      "uphill": round(up, 1), "downhill": round(down, 1)}))
