package geo

import (
	"math"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// bigCache keeps the positions of the INSITU_BIG_INDEX file across benchmarks (test
// code only).
var bigCache struct {
	sync.Mutex
	path string
	pts  []orb.Point
}

func loadBig(b *testing.B) []orb.Point {
	index, _ := bigIndexEnv(b)
	bigCache.Lock()
	defer bigCache.Unlock()
	if bigCache.path != index {
		_, bigCache.pts = readIndexPositions(b, index)
		bigCache.path = index
	}
	return bigCache.pts
}

// BenchmarkPIP is the Go side of ../shared/bench/shapely_pip.py: point-in-polygon of
// every position of a full-size Argo index (INSITU_BIG_INDEX; 3.24 M positions) against
// the 11-vertex Iroise polygon and the 200-vertex gyre, with Filter (bounding-box
// rejection, then the prepared grid, on all cores). Polygons are prepared once, outside
// the timing, as shapely's are. Run it with geo/testdata/bench_pip.sh.
func BenchmarkPIP(b *testing.B) {
	pts := loadBig(b)
	for _, name := range []string{"iroise", "gyre"} {
		r, _ := readPolygonWKT(b, filepath.Join("testdata", name+".wkt"))
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				n = len(Filter(pts, r))
			}
			b.ReportMetric(float64(n), "inside")
			b.ReportMetric(float64(len(pts)), "points")
		})
		b.Run(name+"/index", func(b *testing.B) {
			// The same query through a prebuilt Index (build time not included).
			ix := NewIndex(pts)
			b.ReportAllocs()
			var n int
			for b.Loop() {
				n = len(ix.InRegion(r))
			}
			b.ReportMetric(float64(n), "inside")
		})
	}
}

// BenchmarkFilter runs Filter on 1 M synthetic points over the North Atlantic against a
// 200-vertex star polygon like the gyre, so it needs no external data; "sequential"
// is the same test in one goroutine.
func BenchmarkFilter(b *testing.B) {
	pts := randomPoints(1, 1_000_000, -100, 0, 0, 60)
	r := Polygon(starPolygon(200, -45, 30, 32, 14, false))
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n = len(Filter(pts, r))
		}
		b.ReportMetric(float64(n), "inside")
	})
	b.Run("sequential", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			var out []int
			for i, p := range pts {
				if r.Contains(p) {
					out = append(out, i)
				}
			}
			n = len(out)
		}
		b.ReportMetric(float64(n), "inside")
	})
}

// BenchmarkPolygonContains times one Contains call on points inside the bounding box.
func BenchmarkPolygonContains(b *testing.B) {
	r := Polygon(starPolygon(200, -45, 30, 32, 14, false))
	pts := randomPoints(2, 4096, -77, 16, -13, 44)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r.Contains(pts[i&4095])
		i++
	}
}

// BenchmarkIndexNearest queries an Index of 1 M random points on the sphere; the target
// is under 5 µs per query.
func BenchmarkIndexNearest(b *testing.B) {
	r := &splitMix64{40}
	pts := make([]orb.Point, 1_000_000)
	for i := range pts {
		pts[i] = orb.Point{r.uniform(-180, 180), math.Asin(r.uniform(-1, 1)) * rad}
	}
	ix := NewIndex(pts)
	qs := make([]orb.Point, 4096)
	for i := range qs {
		qs[i] = orb.Point{r.uniform(-180, 180), math.Asin(r.uniform(-1, 1)) * rad}
	}
	for _, k := range []int{1, 10} {
		b.Run("k="+map[int]string{1: "1", 10: "10"}[k], func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				ix.Nearest(qs[i&4095], k)
				i++
			}
		})
	}
	b.Run("within_50km", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			ix.Within(qs[i&4095], 50e3)
			i++
		}
	})
}

// BenchmarkNewIndex builds an Index over 1 M points.
func BenchmarkNewIndex(b *testing.B) {
	pts := randomPoints(41, 1_000_000, -180, -90, 180, 90)
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(pts)
	}
}

// BenchmarkMatch pairs 100 k observations with 1 M others within 20 km and 3 days.
func BenchmarkMatch(b *testing.B) {
	r := &splitMix64{42}
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(n int) []Obs {
		obs := make([]Obs, n)
		for i := range obs {
			obs[i] = Obs{
				Point: orb.Point{r.uniform(-20, 0), r.uniform(40, 60)},
				Time:  t0.Add(time.Duration(r.uniform(0, 365*24)) * time.Hour),
				ID:    i,
			}
		}
		return obs
	}
	a, bb := mk(100_000), mk(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Match(a, bb, MatchOptions{MaxDistance: 20e3, MaxTimeDelta: 72 * time.Hour, K: 3}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDistance(b *testing.B) {
	p, q := orb.Point{-4.49, 48.39}, orb.Point{-73.8, 40.6}
	b.ReportAllocs()
	for b.Loop() {
		Distance(p, q)
	}
}

func BenchmarkDistanceGeodesic(b *testing.B) {
	p, q := orb.Point{-4.49, 48.39}, orb.Point{-73.8, 40.6}
	b.ReportAllocs()
	for b.Loop() {
		DistanceGeodesic(p, q)
	}
}
