package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/examples/internal/check"
)

// gdac is the mini GDAC, seen from this folder (tests run in the package
// folder, the program from the module root).
const gdac = "../../testdata/gdac"

func TestQuickstart(t *testing.T) {
	out := t.TempDir()
	var stdout strings.Builder
	if err := run([]string{"-gdac", gdac, "-out", out, "-quiet"}, &stdout); err != nil {
		t.Fatal(err)
	}
	got := stdout.String()
	check.Contains(t, got,
		"19 profile files in the index",
		"standard mode: 8 files",
		"profile       date (UTC)        lat     lon     mode  levels  dbar    T surf °C  S surf",
		"6999001_001   2021-03-12 11:42  48.152  -4.881  D     19      10-100  11.364     35.267",
		"6999003_012   2009-06-20 06:03  45.871  -7.688  D     51      5-2000  16.215     35.622",
		"9 profiles from 3 floats, 217 levels kept in standard mode (data modes: D 5, A 1, R 3)",
		"wrote "+filepath.Join(out, "map.png"),
	)

	check.CSV(t, filepath.Join(out, "profiles.csv"),
		[]string{"platform_number", "cycle_number", "direction", "data_mode", "time", "latitude", "longitude"}, 217)
	fc := check.GeoJSON(t, filepath.Join(out, "positions.geojson"), 9)
	if id := fc.Features[0].Properties.MustString("id", ""); id != "6999001_001" {
		t.Errorf("first feature id %q", id)
	}
	img := check.PNG(t, filepath.Join(out, "map.png"), mapWidth, 0)
	if !check.Colour(img, 0x1f, 0x77, 0xb4, 20) { // chart.Blue: the delayed-mode positions
		t.Error("map.png has no delayed-mode (blue) positions")
	}
	check.PNG(t, filepath.Join(out, "profiles.png"), profilesWidth, profilesHeight)
}

// A box across the antimeridian, where float 5999001 crosses it.
func TestQuickstartAntimeridian(t *testing.T) {
	out := t.TempDir()
	var stdout strings.Builder
	args := []string{"-gdac", gdac, "-out", out, "-quiet", "-box", "175,-40,-175,-30", "-start", "2023-01-01", "-end", "2023-02-01", "-mode", "expert"}
	if err := run(args, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(), "expert mode: 3 files", "3 profiles from 1 floats")
	check.GeoJSON(t, filepath.Join(out, "positions.geojson"), 3)
	check.PNG(t, filepath.Join(out, "map.png"), mapWidth, 0)
}

func TestQuickstartLimit(t *testing.T) {
	var stdout strings.Builder
	if err := run([]string{"-gdac", gdac, "-out", t.TempDir(), "-quiet", "-limit", "2"}, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(), "fetching the 2 most recent", "2 profiles from 1 floats")
}

func TestQuickstartErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-box", "1,2,3"},
		{"-start", "yesterday"},
		{"-mode", "casual"},
		{"-gdac", "no/such/folder"},
		{"-gdac", gdac, "-box", "0,0,1,1"}, // nothing there
	} {
		var stdout strings.Builder
		if err := run(append(args, "-out", t.TempDir(), "-quiet"), &stdout); err == nil {
			t.Errorf("run(%q) gave no error", args)
		}
	}
}
