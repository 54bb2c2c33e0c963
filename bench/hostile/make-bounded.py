#!/usr/bin/env python3
"""Writes the issue-19 hostile inputs for bench/hostile/bounded.sh into the folder given (nothing is downloaded)."""
import io, struct, sys, zipfile, datetime

out = sys.argv[1]

def declared(path, entries, size):
    """A ZIP of `entries` tiny .fit entries whose local and central headers each declare `size` bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(entries):
            z.writestr(f"run{i}.fit", b"\x01\x02\x03")
    data = bytearray(buf.getvalue())
    i = 0
    while True:
        i = data.find(b"PK\x03\x04", i)
        if i < 0: break
        struct.pack_into("<I", data, i + 22, size); i += 4
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0: break
        struct.pack_into("<I", data, i + 24, size); i += 4
    open(path, "wb").write(data)

def zeros_zip(path, entries, head, name):
    mb = bytearray(1 << 20); mb[:len(head)] = head
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for i in range(entries):
            z.writestr(name(i), bytes(mb))

def gpx(path, points):
    body = ['<?xml version="1.0"?><gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>']
    for lat, lon, ele, t in points:
        body.append(f'<trkpt lat="{lat:.6f}" lon="{lon:.6f}"><ele>{ele}</ele><time>{t}</time></trkpt>')
    body.append("</trkseg></trk></gpx>")
    open(path, "w").write("".join(body))

now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(hours=30)
iso = lambda t: f"{t.year:04d}-" + t.strftime("%m-%dT%H:%M:%SZ")
run = lambda start, n=600, ele=lambda i: "300": [(46 + i * 3 / 111_320, 14.0, ele(i), iso(start + datetime.timedelta(seconds=i))) for i in range(n)]

declared(f"{out}/declared-2gb.zip", 10_000, 0x7FFFFFFF)
zeros_zip(f"{out}/floor-1mb.zip", 1_000, b'<?xml version="1.0"?><gpx version="1.1">', lambda i: f"z{i}.gpx")
zeros_zip(f"{out}/club-zeros.zip", 2_000, b"", lambda i: f"m001/run{i}.fit")
gpx(f"{out}/days.gpx", [(46, 14, 300, iso(now - datetime.timedelta(days=49.7))), (46.001, 14, 300, iso(now))])
gpx(f"{out}/year1.gpx", run(datetime.datetime(1, 1, 1, 7, tzinfo=datetime.timezone.utc)))
teleport = run(now - datetime.timedelta(hours=2))
teleport[300] = (teleport[300][0] + 10,) + teleport[300][1:]
gpx(f"{out}/teleport.gpx", teleport)
gpx(f"{out}/ele-1e308.gpx", run(now - datetime.timedelta(hours=5), ele=lambda i: "1e308" if i % 2 else "300"))

# Point 3: FIT files of two-byte records (a compressed-timestamp header and a heart rate), the shape of the issue's
# 2.2 MB file of 1.1 M records. The header, definitions and CRC follow the FIT protocol (as our FitWriter writes them).
_CRC = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]
def fit_crc(data, crc=0):
    for b in data:
        t = _CRC[crc & 0xF]; crc = ((crc >> 4) & 0x0FFF) ^ t ^ _CRC[b & 0xF]
        t = _CRC[crc & 0xF]; crc = ((crc >> 4) & 0x0FFF) ^ t ^ _CRC[(b >> 4) & 0xF]
    return crc

def fit_records(path, records, per_second, start):
    """`records` records, `per_second` of them in each second (so records / per_second seconds long), from `start`."""
    t0 = int((start - datetime.datetime(1989, 12, 31, tzinfo=datetime.timezone.utc)).total_seconds())
    body = bytearray()
    body += bytes([0x40, 0, 0]) + struct.pack("<HB", 0, 3) + bytes([0, 1, 0x00, 1, 2, 0x84, 4, 4, 0x86])  # file_id
    body += bytes([0x00, 4]) + struct.pack("<HI", 255, t0)                                                # activity, made at t0
    body += bytes([0x41, 0, 0]) + struct.pack("<HB", 20, 2) + bytes([253, 4, 0x86, 3, 1, 0x02])           # record, with time
    body += bytes([0x42, 0, 0]) + struct.pack("<HB", 20, 1) + bytes([3, 1, 0x02])                         # record, compressed
    body += bytes([0x01]) + struct.pack("<IB", t0, 120)
    for i in range(1, records):
        t = t0 + i // per_second
        body += bytes([0x80 | (2 << 5) | (t & 0x1F), 100 + i % 60])
    header = bytearray(struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT"))
    header += struct.pack("<H", fit_crc(header))
    data = header + body
    open(path, "wb").write(data + struct.pack("<H", fit_crc(data)))

fit_records(f"{out}/warm-up.fit", 1_800, 1, now - datetime.timedelta(hours=3))  # an ordinary 30-minute run (bounded.sh's warm-up)
fit_records(f"{out}/records-1.1m.fit", 1_100_000, 1, now - datetime.timedelta(days=13))
fit_records(f"{out}/records-1.1m-dense.fit", 1_100_000, 2, now - datetime.timedelta(days=6.5))

# Point 3 for XML: GPX and TCX are thinned while read like FIT. Points as small as the formats allow, within the
# 50 MB file limit: a 10-day GPX at 1 Hz (864,000 time-only points), and a TCX of 2 million Trackpoints (400,000 timed,
# two a second, 55.6 h; 1.6 million empty ones, which the reader skips with a warning).
def gpx_days(path, days, start):
    with open(path, "w") as f:
        f.write('<?xml version="1.0"?><gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>')
        for i in range(int(days * 86400)):
            f.write(f"<trkpt><time>{iso(start + datetime.timedelta(seconds=i))}</time></trkpt>")
        f.write("</trkseg></trk></gpx>")

def tcx_millions(path, timed, empty, start):
    with open(path, "w") as f:
        f.write(f'<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>{iso(start)}</Id><Lap StartTime="{iso(start)}"><Track>')
        for i in range(timed):
            f.write(f"<Trackpoint><Time>{iso(start + datetime.timedelta(seconds=i // 2))}</Time></Trackpoint>")
        f.write("<Trackpoint/>" * empty)
        f.write("</Track></Lap></Activity></Activities></TrainingCenterDatabase>")

gpx_days(f"{out}/days-10.gpx", 10, now - datetime.timedelta(days=11))
tcx_millions(f"{out}/millions.tcx", 400_000, 1_600_000, now - datetime.timedelta(days=4))
