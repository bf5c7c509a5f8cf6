package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

var nan = math.NaN()

type containsCase struct {
	Name string
	P    orb.Point
	Want bool
}

func runContains(t *testing.T, r Region, cases []containsCase) {
	t.Helper()
	for _, c := range cases {
		if got := r.Contains(c.P); got != c.Want {
			t.Errorf("%s: Contains(%v) = %v, want %v", c.Name, c.P, got, c.Want)
		}
	}
}

var boxTests = []struct {
	Name                     string
	West, South, East, North float64
	Cases                    []containsCase
	Bound                    orb.Bound
}{
	{
		Name: "plain", West: -10, South: 40, East: 5, North: 50,
		Cases: []containsCase{
			{"inside", orb.Point{0, 45}, true},
			{"west edge", orb.Point{-10, 45}, true},
			{"east edge", orb.Point{5, 45}, true},
			{"south edge", orb.Point{0, 40}, true},
			{"north-east corner", orb.Point{5, 50}, true},
			{"just outside east", orb.Point{math.Nextafter(5, 6), 45}, false},
			{"just outside south", orb.Point{0, math.Nextafter(40, 0)}, false},
			{"0..360 input", orb.Point{355, 45}, true},
			{"0..360 outside", orb.Point{185, 45}, false},
			{"NaN lon", orb.Point{nan, 45}, false},
			{"NaN lat", orb.Point{0, nan}, false},
			{"Inf lon", orb.Point{math.Inf(1), 45}, false},
		},
		Bound: orb.Bound{Min: orb.Point{-10, 40}, Max: orb.Point{5, 50}},
	},
	{
		Name: "antimeridian", West: 170, South: -10, East: -170, North: 10,
		Cases: []containsCase{
			{"at 180", orb.Point{180, 0}, true},
			{"at -180", orb.Point{-180, 0}, true},
			{"east of 180", orb.Point{-175, 5}, true},
			{"west of 180", orb.Point{175, -5}, true},
			{"west edge", orb.Point{170, 0}, true},
			{"east edge", orb.Point{-170, 0}, true},
			{"0..360 east of 180", orb.Point{185, 0}, true},
			{"outside, prime meridian", orb.Point{0, 0}, false},
			{"outside, just east", orb.Point{-169.999, 0}, false},
			{"outside, just west", orb.Point{169.999, 0}, false},
		},
		Bound: orb.Bound{Min: orb.Point{-180, -10}, Max: orb.Point{180, 10}},
	},
	{
		Name: "0..360 box across 180", West: 160, South: 0, East: 200, North: 20,
		Cases: []containsCase{
			{"-170", orb.Point{-170, 10}, true},
			{"190", orb.Point{190, 10}, true},
			{"165", orb.Point{165, 10}, true},
			{"-150", orb.Point{-150, 10}, false},
		},
		Bound: orb.Bound{Min: orb.Point{-180, 0}, Max: orb.Point{180, 20}},
	},
	{
		Name: "0..360 box not across 180 but across 0", West: 350, South: 0, East: 370, North: 20,
		Cases: []containsCase{
			{"-5", orb.Point{-5, 10}, true},
			{"5", orb.Point{5, 10}, true},
			{"355", orb.Point{355, 10}, true},
			{"20", orb.Point{20, 10}, false},
		},
		Bound: orb.Bound{Min: orb.Point{-10, 0}, Max: orb.Point{10, 20}},
	},
	{
		Name: "wide box eastward from 10 to 350", West: 10, South: 0, East: 350, North: 1,
		Cases: []containsCase{
			{"180", orb.Point{180, 0.5}, true},
			{"-90", orb.Point{-90, 0.5}, true},
			{"0 is outside", orb.Point{0, 0.5}, false},
			{"-10 edge", orb.Point{-10, 0.5}, true},
		},
		Bound: orb.Bound{Min: orb.Point{-180, 0}, Max: orb.Point{180, 1}},
	},
	{
		Name: "touches 180 from the west", West: 170, South: 0, East: 180, North: 10,
		Cases: []containsCase{
			{"180", orb.Point{180, 5}, true},
			{"-180 is the same meridian", orb.Point{-180, 5}, true},
			{"-179", orb.Point{-179, 5}, false},
		},
		Bound: orb.Bound{Min: orb.Point{170, 0}, Max: orb.Point{180, 10}},
	},
	{
		Name: "whole globe -180..180", West: -180, South: -90, East: 180, North: 90,
		Cases: []containsCase{
			{"north pole", orb.Point{123, 90}, true},
			{"south pole", orb.Point{-45, -90}, true},
			{"anywhere", orb.Point{179.5, -33}, true},
			{"lat beyond 90", orb.Point{0, 90.5}, false},
		},
		Bound: fullBound,
	},
	{
		Name: "whole globe 0..360", West: 0, South: -90, East: 360, North: 90,
		Cases: []containsCase{
			{"-120", orb.Point{-120, 10}, true},
			{"359", orb.Point{359, 10}, true},
		},
		Bound: fullBound,
	},
	{
		Name: "arctic cap slice", West: -10, South: 80, East: 10, North: 90,
		Cases: []containsCase{
			{"inside", orb.Point{0, 85}, true},
			{"pole at another longitude", orb.Point{100, 90}, true},
			{"pole at -180", orb.Point{-180, 90}, true},
			{"89.9 at another longitude", orb.Point{100, 89.9}, false},
		},
		Bound: orb.Bound{Min: orb.Point{-180, 80}, Max: orb.Point{180, 90}},
	},
	{
		Name: "antarctic band", West: -180, South: -90, East: 180, North: -60,
		Cases: []containsCase{
			{"south pole", orb.Point{0, -90}, true},
			{"-60 edge", orb.Point{77, -60}, true},
			{"-59", orb.Point{77, -59}, false},
		},
		Bound: orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, -60}},
	},
	{
		Name: "latitudes clamped", West: 0, South: -100, East: 10, North: 100,
		Cases: []containsCase{
			{"north pole", orb.Point{50, 90}, true},
			{"south pole", orb.Point{50, -90}, true},
			{"mid", orb.Point{5, 0}, true},
			{"beyond 90", orb.Point{5, 95}, false},
		},
		Bound: orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}},
	},
	{
		Name: "south > north is empty", West: 0, South: 10, East: 10, North: 0,
		Cases: []containsCase{{"between", orb.Point{5, 5}, false}},
		Bound: emptyBound,
	},
	{
		Name: "NaN edge is empty", West: nan, South: 0, East: 10, North: 10,
		Cases: []containsCase{{"inside otherwise", orb.Point{5, 5}, false}},
		Bound: emptyBound,
	},
	{
		Name: "degenerate meridian segment", West: 20, South: 0, East: 20, North: 10,
		Cases: []containsCase{
			{"on it", orb.Point{20, 5}, true},
			{"off it", orb.Point{20.0000001, 5}, false},
		},
		Bound: orb.Bound{Min: orb.Point{20, 0}, Max: orb.Point{20, 10}},
	},
}

