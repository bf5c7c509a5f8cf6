package geo_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/insitu-go/insitu/geo"
)

func ExampleBox() {
	// A box across the antimeridian around Fiji: west (177°E) > east (178°W).
	fiji := geo.Box(177, -20, -178, -15)
	fmt.Println(fiji.Contains(orb.Point{179.5, -17}))  // west of 180°
	fmt.Println(fiji.Contains(orb.Point{-179.5, -17})) // east of 180°
	fmt.Println(fiji.Contains(orb.Point{181, -17}))    // 0..360 input
	fmt.Println(fiji.Contains(orb.Point{170, -17}))
	fmt.Println(fiji.Contains(orb.Point{-178, -15})) // corner: boxes are closed
	fmt.Println(geo.Bounds(fiji))
	// Output:
	// true
	// true
	// true
	// false
	// true
	// [{[177 -20] [180 -15]} {[-180 -20] [-178 -15]}]
}

func ExamplePolygon() {
	// A square with a square hole. The boundary (of the shell and of the hole) is
	// inside; the hole is not.
	p := geo.Polygon(orb.Polygon{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}},
	})
	for _, q := range []orb.Point{{2, 2}, {5, 5}, {4, 5}, {10, 10}, {11, 5}} {
		fmt.Println(q, p.Contains(q))
	}
	// Output:
	// [2 2] true
	// [5 5] false
	// [4 5] true
	// [10 10] true
	// [11 5] false
}

func ExampleMultiPolygon() {
	// A polygon split at the antimeridian, as RFC 7946 asks.
	r := geo.MultiPolygon(orb.MultiPolygon{
		{{{170, -10}, {180, -10}, {180, 10}, {170, 10}, {170, -10}}},
		{{{-180, -10}, {-170, -10}, {-170, 10}, {-180, 10}, {-180, -10}}},
	})
	fmt.Println(r.Contains(orb.Point{175, 0}), r.Contains(orb.Point{-175, 0}), r.Contains(orb.Point{0, 0}))
	// Output: true true false
}

func ExampleCircle() {
	brest := orb.Point{-4.49, 48.39}
	c := geo.Circle(brest, 20e3) // 20 km
	fmt.Println(c.Contains(geo.Destination(brest, 45, 19.9e3)))
	fmt.Println(c.Contains(geo.Destination(brest, 45, 20.1e3)))
	// Circles are round on the globe, even over a pole.
	polar := geo.Circle(orb.Point{0, 89}, 300e3)
	fmt.Println(polar.Contains(orb.Point{180, 89}))
	// Output:
	// true
	// false
	// true
}

func ExampleUnion() {
	r := geo.Union(geo.Box(-10, 40, 0, 50), geo.Circle(orb.Point{10, 45}, 100e3))
	x := geo.Intersect(geo.Box(-10, 40, 0, 50), geo.Box(-5, 45, 5, 55))
	fmt.Println(r.Contains(orb.Point{-5, 45}), r.Contains(orb.Point{10.5, 45}), r.Contains(orb.Point{5, 45}))
	fmt.Println(x.Contains(orb.Point{-2, 47}), x.Contains(orb.Point{-8, 42}), x.Bound())
	// Output:
	// true true false
	// true false {[-5 45] [0 50]}
}

