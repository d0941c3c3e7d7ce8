#!/usr/bin/env python3
"""Simplify the ONS ICB and LSOA boundaries into small CSV files for offline SVG maps.

Why: the ONS "BSC" GeoJSON files (WGS84, 200 m generalised) are several MB and in degrees; the maps are drawn as
SVG paths in British National Grid metres, about 720 px wide over 50–200 km, so detail below a pixel is wasted.
This reads the two ONS files, projects them to British National Grid (EPSG:27700), simplifies each feature
(shapely, topology-preserving Douglas–Peucker), drops slivers of islands and holes, rounds to 10 m and writes
delta-encoded rings:

    Data/open/boundaries/icb23_bng_simplified.csv.gz           code,name,rings   (42 ICBs, April 2023)
    Data/open/boundaries/lsoa21_england_bng_simplified.csv.gz  code,rings        (33,755 English LSOAs, 2021)

`rings`: rings separated by ";"; each ring is space-separated integers in units of 10 m: the first point absolute
"x y" (easting/10, northing/10), each later point "dx dy" from the point before; the closing point is not written.
Each polygon's exterior comes before its holes, and the feature's largest polygon comes first; draw all of a
feature's rings in one SVG path with fill-rule="evenodd". Rows are sorted by code; gzip mtime is 0, so a rerun
with the pinned packages writes the same bytes.

Run from the repository root (the defaults are relative to it):

    python3 -m venv /tmp/bvenv && /tmp/bvenv/bin/pip install -r scripts/boundaries-requirements.txt
    /tmp/bvenv/bin/python scripts/simplify-boundaries.py --source ../shared/data/boundaries   # build, then check
    /tmp/bvenv/bin/python scripts/simplify-boundaries.py --check                              # check only

The check re-reads the outputs, rebuilds absolute coordinates and fails (exit 1) unless every expected code is
present exactly once, every written vertex lies within 7.1 m (the 10 m rounding) of the original projected boundary
and every feature's first point within 1 km of the original projected geometry.
"""
import argparse
import csv
import gzip
import io
import json
import math
import os
import sys
import time
import warnings

import numpy as np
import pyproj
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

# The maps are ~720 px wide over 50–200 km, so one pixel is 70–280 m: simplify to well under a pixel.
ICB_TOLERANCE_M = 100.0     # Douglas–Peucker tolerance for the 42 ICBs (maps of England or a region)
LSOA_TOLERANCE_M = 40.0     # ... for LSOAs (maps of one ICB, 50–200 km across)
# Polygon parts (islands) under these areas are dropped, never a feature's largest part; holes are kept only above.
ICB_MIN_AREA_M2 = 200_000.0
LSOA_MIN_AREA_M2 = 20_000.0
GRID_M = 10                 # coordinates are written in units of 10 m
ROUNDING_SLACK_M = GRID_M * math.sqrt(2) / 2 + 0.01   # the farthest a vertex moves when rounded to the grid
FIRST_POINT_MAX_M = 1000.0  # a feature's first written point must be this close to its original geometry

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT_SOURCE = os.path.join(REPO, "..", "shared", "data", "boundaries")
DEFAULT_OUT = os.path.join(REPO, "Data", "open", "boundaries")

LAYERS = [
    dict(label="ICB", source="ons_icb23_apr2023_en_bsc.geojson.gz", out="icb23_bng_simplified.csv.gz",
         code="ICB23CD", name="ICB23NM", prefix="E54", expected=42,
         tolerance=ICB_TOLERANCE_M, min_area=ICB_MIN_AREA_M2),
    dict(label="LSOA", source="ons_lsoa21_dec2021_ew_bsc_v4.geojson.gz", out="lsoa21_england_bng_simplified.csv.gz",
         code="lsoa21_code", name=None, prefix="E01", expected=33_755,
         tolerance=LSOA_TOLERANCE_M, min_area=LSOA_MIN_AREA_M2),
]


def transformer():
    """WGS84 -> British National Grid by OS's 7-parameter Helmert (EPSG:1314, inverted) and Transverse Mercator.

    Pinned rather than left to PROJ: with the OSTN15 grid installed (or PROJ_NETWORK=ON) PROJ would pick it instead
    and move points by up to a few metres, which changes some 10 m roundings. The Helmert needs no grid file.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "best transformation (OSTN15) not available": we do not want it
        group = pyproj.transformer.TransformerGroup("EPSG:4326", "EPSG:27700", always_xy=True)
    chosen = [t for t in group.transformers if "OSGB36 to WGS 84 (6)" in t.description]
    if len(chosen) != 1:
        sys.exit("simplify-boundaries: PROJ offers no single 'OSGB36 to WGS 84 (6)' (EPSG:1314) operation")
    return chosen[0]


_LOADED = {}


def load(layer, source):
    """[(code, name, geometry in BNG metres)] for the layer's English features, sorted by code."""
    key = os.path.join(source, layer["source"])
    if key not in _LOADED:
        _LOADED[key] = _load(layer, source)
    return _LOADED[key]


