package argo

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Errors of the vertical transformations.
var (
	// ErrLevels is returned for standard levels or bin edges that are not
	// positive and strictly increasing.
	ErrLevels = errors.New("argo: levels must be positive and strictly increasing")
	// ErrTooShallow is returned by InterpStdLevels for a profile whose deepest
	// pressure is above the deepest standard level (argopy drops such profiles).
	ErrTooShallow = errors.New("argo: profile does not reach the deepest standard level")
)

// Levels is a profile on fixed pressure levels: interpolated standard levels
// or pressure bins. Values holds, per parameter, one value per level
// (NaN where there is none).
type Levels struct {
	Profile *Profile             // the source profile
	Pres    []float64            // the standard levels, or the selected pressure of each bin
	Names   []string             // parameter names, in profile order (PRES excluded)
	Values  map[string][]float64 // parameter name → values on the levels
}

// sample is one (pressure, value) pair.
type sample struct{ p, v float64 }

// samples returns the pairs of a parameter's best values with the best
// pressure, NaN pairs dropped, sorted by pressure and de-duplicated
// (the first level of a repeated pressure is kept, as np.unique does).
func samples(pres, v []float64) []sample {
	var s []sample
	for l := range min(len(pres), len(v)) {
		if !math.IsNaN(pres[l]) && !math.IsNaN(v[l]) {
			s = append(s, sample{pres[l], v[l]})
		}
	}
	slices.SortStableFunc(s, func(a, b sample) int { return cmp.Compare(a.p, b.p) })
	return slices.CompactFunc(s, func(a, b sample) bool { return a.p == b.p })
}

func checkLevels(levels []float64) error {
	if len(levels) == 0 {
		return fmt.Errorf("%w: no level", ErrLevels)
	}
	for i, l := range levels {
		if math.IsNaN(l) || l < 0 || (i > 0 && l <= levels[i-1]) {
			return fmt.Errorf("%w: %v", ErrLevels, levels)
		}
	}
	return nil
}

// InterpStdLevels interpolates the best values of every parameter of a
// profile linearly in pressure onto standard levels, with argopy's
// interp_std_levels semantics: pressure pairs sorted and de-duplicated, NaN
// dropped; a profile whose deepest pressure is above the deepest level gives
// ErrTooShallow; levels above the shallowest sample take its value
// (extension to the surface); there is no extrapolation below a parameter's
// deepest sample (NaN). Spectra are left out.
func InterpStdLevels(p *Profile, levels []float64) (*Levels, error) {
	if err := checkLevels(levels); err != nil {
		return nil, err
	}
	pres := p.Param("PRES")
	if pres == nil {
		return nil, &FormatError{File: fileName(p), Var: "PRES", Msg: "profile has no pressure"}
	}
	pv, _, _ := pres.Best()
	deepest := math.Inf(-1)
	for _, x := range pv {
		if x > deepest {
			deepest = x
		}
	}
	if deepest < levels[len(levels)-1] {
		return nil, fmt.Errorf("%w: %s reaches %.1f dbar, levels go to %.1f", ErrTooShallow, p.ID(), deepest, levels[len(levels)-1])
	}
	out := &Levels{Profile: p, Pres: slices.Clone(levels), Values: map[string][]float64{}}
	for _, q := range p.Params {
		if q.Name == "PRES" || q.NValues > 1 {
			continue
		}
		v, _, _ := q.Best()
		out.Names = append(out.Names, q.Name)
		out.Values[q.Name] = interpolate(samples(pv, v), levels)
	}
	return out, nil
}

