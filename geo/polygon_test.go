package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// square with a square hole: outer 0..10, hole 4..6.
var squareWithHole = orb.Polygon{
	{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
	{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}},
}

// concave "C" shape, opening to the east, with a slanted edge.
var cShape = orb.Polygon{
	{{0, 0}, {6, 0}, {6, 2}, {2, 2}, {2, 8}, {6, 8}, {6, 10}, {0, 10}, {1, 5}, {0, 0}},
}

var polygonTests = []struct {
	Name  string
	Poly  orb.Polygon
	Cases []containsCase
}{
	{
		Name: "square with hole",
		Poly: squareWithHole,
		Cases: []containsCase{
			{"inside", orb.Point{2, 2}, true},
			{"in hole", orb.Point{5, 5}, false},
			{"hole edge", orb.Point{4, 5}, true},
			{"hole vertex", orb.Point{6, 6}, true},
			{"hole top edge", orb.Point{5, 6}, true},
			{"outer bottom edge", orb.Point{5, 0}, true},
			{"outer right edge", orb.Point{10, 3}, true},
			{"outer vertex", orb.Point{10, 10}, true},
			{"outer vertex origin", orb.Point{0, 0}, true},
			{"outside right", orb.Point{math.Nextafter(10, 11), 3}, false},
			{"outside below", orb.Point{5, math.Nextafter(0, -1)}, false},
			{"just inside hole", orb.Point{math.Nextafter(4, 5), 5}, false},
			{"just outside hole", orb.Point{math.Nextafter(4, 3), 5}, true},
			{"ray through hole vertex", orb.Point{1, 4}, true},
			{"ray through outer vertex level", orb.Point{-1, 10}, false},
			{"NaN", orb.Point{nan, 5}, false},
			{"0..360 form of 5", orb.Point{365, 5}, false},
			{"0..360 form of 2", orb.Point{362, 2}, true},
		},
	},
	{
		Name: "concave C",
		Poly: cShape,
		Cases: []containsCase{
			{"in the gap", orb.Point{4, 5}, false},
			{"in the lower arm", orb.Point{4, 1}, true},
			{"on the inner edge", orb.Point{2, 5}, true},
			{"on the slanted edge", orb.Point{0.5, 2.5}, true},
			{"left of the slanted edge", orb.Point{0.4, 2.5}, false},
			{"right of the slanted edge", orb.Point{0.6, 2.5}, true},
			{"concave vertex", orb.Point{1, 5}, true},
			{"left of concave vertex", orb.Point{0.999, 5}, false},
			{"ray along the inner horizontal edge", orb.Point{1.5, 2}, true},
			{"ray along the top edge from outside", orb.Point{-1, 10}, false},
			{"gap, level with inner edge", orb.Point{7, 8}, false},
		},
	},
	{
		Name: "unclosed ring, clockwise",
		Poly: orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}}},
		Cases: []containsCase{
			{"inside", orb.Point{0.5, 0.5}, true},
			{"closing edge", orb.Point{0.5, 0}, true},
			{"outside", orb.Point{1.5, 0.5}, false},
		},
	},
	{
		Name: "triangle near the north pole",
		Poly: orb.Polygon{{{-30, 80}, {30, 80}, {0, 90}, {-30, 80}}},
		Cases: []containsCase{
			{"inside", orb.Point{0, 85}, true},
			{"apex", orb.Point{0, 90}, true},
			{"planar: pole at other longitudes is outside", orb.Point{100, 90}, false},
		},
	},
	{
		Name: "across the antimeridian with continuous longitudes",
		Poly: orb.Polygon{{{170, -10}, {190, -10}, {190, 10}, {170, 10}, {170, -10}}},
		Cases: []containsCase{
			{"-175", orb.Point{-175, 0}, true},
			{"175", orb.Point{175, 0}, true},
			{"180", orb.Point{180, 0}, true},
			{"-180", orb.Point{-180, 0}, true},
			{"east edge -170", orb.Point{-170, 0}, true},
			{"-169", orb.Point{-169, 0}, false},
			{"0", orb.Point{0, 0}, false},
		},
	},
	{
		Name: "given in 0..360",
		Poly: orb.Polygon{{{200, 0}, {300, 0}, {300, 30}, {200, 30}, {200, 0}}},
		Cases: []containsCase{
			{"-100 (=260)", orb.Point{-100, 15}, true},
			{"260", orb.Point{260, 15}, true},
			{"edge -160 (=200)", orb.Point{-160, 15}, true},
			{"100", orb.Point{100, 15}, false},
		},
	},
	{
		Name: "given in -360..0",
		Poly: orb.Polygon{{{-300, 0}, {-200, 0}, {-200, 30}, {-300, 30}, {-300, 0}}},
		Cases: []containsCase{
			{"100 (=-260)", orb.Point{100, 15}, true},
			{"-100", orb.Point{-100, 15}, false},
		},
	},
	{
		Name: "edge on -180 contains points given at 180",
		Poly: orb.Polygon{{{-180, 0}, {-170, 0}, {-170, 10}, {-180, 10}, {-180, 0}}},
		Cases: []containsCase{
			{"180 on the edge", orb.Point{180, 5}, true},
			{"-180 on the edge", orb.Point{-180, 5}, true},
			{"179.9", orb.Point{179.9, 5}, false},
		},
	},
	{
		Name: "edges are not wrapped: 170 to -170 goes the long way",
		Poly: orb.Polygon{{{170, -10}, {-170, -10}, {-170, 10}, {170, 10}, {170, -10}}},
		Cases: []containsCase{
			{"0 is inside the 340° polygon", orb.Point{0, 0}, true},
			{"180 is outside", orb.Point{180, 0}, false},
		},
	},
	{
		Name: "outer ring with 2 distinct vertices is empty",
		Poly: orb.Polygon{{{0, 0}, {1, 1}, {0, 0}, {1, 1}}},
		Cases: []containsCase{
			{"on the segment", orb.Point{0.5, 0.5}, false},
		},
	},
	{
		Name: "NaN vertex makes it empty",
		Poly: orb.Polygon{{{0, 0}, {1, 0}, {nan, 1}, {0, 0}}},
		Cases: []containsCase{
			{"", orb.Point{0.5, 0.1}, false},
		},
	},
	{
		Name: "degenerate hole is ignored",
		Poly: orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{1, 1}, {1, 1}, {1, 1}}},
		Cases: []containsCase{
			{"at the hole", orb.Point{1, 1}, true},
		},
	},
	{
		Name: "zero-area polygon contains its boundary only",
		Poly: orb.Polygon{{{0, 0}, {1, 1}, {2, 2}, {0, 0}}},
		Cases: []containsCase{
			{"on the segment", orb.Point{1.5, 1.5}, true},
			{"off it", orb.Point{1.5, 1.4}, false},
		},
	},
}

