// Command sampling-map puts fish-sampling positions (a CSV file) and buoy
// positions (a GeoJSON file) on one map, and merges both into a GeoJSON
// file for a web map:
//
//	out/map.png              both layers over a lon/lat graticule, with a legend
//	out/positions.geojson    every position, with a "layer" property and the input's columns
//
// With no -samples and no -buoys flag it reads the small synthetic files
// embedded from testdata/ (made by internal/gen: samples on four fishing
// grounds, one of them across the antimeridian, and twelve made-up buoys),
// so it runs anywhere without input:
//
//	go run ./examples/sampling-map
//	go run ./examples/sampling-map -samples my.csv -buoys my.geojson -bbox -10,43,0,50 -out /tmp/map
//
// The CSV file needs a header with a longitude column (lon, longitude or x)
// and a latitude column (lat, latitude or y); the other columns are copied
// to the GeoJSON properties; lines starting with # are comments. The
// GeoJSON file may hold Point and MultiPoint features (other geometries are
// counted and skipped).
package main

//go:generate go run ./internal/gen -out testdata

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/insitu-go/insitu/examples/internal/chart"
	"github.com/insitu-go/insitu/geo"
)

//go:embed testdata/samples.csv
var embeddedSamples []byte

//go:embed testdata/buoys.geojson
var embeddedBuoys []byte

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "sampling-map:", err)
		os.Exit(1)
	}
}

// mapWidth is the width of map.png in pixels; its height follows the map.
const mapWidth = 1000

// site is one position of a layer, with the properties it brings along.
type site struct {
	pt    orb.Point
	props geojson.Properties
}

// layer is one set of positions drawn in one style.
type layer struct {
	name    string // "fish sample", "buoy": the GeoJSON "layer" property
	label   string // legend
	source  string // file name, for messages
	sites   []site
	skipped int // features that are not points
	colour  color.Color
	shape   draw.GlyphDrawer
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("sampling-map", flag.ContinueOnError)
	samples := fs.String("samples", "", "CSV `file` of fish samples (lon and lat columns); default: the embedded synthetic samples")
	buoys := fs.String("buoys", "", "GeoJSON `file` of buoy positions; default: the embedded synthetic buoys")
	bbox := fs.String("bbox", "", "map bounds `west,south,east,north` (west > east crosses the antimeridian); positions outside are left out; default: fit the positions")
	out := fs.String("out", "out", "output folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}

	// Inputs: the files given, or both embedded files when none is.
	var layers []*layer
	if *samples == "" && *buoys == "" {
		s, err := readCSV("embedded samples.csv", embeddedSamples)
		if err != nil {
			return err
		}
		b, err := readGeoJSON("embedded buoys.geojson", embeddedBuoys)
		if err != nil {
			return err
		}
		layers = append(layers, s, b)
	}
	if *samples != "" {
		data, err := os.ReadFile(*samples)
		if err != nil {
			return err
		}
		l, err := readCSV(filepath.Base(*samples), data)
		if err != nil {
			return err
		}
		layers = append(layers, l)
	}
	if *buoys != "" {
		data, err := os.ReadFile(*buoys)
		if err != nil {
			return err
		}
		l, err := readGeoJSON(filepath.Base(*buoys), data)
		if err != nil {
			return err
		}
		layers = append(layers, l)
	}

	// Bounds: -bbox (and drop what falls outside), or fit every position.
	var bound orb.Bound
	if *bbox != "" {
		b, err := parseBBox(*bbox)
		if err != nil {
			return err
		}
		bound = b
		region := geo.Box(b.Min[0], b.Min[1], b.Max[0], b.Max[1])
		for _, l := range layers {
			before := len(l.sites)
			l.sites = slices.DeleteFunc(l.sites, func(s site) bool { return !region.Contains(s.pt) })
			if n := before - len(l.sites); n > 0 {
				fmt.Fprintf(stdout, "%s: %d of %d positions outside -bbox left out\n", l.source, n, before)
			}
		}
	} else {
		var all []orb.Point
		for _, l := range layers {
			for _, s := range l.sites {
				all = append(all, s.pt)
			}
		}
		bound = chart.Fit(all, 4)
	}

	total := 0
	for _, l := range layers {
		fmt.Fprintf(stdout, "%-8s %3d positions from %s", l.name+"s", len(l.sites), l.source)
		if l.skipped > 0 {
			fmt.Fprintf(stdout, " (%d features that are not points skipped)", l.skipped)
		}
		fmt.Fprintln(stdout)
		total += len(l.sites)
	}
	if total == 0 {
		return errors.New("no position to draw")
	}
	fmt.Fprintf(stdout, "map bounds: lon %s to %s, lat %.2f to %.2f\n",
		lonText(bound.Min[0]), lonText(bound.Max[0]), bound.Min[1], bound.Max[1])

	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	gj := filepath.Join(*out, "positions.geojson")
	if err := writeGeoJSON(gj, layers); err != nil {
		return fmt.Errorf("writing %s: %w", gj, err)
	}
	fmt.Fprintf(stdout, "wrote %s (%d features)\n", gj, total)
	png := filepath.Join(*out, "map.png")
	if err := drawMap(png, bound, layers); err != nil {
		return fmt.Errorf("writing %s: %w", png, err)
	}
	fmt.Fprintln(stdout, "wrote", png)
	return nil
}

// lonText writes a longitude with its hemisphere.
func lonText(v float64) string {
	if v < 0 {
		return strconv.FormatFloat(-v, 'f', 2, 64) + "W"
	}
	return strconv.FormatFloat(v, 'f', 2, 64) + "E"
}

// parseBBox reads "west,south,east,north".
func parseBBox(s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return orb.Bound{}, fmt.Errorf("-bbox wants west,south,east,north, got %q", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return orb.Bound{}, fmt.Errorf("-bbox %q: %q is not a number", s, p)
		}
		v[i] = f
	}
	if v[1] > v[3] || v[1] < -90 || v[3] > 90 {
		return orb.Bound{}, fmt.Errorf("-bbox %q: latitudes must run from south to north within ±90", s)
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}

// column returns the index of the first header name among names, or -1.
func column(header []string, names ...string) int {
	for i, h := range header {
		if slices.Contains(names, strings.ToLower(strings.TrimSpace(h))) {
			return i
		}
	}
	return -1
}

// readCSV reads fish samples: a header row, then one row per sample.
func readCSV(name string, data []byte) (*layer, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the header: %w", name, err)
	}
	lonCol := column(header, "lon", "longitude", "x")
	latCol := column(header, "lat", "latitude", "y")
	if lonCol < 0 || latCol < 0 {
		return nil, fmt.Errorf("%s: the header %q needs a lon (or longitude, x) and a lat (or latitude, y) column", name, strings.Join(header, ","))
	}
	l := &layer{name: "sample", label: "fish samples", source: name, colour: chart.Orange, shape: draw.CircleGlyph{}}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		lon, err1 := strconv.ParseFloat(strings.TrimSpace(rec[lonCol]), 64)
		lat, err2 := strconv.ParseFloat(strings.TrimSpace(rec[latCol]), 64)
		if err1 != nil || err2 != nil || math.IsNaN(lon) || math.IsNaN(lat) || math.Abs(lat) > 90 || math.Abs(lon) > 360 {
			return nil, fmt.Errorf("%s line %d: position %q, %q is not a longitude and a latitude", name, line, rec[lonCol], rec[latCol])
		}
		props := geojson.Properties{}
		for i, h := range header {
			if i == lonCol || i == latCol {
				continue
			}
			if f, err := strconv.ParseFloat(rec[i], 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
				props[h] = f
			} else {
				props[h] = rec[i]
			}
		}
		l.sites = append(l.sites, site{pt: orb.Point{lon, lat}, props: props})
	}
	return l, nil
}