func interpolate(s []sample, levels []float64) []float64 {
	out := make([]float64, len(levels))
	for i, l := range levels {
		switch {
		case len(s) == 0 || l > s[len(s)-1].p:
			out[i] = math.NaN()
		case l <= s[0].p:
			out[i] = s[0].v
		default:
			j, _ := slices.BinarySearchFunc(s, l, func(a sample, t float64) int { return cmp.Compare(a.p, t) })
			if s[j].p == l {
				out[i] = s[j].v
				continue
			}
			a, b := s[j-1], s[j]
			out[i] = a.v + (b.v-a.v)*(l-a.p)/(b.p-a.p)
		}
	}
	return out
}

// BinSelect chooses the value that represents a pressure bin.
type BinSelect int

// Bin selections (argopy's groupby_pressure_bins `select`).
const (
	SelectDeep    BinSelect = iota // the sample at the deepest pressure of the bin
	SelectShallow                  // the sample at the shallowest pressure
	SelectMiddle                   // the sample closest to the middle of the bin
	SelectMin                      // the smallest value
	SelectMax                      // the largest value
	SelectMean                     // the mean of the values
	SelectMedian                   // the median of the values
)

// PressureBins groups the levels of a profile into pressure bins
// [edges[i], edges[i+1]) without interpolation and keeps one value per bin
// and parameter, as argopy's groupby_pressure_bins does. For the sample
// selections (deep, shallow, middle) Pres is the selected sample's pressure
// for the PRES axis; for the statistics it is the statistic of the pressures.
// Empty bins are NaN.
func PressureBins(p *Profile, edges []float64, sel BinSelect) (*Levels, error) {
	if len(edges) < 2 {
		return nil, fmt.Errorf("%w: need at least two edges, got %v", ErrLevels, edges)
	}
	if err := checkLevels(edges); err != nil {
		return nil, err
	}
	pres := p.Param("PRES")
	if pres == nil {
		return nil, &FormatError{File: fileName(p), Var: "PRES", Msg: "profile has no pressure"}
	}
	pv, _, _ := pres.Best()
	out := &Levels{Profile: p, Values: map[string][]float64{}}
	out.Pres = binValues(samples(pv, pv), edges, sel)
	for _, q := range p.Params {
		if q.Name == "PRES" || q.NValues > 1 {
			continue
		}
		v, _, _ := q.Best()
		out.Names = append(out.Names, q.Name)
		out.Values[q.Name] = binValues(samples(pv, v), edges, sel)
	}
	return out, nil
}

func binValues(s []sample, edges []float64, sel BinSelect) []float64 {
	out := make([]float64, len(edges)-1)
	for i := range out {
		lo, hi := edges[i], edges[i+1]
		var in []sample
		for _, x := range s {
			if x.p >= lo && x.p < hi {
				in = append(in, x)
			}
		}
		if len(in) == 0 {
			out[i] = math.NaN()
			continue
		}
		switch sel {
		case SelectDeep:
			out[i] = in[len(in)-1].v
		case SelectShallow:
			out[i] = in[0].v
		case SelectMiddle:
			mid := (lo + hi) / 2
			best := in[0]
			for _, x := range in[1:] {
				if math.Abs(x.p-mid) < math.Abs(best.p-mid) {
					best = x
				}
			}
			out[i] = best.v
		case SelectMin, SelectMax:
			m := in[0].v
			for _, x := range in[1:] {
				if (sel == SelectMin && x.v < m) || (sel == SelectMax && x.v > m) {
					m = x.v
				}
			}
			out[i] = m
		case SelectMean:
			sum := 0.0
			for _, x := range in {
				sum += x.v
			}
			out[i] = sum / float64(len(in))
		case SelectMedian:
			vals := make([]float64, len(in))
			for k, x := range in {
				vals[k] = x.v
			}
			slices.Sort(vals)
			if n := len(vals); n%2 == 1 {
				out[i] = vals[n/2]
			} else {
				out[i] = (vals[n/2-1] + vals[n/2]) / 2
			}
		default:
			out[i] = math.NaN()
		}
	}
	return out
}

func fileName(p *Profile) string {
	if p.File != nil {
		return p.File.Name
	}
	return p.ID()
}
