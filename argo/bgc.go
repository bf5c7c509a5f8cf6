package argo

import (
	"errors"
	"fmt"
	"math"
)

// ErrMismatch is returned by JoinBGC when a core file and a B file do not
// describe the same profiles.
var ErrMismatch = errors.New("argo: core and B profiles do not match")

// JoinBGC merges the profiles of a core file (R/D) with those of the B file
// (BR/BD) of the same cycle: profile i of one with profile i of the other,
// level l with level l (the user's manual guarantees the same N_PROF order
// and identical PRES; values are never matched). The B file's PRES, which
// duplicates the core PRES without flags, is dropped; its other parameters
// keep their own data modes. Platform, cycle and direction must agree, and
// the pressures must be equal where both are present; otherwise the error
// wraps ErrMismatch. The result is a new slice of new profiles; parameter
// arrays are shared with the inputs.
func JoinBGC(core, b []*Profile) ([]*Profile, error) {
	if len(core) != len(b) {
		return nil, fmt.Errorf("%w: %d core profiles, %d B profiles", ErrMismatch, len(core), len(b))
	}
	out := make([]*Profile, len(core))
	for i, c := range core {
		bp := b[i]
		if c.Platform != bp.Platform || c.Cycle != bp.Cycle || c.Direction != bp.Direction {
			return nil, fmt.Errorf("%w: profile %d is %s in the core file and %s in the B file", ErrMismatch, i, c.ID(), bp.ID())
		}
		cp, bpres := c.Param("PRES"), bp.Param("PRES")
		if cp != nil && bpres != nil {
			for l := range min(len(cp.Raw), len(bpres.Raw)) {
				x, y := cp.Raw[l], bpres.Raw[l]
				if !math.IsNaN(x) && !math.IsNaN(y) && math.Abs(x-y) > 1e-3 {
					return nil, fmt.Errorf("%w: %s level %d: PRES %g in the core file, %g in the B file", ErrMismatch, c.ID(), l, x, y)
				}
			}
		}
		j := *c
		j.Params = append([]*Param(nil), c.Params...)
		j.Grades = map[string]Grade{}
		for k, g := range c.Grades {
			j.Grades[k] = g
		}
		for k, g := range bp.Grades {
			if _, ok := j.Grades[k]; !ok {
				j.Grades[k] = g
			}
		}
		j.Calibrations = append(append([]Calibration(nil), c.Calibrations...), bp.Calibrations...)
		j.Warnings = append(append([]string(nil), c.Warnings...), bp.Warnings...)
		n := c.Levels()
		for _, q := range bp.Params {
			if q.Name == "PRES" || j.Param(q.Name) != nil {
				continue
			}
			j.Params = append(j.Params, padParam(q, n))
		}
		out[i] = &j
	}
	return out, nil
}

// padParam returns q with its arrays padded with NaN/blank (or cut) to n levels.
func padParam(q *Param, n int) *Param {
	w := max(q.NValues, 1)
	if len(q.Raw) == n*w {
		return q
	}
	fix := func(x []float64) []float64 {
		if x == nil {
			return nil
		}
		out := make([]float64, n*w)
		for k := range out {
			out[k] = math.NaN()
		}
		copy(out, x)
		return out
	}
	fixQC := func(x []QC) []QC {
		if x == nil {
			return nil
		}
		out := make([]QC, n*w)
		for k := range out {
			out[k] = QCNone
		}
		copy(out, x)
		return out
	}
	nq := *q
	nq.Raw, nq.Adjusted, nq.AdjustedError = fix(q.Raw), fix(q.Adjusted), fix(q.AdjustedError)
	nq.STD, nq.MED, nq.DPres = fix(q.STD), fix(q.MED), fix(q.DPres)
	nq.RawQC, nq.AdjustedQC = fixQC(q.RawQC), fixQC(q.AdjustedQC)
	return &nq
}