func TestBox(t *testing.T) {
	for _, tt := range boxTests {
		t.Run(tt.Name, func(t *testing.T) {
			r := Box(tt.West, tt.South, tt.East, tt.North)
			runContains(t, r, tt.Cases)
			if got := r.Bound(); got != tt.Bound {
				t.Errorf("Bound() = %v, want %v", got, tt.Bound)
			}
			checkBoundsCover(t, r, 20000)
		})
	}
}

// checkBoundsCover asserts that every contained random point (including points on the
// ±180 meridian and at the poles) lies in one of Bounds(r), and in Bound() up to the
// ±180 identification.
func checkBoundsCover(t *testing.T, r Region, n int) {
	t.Helper()
	pieces := Bounds(r)
	b := r.Bound()
	pts := randomPoints(99, n, -180, -90, 180, 90)
	for _, lat := range []float64{-90, -60, 0, 45, 90} {
		pts = append(pts, orb.Point{180, lat}, orb.Point{-180, lat}, orb.Point{0, lat})
	}
	for _, p := range pts {
		if !r.Contains(p) {
			continue
		}
		x := normLon(p[0])
		if !inPieces(pieces, x, p[1]) {
			t.Fatalf("%v is contained but not in Bounds %v", p, pieces)
		}
		if !b.Contains(orb.Point{x, p[1]}) && !(math.Abs(x) == 180 && b.Contains(orb.Point{-x, p[1]})) {
			t.Fatalf("%v is contained but not in Bound %v", p, b)
		}
	}
}

