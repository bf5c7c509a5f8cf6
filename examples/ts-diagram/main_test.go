package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/examples/internal/check"
)

// gdac is the mini GDAC, seen from this folder.
const gdac = "../../testdata/gdac"

func TestTSDiagram(t *testing.T) {
	out := t.TempDir()
	var stdout strings.Builder
	if err := run([]string{"-gdac", gdac, "-out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(),
		"float 6999003: 2 profiles in 6999003_prof.nc, 2 kept in standard mode",
		"  cycle        date (UTC)     lat     lon  mode  levels kept/read    dbar          θ °C              S       σ0 kg/m³",
		// Cycle 11's deep salinity is flagged 4: the standard mode drops 20 levels.
		"     11  2009-06-10 06:12  45.803  -7.602     D             31/51   5–500  7.849–16.291  35.372–35.644  26.173–27.589",
		"     12  2009-06-20 06:03  45.871  -7.688     D             51/51  5–2000  3.843–16.217  35.054–35.624  26.174–27.858",
		"82 levels; lightest σ0 26.173 kg/m³ (cycle 11, 10 dbar), densest σ0 27.858 kg/m³ (cycle 12, 1500 dbar)",
		"wrote "+filepath.Join(out, "ts.png"),
	)
	img := check.PNG(t, filepath.Join(out, "ts.png"), width, height)
	if !check.Colour(img, 0x1f, 0x9e, 0x89, 30) { // the 200-500 dbar class
		t.Error("ts.png has no 200-500 dbar levels")
	}
	if !check.Colour(img, 0xb0, 0x50, 0x90, 300) { // the isopleths
		t.Error("ts.png has no isopleths")
	}
}

func TestTSDiagramByCycle(t *testing.T) {
	out := t.TempDir()
	var stdout strings.Builder
	if err := run([]string{"-gdac", gdac, "-out", out, "-wmo", "6999001", "-color", "cycle", "-isopleths=false"}, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(),
		"float 6999001: 3 profiles in 6999001_prof.nc, 3 kept in standard mode",
		// Cycle 3 is in real time with flags 3, 4 and 9: 4 levels go.
		"      3  2021-04-01 11:55  48.391  -5.372     R             16/20   5–100  11.220–11.847  35.283–35.396  26.839–27.044",
		"54 levels; lightest σ0 26.839 kg/m³ (cycle 3, 20 dbar), densest σ0 27.052 kg/m³ (cycle 1, 100 dbar)",
		"isopleths: off",
	)
	img := check.PNG(t, filepath.Join(out, "ts.png"), width, height)
	for _, c := range [][3]uint8{{0x1f, 0x77, 0xb4}, {0xff, 0x7f, 0x0e}, {0x2c, 0xa0, 0x2c}} { // cycles 1, 2, 3
		if !check.Colour(img, c[0], c[1], c[2], 30) {
			t.Errorf("ts.png has no levels in colour %x", c)
		}
	}
	if check.Colour(img, 0xb0, 0x50, 0x90, 20) {
		t.Error("ts.png has isopleths with -isopleths=false")
	}
}

func TestTSDiagramErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-wmo", "4999001"}, "no level with pressure, temperature and salinity"}, // PRES and TEMP only
		{[]string{"-wmo", "1234567"}, "float 1234567"},
		{[]string{"-wmo", "abc"}, "not a WMO number"},
		{[]string{"-color", "rainbow"}, "-color"},
		{[]string{"-mode", "casual"}, "-mode"},
	} {
		var stdout strings.Builder
		err := run(append(tc.args, "-gdac", gdac, "-out", t.TempDir()), &stdout)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}