func TestPolygon(t *testing.T) {
	for _, tt := range polygonTests {
		t.Run(tt.Name, func(t *testing.T) {
			r := Polygon(tt.Poly)
			runContains(t, r, tt.Cases)
			checkBoundsCover(t, r, 2000)
		})
	}
}

func TestPolygonBound(t *testing.T) {
	tests := []struct {
		Name string
		Poly orb.Polygon
		Want orb.Bound
	}{
		{"plain", squareWithHole, orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}},
		{"0..360", orb.Polygon{{{200, 0}, {300, 0}, {300, 30}, {200, 30}}},
			orb.Bound{Min: orb.Point{-160, 0}, Max: orb.Point{-60, 30}}},
		{"across 180", orb.Polygon{{{170, -10}, {190, -10}, {190, 10}, {170, 10}}},
			orb.Bound{Min: orb.Point{-180, -10}, Max: orb.Point{180, 10}}},
		{"empty", orb.Polygon{}, emptyBound},
	}
	for _, tt := range tests {
		if got := Polygon(tt.Poly).Bound(); got != tt.Want {
			t.Errorf("%s: Bound = %v, want %v", tt.Name, got, tt.Want)
		}
	}
	pieces := Bounds(Polygon(orb.Polygon{{{170, -10}, {190, -10}, {190, 10}, {170, 10}}}))
	want := []orb.Bound{
		{Min: orb.Point{170, -10}, Max: orb.Point{180, 10}},
		{Min: orb.Point{-180, -10}, Max: orb.Point{-170, 10}},
	}
	if len(pieces) != 2 || pieces[0] != want[0] || pieces[1] != want[1] {
		t.Errorf("Bounds across 180 = %v, want %v", pieces, want)
	}
}