func TestNormLon(t *testing.T) {
	tests := []struct{ In, Want float64 }{
		{0, 0}, {180, 180}, {-180, -180}, {181, -179}, {359.5, -0.5}, {360, 0}, {540, 180},
		{-181, 179}, {-540, -180}, {720, 0}, {725, 5}, {-725, -5}, {1e6, 1e6 - 2778*360},
	}
	for _, tt := range tests {
		if got := normLon(tt.In); got != tt.Want {
			t.Errorf("normLon(%v) = %v, want %v", tt.In, got, tt.Want)
		}
	}
	for _, v := range []float64{nan, math.Inf(1), math.Inf(-1)} {
		if got := normLon(v); !math.IsNaN(got) {
			t.Errorf("normLon(%v) = %v, want NaN", v, got)
		}
	}
	// 0..360 values map to [-180, 0] and back exactly.
	r := &splitMix64{5}
	for range 10000 {
		x := r.uniform(180, 360)
		if back := normLon(x) + 360; back != x {
			t.Fatalf("normLon(%v)+360 = %v, not exact", x, back)
		}
	}
}

func TestBoundsForeignRegion(t *testing.T) {
	// A Region from outside the package with a crossing bound (west > east).
	r := foreignRegion{orb.Bound{Min: orb.Point{170, -5}, Max: orb.Point{-170, 5}}}
	got := Bounds(r)
	want := []orb.Bound{
		{Min: orb.Point{170, -5}, Max: orb.Point{180, 5}},
		{Min: orb.Point{-180, -5}, Max: orb.Point{-170, 5}},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Bounds = %v, want %v", got, want)
	}
	if got := Bounds(foreignRegion{emptyBound}); got != nil {
		t.Errorf("Bounds(empty) = %v, want nil", got)
	}
	// Filter works with it through the bounds and Contains.
	pts := []orb.Point{{175, 0}, {0, 0}, {-175, 1}, {-175, 6}}
	if got := Filter(pts, r); !equalInts(got, []int{0, 2}) {
		t.Errorf("Filter = %v, want [0 2]", got)
	}
}

// foreignRegion is a box-like Region implemented outside the package's types.
type foreignRegion struct{ b orb.Bound }

func (f foreignRegion) Contains(p orb.Point) bool {
	return Box(f.b.Min[0], f.b.Min[1], f.b.Max[0], f.b.Max[1]).Contains(p)
}
func (f foreignRegion) Bound() orb.Bound { return f.b }

func TestUnionIntersect(t *testing.T) {
	a := Box(-10, -10, 10, 10)
	b := Box(0, 0, 20, 20)
	c := Box(170, -5, -170, 5) // across the antimeridian
	u := Union(a, b, c, nil)
	runContains(t, u, []containsCase{
		{"in a only", orb.Point{-5, -5}, true},
		{"in b only", orb.Point{15, 15}, true},
		{"in c", orb.Point{179, 0}, true},
		{"in none", orb.Point{-15, 15}, false},
	})
	x := Intersect(a, b)
	runContains(t, x, []containsCase{
		{"in both", orb.Point{5, 5}, true},
		{"shared corner", orb.Point{0, 0}, true},
		{"in a only", orb.Point{-5, -5}, false},
		{"in b only", orb.Point{15, 15}, false},
	})
	if got, want := x.Bound(), (orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}); got != want {
		t.Errorf("Intersect bound = %v, want %v", got, want)
	}
	xc := Intersect(c, Box(175, -90, -175, 90))
	runContains(t, xc, []containsCase{
		{"at 180", orb.Point{180, 0}, true},
		{"-177", orb.Point{-177, 0}, true},
		{"-172 only in c", orb.Point{-172, 0}, false},
	})
	if got := Union(); got.Contains(orb.Point{0, 0}) || !got.Bound().IsEmpty() {
		t.Error("empty Union contains something")
	}
	if got := Intersect(); got.Contains(orb.Point{0, 0}) || !got.Bound().IsEmpty() {
		t.Error("empty Intersect contains something")
	}
	// Nested unions flatten; disjoint intersections are empty.
	if got := Bounds(Intersect(Box(0, 0, 1, 1), Box(2, 2, 3, 3))); len(got) != 0 {
		t.Errorf("disjoint Intersect bounds = %v", got)
	}
	for _, r := range []Region{u, x, xc, Union(Union(a, c), b)} {
		checkBoundsCover(t, r, 5000)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
