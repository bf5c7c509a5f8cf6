package argo

import (
	"math"
	"strings"
	"time"
)

// UserMode selects which data a user receives, with argopy's semantics
// (argopy.md §1.3). The zero value is Standard, argopy's default.
//
// For the core parameters PRES, TEMP and PSAL (those the profile has):
//
//   - Expert keeps every level with a pressure (raw or adjusted), whatever
//     the flags and modes.
//   - Standard keeps a level iff POSITION_QC and JULD_QC are 1 or 2 and, for
//     each core parameter, the best value ([Param.Best]: adjusted in modes A
//     and D, raw in R) is present and its best flag is 1 or 2.
//   - Research keeps only profiles in mode D, and a level iff POSITION_QC and
//     JULD_QC are 1, each core parameter's adjusted value is present with flag
//     1, and PRES_ADJUSTED_ERROR is below 20 dbar (a missing error fails, as
//     in argopy's filter_researchmode).
//
// For the BGC parameters of B and synthetic files, argopy's code and
// documentation disagree (argopy issue 280); this package follows its code:
//
//   - Standard keeps radiometry (DOWN_IRRADIANCE*, UP_RADIANCE*,
//     DOWNWELLING_PAR) and BBP* parameters in any mode with no flag test, and
//     the other BGC parameters only in modes A and D, with values whose best
//     flag is not 1, 2, 5 or 8 set to NaN.
//   - Research keeps BGC parameters only in mode D, with values whose flag is
//     not 1, 5 or 8 set to NaN.
//   - Both drop intermediate parameters (those without adjusted variables,
//     such as C1PHASE_DOXY) and CDOM. BGC values never remove a level: only
//     the position, time and core parameters do.
type UserMode int

// User modes.
const (
	Standard UserMode = iota
	Expert
	Research
)

// String returns "standard", "expert" or "research".
func (m UserMode) String() string {
	switch m {
	case Expert:
		return "expert"
	case Research:
		return "research"
	}
	return "standard"
}

// ParseUserMode parses "expert", "standard" or "research" (any case).
func ParseUserMode(s string) (UserMode, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "expert":
		return Expert, true
	case "standard", "":
		return Standard, true
	case "research":
		return Research, true
	}
	return Standard, false
}

// coreParams are argopy's core parameters (list_core_parameters).
var coreParams = []string{"PRES", "TEMP", "PSAL"}

func isCore(name string) bool {
	return name == "PRES" || name == "TEMP" || name == "PSAL"
}

