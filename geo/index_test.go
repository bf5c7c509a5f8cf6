package geo

import (
	"math"
	"slices"
	"sort"
	"testing"

	"github.com/paulmach/orb"
)

// indexTestPoints mixes uniform points on the sphere with clusters at the antimeridian
// and near both poles, duplicates, 0..360 longitudes and invalid positions.
func indexTestPoints(n int) []orb.Point {
	r := &splitMix64{21}
	pts := make([]orb.Point, 0, n+10)
	for i := 0; i < n; i++ {
		var p orb.Point
		switch i % 5 {
		case 0, 1: // uniform on the sphere
			p = orb.Point{r.uniform(-180, 180), math.Asin(r.uniform(-1, 1)) * rad}
		case 2: // antimeridian band
			p = orb.Point{r.uniform(175, 185), r.uniform(-30, 30)}
		case 3: // north polar cap
			p = orb.Point{r.uniform(-180, 180), r.uniform(85, 90)}
		case 4: // south polar cap, some in 0..360
			p = orb.Point{r.uniform(0, 360), r.uniform(-90, -86)}
		}
		pts = append(pts, p)
	}
	pts = append(pts, pts[3], pts[3], orb.Point{123, 90}, orb.Point{-180, 0}, orb.Point{180, 0},
		orb.Point{nan, 0}, orb.Point{0, nan}, orb.Point{0, 91}, orb.Point{math.Inf(1), 0})
	return pts
}

type bruteHit struct {
	i int
	d float64
}

func bruteDistances(pts []orb.Point, q orb.Point) []bruteHit {
	var out []bruteHit
	for i, p := range pts {
		if math.IsNaN(normLon(p[0])) || !(p[1] >= -90 && p[1] <= 90) {
			continue
		}
		out = append(out, bruteHit{i, Distance(q, p)})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].d < out[b].d })
	return out
}

func indexQueries() []orb.Point {
	r := &splitMix64{22}
	qs := []orb.Point{{180, 0}, {-180, 10}, {0, 90}, {77, -90}, {179.999, 89.999}, {-0.5, 0}, {359, -88}}
	for range 25 {
		qs = append(qs, orb.Point{r.uniform(-180, 180), r.uniform(-90, 90)})
	}
	return qs
}

func TestIndexNearest(t *testing.T) {
	pts := indexTestPoints(5000)
	ix := NewIndex(pts)
	if ix.Len() != len(pts) || ix.Item(7) != pts[7] {
		t.Fatalf("Len/Item wrong")
	}
	for _, q := range indexQueries() {
		brute := bruteDistances(pts, q)
		for _, k := range []int{1, 5, 40} {
			got := ix.Nearest(q, k)
			if len(got) != k {
				t.Fatalf("Nearest(%v, %d) returned %d", q, k, len(got))
			}
			for j, nb := range got {
				// Same distances as brute force (ties may swap items).
				if math.Abs(nb.Distance-brute[j].d) > 1e-6 {
					t.Fatalf("Nearest(%v, %d)[%d]: distance %v, brute force %v", q, k, j, nb.Distance, brute[j].d)
				}
				if nb.Item != pts[nb.Index] || math.Abs(nb.Distance-Distance(q, pts[nb.Index])) > 1e-6 {
					t.Fatalf("Neighbor %+v inconsistent with input", nb)
				}
				if j > 0 && got[j-1].Distance > nb.Distance {
					t.Fatalf("Nearest not sorted")
				}
			}
		}
	}
	if got := ix.Nearest(orb.Point{0, 0}, 1e6); len(got) != len(pts)-4 {
		t.Errorf("Nearest with k > n returned %d, want %d valid points", len(got), len(pts)-4)
	}
	for _, bad := range []orb.Point{{nan, 0}, {0, 95}} {
		if got := ix.Nearest(bad, 3); got != nil {
			t.Errorf("Nearest(%v) = %v, want nil", bad, got)
		}
	}
	if got := ix.Nearest(orb.Point{0, 0}, 0); got != nil {
		t.Errorf("Nearest(k=0) = %v", got)
	}
	empty := NewIndex([]orb.Point(nil))
	if got := empty.Nearest(orb.Point{0, 0}, 3); len(got) != 0 {
		t.Errorf("empty index Nearest = %v", got)
	}
}