def _load(layer, source):
    with gzip.open(os.path.join(source, layer["source"]), "rt", encoding="utf-8") as f:
        collection = json.load(f)
    rows = []
    for feature in collection["features"]:
        props = feature["properties"]
        code = props[layer["code"]]
        if not code.startswith(layer["prefix"]):
            continue
        rows.append((code, props[layer["name"]] if layer["name"] else None, shape(feature["geometry"])))
    rows.sort(key=lambda r: r[0])
    codes = [r[0] for r in rows]
    if len(set(codes)) != len(codes):
        sys.exit(f"simplify-boundaries: duplicate codes in {layer['source']}")
    to_bng = transformer()
    geoms = shapely.transform(np.array([r[2] for r in rows], dtype=object),
                              lambda xy: np.column_stack(to_bng.transform(xy[:, 0], xy[:, 1])))
    return [(code, name, g) for (code, name, _), g in zip(rows, geoms)]


def grid_points(coords, dedupe=True):
    """A closed ring's coordinates rounded to the 10 m grid, without the closing point; None if it degenerates."""
    q = np.floor(np.asarray(coords)[:, :2] / GRID_M + 0.5).astype(np.int64)
    if dedupe:
        keep = np.ones(len(q), dtype=bool)
        keep[1:] = np.any(q[1:] != q[:-1], axis=1)
        q = q[keep]
        if len(q) < 4 or not np.array_equal(q[0], q[-1]):   # a closed ring needs 4 points, 3 distinct
            return None
    return q[:-1]


def encode(points):
    """'x y dx dy dx dy …' of a ring's points (the first absolute, the rest deltas)."""
    deltas = np.vstack([points[:1], np.diff(points, axis=0)])
    return " ".join(map(str, deltas.ravel().tolist()))


def simplify_feature(geom, layer, stats):
    """The feature's rings as grid points: largest polygon first, each exterior before its holes."""
    simple = shapely.simplify(geom, layer["tolerance"], preserve_topology=True)
    parts = list(simple.geoms) if isinstance(simple, MultiPolygon) else [simple]
    parts = [p for p in parts if isinstance(p, Polygon) and not p.is_empty]
    parts.sort(key=lambda p: -p.area)  # stable: equal areas keep the source order
    rings = []
    for i, part in enumerate(parts):
        if i > 0 and part.area < layer["min_area"]:
            stats["parts dropped (small)"] += 1
            continue
        exterior = grid_points(part.exterior.coords)
        if exterior is None:
            if i > 0:
                stats["parts dropped (degenerate at 10 m)"] += 1
                continue
            exterior = grid_points(part.exterior.coords, dedupe=False)
            stats["largest parts kept without de-duplication"] += 1
        rings.append(exterior)
        for hole in part.interiors:
            if Polygon(hole).area <= layer["min_area"]:
                stats["holes dropped (small)"] += 1
                continue
            points = grid_points(hole.coords)
            if points is None:
                stats["holes dropped (degenerate at 10 m)"] += 1
                continue
            rings.append(points)
    return rings


def build(layer, source, out):
    stats = {k: 0 for k in ("parts dropped (small)", "parts dropped (degenerate at 10 m)",
                            "largest parts kept without de-duplication", "holes dropped (small)",
                            "holes dropped (degenerate at 10 m)")}
    features = load(layer, source)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["code", "name", "rings"] if layer["name"] else ["code", "rings"])
    n_rings = n_points = 0
    largest = ("", 0)
    for code, name, geom in features:
        rings = simplify_feature(geom, layer, stats)
        points = sum(len(r) for r in rings)
        n_rings += len(rings)
        n_points += points
        if points > largest[1]:
            largest = (code if name is None else f"{code} {name}", points)
        field = ";".join(encode(r) for r in rings)
        writer.writerow([code, name, field] if layer["name"] else [code, field])
    data = gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, layer["out"])
    with open(path, "wb") as f:
        f.write(data)
    print(f"{layer['label']}: {os.path.relpath(path)}  tolerance {layer['tolerance']:g} m, "
          f"min area {layer['min_area']:,.0f} m²")
    print(f"  features {len(features):,}  rings {n_rings:,}  points {n_points:,}  "
          f"bytes {len(data):,} gzipped ({len(text.getvalue()):,} CSV)")
    print(f"  largest feature: {largest[0]} ({largest[1]:,} points)")
    print("  " + ", ".join(f"{k} {v:,}" for k, v in stats.items()))


