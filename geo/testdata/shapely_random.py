#!/usr/bin/env python3
"""Expected results for geo's TestShapelyRandomPoints (geo/shapely_test.go).

For each of the two polygons of ../../shared/bench/shapely_pip.py (the 11-vertex
Iroise Sea polygon and the 200-vertex North Atlantic gyre), draws 100,000 points
uniformly in the polygon's bounding box with a SplitMix64 generator that the Go test
reimplements bit for bit, and tests them with shapely 1.8 (GEOS):

  contains  shapely.vectorized.contains (the boundary is excluded)
  covers    prep(poly).covers(Point)    (the boundary is included, like geo)

It prints, per polygon, both counts and the SHA-256 of the inside indices written as
"%d\\n" each, in increasing order. With --write-wkt it also writes
testdata/<name>.wkt with the polygon as WKT (shortest round-trip float repr).

It then does the same on a lattice of points chosen to fall exactly on the Iroise
polygon's vertices and on its axis-parallel edges (lon = k/100, lat = m/100,
k = -560..-430, m = 4795..4875, row-major by latitude), where contains and covers
differ, and on a 0.25° lattice over the gyre (lon = -78 + k/4, lat = 15 + m/4,
k = 0..264, m = 0..120).

Run with Debian's python3-shapely:  /usr/bin/python3 geo/testdata/shapely_random.py
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import shapely
import shapely.vectorized
from shapely.geometry import Point, Polygon
from shapely.prepared import prep

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench")))
import shapely_pip  # noqa: E402  (IROISE, gyre_ring)

MASK = (1 << 64) - 1
N = 100_000
SEEDS = {"iroise": 1, "gyre": 2}


class SplitMix64:
    """SplitMix64 (Steele, Lea, Flood 2014); next_float is (z >> 11) * 2^-53."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_float(self):
        return (self.next() >> 11) * (1.0 / (1 << 53))


def wkt(ring):
    pts = list(ring) + [ring[0]]
    return "POLYGON ((" + ", ".join("%r %r" % (x, y) for x, y in pts) + "))"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write-wkt", action="store_true", help="write testdata/<name>.wkt")
    a = ap.parse_args()
    for name, ring in (("iroise", shapely_pip.IROISE), ("gyre", shapely_pip.gyre_ring())):
        poly = Polygon(ring)
        assert poly.is_valid, name
        minx, miny, maxx, maxy = poly.bounds
        w, h = maxx - minx, maxy - miny
        rng = SplitMix64(SEEDS[name])
        xs = np.empty(N)
        ys = np.empty(N)
        for i in range(N):
            u = rng.next_float()
            v = rng.next_float()
            xs[i] = minx + u * w
            ys[i] = miny + v * h
        contains = shapely.vectorized.contains(poly, xs, ys)
        pp = prep(poly)
        covers = np.fromiter((pp.covers(Point(x, y)) for x, y in zip(xs.tolist(), ys.tolist())), bool, N)
        digest = hashlib.sha256("".join("%d\n" % i for i in np.nonzero(covers)[0]).encode()).hexdigest()
        print(json.dumps({"polygon": name, "points": N, "seed": SEEDS[name], "contains": int(contains.sum()),
                          "covers": int(covers.sum()), "sha256_covers": digest,
                          "shapely": shapely.__version__}))
        if name == "iroise":
            lat = [m / 100 for m in range(4795, 4876)]
            lon = [k / 100 for k in range(-560, -429)]
        else:
            lat = [15 + m / 4 for m in range(0, 121)]
            lon = [-78 + k / 4 for k in range(0, 265)]
        lx = np.array([x for y in lat for x in lon])
        ly = np.array([y for y in lat for x in lon])
        lcont = shapely.vectorized.contains(poly, lx, ly)
        lcov = np.fromiter((pp.covers(Point(x, y)) for x, y in zip(lx.tolist(), ly.tolist())), bool, lx.size)
        print(json.dumps({"polygon": name, "lattice": int(lx.size), "contains": int(lcont.sum()),
                          "covers": int(lcov.sum()),
                          "sha256_contains": hashlib.sha256("".join("%d\n" % i for i in np.nonzero(lcont)[0]).encode()).hexdigest(),
                          "sha256_covers": hashlib.sha256("".join("%d\n" % i for i in np.nonzero(lcov)[0]).encode()).hexdigest()}))
        if a.write_wkt:
            with open(os.path.join(HERE, name + ".wkt"), "w") as f:
                f.write(wkt(ring) + "\n")


if __name__ == "__main__":
    main()