func TestIndexWithin(t *testing.T) {
	pts := indexTestPoints(5000)
	ix := NewIndex(pts)
	for _, q := range indexQueries() {
		brute := bruteDistances(pts, q)
		for _, radius := range []float64{0, 50e3, 500e3, 3000e3, 25000e3} {
			var want []int
			for _, h := range brute {
				if h.d <= radius {
					want = append(want, h.i)
				}
			}
			got := ix.Within(q, radius)
			gotIdx := make([]int, len(got))
			for i, nb := range got {
				gotIdx[i] = nb.Index
				if i > 0 && got[i-1].Distance > nb.Distance {
					t.Fatal("Within not sorted")
				}
			}
			slices.Sort(want)
			slices.Sort(gotIdx)
			if !equalInts(gotIdx, want) {
				t.Fatalf("Within(%v, %v): %d items, brute force %d", q, radius, len(gotIdx), len(want))
			}
			// Exactly the points a Circle contains.
			circ := FilterFunc(pts, Circle(q, radius))
			if !equalInts(circ, want) {
				t.Fatalf("Circle(%v, %v) filter: %d items, Within %d", q, radius, len(circ), len(want))
			}
		}
	}
	if got := ix.Within(orb.Point{0, 0}, -1); got != nil {
		t.Errorf("Within(negative radius) = %v", got)
	}
}

func TestIndexInRegion(t *testing.T) {
	pts := indexTestPoints(5000)
	ix := NewIndex(pts)
	regions := map[string]Region{
		"box":              Box(-30, -20, 40, 50),
		"antimeridian box": Box(178, -10, -178, 25),
		"arctic slice":     Box(-20, 87, 20, 90),
		"antarctic":        Box(-180, -90, 180, -88),
		"0..360 box":       Box(350, -89, 370, -87),
		"polygon across":   Polygon(orb.Polygon{{{176, -20}, {184, -20}, {184, 20}, {176, 20}}}),
		"circle at pole":   Circle(orb.Point{0, 90}, 300e3),
		"union":            Union(Box(0, 0, 10, 10), Circle(orb.Point{180, 0}, 200e3)),
		"meridian 180":     Box(180, -90, 180, 90),
		"whole globe":      Box(-180, -90, 180, 90),
		"empty":            Box(0, 10, 10, 0),
	}
	for name, r := range regions {
		got := ix.InRegion(r)
		var want []int
		for i, p := range pts {
			if r.Contains(p) && !math.IsNaN(normLon(p[0])) && p[1] >= -90 && p[1] <= 90 {
				want = append(want, i)
			}
		}
		if !equalInts(got, want) {
			t.Errorf("%s: InRegion found %d, brute force %d", name, len(got), len(want))
		}
		if f := Filter(pts, r); !equalInts(f, want) {
			t.Errorf("%s: Filter found %d, brute force %d", name, len(f), len(want))
		}
	}
}

// TestIndexLarge checks the parallel build on enough points to use it.
func TestIndexLarge(t *testing.T) {
	pts := indexTestPoints(150000) // above the size where the build goes parallel
	ix := NewIndex(pts)
	for _, q := range indexQueries()[:10] {
		best := math.Inf(1)
		for _, p := range pts {
			if !(p[1] >= -90 && p[1] <= 90) {
				continue // not indexed
			}
			if d := Distance(q, p); d < best {
				best = d
			}
		}
		got := ix.Nearest(q, 1)
		if len(got) != 1 || math.Abs(got[0].Distance-best) > 1e-6 {
			t.Fatalf("Nearest(%v) = %v, brute force %v", q, got, best)
		}
	}
}

func TestPatchBox(t *testing.T) {
	// Every unit vector of a point in the lon/lat box lies in the 3-D box.
	boxes := []orb.Bound{
		{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}},
		{Min: orb.Point{170, -5}, Max: orb.Point{180, 5}},
		{Min: orb.Point{-100, 30}, Max: orb.Point{-80, 60}},
		{Min: orb.Point{80, -60}, Max: orb.Point{100, -30}},
		{Min: orb.Point{-10, 89}, Max: orb.Point{10, 90}},
		{Min: orb.Point{180, 0}, Max: orb.Point{180, 10}},
	}
	r := &splitMix64{30}
	for _, b := range boxes {
		lo, hi := patchBox(b)
		for range 2000 {
			p := orb.Point{r.uniform(b.Min[0], b.Max[0]), r.uniform(b.Min[1], b.Max[1])}
			x, y, z := unitVector(p)
			for k, v := range [3]float64{x, y, z} {
				if v < lo[k] || v > hi[k] {
					t.Fatalf("box %v: %v maps outside the 3-D box (axis %d: %v not in [%v, %v])", b, p, k, v, lo[k], hi[k])
				}
			}
		}
	}
}