def decode(field):
    """[array of absolute (x, y) metres per ring] from a rings field."""
    rings = []
    for ring in field.split(";"):
        values = np.array(ring.split(" "), dtype=np.int64)
        if len(values) % 2 or len(values) < 6:
            raise ValueError(f"ring with {len(values)} numbers")
        rings.append(np.cumsum(values.reshape(-1, 2), axis=0) * GRID_M)
    return rings


def check(layer, source, out):
    """Problems found in the layer's output (empty if it is good)."""
    features = load(layer, source)
    original = {code: (name, geom) for code, name, geom in features}
    path = os.path.join(out, layer["out"])
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = ["code", "name", "rings"] if layer["name"] else ["code", "rings"]
    problems = []
    if rows[0] != header:
        problems.append(f"header {rows[0]} is not {header}")
    body = rows[1:]
    codes = [r[0] for r in body]
    if codes != sorted(codes) or len(set(codes)) != len(codes):
        problems.append("codes are not sorted and unique")
    if len(original) != layer["expected"]:
        problems.append(f"source has {len(original)} features, expected {layer['expected']}")
    missing, extra = set(original) - set(codes), set(codes) - set(original)
    if missing or extra:
        problems.append(f"{len(missing)} codes missing (e.g. {sorted(missing)[:3]}), "
                        f"{len(extra)} unexpected (e.g. {sorted(extra)[:3]})")
    firsts, first_geoms, vertices, vertex_bounds = [], [], [], []
    for row in body:
        if len(row) != len(header) or row[0] not in original:
            problems.append(f"bad row {row[:2]}")
            continue
        name, geom = original[row[0]]
        if layer["name"] and row[1] != name:
            problems.append(f"{row[0]}: name {row[1]!r} is not {name!r}")
        try:
            rings = decode(row[-1])
        except ValueError as e:
            problems.append(f"{row[0]}: {e}")
            continue
        firsts.append(shapely.Point(rings[0][0]))
        first_geoms.append(geom)
        boundary = geom.boundary
        for ring in rings:
            vertices.append(shapely.points(ring))
            vertex_bounds.append(np.full(len(ring), boundary, dtype=object))
    first_far = shapely.distance(np.array(firsts, dtype=object), np.array(first_geoms, dtype=object))
    if len(first_far) and first_far.max() > FIRST_POINT_MAX_M:
        problems.append(f"{int((first_far > FIRST_POINT_MAX_M).sum())} first points over 1 km from their feature")
    vertex_far = shapely.distance(np.concatenate(vertices), np.concatenate(vertex_bounds))
    if vertex_far.max() > ROUNDING_SLACK_M:
        problems.append(f"{int((vertex_far > ROUNDING_SLACK_M).sum())} vertices over {ROUNDING_SLACK_M:.2f} m "
                        "from the original boundary")
    print(f"check {layer['label']}: {len(body):,} of {layer['expected']:,} codes; first points within "
          f"{first_far.max():.1f} m of their feature; all {len(vertex_far):,} vertices within "
          f"{vertex_far.max():.2f} m of the original boundary -> {'FAILED' if problems else 'ok'}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="folder of the ONS .geojson.gz files "
                        "(default ../shared/data/boundaries from the repository root)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="output folder (default Data/open/boundaries)")
    parser.add_argument("--check", action="store_true", help="only check the existing outputs against the sources")
    args = parser.parse_args()
    started = time.monotonic()
    print(f"pyproj {pyproj.__version__} (PROJ {pyproj.proj_version_str}), shapely {shapely.__version__} "
          f"(GEOS {shapely.geos_version_string}), numpy {np.__version__}")
    problems = []
    for layer in LAYERS:
        if not args.check:
            build(layer, args.source, args.out)
        problems += [f"{layer['label']}: {p}" for p in check(layer, args.source, args.out)]
    for p in problems:
        print("PROBLEM " + p, file=sys.stderr)
    print(f"{'check FAILED' if problems else 'check passed'} in {time.monotonic() - started:.1f} s")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
