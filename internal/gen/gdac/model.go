package main

import (
	"math"
	"time"
)

// rng is a SplitMix64 generator: tiny, seeded explicitly and independent of
// the standard library's algorithms, so the output never changes with Go.
type rng struct{ s uint64 }

func newRNG(seeds ...uint64) *rng {
	r := &rng{s: 0x5eed}
	for _, s := range seeds {
		r.s ^= s
		r.next()
	}
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// uniform returns a value in [0, 1).
func (r *rng) uniform() float64 { return float64(r.next()>>11) / (1 << 53) }

// sym returns a value in [-a, a).
func (r *rng) sym(a float64) float64 { return (2*r.uniform() - 1) * a }

// water is the analytic ocean a float profiles: a mixed layer over an
// exponential thermocline and halocline, and an oxygen profile decreasing
// below the mixed layer.
type water struct {
	TSurf, TDeep float64 // °C at the surface and at depth
	MLD          float64 // mixed-layer depth, dbar
	TScale       float64 // e-folding pressure of the thermocline, dbar
	SSurf, SDeep float64 // PSU
	SScale       float64 // e-folding pressure of the halocline, dbar
	OSurf, ODeep float64 // µmol/kg, BGC floats only
}

func (w water) below(p, scale float64) float64 { return math.Exp(-math.Max(p-w.MLD, 0) / scale) }

func (w water) temp(p float64) float64 {
	return w.TDeep + (w.TSurf-w.TDeep)*w.below(p, w.TScale)
}

func (w water) psal(p float64) float64 {
	return w.SDeep + (w.SSurf-w.SDeep)*w.below(p, w.SScale)
}

func (w water) doxy(p float64) float64 {
	return w.ODeep + (w.OSurf-w.ODeep)*w.below(p, 300)
}

// levels returns the nominal pressures of a primary profile from top to
// bottom: 5 dbar steps to 50 dbar (and all the way on the shelf), then 10,
// 50 and 100 dbar steps, as averaged Argo profiles look.
func levels(top, bottom float64) []float64 {
	var ps []float64
	for p := top; p <= bottom+1e-9; {
		ps = append(ps, p)
		switch {
		case p < 50 || bottom <= 200:
			p += 5
		case p < 200:
			p += 10
		case p < 1000:
			p += 50
		default:
			p += 100
		}
	}
	return ps
}

// round rounds x to a multiple of res (the variable's resolution).
func round(x, res float64) float64 { return math.Round(x/res) * res }

// grade is the profile quality grade of table 2a (RP2): the share of good
// flags {1,2,5,8} among good and bad {3,4} flags; 0, 9 and blank are left out.
func grade(qc []byte) byte {
	good, n := 0, 0
	for _, f := range qc {
		switch f {
		case '1', '2', '5', '8':
			good++
			n++
		case '3', '4':
			n++
		}
	}
	switch {
	case n == 0:
		return blank
	case good == n:
		return 'A'
	case 4*good >= 3*n:
		return 'B'
	case 2*good >= n:
		return 'C'
	case 4*good >= n:
		return 'D'
	case good > 0:
		return 'E'
	}
	return 'F'
}

// ref1950 is REFERENCE_DATE_TIME.
var ref1950 = time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)

// juld returns days since 1950-01-01T00:00Z.
func juld(t time.Time) float64 { return t.Sub(ref1950).Seconds() / 86400 }

// stamp formats a time as YYYYMMDDHHMISS.
func stamp(t time.Time) string { return t.UTC().Format("20060102150405") }

// ocean is the R13 ocean code used by the index files, with the simple
// boundaries 70°W (Pacific/Atlantic), 20°E (Atlantic/Indian) and 145°E
// (Indian/Pacific). It is right for every position in this mini GDAC; the
// real GDAC uses proper basin polygons (the Caribbean lies west of 70°W).
func ocean(lon float64) string {
	switch {
	case lon >= -70 && lon < 20:
		return "A"
	case lon >= 20 && lon < 145:
		return "I"
	}
	return "P"
}
