// Command gen writes the sampling-map example's input files: a CSV of fish
// samples and a GeoJSON file of buoy positions. Both are synthetic: the
// positions are drawn with a fixed seed around a few fishing grounds and
// the buoys have made-up names. Run it from the example's folder (go
// generate does):
//
//	go run ./internal/gen -out testdata
//
// The output is byte-identical from run to run; the test of this package
// checks that the committed files are what it writes.
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func main() {
	out := flag.String("out", "testdata", "output folder")
	flag.Parse()
	files, err := generate()
	if err == nil {
		err = os.MkdirAll(*out, 0o755)
	}
	for name, data := range files {
		if err != nil {
			break
		}
		err = os.WriteFile(filepath.Join(*out, name), data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// ground is a fishing ground: samples are drawn around its centre.
type ground struct {
	name     string
	lon, lat float64
	spread   float64 // degrees
	n        int
	species  string
	length   float64 // mean fish length, cm
}

var grounds = []ground{
	{"Iroise Sea", -5.0, 48.3, 0.25, 14, "Dicentrarchus labrax", 42},
	{"North Sea", 3.0, 56.0, 1.2, 10, "Gadus morhua", 55},
	{"Gulf of Guinea", 2.0, 3.0, 1.0, 8, "Thunnus albacares", 95},
	{"Fiji, across the antimeridian", 179.6, -17.5, 0.6, 6, "Katsuwonus pelamis", 60},
}

// buoy is a made-up moored or drifting buoy.
type buoy struct {
	name, kind string
	lon, lat   float64
}

var buoys = []buoy{
	{"SYN-B01 Iroise", "moored", -4.97, 48.28},
	{"SYN-B02 Ushant", "moored", -5.35, 48.52},
	{"SYN-B03 Biscay", "moored", -5.0, 45.2},
	{"SYN-B04 North Sea", "moored", 2.5, 56.4},
	{"SYN-B05 Dogger", "moored", 1.9, 54.8},
	{"SYN-B06 PIRATA-like", "moored", 0.0, 0.0},
	{"SYN-B07 Guinea", "moored", 4.0, 2.0},
	{"SYN-D08", "drifter", -30.2, 47.9},
	{"SYN-D09", "drifter", -38.5, 31.0},
	{"SYN-D10", "drifter", 179.9, -18.1},
	{"SYN-D11", "drifter", -179.7, -16.9},
	{"SYN-D12", "drifter", 72.0, -10.5},
}

// generate returns the files by name.
func generate() (map[string][]byte, error) {
	rng := rand.New(rand.NewPCG(2024, 9))
	var b bytes.Buffer
	b.WriteString("# SYNTHETIC fish samples for the sampling-map example, written by its internal/gen program with a fixed seed; not real observations.\n")
	w := csv.NewWriter(&b)
	w.Write([]string{"sample_id", "time", "lon", "lat", "species", "length_cm", "ground"})
	start := time.Date(2023, 4, 1, 6, 0, 0, 0, time.UTC)
	id := 0
	for _, g := range grounds {
		for range g.n {
			id++
			lon := g.lon + (rng.Float64()*2-1)*g.spread
			if lon > 180 {
				lon -= 360
			}
			lat := g.lat + (rng.Float64()*2-1)*g.spread*0.6
			t := start.Add(time.Duration(rng.IntN(60*24)) * time.Hour)
			length := g.length * (1 + 0.15*rng.NormFloat64())
			w.Write([]string{
				fmt.Sprintf("S%03d", id),
				t.Format(time.RFC3339),
				strconv.FormatFloat(lon, 'f', 4, 64),
				strconv.FormatFloat(lat, 'f', 4, 64),
				g.species,
				strconv.FormatFloat(length, 'f', 1, 64),
				g.name,
			})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}

	fc := geojson.NewFeatureCollection()
	for _, bu := range buoys {
		f := geojson.NewFeature(orb.Point{bu.lon, bu.lat})
		f.Properties = geojson.Properties{"name": bu.name, "kind": bu.kind}
		fc.Append(f)
	}
	fc.ExtraMembers = geojson.Properties{"comment": "synthetic buoy positions written by examples/sampling-map/internal/gen; not real buoys"}
	js, err := fc.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var pretty bytes.Buffer
	pretty.Write(js)
	pretty.WriteByte('\n')
	return map[string][]byte{"samples.csv": b.Bytes(), "buoys.geojson": pretty.Bytes()}, nil
}