func isRadiometryOrBBP(name string) bool {
	for _, p := range []string{"DOWN_IRRADIANCE", "UP_RADIANCE", "DOWNWELLING_PAR", "BBP"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// Filter applies a user mode and returns copies of the profiles holding
// only the levels the mode keeps (profiles left with no level are dropped).
// In Standard and Research modes it also removes the parameters the mode
// does not deliver and sets refused BGC values to NaN (see [UserMode]);
// values are still read with [Param.Best]. The input is not modified.
func Filter(ps []*Profile, mode UserMode) []*Profile {
	var out []*Profile
	for _, p := range ps {
		if q := filterProfile(p, mode); q != nil {
			out = append(out, q)
		}
	}
	return out
}

func filterProfile(p *Profile, mode UserMode) *Profile {
	if mode == Research && p.DataMode != Delayed {
		return nil
	}
	pres := p.Param("PRES")
	if pres == nil {
		return nil
	}
	n := p.Levels()
	keep := make([]bool, n)
	posOK, timeOK := p.PositionQC.Good(), p.TimeQC.Good()
	if mode == Research {
		posOK, timeOK = p.PositionQC == QCGood, p.TimeQC == QCGood
	}
	var core []*Param
	for _, name := range coreParams {
		if q := p.Param(name); q != nil {
			core = append(core, q)
		}
	}
	kept := 0
	for l := range n {
		switch mode {
		case Expert:
			keep[l] = !math.IsNaN(at(pres.Raw, l, math.NaN())) || !math.IsNaN(at(pres.Adjusted, l, math.NaN()))
		case Standard:
			keep[l] = posOK && timeOK
			for _, q := range core {
				v, qc, _ := q.Best()
				if math.IsNaN(at(v, l, math.NaN())) || !at(qc, l, QCNone).Good() {
					keep[l] = false
					break
				}
			}
		case Research:
			keep[l] = posOK && timeOK
			for _, q := range core {
				if q.Mode != Delayed || math.IsNaN(at(q.Adjusted, l, math.NaN())) || at(q.AdjustedQC, l, QCNone) != QCGood {
					keep[l] = false
					break
				}
			}
			if keep[l] && !(at(pres.AdjustedError, l, math.NaN()) < 20) {
				keep[l] = false
			}
		}
		if keep[l] {
			kept++
		}
	}
	if kept == 0 {
		return nil
	}
	cp := *p
	cp.Params = nil
	for _, q := range p.Params {
		if mode != Expert && !delivers(q, mode) {
			continue
		}
		nq := subsetParam(q, keep, kept)
		if mode != Expert && !isCore(q.Name) {
			maskBGC(nq, mode)
		}
		cp.Params = append(cp.Params, nq)
	}
	return &cp
}

// delivers reports whether a user mode delivers a parameter at all.
func delivers(q *Param, mode UserMode) bool {
	if isCore(q.Name) {
		return true
	}
	if q.Adjusted == nil || strings.HasPrefix(q.Name, "CDOM") {
		return false // intermediate parameter, or CDOM
	}
	switch mode {
	case Research:
		return q.Mode == Delayed
	case Standard:
		return isRadiometryOrBBP(q.Name) || q.Mode.UsesAdjusted()
	}
	return true
}

// maskBGC sets to NaN the BGC values whose flag the mode refuses.
func maskBGC(q *Param, mode UserMode) {
	if mode == Standard && isRadiometryOrBBP(q.Name) {
		return
	}
	_, qc, _ := q.Best()
	for l, f := range qc {
		ok := f.GoodOrChanged()
		if mode == Research {
			ok = f == QCGood || f == QCChanged || f == QCEstimated
		}
		if !ok {
			for k := l * max(q.NValues, 1); k < (l+1)*max(q.NValues, 1); k++ {
				if k < len(q.Raw) {
					q.Raw[k] = math.NaN()
				}
				if k < len(q.Adjusted) {
					q.Adjusted[k] = math.NaN()
				}
			}
		}
	}
}

// subsetParam copies the kept levels of a parameter.
func subsetParam(q *Param, keep []bool, kept int) *Param {
	w := max(q.NValues, 1)
	sub := func(x []float64) []float64 {
		if x == nil {
			return nil
		}
		out := make([]float64, 0, kept*w)
		for l, k := range keep {
			if k && (l+1)*w <= len(x) {
				out = append(out, x[l*w:(l+1)*w]...)
			}
		}
		return out
	}
	subQC := func(x []QC) []QC {
		if x == nil {
			return nil
		}
		out := make([]QC, 0, kept*w)
		for l, k := range keep {
			if k && (l+1)*w <= len(x) {
				out = append(out, x[l*w:(l+1)*w]...)
			}
		}
		return out
	}
	nq := *q
	nq.Raw, nq.Adjusted, nq.AdjustedError = sub(q.Raw), sub(q.Adjusted), sub(q.AdjustedError)
	nq.STD, nq.MED, nq.DPres = sub(q.STD), sub(q.MED), sub(q.DPres)
	nq.RawQC, nq.AdjustedQC = subQC(q.RawQC), subQC(q.AdjustedQC)
	return &nq
}

// Point is one level of one profile, flattened: the rows argopy calls
// N_POINTS.
type Point struct {
	Platform   string
	Cycle      int
	Direction  Direction
	DataMode   Mode
	Time       time.Time
	TimeQC     QC
	Lat, Lon   float64
	PositionQC QC
	Pres       float64 // best pressure (dbar)
	PresQC     QC
	PresError  float64
	Values     []Measure // the other parameters of the profile, in profile order
}

// Measure is the best value of one parameter at one level.
type Measure struct {
	Name  string
	Value float64
	QC    QC
	Error float64 // NaN when the mode supplies no error (R mode)
	Mode  Mode
}

// Value returns the measure of the named parameter at this point.
func (pt *Point) Value(name string) (Measure, bool) {
	for _, m := range pt.Values {
		if m.Name == name {
			return m, true
		}
	}
	return Measure{}, false
}

// Points applies a user mode ([Filter]) and flattens the result to one
// Point per kept level, with the best value, flag and error of each
// parameter ([Param.Best]); spectra (NValues > 1) are left out.
func Points(ps []*Profile, mode UserMode) []Point {
	var out []Point
	for _, p := range Filter(ps, mode) {
		out = appendPoints(out, p)
	}
	return out
}

func appendPoints(out []Point, p *Profile) []Point {
	pres := p.Param("PRES")
	if pres == nil {
		return out
	}
	pv, pqc, perr := pres.Best()
	type best struct {
		q    *Param
		v    []float64
		qc   []QC
		errs []float64
	}
	var params []best
	for _, q := range p.Params {
		if q.Name == "PRES" || q.NValues > 1 {
			continue
		}
		v, qc, e := q.Best()
		params = append(params, best{q, v, qc, e})
	}
	nan := math.NaN()
	for l := range p.Levels() {
		pt := Point{
			Platform: p.Platform, Cycle: p.Cycle, Direction: p.Direction, DataMode: p.DataMode,
			Time: p.Time, TimeQC: p.TimeQC, Lat: p.Lat, Lon: p.Lon, PositionQC: p.PositionQC,
			Pres: at(pv, l, nan), PresQC: at(pqc, l, QCNone), PresError: at(perr, l, nan),
			Values: make([]Measure, len(params)),
		}
		for k, b := range params {
			pt.Values[k] = Measure{Name: b.q.Name, Value: at(b.v, l, nan), QC: at(b.qc, l, QCNone), Error: at(b.errs, l, nan), Mode: b.q.Mode}
		}
		out = append(out, pt)
	}
	return out
}
