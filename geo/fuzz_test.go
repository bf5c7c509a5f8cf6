package geo

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzParseRegion checks that ParseRegion never panics, that every failure is a
// *ParseError wrapping ErrInvalidGeometry or ErrUnsupported with a sensible offset, and
// that a parsed region is usable: non-empty, bounded within the globe, containing every
// vertex of its polygons (the boundary rule), with Bounds covering what it contains.
func FuzzParseRegion(f *testing.F) {
	for _, tt := range parseOK {
		f.Add([]byte(tt.Input))
	}
	for _, tt := range parseBad {
		f.Add([]byte(tt.Input))
	}
	for _, name := range []string{"iroise.wkt", "gyre.wkt"} {
		if data, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRegion(data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
			if !errors.Is(err, ErrInvalidGeometry) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("error %v wraps neither ErrInvalidGeometry nor ErrUnsupported", err)
			}
			if pe.Offset < -1 || pe.Offset > len(data) {
				t.Fatalf("offset %d outside the input (%d bytes)", pe.Offset, len(data))
			}
			_ = err.Error()
			return
		}
		b := r.Bound()
		if b.IsEmpty() || b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
			t.Fatalf("parsed region has bound %v", b)
		}
		polys, err := parsePolygons(data)
		if err != nil {
			t.Fatalf("parsePolygons failed after ParseRegion succeeded: %v", err)
		}
		pieces := Bounds(r)
		for _, p := range polys {
			for _, ring := range p {
				for _, v := range ring {
					if !r.Contains(v) {
						t.Fatalf("vertex %v of %v is not contained", v, p)
					}
					if !inPieces(pieces, normLon(v[0]), v[1]) {
						t.Fatalf("vertex %v is outside Bounds %v", v, pieces)
					}
				}
			}
		}
		for _, q := range []orb.Point{b.Center(), b.Min, b.Max, {0, 0}, {180, 0}, {-180, 90}} {
			if r.Contains(q) && !inPieces(pieces, normLon(q[0]), q[1]) {
				t.Fatalf("%v is contained but outside Bounds %v", q, pieces)
			}
		}
	})
}
