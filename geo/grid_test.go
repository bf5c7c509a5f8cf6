package geo

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func TestGridDims(t *testing.T) {
	tests := []struct {
		Name   string
		G      Grid
		NX, NY int
		Err    bool
	}{
		{"5° over 20×10", Grid{orb.Bound{Min: orb.Point{-10, 40}, Max: orb.Point{10, 50}}, 5, 5}, 4, 2, false},
		{"0.1° global, no rounding sliver", Grid{fullBound, 0.1, 0.1}, 3600, 1800, false},
		{"not a multiple: last cell cut", Grid{orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}, 3, 4}, 4, 3, false},
		{"across the antimeridian", Grid{orb.Bound{Min: orb.Point{170, 0}, Max: orb.Point{-170, 10}}, 1, 1}, 20, 10, false},
		{"0..360", Grid{orb.Bound{Min: orb.Point{0, -90}, Max: orb.Point{360, 90}}, 1, 1}, 360, 180, false},
		{"zero cell", Grid{fullBound, 0, 1}, 0, 0, true},
		{"NaN cell", Grid{fullBound, nan, 1}, 0, 0, true},
		{"inverted latitudes", Grid{orb.Bound{Min: orb.Point{0, 10}, Max: orb.Point{1, 0}}, 1, 1}, 0, 0, true},
		{"latitude beyond 90", Grid{orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 91}}, 1, 1}, 0, 0, true},
		{"wider than 360", Grid{orb.Bound{Min: orb.Point{-180, 0}, Max: orb.Point{200, 1}}, 1, 1}, 0, 0, true},
		{"too many cells", Grid{fullBound, 1e-4, 1e-4}, 0, 0, true},
	}
	for _, tt := range tests {
		nx, ny, err := tt.G.Dims()
		if (err != nil) != tt.Err || nx != tt.NX || ny != tt.NY {
			t.Errorf("%s: Dims = %d, %d, %v; want %d, %d, error %v", tt.Name, nx, ny, err, tt.NX, tt.NY, tt.Err)
		}
		if err != nil && !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: error %v does not wrap ErrInvalidArgument", tt.Name, err)
		}
	}
}

func TestGridCell(t *testing.T) {
	g := Grid{orb.Bound{Min: orb.Point{-10, 40}, Max: orb.Point{10, 50}}, 5, 5}
	tests := []struct {
		P      orb.Point
		I, J   int
		Inside bool
	}{
		{orb.Point{-10, 40}, 0, 0, true},
		{orb.Point{-5, 45}, 1, 1, true},  // on an inner corner: cell to the north-east
		{orb.Point{10, 50}, 3, 1, true},  // east and north edges belong to the last cell
		{orb.Point{350, 41}, 0, 0, true}, // 0..360 input
		{orb.Point{10.0001, 45}, 0, 0, false},
		{orb.Point{0, 39.999}, 0, 0, false},
		{orb.Point{nan, 45}, 0, 0, false},
	}
	for _, tt := range tests {
		i, j, ok := g.Cell(tt.P)
		if ok != tt.Inside || (ok && (i != tt.I || j != tt.J)) {
			t.Errorf("Cell(%v) = %d, %d, %v; want %d, %d, %v", tt.P, i, j, ok, tt.I, tt.J, tt.Inside)
		}
	}
	if c, want := g.Center(1, 1), (orb.Point{-2.5, 47.5}); c != want {
		t.Errorf("Center(1, 1) = %v, want %v", c, want)
	}

	// A grid across the antimeridian: 170E to 170W in 5° cells.
	ga := Grid{orb.Bound{Min: orb.Point{170, -10}, Max: orb.Point{-170, 10}}, 5, 5}
	for _, tt := range []struct {
		P    orb.Point
		I, J int
		OK   bool
	}{
		{orb.Point{171, 0}, 0, 2, true},
		{orb.Point{180, 0}, 2, 2, true},
		{orb.Point{-180, 0}, 2, 2, true},
		{orb.Point{-172, -10}, 3, 0, true},
		{orb.Point{-170, 10}, 3, 3, true},
		{orb.Point{190, 0}, 3, 2, true},
		{orb.Point{0, 0}, 0, 0, false},
		{orb.Point{-169, 0}, 0, 0, false},
	} {
		i, j, ok := ga.Cell(tt.P)
		if ok != tt.OK || (ok && (i != tt.I || j != tt.J)) {
			t.Errorf("antimeridian Cell(%v) = %d, %d, %v; want %d, %d, %v", tt.P, i, j, ok, tt.I, tt.J, tt.OK)
		}
	}
	if c := ga.Center(2, 2); c != (orb.Point{-177.5, -10 + 12.5}) {
		t.Errorf("antimeridian Center(2, 2) = %v", c)
	}
	if b := ga.CellBound(1, 0); b != (orb.Bound{Min: orb.Point{175, -10}, Max: orb.Point{180, -5}}) {
		t.Errorf("CellBound(1, 0) = %v", b)
	}
	// A grid whose cells straddle 180: 177.5E eastward in 5° cells.
	gs := Grid{orb.Bound{Min: orb.Point{177.5, 0}, Max: orb.Point{-177.5, 5}}, 5, 5}
	if b := gs.CellBound(0, 0); b != (orb.Bound{Min: orb.Point{177.5, 0}, Max: orb.Point{-177.5, 5}}) {
		t.Errorf("straddling CellBound = %v, want Min.X > Max.X", b)
	}
}