// readGeoJSON reads buoy positions from a FeatureCollection.
func readGeoJSON(name string, data []byte) (*layer, error) {
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	l := &layer{name: "buoy", label: "buoys", source: name, colour: chart.Blue, shape: draw.PyramidGlyph{}}
	for _, f := range fc.Features {
		var pts []orb.Point
		switch g := f.Geometry.(type) {
		case orb.Point:
			pts = []orb.Point{g}
		case orb.MultiPoint:
			pts = g
		default:
			l.skipped++
			continue
		}
		for _, p := range pts {
			if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[1]) > 90 {
				l.skipped++
				continue
			}
			l.sites = append(l.sites, site{pt: p, props: f.Properties.Clone()})
		}
	}
	return l, nil
}

// writeGeoJSON streams every position into one FeatureCollection, with a
// "layer" property naming its layer.
func writeGeoJSON(path string, layers []*layer) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	fw := geo.NewFeatureWriter(f)
	for _, l := range layers {
		for _, s := range l.sites {
			props := s.props.Clone()
			props["layer"] = l.name
			if err := fw.WritePoint(s.pt, props); err != nil {
				f.Close()
				return err
			}
		}
	}
	if err := fw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// drawMap draws the layers in order, each with its own colour and marker.
func drawMap(path string, bound orb.Bound, layers []*layer) error {
	m := chart.NewMap("Fish samples and buoys", bound)
	for _, l := range layers {
		pts := make([]orb.Point, len(l.sites))
		for i, s := range l.sites {
			pts[i] = s.pt
		}
		if _, err := m.Points(fmt.Sprintf("%s (%d)", l.label, len(pts)), pts, l.colour, l.shape, vg.Points(4)); err != nil {
			return err
		}
	}
	return m.Save(path, mapWidth)
}