// starPolygon returns an n-vertex star-shaped ring around (cx, cy), like the gyre of
// shapely_pip.py, plus an inner hole when hole is set.
func starPolygon(n int, cx, cy, a, b float64, hole bool) orb.Polygon {
	ring := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		t := 2 * math.Pi * float64(i) / float64(n)
		r := 1 + 0.15*math.Sin(5*t) + 0.08*math.Cos(11*t)
		ring = append(ring, orb.Point{cx + a*r*math.Cos(t), cy + b*r*math.Sin(t)})
	}
	ring = append(ring, ring[0])
	p := orb.Polygon{ring}
	if hole {
		p = append(p, orb.Ring{{cx - a/4, cy - b/4}, {cx + a/4, cy - b/4}, {cx, cy + b/4}, {cx - a/4, cy - b/4}})
	}
	return p
}

// TestPolygonGridMatchesRayCast compares the prepared polygon (grid lookup plus row
// ray casting) with an independent naive test, on random points and on points put
// exactly on vertices and on axis-parallel or exactly representable edge points.
func TestPolygonGridMatchesRayCast(t *testing.T) {
	polys := map[string]orb.Polygon{
		"gyre-like 200":         starPolygon(200, -45, 30, 32, 14, false),
		"star with hole":        starPolygon(50, 10, -20, 5, 5, true),
		"square with hole":      squareWithHole,
		"C":                     cShape,
		"thin sliver":           {{{0, 0}, {100, 0.001}, {100, 0.002}, {0, 0}}},
		"tiny":                  {{{1e-7, 1e-7}, {2e-7, 1e-7}, {2e-7, 3e-7}, {1e-7, 1e-7}}},
		"5000-vertex":           starPolygon(5000, 120, -10, 20, 8, true),
		"flat (all on a line)":  {{{0, 5}, {3, 5}, {1, 5}, {0, 5}}},
		"vertical (one column)": {{{2, 0}, {2, 3}, {2, 1}, {2, 0}}},
		"subnormal extent":      {{{0, 0}, {1e-310, 0}, {1e-310, 1e-310}, {0, 0}}},
	}
	for name, p := range polys {
		t.Run(name, func(t *testing.T) {
			r := Polygon(p)
			b := r.Bound()
			w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
			edges := 0
			for _, ring := range p {
				edges += len(ring)
			}
			n := min(20000, 4_000_000/edges/10) // keep the naive O(n·edges) reference fast
			if w == 0 || h == 0 {
				n = 2000 // every point is collinear with an edge: exact arithmetic
			}
			pts := randomPoints(7, n, b.Min[0]-0.05*w, b.Min[1]-0.05*h, b.Max[0]+0.05*w, b.Max[1]+0.05*h)
			step := max(1, edges/500)
			for _, ring := range p {
				for i := 0; i < len(ring); i += step {
					v := ring[i]
					pts = append(pts, v)
					// Midpoint of the edge: on the edge when exactly representable
					// (always for axis-parallel edges with a representable middle).
					next := ring[(i+1)%len(ring)]
					pts = append(pts, orb.Point{(v[0] + next[0]) / 2, (v[1] + next[1]) / 2})
					pts = append(pts, orb.Point{v[0], (v[1] + next[1]) / 2}, orb.Point{(v[0] + next[0]) / 2, v[1]})
				}
			}
			bad := 0
			for _, q := range pts {
				want := naiveContains(p, q[0], q[1])
				if got := r.Contains(q); got != want {
					bad++
					if bad < 5 {
						t.Errorf("Contains(%v) = %v, naive says %v", q, got, want)
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d points disagree", bad, len(pts))
			}
		})
	}
}

// zigzag returns a comb of n teeth, each edge spanning the full height: the worst case
// for per-row edge lists.
// The comb spans longitudes -150..150 and latitudes -80..80.
func zigzag(n int) orb.Polygon {
	x := func(i int) float64 { return -150 + 300*float64(i)/float64(2*n) }
	ring := orb.Ring{{x(0), -80}}
	for i := 0; i < n; i++ {
		ring = append(ring, orb.Point{x(2 * i), 80}, orb.Point{x(2*i + 1), -70})
	}
	ring = append(ring, orb.Point{x(2 * n), -80}, orb.Point{x(0), -80})
	return orb.Polygon{ring}
}

func TestPolygonEdgeBudget(t *testing.T) {
	p := zigzag(5000)
	pg := newPolygon(p)
	edges := 2*5000 + 3
	if len(pg.rowEdges) > 18*edges+4096 {
		t.Errorf("%d row edge copies for %d edges", len(pg.rowEdges), edges)
	}
	r := &splitMix64{12}
	for range 300 {
		x, y := r.uniform(-151, 151), r.uniform(-81, 81)
		if got, want := pg.Contains(orb.Point{x, y}), naiveContains(p, x, y); got != want {
			t.Fatalf("Contains(%v, %v) = %v, naive %v", x, y, got, want)
		}
	}
}

func TestMultiPolygon(t *testing.T) {
	// A polygon split at the antimeridian as RFC 7946 asks, plus a separate one.
	mp := orb.MultiPolygon{
		{{{170, -10}, {180, -10}, {180, 10}, {170, 10}, {170, -10}}},
		{{{-180, -10}, {-170, -10}, {-170, 10}, {-180, 10}, {-180, -10}}},
		squareWithHole,
	}
	r := MultiPolygon(mp)
	runContains(t, r, []containsCase{
		{"west part", orb.Point{175, 0}, true},
		{"east part", orb.Point{-175, 0}, true},
		{"on the cut at 180", orb.Point{180, 5}, true},
		{"on the cut at -180", orb.Point{-180, 5}, true},
		{"square", orb.Point{1, 1}, true},
		{"square's hole", orb.Point{5, 5}, false},
		{"between", orb.Point{100, 0}, false},
	})
	if got, want := r.Bound(), (orb.Bound{Min: orb.Point{-180, -10}, Max: orb.Point{180, 10}}); got != want {
		t.Errorf("Bound = %v, want %v", got, want)
	}
	checkBoundsCover(t, r, 5000)
	if e := MultiPolygon(nil); e.Contains(orb.Point{0, 0}) || !e.Bound().IsEmpty() {
		t.Error("empty MultiPolygon contains something")
	}
}

func TestOrient(t *testing.T) {
	tests := []struct {
		a, b, c orb.Point
		want    int
	}{
		{orb.Point{0, 0}, orb.Point{1, 0}, orb.Point{0, 1}, 1},
		{orb.Point{0, 0}, orb.Point{1, 0}, orb.Point{0, -1}, -1},
		{orb.Point{0, 0}, orb.Point{1, 1}, orb.Point{2, 2}, 0},
		// Nearly collinear: 0.1+0.2 is not 0.3 in floating point; the exact answer
		// follows the binary values.
		{orb.Point{0, 0}, orb.Point{0.1, 0.1}, orb.Point{0.3, 0.3}, 0},
		{orb.Point{0.5, 0.5}, orb.Point{12, 12}, orb.Point{24, 24}, 0},
		{orb.Point{-4.72, 48}, orb.Point{-4.55, 48.1}, orb.Point{-4.635, 48.05}, orientExact(-4.72, 48, -4.55, 48.1, -4.635, 48.05)},
		{orb.Point{1e300, 0}, orb.Point{-1e300, 1}, orb.Point{0, 0.5}, orientExact(1e300, 0, -1e300, 1, 0, 0.5)},
	}
	for _, tt := range tests {
		if got := orient(tt.a[0], tt.a[1], tt.b[0], tt.b[1], tt.c[0], tt.c[1]); got != tt.want {
			t.Errorf("orient(%v, %v, %v) = %d, want %d", tt.a, tt.b, tt.c, got, tt.want)
		}
	}
	// The filtered result always agrees with the exact one.
	r := &splitMix64{11}
	for range 20000 {
		v := [6]float64{}
		for k := range v {
			v[k] = math.Round(r.uniform(-4, 4)*8) / 8 // many exact collinear cases
		}
		if got, want := orient(v[0], v[1], v[2], v[3], v[4], v[5]), orientExact(v[0], v[1], v[2], v[3], v[4], v[5]); got != want {
			t.Fatalf("orient%v = %d, exact %d", v, got, want)
		}
	}
}
