package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/examples/internal/check"
)

func TestSamplingMap(t *testing.T) {
	out := t.TempDir()
	var stdout strings.Builder
	if err := run([]string{"-out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(),
		"samples   38 positions from embedded samples.csv",
		"buoys     12 positions from embedded buoys.geojson",
		"map bounds: lon 180.00W to 180.00E, lat -25.58 to 64.19",
		"(50 features)",
	)
	fc := check.GeoJSON(t, filepath.Join(out, "positions.geojson"), 50)
	first, last := fc.Features[0], fc.Features[49]
	if got := first.Properties.MustString("layer", ""); got != "sample" {
		t.Errorf("first feature layer %q, want sample", got)
	}
	if got := first.Properties.MustString("sample_id", ""); got != "S001" {
		t.Errorf("first feature sample_id %q, want S001", got)
	}
	if got := first.Properties.MustFloat64("length_cm", 0); got != 42.5 {
		t.Errorf("first feature length_cm %v, want 42.5 (a number)", got)
	}
	if got := last.Properties.MustString("layer", ""); got != "buoy" {
		t.Errorf("last feature layer %q, want buoy", got)
	}
	if got := last.Properties.MustString("name", ""); got != "SYN-D12" {
		t.Errorf("last feature name %q, want SYN-D12", got)
	}
	img := check.PNG(t, filepath.Join(out, "map.png"), mapWidth, 0)
	if !check.Colour(img, 0xff, 0x7f, 0x0e, 50) { // chart.Orange: the samples
		t.Error("map.png has no fish samples (orange)")
	}
	if !check.Colour(img, 0x1f, 0x77, 0xb4, 50) { // chart.Blue: the buoys
		t.Error("map.png has no buoys (blue)")
	}
}

// A box across the antimeridian keeps only the Fiji samples and the two
// buoys there; given files replace the embedded ones.
func TestSamplingMapBBoxFiles(t *testing.T) {
	out := t.TempDir()
	var stdout strings.Builder
	args := []string{"-samples", "testdata/samples.csv", "-buoys", "testdata/buoys.geojson", "-bbox", "178,-20,-178,-15", "-out", out}
	if err := run(args, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(),
		"samples.csv: 32 of 38 positions outside -bbox left out",
		"buoys.geojson: 10 of 12 positions outside -bbox left out",
		"samples    6 positions from samples.csv",
		"map bounds: lon 178.00E to 178.00W, lat -20.00 to -15.00",
	)
	check.GeoJSON(t, filepath.Join(out, "positions.geojson"), 8)
	check.PNG(t, filepath.Join(out, "map.png"), mapWidth, 0)
}

// Only buoys, from a file with a line and a MultiPoint.
func TestSamplingMapBuoysOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "b.geojson")
	js := `{"type":"FeatureCollection","features":[
 {"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[-5,48],[-4,47]]},"properties":{"name":"pair"}},
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[-5,48],[-4,47]]},"properties":{}}]}`
	if err := os.WriteFile(path, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	if err := run([]string{"-buoys", path, "-out", dir}, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(), "buoys      2 positions from b.geojson (1 features that are not points skipped)")
	check.GeoJSON(t, filepath.Join(dir, "positions.geojson"), 2)
}

func TestSamplingMapErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-bbox", "1,2,3"}, "west,south,east,north"},
		{[]string{"-bbox", "0,50,10,40"}, "south to north"},
		{[]string{"-samples", write("nolon.csv", "id,lat\n1,2\n")}, "needs a lon"},
		{[]string{"-samples", write("bad.csv", "lon,lat\n1,2\nx,3\n")}, "bad.csv line 3"},
		{[]string{"-samples", write("far.csv", "lon,lat\n1,95\n")}, "far.csv line 2"},
		{[]string{"-buoys", write("bad.geojson", "<html>")}, "bad.geojson"},
		{[]string{"-samples", filepath.Join(dir, "missing.csv")}, "missing.csv"},
		{[]string{"-samples", write("empty.csv", "lon,lat\n")}, "no position"},
	} {
		var stdout strings.Builder
		err := run(append(tc.args, "-out", dir), &stdout)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}
