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
