#!/usr/bin/env python3
"""Derives the built-in basemap (Sources/Geography/Basemap+Data.swift) offline.

Sources:
- Coastlines, lakes, rivers and the land mask: GSHHG 2.3.7 (Wessel and Smith; LGPL-3+), full
  resolution, read through GMT 6 (`gmt coast`, `gmt grdlandmask`). On Debian:
  `apt-get install gmt gmt-gshhg-full`.
- Main roads: tools/geodata/roads.txt (traced by hand; see its header).

The output is a Swift string the Geography target parses once (Basemap.builtIn). Rerun after
changing a box, the tolerance or roads.txt:

    python3 tools/geodata/derive-basemap.py > Sources/Geography/Basemap+Data.swift

The same inputs give the same bytes (coordinates rounded to 1e-4 degrees, about 10 m).
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# The boxes the data covers (south, north, west, east): each region of the default scenario,
# with room around its areas.
BOXES = [
    ("shanghai", 30.60, 31.55, 120.95, 122.10),
    ("bay-area", 37.10, 38.45, -122.65, -121.50),
    ("central-texas", 30.00, 31.30, -98.05, -97.35),
]
MASK_STEP = 0.004      # degrees per land-mask cell (about 400 m)
TOLERANCE = 0.0005     # Douglas-Peucker tolerance in degrees (about 50 m)


def gmt(*args):
    out = subprocess.run(["gmt", *args], check=True, capture_output=True, text=True).stdout
    return out


def segments(text):
    result, current = [], []
    for line in text.splitlines():
        if line.startswith(">"):
            if len(current) > 1:
                result.append(current)
            current = []
        elif line.strip():
            lon, lat = map(float, line.split()[:2])
            current.append((lat, lon))
    if len(current) > 1:
        result.append(current)
    return result


def simplify(points, tol):
    """Douglas-Peucker in degrees (iterative, so long coasts never hit the recursion limit)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (y1, x1), (y2, x2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = -1.0, None
        for i in range(a + 1, b):
            y, x = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm > 0 else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if index is not None and best > tol:
            keep[index] = True
            stack.append((a, index))
            stack.append((index, b))
    return [p for p, k in zip(points, keep) if k]


def join(segs):
    """GMT cuts shorelines at its bins: join pieces whose ends meet, so lines are whole."""
    segs = [list(s) for s in segs]
    joined = True
    while joined:
        joined = False
        for i in range(len(segs)):
            for j in range(len(segs)):
                if i != j and segs[i] and segs[j] and close(segs[i][-1], segs[j][0]):
                    segs[i] = segs[i] + segs[j][1:]
                    segs[j] = []
                    joined = True
        segs = [s for s in segs if s]
    return segs


def clip(segs, box):
    """The runs of each line inside the box (GMT returns whole bins around it)."""
    _, s, n, w, e = box
    out = []
    for seg in segs:
        run = []
        for lat, lon in seg:
            if s <= lat <= n and w <= lon <= e:
                run.append((lat, lon))
            else:
                if len(run) > 1:
                    out.append(run)
                run = []
        if len(run) > 1:
            out.append(run)
    return out


def close(a, b):
    return abs(a[0] - b[0]) < 1e-7 and abs(a[1] - b[1]) < 1e-7


def fmt(p):
    return f"{p[0]:.4f},{p[1]:.4f}"


def mask_rows(box):
    _, s, n, w, e = box
    grid = "/tmp/fleetwatch-mask.nc"
    # Land 1; ocean, lakes and ponds 0 (islands in lakes are land).
    gmt("grdlandmask", f"-R{w}/{e}/{s}/{n}", f"-I{MASK_STEP}", "-Df", "-N0/1/0/1/0", f"-G{grid}")
    cells = {}
    for line in gmt("grd2xyz", grid).splitlines():
        lon, lat, z = line.split()
        cells[(round((float(lat) - s) / MASK_STEP), round((float(lon) - w) / MASK_STEP))] = int(float(z))
    os.remove(grid)
    rows = max(r for r, _ in cells) + 1
    cols = max(c for _, c in cells) + 1
    out = []
    for r in range(rows):
        runs, value, length = [], 1, 0  # runs alternate land, water, land… starting with land
        for c in range(cols):
            v = cells[(r, c)]
            if v == value:
                length += 1
            else:
                runs.append(length)
                value, length = v, 1
        runs.append(length)
        out.append(" ".join(map(str, runs)))
    return rows, cols, out


def main():
    lines = []
    for box in BOXES:
        name, s, n, w, e = box
        region = f"-R{w}/{e}/{s}/{n}"
        rows, cols, runs = mask_rows(box)
        lines.append(f"box {name} {s} {n} {w} {e} {MASK_STEP} {rows} {cols}")
        lines.extend(f"m {r}" for r in runs)
        for kind, args in (("coast", ["-A0/1/1", "-W"]), ("lake", ["-A0/2/4", "-W"]), ("river", ["-Ia"])):
            for seg in clip(join(segments(gmt("coast", region, "-Df", "-M", *args))), box):
                seg = simplify(seg, TOLERANCE)
                if len(seg) > 1:
                    lines.append(f"{kind} {name}||" + " ".join(map(fmt, seg)))
    with open(os.path.join(HERE, "roads.txt"), encoding="utf-8") as f:
        for raw in f:
            raw = raw.strip()
            if not raw or raw.startswith("#"):
                continue
            road, rank, coords = (part.strip() for part in raw.split("|"))
            points = [tuple(map(float, c.split(","))) for c in coords.split()]
            lines.append(f"road{rank} -|{road}|" + " ".join(map(fmt, points)))
    body = "\n".join(lines)
    sys.stdout.write(
        "// Generated by tools/geodata/derive-basemap.py: do not edit. Coasts, lakes, rivers and the\n"
        "// land mask from GSHHG 2.3.7 (LGPL-3+) through GMT 6; roads from tools/geodata/roads.txt.\n"
        "// See NOTICE and DECISIONS.md (2026-12-02).\n\n"
        "extension Basemap {\n"
        "    /// One record a line: `box NAME S N W E STEP ROWS COLS` and its land-mask rows (`m` run\n"
        "    /// lengths, land first), then `KIND BOX|NAME|lat,lon …` lines (roads name no box).\n"
        '    static let builtInSource = """\n' + body + '\n"""\n}\n'
    )


if __name__ == "__main__":
    main()