func ExampleFilter() {
	positions := []orb.Point{
		{-5.0, 48.3},   // Iroise Sea
		{-4.49, 48.39}, // Brest, on land
		{-5.5, 48.2},   // on the polygon's west edge
		{-30, 40},      // mid-Atlantic
	}
	iroise, err := geo.ParseRegion([]byte(`POLYGON ((-5.5 48, -4.72 48, -4.55 48.1, -4.4 48.15,
		-4.45 48.25, -4.62 48.27, -4.55 48.33, -4.77 48.33, -4.78 48.52, -4.9 48.7, -5.5 48.7, -5.5 48))`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(geo.Filter(positions, iroise))
	// Output: [0 2]
}

// profile is a caller's type with a position: anything with a Point method works with
// FilterFunc, NewIndex and FeatureCollection.
type profile struct {
	Float    string
	Lon, Lat float64
	Temp     float64
}

func (p profile) Point() orb.Point { return orb.Point{p.Lon, p.Lat} }

func ExampleFilterFunc() {
	profiles := []profile{{"6901234", -20, 40, 14.2}, {"6901235", 170, -5, 29.1}, {"6901236", -175, 5, 28.7}}
	fmt.Println(geo.FilterFunc(profiles, geo.Box(160, -10, -160, 10)))
	// Output: [1 2]
}

func ExampleDistance() {
	jfk, cdg := orb.Point{-73.8, 40.6}, orb.Point{2.55, 49.01666667}
	fmt.Printf("%.0f km\n", geo.Distance(jfk, cdg)/1e3)
	// Across the antimeridian: one degree of the equator.
	fmt.Printf("%.3f km\n", geo.Distance(orb.Point{179.5, 0}, orb.Point{-179.5, 0})/1e3)
	// Output:
	// 5838 km
	// 111.195 km
}

func ExampleDistanceGeodesic() {
	// GeographicLib's example: Wellington to Salamanca, nearly antipodal.
	wellington, salamanca := orb.Point{174.81, -41.32}, orb.Point{-5.50, 40.96}
	fmt.Printf("%.3f m\n", geo.DistanceGeodesic(wellington, salamanca))
	// Output: 19959679.267 m
}

func ExampleBearing() {
	jfk, cdg := orb.Point{-73.8, 40.6}, orb.Point{2.55, 49.01666667}
	b := geo.Bearing(jfk, cdg)
	fmt.Printf("%.1f°\n", b)
	p := geo.Destination(jfk, b, geo.Distance(jfk, cdg))
	fmt.Printf("%.5f %.5f\n", p[0], p[1])
	// Output:
	// 53.4°
	// 2.55000 49.01667
}

func ExampleIndex_Nearest() {
	buoys := []orb.Point{{179.9, 0}, {-179.8, 0.1}, {0, 0}, {10, 89.9}, {-170, 89.95}}
	ix := geo.NewIndex(buoys)
	// The nearest buoys to a point on the antimeridian are on both sides of it.
	for _, n := range ix.Nearest(orb.Point{180, 0}, 2) {
		fmt.Printf("buoy %d at %.1f km\n", n.Index, n.Distance/1e3)
	}
	// Near the pole, longitude hardly matters.
	n := ix.Nearest(orb.Point{100, 90}, 1)[0]
	fmt.Printf("buoy %d at %.1f km\n", n.Index, n.Distance/1e3)
	// Output:
	// buoy 0 at 11.1 km
	// buoy 1 at 24.9 km
	// buoy 4 at 5.6 km
}

func ExampleIndex_Within() {
	ix := geo.NewIndex([]orb.Point{{-4.5, 48.4}, {-4.6, 48.3}, {-5.5, 47}})
	for _, n := range ix.Within(orb.Point{-4.49, 48.39}, 20e3) {
		fmt.Printf("%d %.1f km\n", n.Index, n.Distance/1e3)
	}
	fmt.Println(ix.InRegion(geo.Box(-6, 46, -5, 48)))
	// Output:
	// 0 1.3 km
	// 1 12.9 km
	// [2]
}

func ExampleMatch() {
	t0 := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	fish := []geo.Obs{
		{Point: orb.Point{-5.0, 48.3}, Time: t0, ID: 101},
		{Point: orb.Point{-30, 40}, Time: t0, ID: 102}, // nothing nearby
	}
	ctd := []geo.Obs{
		{Point: orb.Point{-5.1, 48.35}, Time: t0.Add(-24 * time.Hour), ID: 1},
		{Point: orb.Point{-5.0, 48.31}, Time: t0.Add(5 * 24 * time.Hour), ID: 2}, // too late
		{Point: orb.Point{-4.9, 48.2}, Time: t0.Add(2 * time.Hour), ID: 3},
	}
	pairs, err := geo.Match(fish, ctd, geo.MatchOptions{MaxDistance: 20e3, MaxTimeDelta: 72 * time.Hour, K: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range pairs {
		fmt.Printf("fish %d - ctd %d: %.1f km, %v\n", m.AID, m.BID, m.Distance/1e3, m.TimeDelta)
	}
	// Output:
	// fish 101 - ctd 1: 9.3 km, -24h0m0s
	// fish 101 - ctd 3: 13.4 km, 2h0m0s
}

func ExampleFeatureCollection() {
	profiles := []profile{{"6901234", -20, 40, 14.2}, {"6901235", 190, -5, 29.1}}
	fc := geo.FeatureCollection(profiles, func(p profile) geojson.Properties {
		return geojson.Properties{"float": p.Float, "temp": p.Temp}
	})
	data, err := json.Marshal(fc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(data))
	// Output:
	// {"features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-20,40]},"properties":{"float":"6901234","temp":14.2}},{"type":"Feature","geometry":{"type":"Point","coordinates":[-170,-5]},"properties":{"float":"6901235","temp":29.1}}],"type":"FeatureCollection"}
}

func ExampleFeatureWriter() {
	fw := geo.NewFeatureWriter(os.Stdout)
	for i, p := range []orb.Point{{-5, 48.3}, {-4.9, 48.2}} {
		if err := fw.WritePoint(p, geojson.Properties{"n": i}); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := fw.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"type":"Feature","geometry":{"type":"Point","coordinates":[-5,48.3]},"properties":{"n":0}},
	// {"type":"Feature","geometry":{"type":"Point","coordinates":[-4.9,48.2]},"properties":{"n":1}}
	// ]}
}

func ExampleGrid_Bin() {
	g := geo.Grid{Bound: orb.Bound{Min: orb.Point{-10, 40}, Max: orb.Point{10, 50}}, DLon: 5, DLat: 5}
	pts := []orb.Point{{-9, 41}, {-8, 42}, {-7, 43}, {9, 49}, {9, 49.5}}
	temps := []float64{12, 13, 14, 9, math.NaN()} // NaN values are ignored
	b, err := g.Bin(pts, temps)
	if err != nil {
		fmt.Println(err)
		return
	}
	for c := range b.Cells() {
		fmt.Printf("cell (%d,%d) centre %v: n=%d mean=%.2f std=%.2f min=%g max=%g\n",
			c.I, c.J, c.Center, c.Count, c.Mean, c.Std, c.Min, c.Max)
	}
	// Output:
	// cell (0,0) centre [-7.5 42.5]: n=3 mean=13.00 std=0.82 min=12 max=14
	// cell (3,1) centre [7.5 47.5]: n=1 mean=9.00 std=0.00 min=9 max=9
}

func ExampleOceanBasin() {
	for _, p := range []orb.Point{{-30, 40}, {70, -20}, {160, 0}, {-100, 10}} {
		b := geo.OceanBasin(p)
		fmt.Printf("%v %c %s\n", p, b, b)
	}
	// Output:
	// [-30 40] A Atlantic
	// [70 -20] I Indian
	// [160 0] P Pacific
	// [-100 10] P Pacific
}

func ExampleParseRegion() {
	r, err := geo.ParseRegion([]byte(`{"type":"Feature","properties":{},"geometry":
		{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Contains(orb.Point{5, 5}), r.Bound())

	_, err = geo.ParseRegion([]byte("POLYGON ((0 0, 1 0, 1 1, 0 1))"))
	fmt.Println(err)
	// Output:
	// true {[0 0] [10 10]}
	// geo: parse WKT at byte 8: invalid geometry: polygon: ring 0 is not closed (first position [0 0], last [0 1])
}
