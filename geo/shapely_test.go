package geo

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// Expected results computed by testdata/shapely_random.py with shapely 1.8.5
// (GEOS 3.11): /usr/bin/python3 geo/testdata/shapely_random.py
var shapelyRandom = []struct {
	Name   string
	Seed   uint64
	Points int
	// Random points in the bounding box.
	Contains, Covers int
	SHACovers        string
	// Lattice points (see the script), many exactly on the boundary.
	LatticeContains, LatticeCovers int
	LatticeSHAContains             string
	LatticeSHACovers               string
}{
	{
		Name: "iroise", Seed: 1, Points: 100000,
		Contains: 74560, Covers: 74560,
		SHACovers:       "56626e94f32a766cc1000adbcaa347abab74f6e3da2fc64d6d34843dc08702dc",
		LatticeContains: 5645, LatticeCovers: 5882,
		LatticeSHAContains: "c3819894f857a044a1f9880498c7df5f08b71f28025861733bb31a8e98ff0c04",
		LatticeSHACovers:   "9607dbb6bad60d55f545eadf1ee7ab099894a3666e03fb0813f8459fc8126ed9",
	},
	{
		Name: "gyre", Seed: 2, Points: 100000,
		Contains: 61715, Covers: 61715,
		SHACovers:       "36ca85b6204b0bf4a7691a6d43a238ecbd7d5c787eceeb36cd919cbd963ba0d9",
		LatticeContains: 22307, LatticeCovers: 22307,
		LatticeSHAContains: "f1fecbdba16b950ee005b07a760939d8d2b2a84c4a13906de7620139f452f990",
		LatticeSHACovers:   "f1fecbdba16b950ee005b07a760939d8d2b2a84c4a13906de7620139f452f990",
	},
}

func indexDigest(idx []int) string {
	h := sha256.New()
	for _, i := range idx {
		fmt.Fprintf(h, "%d\n", i)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readPolygonWKT parses a WKT polygon file with ParseRegion (the region) and with orb's
// WKT decoder (the rings, for the boundary test).
func readPolygonWKT(t testing.TB, path string) (Region, orb.Polygon) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseRegion(data)
	if err != nil {
		t.Fatalf("ParseRegion(%s): %v", path, err)
	}
	p, err := wkt.UnmarshalPolygon(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatalf("orb wkt %s: %v", path, err)
	}
	return r, p
}

func onBoundary(p orb.Polygon, q orb.Point) bool {
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			if onSegment(r[i], r[i+1], q[0], q[1]) {
				return true
			}
		}
	}
	return false
}

// TestShapelyRandomPoints compares Polygon.Contains with shapely on 100,000 random
// points per polygon (none on the boundary, so contains and covers agree) and on a
// lattice with hundreds of points exactly on edges and vertices: geo's closed polygons
// match shapely's covers, and geo minus the boundary matches shapely's contains.
func TestShapelyRandomPoints(t *testing.T) {
	for _, tt := range shapelyRandom {
		t.Run(tt.Name, func(t *testing.T) {
			r, poly := readPolygonWKT(t, filepath.Join("testdata", tt.Name+".wkt"))
			b := r.Bound()
			rng := &splitMix64{tt.Seed}
			pts := make([]orb.Point, tt.Points)
			for i := range pts {
				x := rng.uniform(b.Min[0], b.Max[0])
				y := rng.uniform(b.Min[1], b.Max[1])
				pts[i] = orb.Point{x, y}
			}
			got := Filter(pts, r)
			if len(got) != tt.Covers || len(got) != tt.Contains {
				t.Errorf("random: %d inside, shapely contains %d, covers %d", len(got), tt.Contains, tt.Covers)
			}
			if d := indexDigest(got); d != tt.SHACovers {
				t.Errorf("random: inside set digest %s, shapely %s", d, tt.SHACovers)
			}

			var lat, lon []float64
			if tt.Name == "iroise" {
				for m := 4795; m <= 4875; m++ {
					lat = append(lat, float64(m)/100)
				}
				for k := -560; k <= -430; k++ {
					lon = append(lon, float64(k)/100)
				}
			} else {
				for m := 0; m <= 120; m++ {
					lat = append(lat, 15+float64(m)/4)
				}
				for k := 0; k <= 264; k++ {
					lon = append(lon, -78+float64(k)/4)
				}
			}
			var lattice []orb.Point
			for _, y := range lat {
				for _, x := range lon {
					lattice = append(lattice, orb.Point{x, y})
				}
			}
			covers := Filter(lattice, r)
			var interior []int
			for _, i := range covers {
				if !onBoundary(poly, lattice[i]) {
					interior = append(interior, i)
				}
			}
			if len(covers) != tt.LatticeCovers || indexDigest(covers) != tt.LatticeSHACovers {
				t.Errorf("lattice: %d inside (digest %s), shapely covers %d (%s)",
					len(covers), indexDigest(covers), tt.LatticeCovers, tt.LatticeSHACovers)
			}
			if len(interior) != tt.LatticeContains || indexDigest(interior) != tt.LatticeSHAContains {
				t.Errorf("lattice: %d inside off the boundary, shapely contains %d", len(interior), tt.LatticeContains)
			}
		})
	}
}