func TestGridBin(t *testing.T) {
	g := Grid{orb.Bound{Min: orb.Point{-10, 40}, Max: orb.Point{10, 50}}, 5, 5}
	pts := []orb.Point{
		{-9, 41}, {-8, 42}, {-7, 43}, // cell (0,0): 1, 2, 6
		{9, 49},             // cell (3,1): 4
		{9, 49},             // NaN value: ignored
		{20, 45}, {nan, 45}, // outside / no position
		{-1, 41}, {-2, 42}, // cell (1,0): -3, -3
	}
	vals := []float64{1, 2, 6, 4, nan, 100, 100, -3, -3}
	b, err := g.Bin(pts, vals)
	if err != nil {
		t.Fatal(err)
	}
	if b.NX != 4 || b.NY != 2 {
		t.Fatalf("dims %d × %d", b.NX, b.NY)
	}
	check := func(i, j, count int, mean, std, lo, hi float64) {
		t.Helper()
		c := b.Cell(i, j)
		same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 1e-12 }
		if c.Count != count || !same(c.Mean, mean) || !same(c.Std, std) || !same(c.Min, lo) || !same(c.Max, hi) {
			t.Errorf("cell (%d,%d) = %+v, want count %d mean %v std %v min %v max %v", i, j, c, count, mean, std, lo, hi)
		}
	}
	// Values 1, 2, 6: mean 3, population variance ((4+1+9)/3) = 14/3.
	check(0, 0, 3, 3, math.Sqrt(14.0/3), 1, 6)
	check(1, 0, 2, -3, 0, -3, -3)
	check(3, 1, 1, 4, 0, 4, 4)
	check(2, 0, 0, nan, nan, nan, nan)

	// Counts only.
	bc, err := g.Bin(pts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bc.Cell(3, 1).Count != 2 || bc.Cell(0, 0).Count != 3 || !math.IsNaN(bc.Cell(0, 0).Mean) {
		t.Errorf("counts-only cells: %+v %+v", bc.Cell(3, 1), bc.Cell(0, 0))
	}
	n := 0
	for c := range b.Cells() {
		n++
		if c.Count == 0 {
			t.Error("Cells yielded an empty cell")
		}
	}
	if n != 3 {
		t.Errorf("Cells yielded %d, want 3", n)
	}

	if _, err := g.Bin(pts, vals[:2]); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("length mismatch: %v", err)
	}
	if _, err := (Grid{}).Bin(pts, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("zero Grid: %v", err)
	}
}

// TestGridBinRandom checks the one-pass statistics against a two-pass computation.
func TestGridBinRandom(t *testing.T) {
	g := Grid{orb.Bound{Min: orb.Point{160, -20}, Max: orb.Point{-160, 20}}, 2.5, 2.5}
	r := &splitMix64{70}
	pts := make([]orb.Point, 50000)
	vals := make([]float64, len(pts))
	for i := range pts {
		pts[i] = orb.Point{r.uniform(150, 210), r.uniform(-25, 25)}
		vals[i] = 1e4 + r.uniform(-1, 1) // large offset: a naive sum of squares would lose digits
		if i%17 == 0 {
			vals[i] = nan
		}
	}
	b, err := g.Bin(pts, vals)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[[2]int][]float64{}
	for k, p := range pts {
		if math.IsNaN(vals[k]) {
			continue
		}
		if i, j, ok := g.Cell(p); ok {
			groups[[2]int{i, j}] = append(groups[[2]int{i, j}], vals[k])
		}
	}
	total := 0
	for key, vs := range groups {
		c := b.Cell(key[0], key[1])
		mean := 0.0
		for _, v := range vs {
			mean += v
		}
		mean /= float64(len(vs))
		ss := 0.0
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range vs {
			ss += (v - mean) * (v - mean)
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		std := math.Sqrt(ss / float64(len(vs)))
		if c.Count != len(vs) || math.Abs(c.Mean-mean) > 1e-9 || math.Abs(c.Std-std) > 1e-9 || c.Min != lo || c.Max != hi {
			t.Fatalf("cell %v = %+v, two-pass count %d mean %v std %v", key, c, len(vs), mean, std)
		}
		total += len(vs)
	}
	sum := 0
	for _, n := range b.Count {
		sum += n
	}
	if sum != total || len(groups) != 16*16 {
		t.Errorf("binned %d values in %d cells, want %d in 256", sum, len(groups), total)
	}
}

func TestBinnedFeatureCollection(t *testing.T) {
	g := Grid{orb.Bound{Min: orb.Point{177.5, 0}, Max: orb.Point{-172.5, 5}}, 5, 5}
	b, err := g.Bin([]orb.Point{{179, 1}, {-178, 2}, {-173, 3}}, []float64{1, 3, nan})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(b.FeatureCollection())
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 1 {
		t.Fatalf("%d features, want 1 (the NaN value is ignored): %s", len(fc.Features), data)
	}
	f := fc.Features[0]
	mp, ok := f.Geometry.(orb.MultiPolygon)
	if !ok || len(mp) != 2 {
		t.Fatalf("straddling cell geometry = %#v, want a MultiPolygon split at 180", f.Geometry)
	}
	if mp.Bound() != (orb.Bound{Min: orb.Point{-180, 0}, Max: orb.Point{180, 5}}) {
		t.Errorf("parts bound %v", mp.Bound())
	}
	if f.Properties["count"] != 2.0 || f.Properties["mean"] != 2.0 || f.Properties["std"] != 1.0 {
		t.Errorf("properties = %v", f.Properties)
	}
	// The cell polygon as a Region contains the binned points.
	r := MultiPolygon(mp)
	if !r.Contains(orb.Point{179, 1}) || !r.Contains(orb.Point{-178, 2}) || r.Contains(orb.Point{-177, 2}) {
		t.Error("cell polygon does not contain its points")
	}
}
