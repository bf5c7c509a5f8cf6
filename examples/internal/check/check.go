// Package check holds the assertions the examples' tests make on the files
// the examples write: a PNG of the expected size that is not blank, a
// GeoJSON FeatureCollection that orb/geojson parses with the expected
// number of features, a CSV file with the expected header and row count.
package check

import (
	"bytes"
	"encoding/csv"
	"image"
	"image/png"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"
)

// PNG checks that path is a PNG image of w×h pixels (a zero w or h is not
// checked) with at least a few hundred pixels differing from the corner
// pixel (the background), and returns the image.
func PNG(t testing.TB, path string, w, h int) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("PNG: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("PNG %s: %v", path, err)
	}
	b := img.Bounds()
	if (w != 0 && b.Dx() != w) || (h != 0 && b.Dy() != h) {
		t.Errorf("PNG %s is %dx%d, want %dx%d", path, b.Dx(), b.Dy(), w, h)
	}
	bg := img.At(b.Min.X, b.Min.Y)
	br, bgc, bb, ba := bg.RGBA()
	differ := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			if r != br || g != bgc || b != bb || a != ba {
				differ++
			}
		}
	}
	if differ < 500 {
		t.Errorf("PNG %s looks blank: %d pixels differ from the background", path, differ)
	}
	return img
}

// Colour reports whether img has at least n pixels close to the colour
// (r, g, b): a way to test that a layer of points was drawn.
func Colour(img image.Image, r, g, b uint8, n int) bool {
	bd := img.Bounds()
	count := 0
	near := func(a uint32, c uint8) bool {
		d := int(a>>8) - int(c)
		return d > -24 && d < 24
	}
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if near(pr, r) && near(pg, g) && near(pb, b) {
				count++
				if count >= n {
					return true
				}
			}
		}
	}
	return false
}

// GeoJSON checks that path holds a FeatureCollection of n features (n < 0:
// any number) and returns it.
func GeoJSON(t testing.TB, path string, n int) *geojson.FeatureCollection {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("GeoJSON: %v", err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatalf("GeoJSON %s: %v", path, err)
	}
	if n >= 0 && len(fc.Features) != n {
		t.Errorf("GeoJSON %s has %d features, want %d", path, len(fc.Features), n)
	}
	return fc
}

// CSV checks that path is a CSV file whose header starts with the given
// columns and that has rows data rows (rows < 0: any number, at least one),
// and returns the records after the header.
func CSV(t testing.TB, path string, header []string, rows int) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("CSV %s: %v", path, err)
	}
	if len(recs) == 0 {
		t.Fatalf("CSV %s is empty", path)
	}
	if len(recs[0]) < len(header) || !slices.Equal(recs[0][:len(header)], header) {
		t.Errorf("CSV %s header %q, want it to start with %q", path, strings.Join(recs[0], ","), strings.Join(header, ","))
	}
	got := len(recs) - 1
	if (rows >= 0 && got != rows) || (rows < 0 && got == 0) {
		t.Errorf("CSV %s has %d rows, want %d", path, got, rows)
	}
	return recs[1:]
}

// Contains checks that out contains every one of the lines or fragments.
func Contains(t testing.TB, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q; got:\n%s", w, out)
		}
	}
}