// readIndexPositions reads the latitude and longitude columns of an Argo profile index
// (8 comment lines, a header, then CSV rows). It returns the 0-based data-row number and
// the position of every row with both columns present, like shapely_pip.py.
func readIndexPositions(tb testing.TB, path string) (rows []int, pts []orb.Point) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	latCol, lonCol, row := -1, -1, -1
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if latCol < 0 {
			for i, name := range strings.Split(string(line), ",") {
				switch name {
				case "latitude":
					latCol = i
				case "longitude":
					lonCol = i
				}
			}
			if latCol < 0 || lonCol < 0 {
				tb.Fatalf("%s: no latitude/longitude in header %q", path, line)
			}
			continue
		}
		row++
		var lat, lon []byte
		for i := 0; i <= max(latCol, lonCol); i++ {
			j := bytes.IndexByte(line, ',')
			field := line
			if j >= 0 {
				field, line = line[:j], line[j+1:]
			}
			switch i {
			case latCol:
				lat = field
			case lonCol:
				lon = field
			}
			if j < 0 {
				break
			}
		}
		if len(lat) == 0 || len(lon) == 0 {
			continue
		}
		y, err1 := strconv.ParseFloat(string(lat), 64)
		x, err2 := strconv.ParseFloat(string(lon), 64)
		if err1 != nil || err2 != nil {
			continue
		}
		rows = append(rows, row)
		pts = append(pts, orb.Point{x, y})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return rows, pts
}

func readRows(tb testing.TB, path string) []int {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out []int
	for _, f := range strings.Fields(string(data)) {
		v, err := strconv.Atoi(f)
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	return out
}

// bigIndexEnv returns the files named by INSITU_BIG_INDEX (a full-size profile index
// from ../shared/bench/make_big_index.py) and INSITU_PIP_DIR (the --out-dir of
// ../shared/bench/shapely_pip.py run on it), skipping when they are unset.
func bigIndexEnv(tb testing.TB) (index, pipDir string) {
	index, pipDir = os.Getenv("INSITU_BIG_INDEX"), os.Getenv("INSITU_PIP_DIR")
	if index == "" {
		tb.Skip("INSITU_BIG_INDEX is not set (see geo/testdata/bench_pip.sh)")
	}
	return index, pipDir
}

// TestShapelyBigIndex checks that Filter finds exactly shapely's rows on the 3.25 M
// positions of a full-size index, apart from points exactly on the polygon boundary,
// which geo includes and shapely's contains excludes.
func TestShapelyBigIndex(t *testing.T) {
	index, pipDir := bigIndexEnv(t)
	if pipDir == "" {
		t.Skip("INSITU_PIP_DIR is not set")
	}
	rows, pts := readIndexPositions(t, index)
	for _, name := range []string{"iroise", "gyre"} {
		t.Run(name, func(t *testing.T) {
			r, poly := readPolygonWKT(t, filepath.Join(pipDir, "pip_"+name+".wkt"))
			want := readRows(t, filepath.Join(pipDir, "pip_"+name+".rows.txt"))
			var got []int
			for _, i := range Filter(pts, r) {
				got = append(got, rows[i])
			}
			extra, boundary := 0, 0
			wantSet := make(map[int]bool, len(want))
			for _, v := range want {
				wantSet[v] = true
			}
			gotSet := make(map[int]bool, len(got))
			for _, v := range got {
				gotSet[v] = true
				if !wantSet[v] {
					extra++
					if p := pts[slices.Index(rows, v)]; onBoundary(poly, p) {
						boundary++
					} else {
						t.Errorf("row %d at %v: inside for geo, not for shapely", v, p)
					}
				}
			}
			for _, v := range want {
				if !gotSet[v] {
					t.Errorf("row %d: inside for shapely, not for geo", v)
				}
			}
			t.Logf("%s: %d positions, geo %d inside, shapely %d, %d more on the boundary", name, len(pts), len(got), len(want), boundary)
		})
	}
}
